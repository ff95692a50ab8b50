"""End-to-end ``analyze`` throughput and peak memory, stage by stage, with reference points.

Run: ``make bench`` (= ``python benchmarks/run.py``), ``--quick`` for a small run,
``--sizes 1000 10000`` for the large one, ``--workers 1 2`` for the process counts.

For each corpus size a mixed corpus of real articles is written to a temporary folder by
:mod:`benchmarks.corpus` (45% scraped text from the sample and ECB+, 30% a JSONL export
of PolNeAR, 25% HTML pages of the article-extraction benchmark; past the real articles,
perturbed copies with other names, numbers and dropped sentences: see ``corpus.py``).

Each configuration runs in a fresh process doing exactly what ``newsprism analyze`` does
(ingest → cluster → extract → compare → articles.json, stories.json, report.html) into a
new store, timed per stage:

* ``read``: files read and decoded, HTML main text extracted with trafilatura;
* ``clean``, ``dedupe`` (MinHash/LSH), ``store`` (DuckDB writes of articles);
* ``cluster``, ``extract`` (spaCy + rules), ``compare``, ``report`` (JSON + HTML pages).

With ``--workers N > 1`` reading, cleaning and extraction run on N processes, so the
``read``/``clean``/``extract`` figures are the time the main process waits for them.
End-to-end throughput is articles stored / wall time of the whole process (interpreter
start, imports and model loading included). Peak memory is the largest sum of the RSS of
the process and its worker processes, sampled every 0.2 s.

References, in the same run and on the same text: the spaCy ``en_core_web_sm`` full
pipeline (every component, parser included) over the cleaned text of the articles, run
right after each ``analyze`` with the same number of processes (``nlp.pipe(n_process=N)``),
so each row compares like with like and gives the ratio of the two rates (#18); and
trafilatura alone (``trafilatura.bare_extraction``) over the HTML pages. The spaCy rate
counts the time of ``nlp.pipe`` (its worker processes started, the model loaded before),
``analyze``'s the whole process: the ratio flatters spaCy slightly.

Results go to ``benchmarks/results/``: ``bench.md`` (Markdown table), ``bench.png`` (plot)
and ``bench.json``. Figures are from whatever machine runs it; on a shared 2-core machine
they move with the other jobs running.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
STAGES = ("read", "clean", "dedupe", "store", "cluster", "extract", "compare", "report")


# --------------------------------------------------------------------------- child processes


def _child_analyze(corpus: str, out: str, workers: int) -> dict[str, object]:
    """What ``newsprism analyze CORPUS --out OUT --workers N`` does, timed by stage."""
    t_start = time.perf_counter()
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.pipeline import analyze, process_pool
    from newsprism.report import write_report
    from newsprism.store import Store
    from newsprism.views import article_to_dict

    timings: dict[str, float] = {}
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    pool = process_pool(workers) if workers > 1 else None
    try:
        with Store(out_dir / "newsprism.duckdb") as store:
            t0 = time.perf_counter()
            report, docs = analyze([corpus], store, executor=pool, timings=timings)
            t3 = time.perf_counter()
            n_extracted = len(store.extracted_ids())
            items = [article_to_dict(a) for a in store.articles()]
            (out_dir / "articles.json").write_text(
                json.dumps(items, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
            )
            (out_dir / "stories.json").write_text(
                json.dumps(docs, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
            )
            write_report(store, out_dir)
            t4 = time.perf_counter()
            stored = store.count_articles()
    finally:
        if pool is not None:
            pool.shutdown()
    timings["report"] = t4 - t3
    timings["analyze"] = t3 - t0
    return {
        "workers": workers,
        "stored": stored,
        "ingested": len(report.ingested),
        "duplicates": len(report.duplicates),
        "failed": len(report.failures),
        "extracted": n_extracted,
        "stories": len(docs),
        "timings": timings,
        "wall_in_process": time.perf_counter() - t_start,
    }


def _child_spacy(articles_json: str, processes: int = 1) -> dict[str, object]:
    """The spaCy en_core_web_sm full pipeline over the cleaned texts, on ``processes``
    processes (the reference for ``analyze`` with as many workers)."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.spacy_model import load_nlp

    texts = [a["text"] for a in json.loads(Path(articles_json).read_text(encoding="utf-8"))]
    nlp = load_nlp()  # every component, parser included
    nlp("Warm up.")
    t0 = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=processes))
    dt = time.perf_counter() - t0
    return {"articles": len(texts), "tokens": words, "seconds": dt, "processes": processes}


def _child_framing(out_dir: str) -> dict[str, object]:
    """The word-choice label pass (#17: referents and their terms per outlet) over each
    story of an ``analyze`` output, timed apart: tagging, parsing and entities (spaCy,
    once per article), grouping, the static model and the log-odds."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.compare import independence_keys
    from newsprism.compare.framing import find_labels
    from newsprism.model import Article

    arts = {
        a["id"]: Article(
            id=a["id"],
            source_path=a.get("source_path") or a["id"],
            text=a["text"],
            outlet=a.get("outlet"),
            duplicate_of=a.get("duplicate_of"),
        )
        for a in json.loads((Path(out_dir) / "articles.json").read_text(encoding="utf-8"))
    }
    stories = json.loads((Path(out_dir) / "stories.json").read_text(encoding="utf-8"))
    from newsprism.compare.embedding import embed
    from newsprism.compare.referents import article_mentions

    article_mentions([Article(id="w", source_path="w", text="Warm up, Mr. Kim.")])
    embed(["warm up"])
    n = referents = 0
    t0 = time.perf_counter()
    for s in stories:
        members = [arts[m["id"]] for m in s["articles"] if m["id"] in arts]
        members = [a for a in members if not a.duplicate_of]
        n += len(members)
        referents += len(find_labels(members, independence_keys(members)))
    dt = time.perf_counter() - t0
    return {"articles": n, "seconds": dt, "referents": referents}


def _child_trafilatura(pages: list[str]) -> dict[str, object]:
    """trafilatura alone over the HTML pages (the reference for the HTML path)."""
    import trafilatura

    htmls = [Path(p).read_text(encoding="utf-8") for p in pages]
    trafilatura.bare_extraction(htmls[0], with_metadata=True)
    t0 = time.perf_counter()
    for html in htmls:
        trafilatura.bare_extraction(html, with_metadata=True)
    dt = time.perf_counter() - t0
    return {"pages": len(htmls), "seconds": dt}


# --------------------------------------------------------------------------- measuring


def _peak_rss(proc: subprocess.Popen[bytes], samples: list[int]) -> None:
    import psutil

    try:
        p = psutil.Process(proc.pid)
    except psutil.NoSuchProcess:
        return
    while proc.poll() is None:
        total = 0
        try:
            for q in [p, *p.children(recursive=True)]:
                try:
                    total += q.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        samples.append(total)
        time.sleep(0.2)


def _run_child(kind: str, *args: str) -> tuple[dict[str, object], float, float]:
    """Run a child measurement; return its result, wall seconds and peak RSS (MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as tmp:
        result_path = tmp.name
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, result_path, *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    samples: list[int] = []
    watcher = threading.Thread(target=_peak_rss, args=(proc, samples), daemon=True)
    watcher.start()
    rc = proc.wait()
    wall = time.perf_counter() - t0
    watcher.join()
    if rc != 0:
        raise SystemExit(f"benchmark child {kind} failed with exit status {rc}")
    result = json.loads(Path(result_path).read_text(encoding="utf-8"))
    os.unlink(result_path)
    return result, wall, max(samples, default=0) / 2**20


def measure(sizes: list[int], workers: list[int], spacy_ref: bool = True) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from corpus import build_corpus

    runs = []
    refs = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            t0 = time.perf_counter()
            corpus = build_corpus(folder, n)
            print(f"[{n}] corpus {corpus.counts} built in {time.perf_counter() - t0:.0f} s")
            for w in workers:
                out = Path(tmp) / f"out-{w}"
                res, wall, peak = _run_child("analyze", str(folder), str(out), str(w))
                res.update(size=n, corpus=corpus.counts, wall=wall, peak_rss_mb=peak)
                res["articles_per_s"] = res["stored"] / wall
                runs.append(res)
                print(
                    f"[{n}] workers={w}: {res['stored']} articles in {wall:.1f} s = "
                    f"{res['articles_per_s']:.1f} articles/s, peak {peak:.0f} MB; "
                    + ", ".join(f"{k} {v:.1f}" for k, v in res["timings"].items())
                )
                if spacy_ref:
                    # Like with like (#18): spaCy alone, as many processes, the same texts,
                    # run right after (interleaved, so both see the same machine load).
                    articles_json = str(out / "articles.json")
                    sp, _, sp_peak = _run_child("spacy", articles_json, str(w))
                    res["spacy"] = {**sp, "peak_rss_mb": sp_peak}
                    rate = sp["articles"] / sp["seconds"]
                    res["spacy_ratio"] = res["articles_per_s"] / rate
                    print(
                        f"[{n}] spaCy full pipeline, {w} process(es): {sp['articles']} articles "
                        f"in {sp['seconds']:.1f} s = {rate:.1f} articles/s; analyze/spaCy "
                        f"{res['spacy_ratio']:.2f}"
                    )
                fr, _, _ = _run_child("framing", str(out))
                res["framing"] = fr
                print(
                    f"[{n}] word-choice labels (#17): {fr['articles']} articles in "
                    f"{fr['seconds']:.1f} s = {1000 * fr['seconds'] / max(1, fr['articles']):.0f} "
                    f"ms/article, {fr['referents']} referents"
                )
            ref: dict[str, object] = {"size": n}
            if corpus.html_files:
                pages = [str(p) for p in corpus.html_files]
                tr, _, _ = _run_child("trafilatura", *pages)
                ref["trafilatura"] = tr
                print(
                    f"[{n}] trafilatura alone: {tr['pages']} pages in {tr['seconds']:.1f} s = "
                    f"{tr['pages'] / tr['seconds']:.1f} pages/s"
                )
            refs.append(ref)
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "runs": runs,
        "references": refs,
    }


# --------------------------------------------------------------------------- writing


def to_markdown(data: dict[str, object]) -> str:
    runs = data["runs"]
    lines = [
        f"Measured {data['date']} on {data['machine']} (shared machine: other jobs were "
        "running, so figures are noisy).",
        "",
        "| articles | workers | end-to-end articles/s | spaCy alone, same processes, "
        "articles/s | analyze / spaCy | wall s | peak RSS MB | "
        + " | ".join(f"{s} s" for s in STAGES)
        + " |",
        "|" + "---:|" * (7 + len(STAGES)),
    ]
    for r in runs:
        t = r["timings"]
        sp = r.get("spacy")
        spacy_rate = f"{sp['articles'] / sp['seconds']:.1f}" if sp else "-"
        ratio = f"**{r['spacy_ratio']:.2f}**" if sp else "-"
        lines.append(
            f"| {r['stored']} | {r['workers']} | **{r['articles_per_s']:.1f}** | "
            f"{spacy_rate} | {ratio} | {r['wall']:.1f} | {r['peak_rss_mb']:.0f} | "
            + " | ".join(f"{t.get(s, 0.0):.1f}" for s in STAGES)
            + " |"
        )
    lines += ["", "| reference | size | figure |", "|---|---:|---|"]
    for r in runs:
        sp = r.get("spacy")
        if sp:
            lines.append(
                f"| spaCy en_core_web_sm, full pipeline, {sp['processes']} process(es) | "
                f"{sp['articles']} articles | {sp['articles'] / sp['seconds']:.1f} articles/s "
                f"({sp['tokens'] / sp['seconds']:.0f} tokens/s) |"
            )
    for r in runs:
        fr = r.get("framing")
        if fr:
            lines.append(
                f"| word-choice labels (#17), inside `compare`, one process | "
                f"{fr['articles']} articles | "
                f"{1000 * fr['seconds'] / max(1, fr['articles']):.0f} ms/article "
                f"({fr['referents']} referents) |"
            )
    for ref in data["references"]:
        tr = ref.get("trafilatura")
        if tr:
            lines.append(
                f"| trafilatura alone over the HTML pages | {tr['pages']} pages | "
                f"{tr['pages'] / tr['seconds']:.1f} pages/s |"
            )
    corpus = runs[0]["corpus"] if runs else {}
    lines += [
        "",
        f"Corpus mix: {corpus}. Stage seconds: `read` includes trafilatura on HTML; with "
        "workers > 1, `read`, `clean` and `extract` are the time the main process waited.",
    ]
    return "\n".join(lines) + "\n"


def plot(data: dict[str, object], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)")
        return False
    runs = data["runs"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    labels = [f"{r['stored']} art.\n{r['workers']} worker(s)" for r in runs]
    bottom = [0.0] * len(runs)
    for stage in STAGES:
        vals = [r["timings"].get(stage, 0.0) / r["stored"] * 1000 for r in runs]
        ax1.bar(labels, vals, bottom=bottom, label=stage)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax1.set_ylabel("ms per article")
    ax1.set_title("Stage cost per article")
    ax1.legend(fontsize=8)
    names = [f"analyze\n{r['stored']}, w={r['workers']}" for r in runs]
    rates = [r["articles_per_s"] for r in runs]
    for r in runs:
        if r.get("spacy"):
            sp = r["spacy"]
            names.append(f"spaCy full\n{sp['articles']}, p={sp['processes']}")
            rates.append(sp["articles"] / sp["seconds"])
    for ref in data["references"]:
        if ref.get("trafilatura"):
            tr = ref["trafilatura"]
            names.append(f"trafilatura\n{tr['pages']} pages")
            rates.append(tr["pages"] / tr["seconds"])
    colors = ["tab:blue" if n.startswith("analyze") else "tab:gray" for n in names]
    ax2.bar(names, rates, color=colors)
    ax2.axhline(20, color="tab:red", linestyle="--", linewidth=1, label="target 20/s")
    ax2.set_ylabel("articles (pages) per second")
    ax2.set_title("End-to-end throughput and references")
    ax2.legend(fontsize=8)
    ax2.tick_params(axis="x", labelsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, result_path, *args = sys.argv[2:]
        if kind == "analyze":
            res = _child_analyze(args[0], args[1], int(args[2]))
        elif kind == "framing":
            res = _child_framing(args[0])
        elif kind == "spacy":
            res = _child_spacy(args[0], int(args[1]) if len(args) > 1 else 1)
        else:
            res = _child_trafilatura(args)
        Path(result_path).write_text(json.dumps(res), encoding="utf-8")
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="150 articles, one worker setting")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy reference")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    sizes, workers = ([150], [2]) if args.quick else (args.sizes, args.workers)
    data = measure(sizes, workers, spacy_ref=not args.no_spacy)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "bench-quick" if args.quick else "bench"
    (args.out / f"{stem}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    (args.out / f"{stem}.md").write_text(to_markdown(data), encoding="utf-8")
    plotted = plot(data, args.out / f"{stem}.png")
    print(f"wrote {args.out / (stem + '.md')}" + (f" and {stem}.png" if plotted else ""))


if __name__ == "__main__":
    main()
