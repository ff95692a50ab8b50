"""The static sentence model of the comparison: MiniLM distilled into model2vec.

Shipped as package data (``data/minilm-static``, rebuilt by ``tools/build_static_model.py``)
and loaded offline, without torch: about 25,000 sentences a second on one core. Omissions,
summary citations, quote groups, conflict relatedness, timeline merges and the figure
models all compare sentences with it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["embed"]


@functools.lru_cache(maxsize=1)
def _static_model() -> Any:
    """The static sentence model distilled from MiniLM (``data/minilm-static``)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    path = resources.files("newsprism").joinpath("data", "minilm-static")
    return StaticModel.from_pretrained(str(path))


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length static-model embeddings of ``texts`` (numbers should be masked first)."""
    if not texts:
        return np.zeros((0, 1))
    vecs = np.asarray(_static_model().encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms > 0, norms, 1.0)
