"""Renderings of one statement by different outlets, grouped."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from newsprism.compare.claims import tfidf
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.embedding import embed
from newsprism.compare.text import WORD, content_tokens
from newsprism.logistic import LogisticModel, load_model
from newsprism.model import Article, Extraction, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PRONOUNS = frozenset("he she they it we i you".split())


_SPEAKER_STOP = frozenset("the a an of office".split())


def _speaker_words(speaker: str | None) -> frozenset[str]:
    """The words naming a quote's speaker (none for a pronoun or no speaker)."""
    if not speaker or speaker.lower() in _PRONOUNS:
        return frozenset()
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", speaker.lower()))
    return frozenset(w for w in words if w not in _SPEAKER_STOP)


def _capitalised(text: str) -> set[str]:
    """Content tokens of the capitalised words of ``text`` past its first word: names."""
    caps = re.findall(r"(?<=\s)[A-Z][\w’'-]*", text)
    return set(content_tokens(" ".join(caps)))


# One speaker's two renderings are one statement when the learned pair model says so
# (``tools/train_quote_grouping.py``: logistic regression over the pair's word overlap,
# TF-IDF and static-MiniLM similarity and speaker agreement, fitted on the dev split of
# ``tests/data/quote_groups.jsonl``, pairs a fact-checker judged). It replaced a rule
# (same speaker, TF-IDF >= 0.25 or MiniLM >= 0.78, three shared words) that grouped 66%
# of the judged one-statement pairs; eval quote-groups has the figures.
_GROUPING_MODEL = "quote_grouping.json"
# Two translations of one readout share meaning more than words: "the presidents believe
# it is important to intensify efforts" / "considered it expedient to intensify the
# search" (TF-IDF 0.21, static MiniLM 0.80). One speaker's words quoted by two outlets,
# sharing three words, are one statement at this cosine whatever the pair model says (at
# 0.75 Putin's security demands also swallowed his complaint about NATO arms). For
# paraphrases (indirect quotes) the cosine is no evidence: on the judged PolNeAR pairs
# it joined as many different statements as renderings of one.
TRANSLATION = 0.78
# Pairs the model decides: a name of the speaker in common and two content words besides.
_CANDIDATE_WORDS = 2


def grouping_model() -> LogisticModel:
    """The shipped pair model (``src/newsprism/data/quote_grouping.json``)."""
    return load_model(_GROUPING_MODEL)


class QuoteSet:
    """A story's quotes with what pairing them needs: similarities, words, speaker names."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = list(quotes)
        matrix = tfidf([q.text for q in quotes])
        n = len(quotes)
        self.sims = (matrix @ matrix.T).toarray() if matrix is not None else np.eye(n)
        # Translations share meaning more than words: "the presidents believe it is
        # important to intensify efforts" / "considered it expedient to intensify the
        # search" (TF-IDF 0.17, static MiniLM 0.80).
        vectors = embed([q.text for q in quotes])
        self.meaning = vectors @ vectors.T
        self.names = [_speaker_words(q.speaker) for q in quotes]
        # Speaker words are no evidence of one statement: "Sanders" in two of his quotes.
        self.words = [set(content_tokens(q.text)) - self.names[i] for i, q in enumerate(quotes)]
        # Nor, between two speakers, are the story's names: "Qeshm", "Bandar Abbas" are in
        # every quote of a quake story.
        self.plain = [w - _capitalised(q.text) for w, q in zip(self.words, quotes, strict=True)]
        self._partner_cache: dict[tuple[int, str], tuple[int, ...]] = {}

    def _base(self, i: int, j: int) -> float:
        both = len(self.words[i] & self.words[j])
        return float(self.sims[i, j]) + both / max(1, min(len(self.words[i]), len(self.words[j])))

    def _partners(self, i: int, article: str) -> tuple[int, ...]:
        """The quotes of ``article`` that name a speaker of quote ``i``, best match first
        (kept on the set, not in a class-wide cache that would hold every story's set)."""
        key = (i, article)
        if key not in self._partner_cache:
            found = [
                j
                for j, q in enumerate(self.quotes)
                if q.article_id == article and self.names[i] & self.names[j]
            ]
            self._partner_cache[key] = tuple(sorted(found, key=lambda j: -self._base(i, j)))
        return self._partner_cache[key]

    def speaker_key(self, i: int) -> str:
        return (self.quotes[i].speaker or "").lower().removeprefix("the ")

    def same_speaker(self, i: int, j: int) -> bool:
        return bool(self.speaker_key(i)) and self.speaker_key(i) == self.speaker_key(j)

    def translations(self, i: int, j: int) -> bool:
        """Two outlets put one speaker's words in quotation marks, worded apart but alike
        in meaning: two translations of one text."""
        return (
            self.same_speaker(i, j)
            and self.quotes[i].kind == self.quotes[j].kind == "direct"
            and self.meaning[i, j] >= TRANSLATION
        )

    def candidate(self, i: int, j: int) -> bool:
        """A pair the model decides: one speaker's name in both, and words in common."""
        shared = self.words[i] & self.words[j]
        return bool(self.names[i] & self.names[j]) and len(shared) >= _CANDIDATE_WORDS

    def features(self, i: int, j: int) -> dict[str, float]:
        """What the pair model reads (``tools/train_quote_grouping.py`` fits it on these)."""

        def overlap(bags: list[set[str]]) -> float:
            return len(bags[i] & bags[j]) / max(1, min(len(bags[i]), len(bags[j])))

        return {
            "tfidf": float(self.sims[i, j]),
            "meaning": float(self.meaning[i, j]),
            "shared": overlap(self.words),
            "shared_plain": overlap(self.plain),
            # how many words, not only what share: two short remarks alike in "campaign"
            # and "end" share two thirds of their words and are still two remarks
            "shared_count": min(len(self.words[i] & self.words[j]), 6) / 6,
            "same_speaker": float(self.same_speaker(i, j)),
            # one statement's renderings are each other's best match in the other article;
            # a speaker quoted on one matter many times offers many near matches
            "mutual_best": float(
                self._partners(i, self.quotes[j].article_id)[:1] == (j,)
                and self._partners(j, self.quotes[i].article_id)[:1] == (i,)
            ),
            "alternatives": math.log1p(
                max(
                    0,
                    len(self._partners(i, self.quotes[j].article_id))
                    + len(self._partners(j, self.quotes[i].article_id))
                    - 2,
                )
            ),
        }


def average_linkage(
    items: Sequence[int],
    score: Mapping[tuple[int, int], float],
    sources: Sequence[str],
    threshold: float,
) -> list[list[int]]:
    """Split a chain of linked renderings into statements: clusters merge while the mean
    score of their pairs from two sources (unscored pairs count 0) is at least
    ``threshold``, best first. Without it one link chained a speaker's different points
    of one statement into one group ("will suspend the changes" / "agreed to testify")."""
    clusters = [[i] for i in sorted(items)]

    def mean(a: list[int], b: list[int]) -> float | None:
        pairs = [(min(x, y), max(x, y)) for x in a for y in b if sources[x] != sources[y]]
        scored = [score[p] for p in pairs if p in score]
        return sum(scored) / len(scored) if scored else None

    while len(clusters) > 1:
        best, pick = threshold, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                m = mean(clusters[x], clusters[y])
                if m is not None and m >= best:
                    best, pick = m, (x, y)
        if pick is None:
            break
        x, y = pick
        clusters[x] = sorted(clusters[x] + clusters.pop(y))
    return clusters


def group_quotes(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> list[dict[str, Any]]:
    """Group the renderings of one statement by different outlets (translations, paraphrases)."""
    quotes: list[Quote] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is not None and not a.duplicate_of:
            quotes.extend(q for q in ex.quotes if len(WORD.findall(q.text)) >= 4)
    if not quotes:
        return []
    qs = QuoteSet(quotes)
    model = grouping_model()
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # A short fragment ("the terrorist attacks in Orlando") looks like many statements; it
    # joins another speaker's quote only when both name the same speaker, else it would
    # chain two people's different statements into one group.
    short = [len(WORD.findall(q.text)) < config.quote_fragment_words for q in quotes]

    def shares_substance(i: int, j: int, bags: list[set[str]]) -> bool:
        """Two renderings of one statement share several content words, not one or two
        ("the end game" / "wanted it to end")."""
        both = bags[i] & bags[j]
        shorter = min(len(bags[i]), len(bags[j])) or 1
        return len(both) >= config.quote_shared_words and len(both) / shorter >= 0.3

    # How sure each pair of renderings from two sources is one statement: 1 by the
    # TF-IDF rule, the pair model's probability for one speaker's renderings, else 0.
    score: dict[tuple[int, int], float] = {}
    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if keys[quotes[i].article_id] == keys[quotes[j].article_id]:
                continue
            same_speaker = qs.same_speaker(i, j)
            named = bool(qs.names[i] & qs.names[j])
            if (short[i] or short[j]) and not (same_speaker or named):
                continue
            # "Clinton" and "Hillary Clinton" are one speaker: names count as words then.
            bags = qs.words if named else qs.plain
            if (
                qs.sims[i, j] >= config.quote_same_threshold
                and (same_speaker or shares_substance(i, j, bags))
            ) or (qs.translations(i, j) and shares_substance(i, j, bags)):
                score[i, j] = 1.0
            elif qs.candidate(i, j):
                score[i, j] = model.probability(qs.features(i, j))
            if score.get((i, j), 0.0) >= model.threshold:
                parent[find(i)] = find(j)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        components[find(i)].append(i)
    sources = [keys[q.article_id] for q in quotes]
    clusters = [
        members
        for comp in components.values()
        for members in average_linkage(comp, score, sources, model.threshold)
    ]
    out = []
    for indices in clusters:
        members = [quotes[i] for i in indices]
        speakers = Counter(
            q.speaker for q in members if q.speaker and q.speaker.lower() not in _PRONOUNS
        )
        speaker = speakers.most_common(1)[0][0] if speakers else (members[0].speaker or None)
        representative = max(members, key=lambda q: len(q.text))
        out.append(
            {
                "speaker": speaker,
                "text": representative.text,
                "kind": representative.kind,
                "articles": list(dict.fromkeys(q.article_id for q in members)),
                "variants": [
                    {
                        "article": q.article_id,
                        "text": q.text,
                        "speaker": q.speaker,
                        "cue": q.cue,
                        "kind": q.kind,
                        "start": q.start,
                        "end": q.end,
                    }
                    for q in members
                ],
                # the pairs of renderings that link the group, by position in
                # ``variants``, with their score: the evidence ``explain`` shows and
                # omissions read
                "links": [
                    [x, y, round(score[i, j], 3)]
                    for x, i in enumerate(indices)
                    for y, j in enumerate(indices)
                    if i < j and score.get((i, j), 0.0) >= model.threshold
                ],
            }
        )
    out.sort(
        key=lambda g: (
            -len({keys[a] for a in cast(list[str], g["articles"])}),
            -len(cast(str, g["text"])),
        )
    )
    aliases = {
        ent.text.lower(): ent.canonical.lower()
        for a in articles
        if (ex := extractions.get(a.id)) is not None
        for ent in ex.entities
    }
    return flag_differing_renderings(out, aliases, {a.id: a.text for a in articles})


# --- Differing renderings (#16 Build 3, quote variants) --------------------------------
#
# A group holds renderings of one statement; most differ only in wording. This pass
# compares each rendering with the group's reference (its `text`, the longest rendering)
# word by word and names how their meaning differs. Each reason is one entry of
# _DIFFERENCES, tested on its own; a variant's `differs` lists the entries that fired.

# Grammatical negators (not loaded words): a child that negates the predicate it hangs on.
_NEGATORS = frozenset("not n't never no nothing nobody none nowhere".split())
# Predicates that negate their complement: "denied that he colluded", "refusing to implement".
_NEGATING_HEADS = frozenset("deny refuse fail decline denial refusal failure".split())
# Verbs whose negation is read in their clause (neg-raising): "I don't think it will
# work" means "I think it won't work".
_NEG_RAISING = frozenset("think believe feel expect suppose seem appear imagine reckon".split())
# Arguments through which a negative determiner negates the clause: "no charges were filed".
_ARGUMENTS = frozenset("nsubj nsubjpass dobj attr".split())
# Complements that inherit their head's negation ("did not plan to go", "refusal to
# implement", "am not ready to support": an adjective of a negated copula). Not ccomp:
# "did not say that X" does not deny X, and "failed to note that X" asserts it; only a
# negating head ("denied that X") reaches into a that-clause.
_COMPLEMENTS = frozenset("xcomp acl acomp".split())
_PREDICATES = frozenset("VERB AUX ADJ".split())
_CONTENT = frozenset("VERB ADJ NOUN PROPN NUM".split())
_QUOTE_MARKS = re.compile(r"[\"“”„‟«»‹›]|(?:^|(?<=\s))['‘]|['’](?=\s|$)")


def _not_just(neg: Token) -> bool:
    """ "not just", "not only": an addition, no negation ("you aren't just a loser, you
    are a liar" says he is a loser)."""
    nxt = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
    return nxt is not None and nxt.lower_ in ("just", "only", "merely", "simply")


def _negation_count(tok: Token) -> int:
    """How many negators attach to ``tok``: its own ("did not go", "no charges"), a
    negating head's ("refused to go", "without going") and, through complements, its
    head's ("did not plan to go")."""
    n = sum(
        1
        for child in tok.children
        if (child.dep_ == "neg" or child.lower_ in _NEGATORS) and not _not_just(child)
    )
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
        n += 1
    if tok.head is not tok and tok.dep_ in _COMPLEMENTS:
        n += _negation_count(tok.head)
    if tok.head is not tok and tok.dep_ in (*_COMPLEMENTS, "ccomp"):
        n += tok.head.lemma_.lower() in _NEGATING_HEADS
    if tok.head is not tok and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _NEG_RAISING:
        # "I didn't feel we were executing" says "I feel we weren't executing"
        n += sum(1 for c in tok.head.children if c.dep_ == "neg")
    return n


def _clause_negation_count(tok: Token) -> int:
    """Negators of the clause of predicate ``tok``: its own and a negative argument's
    ("no charges were filed", "filed no charges", "nothing changed")."""
    n = _negation_count(tok)
    for arg in tok.children:
        if arg.dep_ in _ARGUMENTS and (
            arg.lower_ in _NEGATORS
            or any(g.dep_ == "det" and g.lower_ in _NEGATORS for g in arg.children)
        ):
            n += 1
    return n


def _has_negator(tok: Token) -> bool:
    """Whether any negator lies in ``tok``'s subtree (or is a negating head above it)."""
    return _negation_count(tok) > 0 or any(
        t.dep_ == "neg" or t.lower_ in _NEGATORS or t.lemma_.lower() in _NEGATING_HEADS
        for t in tok.subtree
    )


@dataclass(frozen=True)
class _Rendering:
    """A quote's words as parsed: the tokens compared and their keys (lemma or number)."""

    tokens: tuple[Token, ...]
    keys: tuple[str, ...]

    @classmethod
    def parse(cls, doc: Doc, start: int = 0) -> _Rendering:
        """The words of ``doc`` from character ``start`` on (before it: the context)."""
        tokens = tuple(t for t in doc if t.idx >= start and not (t.is_punct or t.is_space))
        keys = tuple(t.lower_ if t.like_num else t.lemma_.lower() for t in tokens)
        return cls(tokens, keys)


@dataclass(frozen=True)
class _Pair:
    """A rendering aligned with the reference: token pairs of equal words and the opcodes."""

    ref: _Rendering
    other: _Rendering
    aligned: tuple[tuple[int, int, int], ...]  # (ref index, other index, block size)
    opcodes: tuple[tuple[str, int, int, int, int], ...]  # inside the aligned span only
    aliases: Mapping[str, str]

    @classmethod
    def align(cls, ref: _Rendering, other: _Rendering, aliases: Mapping[str, str]) -> _Pair:
        matcher = difflib.SequenceMatcher(a=ref.keys, b=other.keys, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        aligned = tuple((b.a + k, b.b + k, b.size) for b in blocks for k in range(b.size))
        ops: tuple[tuple[str, int, int, int, int], ...] = ()
        if blocks:
            # Only what lies between the first and last shared word: a rendering that
            # quotes half the statement does not differ on the half it leaves out.
            first, last = blocks[0], blocks[-1]
            ops = tuple(
                op
                for op in matcher.get_opcodes()
                if op[0] != "equal"
                and op[1] >= first.a
                and op[2] <= last.a + last.size
                and op[3] >= first.b
                and op[4] <= last.b + last.size
            )
        return cls(ref, other, aligned, ops, aliases)

    def anchored(self) -> list[tuple[Token, Token]]:
        """Aligned token pairs that are one word in one place: in a run of two or more
        shared words, or with a shared word among their heads and dependants."""
        index = {(i, j) for i, j, _ in self.aligned}
        ref_pos = {t.i: k for k, t in enumerate(self.ref.tokens)}
        other_pos = {t.i: k for k, t in enumerate(self.other.tokens)}
        out = []
        for i, j, size in self.aligned:
            a, b = self.ref.tokens[i], self.other.tokens[j]
            if size < 2:
                near_a = [ref_pos.get(t.i) for t in (a.head, *a.children) if t is not a]
                near_b = [other_pos.get(t.i) for t in (b.head, *b.children) if t is not b]
                if not any((x, y) in index for x in near_a for y in near_b):
                    continue
            out.append((a, b))
        return out


def _differs_in_negation(pair: _Pair) -> bool:
    """A predicate both renderings share is negated in one and affirmed in the other,
    with no negator anywhere under it ("no charges were filed" / "charges were filed").

    The last condition keeps negation moved within a statement a paraphrase: "show no
    collusion" and "show that there was no collusion" agree; "filed no charges" and "did
    not file charges" agree by the clause count.
    """

    def negated_against(x: Token, y: Token) -> bool:
        return _clause_negation_count(x) % 2 == 1 and not _has_negator(y)

    return any(
        a.pos_ in _PREDICATES
        and b.pos_ in _PREDICATES
        and (negated_against(a, b) or negated_against(b, a))
        for a, b in pair.anchored()
    )


def _differs_in_figure(pair: _Pair, longest: int = 6) -> bool:
    """Between shared words, one rendering gives a number where the other gives another
    ("105 minutes" / "45 minutes"; "three" and "3" are one number)."""
    from newsprism.compare.text import figure_numbers

    def numbers(tokens: Sequence[Token]) -> frozenset[float]:
        # Digits, and number words counting a noun: "three people", not "the one who".
        if not any(t.text[:1].isdigit() or t.dep_ in ("nummod", "quantmod") for t in tokens):
            return frozenset()
        return figure_numbers(" ".join(t.text for t in tokens))

    for tag, i1, i2, j1, j2 in pair.opcodes:
        if tag != "replace" or i2 - i1 > longest or j2 - j1 > longest:
            continue
        one = numbers(pair.ref.tokens[i1:i2])
        two = numbers(pair.other.tokens[j1:j2])
        if one and two and not one & two:
            return True
    # A number counting or measuring a word both share differs even before the first
    # shared word, where a truncation is forgiven: "The 6.1-magnitude quake" / "The
    # 5.9-magnitude quake".
    for a, b in pair.anchored():
        one = numbers([t for t in a.children if t.dep_ in _NUMBER_DEPS and t.like_num])
        two = numbers([t for t in b.children if t.dep_ in _NUMBER_DEPS and t.like_num])
        if one and two and not one & two:
            return True
    return False


_NUMBER_DEPS = frozenset("nummod compound amod npadvmod quantmod".split())


def _actor(verb: Token) -> Token | None:
    """Who does what ``verb`` says: its subject, or the agent of a passive."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _names(tok: Token, aliases: Mapping[str, str]) -> set[str]:
    """The names of an actor phrase ("North Korea", "Russia's military"), as canonical
    entity names where the story has one."""
    words = [t for t in tok.subtree if t.pos_ == "PROPN" or (t.is_title and t.pos_ == "ADJ")]
    if not words or tok.pos_ == "PRON":
        return set()
    phrase = " ".join(t.text for t in words).lower()
    if phrase in aliases:
        return {aliases[phrase]}
    return {aliases.get(t.lower_, t.lower_) for t in words}


def _same_name(one: str, two: str) -> bool:
    """Spellings of one name: "Kiev"/"Kyiv", "Russia"/"Russian", "Kim"/"Kim Jong Un"."""
    if (
        one.startswith(two[:5])
        or two.startswith(one[:5])
        or one in two.split()
        or two in one.split()
    ):
        return True
    return difflib.SequenceMatcher(a=one, b=two).ratio() >= 0.75


def _differs_in_subject(pair: _Pair) -> bool:
    """A verb both renderings share has a different named actor ("Russia will not
    attack" / "Ukraine will not attack")."""
    for a, b in pair.anchored():
        if a.pos_ != "VERB" or b.pos_ != "VERB":
            continue
        x, y = _actor(a), _actor(b)
        if x is None or y is None:
            continue
        one, two = _names(x, pair.aliases), _names(y, pair.aliases)
        if one and two and not any(_same_name(m, n) for m in one for n in two):
            return True
    return False


# name, test, reason: one entry per way two renderings can differ in meaning.
_DIFFERENCES: tuple[tuple[str, Callable[[_Pair], bool], str], ...] = (
    ("negation", _differs_in_negation, "a shared predicate is negated in one rendering only"),
    ("figure", _differs_in_figure, "the renderings give different numbers in one place"),
    ("subject", _differs_in_subject, "a shared verb has a different named actor"),
)


def differences(ref: _Rendering, other: _Rendering, aliases: Mapping[str, str]) -> list[str]:
    """The names of the _DIFFERENCES entries by which ``other`` differs from ``ref``."""
    if ref.keys == other.keys:
        return []
    pair = _Pair.align(ref, other, aliases)
    return [name for name, test, _reason in _DIFFERENCES if test(pair)]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def _in_context(variant: Mapping[str, Any], texts: Mapping[str, str]) -> tuple[str, int]:
    """The variant's text with its sentence's words before it, and where the quote starts.

    A rendering cut from its sentence can leave its negation outside ("failing | to address
    ethnic violence"); parsed in its sentence, the negator still governs its words.
    """
    text, start, end = texts.get(variant["article"], ""), variant.get("start"), variant.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != variant["text"]:
        return variant["text"], 0
    if not variant["text"].lstrip("\"“”„‟«»‹›‘’' ")[:1].islower():
        # A quotation from its first word is parsed alone: what precedes it would only
        # perturb its parse (one sentence parsed two ways would "differ" from itself).
        return variant["text"], 0
    before = text[max(0, start - 400) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    head = before[ends[-1] :] if ends else before
    return head + variant["text"], len(head)


def _parse_texts(texts: Sequence[tuple[str, int]]) -> list[_Rendering]:
    """Parse quote texts in context (quote marks blanked, so they do not split the parse)."""
    from newsprism.spacy_model import load_nlp

    nlp = load_nlp(disable=("ner",))
    clean = [_QUOTE_MARKS.sub(" ", t) for t, _ in texts]
    docs = nlp.pipe(clean, batch_size=32)
    return [_Rendering.parse(doc, start) for doc, (_, start) in zip(docs, texts, strict=True)]


def reference_index(variants: Sequence[Mapping[str, Any]]) -> int:
    """The variant the others are compared with: the longest verbatim quotation, else the
    longest rendering (the speaker's own words are the best witness of the statement)."""
    return max(
        range(len(variants)),
        key=lambda i: (variants[i].get("kind") == "direct", len(variants[i]["text"])),
    )


def flag_differing_renderings(
    groups: list[dict[str, Any]],
    aliases: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Add ``differs`` to each variant, ``reference`` and ``differing`` to each quote group.

    A variant's ``differs`` lists how its meaning departs from the group's reference
    rendering (``variants[reference]``, see :func:`reference_index`) or from a rendering
    it is linked to (``links``): ``negation``,
    ``figure``, ``subject`` (one entry each of ``_DIFFERENCES``); empty when none applies.
    Only groups carried by two or more articles are compared. ``aliases`` maps lower-cased
    entity mentions to their canonical name ("the US" and "the United States" are one
    actor); ``texts`` maps article ids to their text, so each rendering is parsed in its
    sentence.
    """
    aliases = aliases or {}
    texts = texts or {}
    todo = [g for g in groups if len({v["article"] for v in g["variants"]}) >= 2]
    keyed = [(id(v), _in_context(v, texts)) for g in todo for v in g["variants"]]
    parsed = dict(zip([k for k, _ in keyed], _parse_texts([c for _, c in keyed]), strict=True))
    out = []
    for g in groups:
        ref = reference_index(g["variants"])
        vs = g["variants"]
        # each rendering against the reference and against the renderings it is linked
        # to: a group may hold two renderings of one line that the reference does not
        # quote ("The 6.1-magnitude quake" / "The 5.9-magnitude quake", the reference
        # being the same agency's words on the helicopters)
        linked: dict[int, set[int]] = defaultdict(set)
        for x, y, _score in g.get("links", []):
            linked[x].add(y)
            linked[y].add(x)
        variants = []
        for i, v in enumerate(vs):
            reasons: list[str] = []
            if id(v) in parsed and i != ref:
                for j in (ref, *sorted(linked[i] - {ref})):
                    for name in differences(parsed[id(vs[j])], parsed[id(v)], aliases):
                        if name not in reasons:
                            reasons.append(name)
            variants.append({**v, "differs": reasons})
        out.append(
            {
                **g,
                "variants": variants,
                "reference": ref,
                "differing": any(v["differs"] for v in variants),
            }
        )
    return out
