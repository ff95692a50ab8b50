"""The app's routes: HTML pages (``pages``) and their JSON twins under ``/api`` (``api``).

Each route reads the current snapshot of the store (:mod:`newsprism.web.snapshot`); the
routes that list or search take the five filter parameters as one dependency
(:data:`newsprism.web.search.FilterParams`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from newsprism import __version__
from newsprism.model import Article
from newsprism.report import render_page, render_story, render_thread
from newsprism.views import (
    article_entry,
    article_label,
    article_to_dict,
    safe_id,
    safe_url,
)
from newsprism.web.errors import not_found
from newsprism.web.links import LINKS
from newsprism.web.search import (
    FilterParams,
    Filters,
    article_result,
    page_href,
    query_terms,
    search,
)
from newsprism.web.snapshot import Snapshot

__all__ = ["api", "pages"]

pages = APIRouter()
api = APIRouter()

Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


@dataclass(frozen=True)
class Page:
    """Which slice of a list to show: ``limit`` items from ``offset``."""

    limit: int
    offset: int


def page_params(limit: Limit = 50, offset: Offset = 0) -> Page:
    """The paging parameters of the article lists (a dependency, after the filters)."""
    return Page(limit, offset)


PageParams = Annotated[Page, Depends(page_params)]


def _snapshot(request: Request) -> Snapshot:
    """The store's current snapshot (reloaded when the database file changed)."""
    snap: Snapshot = request.app.state.repository.get()
    return snap


# ---------------------------------------------------------------------------- HTML


@pages.get("/", response_class=HTMLResponse, summary="Index of stories (HTML)")
async def index(
    request: Request,
    f: FilterParams,
) -> HTMLResponse:
    snap = _snapshot(request)
    if not f.active():
        html = snap.cached(("index",), lambda: _render_index(snap, f, snap.cards))
    else:
        html = _render_index(snap, f, [c for _, c in f.stories(snap)])
    return HTMLResponse(html)


@pages.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story (HTML)")
async def story_page(request: Request, story_id: Annotated[str, _path_id()]) -> HTMLResponse:
    snap = _snapshot(request)
    slug = _story_slug(snap, story_id)
    html = snap.cached(
        ("story", slug),
        lambda: render_story(snap.view(slug), links=LINKS, thread=snap.thread(slug)),
    )
    return HTMLResponse(html)


@pages.get("/threads/{thread_id}", response_class=HTMLResponse, summary="One thread (HTML)")
async def thread_page(request: Request, thread_id: Annotated[str, _path_id()]) -> HTMLResponse:
    snap = _snapshot(request)
    key = _thread_slug(snap, thread_id)
    html = snap.cached(("thread", key), lambda: render_thread(snap.threads[key], links=LINKS))
    return HTMLResponse(html)


@pages.get("/articles", response_class=HTMLResponse, summary="Articles (HTML)")
async def articles_page(
    request: Request,
    f: FilterParams,
    window: PageParams,
) -> HTMLResponse:
    snap = _snapshot(request)
    limit, offset = window.limit, window.offset
    found = f.articles(snap)
    page = found[offset : offset + limit]
    terms = query_terms(f.q)
    return HTMLResponse(
        _filtered_page(
            "articles.html",
            snap,
            f,
            f.query,
            total=len(found),
            offset=offset,
            limit=limit,
            results=[article_result(snap, a, terms) for _, a in page],
            prev_href=page_href("/articles", f, offset - limit, limit) if offset else None,
            next_href=(
                page_href("/articles", f, offset + limit, limit)
                if offset + limit < len(found)
                else None
            ),
        )
    )


@pages.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article (HTML)")
async def article_page(request: Request, article_id: Annotated[str, _path_id()]) -> HTMLResponse:
    snap = _snapshot(request)
    a = _article(snap, article_id)
    html = snap.cached(("article", a.id), lambda: _render_article(snap, a))
    return HTMLResponse(html)


@pages.get("/search", response_class=HTMLResponse, summary="Search stories and articles (HTML)")
async def search_page(
    request: Request,
    f: FilterParams,
) -> HTMLResponse:
    snap = _snapshot(request)
    result = search(snap, f, limit=50)
    return HTMLResponse(_filtered_page("search.html", snap, f, f.query, **result))


# ---------------------------------------------------------------------------- JSON


@api.get("/api", summary="Index of the JSON API")
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


@api.get("/api/stories", summary="Stories (JSON twin of /)")
async def api_stories(
    request: Request,
    f: FilterParams,
) -> Response:
    snap = _snapshot(request)
    if not f.active():
        return _cached_json(
            snap,
            "stories",
            lambda: {"count": len(snap.cards), "stories": [_card_json(c) for c in snap.cards]},
        )
    cards = [c for _, c in f.stories(snap)]
    return _json({"count": len(cards), "stories": [_card_json(c) for c in cards]})


@api.get("/api/stories/{story_id}", summary="One story document (JSON twin of the page)")
async def api_story(request: Request, story_id: Annotated[str, _path_id()]) -> Response:
    snap = _snapshot(request)
    slug = _story_slug(snap, story_id)
    return _cached_json(snap, ("story", slug), lambda: snap.by_slug[slug])


@api.get("/api/threads/{thread_id}", summary="One thread: its stories in time order")
async def api_thread(request: Request, thread_id: Annotated[str, _path_id()]) -> Response:
    snap = _snapshot(request)
    key = _thread_slug(snap, thread_id)
    return _cached_json(snap, ("thread", key), lambda: _thread_json(snap.threads[key]))


@api.get("/api/articles", summary="Articles (JSON twin of /articles)")
async def api_articles(
    request: Request,
    f: FilterParams,
    window: PageParams,
) -> dict[str, Any]:
    snap = _snapshot(request)
    limit, offset = window.limit, window.offset
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


@api.get("/api/articles/{article_id}", summary="One article with its text (JSON twin)")
async def api_article(request: Request, article_id: Annotated[str, _path_id()]) -> Response:
    snap = _snapshot(request)
    a = _article(snap, article_id)
    return _cached_json(
        snap,
        ("article", a.id),
        lambda: _article_json(a, text=True, stories=snap.article_stories.get(a.id, [])),
    )


@api.get("/api/search", summary="Search stories and articles (JSON twin of /search)")
async def api_search(
    request: Request,
    f: FilterParams,
) -> dict[str, Any]:
    snap = _snapshot(request)
    result = search(snap, f, limit=50)
    return {
        "query": f.query,
        "stories": [_card_json(c) for c in result["stories"]],
        "articles": [
            _article_json(r["article"], text=False, stories=r["stories"])
            | {"snippet": "".join(t for t, _ in r["snippet"])}
            for r in result["articles"]
        ],
        "total_stories": result["total_stories"],
        "total_articles": result["total_articles"],
    }


@api.get("/api/facets", summary="Outlets and names to filter by")
async def api_facets(request: Request) -> dict[str, Any]:
    snap = _snapshot(request)
    return {"outlets": snap.outlets(), "entities": snap.entities()}


def _json(data: Any) -> Response:
    """A JSON response from plain data (skips FastAPI's per-request model encoding)."""
    body = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return Response(body.encode("utf-8"), media_type="application/json")


def _cached_json(snap: Snapshot, key: Any, make: Callable[[], Any]) -> Response:
    body = snap.cached(("json", key), lambda: _json(make()).body)
    return Response(body, media_type="application/json")


def _path_id() -> Any:
    return PathParam(max_length=200)


def _known(keys: Mapping[str, Any], key: str) -> str | None:
    """``key`` itself when ``keys`` has it, else its safe id when that is there."""
    if key in keys:
        return key
    slug = safe_id(key)
    return slug if slug in keys else None


def _story_slug(snap: Snapshot, key: str) -> str:
    """The slug of the story ``key`` names (its id or slug); 404 when there is none."""
    slug = _known(snap.by_slug, key)
    if slug is None:
        raise not_found("story", key)
    return slug


def _thread_slug(snap: Snapshot, key: str) -> str:
    """The slug of the thread ``key`` names; 404 when there is none."""
    slug = _known(snap.threads, key)
    if slug is None:
        raise not_found("thread", key)
    return slug


def _article(snap: Snapshot, key: str) -> Article:
    """The article with id ``key``; 404 when there is none."""
    a = snap.articles.get(key)
    if a is None:
        raise not_found("article", key)
    return a


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


def _render_index(snap: Snapshot, f: Filters, cards: list[dict[str, Any]]) -> str:
    return _filtered_page(
        "web_index.html",
        snap,
        f,
        f.q or "",
        cards=cards,
        total=len(snap.cards),
        heading="Stories",
    )


def _filtered_page(template: str, snap: Snapshot, f: Filters, query: str, **context: Any) -> str:
    """A page with the filter form: the filters, the words typed and what to choose from."""
    return render_page(
        template,
        links=LINKS,
        query=query,
        filters=f,
        outlets=snap.outlets(),
        entities=snap.entities(),
        **context,
    )


def _render_article(snap: Snapshot, a: Article) -> str:
    stories = snap.article_stories.get(a.id, [])
    entry = None
    if stories:
        view = snap.view(stories[0])
        entry = next((x for x in view["articles"] if x["id"] == a.id), None)
    if entry is None or entry.get("nodes") is None:  # never a page without its text (#21)
        entry = article_entry(a.id, a, {}, n=1, label=article_label(a), text=a.text, marks=[])
    return render_page(
        "article.html",
        links=LINKS,
        a=entry,
        captions=list(a.captions),
        stories=[(s, str(snap.by_slug[s].get("title") or s)) for s in stories],
    )


def _article_json(a: Article, *, text: bool, stories: Iterable[str] = ()) -> dict[str, Any]:
    out = article_to_dict(a, text=text)
    out["label"] = article_label(a)
    out["url_safe"] = safe_url(a.url) is not None
    out["stories"] = list(stories)
    out["links"] = {"html": LINKS.article(a.id) if LINKS.article else None}
    return out
