"""FastAPI app serving stories and articles from a newsprism store, as HTML and JSON (#6).

Every HTML page has a JSON twin under ``/api``; every error has one JSON shape::

    {"error": {"status": 404, "title": "Not Found", "detail": "...", "errors": []}}

(browsers asking for an HTML page get the same message as a page). The store is opened
read-only and only while a snapshot is loaded; the app reloads it when the database file
changes, so ``newsprism analyze`` can write to it while the app runs.

The parts: :mod:`~newsprism.web.snapshot` (the store's data, cached per snapshot),
:mod:`~newsprism.web.search` (filters and search), :mod:`~newsprism.web.errors` (the
error shape, handlers and request limits) and :mod:`~newsprism.web.routes` (the pages and
the API); this module puts them together.
"""

from __future__ import annotations

from fastapi import FastAPI

from newsprism import __version__
from newsprism.web.errors import MAX_BODY, MAX_URL, Limits, install_handlers
from newsprism.web.routes import api, pages
from newsprism.web.snapshot import Repository

__all__ = ["create_app", "run", "MAX_BODY", "MAX_URL"]


def create_app(db_path: str) -> FastAPI:
    """Build the web app over the store at ``db_path`` (opened read-only, reloaded on change)."""
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories compared across outlets: summaries, timelines, conflicts, "
        "coverage, quotes and framing, with every statement cited to its article.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the app is offline
        redoc_url=None,
    )
    app.state.repository = Repository(str(db_path))
    install_handlers(app)
    app.include_router(pages)
    app.include_router(api)
    app.add_middleware(Limits)
    return app


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
