"""Score summary and agreement citations on hand-checked verdicts
(``tests/data/summary_citations.jsonl``, ``tests/data/agreement_citations.jsonl``).

Each row is a sentence newsprism printed with two or more citations, the article whose
sentence it is (``source``, which states it word for word), one other article it cited
(``article``), and a fact-checker's verdict: does that article state the sentence
(``supported``)? The verdicts come from the hand checks in ``docs/`` (``check``); the
articles are read from PolNeAR train, outlet and date from the file name, or from the
sample (``corpus`` "sample"), by :func:`~newsprism.evaluate.hand_checked.read_articles`.

A summary row is scored as the summary would cite: the source and the cited article form
one story, the sentence is the source's own claim, and the article is cited when one of
its sentences :meth:`~newsprism.compare.omissions.Sentences.agrees` with it (carries it:
supports it and gives the same figures; and says about as much). An agreement row
(``cited``: the sentence the table cited) is scored on that sentence with
:meth:`~newsprism.compare.omissions.Sentences.agrees`, and a headline agrees with nothing.
Reported: accuracy; precision (the share of kept citations that the fact-checker found
supported); recall (the share of supported citations kept); and the unsupported citations
kept, by sentence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.evaluate.hand_checked import norm, read_articles, verdict_counts

__all__ = ["evaluate_citations"]


def evaluate_citations(data: str | Path, eval_root: str | Path) -> dict[str, Any]:
    """Score :meth:`Sentences.supports` on the verdicts in ``data`` (JSON lines)."""
    from newsprism.compare import Claim, headline_claims, split_claims, story_persons
    from newsprism.compare.omissions import Sentences
    from newsprism.extract import canonicalize_extractions, extract

    rows = [json.loads(line) for line in Path(data).read_text().splitlines() if line.strip()]
    found = read_articles(
        {(r.get("corpus", "polnear"), r[k]) for r in rows for k in ("source", "article")},
        Path(eval_root),
    )
    articles = {doc: a for (_, doc), a in found.items()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(articles.values()))}
    claims = {a.id: split_claims(a, exs.get(a.id)) for a in articles.values()}
    outcomes = []
    kept_unsupported = []
    for r in rows:
        src, cited = articles[r["source"]], articles[r["article"]]
        fact: Claim | None = next(
            (c for c in claims[src.id] if norm(r["sentence"]) in norm(c.text)), None
        )
        if fact is None:
            raise NewsprismError(f"sentence not found in {r['source']}: {r['sentence'][:60]}")
        story = [src, cited]
        sents = Sentences({a.id: claims[a.id] for a in story}, story_persons(story, exs))
        if "cited" in r:  # an agreement's citation: that sentence, as the table cites it
            span = norm(r["cited"])
            member = [c for c in claims[cited.id] if span in norm(c.text) or norm(c.text) in span]
            heads = headline_claims(story, claims)
            cites = (src.id, fact.start) not in heads and any(
                (cited.id, c.start) not in heads and sents.agrees(fact, c) for c in member
            )
        else:
            cites = any(sents.agrees(fact, c) for c in claims[cited.id])
        outcomes.append((cites, bool(r["supported"])))
        if cites and not r["supported"]:
            kept_unsupported.append(r["sentence"][:80])
    counts = verdict_counts(outcomes)
    return {
        "rows": len(rows),
        "accuracy": counts["accuracy"],
        "precision": counts["precision"],
        "recall": counts["recall"],
        "unsupported_kept": counts["fp"],
        "supported_dropped": counts["fn"],
        "kept_unsupported": kept_unsupported,
    }
