"""Score summary citations on hand-checked verdicts (``tests/data/summary_citations.jsonl``).

Each row is a summary sentence newsprism printed with two or more citations, the article
whose sentence it is (``source``, which states it word for word), one other article it
cited (``article``), and a fact-checker's verdict: does that article state the sentence
(``supported``)? The verdicts come from the hand checks of unseen PolNeAR months
(``docs/handcheck-round3.md``, ``docs/handcheck-final.md``); the article texts are read
from PolNeAR (``<eval>/polnear/data/<split>/text/<id>.txt``).

A row is scored as the summary would cite: the source and the cited article form one
story, the sentence is the source's own claim, and the article is cited when one of its
sentences :meth:`~newsprism.compare.omissions.Sentences.carries` it (supports it and gives
the same figures). Reported: accuracy; precision (the share of kept citations that the
fact-checker found supported); recall (the share of supported citations kept); and the
unsupported citations kept, by sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError

__all__ = ["evaluate_citations"]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def evaluate_citations(data: str | Path, eval_root: str | Path) -> dict[str, Any]:
    """Score :meth:`Sentences.supports` on the verdicts in ``data`` (JSON lines)."""
    from newsprism.compare import Claim, headline_claims, split_claims, story_persons
    from newsprism.compare.omissions import Sentences
    from newsprism.evaluate.omissions import read_articles
    from newsprism.extract import canonicalize_extractions, extract

    rows = [json.loads(line) for line in Path(data).read_text().splitlines() if line.strip()]
    found = read_articles(
        {(r.get("corpus", "polnear"), r[k]) for r in rows for k in ("source", "article")},
        Path(eval_root),
    )
    articles = {doc: a for (_, doc), a in found.items()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(articles.values()))}
    claims = {a.id: split_claims(a, exs.get(a.id)) for a in articles.values()}
    tp = fp = fn = tn = 0
    kept_unsupported = []
    for r in rows:
        src, cited = articles[r["source"]], articles[r["article"]]
        fact: Claim | None = next(
            (c for c in claims[src.id] if _norm(r["sentence"]) in _norm(c.text)), None
        )
        if fact is None:
            raise NewsprismError(f"sentence not found in {r['source']}: {r['sentence'][:60]}")
        story = [src, cited]
        sents = Sentences({a.id: claims[a.id] for a in story}, story_persons(story, exs))
        if "cited" in r:  # an agreement's citation: that sentence, as the table cites it
            span = _norm(r["cited"])
            member = [c for c in claims[cited.id] if span in _norm(c.text) or _norm(c.text) in span]
            heads = headline_claims(story, claims)
            cites = (src.id, fact.start) not in heads and any(
                (cited.id, c.start) not in heads and sents.agrees(fact, c) for c in member
            )
        else:
            cites = any(sents.carries(fact, c) for c in claims[cited.id])
        if cites and r["supported"]:
            tp += 1
        elif cites:
            fp += 1
            kept_unsupported.append(r["sentence"][:80])
        elif r["supported"]:
            fn += 1
        else:
            tn += 1
    n = len(rows)
    return {
        "rows": n,
        "accuracy": round((tp + tn) / n, 4) if n else 0.0,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "unsupported_kept": fp,
        "supported_dropped": fn,
        "kept_unsupported": kept_unsupported,
    }
