"""Body-text extraction quality on the article-extraction benchmark layout.

Layout: ``ground-truth.json`` ({id: {"articleBody": ..., "url": ...}}) and
``html/<id>.html.gz``. Each page goes through newsprism's own HTML path (reader + cleaning),
and its body is compared with the gold body as sets of lower-cased word 4-gram shingles:
precision and recall per page, averaged over pages; F1 from the averages (the benchmark's
own scoring).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError

__all__ = ["evaluate_extraction", "shingle_scores"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def shingle_scores(predicted: str, gold: str, n: int = 4) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``gold`` over word ``n``-gram shingles."""
    p, g = _shingles(predicted, n), _shingles(gold, n)
    if not p and not g:
        return 1.0, 1.0
    if not p:
        return 0.0, 0.0
    if not g:
        return 0.0, 1.0
    common = len(p & g)
    return common / len(p), common / len(g)


def evaluate_extraction(path: str | Path) -> dict[str, Any]:
    """Score the HTML reader on a benchmark folder; keys ``precision``, ``recall``, ``f1``."""
    from newsprism.clean import clean_document
    from newsprism.ingest import read_path
    from newsprism.model import RawDocument

    root = Path(path)
    truth_file = root / "ground-truth.json"
    if not truth_file.exists() or not (root / "html").is_dir():
        raise EvalDataError(f"{root}: expected ground-truth.json and html/<id>.html.gz")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    precisions, recalls = [], []
    for page_id, gold in sorted(truth.items()):
        page = root / "html" / f"{page_id}.html.gz"
        if not page.exists():
            continue
        text = ""
        for doc in read_path(page):
            if isinstance(doc, RawDocument):
                text = clean_document(doc).text
        p, r = shingle_scores(text, gold.get("articleBody") or "")
        precisions.append(p)
        recalls.append(r)
    if not precisions:
        raise EvalDataError(f"{root}: no pages with ground truth found")
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(precisions)}
