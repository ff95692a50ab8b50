"""The static HTML report: an index of stories and one self-contained page per story.

The view data comes from :mod:`newsprism.views` (:func:`~newsprism.views.story_view` and
friends); :func:`render_story`, :func:`render_index` and :func:`render_thread` turn views
into HTML with the Jinja2 templates in ``templates/``, and :func:`write_report` writes the
files. The web app (``newsprism.web``) renders the same templates with other links
(:class:`LinkStyle`). Article text, titles and URLs are hostile input: templates
autoescape, nothing from an article is marked safe, and only http(s) URLs become links (#6).
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from newsprism.store import Store
from newsprism.views import (
    KIND_LABEL,
    cited_ids,
    format_date,
    index_view,
    paraphrase,
    split_label,
    story_view,
    thread_views,
    unique_slugs,
)

__all__ = [
    "write_report",
    "render_story",
    "render_index",
    "render_thread",
    "render_page",
    "LinkStyle",
    "STATIC_LINKS",
    "content_security_policy",
    "environment",
]

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class LinkStyle:
    """How pages link to each other: relative files (static report) or app routes."""

    index: str
    story: Callable[[str], str]
    article: Callable[[str], str] | None = None
    search: str | None = None
    json: Callable[[str], str] | None = None
    static: bool = True
    thread: Callable[[str], str] | None = None
    thread_json: Callable[[str], str] | None = None


STATIC_LINKS = LinkStyle(
    index="../report.html",
    story=lambda slug: f"{slug}.html",
    thread=lambda slug: f"../threads/{slug}.html",
)
_INDEX_LINKS = LinkStyle(
    index="report.html",
    story=lambda slug: f"stories/{slug}.html",
    thread=lambda slug: f"threads/{slug}.html",
)
_THREAD_LINKS = LinkStyle(
    index="../report.html",
    story=lambda slug: f"../stories/{slug}.html",
    thread=lambda slug: f"{slug}.html",
)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    static = resources.files("newsprism") / "static"
    css = (static / "report.css").read_text(encoding="utf-8")
    js = (static / "report.js").read_text(encoding="utf-8")
    digest = hashlib.sha256(js.encode("utf-8")).digest()
    return css, js, "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy(*, meta: bool = False) -> str:
    """The CSP every page carries: only our own inline script runs (by hash), no network.

    ``meta=True`` gives the form for a ``<meta>`` tag, which may not carry
    ``frame-ancestors`` (browsers log an error for it).
    """
    _, _, script_hash = _assets()
    policy = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src '{script_hash}'; base-uri 'none'; form-action 'self'"
    )
    return policy if meta else policy + "; frame-ancestors 'none'"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report and web templates (autoescaping on)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsprism", "templates"),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["paraphrase"] = paraphrase
    env.globals["split_label"] = split_label
    env.globals["kind_label"] = KIND_LABEL
    return env


def render_page(template: str, **context: Any) -> str:
    """Render one page template with the inlined CSS and JS."""
    css, js, _ = _assets()
    return (
        environment()
        .get_template(template)
        .render(css=css, js=js, csp_meta=content_security_policy(meta=True), **context)
    )


def render_story(
    view: Mapping[str, Any],
    *,
    links: LinkStyle = STATIC_LINKS,
    generated: str = "",
    **extra: Any,
) -> str:
    """HTML of one story page."""
    return render_page("story.html", story=view, links=links, generated=generated, **extra)


def render_index(
    cards: Sequence[Mapping[str, Any]],
    *,
    links: LinkStyle = _INDEX_LINKS,
    generated: str = "",
    **extra: Any,
) -> str:
    """HTML of the index of stories."""
    return render_page("index.html", cards=cards, links=links, generated=generated, **extra)


def render_thread(
    thread: Mapping[str, Any],
    *,
    links: LinkStyle = _THREAD_LINKS,
    generated: str = "",
    **extra: Any,
) -> str:
    """HTML of one thread: its stories in time order and what changed between them."""
    return render_page("thread.html", thread=thread, links=links, generated=generated, **extra)


def write_report(store: Store, out_dir: Path) -> list[Path]:
    """Write ``out_dir/report.html``, ``out_dir/stories/<id>.html`` and
    ``out_dir/threads/<id>.html`` (threads of two or more stories); return the paths.

    Pages are self-contained (inline CSS and JS, no network) and safe to open from disk.
    """
    out_dir = Path(out_dir)
    stories_dir = out_dir / "stories"
    stories_dir.mkdir(parents=True, exist_ok=True)
    docs = store.story_documents()
    wanted = set().union(*(cited_ids(d) for d in docs)) if docs else set()
    articles = {a.id: a for a in store.articles(ids=sorted(wanted))} if wanted else {}
    generated = datetime.now().strftime("%d %b %Y %H:%M")
    written: list[Path] = []
    cards = index_view(docs)
    unique_slugs(cards)  # two ids hashing to one file name would overwrite a page
    threads = thread_views(docs, cards)
    for doc, card in zip(docs, cards, strict=True):
        view = story_view(doc, articles)
        view["slug"] = card["slug"]
        path = stories_dir / f"{card['slug']}.html"
        thread = threads.get(card["thread"])
        path.write_text(render_story(view, generated=generated, thread=thread), encoding="utf-8")
        written.append(path)
    if threads:
        threads_dir = out_dir / "threads"
        threads_dir.mkdir(exist_ok=True)
        for thread in threads.values():
            path = threads_dir / f"{thread['slug']}.html"
            path.write_text(render_thread(thread, generated=generated), encoding="utf-8")
            written.append(path)
    index = out_dir / "report.html"
    index.write_text(render_index(cards, generated=generated), encoding="utf-8")
    log.info("wrote %s and %d story pages", index, len(written))
    return [index, *written]
