"""Referents across a story: the mentions of one person, group, organisation, country,
place or object, whatever each outlet calls it (#17).

Each article is parsed once (spaCy's tagger, parser and entity recogniser) and cut into
noun phrases, one per syntactic head. A phrase that ends in a named entity is a *name*
mention; the words before the name in the same phrase ("North Korean dictator Kim Jong
Un", "CIA Director Mike Pompeo"), an apposition ("Mike Pompeo, the CIA director,"; "its
leader, Kim Jong-un") and a predicate nominal ("Comey was the FBI director") are
*labels* attached to that name, the last two only where the parser relates them. A
definite description standing alone ("the dictator", "the fired FBI director") is
resolved to the referent whose labels attached in the same article share its head
noun, then its modifiers; failing that, to the one whose labels in that article the
static sentence model finds closest. Descriptions nothing resolves are things of the
story: one head noun in one number, an adjective making a kind of it ("the political
arena" is not "the arena"). Names are grouped within the article
first (a surname or a first name to the full name, "Mr. Kim" to "Kim Jong-un"; not the
rarer of two honorific genders used with one surname), then across the story (the same
name, middle initials aside, an acronym and its expansion, a demonym and its country,
two spellings of one name).

The only fixed lists are grammatical: determiners, honorifics, pronouns and
quantifiers; copulas, appositions and phrase heads come from the parser.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsprism.compare.text import HONORIFIC_GENDER
from newsprism.model import Article

__all__ = ["Mention", "Referent", "article_mentions", "story_referents"]

# Grammatical lists only (#17): determiners, honorifics, pronouns.
_DETERMINERS = frozenset(
    "the a an this that these those its his her their our my your some any another".split()
)
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame mx mx.".split())
_PRONOUNS = frozenset(
    """i me you he him she her it we us they them who whom whose which what this that these
    those myself yourself himself herself itself ourselves themselves one anyone someone
    everyone nobody everybody somebody""".split()
)
# Quantifiers: a phrase they open counts things, it does not refer to one ("several times").
_QUANTIFIERS = frozenset(
    "many several multiple other few all both each every no more most such various".split()
)
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"})
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class Mention:
    """One mention of a referent in an article."""

    article: str
    start: int  # character offsets of ``term`` in the article text
    end: int
    term: str  # the words used, determiners and a possessive ending left out
    kind: str  # "name" | "label" (a description: title, apposition, predicate, alone)
    head: str  # the head word, lower case
    mods: tuple[str, ...] = ()  # the other content words, lower case
    label: str = ""  # entity type of a name
    sentence: tuple[int, int] = (0, 0)
    plural: bool = False
    how: str = ""  # how a label was tied to its referent: title, apposition, ...
    named: tuple[str, ...] = ()  # words of names among the modifiers
    # Modifiers that restrict the head to a kind of it: adjectives, participles and
    # capitalised words ("primary campaign", "redacted memos", "Donner party"); a noun
    # modifier ("convention floor") does not (#17).
    restrictive: tuple[str, ...] = ()


@dataclass
class Referent:
    """Mentions of one thing across a story."""

    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class _Parsed:
    names: list[Mention]
    labels: list[tuple[Mention, int | None]]  # a label and the index of its name (or None)


def _norm(text: str) -> str:
    """A comparison key: lower case, no dots, hyphens as spaces, curly quotes plain."""
    t = text.replace("’", "'").replace("‘", "'").lower().replace(".", "")
    t = re.sub(r"[-‐–]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _name_key(text: str) -> str:
    words = _norm(text).removesuffix("'s").split()
    while words and (words[0] in _HONORIFICS or words[0] in _DETERMINERS):
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    from newsprism.spacy_model import load_nlp

    # The parser gives each word its head: a noun phrase is one head and its dependents,
    # an apposition and a predicate nominal are the parser's relations (#17).
    return load_nlp()


_CACHE: dict[str, _Parsed] = {}
_CACHE_MAX = 4096


def article_mentions(articles: Sequence[Article]) -> dict[str, _Parsed]:
    """Name and label mentions of each article (parsed once per text, cached)."""
    out: dict[str, _Parsed] = {}
    todo: list[tuple[str, Article]] = []
    for a in articles:
        key = hashlib.blake2b(f"{a.id}\0{a.text}".encode(), digest_size=16).hexdigest()
        if key in _CACHE:
            out[a.id] = _CACHE[key]
        else:
            todo.append((key, a))
    if todo:
        nlp = _tagger()
        for (key, a), doc in zip(
            todo, nlp.pipe([a.text for _, a in todo], batch_size=16), strict=True
        ):
            parsed = _parse(a.id, doc)
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[key] = parsed
            out[a.id] = parsed
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text: lines cut after a full stop, question or exclamation mark
    before a capital, but not after an honorific or an initial ("Mr. Kim", "U.S. officials")."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in re.finditer(r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z])", line.group(0)):
            before = line.group(0)[: end.start()].rsplit(None, 1)[-1] if end.start() else ""
            word = (before + ".").lower()
            if word in _HONORIFICS or len(before.strip(".")) <= 1 or "." in before:
                continue
            stop = line.start() + end.end()
            if text[start:stop].strip():
                spans.append((start, stop))
            start = stop
        if text[start : line.end()].strip():
            spans.append((start, line.end()))
    return spans


_Phrase = tuple[int, int, int, str]  # (determiner start, start, end, determiner)


def _parse(article_id: str, doc) -> _Parsed:  # type: ignore[no-untyped-def]
    return _Parser(article_id, doc).parse()


class _Parser:
    """One parsed article cut into noun phrases, then into name and label mentions."""

    def __init__(self, article_id: str, doc: Any) -> None:
        self.article_id = article_id
        self.doc = doc
        self.sents = _sentences(doc.text)
        self.ent_of: dict[int, int] = {}
        self.ents = [e for e in doc.ents if e.label_ in _NAME_LABELS]
        for k, e in enumerate(self.ents):
            for t in range(e.start, e.end):
                self.ent_of[t] = k
        self.toks = list(doc)
        self.n = len(self.toks)
        self.names: list[Mention] = []
        self.labels: list[tuple[Mention, int | None]] = []
        self.name_at: dict[int, int] = {}  # token -> index of the name it is part of
        self.attached: set[int] = set()  # starts of phrases attached as appositions

    def parse(self) -> _Parsed:
        phrases = self._joined(self._phrases())
        for pi, phrase in enumerate(phrases):
            nxt = phrases[pi + 1] if pi + 1 < len(phrases) else None
            if self._is_name(phrase[2]):
                self._name(phrase, nxt)
            else:
                self._description(phrase, nxt)
        return _Parsed(names=self.names, labels=self._resolve_next())

    def sentence_of(self, pos: int) -> tuple[int, int]:
        sents = self.sents
        lo, hi = 0, len(sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if sents[mid][1] <= pos:
                lo = mid + 1
            elif sents[mid][0] > pos:
                hi = mid - 1
            else:
                return sents[mid]
        return (pos, pos)

    def nominal(self, i: int) -> bool:
        toks, n, ent_of = self.toks, self.n, self.ent_of
        t = toks[i]
        if t.ent_type_ and t.ent_type_ not in _NAME_LABELS:
            return False  # "this week", "2015", "two": not part of a description
        if t.pos_ in _NOMINAL or i in ent_of:
            return t.text.lower() not in _PRONOUNS or i in ent_of
        # "the fired FBI director": a participle inside a phrase, "Russia-backed".
        return t.tag_ in ("VBN",) and i + 1 < n and toks[i + 1].pos_ in ("NOUN", "PROPN", "ADJ")

    # --- noun phrases -----------------------------------------------------------------

    def _phrases(self) -> list[_Phrase]:
        toks, n, ent_of = self.toks, self.n, self.ent_of
        phrases: list[_Phrase] = []
        i = 0
        while i < n:
            det = ""
            j = i
            if toks[i].lower_ in _DETERMINERS and toks[i].pos_ in ("DET", "PRON"):
                det = toks[i].lower_
                j = i + 1
            k = self._extent(j)
            while k > j and toks[k - 1].pos_ == "ADJ" and (k - 1) not in ent_of:
                k -= 1  # a phrase ends in a noun ("was a dictator", not "was brutal")
            while k > j and toks[k - 1].text in ("-", "–"):
                k -= 1
            inside = j > 0 and toks[j - 1].text in ("-", "–") and not toks[j - 1].whitespace_
            if inside and k > j:  # the end of a compound: "son-in-law", not "law"
                i = k
                continue
            if k > j and (toks[k - 1].pos_ in ("NOUN", "PROPN") or (k - 1) in ent_of):
                phrases.extend(self._by_head((i, j, k, det)))
                i = k
            else:
                i = max(i + 1, k)
        return phrases

    def _by_head(self, phrase: _Phrase) -> list[_Phrase]:
        """One noun phrase per syntactic head (#17). A run of nominal words can hold two
        phrases: "the most important step | Clinton could take", "one way | Sanders
        could", "the challenges | Mr. Obama has faced". Each word is given the word of
        the run its chain of heads ends at; a contiguous stretch of one such head is one
        phrase when that head is a subject or a possessor (never cut inside a name, a
        hyphenated word or before a possessive ending), kept only when it ends in a noun."""
        i, j, k, det = phrase
        toks, ent_of = self.toks, self.ent_of

        def top(x: int) -> int:
            seen = 0
            while j <= toks[x].head.i < k and toks[x].head.i != x and seen < k - j:
                x, seen = toks[x].head.i, seen + 1
            return x

        tops = [top(x) for x in range(j, k)]
        changes = [x for x in range(j + 1, k) if tops[x - j] != tops[x - j - 1]]
        # A head whose words come back after another head's (not projective): one phrase.
        if not changes or len({tops[c - j] for c in changes} | {tops[0]}) != len(changes) + 1:
            return [phrase]
        cuts = [
            x
            for x in changes
            # The second phrase opens a clause or owns what follows ("... step | Clinton
            # could take", "... message | Clinton's forces expect"); any other second head
            # is the parser's slip inside a title ("his Russian counterpart Sergey Lavrov").
            if self._opens(toks[tops[x - j]], toks[tops[x - j - 1]])
            and not (x in ent_of and (x - 1) in ent_of and ent_of[x] == ent_of[x - 1])
            and toks[x].text not in ("-", "–")
            and toks[x - 1].text not in ("-", "–")
            and toks[x].tag_ != "POS"
        ]
        if not cuts:
            return [phrase]
        out: list[_Phrase] = []
        for a, b in zip([j, *cuts], [*cuts, k], strict=True):
            if toks[b - 1].pos_ in ("NOUN", "PROPN") or (b - 1) in ent_of:
                out.append((i, a, b, det) if a == j else (a, a, b, ""))
        return out

    @staticmethod
    def _opens(top: Any, left: Any) -> bool:
        """Whether a phrase's head ``top`` is a possessor or the one subject of its verb,
        after a phrase headed by ``left``. A verb that hangs from ``left`` makes a
        relative clause ("the step Clinton could take"); otherwise ``left`` must not be a
        conjunct or an apposition: "Le Drian and his Russian counterpart Sergey Lavrov
        would meet" read as "counterpart | Lavrov would meet" is a slip of the parser."""
        if top.dep_ == "poss":
            return True
        subjects = ("nsubj", "nsubjpass")
        if top.dep_ not in subjects or sum(c.dep_ in subjects for c in top.head.children) != 1:
            return False
        return top.head.head.i == left.i or left.dep_ not in ("conj", "appos")

    def _extent(self, j: int) -> int:
        """The end of the run of nominal words (and a name's own words) from ``j``."""
        toks, n, ent_of = self.toks, self.n, self.ent_of
        k = j
        while k < n:
            t = toks[k]
            # A dash with a space beside it is punctuation, not a hyphen: "both claim
            # roots - Mrs. Clinton's father also grew up here" (#17).
            if t.text in ("-", "–", "—") and (t.whitespace_ or toks[k - 1].whitespace_):
                break
            if self.nominal(k) or (t.text in ("-", "–") and k > j):
                k += 1
                continue
            # Inside a name: "Donetsk and Lugansk People's Republics", "Secretary of State".
            if k > j and (k - 1) in ent_of and k in ent_of and ent_of[k] == ent_of[k - 1]:
                k += 1
                continue
            if t.tag_ == "POS" and k > j and k + 1 < n and k in ent_of and (k + 1) in ent_of:
                k += 1
                continue
            # A title's own words: "Secretary of State", "Minister for Foreign Affairs".
            if (
                t.lower_ in ("of", "for")
                and k > j
                and k + 1 < n
                and toks[k - 1].pos_ == "PROPN"
                and toks[k + 1].pos_ == "PROPN"
                and toks[k - 1].text[:1].isupper()
                and toks[k + 1].text[:1].isupper()
            ):
                k += 1
                continue
            break
        return k

    def _joined(self, phrases: list[_Phrase]) -> list[_Phrase]:
        """ "Donetsk and Lugansk People's Republics": names joined before a plural head."""
        toks = self.toks
        joined: list[_Phrase] = []
        for ph in phrases:
            prev = joined[-1] if joined else None
            if (
                prev is not None
                and prev[2] + 1 == ph[1]
                and toks[prev[2]].lower_ == "and"
                and all(toks[x].pos_ == "PROPN" for x in range(prev[1], prev[2]))
                # The shared head is a common noun ("Republics"), not a name: "Clinton
                # and Sanders" are two people (#17); and it ends the second conjunct's
                # name: "FBI Director James Comey and career prosecutors" are two.
                and toks[ph[2] - 1].pos_ == "NOUN"
                and toks[ph[2] - 1].tag_ == "NNS"
                and ph[1] in self.ent_of
                and self.ent_of.get(ph[2] - 1) == self.ent_of[ph[1]]
            ):
                joined[-1] = (prev[0], prev[1], ph[2], prev[3])
            else:
                joined.append(ph)
        return joined

    # --- mentions ---------------------------------------------------------------------

    def _is_name(self, k: int) -> bool:
        """Whether the phrase ending before ``k`` names one referent (not a plural group)."""
        last = k - 1
        if last not in self.ent_of:
            return False
        ent = self.ents[self.ent_of[last]]
        # A plural head ends a group's name ("Donetsk and Lugansk People's Republics"); a
        # name of one word is one name whatever its tag: "Sanders" read as a plural noun
        # is the senator, not a group (#17).
        group = (
            self.toks[last].tag_ in ("NNPS", "NNS")
            and ent.label_ not in ("GPE", "NORP", "LOC")
            and len(ent) > 1
        )
        return not group

    def _name(self, phrase: _Phrase, nxt: _Phrase | None) -> None:
        """A name mention, with a title before it and an apposition or predicate after."""
        _, j, k, det = phrase
        toks = self.toks
        e = self.ents[self.ent_of[k - 1]]
        name_start = max(e.start, j)
        # An honorific right before the name belongs to it ("Mr. Kim").
        if name_start - 1 >= j and toks[name_start - 1].lower_ in _HONORIFICS:
            name_start -= 1
        span = self.doc[name_start:k]
        term = span.text.removesuffix("'s").removesuffix("’s").strip()
        if not term or _name_key(term) == "":
            return
        m = Mention(
            article=self.article_id,
            start=span.start_char,
            end=span.start_char + len(term),
            term=term,
            kind="name",
            head=_name_key(term).split()[-1],
            label=e.label_,
            sentence=self.sentence_of(span.start_char),
        )
        self.names.append(m)
        idx = len(self.names) - 1
        for x in range(name_start, k):
            self.name_at[x] = idx
        if name_start > j and e.label_ == "PERSON" and det not in ("a", "an"):
            # a title: "North Korean dictator", "CIA Director"
            lab = _label(self.doc, j, name_start, self.article_id, self.sentence_of)
            # A plural is no title of one person: "keynote speakers Ryan and McConnell".
            # The title's head comes before its prepositional phrase: "Minister of
            # Foreign Affairs" is one minister.
            before = next((x for x in range(j, name_start) if toks[x].pos_ == "ADP"), name_start)
            plural = before > j and toks[before - 1].tag_ in ("NNS", "NNPS")
            if lab is not None and not plural:
                self.labels.append((replace(lab, how="title"), idx))
        self._apposition_after((name_start, k), nxt, idx)

    def _linked(self, a: tuple[int, int], b: tuple[int, int], deps: tuple[str, ...]) -> bool:
        """Whether the parser attaches the head of span ``a`` to a word of span ``b`` by
        one of ``deps``, or the head of ``b`` to a word of ``a``: an apposition is the
        parser's "appos", not any phrase after a comma ("the Europeans, their allies,
        Russia and Ukraine" is a list, #17)."""
        for (x0, x1), (y0, y1) in ((a, b), (b, a)):
            tops = [t for t in self.toks[x0:x1] if not x0 <= t.head.i < x1 or t.head.i == t.i]
            if any(t.dep_ in deps and y0 <= t.head.i < y1 for t in tops):
                return True
        return False

    def _apposition_after(self, name: tuple[int, int], nxt: _Phrase | None, idx: int) -> None:
        """Apposition after the name: "Pompeo, Trump's pick for secretary of state,"."""
        toks, k = self.toks, name[1]
        if (
            nxt is not None
            and k < self.n
            and toks[k].text == ","
            and nxt[0] == k + 1
            and (nxt[2] - 1) not in self.ent_of
        ):
            lab = _label(self.doc, nxt[1], nxt[2], self.article_id, self.sentence_of)
            # A determiner or two words: "Kim Jong-un, center," is a caption's place.
            full = bool(nxt[3]) or nxt[2] - nxt[1] >= 2
            if (
                lab is not None
                and full
                and _closes(toks, nxt[2])
                and self._linked(name, (nxt[1], nxt[2]), ("appos",))
            ):
                self.labels.append((replace(lab, how="apposition"), idx))
                self.attached.add(nxt[1])  # not a description standing alone too

    def _subject(self, j: int, k: int) -> int | None:
        """The name (its index) that is the subject of the verb the description ``j``..``k``
        completes as a predicate nominal: "Comey was the FBI director", "Clinton will
        become the nominee"; not "the concern coursing through the Party is the fact
        that ..." nor "Trump was not a target" (#17)."""
        for t in self.toks[j:k]:
            if t.dep_ != "attr" or j <= t.head.i < k:
                continue
            subjects = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(c.dep_ == "neg" for c in t.head.children):
                continue  # "Trump was not a target of that probe"
            if len(subjects) == 1 and subjects[0].i in self.name_at:
                return self.name_at[subjects[0].i]
        return None

    def _description(self, phrase: _Phrase, nxt: _Phrase | None) -> None:
        """A description: before a name's apposition, or standing alone."""
        _, j, k, det = phrase
        toks, n, ent_of, ents = self.toks, self.n, self.ent_of, self.ents
        if k < n and toks[k].tag_ == "POS":
            return  # a possessor ("the world's"), not what the phrase names
        lab = _label(self.doc, j, k, self.article_id, self.sentence_of)
        if lab is None or j in self.attached:
            return
        subject = self._subject(j, k) if det in ("the", "a", "an") else None
        if subject is not None:
            self.labels.append((replace(lab, how="predicate"), subject))
            return
        # Apposition before a name: "its leader, Kim Jong-un".
        if (
            nxt is not None
            and k < n
            and toks[k].text == ","
            and nxt[0] == k + 1
            and (nxt[2] - 1) in ent_of
            and ents[ent_of[nxt[2] - 1]].label_ == "PERSON"
            and nxt[1] == ents[ent_of[nxt[2] - 1]].start
            and _closes(toks, nxt[2])
            and self._linked((j, k), (nxt[1], nxt[2]), ("appos",))
        ):
            # The name that comes next.
            self.labels.append((replace(lab, how="apposition"), -(len(self.names) + 1)))
            return
        # A description standing alone: definite ("the dictator") or a bare plural group
        # ("separatists"); indefinite ones ("a meeting") introduce, they do not refer.
        if toks[j].lower_ in _QUANTIFIERS:
            return
        if det in ("the", "this", "these", "those") or (
            not det and toks[k - 1].tag_ in ("NNS", "NNPS") and k - j >= 1
        ):
            self.labels.append((lab, None))

    def _resolve_next(self) -> list[tuple[Mention, int | None]]:
        """Resolve "the name that comes next" markers."""
        fixed: list[tuple[Mention, int | None]] = []
        for lab, at in self.labels:
            if at is not None and at < 0:
                target = -at - 1
                at = target if target < len(self.names) else None
            fixed.append((lab, at))
        return fixed


def _closes(toks, end: int) -> bool:  # type: ignore[no-untyped-def]
    """An apposition ends at a comma, a full stop or the sentence's end."""
    return end >= len(toks) or toks[end].text in (",", ".", ";", ")", "—", "–")


def _label(doc, j: int, k: int, article_id: str, sentence_of) -> Mention | None:  # type: ignore[no-untyped-def]
    """A description from tokens ``j``..``k`` (no determiner), or None when it is not one."""
    toks = doc[j:k]
    words = [t for t in toks if t.text not in ("-", "–")]
    if not words:
        return None
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in _PRONOUNS:
        return None
    if not any(t.is_alpha for t in words):
        return None
    term = toks.text.removesuffix("'s").removesuffix("’s").strip()
    if len(term) < 3:
        return None
    lemma = (head.lemma_ or head.text).lower()
    mods = tuple((t.lemma_ or t.text).lower() for t in words[:-1] if t.is_alpha)
    # The names among the modifiers: "Russian forces" and "Ukrainian forces" are two.
    # ("Russia-backed", "pro-Russian" describe, they do not own).
    named = tuple(
        sorted(
            {
                t.lower_
                for t in words[:-1]
                if t.ent_type_ in _NAME_LABELS
                and not (t.i + 1 < len(doc) and doc[t.i + 1].text in ("-", "–"))
                and not (t.i > 0 and doc[t.i - 1].text in ("-", "–"))
            }
        )
    )
    # A word of a name, or one hyphened to it ("Russia-backed", "pro-Russian"), says
    # whose side: it is an owner, not a restriction.
    of_name = {
        t.i
        for t in words[:-1]
        if t.ent_type_ in _NAME_LABELS
        or any(
            0 <= t.i + 2 * d < len(doc)
            and doc[t.i + d].text in ("-", "–")
            and doc[t.i + 2 * d].ent_type_ in _NAME_LABELS
            for d in (-1, 1)
        )
    }
    restrictive = tuple(
        (t.lemma_ or t.text).lower()
        for t in words[:-1]
        if t.is_alpha and t.i not in of_name and (t.pos_ in ("ADJ", "PROPN") or t.tag_ == "VBN")
    )
    return Mention(
        article=article_id,
        start=toks.start_char,
        end=toks.start_char + len(term),
        term=term,
        kind="label",
        head=lemma,
        mods=mods,
        named=named,
        restrictive=restrictive,
        sentence=sentence_of(toks.start_char),
        plural=head.tag_ in ("NNS", "NNPS"),
    )


# ------------------------------------------------------------------------- grouping


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in ("of", "the", "and", "for"))


def _demonym_of(norp: str, place: str) -> bool:
    """ "North Korean" / "North Korea", "Russian" / "Russia", "Chinese" / "China"."""
    a, b = norp.split(), place.split()
    if len(a) != len(b) or a[:-1] != b[:-1]:
        return False
    x, y = a[-1], b[-1]
    common = 0
    while common < min(len(x), len(y)) and x[common] == y[common]:
        common += 1
    return len(y) >= 4 and common >= len(y) - 1 and len(x) > len(y) - 1 and x != y


def story_referents(
    articles: Sequence[Article],
    spellings: Iterable[tuple[str, str]] = (),
    *,
    similar: float = 0.7,
) -> list[Referent]:
    """Referents of a story's articles, each with its name and label mentions.

    ``spellings`` are pairs of spelling variants of one name (Kiev/Kyiv) found elsewhere;
    ``similar`` is the static model's cosine at which a description nothing else
    resolves joins the referent whose labels are closest.
    """
    parsed = article_mentions(articles)
    order = [a.id for a in articles if a.id in parsed]
    uf = _Union()
    key_of, keys, label_of_key = _article_name_keys(parsed, order)
    for k in keys:
        uf.find(k)
    _join_names(uf, keys, label_of_key, spellings)
    # --- labels: attached to names, or resolved ---------------------------------------
    members, attached, loose = _members(parsed, order, uf, key_of)
    named_in: dict[str, set[str]] = defaultdict(set)
    for root, ms in members.items():
        for m in ms:
            named_in[m.article].add(root)
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    for root, labs in attached.items():
        for lab in labs:
            heads[lab.head][root] += 1
    kind_of = {
        root: Counter(m.label for m in ms if m.kind == "name").most_common(1)[0][0]
        for root, ms in members.items()
        if any(m.kind == "name" for m in ms)
    }
    known_heads = set(heads)
    unresolved = _resolve_by_head(loose, members, attached, named_in, heads, kind_of)
    # Only descriptions whose head no label has ("the North Korean leader" where "leader"
    # is never a title) go to the model; a known head with other modifiers ("the F.B.I.
    # director" beside "CIA Director Pompeo") is another referent.
    unresolved = [m for m in unresolved if m.head not in known_heads]
    # The words of each referent's names ("the Trump campaign" is not Trump).
    owner_words = {
        root: {w for m in ms if m.kind == "name" for w in m.term.lower().split()}
        for root, ms in members.items()
    }
    left = _resolve_by_model(unresolved, attached, members, named_in, kind_of, similar, owner_words)
    for root, ms in _things(left).items():
        members[root] = ms
    return _named_referents(members)


def _article_name_keys(
    parsed: Mapping[str, _Parsed], order: Sequence[str]
) -> tuple[dict[tuple[str, int], str], list[str], dict[str, Counter[str]]]:
    """Names within each article: short forms to the full name. The key of each name
    (by article and index in its names), the keys in order and each key's entity types."""
    key_of: dict[tuple[str, int], str] = {}  # (article, index in names) -> name key
    full_names: Counter[str] = Counter()
    label_of_key: dict[str, Counter[str]] = defaultdict(Counter)
    for aid in order:
        names = parsed[aid].names
        persons = Counter(_name_key(m.term) for m in names if m.label == "PERSON")
        # The longest full name, then the one the article names most, then by spelling:
        # not the order of a set, which changes with the hash seed ("Donald Trump" and
        # "Ivanka Trump" are as long, #17).
        longer = sorted(
            (p for p in persons if len(p.split()) > 1), key=lambda p: (-len(p), -persons[p], p)
        )
        apart = _rarer_gender(names)
        for i, m in enumerate(names):
            key = _name_key(m.term)
            if i in apart:
                key = f"{_norm(m.term).split()[0]} {key}"  # "ms trump": not Mr. Trump's
            elif m.label == "PERSON" and len(key.split()) == 1:
                # A surname or a first name of a full name this article uses.
                full = next((p for p in longer if key in (p.split()[0], p.split()[-1])), None)
                if full is not None:
                    key = full
            key_of[(aid, i)] = key
            full_names[key] += 1
            label_of_key[key][m.label] += 1
    return key_of, list(full_names), label_of_key


def _rarer_gender(names: Sequence[Mention]) -> set[int]:
    """Indices of the names whose honorific is of the gender an article uses less often
    with one surname: an article with 23 "Mr. Trump" and one "Ms. Trump" names two
    people, and the one "Ms. Trump" is not the full name the surname goes to (#17)."""
    uses: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, m in enumerate(names):
        words = _norm(m.term).split()
        if len(words) == 2 and words[0] in HONORIFIC_GENDER:
            uses[words[1]][HONORIFIC_GENDER[words[0]]].append(i)
    apart: set[int] = set()
    for by_gender in uses.values():
        if len(by_gender) == 2:
            most = max(len(ix) for ix in by_gender.values())
            for ix in by_gender.values():
                if len(ix) < most or all(len(x) == most for x in by_gender.values()):
                    apart.update(ix)
    return apart


def _join_names(
    uf: _Union,
    keys: Sequence[str],
    label_of_key: Mapping[str, Counter[str]],
    spellings: Iterable[tuple[str, str]],
) -> None:
    """Names across the story. Every test looks names up in indexes: linear in the
    story's names."""
    by_initials = _join_surnames(uf, keys, label_of_key)
    by_squash: dict[str, str] = {}
    for k in keys:  # "kim jong un" / "kim jong-un" / "kim jongun"
        s = k.replace(" ", "").removeprefix("the")
        if s in by_squash:
            uf.union(k, by_squash[s])
        else:
            by_squash[s] = k
    for k in keys:  # an acronym and its expansion: "cia" / "central intelligence agency"
        if len(k.split()) == 1 and 2 <= len(k) <= 6:
            for full in by_initials.get(k, ()):
                uf.union(k, full)
    _join_places(uf, keys, label_of_key)
    _join_spellings(uf, keys, spellings)


def _join_surnames(
    uf: _Union, keys: Sequence[str], label_of_key: Mapping[str, Counter[str]]
) -> dict[str, list[str]]:
    """A lone surname to the one full name of the story with it (a middle initial
    aside: "Donald J. Trump" is "Donald Trump"); the full names of things other than
    people by their initials."""
    multi = [k for k in keys if len(k.split()) > 1]
    person_by_word: dict[str, set[str]] = defaultdict(set)  # word -> full names with it
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_plain: dict[str, str] = {}
    for full in multi:
        if "PERSON" in label_of_key[full]:
            for w in full.split():
                person_by_word[w].add(full)
            plain = _plain_name(full)
            if plain in by_plain:
                uf.union(full, by_plain[plain])
            else:
                by_plain[plain] = full
        else:
            by_initials[_initials(full)].append(full)
    for k in keys:
        words = k.split()
        kind = label_of_key[k].most_common(1)[0][0]
        if len(words) == 1 and kind in ("PERSON", "ORG"):
            # A lone surname: the one full name of the story that ends or starts with it.
            # The recogniser often calls a lone surname an organisation ("Trump" in 52 of
            # PolNeAR July's story 0 uses): then only a surname counts.
            with_word = person_by_word.get(words[0], set())
            ends = {
                f
                for f in with_word
                if f.split()[-1] == words[0] or (kind == "PERSON" and f.split()[0] == words[0])
            }
            if len({_plain_name(f) for f in ends}) == 1:
                uf.union(k, min(ends))
    return by_initials


def _plain_name(key: str) -> str:
    """A person's name key without its middle initials: "donald j trump" -> "donald
    trump" (#17); "george hw bush" keeps "hw"."""
    words = key.split()
    if len(words) < 3:
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _join_places(uf: _Union, keys: Sequence[str], label_of_key: Mapping[str, Counter[str]]) -> None:
    """ "The North" to "North Korea"; a demonym to its country."""
    places = [k for k in keys if label_of_key[k].keys() & {"GPE", "LOC"}]
    by_first: dict[str, set[str]] = defaultdict(set)
    by_stem: dict[str, list[str]] = defaultdict(list)  # all words but the last's end
    for p in places:
        words = p.split()
        if len(words) > 1 and " and " not in p:
            by_first[words[0]].add(p)
        by_stem[" ".join([*words[:-1], words[-1][:4]])].append(p)
    for k in places:  # "the North" -> "North Korea", when the story has one such place
        if len(k.split()) == 1 and len(by_first.get(k, ())) == 1:
            uf.union(k, next(iter(by_first[k])))
    for k in keys:  # a demonym and its country
        if label_of_key[k].most_common(1)[0][0] == "NORP":
            words = k.split()
            for p in by_stem.get(" ".join([*words[:-1], words[-1][:4]]), ()):
                if _demonym_of(k, p):
                    uf.union(k, p)


def _join_spellings(uf: _Union, keys: Sequence[str], spellings: Iterable[tuple[str, str]]) -> None:
    """One word spelled two ways: "sergei lavrov" / "sergey lavrov"."""
    spell: dict[str, set[str]] = defaultdict(set)
    for x, y in spellings:
        spell[x.lower()].add(y.lower())
        spell[y.lower()].add(x.lower())
    known = set(keys)
    for k in keys:
        words = k.split()
        for i, w in enumerate(words):
            for v in spell.get(w, ()):
                other = " ".join([*words[:i], v, *words[i + 1 :]])
                if other in known:
                    uf.union(k, other)


def _members(
    parsed: Mapping[str, _Parsed],
    order: Sequence[str],
    uf: _Union,
    key_of: Mapping[tuple[str, int], str],
) -> tuple[dict[str, list[Mention]], dict[str, list[Mention]], list[Mention]]:
    """The mentions of each referent (by its root key), the labels attached to its names,
    and the labels attached to none."""
    members: dict[str, list[Mention]] = defaultdict(list)
    attached: dict[str, list[Mention]] = defaultdict(list)
    loose: list[Mention] = []
    for aid in order:
        article_parse = parsed[aid]
        for i, m in enumerate(article_parse.names):
            members[uf.find(key_of[(aid, i)])].append(m)
        for lab, idx in article_parse.labels:
            if idx is not None:
                root = uf.find(key_of[(aid, idx)])
                members[root].append(lab)
                attached[root].append(lab)
            else:
                loose.append(lab)
    return members, attached, loose


def _resolve_by_head(
    loose: Sequence[Mention],
    members: dict[str, list[Mention]],
    attached: Mapping[str, list[Mention]],
    named_in: Mapping[str, set[str]],
    heads: Mapping[str, Counter[str]],
    kind_of: Mapping[str, str],
) -> list[Mention]:
    """Descriptions to the referent whose attached labels share their head noun, then
    their modifiers, preferring one their article names; the others are returned."""
    unresolved: list[Mention] = []
    # The roles each article itself ties to a referent (a title, an apposition, a
    # predicate): "the nominee" is the person its own article calls the nominee, not
    # whoever another article does (#17).
    tied: dict[tuple[str, str], set[str]] = defaultdict(set)
    for root, labs in attached.items():
        for m in labs:
            tied[(m.article, m.head)].add(root)
    for lab in loose:
        cands = heads.get(lab.head)
        if cands:
            cands = Counter({r: c for r, c in cands.items() if r in tied[(lab.article, lab.head)]})
        if cands and lab.plural:  # "leaders", "representatives": not one person
            cands = Counter({r: c for r, c in cands.items() if kind_of.get(r) != "PERSON"})
        if cands and lab.named:
            # a name among the modifiers says whose: "the GOP front-runner" is not the
            # referent its article calls the "Democratic front-runner"
            cands = Counter({r: c for r, c in cands.items() if not _other_side(lab, attached[r])})
        if not cands:
            unresolved.append(lab)
            continue

        def score(
            root: str, lab: Mention = lab, cands: Counter[str] = cands
        ) -> tuple[int, int, int]:
            mods = {x for m in attached[root] for x in m.mods if m.head == lab.head}
            return (
                len(set(lab.mods) & mods),
                int(root in named_in[lab.article]),
                cands[root],
            )

        ranked = sorted(cands, key=score, reverse=True)
        best = ranked[0]
        # Two referents with this head and nothing to choose between them: leave it.
        if len(ranked) > 1 and score(best) == score(ranked[1]):
            unresolved.append(lab)
            continue
        if lab.mods and not score(best)[0]:
            unresolved.append(lab)
            continue
        members[best].append(replace(lab, how="head"))
    return unresolved


def _other_side(lab: Mention, labels: Sequence[Mention]) -> bool:
    """Every label with ``lab``'s head that names an owner names another one."""
    owned = [set(m.named) for m in labels if m.head == lab.head and m.named]
    return bool(owned) and all(not (names & set(lab.named)) for names in owned)


def _named_referents(members: Mapping[str, list[Mention]]) -> list[Referent]:
    """Each referent's mentions under its most used full name (or its commonest term)."""
    out = []
    for ms in members.values():
        shown = Counter(_display(m.term) for m in ms if m.kind == "name")
        label = Counter(m.label for m in ms if m.kind == "name").most_common(1)
        name = (
            max(shown, key=lambda t: (len(t.split()) > 1, shown[t], t))
            if shown
            else Counter(m.term for m in ms).most_common(1)[0][0]
        )
        out.append(Referent(name=name, label=label[0][0] if label else "", mentions=ms))
    return out


def _display(term: str) -> str:
    words = term.split()
    while words and words[0].lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words) or term


def _resolve_by_model(
    unresolved: list[Mention],
    attached: Mapping[str, list[Mention]],
    members: dict[str, list[Mention]],
    named_in: Mapping[str, set[str]],
    kind_of: Mapping[str, str],
    similar: float,
    owner_words: Mapping[str, set[str]] | None = None,
) -> list[Mention]:
    """Descriptions sharing no head word with any label: the closest labels by the static
    model, of a referent their article names ("the North Korean leader" -> "dictator")."""
    roots = [r for r, labs in attached.items() if labs]
    if not unresolved or not roots:
        return list(unresolved)
    owner_words = owner_words or {}
    named_words = {w for ws in owner_words.values() for w in ws}
    left = []
    from newsprism.compare.embedding import embed

    texts = sorted({m.term.lower() for r in roots for m in attached[r]})
    texts += sorted({m.head for r in roots for m in attached[r]} | {m.head for m in unresolved})
    queries = sorted({m.term.lower() for m in unresolved})
    vecs = embed(texts + queries)
    at = {t: vecs[i] for i, t in enumerate(texts)}
    q = {t: vecs[len(texts) + i] for i, t in enumerate(queries)}
    for m in unresolved:
        best, best_sim = None, similar
        for r in roots:
            if r not in named_in[m.article] or (m.plural and kind_of.get(r) == "PERSON"):
                continue
            if set(m.named) & named_words:
                continue  # "the Trump administration" is Trump's, not Trump nor Moon
            for x in attached[r]:
                if x.article != m.article:
                    continue  # a role its own article ties to the referent (#17)
                # The phrases close and their head nouns related ("leader"/"dictator"),
                # not a thing of the referent ("the Trump campaign" / "campaign volunteer").
                sim = float(q[m.term.lower()] @ at[x.term.lower()])
                if (
                    sim > best_sim
                    and float(at[m.head] @ at[x.head]) >= _HEAD_SIMILAR
                    and not any(
                        _derived(a, b) for a in (m.head, *m.mods) for b in (x.head, *x.mods)
                    )
                ):
                    best, best_sim = r, sim
        if best is not None:
            members[best].append(replace(m, how="model"))
        else:
            left.append(m)
    return left


def _derived(a: str, b: str) -> bool:
    """Two words of one stem, not one word: a derivation names another kind of thing
    ("nomination" / "nominee", "presidency" / "president", "ministry" / "minister"), so
    the act or the office is not a label of the person, and "the presidential
    nomination" is not close to "President" through its modifier (#17)."""
    return a != b and len(os.path.commonprefix([a, b])) >= 5


def _things(descriptions: Sequence[Mention]) -> dict[str, list[Mention]]:
    """Referents named by descriptions alone: "the memos", "Comey's memos", "the memo";
    "the Iran deal", "the Iran nuclear agreement". One head noun (never a title of a
    name: those are people's roles) is one referent of the story; two heads whose
    phrases share a modifier and whose nouns the static model finds related are one
    ("deal"/"agreement" with "Iran")."""
    by_head: dict[str, list[Mention]] = defaultdict(list)
    for m in descriptions:
        # A capitalised head is part of a name: "the Republic" (France) is not "the
        # People's Republics"; "the memo" is one of "the memos".
        capital = m.term.split()[-1][:1].isupper()
        # A plural and its singular are two referents (#17): "the campaign" is one,
        # "campaigns" and "conventions" are sets or kinds of it.
        number = ("+" if capital else "") + "#" if m.plural else ""
        by_head[m.head + number].append(m)
    heads = sorted(by_head)
    words = {w for m in descriptions for w in (m.head, *m.mods)}
    uf = _Union()
    if len(heads) > 1:
        from newsprism.compare.embedding import embed

        vecs = embed([h.rstrip("+#") for h in heads])
        # Shared modifiers that describe ("nuclear"), not a name's ("Russian" troops and
        # a "Russian" invasion are two things).
        mods = {h: {x for m in by_head[h] for x in m.mods if x not in set(m.named)} for h in heads}
        for i, a in enumerate(heads):
            for j in range(i + 1, len(heads)):
                b = heads[j]
                short, long_ = sorted((a, b), key=len)
                if a.endswith("#") != b.endswith("#"):
                    continue  # one number each
                if (
                    long_.endswith(short)
                    and len(short) >= 4
                    and 2 * len(short) >= len(long_)
                    # A compound's first part is a word of the story's descriptions
                    # (#17): "law|suit", not "s|election", "r|allies" or "nomi|nation".
                    and long_[: len(long_) - len(short)].strip("+#") in words
                ):
                    uf.union(a, b)  # "suit" / "lawsuit", not "nation" / "assassination"
                elif mods[a] & mods[b] and float(vecs[i] @ vecs[j]) >= _THING_SIMILAR:
                    uf.union(a, b)
    out: dict[str, list[Mention]] = defaultdict(list)
    for h in heads:
        for m in by_head[h]:
            # Things of different named owners are different things ("Russian forces",
            # "Ukrainian forces"), and so are an owner's and "government troops"; the
            # bare "the forces" joins the one other group of its head, if there is one.
            owner = " ".join(m.named) if m.named else ("-" if m.mods else "")
            out[f"~{uf.find(h)}|{owner}"].append(replace(m, how="thing"))
    for key in [k for k in out if k.endswith("|")]:
        owned = [k for k in out if k.startswith(key) and k != key]
        if len(owned) == 1:
            out[owned[0]].extend(out.pop(key))
    for key in [k for k in out if k.endswith("|-")]:  # modified, unowned: the head's own
        out[key[:-1]] = out.pop(key) + out.pop(key[:-1], [])
    out = _complementary_groups(_restricted(out))
    # A thing the story keeps coming back to: several mentions in several articles.
    return {
        k: ms
        for k, ms in out.items()
        if len(ms) >= _THING_MENTIONS and len({m.article for m in ms}) >= _THING_ARTICLES
    }


def _restricted(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """An adjective restricts a head to a kind of it: "the primary campaign", "the
    political arena", "social issues" and "Western countries" are not "the campaign",
    "the arena", "issues" and "countries". Each restricted term is its own group; a noun
    modifier joins its head ("the convention floor" / "the floor"), and so does a name
    or a word hyphened to one, which says whose side (#17)."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for key, ms in groups.items():
        for m in ms:
            out[f"{key}|{' '.join(m.restrictive)}" if m.restrictive else key].append(m)
    return dict(out)


def _complementary_groups(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Groups of people described by different articles in words the static model finds
    close are one group: "Russia-backed separatists" in one outlet, "Russia-backed
    rebels" in a second, "Donetsk and Lugansk People's Republics" in a third. As with
    spellings, complementary use is the evidence: two descriptions one article uses side
    by side ("Democrats" and "Republicans") are two groups."""
    keys = [k for k, ms in groups.items() if sum(m.plural for m in ms) * 2 > len(ms)]
    if len(keys) < 2:
        return groups
    from newsprism.compare.embedding import embed

    # Described, not just counted: a bare "civilians" or "soldiers" says too little to tie
    # two outlets' groups; "Russia-backed rebels" and "pro-Russian separatists" do.
    terms = {
        k: sorted({m.term.lower() for m in groups[k] if m.plural and len(m.term.split()) > 1})
        for k in keys
    }
    keys = [k for k in keys if terms[k]]
    # Groups of one kind: people ("separatists", "rebels") are not things ("elections",
    # "politics"); a head noun's kind is the clearly nearer of the personal and the
    # impersonal pronouns, and nouns too close to call join nothing (#17).
    heads = {k: Counter(m.head for m in groups[k]).most_common(1)[0][0] for k in keys}
    words = {k: {m.term.split()[-1].lower() for m in groups[k]} for k in keys}
    sides = {k: _sides(m.term for m in groups[k]) for k in keys}
    owners = {k: {w for m in groups[k] for w in m.named} for k in keys}
    if len(keys) < 2:
        return groups
    flat = sorted({t for k in keys for t in terms[k]})
    vecs = dict(zip(flat, embed(flat), strict=True))
    arts = {k: {m.article for m in groups[k]} for k in keys}
    pairs = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if owners[a] and owners[b] and not owners[a] & owners[b]:
                continue  # "Russian forces" / "Ukrainian security forces": two sides
            (for_a, against_a), (for_b, against_b) = sides[a], sides[b]
            if for_a & against_b or for_b & against_a:
                continue  # "anti-Trump delegates" / "Trump delegates": opposite sides
            if words[a] & words[b]:
                pass  # one head noun ("Minsk Agreements" / "agreements")
            elif not _kind(heads[a]) or _kind(heads[a]) != _kind(heads[b]):
                continue
            sim = max(float(vecs[x] @ vecs[y]) for x in terms[a] for y in terms[b])
            if sim >= _GROUP_SIMILAR:
                pairs.append((-sim, a, b))
    uf = _Union()
    used = dict(arts)  # articles of each merged group, by its root
    for _, a, b in sorted(pairs):
        ra, rb = uf.find(a), uf.find(b)
        # Still complementary once merged: no article uses two of its descriptions.
        if ra != rb and not used[ra] & used[rb]:
            uf.union(ra, rb)
            used[uf.find(ra)] = used[ra] | used[rb]
    out: dict[str, list[Mention]] = defaultdict(list)
    for k, ms in groups.items():
        out[uf.find(k) if k in keys else k].extend(ms)
    return dict(out)


# Prefixes that turn a name into its opposite side (a grammatical list: word formation).
_AGAINST = ("anti", "counter")


def _sides(terms: Iterable[str]) -> tuple[set[str], set[str]]:
    """The capitalised words a group's terms are for, and those they are against
    ("Anti-Trump forces": against "trump"; "Trump allies": for "trump")."""
    pro: set[str] = set()
    anti: set[str] = set()
    for term in terms:
        for word in re.split(r"\s+", term):
            parts = [p for p in re.split(r"[-‐–]", word) if p]
            for i, part in enumerate(parts):
                if not part[:1].isupper() or part.lower() in _AGAINST:
                    continue
                against = i > 0 and parts[i - 1].lower() in _AGAINST
                (anti if against else pro).add(part.lower())
    return pro, anti


_PERSONAL = ("someone", "he", "she", "who", "him", "her", "they", "them")
_IMPERSONAL = ("something", "it", "which", "what", "this")


@functools.lru_cache(maxsize=4096)
def _kind(noun: str) -> str:
    """ "person" or "thing" when the static model puts a noun clearly nearer a personal
    or an impersonal pronoun (a pronoun list is a grammatical list), else "" (#17):
    "separatist" and "rebel" are people, "election" and "agreement" things, "vote" and
    "voter" too close to call."""
    from newsprism.compare.embedding import embed

    vecs = embed([noun, *_PERSONAL, *_IMPERSONAL])
    sims = vecs[1:] @ vecs[0]
    lean = float(sims[: len(_PERSONAL)].max()) - float(sims[len(_PERSONAL) :].max())
    return "person" if lean > _KIND_MARGIN else "thing" if lean < -_KIND_MARGIN else ""


_KIND_MARGIN = 0.03


_GROUP_SIMILAR = 0.5  # "Russia-backed separatists" / "Russia-backed rebels" 0.51
_THING_MENTIONS = 4
_THING_ARTICLES = 3
_THING_SIMILAR = 0.3  # static-model cosine of two head nouns of one thing ("deal"/"agreement")


_HEAD_SIMILAR = 0.4  # static-model cosine of two head nouns ("leader"/"dictator" 0.47)
