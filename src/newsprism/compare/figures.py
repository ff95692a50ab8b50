"""Figure claims and their alignment: which figures of two outlets state the same quantity.

A *figure* is one quantity of one article with the sentence that states it, its measured
dimension (a duration, a count, an amount in one unit), its value interval (widened by
"about", "at least", rounding) and the context a reader uses to tell what it measures.

Two figures of independent articles are *aligned* (they state the same quantity) when a
logistic model over pair features scores them at or above its threshold. The features
compare what a reader compares: the sentence and the words around the figure with every
number masked (TF-IDF and the static MiniLM sentence model), the measured noun, unit and
what befell the counted things, the names in the sentence, the people the figures belong
to, the sentences' dates, and how far apart the values are. The weights are trained on
the development gold set by ``tools/train_figure_alignment.py`` (held-apart folds by
topic choose the threshold) and ship in ``data/figure_alignment.json``.

From aligned pairs (each figure's mutual best match in the other article):

- values compatible (their intervals overlap) -> an agreement on a figure;
- values incompatible, same publication day or unknown days -> a ``conflict``;
- values incompatible, different publication days -> a ``change``.

Filters that remain are rules with names (:data:`FIGURE_RULES`, :data:`PAIR_RULES`),
each with its reason; every figure or pair a rule drops records the rule's name, so
``newsprism explain`` can say why.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

import numpy as np

from newsprism.compare.claims import Claim
from newsprism.compare.conflicts import (
    FATES,
    MODEL_SIZE,
    POSSIBILITY,
    WINDOW_BEFORE,
    interval,
    unit_dimension,
)
from newsprism.compare.embedding import embed
from newsprism.compare.text import period_end as _period_end
from newsprism.model import Article, Extraction, Quantity

__all__ = [
    "Figure",
    "FigurePair",
    "Rule",
    "FIGURE_RULES",
    "PAIR_RULES",
    "FEATURES",
    "figures_of",
    "pair_features",
    "align_figures",
    "AlignmentModel",
    "load_model",
    "find_figure_conflicts",
]

_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d[\d,.]*")
_DIGITS = re.compile(r"\d[\d,.]*")
_WINDOW_CHARS = 60  # context each side of a figure that says what it measures
_BACKGROUND_DAYS = 30


@dataclass(frozen=True)
class Figure:
    """One quantity of one article in its sentence: a figure claim."""

    article_id: str
    quantity: Quantity
    sentence: tuple[int, int]
    sentence_text: str
    window_text: str  # the words around the figure, its own number masked
    dimension: str
    factor: float
    low: float
    high: float
    published: date | None
    entities: frozenset[str]
    owner: str | None  # the person the sentence names before the figure
    dates: frozenset[str]
    flags: frozenset[str] = frozenset()  # names of the FIGURE_FLAGS that hold

    @property
    def base_value(self) -> float:
        return self.quantity.value * self.factor

    def compatible(self, other: Figure) -> bool:
        """The two values can be true together (their intervals overlap)."""
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True)
class Rule:
    """A named filter: a figure (or pair) it matches is not compared, for ``reason``."""

    name: str
    reason: str
    applies: Callable[..., bool]


# ----------------------------------------------------------------------- figure rules

# Unlike the rule path's, "N days before/after" is no window here: a gap between events.
_WINDOW_AFTER = re.compile(r"^\s*(?:ago|earlier|later|from now)\b", re.I)


def _rule_time_window(text: str, q: Quantity, dim: str, **_: Any) -> bool:
    return dim == "time" and bool(
        WINDOW_BEFORE.search(text[max(0, q.start - 40) : q.start])
        or _WINDOW_AFTER.match(text[q.end : q.end + 20])
    )


def _rule_possibility(sentence: str, **_: Any) -> bool:
    return POSSIBILITY.search(sentence) is not None


def _rule_model_size(q: Quantity, **_: Any) -> bool:
    return bool(MODEL_SIZE.match(q.text) and q.measures and q.measures.split()[-1][:1].isupper())


def _rule_recalls_past(
    sentence_dates: Sequence[date | None], published: date | None, **_: Any
) -> bool:
    if published is None or not sentence_dates:
        return False
    cutoff = published - timedelta(days=_BACKGROUND_DAYS)
    return all(d is not None and d < cutoff for d in sentence_dates)


def _rule_no_value(q: Quantity, **_: Any) -> bool:
    return q.value <= 0


FIGURE_RULES: tuple[Rule, ...] = (
    Rule("no-value", "zero or a negative figure measures nothing to dispute", _rule_no_value),
)

# Signs that a figure is no plain measurement of the story's facts. Each was once a rule
# that dropped the figure; on the gold set each dropped more real conflicts than false
# ones ("nine days earlier" is the gap between a heart attack and a death; "61-year-old"
# is an age), so each is now a feature the model weighs.
FIGURE_FLAGS: tuple[Rule, ...] = (
    Rule("time-window", "'in the last 24 hours', 'two days ago'", _rule_time_window),
    Rule("possibility", "can/could/may/might in the sentence", _rule_possibility),
    Rule("model-size", "'the 16-inch MacBook Pro': a hyphenated adjective", _rule_model_size),
    Rule(
        "recalls-past", "every date of the sentence a month before the article", _rule_recalls_past
    ),
)

PAIR_RULES: tuple[Rule, ...] = (
    Rule("same-source", "two figures of one outlet (or of copies) are no disagreement", bool),
    Rule(
        "dimension", "a duration, a count and an amount in another unit are different things", bool
    ),
    Rule("not-best", "each figure is compared with its best match in the other article only", bool),
    Rule("score", "the alignment model does not think the two figures state one quantity", bool),
    Rule("dispute", "the dispute model does not think the two values disagree on one thing", bool),
    Rule(
        "both-in-one",
        "one outlet gives both values for the same thing: two things, not a disagreement",
        bool,
    ),
)


def figures_of(
    article: Article,
    extraction: Extraction,
    sentences: Sequence[tuple[int, int]],
) -> tuple[list[Figure], list[tuple[Quantity, str]]]:
    """The article's figures, and the quantities a figure rule dropped with the rule's name."""
    import bisect

    text = article.text
    starts = [s for s, _ in sentences]
    kept: list[Figure] = []
    dropped: list[tuple[Quantity, str]] = []
    published = article.published_date
    for q in extraction.quantities:
        k = bisect.bisect_right(starts, q.start) - 1
        s, e = (
            sentences[k]
            if k >= 0 and sentences[k][0] <= q.start < sentences[k][1]
            else (
                max(0, q.start - 150),
                min(len(text), q.end + 150),
            )
        )
        sentence = text[s:e]
        dim, factor = unit_dimension(q) or ("count", 1.0)
        sentence_dates = [
            _period_end(d.value.split("T")[0])
            for d in extraction.dates
            if s <= d.start < e and d.type in ("DATE", "TIME")
        ]
        facts = {
            "text": text,
            "q": q,
            "dim": dim,
            "sentence": sentence,
            "sentence_dates": sentence_dates,
            "published": published,
        }
        rule = next((r.name for r in FIGURE_RULES if r.applies(**facts)), None)
        if rule is not None:
            dropped.append((q, rule))
            continue
        flags = frozenset(r.name for r in FIGURE_FLAGS if r.applies(**facts))
        lo = max(s, q.start - _WINDOW_CHARS)
        hi = min(e, q.end + _WINDOW_CHARS)
        window = text[lo : q.start] + " # " + text[q.end : hi]
        people = [
            x
            for x in extraction.entities
            if x.label == "PERSON" and s <= x.start and x.end <= q.start
        ]
        low, high = interval(q, factor)
        kept.append(
            Figure(
                article_id=article.id,
                quantity=q,
                sentence=(s, e),
                sentence_text=sentence,
                window_text=window,
                dimension=dim,
                factor=factor,
                low=low,
                high=high,
                published=published,
                entities=frozenset(
                    x.canonical
                    for x in extraction.entities
                    if s <= x.start < e
                    and x.label in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
                ),
                owner=max(people, key=lambda x: x.start).canonical if people else None,
                dates=frozenset(
                    d.value[:10]
                    for d in extraction.dates
                    if s <= d.start < e and re.match(r"^\d{4}-\d{2}-\d{2}", d.value)
                ),
                flags=flags,
            )
        )
    return kept, dropped


# ----------------------------------------------------------------------- features

FEATURES: tuple[str, ...] = (
    "sentence_tfidf",  # cosine of the sentences, numbers masked, content words stemmed
    "window_tfidf",  # cosine of the words around the figures
    "sentence_embedding",  # cosine in the static MiniLM model, numbers masked
    "window_embedding",
    "measures_tfidf",  # cosine of the measured noun phrases
    "same_head",  # the measured nouns share their head
    "same_unit",
    "same_fate",  # both say what befell the counted (killed, injured ...) and agree
    "other_fate",  # both say and differ
    "entity_jaccard",
    "same_owner",
    "other_owner",
    "dates_disjoint",  # both sentences dated, to no common day
    "small_counts",  # both are counts below ten
    "year_like",  # a count that reads like a year
    "approximate",  # either value is approximate
    "is_time",
    "is_count",
    *(f"flag_{r.name}" for r in FIGURE_FLAGS),  # either figure carries the flag
)


def _mask(text: str) -> str:
    return _DIGITS.sub(" ", text)


def _tfidf_cos(texts: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsprism.compare.text import content_tokens

    try:
        m = TfidfVectorizer(analyzer=content_tokens, sublinear_tf=True).fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.zeros((len(texts), len(texts)))
    return np.asarray((m @ m.T).toarray())


def _head(measures: str | None) -> str | None:
    from newsprism.compare.text import stem

    words = _WORD.findall(measures or "")
    return stem(words[-1]) if words else None


def _ids(values: Sequence[Any]) -> np.ndarray:
    """Integer id per value, -1 for None."""
    table: dict[Any, int] = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values])


def pair_features(figures: Sequence[Figure]) -> np.ndarray:
    """Feature tensor ``[n, n, len(FEATURES)]`` for every pair of ``figures``."""
    from newsprism.compare.claims import shared_counts

    n = len(figures)
    out = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return out
    sentences = [_mask(f.sentence_text) for f in figures]
    windows = [_mask(f.window_text) for f in figures]
    es, ew = embed(sentences), embed(windows)
    heads = _ids([_head(f.quantity.measures) for f in figures])
    units = _ids([f.quantity.unit or "" for f in figures])
    fates = _ids([FATES.get(f.quantity.predicate or "") for f in figures])
    owners = _ids([f.owner for f in figures])
    values = np.array([max(f.base_value, 1e-9) for f in figures])
    lows = np.array([f.low for f in figures])
    highs = np.array([f.high for f in figures])
    counts = np.array([f.dimension == "count" for f in figures])
    small = counts & (values < 10)
    year = counts & np.array(
        [1800 <= f.quantity.value <= 2100 and f.quantity.value % 1 == 0 for f in figures]
    )
    approx = np.array([bool(f.quantity.approx) for f in figures])
    times = np.array([f.dimension == "time" for f in figures])
    sizes = np.array([len(f.entities) for f in figures], dtype=float)
    shared = shared_counts([f.entities for f in figures]) if sizes.any() else np.zeros((n, n))
    union = sizes[:, None] + sizes[None, :] - shared
    dated = np.array([bool(f.dates) for f in figures])
    shared_dates = shared_counts([f.dates for f in figures]) if dated.any() else np.zeros((n, n))

    def both(x: np.ndarray) -> np.ndarray:
        return x[:, None] & x[None, :]

    def same(ids: np.ndarray) -> np.ndarray:
        return (ids[:, None] == ids[None, :]) & both(ids >= 0)

    def differ(ids: np.ndarray) -> np.ndarray:
        return (ids[:, None] != ids[None, :]) & both(ids >= 0)

    columns = {
        "sentence_tfidf": _tfidf_cos(sentences),
        "window_tfidf": _tfidf_cos(windows),
        "sentence_embedding": es @ es.T,
        "window_embedding": ew @ ew.T,
        "measures_tfidf": _tfidf_cos([f.quantity.measures or "" for f in figures]),
        "same_head": same(heads),
        "same_unit": units[:, None] == units[None, :],
        "same_fate": same(fates),
        "other_fate": differ(fates),
        "entity_jaccard": np.where(union > 0, shared / np.where(union > 0, union, 1), 0.0),
        "same_owner": same(owners),
        "other_owner": differ(owners),
        "dates_disjoint": both(dated) & (shared_dates == 0),
        "log_ratio": np.minimum(np.abs(np.log(values[:, None] / values[None, :])), 5.0),
        "compatible": (lows[:, None] <= highs[None, :]) & (lows[None, :] <= highs[:, None]),
        "small_counts": both(small),
        "year_like": year[:, None] | year[None, :],
        "approximate": approx[:, None] | approx[None, :],
        "is_time": both(times),
        "is_count": both(counts),
    }
    for r in FIGURE_FLAGS:
        has = np.array([r.name in f.flags for f in figures])
        columns[f"flag_{r.name}"] = has[:, None] | has[None, :]
    for k, name in enumerate(FEATURES):
        out[:, :, k] = columns[name]
    return out


# ----------------------------------------------------------------------- model


DISPUTE_FEATURES: tuple[str, ...] = (
    *FEATURES,
    "align_score",  # the alignment model's score of the pair
    "log_ratio",  # |log(value a / value b)|, capped at 5
    "either_approximate",
)


def dispute_features(figures: Sequence[Figure], feats: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Feature tensor ``[n, n, len(DISPUTE_FEATURES)]``: a pair's features, its alignment
    score and how far apart its values are."""
    values = np.array([max(f.base_value, 1e-9) for f in figures])
    approx = np.array([bool(f.quantity.approx) for f in figures])
    extra = np.stack(
        [
            probs,
            np.minimum(np.abs(np.log(values[:, None] / values[None, :])), 5.0),
            approx[:, None] | approx[None, :],
        ],
        axis=-1,
    ).astype(np.float32)
    return np.concatenate([feats, extra], axis=-1)


@dataclass(frozen=True)
class LogisticModel:
    """Logistic regression over named, standardised features."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def score(self, x: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row (or each cell of a tensor)."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any], features: Sequence[str]) -> LogisticModel:
        if list(doc["features"]) != list(features):
            raise ValueError("figure model weights were trained on other features")
        return cls(
            tuple(features),
            np.array(doc["mean"]),
            np.array(doc["scale"]),
            np.array(doc["coef"]),
            float(doc["intercept"]),
        )


@dataclass(frozen=True)
class AlignmentModel:
    """The two figure models and their thresholds.

    ``align`` scores whether two figures state the same quantity (from context alone);
    ``dispute`` scores whether an aligned pair with incompatible values is a real
    disagreement (a conflict or a change) rather than two different things.
    """

    align: LogisticModel
    dispute: LogisticModel
    thresholds: Mapping[str, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "align": self.align.to_json(),
            "dispute": self.dispute.to_json(),
            "thresholds": dict(self.thresholds),
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> AlignmentModel:
        return cls(
            LogisticModel.from_json(doc["align"], FEATURES),
            LogisticModel.from_json(doc["dispute"], DISPUTE_FEATURES),
            dict(doc["thresholds"]),
        )


@functools.lru_cache(maxsize=1)
def load_model() -> AlignmentModel:
    """The shipped figure models (``data/figure_alignment.json``)."""
    text = resources.files("newsprism").joinpath("data", "figure_alignment.json").read_text()
    return AlignmentModel.from_json(json.loads(text))


# ----------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class FigurePair:
    """Two figures of independent articles and what the comparison made of them."""

    a: Figure
    b: Figure
    score: float
    kind: str  # "agreement", "conflict", "change", or "dropped"
    rule: str | None = None  # the rule that dropped the pair


def compatibility(figures: Sequence[Figure]) -> np.ndarray:
    """Matrix of which pairs of figures' values can be true together."""
    lows = np.array([f.low for f in figures])
    highs = np.array([f.high for f in figures])
    return (lows[:, None] <= highs[None, :]) & (lows[None, :] <= highs[:, None])


def candidate_mask(figures: Sequence[Figure], keys: Mapping[str, str]) -> np.ndarray:
    """Pairs i < j of independent sources and one dimension: the pairs worth scoring."""
    n = len(figures)
    src = _ids([keys.get(f.article_id, f.article_id) for f in figures])
    dims = _ids([f.dimension for f in figures])
    m = (src[:, None] != src[None, :]) & (dims[:, None] == dims[None, :])
    return np.triu(m, 1) if n else m


def align_figures(
    figures: Sequence[Figure],
    keys: Mapping[str, str],
    *,
    model: AlignmentModel | None = None,
    keep_dropped: bool = False,
) -> list[FigurePair]:
    """Decide, for each figure's best match in each other article, agreement/conflict/change."""
    model = model or load_model()
    n = len(figures)
    if n < 2:
        return []
    feats = pair_features(figures)
    probs = model.align.score(feats)
    probs = np.maximum(probs, probs.T)
    disputes = model.dispute.score(dispute_features(figures, feats, probs))
    disputes = np.maximum(disputes, disputes.T)
    return decide(figures, keys, probs, disputes, model.thresholds, keep_dropped=keep_dropped)


def decide(
    figures: Sequence[Figure],
    keys: Mapping[str, str],
    probs: np.ndarray,
    disputes: np.ndarray,
    thresholds: Mapping[str, float],
    *,
    keep_dropped: bool = False,
) -> list[FigurePair]:
    """Turn pair scores into findings (see the module's docstring); dropped pairs name a rule."""
    n = len(figures)
    out: list[FigurePair] = []
    if n < 2:
        return out
    upper = candidate_mask(figures, keys)
    cand = upper | upper.T
    probs = np.where(cand, probs, 0.0)
    art = _ids([f.article_id for f in figures])
    # each figure's best match in each other article
    best = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for other in set(art[cand[i]].tolist()):
            cols = np.flatnonzero(cand[i] & (art == other))
            best[i, cols[np.argmax(probs[i, cols])]] = True
    mutual = best & best.T
    t_align = thresholds["align"]
    compat = compatibility(figures)

    def drop(a: Figure, b: Figure, p: float, rule: str) -> None:
        if keep_dropped:
            out.append(FigurePair(a, b, p, "dropped", rule))

    for i, j in zip(*np.nonzero(upper), strict=True):
        a, b, p = figures[i], figures[j], float(probs[i, j])
        if not mutual[i, j]:
            drop(a, b, p, "not-best")
            continue
        if p < t_align:
            drop(a, b, p, "score")
            continue
        if compat[i, j]:
            out.append(FigurePair(a, b, p, "agreement"))
            continue
        both_in_one = any(
            compat[k, j] and probs[k, j] >= t_align for k in np.flatnonzero(art == art[i]) if k != i
        ) or any(
            compat[i, k] and probs[i, k] >= t_align for k in np.flatnonzero(art == art[j]) if k != j
        )
        if both_in_one:
            drop(a, b, p, "both-in-one")
            continue
        changed = a.published is not None and b.published is not None and a.published != b.published
        kind = "change" if changed else "conflict"
        d = float(disputes[i, j])
        if d < thresholds[kind]:
            drop(a, b, d, "dispute")
            continue
        out.append(FigurePair(a, b, d, kind))
    return out


def pair_json(pair: FigurePair) -> dict[str, Any]:
    """A conflict or change as ``stories.json`` carries it (and ``eval compare`` reads it)."""
    from newsprism.compare.conflicts import figure_subject

    def claim(f: Figure) -> dict[str, Any]:
        q = f.quantity
        return {
            "value": f"{q.approx + ' ' if q.approx else ''}{q.text}".strip(),
            "number": q.value,
            "text": f.sentence_text,
            "article": f.article_id,
            "start": f.sentence[0],
            "end": f.sentence[1],
            "quantity_start": q.start,
            "quantity_end": q.end,
        }

    return {
        "subject": figure_subject(pair.a.quantity, pair.b.quantity, pair.a.dimension.split(":")[0]),
        "kind": pair.kind,
        "confidence": round(pair.score, 3),
        "claims": [claim(pair.a), claim(pair.b)],
    }


def find_figure_conflicts(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]],
    keys: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Conflicts and changes between figure claims aligned by the trained figure models."""
    figures = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None or a.duplicate_of:
            continue
        sentences = [(c.start, c.end) for c in claims_by_article.get(a.id, [])]
        figures.extend(figures_of(a, ex, sentences)[0])
    found = [pair_json(p) for p in align_figures(figures, keys) if p.kind in ("conflict", "change")]
    found.sort(key=lambda c: (c["kind"] != "conflict", -c["confidence"]))
    seen: set[frozenset[tuple[str, str]]] = set()
    unique = []
    for c in found:
        key = frozenset((x["value"], x["text"]) for x in c["claims"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique
