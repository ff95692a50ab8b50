"""Search and filters: the five filter parameters (words, outlet, entity, date range) as
one FastAPI dependency (:func:`filters`), and the stories and articles they select."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from newsprism.model import Article
from newsprism.views import UNKNOWN_OUTLET, article_label, format_date
from newsprism.web.entities import fold
from newsprism.web.snapshot import Snapshot

__all__ = [
    "FilterParams",
    "Filters",
    "article_result",
    "filters",
    "page_href",
    "query_terms",
    "search",
    "snippet",
]

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

_WORDS = re.compile(r"\w+", re.UNICODE)


def query_terms(q: str | None) -> list[str]:
    return [fold(w) for w in _WORDS.findall(q or "")][:12]


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


def snippet(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
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
class Filters:
    q: str | None = None
    outlet: str | None = None
    entity: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    query: str = field(default="", compare=False)  # the words as typed, for the form

    @classmethod
    def make(
        cls,
        q: str | None = None,
        outlet: str | None = None,
        entity: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Filters:
        """Filters from query parameters; an empty (or blank) field means no filter."""
        return cls(
            (q or "").strip() or None,
            (outlet or "").strip() or None,
            (entity or "").strip() or None,
            _day(date_from, "date_from"),
            _day(date_to, "date_to"),
            q or "",
        )

    def active(self) -> bool:
        return any([self.q, self.outlet, self.entity, self.date_from, self.date_to])

    def _outlet_ok(self, a: Article) -> bool:
        want = (self.outlet or "").lower()
        label = article_label(a)
        if want == UNKNOWN_OUTLET:
            return label.startswith(UNKNOWN_OUTLET)
        return label.lower() == want or (a.outlet or "").strip().lower() == want

    def article_ok(self, snap: Snapshot, a: Article, entity: EntityMatch | None) -> bool:
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

    def _entity(self, snap: Snapshot) -> EntityMatch | None:
        if not self.entity:
            return None
        spellings, ids = snap.entity_spellings(self.entity)
        return EntityMatch([fold(s) for s in {*spellings, self.entity}], ids)

    def articles(self, snap: Snapshot) -> list[tuple[int, Article]]:
        terms = query_terms(self.q)
        if self.q and not terms:  # a query of no words ("%00") matches nothing (#18)
            return []
        entity = self._entity(snap)
        out = []
        for a in snap.articles.values():
            if not self.article_ok(snap, a, entity):
                continue
            score = _score(snap.lower.get(a.id, ""), fold(a.title or ""), terms)
            if score:
                out.append((score, a))
        if terms:
            out.sort(key=lambda t: -t[0])
        return out

    def stories(self, snap: Snapshot) -> list[tuple[int, dict[str, Any]]]:
        """Stories with at least one member article passing the outlet, date and entity
        filters, scored on the story's own analysis and its members' text."""
        terms = query_terms(self.q)
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
                score = _score(hay, fold(card["title"]), terms)
                if not score:
                    continue
            else:
                score = 1
            out.append((score, card))
        if terms:
            out.sort(key=lambda t: -t[0])
        return out


@dataclass(frozen=True)
class EntityMatch:
    """An entity filter: any of its spellings in an article, or the extractor's mention."""

    spellings: list[str]
    ids: set[str]

    def matches(self, snap: Snapshot, aid: str) -> bool:
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
    return fold(" ".join(parts))


def article_result(snap: Snapshot, a: Article, terms: list[str]) -> dict[str, Any]:
    return {
        "article": a,
        "label": article_label(a),
        "published": format_date(a.published),
        "snippet": snippet(a.text, terms),
        "stories": snap.article_stories.get(a.id, []),
        "story_titles": [
            (s, str(snap.by_slug[s].get("title") or s)) for s in snap.article_stories.get(a.id, [])
        ],
    }


def search(snap: Snapshot, f: Filters, *, limit: int) -> dict[str, Any]:
    terms = query_terms(f.q)
    stories = f.stories(snap) if f.active() else []
    articles = f.articles(snap) if f.active() else []
    return {
        "stories": [c for _, c in stories[:limit]],
        "articles": [article_result(snap, a, terms) for _, a in articles[:limit]],
        "total_stories": len(stories),
        "total_articles": len(articles),
    }


def page_href(base: str, f: Filters, offset: int, limit: int) -> str:
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


def filters(
    q: Q = None,
    outlet: OutletQ = None,
    entity: EntityQ = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Filters:
    """The five filter parameters of every route that lists or searches (a dependency)."""
    return Filters.make(q, outlet, entity, date_from, date_to)


FilterParams = Annotated[Filters, Depends(filters)]
