"""The pipeline: ingest → clean → dedupe → store, then the later stages over the store.

``ingest`` streams inputs in batches; each batch is cleaned, linked to earlier copies and
written in one transaction, so a crash loses at most the batch in flight and a re-run
completes the job without duplicating anything.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsprism.clean import (
    DEFAULT_CLEAN,
    CleanConfig,
    article_id,
    clean_document,
    clean_documents,
    outlet_key,
    recurring_lines,
)
from newsprism.dedupe import DEFAULT_DEDUPE, DedupeConfig, Deduper
from newsprism.ingest import IngestConfig, read_paths
from newsprism.model import Article, Extraction, IngestFailure, RawDocument, Story
from newsprism.store import Store

__all__ = [
    "IngestReport",
    "ingest",
    "cluster_store",
    "extract_store",
    "compare_store",
    "analyze",
    "article_to_dict",
    "article_ref",
    "STAGES",
    "register_stage",
]

log = logging.getLogger(__name__)

# Stages by versioned name, registered the way a plugin would register its own (#2).
STAGES: dict[str, Callable[..., Any]] = {}


def register_stage(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: make a stage function available under a versioned name."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        STAGES[name] = fn
        return fn

    return deco


register_stage("newsprism.read.v1")(read_paths)
register_stage("newsprism.clean.v1")(clean_documents)


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


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    config: IngestConfig | None = None,
    clean_config: CleanConfig = DEFAULT_CLEAN,
    dedupe_config: DedupeConfig = DEFAULT_DEDUPE,
    batch_size: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read, clean, de-duplicate and store everything under ``paths``; never stop on bad input."""
    batch_size = batch_size or int(os.environ.get("NEWSPRISM_BATCH_SIZE", "64"))
    report = IngestReport()
    deduper = Deduper(store.signatures(), config=dedupe_config)
    for docs, fails in _batches(read_paths(paths, config=config), batch_size):
        report.failures.extend(fails)
        known = store.known_ids([article_id(d) for d in docs])
        fresh = [d for d in docs if article_id(d) not in known]
        report.already_stored.extend(article_id(d) for d in docs if article_id(d) in known)
        cleaned: list[Article] = []
        seen_ids: set[str] = set()
        recurring = recurring_lines(fresh, max_words=clean_config.recurring_max_words)
        for doc in fresh:
            try:
                article = clean_document(
                    doc,
                    recurring=recurring.get(outlet_key(doc) or "", frozenset()),
                    config=clean_config,
                )
            except Exception as e:  # one bad document must not stop the batch (#2)
                log.exception("cleaning failed for %s", doc.source_path)
                report.failures.append(
                    IngestFailure(
                        doc.source_path, f"cannot clean this document ({e!r})", doc.record
                    )
                )
                continue
            if article.id in seen_ids:  # the same record listed twice in one run
                report.already_stored.append(article.id)
                continue
            seen_ids.add(article.id)
            if not article.text.strip():
                report.failures.append(
                    IngestFailure(
                        article.source_path, "no article text left after cleaning", article.record
                    )
                )
                continue
            cleaned.append(article)
        linked = list(deduper.link_all(cleaned))
        store.add_articles([a for a, _ in linked], [s for _, s in linked])
        for a, _ in linked:
            if a.duplicate_of:
                report.duplicates.append((a.id, a.duplicate_of, a.duplicate_kind or "near"))
            else:
                report.ingested.append(a.id)
        log.info("batch committed: %d articles", len(linked))
        if on_progress:
            on_progress(len(docs) + len(fails))
    return report


def article_to_dict(article: Article, *, text: bool = True) -> dict[str, Any]:
    """The JSON form of an article used by ``articles --json`` and ``articles.json``."""
    out: dict[str, Any] = {
        "id": article.id,
        "source_path": article.source_path,
        "record": article.record,
        "outlet": article.outlet,
        "published": article.published_iso,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "author": article.author,
        "duplicate_of": article.duplicate_of,
        "duplicate_kind": article.duplicate_kind,
        "captions": list(article.captions),
    }
    if text:
        out["text"] = article.text
    return out


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
    stories = clusterer.stories()
    store.save_clustering(clusterer.to_state(), stories)
    log.info("clustered %d new articles into %d stories", len(pending), len(stories))
    return stories


def extract_store(store: Store, *, batch_size: int = 16) -> int:
    """Extract entities, quotes, dates, quantities and events for articles not yet extracted.

    Copies (``duplicate_of``) are skipped: the comparison counts their original once.
    """
    from newsprism.extract import extract

    done = store.extracted_ids()
    todo = [a for a in store.articles(include_duplicates=False) if a.id not in done]
    batch: list[Extraction] = []
    for ex in extract(todo, batch_size=batch_size):
        batch.append(ex)
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


def compare_store(store: Store) -> list[dict[str, Any]]:
    """Compare the outlets of every story; store and return the stories.json objects."""
    from newsprism.compare import compare_story
    from newsprism.extract import canonicalize_extractions

    stories = store.stories()
    articles = {a.id: a for a in store.articles()}
    extractions = {
        ex.article_id: ex for ex in canonicalize_extractions(store.extractions().values())
    }
    by_thread: dict[str | None, list[Article]] = {}
    for story in stories:
        by_thread.setdefault(story.thread, []).extend(
            articles[i] for i in story.articles if i in articles
        )
    docs = []
    for story in stories:
        members = [articles[i] for i in story.articles if i in articles]
        members.sort(key=lambda a: (a.published_iso or "", a.id))
        doc: dict[str, Any] = {
            "id": story.id,
            "title": story.title,
            "thread": story.thread,
            "first": story.first.isoformat() if story.first else None,
            "last": story.last.isoformat() if story.last else None,
            "outlets": list(story.outlets),
            "articles": [article_ref(a) for a in members],
        }
        doc.update(
            compare_story(
                members, extractions, framing_articles=by_thread.get(story.thread, members)
            )
        )
        docs.append(doc)
    store.save_story_documents(docs)
    return docs


def analyze(
    paths: Iterable[str | os.PathLike[str]], store: Store, *, config: IngestConfig | None = None
) -> tuple[IngestReport, list[dict[str, Any]]]:
    """The whole pipeline: ingest, cluster, extract and compare; return the stories.json objects."""
    report = ingest(paths, store, config=config)
    cluster_store(store)
    extract_store(store)
    return report, compare_store(store)
