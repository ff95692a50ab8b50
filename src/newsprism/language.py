"""Language identification with lingua, restricted to the languages news comes in most."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["detect_language", "LANGUAGES"]

# A restricted set keeps lingua's memory small (all languages would need about 1.4 GB).
LANGUAGES = (
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "SPANISH",
    "ITALIAN",
    "PORTUGUESE",
    "RUSSIAN",
    "UKRAINIAN",
    "POLISH",
    "DUTCH",
    "ARABIC",
    "TURKISH",
    "CHINESE",
    "JAPANESE",
)


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*langs).with_minimum_relative_distance(0.1).build()
    )


def detect_language(text: str, *, sample_chars: int = 2000) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short or unclear."""
    sample = text[:sample_chars]
    if len(sample.split()) < 5:
        return None
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
