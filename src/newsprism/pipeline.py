"""The pipeline: ingest → clean → dedupe → store, then the later stages over the store.

``ingest`` streams inputs in batches; each batch is cleaned, linked to earlier copies and
written in one transaction, so a crash loses at most the batch in flight and a re-run
completes the job without duplicating anything.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import logging
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from newsprism.clean import (
    DEFAULT_CLEAN,
    CleanConfig,
    article_id,
    clean_document,
    outlet_key,
    recurring_lines,
)
from newsprism.dedupe import DEFAULT_DEDUPE, DedupeConfig, Deduper
from newsprism.ingest import IngestConfig, iter_files, read_paths
from newsprism.model import Article, Extraction, IngestFailure, RawDocument, Story
from newsprism.store import Store

__all__ = [
    "IngestReport",
    "Executor",
    "process_pool",
    "ingest",
    "cluster_store",
    "extract_store",
    "compare_store",
    "analyze",
    "article_ref",
]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest run did."""

    ingested: list[str] = field(default_factory=list)  # new, original articles
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (id, original, kind)
    already_stored: list[str] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was ingested or recognised as a duplicate."""
        return not self.failures

    def summary(self) -> str:
        """One line for people."""
        return (
            f"ingested {len(self.ingested)}, duplicates {len(self.duplicates)}, "
            f"already stored {len(self.already_stored)}, failed {len(self.failures)}"
        )


def _batches(
    items: Iterable[RawDocument | IngestFailure], size: int
) -> Iterator[tuple[list[RawDocument], list[IngestFailure]]]:
    docs: list[RawDocument] = []
    fails: list[IngestFailure] = []
    for item in items:
        if isinstance(item, IngestFailure):
            fails.append(item)
        else:
            docs.append(item)
        if len(docs) >= size:
            yield docs, fails
            docs, fails = [], []
    if docs or fails:
        yield docs, fails


class Executor(Protocol):
    """What the per-article stages need to run elsewhere: ``submit(fn, *args).result()``.

    A :class:`concurrent.futures.Executor` fits, and so does the Dask adapter in
    :mod:`newsprism.scale`.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def _ordered_map(
    executor: Executor | None,
    fn: Callable[..., Any],
    items: Iterable[Any],
    *args: Any,
    window: int,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[Any]:
    """``fn(item, *args)`` for each item, in input order, at most ``window`` tasks in flight.

    The window bounds memory: a huge input never has more than ``window`` results waiting.
    ``meanwhile`` runs here once the first tasks are in flight (at the start without an
    executor): work for this process while the workers compute.
    """
    if executor is None:
        if meanwhile is not None:
            meanwhile()
        for item in items:
            yield fn(item, *args)
        return
    pending: deque[Any] = deque()
    for item in items:
        pending.append(executor.submit(fn, item, *args))
        if len(pending) >= window:
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            yield pending.popleft().result()
    if meanwhile is not None:
        meanwhile()
    while pending:
        yield pending.popleft().result()


def executor_width(executor: Executor | None) -> int:
    """How many tasks to keep in flight for ``executor`` (twice its workers)."""
    if executor is None:
        return 1
    n = getattr(executor, "_max_workers", None) or getattr(executor, "nthreads", None) or 2
    return max(2, 2 * int(n))


def _read_units(
    paths: Iterable[str | os.PathLike[str]], shard_records: int
) -> Iterator[IngestFailure | tuple[Path, tuple[int, int, int, int] | None]]:
    """Units of reading work: one per file, WARC files cut into shards of records."""
    from newsprism.warc import is_warc, warc_shards

    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
        elif is_warc(item):
            for shard in warc_shards(item, records=shard_records):
                yield item, shard
        else:
            yield item, None


def _read_unit(
    unit: IngestFailure | tuple[Path, tuple[int, int, int, int] | None],
    config: IngestConfig | None,
) -> list[RawDocument | IngestFailure]:
    """Read one unit of :func:`_read_units` (runs in a worker)."""
    from newsprism.ingest import read_path
    from newsprism.warc import read_warc

    if isinstance(unit, IngestFailure):
        return [unit]
    path, shard = unit
    if shard is None:
        return list(read_path(path, config=config))
    offset, skip, first, count = shard
    return list(read_warc(path, config=config, offset=offset, skip=skip, first=first, limit=count))


def _clean_batch(
    docs: list[RawDocument], clean_config: CleanConfig
) -> list[Article | IngestFailure]:
    """Clean one batch (boilerplate lines counted over the batch); runs in a worker."""
    recurring = recurring_lines(docs, max_words=clean_config.recurring_max_words)
    out: list[Article | IngestFailure] = []
    for doc in docs:
        try:
            out.append(
                clean_document(
                    doc,
                    recurring=recurring.get(outlet_key(doc) or "", frozenset()),
                    config=clean_config,
                )
            )
        except Exception as e:  # one bad document must not stop the batch (#2)
            log.exception("cleaning failed for %s", doc.source_path)
            out.append(
                IngestFailure(doc.source_path, f"cannot clean this document ({e!r})", doc.record)
            )
    return out


class _Clock:
    """Adds the seconds spent in each stage to ``timings`` (when asked for).

    Times are exclusive: while ``clean`` waits for a batch, the reading it triggers counts
    as ``read`` only.
    """

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.recorded = 0.0

    def add(self, stage: str, t0: float, nested: float = 0.0) -> float:
        now = time.perf_counter()
        if self.timings is not None:
            spent = now - t0 - nested
            self.timings[stage] = self.timings.get(stage, 0.0) + spent
            self.recorded += spent
        return now

    def timed(self, stage: str, items: Iterable[Any]) -> Iterator[Any]:
        """Yield from ``items``, counting the time spent waiting for each as ``stage``."""
        it = iter(items)
        while True:
            t0, before = time.perf_counter(), self.recorded
            try:
                item = next(it)
            except StopIteration:
                self.add(stage, t0, self.recorded - before)
                return
            self.add(stage, t0, self.recorded - before)
            yield item


MIN_ARTICLE_WORDS = 3  # words an article needs (digit-free tokens with letters)
_LETTER = re.compile(r"[^\W\d_]")


def _has_words(text: str) -> bool:
    """Whether ``text`` holds words: three tokens with letters and no digits ("s-8cd0ee1f"
    is an id), or, in a script written without spaces, six letters."""
    tokens = [t for t in text.split() if not any(c.isdigit() for c in t) and _LETTER.search(t)]
    if len(tokens) >= MIN_ARTICLE_WORDS:
        return True
    letters = sum(len(_LETTER.findall(t)) for t in tokens)
    return len(text.split()) == 1 and letters >= 6


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    config: IngestConfig | None = None,
    clean_config: CleanConfig = DEFAULT_CLEAN,
    dedupe_config: DedupeConfig = DEFAULT_DEDUPE,
    batch_size: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    executor: Executor | None = None,
    timings: dict[str, float] | None = None,
) -> IngestReport:
    """Read, clean, de-duplicate and store everything under ``paths``; never stop on bad input.

    With an ``executor`` (a process pool, or Dask through :mod:`newsprism.scale`) files are
    read and batches cleaned in parallel; batches are cut, de-duplicated and stored here in
    input order, so the result is the same as without one (#7). ``timings`` receives the
    seconds spent reading, cleaning, de-duplicating and storing (``read`` and ``clean``
    count the time spent waiting for workers when there are any).
    """
    batch_size = batch_size or int(os.environ.get("NEWSPRISM_BATCH_SIZE", "64"))
    report = IngestReport()
    clock = _Clock(timings)
    deduper = Deduper(store.signatures(), config=dedupe_config)
    width = executor_width(executor)
    if executor is None:
        raw: Iterable[RawDocument | IngestFailure] = read_paths(paths, config=config)
    else:
        units = _read_units(paths, shard_records=max(8, batch_size))
        raw = (
            item
            for items in _ordered_map(executor, _read_unit, units, config, window=width)
            for item in items
        )
    run_ids: set[str] = set()
    progress: deque[int] = deque()

    def fresh_batches() -> Iterator[list[RawDocument]]:
        for docs, fails in _batches(clock.timed("read", raw), batch_size):
            report.failures.extend(fails)
            ids = [article_id(d) for d in docs]
            known = store.known_ids(ids)
            report.already_stored.extend(i for i in ids if i in known)
            progress.append(len(docs) + len(fails))
            yield [d for d, i in zip(docs, ids, strict=True) if i not in known]

    cleaned_batches = _ordered_map(
        executor, _clean_batch, fresh_batches(), clean_config, window=width
    )
    for results in clock.timed("clean", cleaned_batches):
        cleaned: list[Article] = []
        for article in results:
            if isinstance(article, IngestFailure):
                report.failures.append(article)
                continue
            if article.id in run_ids:  # the same record listed twice in one run
                report.already_stored.append(article.id)
                continue
            run_ids.add(article.id)
            if not _has_words(article.text):
                # an id or a label in a text field ("s-8cd0eddee1df3f38") is no article,
                # while a one-sentence brief is (#18 item 12)
                reason = "no article text left after cleaning"
                if article.text.strip():
                    reason += f" (fewer than {MIN_ARTICLE_WORDS} words)"
                report.failures.append(IngestFailure(article.source_path, reason, article.record))
                continue
            cleaned.append(article)
        t0 = time.perf_counter()
        linked = list(deduper.link_all(cleaned))
        t0 = clock.add("dedupe", t0)
        store.add_articles([a for a, _ in linked], [s for _, s in linked])
        clock.add("store", t0)
        for a, _ in linked:
            if a.duplicate_of:
                report.duplicates.append((a.id, a.duplicate_of, a.duplicate_kind or "near"))
            else:
                report.ingested.append(a.id)
        log.info("batch committed: %d articles", len(linked))
        done = progress.popleft() if progress else 0
        if on_progress:
            on_progress(done)
    return report


# --------------------------------------------------------------------------- later stages


def cluster_store(store: Store, *, rebuild: bool = False) -> list[Story]:
    """Place every stored article that has no story yet (or all of them, with ``rebuild``).

    The clusterer resumes from its saved state, so placing new articles costs the same
    however many are stored; ``rebuild`` re-clusters everything in publication order.
    """
    from newsprism.cluster import StoryClusterer

    state = None if rebuild else store.cluster_state()
    clusterer = StoryClusterer.from_state(state) if state else StoryClusterer()
    pending = [a for a in store.articles() if clusterer.story_of(a.id) is None]
    if rebuild:  # publication order; undated articles after the dated ones, in ingest order
        pending.sort(key=lambda a: (a.published_date is None, a.published_date or date.min))
    clusterer.add_all(pending)
    # Regroup the threads that changed, then batch-refine the stories inside them (each
    # thread is bounded).
    clusterer.settle((a.id for a in pending), lambda ids: store.articles(ids=ids))
    stories = clusterer.stories()
    store.save_clustering(clusterer.to_state(), stories)
    log.info("clustered %d new articles into %d stories", len(pending), len(stories))
    return stories


def _extract_chunk(articles: list[Article], batch_size: int) -> list[Extraction]:
    """Extract a chunk of articles (runs in a worker; spaCy is loaded once per process)."""
    from newsprism.extract import extract

    return list(extract(articles, batch_size=batch_size))


def extract_store(
    store: Store,
    *,
    batch_size: int = 16,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> int:
    """Extract entities, quotes, dates, quantities and events for articles not yet extracted.

    Copies (``duplicate_of``) are skipped: the comparison counts their original once. With
    an ``executor`` chunks of articles are extracted in parallel and stored in order, and
    ``meanwhile`` (e.g. clustering, which does not need the extractions) runs in this
    process while the first chunks are being extracted.
    """
    todo = store.unextracted_ids()
    # Chunks are whole spaCy batches, so every article sees the same batch as in one process.
    # Each chunk's texts are read from the store when it is handed out, so memory holds the
    # chunks in flight, not the whole run.
    chunk = max(batch_size, (chunk_size or batch_size * 4) // batch_size * batch_size)
    chunks = (list(store.articles(ids=todo[i : i + chunk])) for i in range(0, len(todo), chunk))
    batch: list[Extraction] = []
    window = executor_width(executor)
    for results in _ordered_map(
        executor, _extract_chunk, chunks, batch_size, window=window, meanwhile=meanwhile
    ):
        batch.extend(results)
        if len(batch) >= 64:
            store.save_extractions(batch)
            batch = []
    store.save_extractions(batch)
    return len(todo)


def article_ref(article: Article) -> dict[str, Any]:
    """How stories.json refers to an article."""
    return {
        "id": article.id,
        "source_path": article.source_path,
        "outlet": article.outlet,
        "published": article.published_iso,
        "url": article.url,
        "title": article.title,
    }


def _split_chunk(items: list[tuple[Article, Extraction | None]]) -> list[tuple[str, list[Any]]]:
    """Sentence claims of a chunk of articles (runs in a worker)."""
    from newsprism.compare import split_claims

    return [(a.id, split_claims(a, ex)) for a, ex in items]


def compare_store(store: Store, *, executor: Executor | None = None) -> list[dict[str, Any]]:
    """Compare the outlets of every story; store and return the stories.json objects.

    Thread by thread, reading the articles and extractions of about ``COMPARE_BATCH``
    articles' threads at a time, so memory does not grow with the collection (entity names
    are made one across the collection first, from a stream of the stored extractions).
    With an ``executor`` the articles are split into sentence claims on its workers (the
    per-article part of comparing); the comparison itself runs here.
    """
    from newsprism.compare import clear_caches
    from newsprism.extract import entity_renamer

    rename = entity_renamer(store.iter_extractions())
    stories = store.stories()
    by_thread: dict[str | None, list[int]] = {}
    for k, story in enumerate(stories):
        by_thread.setdefault(story.thread, []).append(k)
    # Threads are read from the store in batches of about COMPARE_BATCH articles: one
    # query per thread would scan the articles table once per thread.
    batches: list[list[list[int]]] = [[]]
    size = 0
    for members_of in by_thread.values():
        if size >= COMPARE_BATCH:
            batches.append([])
            size = 0
        batches[-1].append(members_of)
        size += sum(len(stories[k].articles) for k in members_of)
    docs: list[dict[str, Any] | None] = [None] * len(stories)
    window = executor_width(executor) if executor is not None else 0
    for batch in batches:
        ids = list(dict.fromkeys(i for m in batch for k in m for i in stories[k].articles))
        articles = {a.id: a for a in store.articles(ids=ids)}
        extractions = {i: rename(x) for i, x in store.extractions(ids).items()}
        claims: dict[str, list[Any]] | None = None
        if executor is not None:
            todo = [(articles[i], extractions.get(i)) for i in ids if i in articles]
            chunks = (todo[k : k + 32] for k in range(0, len(todo), 32))
            claims = {
                aid: found
                for chunk in _ordered_map(executor, _split_chunk, chunks, window=window)
                for aid, found in chunk
            }
        for members_of in batch:
            found = _compare_thread(stories, members_of, articles, extractions, claims)
            for k, doc in zip(members_of, found, strict=True):
                docs[k] = doc
        del articles, extractions, claims
        clear_caches()  # they hold the batch's threads
    done = [d for d in docs if d is not None]
    store.save_story_documents(done)
    return done


COMPARE_BATCH = 500  # articles read from the store at once by compare_store


def _compare_thread(
    stories: list[Any],
    members_of: list[int],
    articles: dict[str, Article],
    extractions: dict[str, Any],
    claims: dict[str, list[Any]] | None,
) -> list[dict[str, Any]]:
    """The stories.json objects of the stories ``members_of`` (indices) of one thread."""
    from newsprism.compare import compare_story
    from newsprism.compare.summary import undisputed_title
    from newsprism.views import article_label

    # The thread's articles, story by story: the evidence for framing.
    thread = [articles[i] for k in members_of for i in stories[k].articles if i in articles]
    out = []
    for k in members_of:
        story = stories[k]
        members = [articles[i] for i in story.articles if i in articles]
        members.sort(key=lambda a: (a.published_iso or "", a.id))
        doc: dict[str, Any] = {
            "id": story.id,
            "title": story.title,
            "thread": story.thread,
            "first": story.first.isoformat() if story.first else None,
            "last": story.last.isoformat() if story.last else None,
            "outlets": list(story.outlets),
            # every source counted once, an article without a known outlet as its own (#21)
            "outlet_count": len({article_label(a) for a in members}),
            "articles": [article_ref(a) for a in members],
        }
        doc.update(compare_story(members, extractions, framing_articles=thread, claims=claims))
        # the title never states a disputed figure as fact (#16)
        doc["title"] = undisputed_title(
            story.title, [a.title for a in members], doc["conflicts"], doc["summary"]
        )
        out.append(doc)
    return out


def process_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """A pool of ``workers`` processes for the per-article stages.

    Workers are spawned, not forked: the parent holds a DuckDB connection and threads that a
    fork would copy in an undefined state. They exit when the parent dies, even a ``kill -9``
    of it in the middle of their work (#18); see :func:`_start_worker`.
    """
    import multiprocessing

    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _start_worker(parent: int) -> None:
    """Worker start-up: die with the parent, and use one BLAS thread (so N workers use N
    cores, not N x cores)."""
    _exit_with_parent(parent)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _exit_with_parent(parent: int) -> None:
    """Make this worker exit as soon as process ``parent`` (its parent) is gone.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``), which
    stops a worker busy in native code too. The signal comes when the thread that started
    the worker ends: ``ProcessPoolExecutor`` starts spawned workers in the thread that
    submits work, so a pool is fed from one thread that outlives it (as everywhere here).
    Elsewhere, and as a second line, a thread waits on the parent's sentinel (readable once
    the parent is gone) and exits the process.
    """
    import multiprocessing
    import threading

    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc or no prctl: the thread below remains
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    process = multiprocessing.parent_process()
    if process is None or process.sentinel is None:
        return

    def watch(sentinel: int) -> None:
        from multiprocessing.connection import wait

        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, args=(process.sentinel,), daemon=True).start()


def analyze(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    config: IngestConfig | None = None,
    executor: Executor | None = None,
    timings: dict[str, float] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[IngestReport, list[dict[str, Any]]]:
    """The whole pipeline: ingest, cluster, extract and compare; return the stories.json objects.

    With an ``executor`` the per-article stages (reading and cleaning, extraction) run on
    its workers; clustering and comparison run here over the merged results.
    ``on_progress`` is called with the number of files ingested, as :func:`ingest` does.
    """
    report = ingest(
        paths, store, config=config, executor=executor, timings=timings, on_progress=on_progress
    )
    clock = _Clock(timings)
    spent = {"cluster": 0.0}

    def cluster() -> None:
        t = time.perf_counter()
        cluster_store(store)
        spent["cluster"] = clock.add("cluster", t) - t

    t0 = time.perf_counter()
    # Clustering runs here while the workers extract the first chunks (it needs no
    # extraction); without workers it simply runs first.
    extract_store(store, executor=executor, meanwhile=cluster)
    clock.add("extract", t0, nested=spent["cluster"])
    t0 = time.perf_counter()
    docs = compare_store(store, executor=executor)
    clock.add("compare", t0)
    return report, docs
