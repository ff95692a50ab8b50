"""Peak memory while ingesting a ~1 GB CC-NEWS style WARC file (memory must stay bounded).

Run: ``python benchmarks/bench_warc.py [--size-mb 1024] [--workers 1] [--warc PATH]``

The WARC is built from real pages: the 90 HTML pages of the article-extraction benchmark
(``../shared/eval/article-extraction``), written over and over as HTTP response records
(each preceded by its request record, as crawls store them), until the file reaches
``--size-mb``. Copy ``k`` of a page has its names and numbers replaced in the text between
tags (``corpus.perturb_html``, the same rule as the main benchmark) and its own target URI
(``https://<site>.example/<page>/copy-<k>``), so each record is a distinct article.
The file is uncompressed (a ``.warc.gz`` of the same pages is about 5x smaller on disk
and reads the same way); it is kept in the temporary folder for reruns (``--keep``).

The child process runs ``newsprism.pipeline.ingest`` (read → clean → dedupe → store into a
DuckDB file) over the WARC; the parent samples the RSS of the child and its worker
processes every 0.5 s and prints it against the number of records read, so a flat line
shows that memory does not grow with the input. ``--limit-s`` stops the run early (the
RSS line up to then is still meaningful; the throughput is then a partial figure).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HTML_DIR = ROOT.parent / "shared" / "eval" / "article-extraction" / "html"


def build_warc(path: Path, size_mb: int) -> int:
    """Write a WARC of about ``size_mb`` MB from the benchmark pages; return the responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sys.path.insert(0, str(HERE))
    from corpus import perturb_html

    pages = [
        (p.name.split(".")[0], gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))
        for p in sorted(HTML_DIR.glob("*.html.gz"))
    ]
    if not pages:
        raise SystemExit(f"no pages under {HTML_DIR}")
    target = size_mb * 2**20
    n = 0
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        while fh.tell() < target:
            k, j = divmod(n, len(pages))
            name, html = pages[j]
            uri = f"https://site{j % 30}.example/{name}/copy-{k}"
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET /")))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = perturb_html(html, k).encode("utf-8")
            w.write_record(
                w.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
            n += 1
    return n


def _child(warc: str, db: str, workers: int, progress: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.pipeline import ingest, process_pool
    from newsprism.store import Store

    done = 0

    def tick(k: int) -> None:
        nonlocal done
        done += k
        Path(progress).write_text(str(done), encoding="utf-8")

    pool = process_pool(workers) if workers > 1 else None
    t0 = time.perf_counter()
    try:
        with Store(db) as store:
            report = ingest([warc], store, executor=pool, on_progress=tick)
            stored = store.count_articles()
    finally:
        if pool is not None:
            pool.shutdown()
    print(
        json.dumps(
            {
                "stored": stored,
                "summary": report.summary(),
                "seconds": time.perf_counter() - t0,
            }
        )
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--warc", type=Path, help="use this WARC instead of building one")
    ap.add_argument("--keep", action="store_true", help="keep the built WARC for reruns")
    ap.add_argument("--limit-s", type=float, default=0, help="stop after this many seconds")
    args = ap.parse_args()
    import psutil

    tmp = Path(tempfile.gettempdir()) / "newsprism-bench-warc"
    tmp.mkdir(exist_ok=True)
    warc = args.warc or tmp / f"cc-news-{args.size_mb}mb.warc"
    if not warc.exists():
        t0 = time.perf_counter()
        n = build_warc(warc, args.size_mb)
        print(
            f"built {warc} ({warc.stat().st_size / 2**20:.0f} MB, {n} pages) "
            f"in {time.perf_counter() - t0:.0f} s"
        )
    size_mb = warc.stat().st_size / 2**20
    db = tmp / "warc-bench.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    progress = tmp / "progress"
    progress.write_text("0", encoding="utf-8")
    cmd = [
        sys.executable,
        __file__,
        "--child",
        str(warc),
        str(db),
        str(args.workers),
        str(progress),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    samples: list[tuple[float, int, int]] = []

    def watch() -> None:
        p = psutil.Process(proc.pid)
        t0 = time.perf_counter()
        while proc.poll() is None:
            try:
                rss = sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
            except psutil.Error:
                rss = 0
            try:
                n = int(progress.read_text(encoding="utf-8") or 0)
            except (OSError, ValueError):
                n = 0
            samples.append((time.perf_counter() - t0, n, rss))
            if args.limit_s and time.perf_counter() - t0 > args.limit_s:
                proc.terminate()
                break
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    watcher.join()
    peak = max((s[2] for s in samples), default=0) / 2**20
    print(f"WARC {warc.name}: {size_mb:.0f} MB, workers={args.workers}")
    print("RSS against progress (seconds, records read, RSS MB):")
    step = max(1, len(samples) // 15)
    for t, n, rss in samples[::step]:
        print(f"  {t:7.0f} s  {n:6d} records  {rss / 2**20:6.0f} MB")
    if out.strip():
        res = json.loads(out.strip().splitlines()[-1])
        print(
            f"ingest: {res['summary']}; {res['stored']} articles in {res['seconds']:.0f} s "
            f"= {res['stored'] / res['seconds']:.1f} articles/s"
        )
    else:
        done = samples[-1][1] if samples else 0
        print(f"stopped after {samples[-1][0] if samples else 0:.0f} s with {done} records read")
    print(f"peak RSS {peak:.0f} MB")
    if not args.keep and not args.warc:
        warc.unlink()


if __name__ == "__main__":
    main()
