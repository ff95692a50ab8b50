"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

import html as htmllib
import logging
from dataclasses import dataclass

from newsprism.metadata import parse_date_field
from newsprism.model import IngestFailure, OffsetMap, RawDocument, Segment

__all__ = ["HtmlText", "extract_html", "html_document"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HtmlText:
    """What trafilatura found in a page; ``offsets`` locate paragraphs in the HTML source."""

    text: str
    title: str | None
    url: str | None
    date: str | None
    sitename: str | None
    author: str | None
    language: str | None
    offsets: OffsetMap


def extract_html(html: str, *, url: str | None = None) -> HtmlText | None:
    """Extract the article body and metadata from ``html`` (None when there is no article)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
    except Exception as e:  # trafilatura raises many types on broken markup
        log.debug("trafilatura failed: %s", e)
        return None
    if not doc or not doc.get("text"):
        return None
    text: str = doc["text"]
    return HtmlText(
        text=text,
        title=doc.get("title"),
        url=doc.get("url"),
        date=doc.get("date"),
        sitename=doc.get("sitename"),
        author=doc.get("author"),
        language=doc.get("language"),
        offsets=_locate_paragraphs(text, html),
    )


def _locate_paragraphs(text: str, html: str) -> OffsetMap:
    """Best-effort map of each extracted paragraph to where it starts in the HTML source.

    Inline markup inside a paragraph makes an exact map impossible; each paragraph maps to
    the span starting where its first words occur in the (entity-decoded) source.
    """
    segments = []
    pos = 0
    search_from = 0
    decoded = htmllib.unescape(html) if "&" in html else html
    same_length = len(decoded) == len(html)
    for para in text.split("\n"):
        if para.strip():
            probe = para.strip()[:40]
            hit = decoded.find(probe, search_from) if same_length else html.find(probe, search_from)
            if hit >= 0:
                segments.append(Segment(pos, pos + len(para), hit, hit + len(para)))
                search_from = hit + len(probe)
        pos += len(para) + 1
    return OffsetMap(tuple(segments))


def html_document(
    src: str, record: int | None, html: str, sha: str, *, fmt: str, url: str | None = None
) -> RawDocument | IngestFailure:
    result = extract_html(html, url=url)
    if result is None or not result.text.strip():
        return IngestFailure(src, "HTML page without article text", record)
    return RawDocument(
        source_path=src,
        record=record,
        format=fmt,
        raw=html,
        content_sha=sha,
        title=result.title,
        url=result.url or url,
        published=parse_date_field(result.date),
        outlet=result.sitename,
        author=result.author,
        language=result.language,
        body=result.text,
        body_map=result.offsets,
    )
