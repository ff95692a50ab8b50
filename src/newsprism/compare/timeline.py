"""The story's dated events, merged across articles into one entry per happening.

Every dated event of every article is an :class:`EventMention`. Two mentions are one
event (event coreference, #16) when their dates are compatible (the same day, or one is a
coarser period holding the other: "2022-02" and "2022-02-24") and a small logistic model
over their sentences and participants says so: static-model (MiniLM distilled) and TF-IDF
cosine of the sentences, shared participants (entities in the sentence, actor and
target), the same action, the same exact date. Its weights and the merge threshold were
fitted on the ECB+ cross-document event coreference of topics 1-12 and checked on
topics 13-24 (:mod:`newsprism.evaluate.timeline` rebuilds and scores them). Mentions are
merged by average linkage, never across incompatible dates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from newsprism.compare.claims import (
    Claim,
    independence_keys,
    shared_counts,
    tfidf,
    whole_quotations,
)
from newsprism.compare.embedding import embed
from newsprism.compare.text import content_tokens
from newsprism.compare.text import period_end as _period_end
from newsprism.model import Article, Extraction

_SPEECH_ACTIONS = frozenset(
    "say tell add note state mention claim stress allege report describe "
    "write quote insist argue explain reiterate believe think".split()
)

BACKGROUND_DAYS = 30
# The story's "first days", where the core event is counted (#16): the first article's
# day and the next.
CORE_DAYS = 2

# Logistic model of "same event" for two mentions with compatible dates (#16). Features:
# embedding cosine, TF-IDF cosine, shared participants (Jaccard), same action, same exact
# date. Fitted by newsprism.evaluate.timeline.fit_merge_model on ECB+ topics 1-12.
MERGE_WEIGHTS = (2.205, 0.933, 2.515, 3.497, 0.563)
MERGE_BIAS = -5.78
MERGE_THRESHOLD = 0.3


@dataclass(frozen=True)
class EventMention:
    """One dated event as one article reports it, with the sentence that holds it."""

    article_id: str
    start: int
    end: int
    text: str
    date: str  # "2022-02-20", "2022-02" or "2022"
    actor: str | None
    action: str
    target: str | None
    participants: frozenset[str]  # canonical entity names in the sentence, actor, target


def event_mentions(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]] | None = None,
    *,
    undated: bool = False,
) -> list[EventMention]:
    """Every dated, non-speech event of the articles, its sentence shown whole.

    ``undated`` keeps the events without a date too (date ``""``), to train the merge
    model on more pairs.
    """
    out: list[EventMention] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None:
            continue
        # A sentence split inside a quotation ('"... Get. It. OUT," Noem tweeted Monday')
        # is shown whole, as the claims are.
        if claims_by_article is not None and a.id in claims_by_article:
            passages = [(c.start, c.end) for c in claims_by_article[a.id]]
        else:
            passages = whole_quotations(a.text, ex.sentences) if ex.sentences else []
        starts = [p for p, _ in passages]
        for ev in ex.events:
            # a time of day ("12:00 UTC Monday": 2009-06-01T12:00Z) dates its day
            when = ev.date.split("T")[0] if ev.date else None
            if not when or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", when):
                if not undated:
                    continue
                when = ""
            if ev.action in _SPEECH_ACTIONS:
                continue
            start, end, text = ev.start, ev.end, ev.text
            k = bisect.bisect_right(starts, ev.start) - 1
            if (
                k >= 0
                and passages[k][0] <= ev.start < passages[k][1]
                and (passages[k][1] - passages[k][0] > ev.end - ev.start)
            ):
                start, end = passages[k]
                text = a.text[start:end]
            names = {e.canonical.lower() for e in ex.entities if start <= e.start < end}
            for role in (ev.actor, ev.target):
                names.update(content_tokens(role or ""))
            out.append(
                EventMention(
                    a.id,
                    start,
                    end,
                    text.strip(),
                    when,
                    ev.actor,
                    ev.action,
                    ev.target,
                    frozenset(names),
                )  # fmt: skip
            )
    return out


def dates_compatible(a: str, b: str) -> bool:
    """Whether two TimeML dates can name one happening: equal, or one period holds the other."""
    return a == b or b.startswith(a + "-") or a.startswith(b + "-")


def pair_features(mentions: Sequence[EventMention]) -> np.ndarray:
    """The ``(n, n, 5)`` features of every pair of mentions (see ``MERGE_WEIGHTS``)."""

    n = len(mentions)
    feats = np.zeros((n, n, 5), dtype=np.float32)
    if n == 0:
        return feats
    texts = [m.text for m in mentions]
    vecs = embed(texts)
    feats[..., 0] = vecs @ vecs.T
    m = tfidf(texts)
    if m is not None:
        feats[..., 1] = (m @ m.T).toarray()
    parts = [m.participants for m in mentions]
    shared = shared_counts(parts)
    sizes = np.array([len(p) for p in parts], dtype=np.float32)
    union = sizes[:, None] + sizes[None, :] - shared
    feats[..., 2] = np.divide(shared, union, out=np.zeros_like(union), where=union > 0)
    actions = np.array([m.action for m in mentions], dtype=object)
    feats[..., 3] = actions[:, None] == actions[None, :]
    days = np.array([m.date for m in mentions], dtype=object)
    feats[..., 4] = days[:, None] == days[None, :]
    return feats


def same_event_scores(
    mentions: Sequence[EventMention],
    *,
    weights: Sequence[float] = MERGE_WEIGHTS,
    bias: float = MERGE_BIAS,
    features: np.ndarray | None = None,
) -> np.ndarray:
    """Probability that each pair of mentions reports one happening; 0 for incompatible dates."""
    feats = pair_features(mentions) if features is None else features
    z = feats @ np.asarray(weights, dtype=np.float32) + bias
    p = 1.0 / (1.0 + np.exp(-z))
    n = len(mentions)
    ok = np.array(
        [
            [dates_compatible(mentions[i].date, mentions[j].date) for j in range(n)]
            for i in range(n)
        ],
        dtype=bool,
    ).reshape(n, n)
    return np.where(ok, p, 0.0)


def merge_events(scores: np.ndarray, *, threshold: float = MERGE_THRESHOLD) -> list[int]:
    """Cluster label of each mention: average linkage over ``scores``, stopping at ``threshold``.

    Two clusters never merge when any pair across them scores 0 (incompatible dates).
    """
    n = scores.shape[0]
    labels = list(range(n))
    if n < 2:
        return labels
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # Cluster-level sums and minimum of the pair scores, kept as matrices.
    total = scores.astype(np.float64).copy()
    lowest = scores.astype(np.float64).copy()
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    np.fill_diagonal(total, -np.inf)
    while True:
        avg = total / np.outer(size, size)
        avg[~alive, :] = -np.inf
        avg[:, ~alive] = -np.inf
        avg[lowest <= 0] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        a, b = (int(x) for x in np.unravel_index(int(np.argmax(avg)), avg.shape))
        if avg[a, b] < threshold:
            break
        i, j = min(a, b), max(a, b)
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        lowest[i, :] = np.minimum(lowest[i, :], lowest[j, :])
        lowest[:, i] = np.minimum(lowest[:, i], lowest[:, j])
        total[i, i] = -np.inf
        size[i] += size[j]
        alive[j] = False
        members[i].extend(members.pop(j))
    for k, idx in members.items():
        for x in idx:
            labels[x] = k
    return labels


def build_timeline(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]] | None = None,
) -> list[dict[str, Any]]:
    """The story's dated events, one entry per happening, each citing every article reporting it.

    An event's sentence is shown as the claim holding it (``claims_by_article``, from
    :func:`split_claims`; found again when not given), so a sentence split inside a
    quotation shows whole. Mentions are merged by :func:`same_event_scores` and
    :func:`merge_events`; the entry's date is the most precise of its mentions', its text
    and actor/action/target those of the mention most like the others. ``outlets`` counts
    the independent outlets citing it.

    An event that ended more than ``BACKGROUND_DAYS`` before the story's first article
    ("the 2014 Minsk protocol", "last December") is marked ``background``: context the
    outlets recalled, not a development of the story. The entry reported by the most
    independent outlets in the story's first ``CORE_DAYS`` days (then in all, then nearest
    the top of an article) is marked ``core`` when two or more outlets report it; the list
    stays sorted by date.
    """
    mentions = event_mentions(articles, extractions, claims_by_article)
    scores = same_event_scores(mentions)
    labels = merge_events(scores)
    keys = independence_keys(articles)
    days = [d for a in articles if (d := a.published_date) is not None]
    first = min(days) if days else None
    cutoff = first + timedelta(days=CORE_DAYS) if first else None
    early = {
        a.id
        for a in articles
        if cutoff is None or a.published_date is None or a.published_date < cutoff
    }
    clusters: dict[int, list[int]] = {}
    for i, k in enumerate(labels):
        clusters.setdefault(k, []).append(i)
    entries: list[dict[str, Any]] = []
    ranks: list[tuple[int, int, float]] = []
    size = {a.id: max(len(a.text), 1) for a in articles}
    for idx in clusters.values():
        # the representative: the mention most like the others (ties: the shorter)
        rep = max(idx, key=lambda i: (float(scores[i, idx].sum()), -len(mentions[i].text)))
        m = mentions[rep]
        cited: dict[str, EventMention] = {}
        for i in sorted(idx, key=lambda i: (i != rep, -float(scores[rep, i]))):
            cited.setdefault(mentions[i].article_id, mentions[i])
        order = [a.id for a in articles if a.id in cited]
        when = max((mentions[i].date for i in idx), key=len)
        end = _period_end(when)
        entries.append(
            {
                "date": when,
                "actor": m.actor,
                "action": m.action,
                "target": m.target,
                "text": m.text,
                "articles": order,
                "outlets": len({keys[a] for a in order}),
                "citations": [
                    {"article": a, "start": cited[a].start, "end": cited[a].end} for a in order
                ],
                "background": bool(first and end and end < first - timedelta(days=BACKGROUND_DAYS)),
                "core": False,
            }
        )
        ranks.append(
            (
                len({keys[a] for a in order if a in early}),
                len({keys[a] for a in order}),
                -min(mentions[i].start / size[mentions[i].article_id] for i in idx),
            )
        )
    # Two events of one sentence on one day ("discussed Russia's withdrawal of troops ...
    # following exercises that ended on Sunday") read as the same entry twice: one is kept.
    seen: set[tuple[str, tuple[tuple[str, int, int], ...]]] = set()
    kept = []
    for k, e in enumerate(entries):
        key = (e["date"], tuple((c["article"], c["start"], c["end"]) for c in e["citations"]))
        if key not in seen:
            seen.add(key)
            kept.append(k)
    entries, ranks = [entries[k] for k in kept], [ranks[k] for k in kept]
    # A core event needs two independent outlets: with one, "most reported" means nothing.
    candidates = [k for k, e in enumerate(entries) if not e["background"] and ranks[k][1] >= 2]
    if candidates:
        entries[max(candidates, key=lambda k: ranks[k])]["core"] = True
    return sorted(entries, key=lambda e: (e["date"], -len(e["articles"])))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
