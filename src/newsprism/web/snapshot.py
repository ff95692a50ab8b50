"""The app's data: a snapshot of the store read in one go, reloaded when the file changes."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import StoreError
from newsprism.model import Article
from newsprism.store import Store
from newsprism.views import (
    UNKNOWN_OUTLET,
    article_label,
    cited_ids,
    index_view,
    story_view,
    thread_views,
    unique_slugs,
)
from newsprism.web.entities import FACET_ENTITIES, entity_groups, facet_name, fold

__all__ = ["RELOAD_CHECK_SECONDS", "Repository", "Snapshot"]

log = logging.getLogger(__name__)

RELOAD_CHECK_SECONDS = 1.0


@dataclass
class Snapshot:
    """Everything the app serves, read from the store in one go."""

    docs: list[dict[str, Any]]
    articles: dict[str, Article]
    # article id -> names of the entities it mentions (from the extraction stage)
    mentions: dict[str, list[str]] = field(default_factory=dict)
    by_slug: dict[str, dict[str, Any]] = field(default_factory=dict)
    cards: list[dict[str, Any]] = field(default_factory=list)
    # A story's members are its own articles (the document's "articles"); articles it
    # only cites (a thread's, for a word choice) are not members and never make a
    # filter match it (#21 item 2). ``story_cited`` holds every article its page needs.
    story_articles: dict[str, list[str]] = field(default_factory=dict)
    story_cited: dict[str, list[str]] = field(default_factory=dict)
    article_stories: dict[str, list[str]] = field(default_factory=dict)
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    thread_of: dict[str, str] = field(default_factory=dict)
    lower: dict[str, str] = field(default_factory=dict)
    entity_index: list[tuple[str, list[str], set[str]]] = field(default_factory=list)
    pages: dict[Any, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.cards = index_view(self.docs)
        unique_slugs(self.cards)
        for doc, card in zip(self.docs, self.cards, strict=True):
            slug = card["slug"]
            self.by_slug[slug] = doc
            own: list[str] = []
            for entry in doc.get("articles") or []:
                aid = str(entry.get("id") or "") if isinstance(entry, dict) else ""
                if aid in self.articles and aid not in own:
                    own.append(aid)
            self.story_articles[slug] = own
            self.story_cited[slug] = sorted(
                {a for a in cited_ids(doc) if a in self.articles} | set(own)
            )
            for aid in own:
                self.article_stories.setdefault(aid, []).append(slug)
        for thread in thread_views(self.docs, self.cards).values():
            self.threads[thread["slug"]] = thread
            for card in thread["stories"]:
                self.thread_of[card["slug"]] = thread["slug"]
        for a in self.articles.values():
            self.lower[a.id] = fold(" ".join(filter(None, [a.title, a.outlet, a.text])))
        spellings = [
            [str(fr.get("referent") or ""), *fr.get("terms", {})]
            for doc in self.docs
            for fr in doc.get("framing") or []
            if isinstance(fr, dict)
            and fr.get("kind") == "spelling"
            and isinstance(fr.get("terms"), dict)
        ]
        self.entity_index = entity_groups(self.mentions, spellings)

    def cached(self, key: Any, make: Callable[[], Any]) -> Any:
        """Memoise one rendered page or view for the life of this snapshot."""
        try:
            return self.pages[key]
        except KeyError:
            pass
        value = make()
        with self.lock:
            if len(self.pages) > 2048:
                self.pages.clear()
            self.pages[key] = value
        return value

    def view(self, slug: str) -> dict[str, Any]:
        doc = self.by_slug[slug]
        arts = {a: self.articles[a] for a in self.story_cited[slug]}

        def make() -> dict[str, Any]:
            v = story_view(doc, arts)
            v["slug"] = slug
            return v

        view: dict[str, Any] = self.cached(("view", slug), make)
        return view

    def thread(self, slug: str) -> dict[str, Any] | None:
        """The thread of the story ``slug``, when it has two or more stories."""
        key = self.thread_of.get(slug)
        return self.threads.get(key) if key else None

    def outlets(self) -> list[str]:
        """Outlet labels to filter by; "unknown outlet" stands for every unlabelled file."""
        names = {article_label(a) for a in self.articles.values()}
        known = sorted((n for n in names if not n.startswith(UNKNOWN_OUTLET)), key=str.lower)
        unknown = sorted(n for n in names if n.startswith(UNKNOWN_OUTLET))
        return known + ([UNKNOWN_OUTLET] if unknown else []) + unknown

    def entities(self) -> list[str]:
        """Names worth filtering by: named entities of the articles, spelling variants
        merged, most-mentioned first (#21 item 4)."""
        return [shown for shown, _, _ in self.entity_index[:FACET_ENTITIES]]

    def entity_spellings(self, name: str) -> tuple[list[str], set[str]]:
        """Every spelling of the entity ``name`` names, and the articles mentioning it."""
        key = fold(name.strip())
        for _, spellings, ids in self.entity_index:
            if any(fold(s) == key for s in spellings):
                return spellings, ids
        return [name], set()


class Repository:
    """Loads a snapshot of the store, and again whenever the database file changes."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._snapshot: Snapshot | None = None
        self._signature: tuple[Any, ...] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def _file_signature(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for path in (self.db_path, self.db_path + ".wal"):
            try:
                st = os.stat(path)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self) -> Snapshot:
        now = time.monotonic()
        snap = self._snapshot
        if snap is not None and now - self._checked < RELOAD_CHECK_SECONDS:
            return snap
        with self._lock:
            signature = self._file_signature()
            if self._snapshot is None or signature != self._signature:
                try:
                    self._snapshot = self._load()
                    self._signature = signature
                except StoreError:
                    if self._snapshot is None:
                        raise
                    log.warning("store %s not readable; serving the last snapshot", self.db_path)
            self._checked = now
            return self._snapshot

    def _load(self) -> Snapshot:
        if not Path(self.db_path).is_file():
            raise StoreError(f"no store at {self.db_path} (run `newsprism analyze` first)")
        with Store(self.db_path, read_only=True) as store:
            try:
                docs = store.story_documents()
            except Exception as e:  # an older store without the story_documents table
                log.warning("no story documents in %s: %s", self.db_path, e)
                docs = []
            articles = {a.id: a for a in store.articles()}
            mentions: dict[str, list[str]] = {}
            try:
                for ex in store.iter_extractions():
                    mentions[ex.article_id] = [
                        e.canonical or e.text
                        for e in ex.entities
                        if facet_name(e.canonical or e.text, e.label)
                    ]
            except Exception as e:  # an older store without extractions
                log.warning("no extractions in %s: %s", self.db_path, e)
        log.info("loaded %d stories, %d articles from %s", len(docs), len(articles), self.db_path)
        return Snapshot(docs=docs, articles=articles, mentions=mentions)
