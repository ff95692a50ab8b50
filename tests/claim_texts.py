"""Sentence claims from plain sentences, for the comparison tests."""

from __future__ import annotations

from newsprism.compare.claims import Claim


def claims_of(article_id: str, *texts: str) -> list[Claim]:
    """One claim per sentence, at the offsets the sentences would have joined by spaces."""
    out, pos = [], 0
    for k, t in enumerate(texts):
        out.append(Claim(article_id, pos, pos + len(t), t, k))
        pos += len(t) + 1
    return out
