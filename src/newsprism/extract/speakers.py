"""Speakers: the source of a cue found in the parse, resolved to a name.

A person named in the subject phrase, a pronoun to the last speaker or person (by the
gender the article gives them), a role description ("the Russian leader") through
:mod:`newsprism.extract.entities`, institutions by their name ("the Kremlin" →
"Kremlin", "a Kremlin statement" → "Kremlin", "Macron's office" stays as it is).
:class:`Context` is what the resolver remembers while walking an article; quotes and
events share it, and the small parse helpers (:func:`child`, :func:`subject`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsprism.model import Entity

from .cue_lexicon import SPEECH_VERBS, THOUGHT_VERBS
from .quote_marks import QuoteSpan
from .spacy_pass import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "DOCUMENT_NOUNS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "RELATIVE_PRONOUNS",
    "THING_PRONOUNS",
    "Context",
    "Speaker",
    "child",
    "dateline",
    "dateline_dash",
    "first_named",
    "has_word",
    "inverted_source",
    "name_right_before",
    "np_text",
    "resolve_speaker",
    "subject",
    "subtree_span",
    "trim",
]

# Head nouns of a source that stand for the organisation named inside them.
DOCUMENT_NOUNS = frozenset(
    """statement readout release communique communiqué report transcript note letter
    memo announcement tweet post website document decree summary""".split()
)
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "you"}
PLURAL_PRONOUNS = {"they", "them", "we"}
THING_PRONOUNS = {"it"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_HE = re.compile(r"\b(?:he|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|herself)\b", re.I)


def subtree_span(tok: Token) -> tuple[int, int]:
    """Token index range [lo, hi] of ``tok``'s subtree (contiguous by projectivity)."""
    lefts = tok.left_edge.i
    rights = tok.right_edge.i
    return lefts, rights


def child(
    tok: Token, deps: Iterable[str], where: Callable[[Token], bool] | None = None
) -> Token | None:
    """The first child of ``tok`` with one of ``deps`` (and passing ``where``, if given)."""
    deps = set(deps)
    for c in tok.children:
        if c.dep_ in deps and (where is None or where(c)):
            return c
    return None


def has_word(tok: Token) -> bool:
    """A token with a letter or digit: not a dash the tagger took for a noun."""
    return any(ch.isalnum() for ch in tok.text)


# How a name modifies a common noun ("Sanders supporters", "old Iowa political hands").
_MODIFIER = frozenset({"compound", "nmod", "amod"})
_DASHES = frozenset(("—", "–", "--", "-", "_"))


def dateline(tok: Token) -> bool:
    """The place of a dateline, which the parser may take for a subject ("WASHINGTON, Aug.
    24 (UPI) — A spokesman ... called"): a capitalised place opening the sentence, a
    dash after it and its own words (date, agency) before the dash."""
    if tok.i != tok.sent.start or not tok.text.isupper() or len(tok.text) < 3:
        return False
    return any(c.dep_ == "punct" and c.text in _DASHES for c in tok.rights)


def dateline_dash(place: Token) -> int:
    """Index of the dash that ends the dateline ``place`` opens (:func:`dateline`)."""
    return min(c.i for c in place.rights if c.dep_ == "punct" and c.text in _DASHES)


def _after_dateline(place: Token) -> Token | None:
    """The apposition the parser hung on a dateline's place after its dash."""
    dash = dateline_dash(place)
    return child(place, ("appos",), where=lambda t: t.i > dash)


def a_subject(tok: Token) -> bool:
    """A token that may be a subject: a word, not a dateline's place."""
    return has_word(tok) and not dateline(tok)


def _controller(verb: Token) -> Token | None:
    """The noun phrase that is the understood subject of a subjectless verb (#19).

    Object control: "led Priebus to declare", "urged them to say" (an infinitive under a
    verb with a direct object) and "blamed the network for reporting", "accused him of
    lying" (a gerund after "for"/"of" under such a verb); a possessor of the noun an
    infinitive completes: "the Cruz campaign's decision to tell".
    """
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "xcomp" and head.pos_ in {"VERB", "AUX"}:
        # A name, a pronoun or a plural noun ("his supporters"): not "used the example
        # of Chicago to prove", a purpose.
        obj = child(head, ("dobj",))
        if obj is None or obj.i > verb.i:
            return None
        return obj if obj.pos_ in {"PROPN", "PRON"} or obj.tag_ == "NNS" else None
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in {"for", "of"}:
        if head.head is not head and head.head.pos_ == "VERB":
            obj = child(head.head, ("dobj",))
            return obj if obj is not None and obj.i < head.i else None
    if verb.dep_ == "acl" and child(verb, ("aux",), where=lambda t: t.lower_ == "to"):
        return child(head, ("poss",))
    return None


def _shown_saying(verb: Token) -> Token | None:
    """The one a recording shows saying it: "a clip of McCain saying he will support the
    nominee", where the parser hangs the participle on "clip" (#19)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = child(prep, ("pobj",))
            if obj is not None and obj.right_edge.i == verb.i - 1 and obj.pos_ in {"PROPN", "NOUN"}:
                return obj
    return None


def _predicated_of(noun: Token) -> Token | None:
    """The subject a predicate noun is said of: "Cruz is the only top-tier contender here
    to have pledged to visit every Iowa county" (holdout8): the contender is Cruz."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_ != "be":
        return None
    subj = child(verb, ("nsubj",))
    return subj if subj is not None and subj.pos_ in {"PROPN", "NOUN"} else None


def _trailing_participle(tok: Token) -> bool:
    """A sentence-final ", saying ..." hung on a clause that is itself reported (the
    complement of a cue or of a noun like "idea")."""
    head = tok.head
    return (
        tok.tag_ == "VBG"
        and tok.dep_ == "advcl"
        and tok.i > 0
        and tok.nbor(-1).text == ","
        and head is not tok
        and head.dep_ in {"acl", "ccomp"}
        and head.head is not head
        and child(head, ("mark",)) is not None
        and head.lemma_.lower() not in SPEECH_VERBS | THOUGHT_VERBS
    )


def subject(
    tok: Token, inside: Callable[[Token], bool] | None = None, *, control: bool = False
) -> Token | None:
    """Subject of a cue, inherited from the verb it depends on ('adding', conjuncts).

    ``inside(token) -> bool`` tells whether a token lies inside a quotation: a cue outside
    a quotation does not take its subject from inside one ('“…,” adding, “…”'). With
    ``control`` an object or possessor that controls a subjectless verb is its subject
    (:func:`_controller`); PolNeAR's attributions credit the main clause's subject
    ("Cruz thanked Trump for backing ...": Cruz's stance), a reader the one who spoke.
    """
    seen = 0
    cur: Token | None = tok
    if control and _trailing_participle(tok):
        # "Lewandowski rejected the idea that the developer would be a drag on the ticket,
        # saying the huge crowds ... prove ...": the parser hangs the participle on the
        # reported clause; it reports the sentence's speaker (holdout7)
        cur = tok.head.head
    while cur is not None and seen < 5:
        # A dash the tagger took for a noun ("made public ― Trump boasted") is no subject:
        # the name after it is; nor is a dateline's place ("WASHINGTON — A spokesman said")
        subj = child(cur, ("nsubj", "nsubjpass", "csubj"), where=has_word)
        if subj is not None and dateline(subj):
            # "WASHINGTON -- President Obama ... said": the apposition after the dash
            subj = _after_dateline(subj) or child(
                cur, ("nsubj", "nsubjpass", "csubj"), where=a_subject
            )
        if subj is not None and cur is not tok and inside is not None and inside(subj):
            subj = None
        if subj is not None:
            return subj
        if child(cur, ("expl",)) is not None:
            # "there is little to draw from his approach to suggest that he could
            # succeed": the clause's subject is nobody, not a conjunct's (holdout9)
            return None
        controller = _controller(cur) if control else None
        if controller is not None:
            return controller
        if cur.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acomp"} and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        if (
            cur.dep_ in {"relcl", "acl"}
            and cur.head is not cur
            and cur.head.pos_ in {"NOUN", "PROPN", "PRON"}
        ):
            if control and (shown := _shown_saying(cur)) is not None:
                return shown
            if control and (named := _predicated_of(cur.head)) is not None:
                return named
            return cur.head  # "the Super PAC backing Bush", "officials who said"
        if cur.dep_ in {"pcomp", "pobj", "prep"} and cur.head is not cur:
            cur = cur.head  # "by saying", "after saying"
            seen += 1
            continue
        break
    return None


def inverted_source(cue: Token) -> Token | None:
    """The nominal right after a cue ('said Leslie Wimes, a …'), taken as its source."""
    for c in cue.rights:
        if c.dep_ in {"dobj", "attr", "nsubj", "npadvmod", "dative"}:
            if c.pos_ in {"PROPN", "NOUN"}:
                return c
            return None
    return None


TRIM_CHARS = " \t\n\xa0\u2009\u202f,;:—–-"  # with no-break and thin spaces


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and loose punctuation, keeping quotation marks."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS + ".":
        end -= 1
    return start, end


@dataclass
class Speaker:
    name: str | None
    start: int | None
    end: int | None
    is_person: bool


@dataclass
class Context:
    """What the resolver remembers while walking the article."""

    text: str
    entities: list[Entity]
    marks: list[QuoteSpan]
    last_speaker: list[tuple[int, Speaker]] = field(default_factory=list)
    control: bool = False  # subjects by object control (:func:`subject`), for statements
    _genders: dict[str, str] | None = None

    def gender(self, name: str | None) -> str | None:
        """'m' or 'f' when the article refers to the person so (he/his vs she/her after
        their mentions, Mr./Ms. before them), else None."""
        if name is None:
            return None
        if self._genders is None:
            votes: dict[str, list[int]] = {}
            persons = [e for e in self.entities if e.label == "PERSON"]
            for k, e in enumerate(persons):
                nxt = persons[k + 1].start if k + 1 < len(persons) else len(self.text)
                # Subject pronouns later in the same sentence ("X arrived, where she met").
                stop = min(nxt, e.end + 200)
                m_end = re.search(r"[.!?]\s", self.text[e.end : stop])
                window = (
                    self.text[e.end : e.end + m_end.start()] if m_end else self.text[e.end : stop]
                )
                before = self.text[max(0, e.start - 5) : e.start]
                v = votes.setdefault(e.canonical, [0, 0])
                v[0] += len(_HE.findall(window)) + (2 if re.search(r"Mr\.?\s*$", before) else 0)
                v[1] += len(_SHE.findall(window)) + (
                    2 if re.search(r"M(?:rs|s)\.?\s*$", before) else 0
                )
            self._genders = {
                n: ("m" if m > 2 * f else "f")
                for n, (m, f) in votes.items()
                if m > 2 * f or f > 2 * m
            }
        return self._genders.get(name)

    def fits(self, name: str | None, pronoun: str) -> bool:
        """Whether ``pronoun`` can refer to ``name`` (unknown gender fits both)."""
        want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pronoun)
        got = self.gender(name)
        return want is None or got is None or got == want

    def inside_quote(self, pos: int) -> bool:
        return any(q.start < pos < q.end and q.words > 3 for q in self.marks)

    def quoted_name(self, pos: int) -> bool:
        """Whether a name at ``pos`` is a word of a closed quotation, however short ("''I
        love Oreos,'' he said"): not the person a pronoun outside it stands for (#19)."""
        return any(q.start < pos < q.end and q.closed for q in self.marks)

    def quoted_in(self, sent: Sentence) -> Callable[[Token], bool]:
        """Whether a token of ``sent`` lies inside a quotation (for :func:`subject`)."""
        return lambda t: self.inside_quote(sent.start(t))

    def entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def person_named(self, name: str) -> str | None:
        """Canonical name of the article's person called ``name`` (a surname or full name)."""
        key = name.casefold()
        for e in self.entities:
            if e.label == "PERSON" and (
                e.canonical.casefold() == key or e.canonical.casefold().endswith(" " + key)
            ):
                return e.canonical
        return None

    def person_in_sentence_before(
        self, sent_start: int, pos: int, pronoun: str = ""
    ) -> Entity | None:
        for e in reversed(self.entities):
            if (
                self.fits(e.canonical, pronoun)
                and sent_start <= e.start
                and e.end <= pos
                and e.label == "PERSON"
                and not self.quoted_name(e.start)
            ):
                return e
        return None

    def last_person_before(self, pos: int, pronoun: str = "") -> Entity | None:
        for e in reversed(self.entities):
            if (
                e.end <= pos
                and e.label == "PERSON"
                and self.fits(e.canonical, pronoun)
                and not self.quoted_name(e.start)
            ):
                return e
        return None

    def recent_speaker(
        self, sent_index: int, want_person: bool | None, window: int = 4, pronoun: str = ""
    ) -> Speaker | None:
        # The latest speaker of the nearest sentence at or before ``sent_index``: the list
        # is in the order quotes were found, and the floating pass runs after every
        # sentence's cues, so later sentences' speakers are in it too and are skipped.
        best: tuple[int, int] | None = None
        found = None
        for order, (k, spk) in enumerate(self.last_speaker):
            if k > sent_index or sent_index - k > window:
                continue
            if spk.name is None or not self.fits(spk.name, pronoun):
                continue
            if want_person is not None and spk.is_person != want_person:
                continue
            if best is None or (k, order) > best:
                best, found = (k, order), spk
        return found


def np_text(text: str, start: int, end: int) -> str:
    s = " ".join(text[start:end].split())
    s = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", s)
    return s.strip(" ,.;:")


# Writings that speak for whoever wrote or published them.
_WRITINGS = DOCUMENT_NOUNS | frozenset("article story column editorial piece op-ed book".split())


def _author_of_writing(
    ctx: Context, sent: Sentence, doc_noun: Token, sent_index: int
) -> Speaker | None:
    """Who a writing speaks for (the reader's mode, #19): its author or publisher named in
    a phrase of its own ("a new article in Politico", "a report from the State Department's
    inspector general"), else the subject of the verb it is the medium of ("Forbes shot
    back in an article stating that ..."); None when neither is there."""
    for prep in doc_noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "from", "by"}:
            continue
        obj = child(prep, ("pobj",))
        author = _named_author(ctx, sent, obj) if obj is not None else None
        if author is not None:
            return author
    if doc_noun.dep_ == "pobj" and doc_noun.head.lower_ in {"on", "about"}:
        about = doc_noun.head.head
        if about.pos_ == "NOUN" and about.lemma_.lower() in _WRITINGS:
            # "an editor's note on the story saying ...": the note speaks, not the story
            return _author_of_writing(ctx, sent, about, sent_index)
    verb = doc_noun.head.head if doc_noun.dep_ == "pobj" else None
    if verb is not None and doc_noun.head.lower_ in {"in", "with"} and verb.pos_ == "VERB":
        subj = child(verb, ("nsubj",))
        if subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
            return resolve_speaker(ctx, sent, subj, sent_index)
    return None


def _named_author(ctx: Context, sent: Sentence, obj: Token) -> Speaker | None:
    """The person or organisation the noun phrase headed by ``obj`` names, if any."""
    lo, hi = subtree_span(obj)
    a, b = sent.start(obj.doc[lo]), sent.end(obj.doc[hi])
    head = [e for e in ctx.entities_in(a, b) if e.start <= sent.start(obj) < e.end]
    if head and head[0].label in {"PERSON", "ORG"}:
        return Speaker(head[0].canonical, a, b, head[0].label == "PERSON")
    if obj.pos_ == "PROPN" and not head:
        return Speaker(np_text(ctx.text, a, b), a, b, False)  # a title NER missed
    if obj.pos_ == "NOUN" and ctx.entities_in(a, b):
        # "the State Department's inspector general": the office, named by its owner.
        return Speaker(np_text(ctx.text, a, b), a, b, False)
    return None


def _maker(ctx: Context, sent: Sentence, noun: Token) -> Speaker | None:
    """Who made the thing ``noun`` names, by its "by" phrase: "a gaffe by House Majority
    Leader Kevin McCarthy suggested", "a declaration filed in federal court by John F.
    Hackett" (#19: a thing says nothing; its maker does). None without one."""
    for c in noun.children:
        agent: Token | None
        if c.dep_ == "prep" and c.lower_ == "by":
            agent = c
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            agent = child(c, ("agent",))
        else:
            continue
        obj = child(agent, ("pobj",)) if agent is not None else None
        if obj is not None and obj.pos_ == "PROPN":
            return _named_author(ctx, sent, obj)
    return None


def _person_subject_above(ctx: Context, sent: Sentence, pron: Token, low: str) -> Entity | None:
    """The person named as the subject of a clause the pronoun's clause depends on (or is
    coordinated with), before the pronoun and outside quotation marks; None if none."""
    cur = pron.head
    seen = 0
    while cur.head.i != cur.i and seen < 6:
        cur = cur.head
        seen += 1
        main = child(cur, ("nsubj",))
        if main is None or main.i >= pron.i:
            continue
        head = sent.start(main)
        for e in ctx.entities:
            if (
                e.label == "PERSON"
                and e.start <= head < e.end
                and ctx.fits(e.canonical, low)
                and not ctx.quoted_name(e.start)
            ):
                return e
    return None


def resolve_speaker(ctx: Context, sent: Sentence, subj: Token, sent_index: int) -> Speaker:
    """Name the source whose head token is ``subj``."""
    text = ctx.text
    low = subj.lower_
    rel_span: tuple[int, int] | None = None
    # Relative pronoun: the noun the relative clause modifies.
    if low in RELATIVE_PRONOUNS and subj.tag_ in {"WDT", "WP", "IN", "DT"}:
        # The noun the relative clause modifies ("officials who said").
        verb = subj.head
        while (
            verb.dep_ != "relcl"
            and verb.head.i != verb.i
            and verb.dep_ in {"ccomp", "xcomp", "conj"}
        ):
            verb = verb.head
        if verb.dep_ != "relcl":
            start = sent.start(subj)
            return Speaker(None, start, start + len(subj.text), False)
        rel_span = (sent.start(subj), sent.end(subj))
        subj = verb.head
        low = subj.lower_
    lo, hi = subtree_span(subj)
    doc = subj.doc
    # Leave relative clauses and trailing appositions' clauses out of the source span.
    for c in subj.rights:
        if c.dep_ in {"relcl", "acl"}:
            hi = min(hi, c.left_edge.i - 1)
    s_start, s_end = sent.start(doc[lo]), sent.end(doc[hi])
    s_start, s_end = trim(text, s_start, s_end)
    if rel_span is not None:
        # The source mention is the relative pronoun; the name comes from its noun.
        spk = resolve_speaker(ctx, sent, subj, sent_index)
        return Speaker(spk.name, rel_span[0], rel_span[1], spk.is_person)
    if low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS and subj.pos_ == "PRON":
        want = True if low in PERSON_PRONOUNS else (False if low in THING_PRONOUNS else None)
        if want is True and ctx.control:
            # The reader's mode: the subject of a clause above the pronoun's, before it,
            # over the nearest name ("Lynch still has the final say on whether Clinton
            # faces prosecution, and though she has said ...": Lynch; centering, #19).
            ent = _person_subject_above(ctx, sent, subj, low)
            if ent is not None:
                return Speaker(ent.canonical, s_start, s_end, True)
        if want is True:
            # A person named earlier in the same sentence ("Macron's office said he ...").
            ent = ctx.person_in_sentence_before(sent.start_char, sent.start(subj), low)
            if ent is not None:
                return Speaker(ent.canonical, s_start, s_end, True)
        recent = ctx.recent_speaker(sent_index, want, pronoun=low)
        if recent is None and want is not False:
            ent = ctx.last_person_before(sent.start(subj), low)
            if ent is not None:
                return Speaker(ent.canonical, s_start, s_end, True)
        if recent is not None:
            return Speaker(recent.name, s_start, s_end, recent.is_person)
        return Speaker(None, s_start, s_end, want is True)
    if ctx.control and subj.pos_ == "NOUN":
        if subj.lemma_.lower() in _WRITINGS:
            author = _author_of_writing(ctx, sent, subj, sent_index)
        else:
            author = _maker(ctx, sent, subj)
        if author is not None:
            return Speaker(author.name, s_start, s_end, author.is_person)
    ents = ctx.entities_in(s_start, s_end)
    head_start, head_end = sent.start(subj), sent.end(subj)
    persons = [e for e in ents if e.label == "PERSON"]
    poss = child(subj, ("poss",))
    # "Macron's office", "the Kremlin's statement": an institution named by its owner.
    if poss is not None and subj.pos_ in {"NOUN"}:
        if subj.lemma_.lower() in DOCUMENT_NOUNS:
            owner = ctx.entities_in(sent.start(poss.left_edge), sent.end(poss))
            if owner:
                return Speaker(owner[-1].canonical, s_start, s_end, owner[-1].label == "PERSON")
        lo2 = poss.left_edge.i
        return Speaker(np_text(text, sent.start(doc[lo2]), head_end), s_start, s_end, False)
    if persons:
        # The person the phrase is about: the head itself, else the first person named.
        for e in persons:
            if e.start <= head_start < e.end:
                return Speaker(_and_others(ctx, sent, subj, e.canonical), s_start, s_end, True)
        for e in persons:
            # skip persons inside a prepositional modifier ("an aide to Clinton")
            tok_i = None
            for t in doc[lo : hi + 1]:
                if sent.start(t) == e.start:
                    tok_i = t
                    break
            if tok_i is not None and any(
                a.dep_ == "prep" for a in tok_i.ancestors if a.i >= lo and a.i <= hi
            ):
                continue
            last = tok_i
            while last is not None and last.i < hi and sent.end(last) < e.end:
                last = doc[last.i + 1]
            if last is not None and last.dep_ in _MODIFIER and last.head.pos_ == "NOUN":
                # "local militias and Kiev forces", "Sanders supporters", "the Cruz
                # campaign", "old Iowa political hands" (holdout8): a name modifying a
                # common noun is not the one speaking (#19).
                continue
            name = _and_others(ctx, sent, last, e.canonical) if last is not None else e.canonical
            return Speaker(name, s_start, s_end, True)
    return _unnamed_source(ctx, sent, subj, ents, (s_start, s_end), sent_index)


def _unnamed_source(
    ctx: Context,
    sent: Sentence,
    subj: Token,
    ents: list[Entity],
    span: tuple[int, int],
    sent_index: int,
) -> Speaker:
    """A source that names no person: an organisation, a document's, a common noun's."""
    s_start, s_end = span
    head_start, head_end = sent.start(subj), sent.end(subj)
    text, doc = ctx.text, subj.doc
    others = [e for e in ents if e.label != "PERSON"]
    if others:
        for e in others:
            if e.start <= head_start < e.end:
                return Speaker(e.canonical, s_start, s_end, False)
        if subj.lower_ in DOCUMENT_NOUNS:
            return Speaker(others[0].canonical, s_start, s_end, False)
    if subj.lower_ in DOCUMENT_NOUNS and subj.pos_ == "NOUN":
        # "the statement said": the organisation that last spoke.
        last_org = ctx.recent_speaker(sent_index, False, window=8)
        if last_org is not None:
            return Speaker(last_org.name, s_start, s_end, False)
    if subj.text[:1].isupper():
        known = ctx.person_named(subj.text)
        if known is not None:
            return Speaker(known, s_start, s_end, True)
    if subj.pos_ == "PRON" or subj.tag_ in {"WDT", "WP", "EX"}:
        return Speaker(None, s_start, s_end, False)
    # A common-noun source ("a spokesperson", "U.S. officials"): its own words, with the
    # name it belongs to ("supporters of Democrat Hillary Clinton", not "supporters", who
    # may be anyone's; holdout7).
    left = subj.left_edge.i
    name = np_text(text, sent.start(doc[left]), _owner_end(sent, subj) or head_end)
    return Speaker(name or None, s_start, s_end, False)


def _owner_end(sent: Sentence, noun: Token) -> int | None:
    """End of a short "of"/"for"/"to" phrase naming whom a common noun belongs to
    ("supporters of Democrat Hillary Clinton", "an aide to Clinton"); None without one."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for", "to"}:
            lo, hi = subtree_span(prep)
            owner = child(prep, ("pobj",))
            if hi - lo < 6 and owner is not None and owner.pos_ == "PROPN":
                return sent.end(prep.doc[hi])
            return None
    return None


def _and_others(ctx: Context, sent: Sentence, tok: Token, name: str) -> str:
    """A person with the persons coordinated after them ("Lawrence Joyce and William
    Graham"); the person alone when a conjunct is no named person ("Cruz and his aides")."""
    names = [name]
    for c in tok.conjuncts:
        if c.i < tok.i:
            continue
        pos = sent.start(c)
        e = next((e for e in ctx.entities if e.label == "PERSON" and e.start <= pos < e.end), None)
        if e is None:
            return name
        if e.canonical not in names:
            names.append(e.canonical)
    return " and ".join(names)


def name_right_before(ctx: Context, pos: int) -> Speaker | None:
    """A person or organisation named right before ``pos`` (one space apart), if any."""
    names = [
        e
        for e in ctx.entities
        if e.label in {"PERSON", "ORG"} and 0 <= pos - e.end <= 1 and e.start < pos
    ]
    if not names:
        return None
    e = names[-1]
    return Speaker(e.canonical, e.start, e.end, e.label == "PERSON")


def first_named(ctx: Context, start: int, end: int) -> Entity | None:
    """The first person or organisation named in ``[start, end)``, if any."""
    return next((e for e in ctx.entities_in(start, end) if e.label in {"PERSON", "ORG"}), None)
