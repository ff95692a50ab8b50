"""FastAPI app serving stories and articles from a newsprism store, as HTML and JSON (#6).

Every HTML page has a JSON twin under ``/api``; every error has one JSON shape::

    {"error": {"status": 404, "title": "Not Found", "detail": "...", "errors": []}}

(browsers asking for an HTML page get the same message as a page). The store is opened
read-only and only while a snapshot is loaded; the app reloads it when the database file
changes, so ``newsprism analyze`` can write to it while the app runs.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.errors import StoreError
from newsprism.model import Article
from newsprism.report import (
    UNKNOWN_OUTLET,
    LinkStyle,
    article_label,
    cited_ids,
    content_security_policy,
    format_date,
    index_view,
    render_page,
    render_story,
    render_thread,
    safe_id,
    safe_url,
    story_view,
    thread_views,
)
from newsprism.store import Store

__all__ = ["create_app", "run", "MAX_BODY", "MAX_URL"]

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024  # bytes: the app only reads; no route takes a body
MAX_URL = 4096  # bytes of path + query string
RELOAD_CHECK_SECONDS = 1.0

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

Q = Annotated[str | None, Query(max_length=200, description="Words to search for")]
OutletQ = Annotated[str | None, Query(max_length=200, description="Only this outlet")]
EntityQ = Annotated[
    str | None, Query(max_length=100, description="Only items mentioning this name")
]
# Dates arrive as text so that an empty form field ("date_from=") means "no filter".
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
DateFrom = Annotated[
    str | None, Query(pattern=_DATE, description="Published on or after (YYYY-MM-DD)")
]
DateTo = Annotated[
    str | None, Query(pattern=_DATE, description="Published on or before (YYYY-MM-DD)")
]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]

LINKS = LinkStyle(
    index="/",
    story=lambda slug: "/stories/" + quote(slug, safe=""),
    article=lambda aid: "/articles/" + quote(aid, safe=""),
    search="/search",
    json=lambda slug: "/api/stories/" + quote(slug, safe=""),
    static=False,
    thread=lambda slug: "/threads/" + quote(slug, safe=""),
    thread_json=lambda slug: "/api/threads/" + quote(slug, safe=""),
)

_WORDS = re.compile(r"\w+", re.UNICODE)
# Entity labels worth a facet: people, organisations, places, groups (#21 item 4).
_FACET_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
FACET_ENTITIES = 50


def _fold(text: str) -> str:
    """Lower case without accents, so "Élysée" and "Elysee" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _variant_of(a: str, b: str) -> bool:
    """Whether two folded names are spelling variants ("sergey lavrov", "sergei lavrov"):
    the same number of words, each equal or nearly so, and nearly equal overall."""
    import difflib

    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return a == b
    for x, y in zip(wa, wb, strict=True):
        if x == y:
            continue
        if x[:1] != y[:1] or min(len(x), len(y)) < 5:
            return False
        if difflib.SequenceMatcher(a=x, b=y).ratio() < 0.8:
            return False
    return difflib.SequenceMatcher(a=a, b=b).ratio() >= 0.9


def entity_groups(
    mentions: Mapping[str, Iterable[str]], spellings: Iterable[Iterable[str]] = ()
) -> list[tuple[str, list[str], set[str]]]:
    """Named entities grouped with their spelling variants, most-mentioned first.

    ``mentions`` maps an article id to the entity names it mentions; ``spellings`` are
    sets of names known to be one thing (the framing stage's spelling groups). Returns
    ``(shown name, all spellings, article ids)`` per entity.
    """
    forms: dict[str, Counter[str]] = {}
    where: dict[str, set[str]] = {}
    for aid, names in mentions.items():
        for name in set(names):
            key = _fold(name)
            forms.setdefault(key, Counter())[name] += 1
            where.setdefault(key, set()).add(aid)
    parent = {k: k for k in forms}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for group in spellings:
        keys = [k for k in (_fold(n) for n in group) if k in parent]
        for k in keys[1:]:
            union(keys[0], k)
    by_words: dict[tuple[int, str], list[str]] = {}
    for k in forms:  # only names of as many words, starting alike, can be variants
        by_words.setdefault((len(k.split()), k[:1]), []).append(k)
    for keys in by_words.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if _variant_of(a, b):
                    union(a, b)
    merged: dict[str, list[str]] = {}
    for k in forms:
        merged.setdefault(find(k), []).append(k)
    out = []
    for keys in merged.values():
        spelled: Counter[str] = Counter()
        ids: set[str] = set()
        for k in keys:
            spelled.update(forms[k])
            ids |= where[k]
        # The most used spelling; on a tie, the one with accents (usually the proper one).
        shown = max(spelled, key=lambda n: (spelled[n], not n.isascii(), n))
        out.append((shown, sorted(spelled), ids))
    out.sort(key=lambda g: (-len(g[2]), g[0]))
    return out


def _facet_name(name: str, label: str) -> bool:
    """A named entity worth offering as a filter: a proper name, not "his top diplomat"."""
    text = name.strip()
    return (
        label in _FACET_LABELS
        and len(text) >= 2
        and text[:1].isupper()
        and any(c.isalpha() for c in text)
        and all(
            w[:1].isupper() or not w[:1].isalpha() or w in _NAME_PARTICLES for w in text.split()
        )
    )


_NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "of",
        "al",
        "bin",
        "the",
        "and",
        "for",
    }
)


# ---------------------------------------------------------------------------- data


@dataclass
class _Snapshot:
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
        for doc, card in zip(self.docs, self.cards, strict=True):
            slug = card["slug"]
            while slug in self.by_slug:
                slug = safe_id(slug + "~")
            card["slug"] = slug
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
            self.lower[a.id] = _fold(" ".join(filter(None, [a.title, a.outlet, a.text])))
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

        return self.cached(("view", slug), make)  # type: ignore[no-any-return]

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
        key = _fold(name.strip())
        for _, spellings, ids in self.entity_index:
            if any(_fold(s) == key for s in spellings):
                return spellings, ids
        return [name], set()


class _Repository:
    """Loads a snapshot of the store, and again whenever the database file changes."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._snapshot: _Snapshot | None = None
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

    def get(self) -> _Snapshot:
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

    def _load(self) -> _Snapshot:
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
                        if _facet_name(e.canonical or e.text, e.label)
                    ]
            except Exception as e:  # an older store without extractions
                log.warning("no extractions in %s: %s", self.db_path, e)
        log.info("loaded %d stories, %d articles from %s", len(docs), len(articles), self.db_path)
        return _Snapshot(docs=docs, articles=articles, mentions=mentions)


# ---------------------------------------------------------------------------- search


def _terms(q: str | None) -> list[str]:
    return [_fold(w) for w in _WORDS.findall(q or "")][:12]


def _contains_name(haystack: str, name: str) -> bool:
    name = name.strip().lower()
    if not name:
        return True
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", haystack) is not None


def _score(haystack: str, title: str, terms: list[str]) -> int:
    if not terms:
        return 1
    score = 0
    for t in terms:
        n = haystack.count(t)
        if n == 0:
            return 0
        score += n + 5 * title.count(t)
    return score


def _snippet(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first hit, split into (text, is_hit) pieces."""
    low = text.lower()
    hits = [low.find(t) for t in terms if t and low.find(t) >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    window = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    if not terms:
        return [(prefix + window + suffix, False)]
    pattern = re.compile("|".join(re.escape(t) for t in terms if t), re.IGNORECASE)
    out: list[tuple[str, bool]] = [(prefix, False)] if prefix else []
    pos = 0
    for m in pattern.finditer(window):
        if m.start() > pos:
            out.append((window[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    out.append((window[pos:] + suffix, False))
    return out


def _article_date(a: Article) -> date | None:
    return a.published_date


def _article_json(a: Article, *, text: bool, stories: Iterable[str] = ()) -> dict[str, Any]:
    from newsprism.pipeline import article_to_dict

    out = article_to_dict(a, text=text)
    out["label"] = article_label(a)
    out["url_safe"] = safe_url(a.url) is not None
    out["stories"] = list(stories)
    out["links"] = {"html": LINKS.article(a.id) if LINKS.article else None}
    return out


def _day(value: str | date | None, name: str) -> date | None:
    if not value or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": f"not a date: {e}", "type": "value_error"}]
        ) from e


@dataclass(frozen=True)
class _Filters:
    q: str | None = None
    outlet: str | None = None
    entity: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def make(
        cls,
        q: str | None = None,
        outlet: str | None = None,
        entity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> _Filters:
        """Filters from query parameters; an empty (or blank) field means no filter."""
        return cls(
            (q or "").strip() or None,
            (outlet or "").strip() or None,
            (entity or "").strip() or None,
            _day(date_from, "date_from"),
            _day(date_to, "date_to"),
        )

    def active(self) -> bool:
        return any([self.q, self.outlet, self.entity, self.date_from, self.date_to])

    def _outlet_ok(self, a: Article) -> bool:
        want = (self.outlet or "").lower()
        label = article_label(a)
        if want == UNKNOWN_OUTLET:
            return label.startswith(UNKNOWN_OUTLET)
        return label.lower() == want or (a.outlet or "").strip().lower() == want

    def article_ok(self, snap: _Snapshot, a: Article, entity: _EntityMatch | None) -> bool:
        if self.outlet and not self._outlet_ok(a):
            return False
        d = _article_date(a)
        if self.date_from and (d is None or d < self.date_from):
            return False
        if self.date_to and (d is None or d > self.date_to):
            return False
        if entity is not None and not entity.matches(snap, a.id):
            return False
        return True

    def _entity(self, snap: _Snapshot) -> _EntityMatch | None:
        if not self.entity:
            return None
        spellings, ids = snap.entity_spellings(self.entity)
        return _EntityMatch([_fold(s) for s in {*spellings, self.entity}], ids)

    def articles(self, snap: _Snapshot) -> list[tuple[int, Article]]:
        terms = _terms(self.q)
        if self.q and not terms:  # a query of no words ("%00") matches nothing (#18)
            return []
        entity = self._entity(snap)
        out = []
        for a in snap.articles.values():
            if not self.article_ok(snap, a, entity):
                continue
            score = _score(snap.lower.get(a.id, ""), _fold(a.title or ""), terms)
            if score:
                out.append((score, a))
        if terms:
            out.sort(key=lambda t: -t[0])
        return out

    def stories(self, snap: _Snapshot) -> list[tuple[int, dict[str, Any]]]:
        """Stories with at least one member article passing the outlet, date and entity
        filters, scored on the story's own analysis and its members' text."""
        terms = _terms(self.q)
        if self.q and not terms:
            return []
        entity = self._entity(snap)
        out = []
        for card in snap.cards:
            slug = card["slug"]
            arts = [snap.articles[a] for a in snap.story_articles.get(slug, [])]
            if self.outlet or self.date_from or self.date_to or entity is not None:
                arts = [a for a in arts if self.article_ok(snap, a, entity)]
                if not arts:
                    continue
            if terms:
                hay = _doc_text(snap.by_slug[slug]) + " " + " ".join(snap.lower[a.id] for a in arts)
                score = _score(hay, _fold(card["title"]), terms)
                if not score:
                    continue
            else:
                score = 1
            out.append((score, card))
        if terms:
            out.sort(key=lambda t: -t[0])
        return out


@dataclass(frozen=True)
class _EntityMatch:
    """An entity filter: any of its spellings in an article, or the extractor's mention."""

    spellings: list[str]
    ids: set[str]

    def matches(self, snap: _Snapshot, aid: str) -> bool:
        if aid in self.ids:
            return True
        text = snap.lower.get(aid, "")
        return any(_contains_name(text, s) for s in self.spellings)


def _doc_text(doc: Mapping[str, Any]) -> str:
    parts: list[str] = [str(doc.get("title") or "")]
    for key in ("summary", "timeline", "agreements", "omissions", "exclusives"):
        for item in doc.get(key) or []:
            if isinstance(item, dict):
                parts.append(str(item.get("text") or ""))
    for q in doc.get("quotes") or []:
        if isinstance(q, dict):
            parts += [str(q.get("speaker") or ""), str(q.get("text") or "")]
    for c in doc.get("conflicts") or []:
        if isinstance(c, dict):
            parts.append(str(c.get("subject") or ""))
    # Framing is left out: its terms are learned over the whole thread, so they may come
    # from another story's articles (#21 item 2).
    return _fold(" ".join(parts))


# ---------------------------------------------------------------------------- errors


_TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Too Large",
    414: "URL Too Long",
    422: "Invalid Parameters",
    500: "Internal Server Error",
    503: "Store Unavailable",
}
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def error_body(
    status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The one JSON error shape of every error response."""
    return {
        "error": {
            "status": status,
            "title": _TITLES.get(status, "Error"),
            "detail": detail,
            "errors": errors or [],
        }
    }


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/openapi")) and "text/html" in (
        request.headers.get("accept", "")
    )


def _error_response(
    request: Request, status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> Response:
    headers = {"Allow": "GET, HEAD"} if status == 405 else None
    if _wants_html(request):
        html = render_page(
            "error.html",
            links=LINKS,
            status=status,
            title=_TITLES.get(status, "Error"),
            detail=detail,
            errors=errors or [],
        )
        return HTMLResponse(html, status_code=status, headers=headers)
    return JSONResponse(error_body(status, detail, errors), status_code=status, headers=headers)


async def _raw_error(send: Send, status: int, detail: str) -> None:
    """An error sent before routing (size limits): always the JSON shape."""
    import json

    body = json.dumps(error_body(status, detail)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _Limits:
    """ASGI middleware: bounded URL and body sizes, security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.csp = content_security_policy().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_size = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string") or b""
        )
        if url_size > MAX_URL:
            await _raw_error(send, 414, f"URL longer than {MAX_URL} bytes")
            return
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await _raw_error(send, 400, "invalid Content-Length")
                    return
                if size > MAX_BODY:
                    await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")
                    return
        received = 0
        too_big = False

        async def limited_receive() -> Message:
            nonlocal received, too_big
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    too_big = True
                    raise _BodyTooLarge()
            return message

        started = False
        csp = self.csp
        # HEAD is answered as GET without the body: the routes are GET-only, and the 405
        # said "Allow: GET, HEAD" (#18 item 10).
        head = scope.get("method") == "HEAD"
        if head:
            scope = dict(scope, method="GET")

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names and not scope["path"].startswith(
                    "/openapi"
                ):
                    headers.append((b"content-security-policy", csp))
                headers += [h for h in _SECURITY_HEADERS if h[0] not in names]
                message["headers"] = headers
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")
        if too_big and not started:  # the app swallowed the exception
            await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")


class _BodyTooLarge(Exception):
    pass


# ---------------------------------------------------------------------------- app


def create_app(db_path: str) -> FastAPI:
    """Build the web app over the store at ``db_path`` (opened read-only, reloaded on change)."""
    repo = _Repository(str(db_path))
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories compared across outlets: summaries, timelines, conflicts, "
        "coverage, quotes and framing, with every statement cited to its article.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the app is offline
        redoc_url=None,
    )
    app.state.repository = repo

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        return _error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        where = ", ".join(".".join(e["loc"]) for e in errors) or "request"
        return _error_response(request, 422, f"invalid parameters: {where}", errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error_response(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error_response(request, 500, "the server failed to answer this request")

    def not_found(what: str, key: str) -> StarletteHTTPException:
        shown = key if len(key) <= 80 else key[:80] + "…"
        return StarletteHTTPException(404, f"no {what} with id {shown!r}")

    # ------------------------------------------------------------------ HTML

    @app.get("/", response_class=HTMLResponse, summary="Index of stories (HTML)")
    async def index(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> HTMLResponse:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        if not f.active():
            html = snap.cached(("index",), lambda: _render_index(snap, f, snap.cards))
        else:
            html = _render_index(snap, f, [c for _, c in f.stories(snap)])
        return HTMLResponse(html)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story (HTML)")
    async def story_page(story_id: Annotated[str, _path_id()]) -> HTMLResponse:
        snap = repo.get()
        slug = _slug(snap, story_id)
        if slug is None:
            raise not_found("story", story_id)
        html = snap.cached(
            ("story", slug),
            lambda: render_story(snap.view(slug), links=LINKS, thread=snap.thread(slug)),
        )
        return HTMLResponse(html)

    @app.get("/threads/{thread_id}", response_class=HTMLResponse, summary="One thread (HTML)")
    async def thread_page(thread_id: Annotated[str, _path_id()]) -> HTMLResponse:
        snap = repo.get()
        key = _thread_key(snap, thread_id)
        if key is None:
            raise not_found("thread", thread_id)
        html = snap.cached(("thread", key), lambda: render_thread(snap.threads[key], links=LINKS))
        return HTMLResponse(html)

    @app.get("/articles", response_class=HTMLResponse, summary="Articles (HTML)")
    async def articles_page(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> HTMLResponse:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        found = f.articles(snap)
        page = found[offset : offset + limit]
        terms = _terms(q)
        return HTMLResponse(
            render_page(
                "articles.html",
                links=LINKS,
                query=q or "",
                filters=f,
                outlets=snap.outlets(),
                entities=snap.entities(),
                total=len(found),
                offset=offset,
                limit=limit,
                results=[_article_result(snap, a, terms) for _, a in page],
                prev_href=_page_href("/articles", f, offset - limit, limit) if offset else None,
                next_href=(
                    _page_href("/articles", f, offset + limit, limit)
                    if offset + limit < len(found)
                    else None
                ),
            )
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article (HTML)")
    async def article_page(article_id: Annotated[str, _path_id()]) -> HTMLResponse:
        snap = repo.get()
        a = snap.articles.get(article_id)
        if a is None:
            raise not_found("article", article_id)
        html = snap.cached(("article", a.id), lambda: _render_article(snap, a))
        return HTMLResponse(html)

    @app.get("/search", response_class=HTMLResponse, summary="Search stories and articles (HTML)")
    async def search_page(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> HTMLResponse:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        result = _search(snap, f, limit=50)
        return HTMLResponse(
            render_page(
                "search.html",
                links=LINKS,
                query=q or "",
                filters=f,
                outlets=snap.outlets(),
                entities=snap.entities(),
                **result,
            )
        )

    # ------------------------------------------------------------------ JSON

    @app.get("/api", summary="Index of the JSON API")
    async def api_index() -> dict[str, Any]:
        return {
            "name": "newsprism",
            "version": __version__,
            "openapi": "/openapi.json",
            "endpoints": {
                "stories": "/api/stories",
                "story": "/api/stories/{story_id}",
                "articles": "/api/articles",
                "article": "/api/articles/{article_id}",
                "thread": "/api/threads/{thread_id}",
                "search": "/api/search?q=...",
            },
        }

    @app.get("/api/stories", summary="Stories (JSON twin of /)")
    async def api_stories(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> Response:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        if not f.active():
            return _cached_json(
                snap,
                "stories",
                lambda: {"count": len(snap.cards), "stories": [_card_json(c) for c in snap.cards]},
            )
        cards = [c for _, c in f.stories(snap)]
        return _json({"count": len(cards), "stories": [_card_json(c) for c in cards]})

    @app.get("/api/stories/{story_id}", summary="One story document (JSON twin of the page)")
    async def api_story(story_id: Annotated[str, _path_id()]) -> Response:
        snap = repo.get()
        slug = _slug(snap, story_id)
        if slug is None:
            raise not_found("story", story_id)
        return _cached_json(snap, ("story", slug), lambda: snap.by_slug[slug])

    @app.get("/api/threads/{thread_id}", summary="One thread: its stories in time order")
    async def api_thread(thread_id: Annotated[str, _path_id()]) -> Response:
        snap = repo.get()
        key = _thread_key(snap, thread_id)
        if key is None:
            raise not_found("thread", thread_id)
        return _cached_json(snap, ("thread", key), lambda: _thread_json(snap.threads[key]))

    @app.get("/api/articles", summary="Articles (JSON twin of /articles)")
    async def api_articles(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        found = f.articles(snap)
        return {
            "count": len(found),
            "offset": offset,
            "limit": limit,
            "articles": [
                _article_json(a, text=False, stories=snap.article_stories.get(a.id, []))
                for _, a in found[offset : offset + limit]
            ],
        }

    @app.get("/api/articles/{article_id}", summary="One article with its text (JSON twin)")
    async def api_article(article_id: Annotated[str, _path_id()]) -> Response:
        snap = repo.get()
        a = snap.articles.get(article_id)
        if a is None:
            raise not_found("article", article_id)
        return _cached_json(
            snap,
            ("article", a.id),
            lambda: _article_json(a, text=True, stories=snap.article_stories.get(a.id, [])),
        )

    @app.get("/api/search", summary="Search stories and articles (JSON twin of /search)")
    async def api_search(
        q: Q = None,
        outlet: OutletQ = None,
        entity: EntityQ = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> dict[str, Any]:
        snap = repo.get()
        f = _Filters.make(q, outlet, entity, date_from, date_to)
        result = _search(snap, f, limit=50)
        return {
            "query": q or "",
            "stories": [_card_json(c) for c in result["stories"]],
            "articles": [
                _article_json(r["article"], text=False, stories=r["stories"])
                | {"snippet": "".join(t for t, _ in r["snippet"])}
                for r in result["articles"]
            ],
            "total_stories": result["total_stories"],
            "total_articles": result["total_articles"],
        }

    @app.get("/api/facets", summary="Outlets and names to filter by")
    async def api_facets() -> dict[str, Any]:
        snap = repo.get()
        return {"outlets": snap.outlets(), "entities": snap.entities()}

    app.add_middleware(_Limits)
    return app


def _json(data: Any) -> Response:
    """A JSON response from plain data (skips FastAPI's per-request model encoding)."""
    import json

    body = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return Response(body.encode("utf-8"), media_type="application/json")


def _cached_json(snap: _Snapshot, key: Any, make: Callable[[], Any]) -> Response:
    body = snap.cached(("json", key), lambda: _json(make()).body)
    return Response(body, media_type="application/json")


def _path_id() -> Any:
    from fastapi import Path as PathParam

    return PathParam(max_length=200)


def _slug(snap: _Snapshot, key: str) -> str | None:
    if key in snap.by_slug:
        return key
    slug = safe_id(key)
    return slug if slug in snap.by_slug else None


def _thread_key(snap: _Snapshot, key: str) -> str | None:
    if key in snap.threads:
        return key
    slug = safe_id(key)
    return slug if slug in snap.threads else None


def _card_json(card: Mapping[str, Any]) -> dict[str, Any]:
    links: dict[str, str] = {}
    if LINKS.json:
        links = {"html": LINKS.story(card["slug"]), "json": LINKS.json(card["slug"])}
    if card.get("thread_slug") and LINKS.thread:
        links["thread"] = LINKS.thread(card["thread_slug"])
    return {
        "id": card["id"],
        "title": card["title"],
        "dates": card["dates"],
        "thread": card.get("thread") or None,
        "outlets": card["outlets"],
        "counts": card["counts"],
        "links": links,
    }


def _thread_json(thread: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": thread["id"],
        "dates": thread["dates"],
        "stories": [_card_json(c) for c in thread["stories"]],
        "changes": [
            {
                "from": step["before"]["id"],
                "to": step["after"]["id"],
                "days": step["days"],
                "new_outlets": step["new_outlets"],
                "gone_outlets": step["gone_outlets"],
                "new_events": step["events"],
            }
            for step in thread["steps"]
        ],
        "links": {"html": LINKS.thread(thread["slug"]) if LINKS.thread else None},
    }


def _article_result(snap: _Snapshot, a: Article, terms: list[str]) -> dict[str, Any]:
    return {
        "article": a,
        "label": article_label(a),
        "published": format_date(a.published),
        "snippet": _snippet(a.text, terms),
        "stories": snap.article_stories.get(a.id, []),
        "story_titles": [
            (s, str(snap.by_slug[s].get("title") or s)) for s in snap.article_stories.get(a.id, [])
        ],
    }


def _search(snap: _Snapshot, f: _Filters, *, limit: int) -> dict[str, Any]:
    terms = _terms(f.q)
    stories = f.stories(snap) if f.active() else []
    articles = f.articles(snap) if f.active() else []
    return {
        "stories": [c for _, c in stories[:limit]],
        "articles": [_article_result(snap, a, terms) for _, a in articles[:limit]],
        "total_stories": len(stories),
        "total_articles": len(articles),
    }


def _page_href(base: str, f: _Filters, offset: int, limit: int) -> str:
    from urllib.parse import urlencode

    params = {
        "q": f.q,
        "outlet": f.outlet,
        "entity": f.entity,
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
        "offset": max(0, offset) or None,
        "limit": limit if limit != 50 else None,
    }
    qs = urlencode({k: v for k, v in params.items() if v})
    return base + ("?" + qs if qs else "")


def _render_index(snap: _Snapshot, f: _Filters, cards: list[dict[str, Any]]) -> str:
    return render_page(
        "web_index.html",
        links=LINKS,
        cards=cards,
        query=f.q or "",
        filters=f,
        outlets=snap.outlets(),
        entities=snap.entities(),
        total=len(snap.cards),
        heading="Stories",
    )


def _render_article(snap: _Snapshot, a: Article) -> str:
    stories = snap.article_stories.get(a.id, [])
    entry = None
    if stories:
        view = snap.view(stories[0])
        entry = next((x for x in view["articles"] if x["id"] == a.id), None)
    if entry is None or entry.get("nodes") is None:  # never a page without its text (#21)
        from newsprism.report import _layout

        entry = {
            "id": a.id,
            "n": 1,
            "label": article_label(a),
            "title": a.title or a.id,
            "url": safe_url(a.url),
            "raw_url": a.url or "",
            "published": format_date(a.published),
            "source_path": a.source_path,
            "duplicate_of": a.duplicate_of,
            "duplicate_kind": a.duplicate_kind,
            "nodes": _layout(a.text, []),
            "marks": 0,
        }
    return render_page(
        "article.html",
        links=LINKS,
        a=entry,
        captions=list(a.captions),
        stories=[(s, str(snap.by_slug[s].get("title") or s)) for s in stories],
    )


def run(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app over ``db_path`` with uvicorn (blocking). Binds 127.0.0.1 by default:
    the app has no authentication, so it should not be reachable from other machines."""
    import uvicorn

    app = create_app(db_path)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        h11_max_incomplete_event_size=16 * 1024,
        server_header=False,
        backlog=2048,
    )
