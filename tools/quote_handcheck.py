"""Draw the hand-checked sample of indirect quotes of issue #19 (deterministic).

Articles: the 40 PolNeAR *train* articles first by SHA-1 of their id, and the NewsWCL50
articles. ``python tools/quote_handcheck.py draw EVAL_DIR OUT.jsonl`` extracts their quotes
and writes the first 70 PolNeAR and 30 NewsWCL50 indirect quotes by SHA-1 of
"article:start" (verdicts are left for the hand-checker).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from newsprism.model import Article, Quote

POLNEAR_ARTICLES = 40


def _h(s: str) -> str:
    return hashlib.sha1(s.encode()).hexdigest()


def articles(eval_dir: Path) -> Iterator[tuple[str, Article]]:
    """Yield (corpus, article) for the sample's articles."""
    base = eval_dir / "polnear" / "data" / "train" / "text"
    files = sorted(base.glob("*.txt"), key=lambda f: _h(f.stem))[:POLNEAR_ARTICLES]
    for f in sorted(files):
        yield "polnear-train", Article(id=f.stem, source_path=f.stem, text=f.read_text())
    for line in (eval_dir / "newswcl50" / "articles.jsonl").read_text().splitlines():
        a = json.loads(line)
        text = a["title"] + "\n\n" + a["text"]
        yield "newswcl50", Article(id=a["id"], source_path=a["id"], text=text)


def extract(eval_dir: Path) -> Iterator[tuple[str, Article, list[Quote]]]:
    from newsprism.extract.entities import extract_entities
    from newsprism.extract.quotes import extract_quotes
    from newsprism.extract.spacy_pass import analyse_many

    items = list(articles(eval_dir))
    docs = analyse_many((a.text for _c, a in items), batch_size=8)
    for (corpus, a), doc in zip(items, docs, strict=True):
        yield corpus, a, extract_quotes(a, doc, extract_entities(a, doc))


def sentence_of(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    his = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    hi = min(his) + 1 if his else len(text)
    return " ".join(text[lo:hi].split())


def indirect(eval_dir: Path) -> list[dict]:
    rows = []
    for corpus, a, quotes in extract(eval_dir):
        for q in quotes:
            if q.kind != "indirect":
                continue
            rows.append({
                "corpus": corpus, "article_id": a.id, "start": q.start, "end": q.end,
                "sentence": sentence_of(a.text, q.start, q.end), "content": q.text,
                "cue": q.cue, "speaker": q.speaker,
            })  # fmt: skip
    return rows


def draw(rows: list[dict], per_corpus: dict[str, int]) -> list[dict]:
    out = []
    for corpus, n in per_corpus.items():
        mine = [r for r in rows if r["corpus"] == corpus]
        mine.sort(key=lambda r: _h(f"{r['article_id']}:{r['start']}"))
        out += mine[:n]
    return out


if __name__ == "__main__":
    eval_dir = Path(sys.argv[2])
    rows = indirect(eval_dir)
    if sys.argv[1] == "draw":
        sample = draw(rows, {"polnear-train": 70, "newswcl50": 30})
        with open(sys.argv[3], "w") as fh:
            for r in sample:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(rows), len(sample))
    elif sys.argv[1] == "all":
        with open(sys.argv[3], "w") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(rows))
