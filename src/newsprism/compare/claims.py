"""Sentence claims of a story's articles and their alignment across independent outlets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.text import WORD, content_tokens, number_tokens, stands_alone
from newsprism.model import Article, Extraction


@dataclass(frozen=True)
class Claim:
    """One sentence of one article, with what it mentions."""

    article_id: str
    start: int
    end: int
    text: str
    position: int  # sentence index in the article
    entities: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    dates: frozenset[str] = frozenset()
    # The calendar values of any grain the sentence writes, partial ones too ("XXXX-04"
    # for "in April" in an undated article, "2016", "XXXX-07-03"), with where each is
    # written: (start, end, value), in text order. Its time qualifiers are ``times``.
    time_marks: tuple[tuple[int, int, str], ...] = ()
    # For a sentence of an undated article that writes no time: the time of the nearer of
    # the two sentences before it that writes one, when that one writes one only ("Claims
    # fell to 684,000 in the week ended March 20. The median estimate had called for
    # 730,000."); the first sentence, often the headline, takes it from the two after it
    # ("Unemployment rate edges down to 3.8%" / "... ticked down in February"). A dated
    # article's sentences are placed by its publication date (or the
    # dateline it opens with): there the sentence before is as often about another act
    # (a shooting on Saturday, the police's statement on Tuesday).
    context_times: frozenset[str] = frozenset()
    # Months and weeks the sentence writes relative to an unknown publication date ("last
    # month", "last week" in an undated article): a moment that cannot be placed.
    unplaced: frozenset[str] = frozenset()

    @property
    def times(self) -> frozenset[str]:
        """The calendar values the sentence writes: its time qualifiers."""
        return frozenset(value for _, _, value in self.time_marks)

    def times_near(self, start: int, end: int) -> frozenset[str]:
        """The time qualifiers of what stands at ``[start, end)``: the sentence's times
        when it writes one, else the one written nearest ("added 559,000 jobs in May ...
        after April's report" times the jobs May, not April)."""
        times = self.times
        if len(times) < 2:
            return times
        nearest = min(self.time_marks, key=lambda m: max(m[0] - end, start - m[1], 0))
        return frozenset({nearest[2]})


@dataclass
class ClaimGroup:
    """Claims of different articles that report one fact."""

    claims: list[Claim] = field(default_factory=list)
    # Alignment score of each pair of members, by position in ``claims``.
    scores: dict[tuple[int, int], float] = field(default_factory=dict)

    def representative(self) -> Claim:
        """The member most like the others (the group's centroid claim).

        A sentence that reads on its own comes before one that leans on the sentence
        before it ("And then he ...", "But they ...": see :func:`stands_alone`).
        """
        if len(self.claims) < 3:
            return min(
                self.claims,
                key=lambda c: (
                    not stands_alone(c.text),
                    abs(len(WORD.findall(c.text)) - 25),
                    c.position,
                ),
            )
        n = len(self.claims)
        avg = [sum(self.score(i, j) for j in range(n) if j != i) / (n - 1) for i in range(n)]
        return self.claims[
            max(
                range(n),
                key=lambda i: (stands_alone(self.claims[i].text), avg[i], -self.claims[i].position),
            )
        ]

    def score(self, i: int, j: int) -> float:
        return self.scores.get((min(i, j), max(i, j)), 0.0)

    def supporting(self, claim: Claim, threshold: float) -> list[Claim]:
        """Members aligned with ``claim`` itself at ``threshold`` or better (and the claim)."""
        k = self.claims.index(claim)
        return [c for i, c in enumerate(self.claims) if i == k or self.score(i, k) >= threshold]

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(c.article_id for c in self.claims))


def split_claims(article: Article, extraction: Extraction | None = None) -> list[Claim]:
    """Split an article into sentence claims with their entities, numbers and dates.

    Sentences are those of the extraction stage (``extraction.sentences``: spaCy's sentence
    recogniser, a paragraph break always ending one), so a claim and the quotes in it share
    their boundaries; they are found again when the extraction has none.
    """
    from newsprism.extract.dates import infer_reference
    from newsprism.extract.spacy_pass import sentence_spans

    claims = []
    ents = sorted(extraction.entities, key=lambda e: e.start) if extraction else []
    dates = sorted(extraction.dates, key=lambda d: d.start) if extraction else []
    ent_starts = [e.start for e in ents]
    date_starts = [d.start for d in dates]
    pos = 0
    spans = (extraction.sentences if extraction else ()) or sentence_spans(article.text)
    for start, end in whole_quotations(article.text, spans):
        text = article.text[start:end]
        if len(WORD.findall(text)) < 3:
            continue
        e_lo, e_hi = bisect.bisect_left(ent_starts, start), bisect.bisect_left(ent_starts, end)
        d_lo, d_hi = bisect.bisect_left(date_starts, start), bisect.bisect_left(date_starts, end)
        claims.append(
            Claim(
                article_id=article.id,
                start=start,
                end=end,
                text=text,
                position=pos,
                entities=frozenset(
                    e.canonical for e in ents[e_lo:e_hi] if e.label in _CLAIM_ENTITY_LABELS
                ),
                numbers=number_tokens(text),
                dates=frozenset(d.value for d in dates[d_lo:d_hi] if _DAY.match(d.value)),
                unplaced=frozenset(d.value for d in dates[d_lo:d_hi] if _UNPLACED.match(d.value)),
                time_marks=tuple(
                    (d.start, d.end, d.value) for d in dates[d_lo:d_hi] if _CALENDAR.match(d.value)
                ),
            )
        )
        pos += 1
    undated = article.published is None and infer_reference(article.text) is None
    for k, claim in enumerate(claims):
        if not claim.times and undated:
            # the first sentence (often the headline) is told by the ones after it
            near = (
                claims[max(0, k - CONTEXT_SENTENCES) : k][::-1] or claims[1 : 1 + CONTEXT_SENTENCES]
            )
            timed = next((c for c in near if c.times), None)
            if timed is not None and len(timed.time_marks) == 1:
                claims[k] = replace(claim, context_times=timed.times)
    return claims


CONTEXT_SENTENCES = 2  # sentences back a sentence without a time takes its time from


def whole_quotations(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that a closed quotation runs across: one claim per quoted passage.

    '"The talks were useful. We agreed to continue," the Kremlin said.' stays one claim, so
    a claim never starts inside a quotation and ends outside it.
    """
    from newsprism.extract.quote_marks import find_quote_marks

    quotes = [(q.start, q.end) for q in find_quote_marks(text) if q.closed]
    if not quotes or not spans:
        return list(spans)
    starts = [a for a, _ in quotes]
    out = [spans[0]]
    for start, end in spans[1:]:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and quotes[i][0] < start < quotes[i][1] and quotes[i][0] < out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_CLAIM_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A year, month or day with at least one part written ("2016", "XXXX-04", "XXXX-07-03").
_CALENDAR = re.compile(r"^(?=.*\d)(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?)?$")


# A month or week relative to a publication date that is unknown ("last month", "this
# week"). A bare weekday is left out: "said Sunday", "data showed Thursday" time the
# report more often than the figure.
_UNPLACED = re.compile(r"^XXXX-(?:XX|WXX)$")


def same_time(one: str, two: str) -> bool:
    """Two calendar values agree on every part both write ("XXXX-04" and "2021-04-15")."""
    for x, y in zip(one.split("-"), two.split("-"), strict=False):
        if "X" not in x and "X" not in y and x != y:
            return False
    return True


def times_apart(one: frozenset[str], two: frozenset[str]) -> bool:
    """Both sentences write calendar times and no time of one agrees with one of the other."""
    return bool(one and two) and not any(same_time(x, y) for x in one for y in two)


def independence_keys(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to the key of its independent source (copies share their original's)."""
    by_id = {a.id: a for a in articles}

    def key(a: Article) -> str:
        if a.duplicate_of and a.duplicate_of in by_id and a.duplicate_of != a.id:
            return key(by_id[a.duplicate_of])
        return f"outlet:{a.outlet.lower()}" if a.outlet else f"article:{a.id}"

    return {a.id: key(a) for a in articles}


def tfidf(texts: Sequence[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=content_tokens, sublinear_tf=True, min_df=1)
    try:
        return vec.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return None


def shared_counts(sets: Sequence[frozenset[Any]]) -> Any:
    """Dense matrix of the number of members each pair of ``sets`` shares."""
    from scipy.sparse import csr_matrix

    vocab: dict[Any, int] = {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocab.setdefault(x, len(vocab)) for s in sets for x in s]
    m = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(sets), max(len(vocab), 1)))
    return (m @ m.T).toarray()


def align_claims(
    claims: Sequence[Claim], keys: dict[str, str], *, config: CompareConfig = DEFAULT_COMPARE
) -> list[ClaimGroup]:
    """Group claims of independent articles that report the same fact."""
    if not claims:
        return []
    source_ids: dict[str | None, int] = {}
    source = np.array(
        [source_ids.setdefault(keys.get(c.article_id), len(source_ids)) for c in claims]
    )
    if len(source_ids) < 2:
        return [ClaimGroup([c]) for c in claims]  # one source: nothing to align
    matrix = tfidf([c.text for c in claims])
    if matrix is None:
        return [ClaimGroup([c]) for c in claims]
    n = len(claims)
    # Pair scores, all at once: text similarity, plus shared entities (Jaccard), numbers
    # and dates; zero between claims of one source (and of a claim with itself).
    scores = (matrix @ matrix.T).toarray()
    sizes = np.array([len(c.entities) for c in claims], dtype=float)
    if sizes.any():
        shared = shared_counts([c.entities for c in claims])
        union = sizes[:, None] + sizes[None, :] - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            scores += np.where(union > 0, 0.08 * shared / union, 0.0)
    for sets in ([c.numbers for c in claims], [c.dates for c in claims]):
        if any(sets):
            scores += np.where(shared_counts(sets) > 0, 0.05, 0.0)
    scores[source[:, None] == source[None, :]] = 0.0
    above = np.argwhere(np.triu(scores >= config.align_threshold, 1))
    pairs = [(scores[i, j], int(i), int(j)) for i, j in above]
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _score, i, j in sorted(pairs, reverse=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {keys[claims[x].article_id] for x in a} & {keys[claims[y].article_id] for y in b}:
            continue  # one claim per independent source in a group
        # Average linkage: the groups must be similar as a whole, not through one pair.
        if np.mean([scores[x, y] for x in a for y in b]) < config.align_threshold * 0.85:
            continue
        for y in b:
            group_of[y] = gi
        members[gi] = a + b
        del members[gj]
    groups = []
    for m in members.values():
        order = sorted(m, key=lambda k: (claims[k].article_id, claims[k].position))
        pair_scores = {
            (x, y): float(scores[order[x], order[y]])
            for x in range(len(order))
            for y in range(x + 1, len(order))
        }
        groups.append(ClaimGroup([claims[i] for i in order], pair_scores))
    return groups


# The old private name figures imports (changed on another branch this session): delete
# once it imports shared_counts.
_shared = shared_counts
