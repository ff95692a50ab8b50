"""An extractive summary: consensus first, then what is disputed; every sentence cited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.compare.claims import ClaimGroup
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.text import _WORD, _content_tokens, stands_alone


def summarize(
    groups: Sequence[ClaimGroup],
    conflicts: Sequence[dict[str, Any]],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> list[dict[str, Any]]:
    """An extractive summary: consensus first, then what is disputed; every sentence cited."""

    def support(g: ClaimGroup) -> int:
        return len({keys[c.article_id] for c in g.claims})

    ranked = sorted(
        (g for g in groups if len(_WORD.findall(g.claims[0].text)) >= 6),
        key=lambda g: (-support(g), min(c.position for c in g.claims)),
    )
    chosen: list[dict[str, Any]] = []
    chosen_tokens: list[set[str]] = []
    budget = config.summary_sentences - min(
        len([c for c in conflicts if c["kind"] == "conflict"]), 2
    )
    for g in ranked:
        if len(chosen) >= budget:
            break
        rep = g.representative()
        if not 8 <= len(_WORD.findall(rep.text)) <= 50 or not stands_alone(rep.text):
            continue
        if rep.text.rstrip(" \"'”’)").endswith("?"):
            continue  # a question reports nothing ("Remember New Jersey's epic quest ...?")
        # Cite the articles whose own sentence carries the representative's fact (#5).
        members = g.supporting(rep, config.align_threshold)
        toks = set(_content_tokens(rep.text))
        if any(len(toks & t) / max(1, len(toks | t)) > 0.4 for t in chosen_tokens):
            continue  # redundant with a sentence already chosen (MMR-style)
        chosen_tokens.append(toks)
        chosen.append(
            {
                "text": rep.text,
                "articles": list(dict.fromkeys(c.article_id for c in members)),
                "support": len({keys[c.article_id] for c in members}),
                "citations": [
                    {"article": c.article_id, "start": c.start, "end": c.end} for c in members
                ],
            }
        )
    for conflict in [c for c in conflicts if c["kind"] == "conflict"][:2]:
        c1, c2 = conflict["claims"]
        chosen.append(
            {
                "text": f"Reports differ on the {conflict['subject']}: "
                f"{c1['value']} in one account, "
                f"{c2['value']} in another.",
                "articles": [c1["article"], c2["article"]],
                "support": 0,
                "disputed": True,
                "citations": [
                    {"article": c["article"], "start": c["start"], "end": c["end"]}
                    for c in (c1, c2)
                ],
            }
        )
    return chosen
