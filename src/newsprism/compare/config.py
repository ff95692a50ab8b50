"""Thresholds and switches of the comparison."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompareConfig:
    """Thresholds of the comparison (chosen for precision: a wrong conflict costs trust)."""

    align_threshold: float = 0.40
    min_claim_words: int = 5
    summary_sentences: int = 8
    quote_same_threshold: float = 0.42  # group renderings whatever their speaker labels
    quote_shared_words: int = 3  # ... when they share this many content words (another speaker)
    quote_fragment_words: int = 8  # a shorter quote joins only renderings of its speaker
    omission_share: float = 0.5  # an omission: at least this share of the outlets carry it
    framing_min_count: int = 2
    # How disagreeing figures are found: "rules" (the hand-written filters of
    # find_conflicts) or "model" (figure claims aligned by the trained figure models of
    # newsprism.compare.figures; see docs/architecture.md for both scores).
    conflicts: str = "rules"


DEFAULT_COMPARE = CompareConfig()
