"""What the evaluations on hand-checked verdicts share (``eval omissions``, ``eval
citations``): the articles their rows name, read as ``analyze`` reads them, a loose match
of a sentence's words, and the counts of predictions against verdicts."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import Article

__all__ = ["norm", "read_articles", "read_neus", "read_polnear", "verdict_counts"]


def norm(text: str) -> str:
    """Words only, lower case: a sentence as a row quotes it and as a claim holds it."""
    return re.sub(r"\W+", " ", text).strip().lower()


def verdict_counts(outcomes: Iterable[tuple[bool, bool]]) -> dict[str, Any]:
    """Counts and rates of ``(predicted, true)`` pairs: ``tp``, ``fp``, ``fn``, ``tn``,
    ``precision``, ``recall`` and ``accuracy`` (0.0 where undefined)."""
    tp = fp = fn = tn = 0
    for predicted, true in outcomes:
        if predicted and true:
            tp += 1
        elif predicted:
            fp += 1
        elif true:
            fn += 1
        else:
            tn += 1
    n = tp + fp + fn + tn
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "accuracy": round((tp + tn) / n, 4) if n else 0.0,
    }


_POLNEAR_NAME = re.compile(r"^(?P<outlet>[^_]+)_(?P<day>\d{4}-\d\d-\d\d)_")


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def read_polnear(paths: dict[str, Path]) -> list[Article]:
    """PolNeAR texts as ``analyze`` reads them from JSON lines (outlet and date from the
    file name, the first line as title)."""
    from dataclasses import replace

    from newsprism.clean import clean_documents
    from newsprism.ingest import read_paths

    names = sorted(paths)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "polnear.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for doc in names:
                path = paths[doc]
                text = path.read_text(encoding="utf-8")
                m = _POLNEAR_NAME.match(doc)
                title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
                record = {"id": doc, "title": title, "text": text}
                if m:
                    record |= {"outlet": m["outlet"], "published": m["day"]}
                f.write(json.dumps(record) + "\n")
        docs = [d for d in read_paths([str(jsonl)]) if not hasattr(d, "reason")]
        # the file's n-th record (counted from 1) is the n-th name
        return [replace(a, id=names[(a.record or 1) - 1]) for a in clean_documents(docs)]


def read_neus(ids: set[str], path: Path) -> list[Article]:
    """NeuS records (``id`` "<event>_<k>") as ``analyze`` reads them from the JSON lines."""
    from dataclasses import replace

    from newsprism.clean import clean_documents
    from newsprism.ingest import read_paths

    if not path.exists():
        raise NewsprismError(f"articles not found: {path}")
    with path.open(encoding="utf-8") as f:
        records = [r for line in f if line.strip() and (r := json.loads(line))["id"] in ids]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "neus.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        docs = [d for d in read_paths([str(jsonl)]) if not hasattr(d, "reason")]
        return [replace(a, id=records[(a.record or 1) - 1]["id"]) for a in clean_documents(docs)]


def _polnear_text(eval_root: Path, split: str, doc: str) -> Path:
    return eval_root / "polnear" / "data" / split / "text" / f"{doc}.txt"


def read_articles(wanted: set[tuple[str, str]], eval_root: Path) -> dict[tuple[str, str], Article]:
    """Articles by (corpus, doc): corpus "ecbplus" (doc = ECB+ file stem), "newswcl50"
    (its id), "polnear" (train or dev file stem), "neus" (a NeuS train id, "2201_0") or "sample"
    (file name in the seeds)."""
    from dataclasses import replace

    from newsprism.clean import clean_documents
    from newsprism.evaluate.compare import ecb_groups, wcl_groups
    from newsprism.ingest import read_paths

    out: dict[tuple[str, str], Article] = {}
    topics = {doc.split("_")[0] for corpus, doc in wanted if corpus == "ecbplus"}
    if topics:
        for arts in ecb_groups(eval_root / "ecbplus", topics).values():
            out.update({("ecbplus", a.id): a for a in arts})
    if any(corpus == "newswcl50" for corpus, _ in wanted):
        for arts in wcl_groups(eval_root / "newswcl50").values():
            out.update({("newswcl50", a.id): a for a in arts})
    polnear = {
        doc: next(
            (
                p
                for split in ("train", "dev")
                if (p := _polnear_text(eval_root, split, doc)).exists()
            ),
            _polnear_text(eval_root, "train", doc),
        )
        for corpus, doc in wanted
        if corpus == "polnear"
    }
    seeds = {
        doc: eval_root.parent / "corpus" / "seeds" / doc
        for corpus, doc in wanted
        if corpus == "sample"
    }
    neus = {doc for corpus, doc in wanted if corpus == "neus"}
    if neus:
        out.update({("neus", a.id): a for a in read_neus(neus, eval_root / "neus" / "train.jsonl")})
    missing = [str(p) for p in [*polnear.values(), *seeds.values()] if not p.exists()]
    if missing:
        raise NewsprismError(f"articles not found: {missing[0]} (and {len(missing) - 1} more)")
    if polnear:
        out.update({("polnear", a.id): a for a in read_polnear(polnear)})
    if seeds:
        docs = [d for d in read_paths([str(p) for p in seeds.values()]) if not hasattr(d, "reason")]
        for a in clean_documents(docs):
            name = Path(a.source_path).name
            out[("sample", name)] = replace(a, id=name)
    absent = sorted(f"{c}:{d}" for c, d in wanted - set(out))
    if absent:
        raise NewsprismError(f"articles not found: {', '.join(absent[:3])}")
    return out
