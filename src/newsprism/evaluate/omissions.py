"""Score omissions on hand-checked verdicts (``tests/data/omissions.jsonl``).

Each row is an omission newsprism once reported: a fact (``sentence``), the articles that
carried it (``carriers``), the article said to leave it out (``article``), and a
fact-checker's verdict, read from the hand checks in ``docs/`` (``check`` names the row
there). ``omitted`` is true only for a real omission: the article covers the event and
does not state the fact (or states it with its core missing). Rows are false when the
article states the fact in other words (``label`` "stated"), covers another event put in
the same story ("other-event"), or the fact was never shared by two outlets
("no-shared-fact"). Articles are read from ECB+ and NewsWCL50 as ``eval compare`` reads
them, from PolNeAR train (``<eval>/polnear/data/train/text/<id>.txt``, outlet and date
from the file name) and from the sample (``<eval>/../corpus/seeds/``).

A row is scored as ``analyze`` would report it for a story of exactly the carriers and
the article: it is *reported* when :func:`~newsprism.compare.omissions.find_omissions`
lists the article as missing the fact's claim group. Reported: precision (reported rows
that are real omissions), recall (real omissions reported), and the false ones reported,
by label.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.evaluate.hand_checked import norm, read_articles, verdict_counts
from newsprism.model import Article

__all__ = ["evaluate_omissions"]


def _reported(
    row: dict[str, Any],
    story: list[Article],
    exs: dict[str, Any],
    claims_of: dict[str, list[Any]],
) -> bool:
    """Does the story of the row's articles report the row's article as omitting its fact?"""
    from newsprism.compare import align_story, independence_keys
    from newsprism.compare.omissions import find_omissions
    from newsprism.compare.quotes import group_quotes

    keys = independence_keys(story)
    claims = {a.id: claims_of[a.id] for a in story}
    groups, sentences = align_story(story, exs, claims, keys)
    fact = norm(row["sentence"])
    carriers = {a.id for a in story[:-1]}
    group = next(
        (
            g
            for g in groups
            for c in g.claims
            if c.article_id in carriers and (fact in norm(c.text) or norm(c.text) in fact)
        ),
        None,
    )
    if group is None:
        raise NewsprismError(f"sentence not found in its carriers: {row['sentence'][:60]}")
    statements = group_quotes(story, exs, keys)
    omissions, _ = find_omissions(
        groups, claims, story, keys, sentences=sentences, statements=statements
    )
    rep = group.representative().text
    return any(o["text"] == rep and story[-1].id in o["missing_from"] for o in omissions)


def evaluate_omissions(data: str | Path, eval_root: str | Path) -> dict[str, Any]:
    """Score :func:`find_omissions` on the verdicts in ``data`` (JSON lines)."""
    from newsprism.compare import split_claims
    from newsprism.extract import canonicalize_extractions, extract

    rows = [json.loads(line) for line in Path(data).read_text().splitlines() if line.strip()]
    wanted = {(d["corpus"], d["doc"]) for r in rows for d in [*r["carriers"], r["article"]]}
    articles = read_articles(wanted, Path(eval_root))
    by_id = {a.id: a for a in articles.values()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(by_id.values()))}
    claims_of = {a.id: split_claims(a, exs.get(a.id)) for a in by_id.values()}
    outcomes = []
    false_reported: Counter[str] = Counter()
    for r in rows:
        target = articles[(r["article"]["corpus"], r["article"]["doc"])]
        carriers = [articles[(c["corpus"], c["doc"])] for c in r["carriers"]]
        unique = {a.id: a for a in carriers if a.id != target.id}
        reported = _reported(r, [*unique.values(), target], exs, claims_of)
        outcomes.append((reported, bool(r["omitted"])))
        if reported and not r["omitted"]:
            false_reported[r["label"]] += 1
    counts = verdict_counts(outcomes)
    return {
        "rows": len(rows),
        "omitted": counts["tp"] + counts["fn"],
        "reported": counts["tp"] + counts["fp"],
        "precision": counts["precision"],
        "recall": counts["recall"],
        "accuracy": counts["accuracy"],
        "false_reported": dict(sorted(false_reported.items())),
    }
