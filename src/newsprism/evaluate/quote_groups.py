"""Score quote groups on hand-checked pairs (``tests/data/quote_groups.jsonl``).

A quote group holds the renderings of one statement by one speaker in different outlets
(#16, "quote variants"). Each row is a pair of one speaker's quotes in two articles of one
story and a fact-checker's verdict. The stories are a NeuS event, a NewsWCL50 event, an
ECB+ sub-topic, or a PolNeAR story as ``analyze`` clustered it (``docs`` lists its
articles). Pairs were drawn from the quotes that name a speaker in common and share two
content words besides the speaker's names, half of them grouped by the code of the day
(``grouped_when_drawn``). ``same`` is true when both render one statement (a paraphrase,
a translation, a part of it), false for different statements on the same matter (the
court "said most of the ban can go into effect" / "agreed to review" it). ``split`` is
``dev`` or ``holdout`` by a hash of the story, so one story's pairs stay in one split;
``fresh`` rows were drawn after the pair model shipped, from stories in no other row,
half of them among the pairs it groups, and judged blind: its test on unseen stories.

The row's articles are compared as one story, as ``analyze`` would: a pair is *grouped*
when :func:`~newsprism.compare.quotes.group_quotes` puts a quote overlapping each side's
span into one group. Reported per split: precision (grouped pairs that are one
statement), recall (one-statement pairs grouped), accuracy. Also reported: of the
one-statement pairs judged to differ in meaning (``meaning_differs``), how many have a
rendering flagged as differing, and the flags on pairs judged alike.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.evaluate.hand_checked import read_articles, verdict_counts
from newsprism.model import Article

__all__ = ["evaluate_quote_groups", "grouped_pairs", "read_rows"]


def read_rows(data: str | Path) -> list[dict[str, Any]]:
    """The judged pairs of a JSON-lines file."""
    try:
        lines = Path(data).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise NewsprismError(f"{data}: {exc}") from exc


def _variant_of(
    groups: list[dict[str, Any]], article: str, start: int, end: int
) -> tuple[int, dict[str, Any]] | None:
    for k, g in enumerate(groups):
        for v in g["variants"]:
            if v["article"] == article and v["start"] < end and start < v["end"]:
                return k, v
    return None


def grouped_pairs(
    rows: list[dict[str, Any]], eval_root: str | Path, *, group_fn: Any = None
) -> list[tuple[bool, bool]]:
    """For each row, whether ``group_fn`` (default :func:`group_quotes`) joins its pair,
    and whether it then flags one of the two renderings as differing in meaning."""
    from newsprism.compare import independence_keys
    from newsprism.compare.quotes import group_quotes
    from newsprism.extract import canonicalize_extractions, extract

    run = group_fn or group_quotes
    wanted = {(r["corpus"], d) for r in rows for d in r["docs"]}
    articles = read_articles(wanted, Path(eval_root))
    by_id = {a.id: a for a in articles.values()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(by_id.values()))}
    stories: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for r in rows:
        key = (r["corpus"], r["story"])
        if key not in stories:
            stories[key] = [articles[(r["corpus"], d)] for d in r["docs"]]
    groups = {key: run(story, exs, independence_keys(story)) for key, story in stories.items()}
    out = []
    for r in rows:
        found = groups[(r["corpus"], r["story"])]
        sides = [
            _variant_of(found, articles[(r["corpus"], s["doc"])].id, s["start"], s["end"])
            for s in (r["a"], r["b"])
        ]
        joined = sides[0] is not None and sides[1] is not None and sides[0][0] == sides[1][0]
        flagged = joined and any(bool(side[1].get("differs")) for side in sides if side)
        out.append((joined, flagged))
    return out


def evaluate_quote_groups(data: str | Path, eval_root: str | Path) -> dict[str, Any]:
    """Score :func:`group_quotes` on the judged pairs in ``data``, per split and overall."""
    rows = read_rows(data)
    outcomes = grouped_pairs(rows, eval_root)
    predicted = [joined for joined, _ in outcomes]
    scores: dict[str, Any] = {"rows": len(rows)}
    for split in ("dev", "holdout", "fresh", None):
        picked = [
            (p, bool(r["same"]))
            for p, r in zip(predicted, rows, strict=True)
            if split is None or r["split"] == split
        ]
        if not picked:
            continue
        c = verdict_counts(picked)
        f1 = (
            round(2 * c["precision"] * c["recall"] / (c["precision"] + c["recall"]), 4)
            if c["precision"] + c["recall"]
            else 0.0
        )
        scores[split or "all"] = {
            "pairs": len(picked),
            "same": c["tp"] + c["fn"],
            "grouped": c["tp"] + c["fp"],
            "precision": c["precision"],
            "recall": c["recall"],
            "f1": f1,
            "accuracy": c["accuracy"],
        }
    # Renderings of one statement whose meaning differs (a negation, a figure, a subject)
    # are to be flagged; the others are not.
    one = [
        (flag, bool(r.get("meaning_differs")))
        for (_, flag), r in zip(outcomes, rows, strict=True)
        if r["same"]
    ]
    scores["differing"] = {
        "judged": sum(d for _, d in one),
        "flagged": sum(f and d for f, d in one),
        "false_flags": sum(f and not d for f, d in one),
    }
    return scores
