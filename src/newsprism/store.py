"""The DuckDB store: the only module that talks to the database.

Schema changes are named, ordered migrations recorded in ``schema_migrations``. Every write
is one transaction per batch: a failure (or a killed process) rolls the batch back and
leaves what was stored before untouched.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from newsprism.errors import StoreError
from newsprism.model import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    OffsetMap,
    Quantity,
    Quote,
    Signature,
    Story,
)

__all__ = ["Store", "MIGRATIONS", "DEFAULT_DB"]

log = logging.getLogger(__name__)

DEFAULT_DB = "newsprism.duckdb"


def _m0001_articles(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            source_path VARCHAR NOT NULL,
            record INTEGER,
            format VARCHAR NOT NULL,
            content_sha VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            published VARCHAR,
            outlet VARCHAR,
            author VARCHAR,
            language VARCHAR,
            text VARCHAR NOT NULL,
            captions JSON,
            offsets JSON,
            raw VARCHAR,
            duplicate_of VARCHAR,
            duplicate_kind VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )
        """
    )
    con.execute(
        """
        CREATE TABLE signatures (
            article_id VARCHAR PRIMARY KEY,
            outlet VARCHAR,
            text_sha VARCHAR NOT NULL,
            minhash BLOB NOT NULL,
            duplicate_of VARCHAR
        )
        """
    )


def _m0002_story_documents(con: duckdb.DuckDBPyConnection) -> None:
    # The per-story analysis exactly as exported in stories.json, for the report and web app.
    con.execute(
        """
        CREATE TABLE story_documents (
            id VARCHAR PRIMARY KEY,
            thread VARCHAR,
            position INTEGER NOT NULL,
            doc JSON NOT NULL
        )
        """
    )


def _m0003_stories_extractions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            position INTEGER NOT NULL,
            title VARCHAR,
            thread VARCHAR,
            first VARCHAR,
            last VARCHAR,
            outlets JSON,
            articles JSON NOT NULL
        )
        """
    )
    con.execute(
        "CREATE TABLE story_articles (article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL)"
    )
    # The online clusterer's whole state, so the next run places new articles incrementally.
    con.execute("CREATE TABLE cluster_state (id INTEGER PRIMARY KEY, state JSON NOT NULL)")
    con.execute("CREATE TABLE extractions (article_id VARCHAR PRIMARY KEY, doc JSON NOT NULL)")


def _m0004_claims(con: duckdb.DuckDBPyConnection) -> None:
    # The aligned claims of each story (#16): sentences of two or more independent outlets
    # that state one fact, with character offsets into each article's cleaned text.
    con.execute(
        """
        CREATE TABLE claims (
            story_id VARCHAR NOT NULL,
            grp INTEGER NOT NULL,
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL
        )
        """
    )


MIGRATIONS: list[tuple[str, Callable[[duckdb.DuckDBPyConnection], None]]] = [
    ("0001_articles", _m0001_articles),
    ("0002_story_documents", _m0002_story_documents),
    ("0003_stories_extractions", _m0003_stories_extractions),
    ("0004_claims", _m0004_claims),
]

_ARTICLE_COLUMNS = (
    "id",
    "seq",
    "source_path",
    "record",
    "format",
    "content_sha",
    "title",
    "url",
    "published",
    "outlet",
    "author",
    "language",
    "text",
    "captions",
    "offsets",
    "raw",
    "duplicate_of",
    "duplicate_kind",
)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso(value: str | None) -> datetime | date | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


class Store:
    """A newsprism database: ``Store("x.duckdb")`` or ``Store(":memory:")`` for tests."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e
        if not read_only:
            self.migrate()

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log)."""
        try:
            self.con.close()
        except duckdb.Error:  # already closed
            pass

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; return the names applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                fn(self.con)
                self.con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
            applied.append(name)
            log.debug("applied migration %s", name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [
            r[0]
            for r in self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        ]

    class _Transaction:
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def __enter__(self) -> None:
            self.con.execute("BEGIN TRANSACTION")

        def __exit__(self, exc_type: object, *rest: object) -> None:
            if exc_type is None:
                self.con.execute("COMMIT")
            else:
                self.con.execute("ROLLBACK")

    def transaction(self) -> Store._Transaction:
        """Context manager: commit on success, roll back on any exception."""
        return Store._Transaction(self.con)

    # ------------------------------------------------------------------ articles

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def add_articles(
        self, articles: Sequence[Article], signatures: Sequence[Signature] = ()
    ) -> int:
        """Store ``articles`` (and their dedupe signatures) in one transaction; return the count."""
        if not articles:
            return 0
        with self.transaction():
            seq0 = self._scalar("SELECT coalesce(max(seq), 0) FROM articles")
            rows = [
                (
                    a.id,
                    seq0 + i + 1,
                    a.source_path,
                    a.record,
                    a.format,
                    a.content_sha,
                    a.title,
                    a.url,
                    _iso(a.published),
                    a.outlet,
                    a.author,
                    a.language,
                    a.text,
                    json.dumps(list(a.captions), ensure_ascii=False),
                    json.dumps(a.offsets.to_list()),
                    a.raw,
                    a.duplicate_of,
                    a.duplicate_kind,
                )
                for i, a in enumerate(articles)
            ]
            placeholders = ", ".join("?" for _ in _ARTICLE_COLUMNS)
            self.con.executemany(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({placeholders})",
                rows,
            )
            if signatures:
                self.con.executemany(
                    "INSERT INTO signatures VALUES (?, ?, ?, ?, ?)",
                    [
                        (
                            s.article_id,
                            s.outlet,
                            s.text_sha,
                            np.asarray(s.minhash, dtype=np.uint64).tobytes(),
                            s.duplicate_of,
                        )
                        for s in signatures
                    ],
                )
        return len(rows)

    def signatures(self) -> Iterator[Signature]:
        """Every stored dedupe signature (for the de-duplicator to start from)."""
        cur = self.con.execute(
            "SELECT s.article_id, s.outlet, s.text_sha, s.minhash, s.duplicate_of "
            "FROM signatures s JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
        )
        while rows := cur.fetchmany(1000):
            for aid, outlet, sha, blob, dup in rows:
                yield Signature(aid, outlet, sha, np.frombuffer(blob, dtype=np.uint64).copy(), dup)

    def count_articles(self) -> int:
        """Number of stored articles (duplicates included)."""
        return int(self._scalar("SELECT count(*) FROM articles"))

    def _scalar(self, sql: str) -> Any:
        """The one value a query that always returns one row gives."""
        row = self.con.execute(sql).fetchone()
        assert row is not None, sql
        return row[0]

    def articles(
        self,
        *,
        ids: Iterable[str] | None = None,
        include_raw: bool = False,
        include_duplicates: bool = True,
    ) -> Iterator[Article]:
        """Stored articles in ingest order (optionally only ``ids``)."""
        cols = [c for c in _ARTICLE_COLUMNS if include_raw or c != "raw"]
        sql = f"SELECT {', '.join(cols)} FROM articles"
        where, params = [], []
        if ids is not None:
            where.append("id IN (SELECT unnest(?))")
            params.append(list(ids))
        if not include_duplicates:
            where.append("duplicate_of IS NULL")
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.con.execute(sql + " ORDER BY seq", params)
        while rows := cur.fetchmany(500):
            for row in rows:
                yield self._article(dict(zip(cols, row, strict=True)))

    def article(self, article_id: str, *, include_raw: bool = True) -> Article | None:
        """One article by id, or None."""
        return next(iter(self.articles(ids=[article_id], include_raw=include_raw)), None)

    @staticmethod
    def _article(r: dict[str, Any]) -> Article:
        return Article(
            id=r["id"],
            source_path=r["source_path"],
            text=r["text"],
            record=r["record"],
            format=r["format"],
            title=r["title"],
            url=r["url"],
            published=_parse_iso(r["published"]),
            outlet=r["outlet"],
            author=r["author"],
            language=r["language"],
            captions=tuple(json.loads(r["captions"] or "[]")),
            offsets=OffsetMap.from_list(json.loads(r["offsets"] or "[]")),
            content_sha=r["content_sha"],
            duplicate_of=r["duplicate_of"],
            duplicate_kind=r["duplicate_kind"],
            raw=r.get("raw"),
        )

    # ------------------------------------------------------------------ story documents

    def save_story_documents(self, docs: Sequence[dict[str, Any]]) -> None:
        """Replace the stored per-story analyses (stories.json objects) in one transaction."""
        with self.transaction():
            self.con.execute("DELETE FROM story_documents")
            if docs:
                self.con.executemany(
                    "INSERT INTO story_documents VALUES (?, ?, ?, ?)",
                    [
                        (
                            d["id"],
                            d.get("thread"),
                            i,
                            json.dumps(d, ensure_ascii=False, default=str),
                        )
                        for i, d in enumerate(docs)
                    ],
                )
            self.con.execute("DELETE FROM claims")
            rows = [
                (d["id"], c["group"], c["article"], c["start"], c["end"], c["text"])
                for d in docs
                for c in d.get("claims", ())
            ]
            if rows:
                self.con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)", rows)

    def claims(self, story_id: str) -> list[dict[str, Any]]:
        """The aligned claims of one story: ``{group, article, start, end, text}``."""
        rows = self.con.execute(
            "SELECT grp, article_id, start_char, end_char, text FROM claims "
            "WHERE story_id = ? ORDER BY grp, article_id, start_char",
            [story_id],
        ).fetchall()
        keys = ("group", "article", "start", "end", "text")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def story_documents(self) -> list[dict[str, Any]]:
        """All stored per-story analyses, in their saved order."""
        rows = self.con.execute("SELECT doc FROM story_documents ORDER BY position").fetchall()
        return [json.loads(r[0]) for r in rows]

    def story_document(self, story_id: str) -> dict[str, Any] | None:
        """One per-story analysis by story id, or None."""
        row = self.con.execute(
            "SELECT doc FROM story_documents WHERE id = ?", [story_id]
        ).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------------ stories

    def cluster_state(self) -> dict[str, Any] | None:
        """The saved state of the online clusterer, or None before the first clustering."""
        row = self.con.execute("SELECT state FROM cluster_state WHERE id = 1").fetchone()
        return json.loads(row[0]) if row else None

    def save_clustering(self, state: dict[str, Any], stories: Sequence[Story]) -> None:
        """Replace the clusterer state and the stories in one transaction."""
        with self.transaction():
            self.con.execute("DELETE FROM cluster_state")
            self.con.execute("INSERT INTO cluster_state VALUES (1, ?)", [json.dumps(state)])
            self.con.execute("DELETE FROM stories")
            self.con.execute("DELETE FROM story_articles")
            if stories:
                self.con.executemany(
                    "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            st.id,
                            i,
                            st.title,
                            st.thread,
                            _iso(st.first),
                            _iso(st.last),
                            json.dumps(list(st.outlets), ensure_ascii=False),
                            json.dumps(list(st.articles)),
                        )
                        for i, st in enumerate(stories)
                    ],
                )
                self.con.executemany(
                    "INSERT INTO story_articles VALUES (?, ?)",
                    [(aid, st.id) for st in stories for aid in dict.fromkeys(st.articles)],
                )

    def stories(self) -> list[Story]:
        """Stored stories, largest first."""
        rows = self.con.execute(
            "SELECT id, title, thread, first, last, outlets, articles "
            "FROM stories ORDER BY position"
        ).fetchall()
        return [
            Story(
                id=r[0],
                title=r[1] or "",
                thread=r[2],
                first=_as_date(r[3]),
                last=_as_date(r[4]),
                outlets=tuple(json.loads(r[5] or "[]")),
                articles=tuple(json.loads(r[6])),
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ extractions

    def extracted_ids(self) -> set[str]:
        """Ids of the articles whose extraction is stored."""
        return {r[0] for r in self.con.execute("SELECT article_id FROM extractions").fetchall()}

    def unextracted_ids(self) -> list[str]:
        """Ids of the original articles (not copies) with no stored extraction, in ingest order."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE duplicate_of IS NULL AND id NOT IN "
            "(SELECT article_id FROM extractions) ORDER BY seq"
        ).fetchall()
        return [r[0] for r in rows]

    def save_extractions(self, extractions: Sequence[Extraction]) -> None:
        """Store (or replace) per-article extractions in one transaction."""
        if not extractions:
            return
        with self.transaction():
            self.con.executemany(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?)",
                [
                    (ex.article_id, json.dumps(_extraction_json(ex), ensure_ascii=False))
                    for ex in extractions
                ],
            )

    def iter_extractions(self, batch: int = 500) -> Iterator[Extraction]:
        """Every stored extraction, streamed in the order of :meth:`extractions`.

        Run no other query on this store until the iterator is exhausted.
        """
        cur = self.con.execute("SELECT article_id, doc FROM extractions")
        while rows := cur.fetchmany(batch):
            for aid, doc in rows:
                yield _extraction_from_json(aid, json.loads(doc))

    def extractions(self, ids: Iterable[str] | None = None) -> dict[str, Extraction]:
        """Stored extractions by article id (optionally only ``ids``)."""
        sql, params = "SELECT article_id, doc FROM extractions", []
        if ids is not None:
            sql += " WHERE article_id IN (SELECT unnest(?))"
            params.append(list(ids))
        return {
            aid: _extraction_from_json(aid, json.loads(doc))
            for aid, doc in self.con.execute(sql, params).fetchall()
        }


def _as_date(value: str | None) -> date | None:
    parsed = _parse_iso(value)
    return parsed.date() if isinstance(parsed, datetime) else parsed


_PARTS: dict[str, type] = {
    "entities": Entity,
    "quotes": Quote,
    "dates": DateMention,
    "quantities": Quantity,
    "events": Event,
}


def _extraction_json(ex: Extraction) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        part: [
            {k: v for k, v in asdict(item).items() if k != "article_id"}
            for item in getattr(ex, part)
        ]
        for part in _PARTS
    } | {"sentences": [list(span) for span in ex.sentences]}


def _extraction_from_json(article_id: str, doc: dict[str, Any]) -> Extraction:
    return Extraction(
        article_id,
        **{
            part: tuple(cls(article_id=article_id, **item) for item in doc.get(part, []))
            for part, cls in _PARTS.items()
        },
        sentences=tuple((int(a), int(b)) for a, b in doc.get("sentences", [])),
    )
