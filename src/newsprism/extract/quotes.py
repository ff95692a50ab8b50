"""Direct and reported quotes with their speakers.

The method follows the Gender Gap Tracker's quote extractor and the PARC/PolNeAR
conventions (cue, source, content):

1. *Syntactic quotes*: in each sentence with a verb of saying or thinking (a cue), the
   dependency parse gives the source (the cue's subject, or the object of "according
   to") and the content (the cue's clausal complement, or the quotation next to the
   cue, or the clause "according to" is attached to). The parse runs only on sentences
   with a quotation mark, "according to" or a word that may be a cue (a lexicon verb, or
   a lemma the learned detector of step 4 weighs towards a cue).
2. *Quotation marks*: a scan of the text pairs opening and closing marks of any style
   (straight, curly, single, guillemets, „German“); a paragraph that opens a quotation
   and does not close it continues into the next paragraph that opens with a mark.
   A quotation next to a cue becomes that cue's content, whole.
3. *Floating quotes*: a quotation with no cue of its own takes the speaker of the
   sentence before it when that sentence introduces it ("X said:") or when the previous
   paragraph ended with a quote, else a person named in its sentence, else the speaker of
   its own or the previous sentence; a quotation of six words or more with nobody to
   credit is still a candidate (rule ``unattributed``, no speaker).

4. *Learned cues*: a verb the lexicon lacks ("floated a plan", "hammered her rival") is a
   cue when a logistic model over its parse context (:func:`cue_features`; weights in
   ``data/cue_model.json``, trained on PolNeAR's train split by
   ``tools/train_cue_model.py``) gives it at least the stored threshold; its content is
   its complement, infinitive or object, and its subject the source. The threshold is
   low (a candidate), because step 5 decides.
5. *Verification*: every candidate of the rules above gets features (the rule that found
   it, the cue's lemma, class and detector probability, how the content was reached, the
   words between cue and content, the content's length, first word and marks, the kind of
   speaker; :func:`verify_features`), and a logistic model trained on PolNeAR's train
   candidates by ``tools/train_quote_verifier.py`` (``data/quote_verifier.json``) keeps
   those it scores at least at its stored threshold.

Speakers are resolved to names: a person named in the subject phrase, a pronoun to the
last speaker or person, a role description ("the Russian leader") through
:mod:`newsprism.extract.entities`, institutions by their name ("the Kremlin" →
"Kremlin", "a Kremlin statement" → "Kremlin", "Macron's office" stays as it is).
Quotes whose marks a scraper stripped ("Lets not be naive, he said.") are found by their
shape: a clause, a comma, then the speaker and the cue.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from newsprism.model import Article, Entity, Quote

from ._nlp import (
    Sentence,
    char_to_sentence,
    ensure_doc,
    has_verb_form,
    parsed_sentences,
    verb_lemmas,
)
from .entities import extract_entities
from .quote_cues import is_statement, revise_speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_quotes", "find_quote_marks", "CUE_VERBS", "QuoteSpan"]

# Verbs that introduce a statement, belief or intention (PARC/PolNeAR cues); the most
# frequent cue lemmas of PolNeAR's training split plus common synonyms.
SPEECH_VERBS = frozenset(
    """say tell add write ask note report announce suggest argue explain declare state
    claim insist warn acknowledge admit recall respond reply answer conclude stress
    emphasize emphasise mention predict promise vow pledge deny confirm reveal indicate
    tweet post testify complain comment contend assert maintain reiterate repeat
    caution concede observe inform joke quip remark allege charge accuse criticize
    criticise praise urge propose demand question threaten signal describe call
    counter retort boast brag lament concur affirm assure announce disclose estimate
    advise recommend proclaim speculate hint imply acknowledge continue agree disagree
    dismiss reject blame order instruct forecast guarantee swear testify complain
    underline highlight point""".split()
)
THOUGHT_VERBS = frozenset(
    """think believe know feel fear hope expect worry doubt suspect understand realize
    realise want wish plan intend consider figure guess reckon assume decide
    see find show prove seem appear learn hear read""".split()
)
# Stances and evaluations that PolNeAR annotates as attributions ("backing Bush",
# "praised the efforts"): content is the object.
STANCE_VERBS = frozenset(
    """support back oppose endorse favor favour prefer praise applaud criticize criticise
    mock slam blast tout defend thank congratulate discuss mention talk speak cite refer
    name label brand accuse blame condemn denounce decry bemoan lament echo chant yell
    shout exclaim email retweet recognize regard disavow express vote choose
    encourage welcome hail credit attack question challenge dispute ridicule pan
    acknowledge recount recap highlight champion advocate pledge""".split()
)
# Verbs marked as cues in at least 40% of their (at least 4) occurrences in the first 400
# training documents of PolNeAR, not covered above ("hop" is spaCy's lemma of "hopes").
LEARNED_CUES = frozenset(
    """offer seek decline refuse hop view remind present list portray press introduce deem
    apologize apologise wonder assail rail allude quote document plead recite title
    distance reference rebuff underscore detail vouch articulate dwell balk liken
    interpret repudiate envision rebut coin dub clarify rebuke deride utter""".split()
)
STANCE_VERBS = STANCE_VERBS | LEARNED_CUES
CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS | STANCE_VERBS
# Verbs whose infinitive complement is their content ("promised to ...", "wants to ...").
XCOMP_CUES = frozenset(
    """promise vow pledge threaten want hope hop plan refuse decline urge call ask offer
    agree seek intend expect wish decide demand aim press persuade convince remind
    apologize apologise""".split()
)
# Verbs whose direct object is their content ("announced a plan", "denied the report").
DOBJ_CUES = (
    frozenset(
        """announce propose deny confirm predict promise suggest acknowledge admit reveal
    demand criticize criticise praise dismiss reject say write tweet post question
    reiterate repeat estimate disclose show find want see prefer describe""".split()
    )
    | STANCE_VERBS
)
# Prepositions whose object is the content ("talked about X", "called for X", "voted for X").
CONTENT_PREPS = frozenset({"about", "for", "of", "on", "against", "over", "to", "at"})
# Verbs of speaking whose "to"/"at" object is the listener or the venue, not what
# was said ("spoke to reporters", "speaking at Drexel").
_ADDRESSEE_VERBS = frozenset("speak talk say explain write tweet post announce".split())
# Verbs of saying whose content is a clause, found by position when the parse misses it.
_CLAUSE_CUES = frozenset(
    "say tell add write argue claim insist note warn explain state assert contend".split()
)
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

# Opening mark → closing marks accepted for it.
_PAIRS = {
    "“": '”“"',
    "„": '“”"',
    "‟": '”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    '"': '"”“',
    "‘": "’",
    "'": "'’",
}
_DOUBLE_OPEN = '“„‟«"'
_ALL_MARKS = set("\"“”„‟«»‹›‘’'")
MIN_FLOATING_WORDS = 4
MIN_UNATTACHED_WORDS = 6
# Cues that stay quotes of their own inside another statement ("Macron said Putin told
# him ..."); other cues inside a statement are part of it.
_NESTED_CUES = frozenset(
    """say tell add write ask state announce warn claim insist note report confirm deny
    reiterate promise""".split()
)


@dataclass
class QuoteSpan:
    """A stretch of text between quotation marks (marks included)."""

    start: int
    end: int
    closed: bool = True
    words: int = 0
    used: bool = field(default=False, compare=False)


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    c = text[i]
    if c in "“„‟«‹":
        return not nxt.isspace() or c in "«‹"
    if c in "\"‘'":
        # A straight or single mark opens at the start of a word, not inside one.
        return (prev.isspace() or prev in "([{—–-:/" or i == 0) and not nxt.isspace()
    return False


def _is_closing(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in _PAIRS.get(opener, ""):
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > 0 else " "
    if c in "’'" and (nxt.isalpha() or (prev.isalpha() and nxt.isalpha())):
        return False  # an apostrophe: Moscow’s, don't
    if c == "“" and opener == "“":
        # Some sites use “ for both ends: it closes only before a space or punctuation.
        return nxt.isspace() or nxt in ",.;:!?)"
    return True


def find_quote_marks(text: str) -> list[QuoteSpan]:
    """Spans enclosed by quotation marks, in any common style, marks included.

    An opening mark not closed by the end of its paragraph ends the span there; when
    the next paragraph opens with a quotation mark, the quotation continues into it.
    """
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _PAIRS and _is_opening(text, i):
            opener = c
            start = i
            j = i + 1
            closed_at = -1
            while j < n:
                ch = text[j]
                if ch == "\n":
                    # Paragraph end: continue only when the next paragraph opens a quote.
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] in _PAIRS and text[k] == opener and _is_opening(text, k):
                        j = k + 1
                        continue
                    break
                if ch in _ALL_MARKS and _is_closing(text, j, opener):
                    closed_at = j
                    break
                j += 1
            if closed_at >= 0:
                end = closed_at + 1
                spans.append(QuoteSpan(start, end, True, len(text[start:end].split())))
                i = end
                continue
            end = j
            while end > start and text[end - 1].isspace():
                end -= 1
            words = len(text[start:end].split())
            # A double mark left open to the paragraph end is a continued quotation;
            # a lone single mark is more likely an apostrophe or a typo.
            if opener in _DOUBLE_OPEN and words >= MIN_FLOATING_WORDS:
                spans.append(QuoteSpan(start, end, False, words))
                i = end
                continue
            i += 1
            continue
        i += 1
    return spans


def _needs_parse(sent: Span) -> bool:
    """A sentence is parsed when it has a quotation mark, "according" or a cue's form.

    Cues are the lexicon's verbs and the words the learned detector weighs towards a cue.
    """
    for tok in sent:
        if tok.lower_ == "according" or tok.text in _ALL_MARKS or tok.text[:1] in '“”«»„"':
            return True
    return has_verb_form(sent, _likely_cues())


@functools.lru_cache(maxsize=1)
def _likely_cues() -> frozenset[str]:
    """The lexicon's cue verbs and every lemma the cue model weighs towards a cue."""
    weights = _cue_model().weights
    learned = {k[4:] for k, w in weights.items() if k.startswith("lem=") and w > 0}
    return CUE_VERBS | frozenset(learned)


def cue_features(tok: Token, sent: Sentence, text: str) -> dict[str, float]:
    """Features of a parsed token for the learned cue detector (training uses the same)."""
    f: dict[str, float] = {}
    lem = tok.lemma_.lower()
    f["lem=" + lem] = 1
    f["pos=" + tok.pos_] = 1
    f["tag=" + tok.tag_] = 1
    f["dep=" + tok.dep_] = 1
    f["lexicon"] = int(lem in CUE_VERBS)
    kids = list(tok.children)
    for d in {c.dep_ for c in kids}:
        f["kid=" + d] = 1
        f["lem|kid=" + lem + "|" + d] = 1
    for c in kids:
        if c.dep_ == "prep":
            f["prep=" + c.lower_] = 1
            f["lem|prep=" + lem + "|" + c.lower_] = 1
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        f["nosubj"] = 1
    else:
        f["subj_pos=" + subj.pos_] = 1
        f["subj_dep=" + subj.dep_] = 1
        f["subj_ent=" + (subj.ent_type_ or "none")] = 1
        if subj.pos_ == "PRON":
            f["subj_lower=" + subj.lower_] = 1
    f["head_lem=" + tok.head.lemma_.lower()] = 1
    f["head_dep=" + tok.head.dep_] = 1
    seg = text[sent.start_char : sent.start(tok)]
    f["inquote"] = int((seg.count('"') + seg.count("“") + seg.count("”")) % 2 == 1)
    return f


class _Logistic(NamedTuple):
    """A logistic model over sparse named features, as the training tools write it."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@functools.lru_cache(maxsize=2)
def _logistic(name: str) -> _Logistic:
    doc = json.loads(resources.files("newsprism").joinpath("data", name).read_text())
    return _Logistic(float(doc["bias"]), doc["weights"], float(doc["threshold"]))


def _cue_model() -> _Logistic:
    """The learned cue detector (``tools/train_cue_model.py``)."""
    return _logistic("cue_model.json")


def cue_probability(tok: Token, sent: Sentence, text: str) -> float:
    """Probability that ``tok`` is an attribution cue (logistic model, PolNeAR train)."""
    return _cue_model().probability(cue_features(tok, sent, text))


_PRONOUNS = frozenset("he she they it i we you who this that".split())
_OPEN_MARKS = "\"“‘«„'"
_CLOSE_MARKS = "\"”’»'"


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "more"


def verify_features(
    q: Quote, rule: str, cue_pos: tuple[int, str] | None, text: str, cue_p: float | None = None
) -> dict[str, float]:
    """Features of one candidate quote for the learned verifier (training uses the same).

    The rule that found it, the cue's lemma, lexicon class and detector probability, the
    words between cue and content, the content's length, first word and quotation marks,
    and the speaker's kind. The verb rules add how the content was reached.
    """
    lemma = cue_pos[1].lower() if cue_pos is not None else "-"
    words = q.text.split()
    first = words[0].strip(_OPEN_MARKS + "”’»").lower() if words else ""
    f: dict[str, float] = {
        "rule=" + rule: 1,
        "kind=" + q.kind: 1,
        "rule|kind=" + rule + "|" + q.kind: 1,
        "lem=" + lemma: 1,
        "len=" + _bucket(len(words)): 1,
        "rule|len=" + rule + "|" + _bucket(len(words)): 1,
        "first=" + first: 1,
        "lem|first=" + lemma + "|" + first: 1,
    }
    if cue_p is not None:
        f["cue_p"] = cue_p
        f["cue_p=" + str(min(int(cue_p * 5), 4))] = 1
    if lemma in SPEECH_VERBS:
        f["class=speech"] = 1
    elif lemma in THOUGHT_VERBS:
        f["class=thought"] = 1
    elif lemma in STANCE_VERBS:
        f["class=stance"] = 1
    if q.text[:1] in _OPEN_MARKS:
        f["opens_mark"] = 1
    if q.text[-1:] in "\"”’»'":
        f["closes_mark"] = 1
    if q.text.isupper():
        f["upper"] = 1
    if any(c.isdigit() for c in q.text):
        f["digits"] = 1
    if cue_pos is not None and q.cue:
        cue_end = cue_pos[0] + len(q.cue)
        if cue_end <= q.start:
            gap = text[cue_end : q.start].lower().split()
            f["gap=" + " ".join(gap[:2])] = 1
            f["lem|gap=" + lemma + "|" + " ".join(gap[:2])] = 1
            if len(gap) > 2:
                f["gap_far"] = 1
        else:
            f["cue_after"] = 1
    if q.speaker is None:
        f["spk=none"] = 1
    elif q.speaker_start is None:
        f["spk=inherited"] = 1
    else:
        said = text[q.speaker_start : q.speaker_end].lower()
        f["spk=pronoun" if said in _PRONOUNS else "spk=phrase"] = 1
        if q.speaker_start >= q.end:
            f["spk_after"] = 1
    return f


def _verify_model() -> _Logistic:
    """The learned quote verifier (``tools/train_quote_verifier.py``)."""
    return _logistic("quote_verifier.json")


def verify_probability(features: dict[str, float]) -> float:
    """Probability that a candidate quote is an attribution (logistic model, PolNeAR train)."""
    return _verify_model().probability(features)


# Auxiliaries that report nobody's words: "Further discussions are to be held ...".
_NEVER_CUES = frozenset({"be", "have", "do"})

_NOUN_CONTENT_PREPS = frozenset({"of", "for", "about", "on", "over", "against", "to"})


def _noun_cue(ctx: _Context, sent: Sentence, tok: Token, si: int, add: object) -> None:
    """A noun the learned detector takes for a cue: "Trump's claim that ...", "her plan to ...".

    The content is the noun's clause ("that ...", "to ..."), else the object of its
    preposition ("her criticism of the deal"); the source is its possessor, else the subject
    of the verb it is the object of ("Clinton laid out her proposals").
    """
    content = _child(tok, ("acl", "ccomp"))
    via = "clause"
    if content is None or content.i < tok.i:
        # "her criticism of the plan", "his support for the bill": the preposition's object.
        prep = next(
            (c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS), None
        )
        content = _child(prep, ("pobj", "pcomp")) if prep is not None else None
        via = "prep"
        if content is not None and (
            content.ent_type_ in {"DATE", "TIME"}
            or (content.pos_ in {"PROPN", "PRON"} and content.n_lefts == 0)
            or (content.head.lower_ == "to" and content.ent_type_ in {"ORG", "GPE", "PERSON"})
        ):
            return  # "the call on Sunday", "a call to the Kremlin": when or whom, not what
    if content is None:
        return
    prob = cue_probability(tok, sent, ctx.text)
    if prob < _cue_model().threshold:
        return
    holder = _child(tok, ("poss",))
    if holder is None and tok.dep_ in {"dobj", "pobj"}:
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        holder = _child(verb, ("nsubj",))
    if holder is None:
        return
    start, end = _content_span(sent, content)
    spk = _resolve_speaker(ctx, sent, holder, si)
    kind = "direct" if _is_direct(ctx, start, end, False, False) else "indirect"
    context = {"via=noun-" + via: 1.0}
    add(start, end, spk, tok.text, kind, si, (sent.start(tok), tok.lemma_), "noun", prob, context)  # type: ignore[operator]


def _subtree_span(tok: Token) -> tuple[int, int]:
    """Token index range [lo, hi] of ``tok``'s subtree (contiguous by projectivity)."""
    lefts = tok.left_edge.i
    rights = tok.right_edge.i
    return lefts, rights


def _child(
    tok: Token, deps: Iterable[str], where: Callable[[Token], bool] | None = None
) -> Token | None:
    """The first child of ``tok`` with one of ``deps`` (and passing ``where``, if given)."""
    deps = set(deps)
    for c in tok.children:
        if c.dep_ in deps and (where is None or where(c)):
            return c
    return None


def _has_word(tok: Token) -> bool:
    """A token with a letter or digit: not a dash the tagger took for a noun."""
    return any(ch.isalnum() for ch in tok.text)


def _subject(tok: Token, inside: object = None) -> Token | None:
    """Subject of a cue, inherited from the verb it depends on ('adding', conjuncts).

    ``inside(token) -> bool`` tells whether a token lies inside a quotation: a cue outside
    a quotation does not take its subject from inside one ('“…,” adding, “…”').
    """
    seen = 0
    cur: Token | None = tok
    while cur is not None and seen < 5:
        # A dash the tagger took for a noun ("made public ― Trump boasted") is no subject:
        # the name after it is.
        subj = _child(cur, ("nsubj", "nsubjpass", "csubj"), where=_has_word)
        if subj is not None and cur is not tok and callable(inside) and inside(subj):
            subj = None
        if subj is not None:
            return subj
        if cur.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acomp"} and cur.head is not cur:
            if (
                cur.dep_ == "ccomp"
                and not (callable(inside) and inside(cur.head))
                and cur is not tok
            ):
                pass
            cur = cur.head
            seen += 1
            continue
        if (
            cur.dep_ in {"relcl", "acl"}
            and cur.head is not cur
            and cur.head.pos_ in {"NOUN", "PROPN", "PRON"}
        ):
            return cur.head  # "the Super PAC backing Bush", "officials who said"
        if cur.dep_ in {"pcomp", "pobj", "prep"} and cur.head is not cur:
            cur = cur.head  # "by saying", "after saying"
            seen += 1
            continue
        break
    return None


def _inverted_source(cue: Token) -> Token | None:
    """The nominal right after a cue ('said Leslie Wimes, a …'), taken as its source."""
    for c in cue.rights:
        if c.dep_ in {"dobj", "attr", "nsubj", "npadvmod", "dative"}:
            if c.pos_ in {"PROPN", "NOUN"}:
                return c
            return None
    return None


_TRIM_CHARS = " \t\n,;:—–-"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and loose punctuation, keeping quotation marks."""
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS + ".":
        end -= 1
    return start, end


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    is_person: bool


@dataclass
class _Context:
    """What the resolver remembers while walking the article."""

    text: str
    entities: list[Entity]
    marks: list[QuoteSpan]
    last_speaker: list[tuple[int, _Speaker]] = field(default_factory=list)
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
                and not self.inside_quote(e.start)
            ):
                return e
        return None

    def last_person_before(self, pos: int, pronoun: str = "") -> Entity | None:
        for e in reversed(self.entities):
            if (
                e.end <= pos
                and e.label == "PERSON"
                and self.fits(e.canonical, pronoun)
                and not self.inside_quote(e.start)
            ):
                return e
        return None

    def recent_speaker(
        self, sent_index: int, want_person: bool | None, window: int = 4, pronoun: str = ""
    ) -> _Speaker | None:
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


def _np_text(text: str, start: int, end: int) -> str:
    s = " ".join(text[start:end].split())
    s = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", s)
    return s.strip(" ,.;:")


def _resolve_speaker(ctx: _Context, sent: Sentence, subj: Token, sent_index: int) -> _Speaker:
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
            return _Speaker(None, start, start + len(subj.text), False)
        rel_span = (sent.start(subj), sent.end(subj))
        subj = verb.head
        low = subj.lower_
    lo, hi = _subtree_span(subj)
    doc = subj.doc
    # Leave relative clauses and trailing appositions' clauses out of the source span.
    for c in subj.rights:
        if c.dep_ in {"relcl", "acl"}:
            hi = min(hi, c.left_edge.i - 1)
    s_start, s_end = sent.start(doc[lo]), sent.end(doc[hi])
    s_start, s_end = _trim(text, s_start, s_end)
    if rel_span is not None:
        # The source mention is the relative pronoun; the name comes from its noun.
        spk = _resolve_speaker(ctx, sent, subj, sent_index)
        return _Speaker(spk.name, rel_span[0], rel_span[1], spk.is_person)
    if low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS and subj.pos_ == "PRON":
        want = True if low in PERSON_PRONOUNS else (False if low in THING_PRONOUNS else None)
        if want is True:
            # A person named earlier in the same sentence ("Macron's office said he ...").
            ent = ctx.person_in_sentence_before(sent.start_char, sent.start(subj), low)
            if ent is not None:
                return _Speaker(ent.canonical, s_start, s_end, True)
        recent = ctx.recent_speaker(sent_index, want, pronoun=low)
        if recent is None and want is not False:
            ent = ctx.last_person_before(sent.start(subj), low)
            if ent is not None:
                return _Speaker(ent.canonical, s_start, s_end, True)
        if recent is not None:
            return _Speaker(recent.name, s_start, s_end, recent.is_person)
        return _Speaker(None, s_start, s_end, want is True)
    ents = ctx.entities_in(s_start, s_end)
    head_start, head_end = sent.start(subj), sent.end(subj)
    persons = [e for e in ents if e.label == "PERSON"]
    poss = _child(subj, ("poss",))
    # "Macron's office", "the Kremlin's statement": an institution named by its owner.
    if poss is not None and subj.pos_ in {"NOUN"}:
        if subj.lower_ in DOCUMENT_NOUNS:
            owner = ctx.entities_in(sent.start(poss.left_edge), sent.end(poss))
            if owner:
                return _Speaker(owner[-1].canonical, s_start, s_end, owner[-1].label == "PERSON")
        lo2 = poss.left_edge.i
        return _Speaker(_np_text(text, sent.start(doc[lo2]), head_end), s_start, s_end, False)
    if persons:
        # The person the phrase is about: the head itself, else the first person named.
        for e in persons:
            if e.start <= head_start < e.end:
                return _Speaker(e.canonical, s_start, s_end, True)
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
            if (
                last is not None
                and last.dep_ == "compound"
                and last.head.pos_ == "NOUN"
                and last.head.i != subj.i
            ):
                continue  # "local militias and Kiev forces": a name modifying another noun
            return _Speaker(e.canonical, s_start, s_end, True)
    others = [e for e in ents if e.label != "PERSON"]
    if others:
        for e in others:
            if e.start <= head_start < e.end:
                return _Speaker(e.canonical, s_start, s_end, False)
        if subj.lower_ in DOCUMENT_NOUNS:
            return _Speaker(others[0].canonical, s_start, s_end, False)
    if subj.lower_ in DOCUMENT_NOUNS and subj.pos_ == "NOUN":
        # "the statement said": the organisation that last spoke.
        last_org = ctx.recent_speaker(sent_index, False, window=8)
        if last_org is not None:
            return _Speaker(last_org.name, s_start, s_end, False)
    if subj.text[:1].isupper():
        known = ctx.person_named(subj.text)
        if known is not None:
            return _Speaker(known, s_start, s_end, True)
    if subj.pos_ == "PRON" or subj.tag_ in {"WDT", "WP", "EX"}:
        return _Speaker(None, s_start, s_end, False)
    # A common-noun source ("a spokesperson", "U.S. officials"): its own words.
    left = subj.left_edge.i
    name = _np_text(text, sent.start(doc[left]), head_end)
    return _Speaker(name or None, s_start, s_end, False)


def _quote_for(marks: list[QuoteSpan], start: int, end: int) -> QuoteSpan | None:
    for q in marks:
        if q.start < end and start < q.end:
            return q
    return None


def _adjacent_quote(
    ctx: _Context, sent: Sentence, cue: Token, subj: Token | None
) -> QuoteSpan | None:
    """A quotation right after the cue ('said: “…”') or right before the source ('“…,” X said')."""
    text = ctx.text
    cue_end = sent.end(cue)
    cue_start = sent.start(cue)
    first = cue_start
    if subj is not None:
        first = min(first, sent.start(subj.left_edge))
    for q in ctx.marks:
        if q.words < 2:
            continue
        gap_after = text[cue_end : q.start]
        if 0 <= q.start - cue_end <= 8 and re.fullmatch(r"[ \t]*:\s*", gap_after):
            return q  # "X responded:" and the quotation in the next paragraph
        if 0 <= q.start - cue_end <= 60 and re.fullmatch(
            r"[\s,:;—–-]*(?:\w+[\s,:]*){0,6}", gap_after
        ):
            # Between cue and quote only short material ("told CNN:", "said in a statement,").
            if not any(m in gap_after for m in '“”"«»\n'):
                return q
        gap_before = text[q.end : first]
        if 0 <= first - q.end <= 4 and re.fullmatch(r"[ \t,:;—–-]*", gap_before):
            # '“… at last.” The feature drew criticism.': a quotation closing its own
            # sentence is not the content of a verb other than one of saying after it.
            if text[max(q.start, q.end - 3) : q.end].rstrip(_CLOSE_MARKS).endswith(".") and (
                cue.lemma_.lower() not in SPEECH_VERBS
            ):
                continue
            return q
    return None


def _name_right_before(ctx: _Context, pos: int) -> _Speaker | None:
    """A person or organisation named right before ``pos`` (one space apart), if any."""
    names = [
        e
        for e in ctx.entities
        if e.label in {"PERSON", "ORG"} and 0 <= pos - e.end <= 1 and e.start < pos
    ]
    if not names:
        return None
    e = names[-1]
    return _Speaker(e.canonical, e.start, e.end, e.label == "PERSON")


def _named_source_before(
    ctx: _Context, sent: Sentence, cue: Token
) -> tuple[QuoteSpan, _Speaker] | None:
    """A quotation, a short title and a name right before the cue, when the parse gave none.

    '“…,” Tulsa police Chief Chuck Jordan said Monday.' (the parser took "Tulsa" for a verb).
    """
    text = ctx.text
    name = _name_right_before(ctx, sent.start(cue))
    if name is None or name.start is None:
        return None
    for q in ctx.marks:
        if q.words < 2 or not 0 <= name.start - q.end <= 40:
            continue
        if re.fullmatch(r"[ \t,]*(?:[\w.’'-]+[ \t]+){0,4}", text[q.end : name.start]):
            return q, name
    return None


def _verb_tagged_noun(tok: Token) -> str | None:
    """The cue lemma of a "noun" with a subject and a clause ("Trump claims that he ...").

    The subject may be parsed as a compound of the "noun" ("Trump/compound claims/ROOT
    that ..."), see :func:`_compound_subject`; a complement "to ..." counts for the verbs
    that take one ("The campaign plans to employ ...").
    """
    if tok.pos_ != "NOUN":
        return None
    if _child(tok, ("nsubj",)) is None and _compound_subject(tok) is None:
        return None
    if _child(tok, ("ccomp",)) is not None:
        lemmas = sorted(verb_lemmas(tok.text) & (SPEECH_VERBS | THOUGHT_VERBS))
    elif tok.tag_ == "NNS" and (xc := _child(tok, ("xcomp",))) is not None and xc.i > tok.i:
        lemmas = sorted(verb_lemmas(tok.text) & XCOMP_CUES)
    else:
        return None
    return lemmas[0] if lemmas else None


def _compound_subject(tok: Token) -> Token | None:
    """A name or pronoun the parser made a compound of a sentence's root "noun" cue."""
    if tok.dep_ != "ROOT" or tok.tag_ != "NNS" or tok.i == 0:
        return None
    prev = tok.nbor(-1)
    if prev.head.i == tok.i and prev.dep_ == "compound" and prev.pos_ in {"PROPN", "PRON"}:
        return prev
    return None


def _noun_tagged_cue(ctx: _Context, sent: Sentence, tok: Token) -> bool:
    """'“…,” Viguerie notes.': a cue the tagger took for a plural noun after a name."""
    if tok.i == 0 or tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    prev = tok.nbor(-1)
    if prev.pos_ not in {"PROPN", "PRON"}:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.is_punct


def _colon_quote(ctx: _Context, sent: Sentence, tok: Token) -> bool:
    """Any verb right before a colon and a quotation introduces it ("Trump boomed: “…”")."""
    end = sent.end(tok)
    m = re.match(r"[ \t]*:\s*", ctx.text[end : end + 8])
    if m is None:
        return False
    at = end + m.end()
    return any(q.start == at and q.words >= 2 for q in ctx.marks)


_BLOCK_AFTER_COLON = re.compile(r"[ \t]*:[ \t]*\n\s*")


def _colon_block(ctx: _Context, sent: Sentence, tok: Token) -> tuple[int, int] | None:
    """The paragraph a verb of saying ending its line with a colon introduces.

    'Limbaugh added:' then, as the next paragraph, his words without quotation marks (a
    block quotation). A paragraph opening with a quotation mark is left to the marks.
    """
    end = sent.end(tok)
    m = _BLOCK_AFTER_COLON.match(ctx.text, end)
    if m is None or m.end() >= len(ctx.text) or ctx.text[m.end()] in _OPEN_MARKS:
        return None
    start = m.end()
    stop = ctx.text.find("\n", start)
    stop = len(ctx.text) if stop < 0 else stop
    body = ctx.text[start:stop].rstrip()
    if len(body.split()) < 4:
        return None
    return start, start + len(body)


def _content_prep(tok: Token) -> Token | None:
    """Object of the first content preposition after the cue ("talked about X")."""
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS:
            if c.lower_ in {"to", "at"} and tok.lemma_.lower() in _ADDRESSEE_VERBS:
                continue
            obj = _child(c, ("pobj", "pcomp"))
            if obj is not None:
                return obj
    return None


def _content_span(sent: Sentence, tok: Token) -> tuple[int, int]:
    lo, hi = _subtree_span(tok)
    doc = tok.doc
    return sent.start(doc[lo]), sent.end(doc[hi])


def _is_direct(
    ctx: _Context, start: int, end: int, no_marks_in_article: bool, left_of_cue: bool
) -> bool:
    text = ctx.text
    inside = 0
    for q in ctx.marks:
        a, b = max(q.start, start), min(q.end, end)
        if b > a:
            inside += b - a
    if end > start and inside / (end - start) >= 0.5:
        return True
    if left_of_cue and no_marks_in_article:
        return True
    # First- or second-person words outside any marks: a quotation without its marks.
    if left_of_cue and re.search(r"\b(?:I|we|We|our|Our|us|my|My|you|You)\b", text[start:end]):
        return True
    return False


def extract_quotes(
    article: Article,
    doc: Doc | None = None,
    entities: list[Entity] | None = None,
    *,
    statements_only: bool = True,
) -> list[Quote]:
    """Return the direct and reported quotes of ``article`` with speakers and offsets.

    ``doc`` is the spaCy doc of ``article.text`` (made with the parser off, or on) and
    ``entities`` the result of :func:`extract_entities`; both are computed when omitted.
    The rules' candidates (:func:`quote_candidates`) are kept when the learned verifier
    (:func:`verify_probability`) gives them at least its stored threshold. With
    ``statements_only`` (the default) the reader's bar of :mod:`.quote_cues` applies too:
    reported quotes need a clausal complement, and speakers are revised; without it the
    result is PolNeAR's notion of attribution (stances and actions included).
    """
    threshold = _verify_model().threshold
    doc = ensure_doc(article.text, doc)
    if entities is None:
        entities = extract_entities(article, doc)
    out = []
    for q, feats in quote_candidates(article, doc, entities):
        if verify_probability(feats) < threshold:
            continue
        if statements_only:
            if not is_statement(q, feats):
                continue
            revised = revise_speaker(q, feats, article.text, entities)
            if revised is None:
                continue
            q = revised
        out.append(q)
    return out


def quote_candidates(
    article: Article, doc: Doc | None = None, entities: list[Entity] | None = None
) -> list[tuple[Quote, dict[str, float]]]:
    """Every quote the rules find, with the verifier's features (see :func:`extract_quotes`)."""
    text = article.text
    doc = ensure_doc(text, doc)
    if entities is None:
        entities = extract_entities(article, doc)
    marks = find_quote_marks(text)
    no_marks = not any(c in text for c in '"“”«»„')
    ctx = _Context(text, sorted(entities, key=lambda e: e.start), marks)
    sentences = parsed_sentences(doc, _needs_parse)
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    cue_at: dict[int, tuple[int, str]] = {}  # id(quote) -> (cue offset, cue lemma)
    rules: dict[int, str] = {}  # id(quote) -> the rule that found it
    cue_p: dict[int, float] = {}  # id(quote) -> the cue detector's probability
    contexts: dict[int, dict[str, float]] = {}  # id(quote) -> the cue's parse context

    def add(
        start: int,
        end: int,
        spk: _Speaker,
        cue: str | None,
        kind: str,
        sent_index: int,
        cue_pos: tuple[int, str] | None = None,
        rule: str = "verb",
        prob: float | None = None,
        context: dict[str, float] | None = None,
    ) -> None:
        start, end = _trim(text, start, end)
        if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
            return
        for a, b in covered:
            if a == start and b == end:
                return
        quote = Quote(
            article.id, start, end, text[start:end], spk.name, cue, kind, spk.start, spk.end
        )
        quotes.append(quote)
        rules[id(quote)] = rule
        if prob is not None:
            cue_p[id(quote)] = prob
        if context is not None:
            contexts[id(quote)] = context
        if cue_pos is not None:
            cue_at[id(quote)] = cue_pos
        covered.append((start, end))
        if spk.name is not None and (cue_pos is None or cue_pos[1] in SPEECH_VERBS):
            # Stances ("X attacked her record") do not make X the one who speaks next.
            ctx.last_speaker.append((sent_index, spk))

    for si, sent in enumerate(sentences):
        parse = sent.parse
        if parse is None:
            continue
        for tok in parse:
            low = tok.lower_
            if low == "according" and tok.i + 1 < len(parse) and parse[tok.i + 1].lower_ == "to":
                _according(ctx, sent, tok, si, add)
                continue
            lemma = tok.lemma_.lower()
            as_verb = _verb_tagged_noun(tok)
            if as_verb is not None:
                lemma = as_verb  # "Trump claims that ...": a verb the tagger took for a noun
            elif tok.pos_ == "NOUN" and tok.tag_ == "NNS" and _noun_tagged_cue(ctx, sent, tok):
                prev = parse[tok.i - 1]
                before = [m for m in marks if 0 <= sent.start(prev) - m.end <= 3 and m.words >= 2]
                if before:
                    spk = _resolve_speaker(ctx, sent, prev, si)
                    kind = "direct"
                    before[0].used = True
                    add(
                        before[0].start,
                        before[0].end,
                        spk,
                        tok.text,
                        kind,
                        si,
                        (sent.start(tok), tok.lemma_),
                        "noun-marks",
                    )
                continue
            elif tok.pos_ == "NOUN" and not ctx.inside_quote(sent.start(tok)):
                _noun_cue(ctx, sent, tok, si, add)
                continue
            if tok.pos_ not in {"VERB", "AUX"} and as_verb is None:
                continue
            learned = False
            prob: float | None = None  # the cue detector's probability, computed once
            if lemma not in CUE_VERBS and not _colon_quote(ctx, sent, tok):
                if lemma in _NEVER_CUES:
                    continue
                prob = cue_probability(tok, sent, text)
                if prob < _cue_model().threshold:
                    continue
                learned = True  # a cue the lexicon lacks, found by the learned detector
            if tok.dep_ in {"amod", "compound"}:
                continue
            if ctx.inside_quote(sent.start(tok)):
                continue  # a cue inside a quotation belongs to the quoted speaker's words
            subj = _subject(tok, lambda t, s=sent: ctx.inside_quote(s.start(t)))
            if subj is None and as_verb is not None:
                subj = _compound_subject(tok)
            if subj is not None and subj.i < tok.i and ctx.inside_quote(sent.start(subj)):
                # '“… Full panic mode,” said Leslie Wimes, …': the parser took a word of
                # the quotation for the subject; the source is the name after the cue.
                subj = _inverted_source(tok)
            if subj is not None and subj.dep_ == "nsubjpass":
                if _child(tok, ("ccomp",)) is None and subj.head.i == tok.i:
                    if prob is None:
                        prob = cue_probability(tok, sent, text)
                    _passive(ctx, sent, tok, subj, si, add, learned, prob)
                    continue
                if lemma in THOUGHT_VERBS:
                    continue  # "is expected to": no attribution to the subject
                if subj.head.i == tok.i or lemma not in SPEECH_VERBS:
                    subj = None
                # else the subject of a passive clause the cue depends on says it: "After
                # saying her foot was swollen, she was whisked off", "He is determined to
                # warn ..."
            if subj is None and (learned or lemma in STANCE_VERBS - SPEECH_VERBS):
                continue  # "ready to discuss ways": a stance needs a holder
            if no_marks and subj is not None and subj.lower_ in {"i", "we"}:
                continue  # first person outside marks: inside a quotation whose marks were lost
            mark = _child(tok, ("mark",))
            if (
                (
                    (mark is not None and mark.lower_ == "as" and tok.dep_ == "advcl")
                    # "But to prevent problems, he said, officials should be vigilant."
                    or (tok.dep_ == "parataxis" and lemma in SPEECH_VERBS)
                )
                and subj is not None
                and _child(tok, ("ccomp", "dobj")) is None
                and tok.head.i != tok.i
            ):
                # "As Politico reported, the meeting ...": the main clause is the content.
                # So it is for a parenthetical "..., he said, ...".
                head = tok.head
                lo, hi = head.left_edge.i, head.right_edge.i
                left_side = (lo, tok.left_edge.i - 1)
                right_side = (tok.right_edge.i + 1, hi)
                side = max(left_side, right_side, key=lambda r: r[1] - r[0])
                if side[1] - side[0] >= 3:
                    spk = _resolve_speaker(ctx, sent, subj, si)
                    a, b = sent.start(parse[side[0]]), sent.end(parse[side[1]])
                    kind = "direct" if _is_direct(ctx, a, b, no_marks, False) else "indirect"
                    add(a, b, spk, tok.text, kind, si, (sent.start(tok), lemma), "aside")
                    continue
            # The complement after the cue first ("If X happens, critics worry that ...").
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
            if comp is not None and comp.right_edge.i < tok.i:
                # A complement on the left is the "X, he said" shape: only for verbs of
                # saying, and not across a semicolon ("A urged X; B has sought Y").
                gap_start = sent.end(comp.right_edge)
                gap_end = sent.start(subj.left_edge if subj is not None and subj.i < tok.i else tok)
                if lemma not in SPEECH_VERBS or ";" in text[gap_start:gap_end]:
                    comp = None
            if subj is None and lemma in SPEECH_VERBS:
                signed = _named_source_before(ctx, sent, tok)
                if signed is not None:
                    # '“…,” Tulsa police Chief Chuck Jordan said': the parse lost the subject.
                    quote, spk = signed
                    quote.used = True
                    add(quote.start, quote.end, spk, tok.text, "direct", si,
                        (sent.start(tok), lemma), "verb")  # fmt: skip
                    continue
            quote = _adjacent_quote(ctx, sent, tok, subj)
            if (
                (learned or lemma in THOUGHT_VERBS | STANCE_VERBS)
                and comp is None
                and quote is None
            ):
                if not learned and not (
                    (lemma in XCOMP_CUES and _child(tok, ("xcomp",)) is not None)
                    or (lemma in DOBJ_CUES and _child(tok, ("dobj", "prep")) is not None)
                ):
                    continue
            start = end = -1
            left = False
            via = "clause"  # how the content was found, for the verifier
            if comp is not None:
                via = "ccomp"
                start, end = _content_span(sent, comp)
                left = end <= sent.start(tok)
                q = _quote_for(marks, start, end)
                if q is not None and (q.start < start or q.end > end) and q.words >= 2:
                    if q.start >= start - 2 or q.end - q.start > (end - start) * 0.5:
                        start, end = min(start, q.start), max(end, q.end)
                        q.used = True
                if quote is not None and not (quote.start < end and start < quote.end):
                    # "said, adding: “…”" keeps the quotation too
                    pass
            elif (
                quote is None and lemma in SPEECH_VERBS and (block := _colon_block(ctx, sent, tok))
            ):
                via = "block"
                start, end = block
            elif quote is not None:
                via = "quote"
                start, end = quote.start, quote.end
                left = end <= sent.start(tok)
                quote.used = True
            else:
                xc = (
                    _child(tok, ("xcomp",))
                    if learned or lemma in XCOMP_CUES | _CLAUSE_CUES
                    else None
                )
                # "called half of his supporters deplorables": naming, object and predicate.
                naming = _child(tok, ("oprd",)) is not None
                ob = _child(tok, ("dobj",)) if learned or naming or lemma in DOBJ_CUES else None
                if xc is not None:
                    via = "xcomp"
                    start, end = _content_span(sent, xc)
                    ob2 = _child(tok, ("dobj",))
                    if ob2 is not None:
                        start = min(start, _content_span(sent, ob2)[0])
                elif (
                    ob is not None
                    and (ob.pos_ != "PRON" or lemma in STANCE_VERBS)
                    # a learned cue's object must say something, not just name someone
                    and not (learned and ob.pos_ in {"PROPN", "PRON"} and ob.n_lefts == 0)
                ):
                    via = "dobj"
                    start, end = _content_span(sent, ob)
                    # "called X a disgrace", "sees X as a uniter": the predicate too.
                    for c in tok.rights:
                        if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"):
                            end = max(end, _content_span(sent, c)[1])
                elif (pp := _content_prep(tok)) is not None:
                    via = "prep"
                    start, end = _content_span(sent, pp)
                elif (
                    lemma == "say"
                    and (adv := _child(tok, ("advmod", "intj", "dobj"))) is not None
                    and adv.i > tok.i
                    and adv.lower_ in {"so", "yes", "no", "nothing", "otherwise", "much"}
                ):
                    via = "adverb"
                    start, end = _content_span(sent, adv)
                elif lemma == "say" and tok.dep_ == "ROOT":
                    # "X, Y said." with the X clause not attached as a complement.
                    first = sent.start(parse[0])
                    subj_start = sent.start(subj.left_edge) if subj is not None else sent.start(tok)
                    if subj_start - first > 10 and text[:subj_start].rstrip().endswith(","):
                        start, end, left = first, subj_start, True
                        via = "before"
                if start < 0 and lemma in _CLAUSE_CUES:
                    # "He said legalizing it could put ...": a clause the parser did not
                    # attach as a complement; take the rest of the sentence.
                    nxt = tok.i + 1
                    for c in tok.rights:
                        # "told CBS’s Face the Nation that ...": skip the listener.
                        if c.dep_ in {"dobj", "dative"} and lemma == "tell":
                            nxt = max(nxt, c.right_edge.i + 1)
                    rest = [t for t in parse[nxt:] if not t.is_space]
                    if len(rest) >= 5 and not rest[0].is_punct and rest[0].pos_ != "ADP":
                        start, end = sent.start(rest[0]), sent.end(rest[-1])
                if start < 0:
                    continue
            if subj is None:
                spk = _Speaker(None, None, None, False)
                named = _name_right_before(ctx, sent.start(tok))
                if named is not None and lemma in SPEECH_VERBS:
                    # "... of the Washington Post Trump said that ...": the parser put the
                    # name inside the phrase before it; the name right before the cue speaks.
                    spk = named
                elif lemma in SPEECH_VERBS and tok.dep_ == "ROOT":
                    # A subjectless sentence ("Added Smith's aide: ...", a split
                    # sentence): the speaker of the sentence before, if any.
                    prior = ctx.recent_speaker(si, None, window=1)
                    if prior is not None:
                        spk = _Speaker(prior.name, None, None, prior.is_person)
            else:
                spk = _resolve_speaker(ctx, sent, subj, si)
                if spk.start is not None and start <= spk.start < end:
                    # Source inside its own content: the parse went wrong; keep content only
                    # when it lies on one side of the source.
                    if spk.end is not None and spk.end >= end:
                        end = spk.start
                    else:
                        start = spk.end if spk.end is not None else start
            q = _quote_for(marks, start, end)
            if q is not None:
                q.used = True
            kind = "direct" if _is_direct(ctx, start, end, no_marks, left) else "indirect"
            if via == "block":
                kind = "direct"  # a block quotation: his words, set off as a paragraph
            rule = "learned" if learned else "verb"
            if prob is None:
                prob = cue_probability(tok, sent, text)
            context = {
                "via=" + via: 1.0,
                "lem|via=" + lemma + "|" + via: 1.0,
                "cue_dep=" + tok.dep_: 1.0,
                "cue_tag=" + tok.tag_: 1.0,
                "subj="
                + (subj.pos_ + "|" + (subj.ent_type_ or "-") if subj is not None else "none"): 1.0,
            }
            add(start, end, spk, tok.text, kind, si, (sent.start(tok), lemma), rule, prob, context)
    _colon_lines(ctx, sentences, add, covered)
    _dash_signatures(ctx, sentences, add, covered)
    _inverted_openers(ctx, sentences, add, covered)
    _floating(ctx, sentences, add, covered)
    # A stance or agreement reported inside someone's statement ("the Kremlin said the
    # leaders agreed to ...") is part of that statement, not a quote of its own.
    nested = {
        id(q)
        for q in quotes
        if id(q) in cue_at
        and cue_at[id(q)][1] not in _NESTED_CUES
        and any(o is not q and o.start <= cue_at[id(q)][0] < o.end for o in quotes)
    }
    quotes = [q for q in quotes if id(q) not in nested]
    quotes.sort(key=lambda q: (q.start, q.end))
    return [
        (
            q,
            verify_features(q, rules[id(q)], cue_at.get(id(q)), text, cue_p.get(id(q)))
            | contexts.get(id(q), {}),
        )
        for q in _dedupe(quotes)
    ]


def _passive(
    ctx: _Context,
    sent: Sentence,
    tok: Token,
    subj: Token,
    si: int,
    add: object,
    learned: bool,
    prob: float,
) -> None:
    """'X has been called a charlatan by Y', 'X is expected to come': the passive subject and
    its predicate are the content; the agent ("by Y"), when there is one, the source."""
    lo = subj.left_edge.i
    hi = subj.right_edge.i
    for c in tok.rights:
        if c.dep_ in {"xcomp", "oprd"} or (c.dep_ == "prep" and c.lower_ == "as"):
            hi = max(hi, c.right_edge.i)
    agent = _child(tok, ("agent",))
    source = _child(agent, ("pobj",)) if agent is not None else None
    if source is not None:
        spk = _resolve_speaker(ctx, sent, source, si)
    else:
        spk = _Speaker(None, None, None, False)
    doc = tok.doc
    start, end = sent.start(doc[lo]), sent.end(doc[hi])
    kind = "direct" if _is_direct(ctx, start, end, False, False) else "indirect"
    lemma = tok.lemma_.lower()
    context = {"via=passive": 1.0, "lem|via=" + lemma + "|passive": 1.0,
               "agent" if source is not None else "no_agent": 1.0}  # fmt: skip
    rule = "passive-learned" if learned else "passive"
    add(start, end, spk, tok.text, kind, si, (sent.start(tok), lemma), rule, prob, context)  # type: ignore[operator]


def _according(ctx: _Context, sent: Sentence, tok: Token, si: int, add: object) -> None:
    """'…, according to X': content is the clause the phrase is attached to."""
    to = _child(tok, ("prep",))
    if to is None:
        # spaCy sometimes attaches "to" as the next token without the prep link.
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
        else:
            return
    src = _child(to, ("pobj",))
    if src is None:
        return
    spk = _resolve_speaker(ctx, sent, src, si)
    head = tok.head if tok.head.i != tok.i else None
    doc = tok.doc
    phrase_lo, phrase_hi = tok.left_edge.i, tok.right_edge.i
    if head is None:
        lo, hi = 0, len(doc) - 1
    else:
        lo, hi = head.left_edge.i, head.right_edge.i
    # Take the larger side of the clause around the "according to" phrase.
    left = (lo, phrase_lo - 1)
    right = (phrase_hi + 1, hi)
    side = left if left[1] - left[0] >= right[1] - right[0] else right
    if side[1] < side[0]:
        return
    start, end = sent.start(doc[side[0]]), sent.end(doc[side[1]])
    kind = "direct" if _is_direct(ctx, start, end, False, False) else "indirect"
    add(start, end, spk, "according to", kind, si, None, "according")  # type: ignore[operator]


def _colon_before(text: str, pos: int) -> int:
    """Offset of a colon right before ``pos`` (spaces and opening marks apart), else -1."""
    j = pos
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in _OPEN_MARKS):
        j -= 1
    return j - 1 if j > 0 and text[j - 1] == ":" else -1


def _colon_subject(ctx: _Context, sentences: list[Sentence], colon: int) -> _Speaker | None:
    """The subject of the clause a colon ends: the source of the quotation it introduces.

    'Sanders made the following comment: “For young people …”', 'The piece used one of
    the woman's quotes as its headline: “…”'. Only a person, an organisation or a noun
    phrase headed by a noun; a pronoun is resolved as for any cue.
    """
    si = char_to_sentence(sentences, colon)
    if si < 0 or sentences[si].parse is None:
        return None
    sent = sentences[si]
    mark = next((t for t in sent.parse if sent.start(t) <= colon < sent.end(t) + 2), None)
    if mark is None:
        return None
    root = mark  # the root of the clause the colon ends
    while root.head.i != root.i:
        root = root.head
    subj = _child(root, ("nsubj",))
    if subj is None or sent.start(subj) > colon or ctx.inside_quote(sent.start(subj)):
        return None
    if subj.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    spk = _resolve_speaker(ctx, sent, subj, si)
    return spk if spk.name is not None else None


def _floating(
    ctx: _Context, sentences: list[Sentence], add: object, covered: list[tuple[int, int]]
) -> None:
    """Quotations not attached to a cue: speaker of the introducing or previous quote."""
    text = ctx.text
    for q in ctx.marks:
        if q.used or q.words < MIN_FLOATING_WORDS:
            continue
        si = char_to_sentence(sentences, q.start)
        if si < 0:
            continue
        # Already inside an extracted content? Then it is part of that quote.
        if any(a < q.end and q.start < b for a, b in covered):
            continue
        spk: _Speaker | None = None
        colon = _colon_before(text, q.start)
        if colon >= 0 and (si > 0 or q.start - colon <= 3):
            spk = ctx.recent_speaker(si, None, window=1) or _colon_subject(ctx, sentences, colon)
        if spk is None:
            para_start = text.rfind("\n", 0, q.start) + 1
            starts_para = not text[para_start : q.start].strip()
            starts_sent = sentences[si].start_char >= q.start - 1
            if starts_para:
                spk = ctx.recent_speaker(si, None, window=3)
            elif starts_sent:
                # '“A,” X said. “B.”': the quotation goes on after the cue sentence.
                spk = ctx.recent_speaker(si, None, window=1)
        rule = "floating"
        if spk is None:
            # A quotation of a whole clause still reports someone's words: the person
            # named in its sentence, else the nearest earlier speaker, else unknown.
            if q.words < MIN_UNATTACHED_WORDS:
                continue
            sent = sentences[si]
            ent = next(
                (
                    e
                    for e in ctx.entities
                    if e.label == "PERSON"
                    and sent.start_char <= e.start < sent.end_char
                    and not (q.start <= e.start < q.end)
                ),
                None,
            )
            if ent is not None:
                spk = _Speaker(ent.canonical, ent.start, ent.end, True)
            elif (recent := ctx.recent_speaker(si, None, window=1)) is not None:
                spk = recent
            else:
                # Nobody to credit: still a candidate, which the verifier weighs.
                spk, rule = _Speaker(None, None, None, False), "unattributed"
        # The speaker's mention is the one that introduced the quotation ('“…,” she said.
        # “…”'): the continuation keeps its offsets.
        add(q.start, q.end, spk, None, "direct", si, None, rule)  # type: ignore[operator]


def _first_named(ctx: _Context, start: int, end: int) -> Entity | None:
    """The first person or organisation named in ``[start, end)``, if any."""
    return next((e for e in ctx.entities_in(start, end) if e.label in {"PERSON", "ORG"}), None)


# '“…” ― Sonya Herridge': a quotation signed after a dash, as in letters and vox pops.
_DASH_SIGNATURE = re.compile(
    r"[^\S\n]*[―—–-]{1,2}[^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})"
)


def _free_marks(ctx: _Context, covered: list[tuple[int, int]]) -> Iterator[QuoteSpan]:
    """Quotations of two words or more that no pass has used and no quote covers."""
    for q in ctx.marks:
        if q.used or q.words < 2 or any(x < q.end and q.start < y for x, y in covered):
            continue
        yield q


def _take_mark(
    q: QuoteSpan, spk: _Speaker, cue: str | None, how: str, sentences: list[Sentence], add: object
) -> None:
    """Add the quotation ``q`` as ``spk``'s direct quote and mark it used."""
    q.used = True
    si = char_to_sentence(sentences, q.start)
    add(q.start, q.end, spk, cue, "direct", si, None, how)  # type: ignore[operator]


def _dash_signatures(
    ctx: _Context, sentences: list[Sentence], add: object, covered: list[tuple[int, int]]
) -> None:
    """A quotation followed by a dash and a name is that person's words."""
    text = ctx.text
    for q in _free_marks(ctx, covered):
        m = _DASH_SIGNATURE.match(text, q.end) if q.closed else None
        if m is None:
            continue
        a, b = m.span(1)
        after = text[b:].lstrip(" \t\xa0")[:1]
        if after and after not in '\n.,;“"' and not text[b:].startswith((" “", ' "')):
            continue  # the name runs on into a sentence: not a signature
        ent = _first_named(ctx, a, b)
        name = ent.canonical if ent else text[a:b]
        spk = _Speaker(name, a, b, not ent or ent.label == "PERSON")
        _take_mark(q, spk, None, "dash", sentences, add)


# 'Said Ellis: “…”', 'Added Smith's aide, “…”': a sentence opening with the cue, then the
# source, then the quotation.
_INVERTED_OPENER = re.compile(
    r"(?:^|[.!?”\"’]\s+|\n\s*)(?P<cue>Said|Says|Added|Adds|Continued|Wrote|Writes|Explained"
    r"|Recalled|Noted|Warned|Replied)\s+(?P<who>[^:\n“\"]{2,120}?)\s*[:,]\s*$"
)


def _inverted_openers(
    ctx: _Context, sentences: list[Sentence], add: object, covered: list[tuple[int, int]]
) -> None:
    """A quotation after 'Said Ellis:' is Ellis's (the parser makes "Said" a compound)."""
    text = ctx.text
    for q in _free_marks(ctx, covered):
        lo = max(0, q.start - 140)
        m = _INVERTED_OPENER.search(text, lo, q.start)
        if m is None:
            continue
        a, b = m.span("who")
        ent = _first_named(ctx, a, b)
        if ent:
            spk = _Speaker(ent.canonical, ent.start, ent.end, ent.label == "PERSON")
        elif len(m["who"].split()) <= 4:
            spk = _Speaker(_np_text(text, a, b), a, b, False)
        else:
            continue
        _take_mark(q, spk, m["cue"], "verb", sentences, add)


_COLON_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][^\n:]{1,60}?)[ \t]*:[ \t]+(\S[^\n]*)$", re.M)
_COLON_SOURCE_NOUNS = frozenset({"poll", "survey", "report", "study", "newspaper", "sources"})


def _colon_lines(
    ctx: _Context, sentences: list[Sentence], add: object, covered: list[tuple[int, int]]
) -> None:
    """'Graham: Trump’s rhetoric destroying GOP' (headline and transcript style).

    A line opening with a short name (a person or organisation the NER found, an
    all-capitals name, or "Poll") and a colon attributes the rest of the line to it.
    """
    text = ctx.text
    for m in _COLON_LINE.finditer(text):
        prefix, rest = m.group(1), m.group(2)
        if len(prefix.split()) > 8 or len(rest.split()) < 3:
            continue
        a, b = m.start(1), m.end(1)
        ents = [e for e in ctx.entities_in(a, b) if e.label in {"PERSON", "ORG", "GPE"}]
        words = prefix.split()
        allcaps = all(w.isupper() for w in words if w[:1].isalpha()) and any(
            len(w) > 2 for w in words
        )
        if not ents and not allcaps and words[-1].lower() not in _COLON_SOURCE_NOUNS:
            continue
        c_start, c_end = m.start(2), m.end(2)
        if any(x < c_end and c_start < y for x, y in covered):
            continue
        si = char_to_sentence(sentences, a)
        persons = [e for e in ents if e.label == "PERSON"]
        name = (persons or ents)[-1].canonical if (persons or ents) else prefix.strip()
        spk = _Speaker(name, a, b, bool(persons))
        kind = "direct" if _is_direct(ctx, c_start, c_end, False, False) else "indirect"
        add(c_start, c_end, spk, ":", kind, si, None, "colon")  # type: ignore[operator]


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote whose content lies inside another quote's with the same speaker."""
    out: list[Quote] = []
    for q in quotes:
        dup = False
        for o in quotes:
            if o is q:
                continue
            if o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start):
                if o.speaker == q.speaker or q.cue is None:
                    dup = True
                    break
        if not dup:
            out.append(q)
    return out
