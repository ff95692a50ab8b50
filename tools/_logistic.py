"""What the training tools share: a fitted logistic model written as the extractor reads it.

``newsprism.extract.quotes`` loads these files (``bias``, ``weights`` by feature name,
``threshold``); ``about`` and ``trained`` say what was fitted on what, and when.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def write_model(
    path: Path, vec: Any, clf: Any, *, about: str, threshold: float, min_weight: float
) -> int:
    """Write ``clf`` (over ``vec``'s feature names) to ``path``; return the weights kept.

    Weights below ``min_weight`` in absolute value are dropped to keep the file small.
    """
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if abs(w) >= min_weight
    }
    model = {
        "about": about,
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "threshold": threshold,
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    path.write_text(json.dumps(model, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(weights)
