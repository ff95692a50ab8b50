"""Throughput and peak memory of online story clustering at 1k, 10k and 100k articles.

Usage::

    python benchmarks/bench_cluster.py [--sizes 1000 10000 100000] [--data PATH]

How the articles are made (from real text only):

* Templates: every ECB+ document under ``--data`` (default ``../shared/eval/ecbplus``,
  skipped when absent; 509 documents in 44 sub-topics of 22 topics) plus the five sample
  articles in ``examples/ukraine-2022-02`` (one extra topic).
* Copy ``k`` = 0, 1, 2, ... of the template set is a new "world": every capitalised word
  of 3+ letters (names, places, organisations, and sentence-initial words too) is
  replaced by a pseudo-word drawn from a hash of (word, k), so copies share the topic
  vocabulary but not the participants, as real recurring events do. Every number is
  replaced the same way (counts, amounts and years differ between events), and each
  sentence is dropped with probability 0.25 (outlets tell the same event differently).
* Dates: sub-topic ``s`` of copy ``k`` happens on day ``k * 3 + (hash(s) % 5)`` after
  2000-01-01 (so several copies overlap in time); each article gets that day plus 0-2
  days of jitter; 10% of the articles get no date. Titles are perturbed like the text.
* Arrival order: by date (undated articles interleaved at random), as a feed would deliver
  them; as many copies as needed, cut at the requested size.

Each size runs in a fresh subprocess. Throughput counts ``StoryClusterer.add`` only
(article generation is not timed); peak memory is the process's max RSS growth during
clustering (``resource.getrusage``), and the JSON state size is what the store would
persist. Then the batch refinement (``StoryClusterer.refine`` over every thread of 8 to
500 articles, as ``recluster`` does) is timed on its own and its stories scored too;
``thread_*`` are the online pass's threads, ``refined_thread_*`` those after the batch
regrouping of threads that the refinement starts with.
The synthetic gold also gives B-cubed F1 at scale: stories against (copy,
sub-topic); threads against the topic (ECB+'s meaning: events of one kind with other
participants, e.g. two fires, form one thread) and, stricter, against (copy, topic).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.cluster import StoryClusterer  # noqa: E402
from newsprism.evaluate.clustering import bcubed, load_ecbplus  # noqa: E402
from newsprism.model import Article  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "ecbplus"
SAMPLE = ROOT / "examples" / "ukraine-2022-02"
_CAP = re.compile(r"\b[A-Z][A-Za-z]{2,}\b|\d+")
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_SYLL = ["ka", "lo", "mi", "ren", "sta", "vo", "dru", "pel", "zin", "ta", "bor", "qui", "esh"]


def _templates(data: Path) -> list[tuple[str, str, str | None, str]]:
    """Return (topic, subtopic, title, text) templates."""
    out: list[tuple[str, str, str | None, str]] = []
    if data.is_dir():
        for doc in load_ecbplus(data):
            out.append((doc.topic, doc.subtopic, doc.article.title, doc.article.text))
    for path in sorted(SAMPLE.glob("*.txt")):
        out.append(("sample", "sample/" + path.name[:3], None, path.read_text(encoding="utf-8")))
    return out


def _pseudo(word: str, k: int) -> str:
    h = hashlib.blake2b(f"{word}|{k}".encode(), digest_size=8).digest()
    if word.isdigit():
        return str(int.from_bytes(h[:4], "big") % (10 ** len(word)))
    name = "".join(_SYLL[b % len(_SYLL)] for b in h[: 2 + h[7] % 2])
    return name.capitalize()


def make_articles(n: int, data: Path, seed: int = 0) -> tuple[list[Article], list[str], list[str]]:
    """Make ``n`` articles with gold story and thread labels (see the module docstring)."""
    templates = _templates(data)
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    rows: list[tuple[int, Article, str, str]] = []
    k = 0
    while len(rows) < n:
        cache: dict[str, str] = {}

        def sub(m: re.Match[str], k: int = k, cache: dict[str, str] = cache) -> str:
            w = m.group()
            if w not in cache:
                cache[w] = _pseudo(w, k)
            return cache[w]

        for i, (topic, subtopic, title, text) in enumerate(templates):
            if len(rows) >= n:
                break
            s_hash = int(hashlib.md5(subtopic.encode()).hexdigest(), 16)
            day = start + timedelta(days=k * 3 + s_hash % 5 + rng.randint(0, 2))
            published = None if rng.random() < 0.1 else day
            kept = [x for x in _SENT.split(text) if x and rng.random() >= 0.25] or [text]
            art = Article(
                id=f"c{k}-{i}",
                source_path=f"synthetic/{k}/{i}",
                text=_CAP.sub(sub, "\n".join(kept)),
                title=_CAP.sub(sub, title) if title else None,
                published=published,
                outlet=f"outlet{rng.randint(0, 30)}",
            )
            order = day.toordinal() * 10 + rng.randint(0, 9)
            rows.append((order, art, f"{k}/{subtopic}", topic))
        k += 1
    rows.sort(key=lambda r: r[0])
    return [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_one(n: int, data: Path) -> dict[str, float]:
    """Cluster ``n`` synthetic articles in this process and return the figures."""
    articles, gold_story, gold_thread = make_articles(n, data)
    rss0 = _maxrss_mb()
    clusterer = StoryClusterer()
    t0 = time.perf_counter()
    for art in articles:
        clusterer.add(art)
    elapsed = time.perf_counter() - t0
    rss1 = _maxrss_mb()
    state_mb = len(json.dumps(clusterer.to_state())) / 1e6
    story = [clusterer.story_of(a.id) or "" for a in articles]
    thread = [clusterer.thread_of(s) or "" for s in story]
    online_stories = len(clusterer)
    t1 = time.perf_counter()
    refined_threads = clusterer.refine(articles)
    refine_s = time.perf_counter() - t1
    rss2 = _maxrss_mb()
    refined = [clusterer.story_of(a.id) or "" for a in articles]
    refined_thread = [clusterer.thread_of(s) or "" for s in refined]
    per_copy = [f"{s.split('/')[0]}/{t}" for s, t in zip(gold_story, gold_thread, strict=True)]
    return {
        "articles": n,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1),
        "peak_rss_growth_mb": round(rss1 - rss0, 1),
        "peak_rss_mb": round(rss1, 1),
        "state_json_mb": round(state_mb, 1),
        "stories": online_stories,
        "gold_stories": len(set(gold_story)),
        "story_b3_f1": round(bcubed(story, gold_story)[2], 4),
        "refine_seconds": round(refine_s, 2),
        "refine_rss_growth_mb": round(rss2 - rss1, 1),
        "threads_refined": refined_threads,
        "refined_stories": len(set(refined)),
        "refined_story_b3_f1": round(bcubed(refined, gold_story)[2], 4),
        "thread_b3_f1": round(bcubed(thread, gold_thread)[2], 4),
        "thread_b3_f1_per_copy": round(bcubed(thread, per_copy)[2], 4),
        "threads": len(set(thread)),
        "refined_thread_b3_f1": round(bcubed(refined_thread, gold_thread)[2], 4),
        "refined_thread_b3_f1_per_copy": round(bcubed(refined_thread, per_copy)[2], 4),
        "refined_threads": len(set(refined_thread)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.data)))
        return
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--data", str(args.data)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        r = results[-1]
        print(f"# {n} done in {r['seconds']} s", file=sys.stderr, flush=True)
    cols = [
        "articles",
        "seconds",
        "articles_per_s",
        "peak_rss_growth_mb",
        "state_json_mb",
        "stories",
        "gold_stories",
        "story_b3_f1",
        "refine_seconds",
        "threads_refined",
        "refined_stories",
        "refined_story_b3_f1",
        "threads",
        "thread_b3_f1",
        "thread_b3_f1_per_copy",
        "refined_threads",
        "refined_thread_b3_f1",
        "refined_thread_b3_f1_per_copy",
    ]
    print(" | ".join(cols))
    print(" | ".join("---" for _ in cols))
    for r in results:
        print(" | ".join(str(r[c]) for c in cols))
    by = {r["articles"]: r for r in results}
    if 10000 in by and 100000 in by:
        a, b = by[10000], by[100000]
        print(
            f"\n10k -> 100k: throughput x{b['articles_per_s'] / a['articles_per_s']:.2f}, "
            f"per-article time x{(b['seconds'] / 100000) / (a['seconds'] / 10000):.2f}, "
            f"memory growth x{b['peak_rss_growth_mb'] / max(a['peak_rss_growth_mb'], 0.1):.1f}"
        )


if __name__ == "__main__":
    main()
