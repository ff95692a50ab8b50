"""Facts an outlet left out, and facts only one outlet has, checked against whole texts.

A claim group carried by at least half of a story's independent outlets (and at least
two) is an omission candidate for every other outlet. Alignment keeps one claim per outlet
in a group, so an outlet that states the fact in a sentence aligned elsewhere, or in one
too short to be a claim, would be listed as omitting it. Before an outlet is said to omit
a fact, every sentence of its articles is compared with every member of the group:

- TF-IDF cosine (content words, light stemming; the alignment's measure) at or above
  ``STATES_TFIDF``, or
- cosine in the static MiniLM sentence model (numbers masked) at or above
  ``STATES_EMBEDDING``

means the outlet states it; so does a sentence, or two neighbouring ones, with
``STATES_COVERAGE`` of the fact's IDF-weighted content words, each word in any of its
irregular inflections (a fact told in other sentences' order: "have fallen to their
deaths" / "fell 700 meters to his own death"). The outlets that carry the fact are those
whose sentence states it, covers most of its content words, names whom it names and gives
its figures (:meth:`Sentences.carries`); an article written more than a day before the
fact was first reported cannot omit it, nor can one written more than a week after it was
last reported (a later development), nor one that reports none of the facts its carriers
report (it covers another event the clustering put in the story): :data:`OMISSION_RULES`.
Each omission keeps, per omitting article, the closest sentence and its scores as
``evidence``.
Exclusives ("only X has this") get the same check against the other outlets' texts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, cast

import numpy as np
from rapidfuzz.distance import Levenshtein

from newsprism.compare.claims import Claim, ClaimGroup
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.conflicts import ConflictRule
from newsprism.compare.embedding import embed
from newsprism.compare.text import (
    content_tokens,
    counts_in_words,
    quoted_words,
    same_figures,
    word_forms,
)
from newsprism.model import Article

__all__ = ["find_omissions", "Sentences", "STATES_TFIDF", "STATES_EMBEDDING", "OMISSION_RULES"]

# Every reason an article of a story is not said to omit a fact its carriers report,
# besides stating it. Each has its own test (tests/test_omission_rules.py and the tests
# it names); the scores of each are in README (`newsprism eval omissions`).
OMISSION_RULES: tuple[ConflictRule, ...] = (
    ConflictRule(
        "states-it",
        "a sentence of one of the outlet's articles states it (TF-IDF or static-model bar), "
        "or it or its neighbour has most of the fact's rarer words, in any inflection "
        "(``STATES_COVERAGE``)",
    ),
    ConflictRule(
        "renders-its-quote",
        "the fact quotes a statement the article renders too (one quote group, "
        "``group_quotes``): a paraphrase of one statement is no omission",
    ),
    ConflictRule(
        "written-before", "the article was written more than a day before the fact was reported"
    ),
    ConflictRule(
        "nothing-shared",
        "the article reports none of the carriers' facts: it covers another event",
    ),
    ConflictRule(
        "written-after",
        "the article was written more than a week after the fact was last reported: it "
        "covers a later development",
    ),
)
# "written-after": the days after a fact's last carrier past which an article covers a
# later development (a primary night two weeks on, the speeches after a debate), not the
# event that fact is of. On `newsprism eval omissions` the real omissions were written at
# most a day after their last carrier; 16 of the 40 "other-event" rows 9 to 15 days after.
WRITTEN_AFTER_DAYS = 7

# Thresholds for "this sentence states that fact". TF-IDF: a little below the alignment's
# 0.40, since here one sentence is compared with each member, not groups with groups.
# Embedding: on ECB+ sentence pairs, cosine >= 0.80 picks pairs that share a coreferent
# event with precision 0.92 (recall 0.08); on the sample 0.80 still matched a Blinken quote
# with "It can only be held if Russia does not invade": 0.85 keeps the strong cases only.
STATES_TFIDF = 0.35
STATES_EMBEDDING = 0.85
# A citation must carry most of what the sentence says: the share of the sentence's
# content words (weighted by rarity in the story) that the cited sentence also has. On
# the 21 hand-checked second citations (tests/data/summary_citations.jsonl) the
# unsupported ones that passed the bars above covered 0.20-0.44 of their sentence but
# one (0.53), the supported ones 0.36-0.89; see `newsprism eval citations`.
SUPPORTS_COVERAGE = 0.45
# ... and this share of the words of what it says of them, names left out: "Sanders
# maintained his double-digit lead over Clinton" is not supported by "The caucuses were
# closely divided between Clinton and Sanders" (coverage 0.67, of what is said 0.2). On
# `newsprism eval citations` (36 summary rows) precision 0.70 -> 0.80, recall 0.84 -> 0.63.
SUPPORTS_PREDICATE = 0.5
# An agreement: the other sentence carries the fact, and the fact has this share of what
# the other says (names left out). Chosen on tests/data/agreement_citations.jsonl (39
# citations judged on PolNeAR February, May and July 2016 and the sample): precision
# 0.59 -> 0.90, recall 1.00 -> 0.47; both ways carrying gave 1.00 / 0.26.
AGREES_REVERSE = 0.4
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
# An article whose sentence (or pair of neighbouring sentences) has this share of a fact's
# IDF-weighted content words states it, whatever the TF-IDF and embedding scores: on
# `newsprism eval omissions` the real omissions reported had at most 0.52, the facts
# stated in other words up to 0.84 (4 of 10 at 0.58 or more). A word counts in any of its
# irregular inflections (the lemmatizer's exceptions: "fallen", "fell" and "fall" are one
# word), not only by the light stemmer's suffixes: "One Australian and one English climber
# have fallen to their deaths" is covered 0.58 word for word by an article that has it as
# "fell 700 meters to his own death", 0.77 with inflections (#16, handcheck round 2 n 25);
# the real omissions reported still have at most 0.52.
STATES_COVERAGE = 0.6
# ... when the fact has this many content words: a few words are covered by chance ("The
# youth in this community have no outlets for their anger" by "the community did not rise
# up more frequently in anger").
STATES_COVERAGE_WORDS = 6


QUOTE_CARRIED = 0.8
# Words by which a sentence says something may be so, not that it is: "Bannon said firing
# Comey was possibly the biggest mistake" and "... was the biggest mistake" do not agree,
# either way (NeuS 1800-1999 blind check, docs/handcheck-neus-1800.md).
_HEDGES = re.compile(
    r"\b(?:possibly|perhaps|maybe|might|reportedly|allegedly|apparently|probably|likely)\b"
)


# Words that rank what a sentence says among its kind: "Rand Paul has become the first
# senator to test positive" is not agreed with by "Paul tested positive" (NeuS 1800-1999
# blind check, docs/handcheck-neus-1800.md).
_RANKS = re.compile(
    r"\b(?:first|only|record|largest|biggest|highest|lowest|worst|fewest|most|least)\b"
)


def ranks(text: str) -> frozenset[str]:
    """The ranking words of a sentence (lower case only)."""
    return frozenset(_RANKS.findall(text))


def hedged(text: str) -> bool:
    """The sentence hedges: it says something may be so (lower-case hedge words only)."""
    return bool(_HEDGES.search(text))


class Sentences:
    """Every sentence of a story's articles with TF-IDF and embedding vectors."""

    def __init__(
        self,
        claims_by_article: Mapping[str, Sequence[Claim]],
        persons: frozenset[str] = frozenset(),
    ) -> None:
        """``persons``: the canonical names of the story's people, for :meth:`supports`."""
        self.persons = persons
        from sklearn.feature_extraction.text import TfidfVectorizer

        # Columns: each article's sentences, then each pair of neighbouring sentences (a
        # fact split across two: "Orozco was arrested." "He is 27."); rows are sentences.
        self.claims: list[Claim] = []
        self.by_article: dict[str, list[int]] = {}
        for cs in claims_by_article.values():
            cs = list(cs)
            pairs = [
                Claim(a.article_id, a.start, b.end, f"{a.text} {b.text}", -1)
                for a, b in zip(cs, cs[1:], strict=False)
            ]
            for c in cs + pairs:
                self.by_article.setdefault(c.article_id, []).append(len(self.claims))
                self.claims.append(c)
        self.index = {
            (c.article_id, c.start): k for k, c in enumerate(self.claims) if c.position >= 0
        }
        texts = [c.text for c in self.claims]
        singles = [c.text for c in self.claims if c.position >= 0]
        self.idf: dict[str, float] = {}
        self._tokens: dict[str, frozenset[str]] = {}
        self._word_forms: dict[str, dict[str, frozenset[str]]] = {}
        self._all_forms_cache: dict[str, frozenset[str]] = {}
        self._weighted_cache: dict[
            tuple[str, bool, bool],
            tuple[frozenset[str], dict[str, frozenset[str]], dict[str, float], float],
        ] = {}
        self._form_df: dict[str, int] | None = None
        self._n_singles = 0
        try:
            vectorizer = TfidfVectorizer(analyzer=content_tokens, sublinear_tf=True).fit(singles)
            self.tfidf = vectorizer.transform(texts)
            self.idf = dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_, strict=True))
        except ValueError:  # nothing but stop words
            self.tfidf = None
        self._rarest = max(self.idf.values(), default=1.0)  # a word the story never has
        self.emb = embed([re.sub(r"\d[\d,.]*", " ", t) for t in texts]) if texts else None
        self._scored: dict[tuple[str, int], tuple[np.ndarray, np.ndarray] | None] = {}
        self._article_words: dict[str, frozenset[str]] = {}

    def states(self, fact: Claim, other: Claim) -> bool:
        """Whether sentence ``other`` states ``fact`` (the omission check's bar)."""
        key = (fact.article_id, fact.start)
        if key not in self._scored:  # one fact is checked against each of its members
            self._scored[key] = self.scores([fact])
        scored = self._scored[key]
        k = self.index.get((other.article_id, other.start))
        if scored is None or k is None:
            return False
        tf, em = scored[0][0, k], scored[1][0, k]
        return bool(tf >= STATES_TFIDF or em >= STATES_EMBEDDING)

    def carries(self, fact: Claim, other: Claim) -> bool:
        """Whether ``other`` carries ``fact`` for an omission: it :meth:`supports` it and
        gives the same figures ("Missouri had 71 delegates" is not "865 delegates are at
        stake in 11 states", though the alignment put them in one group)."""
        if not self.supports(fact, other):
            return False
        return same_figures(fact.numbers, other.numbers)

    def agrees(self, fact: Claim, other: Claim) -> bool:
        """Whether ``other`` may be listed as agreeing with ``fact`` in the agreements
        table: it carries it (:meth:`carries`: states it, with most of its words and the
        same figures; "plus or minus four percentage points" does not agree with "plus or
        minus 5.7 percentage points", nor "Sanders maintained his double-digit lead over
        Clinton" with "The caucuses were closely divided between Clinton and Sanders"),
        the same counts written in words ("three U.S. officials" does not agree with "Four
        US officials"), and ``fact`` has ``AGREES_REVERSE`` of what ``other`` says: neither
        says much more than the other."""
        return bool(
            self.carries(fact, other)
            and same_figures(counts_in_words(fact.text), counts_in_words(other.text))
            and self._quotes_carried(fact, other)
            and self.coverage(other, fact, names=False) >= AGREES_REVERSE
            and hedged(other.text) == hedged(fact.text)
            and ranks(fact.text) <= ranks(other.text)
        )

    def _quotes_carried(self, fact: Claim, other: Claim) -> bool:
        """``other`` has most (``QUOTE_CARRIED``) of the words ``fact`` quotes: an outlet
        that quotes only part of a statement does not agree with the whole quotation."""
        quoted = quoted_words(fact.text)
        return len(quoted & self._content(other.text)) >= QUOTE_CARRIED * len(quoted)

    def supports(self, fact: Claim, other: Claim) -> bool:
        """Whether ``other`` may be cited for ``fact``: it states it (:meth:`states`), and
        its article names everyone and everywhere ``fact`` names.

        The stricter bar of a summary citation (#16): sentences of one event that say
        different things about it pass the omission check's bar (a sentence about Biden's
        call cited an article on the Macron-Putin call that never names Biden; Tulsa's
        police video was cited to an article on the Charlotte shooting). A name counts as
        given when its last or first word (hyphens split words: "Kim Jong-un", "Kim Jong
        Un"; "Snyder" for "Snyder Ave"), written with a capital, or
        its first six letters ("New Zealand", "New Zealander"), or a spelling of it
        ("Kiev", "Kyiv") is a word of the article, and a sentence with three or more names
        may name one place or body otherwise ("Moscow alleged", "the Kremlin said"), never
        a person; a dateline in capitals ("WASHINGTON —")
        names nothing.
        """
        if not self.states(fact, other) or self.coverage(fact, other) < SUPPORTS_COVERAGE:
            return False
        if self.coverage(fact, other, names=False) < SUPPORTS_PREDICATE:
            return False  # the same people, something else said of them
        names = [n for n in fact.entities if not _dateline_only(n, fact.text)]
        if not names:
            return True
        words = self._words(other.article_id)
        missing = [n for n in names if not _named(n, words)]
        # a sentence that names three or more may name one place or body otherwise
        # ("Moscow alleged" / "the Kremlin said", "Donbass" / "eastern Ukraine"); a
        # person it names must be named
        return not missing or (
            len(missing) == 1 and len(names) >= 3 and missing[0] not in self.persons
        )

    def coverage(
        self, fact: Claim, other: Claim, *, names: bool = True, inflections: bool = False
    ) -> float:
        """The share of ``fact``'s content words, weighted by their rarity in the story
        (IDF), that sentence ``other`` also has; with ``names=False`` only the words of
        what is said, not of the names (capitalised words after the first); with
        ``inflections`` a word counts in any of its irregular inflections ("have fallen to
        their deaths" / "fell 700 meters to his own death": :func:`word_forms`), weighted
        by the rarity of all its forms."""
        own, forms, weight, total = self._weighted(fact.text, names, inflections)
        if not total:
            return 1.0
        if inflections:
            written = self._all_forms(other.text)
            shared = frozenset(t for t in own if forms.get(t, frozenset({t})) & written)
        else:
            shared = own & self._content(other.text)
        return sum(weight[t] for t in shared) / total

    def _weighted(
        self, text: str, names: bool, inflections: bool
    ) -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, float], float]:
        """A fact's content words, their forms, weights and total weight (computed once
        per fact: :meth:`coverage` compares one fact with every sentence of an article)."""
        key = (text, names, inflections)
        cache = self._weighted_cache
        if key not in cache:
            own = self._content(text)
            if not names:
                own = own - self._content(" ".join(_CAPITALISED.findall(text)[1:]))
            forms = self._forms(text) if inflections else {}
            weight = {t: self._weight(forms.get(t, frozenset({t})), inflections) for t in own}
            cache[key] = (own, forms, weight, sum(weight.values()))
        return cache[key]

    def _weight(self, forms: frozenset[str], pooled: bool) -> float:
        """IDF of a word; ``pooled``: of the word in any of its ``forms`` (a match on any
        form is as informative as that lemma is rare in the story)."""
        if not pooled or len(forms) == 1:
            return max((self.idf.get(t, self._rarest) for t in forms), default=self._rarest)
        if self._form_df is None:
            singles = [c.text for c in self.claims if c.position >= 0]
            self._form_df = {}
            for text in singles:
                for t in frozenset().union(*self._forms(text).values()):
                    self._form_df[t] = self._form_df.get(t, 0) + 1
            self._n_singles = len(singles)
        df = max((self._form_df.get(t, 0) for t in forms), default=0)
        if not df:
            return self._rarest
        return float(np.log((1 + self._n_singles) / (1 + df)) + 1)

    def covers(self, renderings: Sequence[Claim], article_id: str) -> bool:
        """Whether a sentence of ``article_id`` (or two neighbouring ones) has at least
        ``STATES_COVERAGE`` of the content words, weighted by their rarity, of one of the
        fact's ``renderings`` of ``STATES_COVERAGE_WORDS`` or more: the fact told in other
        sentences' order ("killed 10 people ... 80 wounded ... villages" for "killing at
        least 10 people, injuring dozens more and damaging several villages")."""
        return any(
            self.coverage(fact, self.claims[k], inflections=True) >= STATES_COVERAGE
            for fact in renderings
            if len(self._content(fact.text)) >= STATES_COVERAGE_WORDS
            for k in self.by_article.get(article_id, [])
        )

    def _content(self, text: str) -> frozenset[str]:
        if text not in self._tokens:
            self._tokens[text] = frozenset(content_tokens(text))
        return self._tokens[text]

    def _all_forms(self, text: str) -> frozenset[str]:
        """Every form of every content word of ``text`` (once per sentence)."""
        cache = self._all_forms_cache
        if text not in cache:
            cache[text] = frozenset().union(*self._forms(text).values())
        return cache[text]

    def _forms(self, text: str) -> dict[str, frozenset[str]]:
        if text not in self._word_forms:
            self._word_forms[text] = word_forms(text)
        return self._word_forms[text]

    def _words(self, article_id: str) -> frozenset[str]:
        if article_id not in self._article_words:
            self._article_words[article_id] = frozenset(
                w.lower()
                for k in self.by_article.get(article_id, [])
                if self.claims[k].position >= 0
                for token in re.findall(r"[^\W\d_][\w'’-]*", self.claims[k].text)
                if token[0].isupper()  # names are written with capitals ("Jong-un" too)
                for w in re.findall(r"[^\W\d_]+", token)
            )
        return self._article_words[article_id]

    def scores(self, members: Sequence[Claim]) -> tuple[np.ndarray, np.ndarray] | None:
        """TF-IDF and embedding cosines of ``members`` against every sentence of the story."""
        rows = [k for c in members if (k := self.index.get((c.article_id, c.start))) is not None]
        if not rows or self.tfidf is None or self.emb is None:
            return None
        tf = np.asarray((self.tfidf[rows] @ self.tfidf.T).toarray())
        em = self.emb[rows] @ self.emb.T
        return tf, em

    def closest(
        self, scores: tuple[np.ndarray, np.ndarray] | None, article_id: str
    ) -> dict[str, Any] | None:
        """The sentence of ``article_id`` closest to the scored members, with its scores."""
        cols = self.by_article.get(article_id, [])
        if scores is None or not cols:
            return None
        lo, hi = cols[0], cols[-1] + 1  # an article's sentences are contiguous
        tf, em = scores[0][:, lo:hi], scores[1][:, lo:hi]
        # rank by whichever measure is the stronger evidence, each against its threshold
        strength = np.maximum(tf / STATES_TFIDF, em / STATES_EMBEDDING)
        i, j = np.unravel_index(int(np.argmax(strength)), strength.shape)
        c = self.claims[lo + j]
        return {
            "article": article_id,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "tfidf": round(float(tf[i, j]), 3),
            "embedding": round(float(em[i, j]), 3),
            "score": round(float(strength[i, j]), 3),  # >= 1: the article states it
        }


def _reported(carriers: Sequence[Claim], by_id: Mapping[str, Article]) -> tuple[date, date] | None:
    """The days a fact was first and last reported: its dated carriers' publication days."""
    days = [d for c in carriers if (a := by_id.get(c.article_id)) and (d := a.published_date)]
    return (min(days), max(days)) if days else None


def _dateline_only(name: str, text: str) -> bool:
    """``name`` appears in ``text`` in capitals only ("WASHINGTON — The ...")."""
    parts = re.findall(r"[^\W\d_]+", name)
    if not parts:
        return True
    found = re.findall(rf"\b{re.escape(parts[-1])}\b", text, re.I)
    return bool(found) and all(f.isupper() and len(f) > 1 for f in found)


def _named(name: str, words: frozenset[str]) -> bool:
    """Whether an article with ``words`` names ``name`` (see :meth:`Sentences.supports`)."""
    parts = re.findall(r"[^\W\d_]+", name.lower())
    if not parts:
        return True
    last = parts[-1]  # "Kim Jong-un": "un", given by "Kim Jong Un" too
    if last in words or (len(parts) > 1 and len(parts[0]) >= 4 and parts[0] in words):
        return True  # the last word, or the first ("Snyder" for "Snyder Ave")
    stem = last[:6]
    if len(stem) == 6 and any(w.startswith(stem) for w in words):
        return True
    # a spelling variant: "Kiev" / "Kyiv", "Sergei" / "Sergey" (same initial, two edits)
    return len(last) >= 4 and any(
        len(w) >= 4 and w[0] == last[0] and Levenshtein.distance(w, last, score_cutoff=2) <= 2
        for w in words
    )


def _shared_facts(groups: Sequence[ClaimGroup], sentences: Sentences) -> set[frozenset[str]]:
    """The pairs of articles that report one fact alike: a claim group in which a
    sentence of one carries a sentence of the other (either way)."""
    out: set[frozenset[str]] = set()
    for g in groups:
        for i, a in enumerate(g.claims):
            for b in g.claims[i + 1 :]:
                pair = frozenset((a.article_id, b.article_id))
                if len(pair) == 2 and pair not in out:
                    if sentences.carries(a, b) or sentences.carries(b, a):
                        out.add(pair)
    return out


class _Renderings:
    """Which renderings of a statement (quote groups of two or more articles, their
    ``links``) each quote is linked to, by article."""

    def __init__(self, statements: Sequence[Mapping[str, Any]]) -> None:
        # article -> [(start, end, articles of the renderings linked to it)]
        self.spans: dict[str, list[tuple[int, int, set[str]]]] = {}
        for g in statements:
            variants = g.get("variants", [])
            linked: dict[int, set[str]] = {}
            for x, y, _score in g.get("links", []):
                linked.setdefault(x, set()).add(variants[y]["article"])
                linked.setdefault(y, set()).add(variants[x]["article"])
            for k, v in enumerate(variants):
                if k in linked:
                    self.spans.setdefault(v["article"], []).append(
                        (v["start"], v["end"], linked[k])
                    )

    def of(self, claim: Claim) -> set[str]:
        """The articles rendering a statement the claim's sentence renders: through a
        quote that is most of the sentence and lies mostly in it, linked directly. A fact
        inside a long quotation is one part of it, and another outlet may render another
        part; a group may hold one statement's several points ("captured 23 pirates" /
        "a large cache of weapons")."""
        out: set[str] = set()
        for start, end, articles in self.spans.get(claim.article_id, ()):
            both = min(end, claim.end) - max(start, claim.start)
            if both > 0 and both >= 0.5 * (end - start) and both >= 0.5 * (claim.end - claim.start):
                out |= articles
        return out

    def shared(self, carriers: Sequence[Claim], article: str) -> bool:
        """Does ``article`` render a statement one of the carriers' sentences quotes?"""
        return any(article in self.of(c) for c in carriers)


def find_omissions(
    groups: Sequence[ClaimGroup],
    claims_by_article: Mapping[str, Sequence[Claim]],
    articles: Sequence[Article],
    keys: Mapping[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
    sentences: Sentences | None = None,
    statements: Sequence[Mapping[str, Any]] = (),
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Omissions and exclusives of a story (see the module docstring).

    ``statements`` are the story's quote groups (:func:`~newsprism.compare.quotes.group_quotes`):
    an article that renders the statement a fact quotes does not omit it."""
    originals = [a for a in articles if not a.duplicate_of]
    renders = _Renderings(statements)
    sources = {keys[a.id] for a in articles}
    if len(sources) < 2:
        return [], []
    if sentences is None:
        sentences = Sentences({a.id: claims_by_article.get(a.id, []) for a in originals})
    omissions, exclusives = [], []
    by_id = {a.id: a for a in originals}
    shared: set[frozenset[str]] | None = None
    for g in groups:
        aligned = {keys[c.article_id] for c in g.claims}
        # the outlets that carry the fact are those whose sentence states it and names
        # whom it names (the summary's bar): a loose alignment is no shared fact (#16,
        # "Missouri had 71 delegates" was aligned with "865 delegates are at stake")
        rep = g.representative()
        carriers = [c for c in g.claims if c is rep or sentences.carries(rep, c)]
        carried = {keys[c.article_id] for c in carriers}
        if (
            len(carried) >= 2
            and len(carried) >= config.omission_share * len(sources)
            and len(carried) < len(sources)
        ):
            missing, evidence = [], []
            states: set[str] = set()
            scored = sentences.scores(g.claims)
            reported = _reported(carriers, by_id)
            for a in originals:
                if keys[a.id] in carried:
                    continue
                day = a.published_date
                if reported is not None and day is not None:
                    first, last = reported
                    if day < first - timedelta(days=1):
                        continue  # written before the fact was first reported: cannot omit it
                    if day > last + timedelta(days=WRITTEN_AFTER_DAYS):
                        continue  # written a week after its last report: a later development
                if shared is None:
                    shared = _shared_facts(groups, sentences)
                if not any(frozenset((a.id, c.article_id)) in shared for c in carriers):
                    continue  # it reports nothing the carriers report: another event
                if renders.shared(carriers, a.id):
                    states.add(keys[a.id])
                    continue
                best = sentences.closest(scored, a.id)
                if best is not None:
                    evidence.append(best)
                if best is not None and (best["score"] >= 1.0 or sentences.covers(carriers, a.id)):
                    states.add(keys[a.id])  # or its words, in other sentences' order
                else:
                    missing.append(a.id)
            # every article of an outlet must leave it out for the outlet to omit it
            missing = [m for m in missing if keys[m] not in states]
            if missing:
                omissions.append(
                    {
                        "text": rep.text,
                        "articles": list(dict.fromkeys(c.article_id for c in carriers)),
                        "missing_from": missing,
                        "evidence": [e for e in evidence if e["article"] in missing],
                    }
                )
        elif len(aligned) == 1:
            c = g.claims[0]
            others = [a for a in originals if keys[a.id] != keys[c.article_id]]
            scored = sentences.scores([c])
            found = [b for a in others if (b := sentences.closest(scored, a.id)) is not None]
            if any(b["score"] >= 1.0 for b in found) or any(
                sentences.covers([c], a.id) for a in others
            ):
                continue  # another outlet says it too, in a sentence aligned elsewhere
            exclusives.append(
                {
                    "text": c.text,
                    "articles": [c.article_id],
                    "citations": [{"article": c.article_id, "start": c.start, "end": c.end}],
                    "position": c.position,
                }
            )
    exclusives.sort(key=lambda e: cast(int, e.pop("position")))
    return omissions, exclusives
