"""Draw the hand-checked sample of indirect quotes of issue #19 (deterministic).

Articles: the 40 PolNeAR *train* articles first by SHA-1 of their id, and the NewsWCL50
articles. ``python tools/quote_handcheck.py draw EVAL_DIR OUT.jsonl`` extracts their quotes
and writes the first 70 PolNeAR and 30 NewsWCL50 indirect quotes by SHA-1 of
"article:start" (verdicts are left for the hand-checker).

``python tools/quote_handcheck.py fresh EVAL_DIR OUT.jsonl SEED ARTICLES QUOTES [SKIP [EXCLUDE
...]]`` draws a fresh sample from PolNeAR train articles no earlier draw used: it leaves out
the first 55 articles by SHA-1 of their id (the sample's 40 and the first fresh draw's 15),
every article named in ``tests/data/quotes_handcheck.jsonl`` or in the EXCLUDE files (jsonl
with ``article_id``) and the first SKIP of the rest; it orders the others by SHA-1 of
"SEED:id", takes ARTICLES of them and writes the first QUOTES of their indirect quotes by
SHA-1 of "SEED:article:start".
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


def fresh_articles(
    eval_dir: Path, seed: str, n: int, skip: int = 0, exclude: tuple[Path, ...] = ()
) -> list[tuple[str, Article]]:
    """PolNeAR train articles untouched by earlier draws, in the order of ``seed``."""
    base = eval_dir / "polnear" / "data" / "train" / "text"
    used = {f.stem for f in sorted(base.glob("*.txt"), key=lambda f: _h(f.stem))[:55]}
    for path in (
        Path(__file__).resolve().parents[1] / "tests/data/quotes_handcheck.jsonl",
        *exclude,
    ):
        used |= {json.loads(line)["article_id"] for line in path.read_text().splitlines()}
    files = [f for f in base.glob("*.txt") if f.stem not in used]
    files.sort(key=lambda f: _h(f"{seed}:{f.stem}"))
    return [
        ("polnear-train", Article(id=f.stem, source_path=f.stem, text=f.read_text()))
        for f in files[skip : skip + n]
    ]


def extract(
    eval_dir: Path, items: list[tuple[str, Article]] | None = None
) -> Iterator[tuple[str, Article, list[Quote]]]:
    from newsprism.extract.entities import extract_entities
    from newsprism.extract.quotes import extract_quotes
    from newsprism.extract.spacy_pass import analyse_many

    items = list(articles(eval_dir)) if items is None else items
    docs = analyse_many((a.text for _c, a in items), batch_size=8)
    for (corpus, a), doc in zip(items, docs, strict=True):
        yield corpus, a, extract_quotes(a, doc, extract_entities(a, doc))


def sentence_of(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    his = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    hi = min(his) + 1 if his else len(text)
    return " ".join(text[lo:hi].split())


def indirect(eval_dir: Path, items: list[tuple[str, Article]] | None = None) -> list[dict]:
    rows = []
    for corpus, a, quotes in extract(eval_dir, items):
        for q in quotes:
            if q.kind != "indirect":
                continue
            rows.append({
                "corpus": corpus, "article_id": a.id, "start": q.start, "end": q.end,
                "sentence": sentence_of(a.text, q.start, q.end), "content": q.text,
                "cue": q.cue, "speaker": q.speaker,
            })  # fmt: skip
    return rows


def draw(rows: list[dict], per_corpus: dict[str, int], seed: str = "") -> list[dict]:
    out = []
    prefix = f"{seed}:" if seed else ""
    for corpus, n in per_corpus.items():
        mine = [r for r in rows if r["corpus"] == corpus]
        mine.sort(key=lambda r: _h(f"{prefix}{r['article_id']}:{r['start']}"))
        out += mine[:n]
    return out


if __name__ == "__main__":
    eval_dir = Path(sys.argv[2])
    if sys.argv[1] == "fresh":
        seed, n_articles, n_quotes = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        skip = int(sys.argv[7]) if len(sys.argv) > 7 else 0
        exclude = tuple(Path(p) for p in sys.argv[8:])
        items = fresh_articles(eval_dir, seed, n_articles, skip, exclude)
        sample = draw(indirect(eval_dir, items), {"polnear-train": n_quotes}, seed)
        with open(sys.argv[3], "w") as fh:
            for r in sample:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(items), len(sample))
        sys.exit(0)
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
