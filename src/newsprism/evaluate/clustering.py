"""Story and thread clustering scored on ECB+ (sub-topic = story, topic = thread).

ECB+ documents are CAT XML token lists. The text is rebuilt from the tokens, one line
per sentence. Most ``ecbplus`` documents start with a URL line, a headline and a
dateline, as scraped pages do; those become the article's ``url``, ``title`` and
``published`` (by the same general rules for every document), the rest is the body.
Documents are fed one at a time, in an order shuffled with a fixed seed, through the
same online :class:`~newsprism.cluster.StoryClusterer` the tool uses, whose stories are
then refined in batch inside each thread (:meth:`~newsprism.cluster.StoryClusterer.refine`,
as ``recluster`` and the store do); both results are scored.

The baseline is plain TF-IDF + average-linkage agglomerative clustering (cosine), at
its single best distance threshold per level (an oracle choice, which flatters it).
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from newsprism.cluster import DEFAULT_CLUSTER, ClusterConfig, StoryClusterer
from newsprism.errors import EvalDataError
from newsprism.model import Article

__all__ = [
    "EcbDocument",
    "load_ecbplus",
    "bcubed",
    "pairwise_f1",
    "score_clusters",
    "evaluate_clustering",
    "baseline_agglomerative",
]

log = logging.getLogger(__name__)

_NAME_RE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document as an article with its gold story and thread labels."""

    article: Article
    topic: str  # thread label, e.g. "1"
    subtopic: str  # story label, e.g. "1/ecbplus"


def detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r"`` ?| ?''", '"', text)
    return text


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    (re.compile(_MON + r"\s+(\d{1,2}),?\s+(\d{4})", re.I), ("m", "d", "y")),
    (re.compile(r"(\d{1,2})\s+" + _MON + r",?\s+(\d{4})", re.I), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,4})\b"), ("m", "d", "y")),
)


def _parse_date(line: str) -> date | None:
    """Return the date of a short dateline ('Published: May 05, 2010', '5 / 5 / 2010')."""
    if len(line.split()) > 16:
        return None
    for pattern, order in _DATE_PATTERNS:
        m = pattern.search(line)
        if m is None:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts["m"]
        mon = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
        year = int(parts["y"])
        year += 2000 if year < 50 else 1900 if year < 100 else 0
        try:
            return date(year, mon, int(parts["d"]))
        except ValueError:
            continue
    return None


def _header(lines: list[str]) -> tuple[str | None, str | None, date | None, int]:
    """Split off a leading URL line, headline and dateline; return them and the body start.

    Looks at the first three lines after a URL: a short line holding a date is the
    dateline, the first other short line without a final full stop is the headline.
    """
    url = title = None
    published = None
    i = 0
    if lines and re.match(r"^https?\s*:", lines[0]):
        url = re.sub(r"\s+", "", lines[0])
        i = 1
    while i < min(len(lines), 4 + (url is not None)):
        line = lines[i].strip()
        d = _parse_date(line) if published is None else None
        if d is not None:
            published = d
        elif title is None and len(line.split()) <= 25 and not line.endswith("."):
            title = line
        else:
            break
        i += 1
    return url, title, published, i


def _read_document(path: Path) -> EcbDocument:
    m = _NAME_RE.match(path.name)
    if m is None:
        raise EvalDataError(f"{path}: not an ECB+ document name (<topic>_<n>ecb[plus].xml)")
    topic, _, kind = m.groups()
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as e:
        raise EvalDataError(f"{path}: invalid XML ({e})") from e
    sentences: dict[str, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
    lines = [detokenize(toks) for toks in sentences.values()]
    url, title, published, start = _header(lines)
    article = Article(
        id=path.stem,
        source_path=str(path),
        text="\n".join(lines[start:]),
        title=title,
        url=url,
        published=published,
    )
    return EcbDocument(article=article, topic=topic, subtopic=f"{topic}/{kind}")


def load_ecbplus(path: str | Path, *, topics: Iterable[int] | None = None) -> list[EcbDocument]:
    """Read every ECB+ document under ``path`` (optionally only some topics), sorted by name."""
    root = Path(path)
    if not root.exists():
        raise EvalDataError(f"{root}: no such directory; pass the ECB+ folder with --data")
    wanted = {str(t) for t in topics} if topics is not None else None
    files = sorted(p for p in root.rglob("*.xml") if _NAME_RE.match(p.name))
    if wanted is not None:
        files = [p for p in files if p.name.split("_", 1)[0] in wanted]
    if not files:
        raise EvalDataError(f"{root}: no ECB+ documents (<topic>_<n>ecb[plus].xml) found")
    return [_read_document(p) for p in files]


# --- metrics --------------------------------------------------------------------------


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Return B-cubed precision, recall and F1 of predicted vs gold labels per item."""
    if len(pred) != len(gold):
        raise EvalDataError("pred and gold must label the same items")
    if not pred:
        return 0.0, 0.0, 0.0
    pred_sets: dict[str, set[int]] = {}
    gold_sets: dict[str, set[int]] = {}
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        pred_sets.setdefault(p, set()).add(i)
        gold_sets.setdefault(g, set()).add(i)
    prec = rec = 0.0
    for p, g in zip(pred, gold, strict=True):
        both = len(pred_sets[p] & gold_sets[g])
        prec += both / len(pred_sets[p])
        rec += both / len(gold_sets[g])
    prec /= len(pred)
    rec /= len(pred)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def pairwise_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """Return the F1 of 'same cluster' decisions over all item pairs."""
    from collections import Counter

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    both = pairs(Counter(zip(pred, gold, strict=True)).values())
    p_pairs = pairs(Counter(pred).values())
    g_pairs = pairs(Counter(gold).values())
    if not both:
        return 0.0
    prec, rec = both / p_pairs, both / g_pairs
    return 2 * prec * rec / (prec + rec)


def score_clusters(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float | int]:
    """Return the JSON-shaped scores of one clustering level."""
    p, r, f = bcubed(pred, gold)
    return {
        "b3_precision": round(p, 4),
        "b3_recall": round(r, 4),
        "b3_f1": round(f, 4),
        "pairwise_f1": round(pairwise_f1(pred, gold), 4),
        "clusters": len(set(pred)),
    }


# --- runs -----------------------------------------------------------------------------


def _labels(clusterer: StoryClusterer, docs: Sequence[EcbDocument]) -> tuple[list[str], list[str]]:
    thread_of = {s.id: s.thread or s.id for s in clusterer.stories()}
    story = [clusterer.story_of(d.article.id) or "" for d in docs]
    return story, [thread_of[s] for s in story]


def _runs(
    docs: Sequence[EcbDocument], config: ClusterConfig, seed: int
) -> dict[str, tuple[list[str], list[str]]]:
    """Story and thread labels after the online pass and after the batch refinement."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    clusterer = StoryClusterer(config=config)
    for i in order:
        clusterer.add(docs[i].article)
    online = _labels(clusterer, docs)
    clusterer.refine(docs[i].article for i in order)
    return {"online": online, "refined": _labels(clusterer, docs)}


def _levels(
    labels: tuple[list[str], list[str]], docs: Sequence[EcbDocument], mode: str
) -> dict[str, Any]:
    story, thread = labels
    return {
        "story": {
            **score_clusters(story, [d.subtopic for d in docs]),
            "gold_clusters": len({d.subtopic for d in docs}),
            "mode": mode,
        },
        "thread": {
            **score_clusters(thread, [d.topic for d in docs]),
            "gold_clusters": len({d.topic for d in docs}),
            "mode": mode,
        },
    }


def baseline_agglomerative(
    docs: Sequence[EcbDocument], thresholds: Iterable[float] | None = None
) -> dict[str, Any]:
    """Score TF-IDF + average-linkage clustering at its best threshold for each level."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d.article.title or ''}\n{d.article.text}" for d in docs]
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    tree = linkage(pdist(x.toarray(), metric="cosine"), method="average")
    grid = list(thresholds) if thresholds is not None else list(np.arange(0.50, 1.0, 0.01))
    out: dict[str, Any] = {}
    for level, gold in (
        ("story", [d.subtopic for d in docs]),
        ("thread", [d.topic for d in docs]),
    ):
        best: dict[str, Any] | None = None
        for t in grid:
            pred = [str(c) for c in fcluster(tree, t=t, criterion="distance")]
            scores = score_clusters(pred, gold)
            if best is None or scores["b3_f1"] > best["b3_f1"]:
                best = {**scores, "threshold": round(float(t), 3)}
        out[level] = best
    return out


def evaluate_clustering(
    path: str | Path,
    *,
    config: ClusterConfig = DEFAULT_CLUSTER,
    seed: int = 0,
    topics: Iterable[int] | None = None,
    baseline: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Score online story and thread clustering on the ECB+ documents under ``path``.

    Returns ``{"story": {...}, "thread": {...}, "online": {"story": ..., "thread": ...},
    "documents": n, "order": ...}`` where each level has ``b3_precision``, ``b3_recall``,
    ``b3_f1``, ``pairwise_f1`` and ``clusters`` (``gold_clusters`` and ``mode`` too). The
    top-level levels are the tool's result: the online pass, then the batch refinement of
    the stories inside each thread (``"mode": "refined"``); ``"online"`` scores the online
    pass alone. ``"baseline"`` has the same keys when ``baseline``.
    """
    docs = load_ecbplus(path, topics=topics)
    runs = _runs(docs, config, seed)
    result: dict[str, Any] = {
        **_levels(runs["refined"], docs, "refined"),
        "online": _levels(runs["online"], docs, "online"),
        "documents": len(docs),
        "order": f"shuffled, seed {seed}",
    }
    if baseline:
        if progress is not None:
            progress("baseline: TF-IDF + average-linkage agglomerative")
        result["baseline"] = baseline_agglomerative(docs)
    return result


def load_neus(path: str | Path, *, events: int = 500) -> list[tuple[Article, str]]:
    """NeuS train (``train.jsonl`` under ``path``): the reports of the first ``events``
    events as undated articles of unknown outlets, each with its event as gold story."""
    import json

    file = Path(path) / "train.jsonl"
    if not file.exists():
        raise EvalDataError(f"{file}: missing (NeuS train split)")
    out = []
    with file.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            if int(r["event"]) >= events:
                continue
            article = Article(
                id=str(r["id"]), source_path=str(file), text=r["text"], title=r.get("title")
            )
            out.append((article, str(r["event"])))
    if not out:
        raise EvalDataError(f"{file}: no events")
    return out


def evaluate_neus(path: str | Path, *, events: int = 500) -> dict[str, Any]:
    """Story B-cubed on NeuS: the same event from a left, a centre and a right outlet
    (titles and leads, no dates, no outlet names) should be one story (#17)."""
    from newsprism.cluster import recluster

    pairs = load_neus(path, events=events)
    stories = recluster(a for a, _ in pairs)
    story_of = {aid: s.id for s in stories for aid in s.articles}
    scores = score_clusters([story_of[a.id] for a, _ in pairs], [g for _, g in pairs])
    return {
        "story": {**scores, "gold_clusters": len({g for _, g in pairs}), "mode": "refined"},
        "documents": len(pairs),
        "events": events,
    }
