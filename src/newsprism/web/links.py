"""How the app's pages link to each other (the report's pages link to files instead)."""

from __future__ import annotations

from urllib.parse import quote

from newsprism.report import LinkStyle

__all__ = ["LINKS"]

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
