"""Timeline event merging scored on ECB+ cross-document event coreference.

Each ECB+ sub-topic (``<topic>_ecb``, ``<topic>_ecbplus``) is compared as one story, as
``newsprism eval compare`` does. Every dated event of the story's timeline before merging
(one :class:`~newsprism.compare.timeline.EventMention` per article and event) is placed on
the lines (sentences) of its article its span covers; the gold events of a mention are the
cross-document coreference clusters (``CROSS_DOC_COREF`` ``note``) of the non-reporting
action mentions on those lines, among the sentences ECB+ annotated
(``ECBplus_coreference_sentences.csv``). Two mentions of different articles are the same
event when they share a gold cluster.

The score is pairwise over pairs of mentions of different articles that both carry a gold
event: precision and recall of "put in one timeline entry" against "share a gold event".
It is a sentence-level gold (a sentence may report several events, and the extracted
event need not be the annotated one), so its ceiling is below 1 for both figures.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np

from newsprism.compare.text import content_tokens, stem
from newsprism.compare.timeline import (
    MERGE_BIAS,
    MERGE_THRESHOLD,
    MERGE_WEIGHTS,
    EventMention,
    dates_compatible,
    event_mentions,
    jaccard,
    merge_events,
    pair_features,
    same_event_scores,
)
from newsprism.errors import EvalDataError
from newsprism.model import Article, Extraction

__all__ = [
    "load_event_gold",
    "score_merging",
    "fit_merge_model",
    "choose_threshold",
    "evaluate_timeline",
]

# Reporting actions ("said", "told") are not timeline events (the timeline drops speech
# actions), so sharing one does not make two sentences report one happening.
_SKIP_TYPES = frozenset({"ACTION_REPORTING", "NEG_ACTION_REPORTING"})


@dataclass(frozen=True)
class EventGold:
    """The gold event clusters of one ECB+ document, per line of its article text."""

    lines: dict[int, frozenset[str]]  # article line index -> clusters on that line
    annotated: frozenset[int]  # article line indexes ECB+ annotated
    # article line index -> (lower-cased words of the mention, its cluster)
    words: dict[int, tuple[tuple[frozenset[str], str], ...]]


def _annotated_sentences(root: Path) -> dict[str, set[str]]:
    path = root / "ECBplus_coreference_sentences.csv"
    if not path.exists():
        raise EvalDataError(f"{path}: missing (the list of annotated ECB+ sentences)")
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(row["Sentence Number"])
    return out


def _document_gold(path: Path, article: Article, annotated: set[str] | None) -> EventGold:
    root = ElementTree.parse(path).getroot()
    sentence_of = {t.get("t_id"): t.get("sentence", "0") for t in root.iter("token")}
    word_of = {t.get("t_id"): (t.text or "").lower() for t in root.iter("token")}
    order: list[str] = []
    for s in sentence_of.values():
        if not order or order[-1] != s:
            order.append(s)
    # The article drops the URL, headline and dateline lines (clustering._header).
    first = len(order) - (article.text.count("\n") + 1)
    line_of = {s: i - first for i, s in enumerate(order) if i >= first}
    mention_sentences: dict[str, set[str]] = {}
    mention_words: dict[str, frozenset[str]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        if m.tag.startswith(("ACTION", "NEG_ACTION")) and m.tag not in _SKIP_TYPES:
            anchors = {sentence_of.get(a.get("t_id")) for a in m.iter("token_anchor")}
            mention_sentences[m.get("m_id", "")] = {s for s in anchors if s is not None}
            mention_words[m.get("m_id", "")] = frozenset(
                word_of.get(a.get("t_id"), "") for a in m.iter("token_anchor")
            )
    lines: dict[int, set[str]] = defaultdict(set)
    words: dict[int, list[tuple[frozenset[str], str]]] = defaultdict(list)
    relations = root.find("Relations")
    for rel in relations.iter("CROSS_DOC_COREF") if relations is not None else ():
        cluster = rel.get("note", "")
        for src in rel.iter("source"):
            for s in mention_sentences.get(src.get("m_id", ""), ()):
                if s in line_of:
                    lines[line_of[s]].add(cluster)
                    words[line_of[s]].append((mention_words[src.get("m_id", "")], cluster))
    kept = (
        frozenset(lines)
        if annotated is None
        else frozenset(line_of[s] for s in annotated if s in line_of)
    )
    return EventGold(
        lines={k: frozenset(v) for k, v in lines.items() if k in kept},
        annotated=kept,
        words={k: tuple(v) for k, v in words.items() if k in kept},
    )


def load_event_gold(
    root: str | Path, articles: Iterable[Article], *, checked_only: bool = True
) -> dict[str, EventGold]:
    """The gold event clusters of each ECB+ article (id ``<topic>_<n>ecb[plus]``) per line.

    ``checked_only`` keeps the sentences ``ECBplus_coreference_sentences.csv`` lists;
    otherwise every sentence with an event mention counts.
    """
    base = Path(root)
    annotated = _annotated_sentences(base) if checked_only else None
    out = {}
    for a in articles:
        topic = a.id.split("_", 1)[0]
        path = base / "ECB+" / topic / f"{a.id}.xml"
        if not path.exists():
            raise EvalDataError(f"{path}: missing (ECB+ document of article {a.id})")
        out[a.id] = _document_gold(
            path, a, None if annotated is None else annotated.get(a.id, set())
        )
    return out


def mention_gold(
    mention: EventMention, text: str, gold: EventGold, *, level: str = "action"
) -> frozenset[str]:
    """The gold event clusters of a mention (empty: not annotated).

    ``level="sentence"``: every cluster on the lines the mention's span covers;
    ``level="action"``: only those of gold mentions whose word is the extracted action
    (same stem, or the same first four letters: "fired" / "fire", "arrested" / "arrest").
    """
    first = text.count("\n", 0, mention.start)
    last = text.count("\n", 0, max(mention.start, mention.end - 1))
    rows = range(first, last + 1)
    if level == "sentence":
        return frozenset().union(*(gold.lines.get(k, frozenset()) for k in rows))
    act = mention.action.lower()
    return frozenset(
        cluster
        for k in rows
        for words, cluster in gold.words.get(k, ())
        if any(stem(w) == stem(act) or (len(act) >= 4 and w[:4] == act[:4]) for w in words)
    )


@dataclass
class StoryMentions:
    """One story's dated event mentions, their pair features and gold clusters."""

    story: str
    mentions: list[EventMention]
    features: np.ndarray
    gold: list[frozenset[str]]


def story_mentions(
    groups: Mapping[str, Sequence[Article]],
    extractions: Mapping[str, Extraction],
    gold: Mapping[str, EventGold],
    *,
    level: str = "action",
    undated: bool = False,
) -> list[StoryMentions]:
    """The mentions of each story (group) with their features and gold clusters.

    ``undated`` keeps the undated events too (to fit the model on, not to score).
    """
    out = []
    for story, arts in groups.items():
        texts = {a.id: a.text for a in arts}
        ms = event_mentions(arts, extractions, undated=undated)
        out.append(
            StoryMentions(
                story,
                ms,
                pair_features(ms),
                [mention_gold(m, texts[m.article_id], gold[m.article_id], level=level) for m in ms],
            )
        )
    return out


def _scored_pairs(s: StoryMentions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) of different articles, both with gold; and their gold label."""
    n = len(s.mentions)
    ii, jj = np.triu_indices(n, 1)
    arts = np.array([m.article_id for m in s.mentions], dtype=object)
    has = np.array([bool(g) for g in s.gold], dtype=bool)
    keep = (arts[ii] != arts[jj]) & has[ii] & has[jj]
    ii, jj = ii[keep], jj[keep]
    same = np.array([bool(s.gold[i] & s.gold[j]) for i, j in zip(ii, jj, strict=True)], dtype=bool)
    return ii, jj, same


def score_merging(
    stories: Sequence[StoryMentions], labels: Sequence[Sequence[int]]
) -> dict[str, Any]:
    """Pairwise precision/recall/F1 of "one timeline entry" against "one gold event"."""
    tp = fp = fn = 0
    entries = mentions = 0
    for s, lab in zip(stories, labels, strict=True):
        ii, jj, same = _scored_pairs(s)
        lab_a = np.asarray(lab)
        merged = lab_a[ii] == lab_a[jj] if len(ii) else np.zeros(0, dtype=bool)
        tp += int((merged & same).sum())
        fp += int((merged & ~same).sum())
        fn += int((~merged & same).sum())
        entries += len(set(lab))
        mentions += len(lab)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "pairs_same": tp + fn,
        "pairs_merged": tp + fp,
        "mentions": mentions,
        "entries": entries,
    }


def baseline_labels(mentions: Sequence[EventMention]) -> list[int]:
    """The merge rule before #16: equal date and (same action and actor, or token Jaccard >= 0.5).

    Each mention joins the first entry (in order of creation) whose first mention matches.
    """
    heads: list[tuple[EventMention, set[str]]] = []
    labels = []
    for m in mentions:
        toks = set(content_tokens(m.text))
        for k, (h, htoks) in enumerate(heads):
            if h.date == m.date and (
                h.action == m.action
                and (h.actor or "").lower() == (m.actor or "").lower()
                or jaccard(toks, htoks) >= 0.5
            ):
                labels.append(k)
                break
        else:
            labels.append(len(heads))
            heads.append((m, toks))
    return labels


def model_labels(
    stories: Sequence[StoryMentions],
    *,
    weights: Sequence[float] = MERGE_WEIGHTS,
    bias: float = MERGE_BIAS,
    threshold: float = MERGE_THRESHOLD,
) -> list[list[int]]:
    """The merge of each story's mentions by the model (as :func:`build_timeline` does)."""
    return [
        merge_events(
            same_event_scores(s.mentions, weights=weights, bias=bias, features=s.features),
            threshold=threshold,
        )
        for s in stories
    ]


def fit_merge_model(stories: Sequence[StoryMentions]) -> tuple[tuple[float, ...], float]:
    """Fit the logistic "same event" model on the date-compatible gold pairs of ``stories``."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for s in stories:
        ii, jj, same = _scored_pairs(s)
        # undated mentions (date "") train the text and participant weights too
        ok = np.array(
            [
                not s.mentions[i].date
                or not s.mentions[j].date
                or dates_compatible(s.mentions[i].date, s.mentions[j].date)
                for i, j in zip(ii, jj, strict=True)
            ],
            dtype=bool,
        )
        if len(ii):
            xs.append(s.features[ii[ok], jj[ok]])
            ys.append(same[ok])
    if not xs:
        raise EvalDataError("no gold mention pairs to fit the merge model on")
    model = LogisticRegression(C=1.0, max_iter=1000).fit(np.concatenate(xs), np.concatenate(ys))
    return tuple(round(float(w), 3) for w in model.coef_[0]), round(float(model.intercept_[0]), 3)


_GRID = tuple(round(0.05 * k, 2) for k in range(2, 19))


def choose_threshold(
    stories: Sequence[StoryMentions],
    *,
    weights: Sequence[float],
    bias: float,
    grid: Iterable[float] = _GRID,
) -> tuple[float, dict[str, Any]]:
    """The merge threshold with the best pairwise F1 on ``stories``, and its score."""
    best: tuple[float, dict[str, Any]] | None = None
    for t in grid:
        sc = score_merging(stories, model_labels(stories, weights=weights, bias=bias, threshold=t))
        if best is None or sc["f1"] > best[1]["f1"]:
            best = (t, sc)
    assert best is not None
    return best


def load_stories(
    eval_root: str | Path,
    topics: Iterable[int],
    *,
    extractions: Mapping[str, Extraction] | None = None,
    level: str = "action",
    undated: bool = False,
    checked_only: bool = True,
) -> list[StoryMentions]:
    """The ECB+ topics ``topics`` (under ``eval_root/ecbplus``) as scored stories.

    Both sub-topics of a topic are one story: two similar happenings ("an actress enters
    rehab" twice) whose mentions must not merge.
    """
    from newsprism.evaluate.compare import ecb_groups, extract_groups

    root = Path(eval_root) / "ecbplus"
    groups: dict[str, list[Article]] = defaultdict(list)
    for g, arts in ecb_groups(root, {str(t) for t in topics}).items():
        groups[g.split("_")[0]].extend(arts)
    exs = dict(extractions) if extractions is not None else extract_groups(groups)
    arts = [a for group in groups.values() for a in group]
    gold = load_event_gold(root, arts, checked_only=checked_only)
    return story_mentions(groups, exs, gold, level=level, undated=undated)


def evaluate_timeline(
    eval_root: str | Path,
    *,
    topics: Iterable[int] = range(13, 25),
    extractions: Mapping[str, Extraction] | None = None,
    level: str = "action",
    checked_only: bool = True,
) -> dict[str, Any]:
    """Score the timeline's event merging on ECB+: the shipped model and the rule before #16.

    The default topics 13-24 are those the model was not fitted on (it was on 1-12:
    ``fit_merge_model(load_stories(root, range(1, 13), undated=True))``, then
    ``choose_threshold`` on the dated mentions of the same topics).
    """
    stories = load_stories(
        eval_root, topics, extractions=extractions, level=level, checked_only=checked_only
    )
    return {
        "model": score_merging(stories, model_labels(stories)),
        "before": score_merging(stories, [baseline_labels(s.mentions) for s in stories]),
        "stories": len(stories),
    }
