"""Ingest throughput (articles/s) and peak memory on a mixed corpus made from real text.

The corpus (written to a temporary folder) is built from:
- text: the five bundled sample articles, each copy with its paragraphs rotated, every number
  shifted by the copy index and a copy tag in the headline (so copies are distinct records);
- HTML: the pages of ../shared/eval/article-extraction (when present), each copy with a tag
  in its <title>;
- JSONL: the cleaned sample bodies as records of a news-API style export.
Copies of one text are near-duplicates of each other by design, as re-posted wire copy is
in real feeds; the de-duplicator links them, and the figure counts every article stored.

Run: python benchmarks/bench_ingest.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "ukraine-2022-02"
HTML_DIR = ROOT.parent / "shared" / "eval" / "article-extraction" / "html"


def build_corpus(folder: Path, n: int) -> dict[str, int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    pages = sorted(HTML_DIR.glob("*.html.gz")) if HTML_DIR.is_dir() else []
    counts = {"text": 0, "html": 0, "jsonl": 0}
    n_html = n * 3 // 10 if pages else 0
    n_jsonl = n // 5
    n_text = n - n_html - n_jsonl
    for i in range(n_text):
        lines = texts[i % 5].split("\n")
        head, body = lines[:3], lines[3:]
        k = (i * 7) % max(1, len(body))
        body = body[k:] + body[:k]
        text = "\n".join([f"{head[0]} (copy {i})", *head[1:], *body])
        text = re.sub(r"\d+", lambda m, i=i: str(int(m.group()) + i), text)
        (folder / f"t{i:05d}.txt").write_text(text, encoding="utf-8")
    counts["text"] = n_text
    for i in range(n_html):
        html = gzip.decompress(pages[i % len(pages)].read_bytes()).decode("utf-8", "replace")
        html = html.replace("<title>", f"<title>[{i}] ", 1)
        (folder / f"h{i:05d}.html").write_text(html, encoding="utf-8")
    counts["html"] = n_html
    with open(folder / "export.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n_jsonl):
            body = texts[i % 5].split("\n", 3)[-1]
            fh.write(
                json.dumps(
                    {
                        "title": f"Record {i}",
                        "content": f"Record {i}. {body}",
                        "publishedAt": "2022-02-21T10:00:00Z",
                        "url": f"https://example.org/{i}",
                    }
                )
                + "\n"
            )
    counts["jsonl"] = n_jsonl
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.pipeline import ingest
    from newsprism.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        counts = build_corpus(folder, args.articles)
        # Warm up imports and lazily built models outside the timed run.
        with Store(":memory:") as warm:
            ingest([SAMPLE], warm)
        t0 = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            report = ingest([folder], store)
            stored = store.count_articles()
        dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {counts}")
    print(
        f"ingest: {stored} articles in {dt:.1f} s = {stored / dt:.1f} articles/s "
        f"({report.summary()}); peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
