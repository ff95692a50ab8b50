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
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import Article

__all__ = ["evaluate_omissions", "read_articles", "read_polnear"]

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


def read_articles(wanted: set[tuple[str, str]], eval_root: Path) -> dict[tuple[str, str], Article]:
    """Articles by (corpus, doc): corpus "ecbplus" (doc = ECB+ file stem), "newswcl50"
    (its id), "polnear" (train file stem) or "sample" (file name in the seeds)."""
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
        doc: eval_root / "polnear" / "data" / "train" / "text" / f"{doc}.txt"
        for corpus, doc in wanted
        if corpus == "polnear"
    }
    seeds = {
        doc: eval_root.parent / "corpus" / "seeds" / doc
        for corpus, doc in wanted
        if corpus == "sample"
    }
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


def _reported(row: dict[str, Any], story: list[Article], exs: dict[str, Any]) -> bool:
    """Does the story of the row's articles report the row's article as omitting its fact?"""
    from newsprism.compare import align_story, independence_keys, split_claims
    from newsprism.compare.omissions import find_omissions

    keys = independence_keys(story)
    claims = {a.id: split_claims(a, exs.get(a.id)) for a in story}
    groups, sentences = align_story(story, exs, claims, keys)
    fact = _norm(row["sentence"])
    carriers = {a.id for a in story[:-1]}
    group = next(
        (
            g
            for g in groups
            for c in g.claims
            if c.article_id in carriers and (fact in _norm(c.text) or _norm(c.text) in fact)
        ),
        None,
    )
    if group is None:
        raise NewsprismError(f"sentence not found in its carriers: {row['sentence'][:60]}")
    omissions, _ = find_omissions(groups, claims, story, keys, sentences=sentences)
    rep = group.representative().text
    return any(o["text"] == rep and story[-1].id in o["missing_from"] for o in omissions)


def evaluate_omissions(data: str | Path, eval_root: str | Path) -> dict[str, Any]:
    """Score :func:`find_omissions` on the verdicts in ``data`` (JSON lines)."""
    from newsprism.extract import canonicalize_extractions, extract

    rows = [json.loads(line) for line in Path(data).read_text().splitlines() if line.strip()]
    wanted = {(d["corpus"], d["doc"]) for r in rows for d in [*r["carriers"], r["article"]]}
    articles = read_articles(wanted, Path(eval_root))
    by_id = {a.id: a for a in articles.values()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(by_id.values()))}
    tp = fp = fn = tn = 0
    false_reported: Counter[str] = Counter()
    for r in rows:
        target = articles[(r["article"]["corpus"], r["article"]["doc"])]
        carriers = [articles[(c["corpus"], c["doc"])] for c in r["carriers"]]
        unique = {a.id: a for a in carriers if a.id != target.id}
        story = [*unique.values(), target]
        reported = _reported(r, story, exs)
        if reported and r["omitted"]:
            tp += 1
        elif reported:
            fp += 1
            false_reported[r["label"]] += 1
        elif r["omitted"]:
            fn += 1
        else:
            tn += 1
    n = len(rows)
    return {
        "rows": n,
        "omitted": tp + fn,
        "reported": tp + fp,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "accuracy": round((tp + tn) / n, 4) if n else 0.0,
        "false_reported": dict(sorted(false_reported.items())),
    }
