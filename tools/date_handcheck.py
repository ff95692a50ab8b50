"""Draw the hand-checked date sample of issue #19 (deterministic) and re-run it.

Articles: PolNeAR (train and dev; publication date from the metadata), MEANTIME (the
document creation time) and NewsWCL50 (``published``). Only dates resolved against the
publication date and underspecified in the text are drawn: weekday names, months without
a year, month-day without a year, seasons, parts of day, holidays and quarters. Articles
whose SHA-1 of the id is even were used to tune the rules; the sample comes from the
odd ones. ``python tools/date_handcheck.py draw EVAL_DIR OUT.jsonl`` writes candidates
(verdict and correct value left for the hand-checker).

``python tools/date_handcheck.py fresh EVAL_DIR OUT.jsonl SALT polnear=30 meantime=20``
draws a further check from articles named in no other file of ``tests/data/dates_handcheck*``
(ordered by the SHA-1 of SALT, article and offset, so another salt gives another draw; OUT
itself is not excluded, so a draw re-run after its file was written gives the same rows).
fresh2 is salt ``fresh2-2026-12-05`` polnear=50, fresh3 ``fresh3-2026-12-05`` polnear=60
(MEANTIME and NewsWCL50 have no held-out article left that no set has used).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from newsprism.extract.dates import find_dates

_TARGET = re.compile(
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\."
    r"|Oct\.|Nov\.|Dec\.|spring|summer|fall|autumn|winter|morning|afternoon|evening|night"
    r"|quarter|Christmas|Thanksgiving|Election Day|Halloween|New Year",
    re.I,
)


_RELATIVE_UNIT = re.compile(
    r"\b(?:last|next|this|previous|coming|past)\s+(?:week|month|year)", re.I
)


def articles(eval_dir: Path) -> Iterator[tuple[str, str, str, dt.date]]:
    """Yield (corpus, article id, text, publication date)."""
    meta = {}
    for line in (eval_dir / "polnear/data/metadata.tsv").read_text().splitlines()[1:]:
        cols = line.split("\t")
        meta[cols[1]] = cols[5]
    for split in ("train", "dev"):
        for f in sorted((eval_dir / "polnear/data" / split / "text").glob("*.txt")):
            d = meta.get(f.stem) or re.search(r"_(\d{4}-\d\d-\d\d)_", f.name)[1]
            yield "polnear", f.stem, f.read_text(), dt.date.fromisoformat(d)
    for f in sorted((eval_dir / "meantime/intra-doc_annotation").glob("corpus_*/*.xml")):
        raw = f.read_text()
        dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)', raw)
        if not dct:
            continue
        sents: dict[int, list[str]] = {}
        for m in re.finditer(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>', raw):
            sents.setdefault(int(m[1]), []).append(html.unescape(m[2]))
        lines = []
        for _, toks in sorted(sents.items()):
            s = " ".join(toks)
            s = re.sub(r" ([,.;:!?%)]|'s|n't)", r"\1", s).replace("( ", "(")
            lines.append(s)
        yield "meantime", f.stem, "\n".join(lines), dt.date.fromisoformat(dct[1])
    for line in (eval_dir / "newswcl50/articles.jsonl").read_text().splitlines():
        a = json.loads(line)
        if a.get("published"):
            text = a["title"] + "\n\n" + a["text"]
            yield "newswcl50", a["id"], text, dt.date.fromisoformat(a["published"][:10])


def held_out(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 1


def sentence_of(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1, 0)
    his = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    hi = min(his) + 1 if his else len(text)
    return " ".join(text[lo:hi].split())


def candidates(eval_dir: Path, *, tuning: bool = False) -> Iterator[dict]:
    for corpus, aid, text, pub in articles(eval_dir):
        if held_out(aid) == tuning:
            continue
        for d in find_dates(text, pub, article_id=aid):
            if d.anchor is None or d.type not in ("DATE", "TIME"):
                continue
            if not _TARGET.search(d.text) or re.search(r"\b(?:1[5-9]|20)\d\d\b", d.text):
                continue
            if _RELATIVE_UNIT.search(d.text):
                continue
            yield {
                "corpus": corpus, "article_id": aid, "start": d.start, "end": d.end,
                "sentence": sentence_of(text, d.start, d.end), "expression": d.text,
                "published": pub.isoformat(), "resolved": d.value,
            }  # fmt: skip


def draw(eval_dir: Path, per_corpus: dict[str, int]) -> list[dict]:
    pool: dict[str, list[dict]] = {}
    for c in candidates(eval_dir):
        pool.setdefault(c["corpus"], []).append(c)
    out = []
    for corpus, n in per_corpus.items():
        items = sorted(
            pool.get(corpus, []),
            key=lambda c: hashlib.sha1(f"{c['article_id']}:{c['start']}".encode()).hexdigest(),
        )
        out += items[:n]
    return out


def used_articles(skip: Path | None = None) -> set[str]:
    """Articles named in any hand-checked file of ``tests/data`` except ``skip``.

    Every earlier set (sample, fresh, fresh2, ...) is excluded; the file being drawn is
    not, so re-running a draw after its file was written reproduces it.
    """
    used: set[str] = set()
    for f in (Path(__file__).resolve().parents[1] / "tests" / "data").glob("dates_handcheck*"):
        if skip is not None and f.resolve() == skip.resolve():
            continue
        used |= {json.loads(line)["article_id"] for line in f.read_text().splitlines()}
    return used


def draw_unseen(
    eval_dir: Path, per_corpus: dict[str, int], salt: str, skip: Path | None = None
) -> list[dict]:
    """Draw from held-out articles that no other hand-checked file has used."""
    used = used_articles(skip)
    pool: dict[str, list[dict]] = {}
    for c in candidates(eval_dir):
        if c["article_id"] not in used:
            pool.setdefault(c["corpus"], []).append(c)

    def key(c: dict) -> str:
        return hashlib.sha1(f"{salt}:{c['article_id']}:{c['start']}".encode()).hexdigest()

    return [
        c for corpus, n in per_corpus.items() for c in sorted(pool.get(corpus, []), key=key)[:n]
    ]


if __name__ == "__main__":
    cmd, eval_dir = sys.argv[1], Path(sys.argv[2])
    if cmd == "draw":
        rows = draw(eval_dir, {"polnear": 70, "meantime": 40, "newswcl50": 40})
        with open(sys.argv[3], "w") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(rows))
    elif cmd == "fresh":
        counts = {k: int(v) for k, v in (a.split("=") for a in sys.argv[5:])}
        rows = draw_unseen(eval_dir, counts, sys.argv[4], skip=Path(sys.argv[3]))
        with open(sys.argv[3], "w") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(len(rows))
    elif cmd == "pool":
        from collections import Counter

        print(Counter(c["corpus"] for c in candidates(eval_dir, tuning=sys.argv[3:] == ["tune"])))
