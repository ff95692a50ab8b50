"""The logistic models the training tools in ``tools/`` write and the pipeline reads.

A model is a JSON file in ``src/newsprism/data`` (``tools/_logistic.py`` writes it):
``bias``, ``weights`` by feature name and ``threshold``. The quote cue detector and
verifier (``extract/quotes.py``) and the quote-grouping pair model (``compare/quotes.py``)
are such models.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from importlib import resources
from typing import NamedTuple

__all__ = ["LogisticModel", "load_model"]


class LogisticModel(NamedTuple):
    """A logistic model over sparse named features."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z))


@functools.lru_cache(maxsize=8)
def load_model(name: str) -> LogisticModel:
    """The shipped model ``src/newsprism/data/<name>``."""
    doc = json.loads(resources.files("newsprism").joinpath("data", name).read_text())
    return LogisticModel(float(doc["bias"]), dict(doc["weights"]), float(doc["threshold"]))
