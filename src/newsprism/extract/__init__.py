"""Per-article extraction: entities, quotes, dates, quantities and events.

:func:`extract_article` runs every extractor over one article with one shared spaCy
pass (NER, tags, lemmas and sentences over the whole text; the dependency parser only
on sentences with a cue or action verb, a quotation mark or "according to").
:func:`extract` does the same for a stream of articles, batching the spaCy pass with
``nlp.pipe``. :func:`canonicalize_extractions` gives every entity one name across
articles, and :func:`extraction_to_dict` makes an :class:`~newsprism.model.Extraction`
JSON-ready.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from newsprism.model import Article, Entity, Event, Extraction, Quote

from .entities import apply_canonical, canonicalize, extract_entities
from .events import extract_events
from .quotes import extract_quotes
from .spacy_pass import analyse_many, ensure_doc, spans_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "extract_article",
    "extract",
    "extraction_to_dict",
    "canonicalize_extractions",
    "entity_renamer",
    "extract_entities",
    "extract_quotes",
    "extract_events",
]

_LISTS = ("entities", "quotes", "dates", "quantities", "events")


def _extract_with_doc(article: Article, doc: Doc) -> Extraction:
    from newsprism.extract.dates import extract_dates
    from newsprism.extract.quantities import extract_quantities

    entities = extract_entities(article, doc)
    quotes = extract_quotes(article, doc, entities)
    dates = extract_dates(article)
    quantities = extract_quantities(article, doc)
    events = extract_events(article, doc, dates, entities)
    return Extraction(
        article.id,
        tuple(entities),
        tuple(quotes),
        tuple(dates),
        tuple(quantities),
        tuple(events),
        tuple(spans_of(doc)),
    )


def extract_article(article: Article) -> Extraction:
    """Extract entities, quotes, dates, quantities and events from one article."""
    return _extract_with_doc(article, ensure_doc(article.text, None))


def extract(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per article, in input order, batching the spaCy pass."""
    it = iter(articles)
    while True:
        batch = list(islice(it, batch_size))
        if not batch:
            return
        docs = analyse_many((a.text for a in batch), batch_size=batch_size)
        for article, doc in zip(batch, docs, strict=True):
            yield _extract_with_doc(article, doc)


def canonicalize_extractions(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Give each entity one name across all ``extractions`` (speakers and actors too).

    Uses :func:`newsprism.extract.entities.canonicalize`: "Putin" in one article and
    "Vladimir Putin" in another become "Vladimir Putin".
    """
    items = list(extractions)
    rename = entity_renamer(items)
    return [rename(x) for x in items]


def entity_renamer(extractions: Iterable[Extraction]) -> Callable[[Extraction], Extraction]:
    """The renaming :func:`canonicalize_extractions` applies, learned from ``extractions``.

    ``extractions`` are read once (a stream will do); the function returned gives any one
    extraction the collection's names.
    """
    mapping = canonicalize(e for x in extractions for e in x.entities)
    names: dict[str, str] = {}
    for (_label, name), canon in mapping.items():
        if name != canon:
            names.setdefault(name, canon)

    def rename(value: str | None) -> str | None:
        if value is None:
            return None
        return " and ".join(names.get(part, part) for part in value.split(" and "))

    def apply(x: Extraction) -> Extraction:
        entities: list[Entity] = apply_canonical(x.entities, mapping)
        quotes: list[Quote] = [dataclasses.replace(q, speaker=rename(q.speaker)) for q in x.quotes]
        events: list[Event] = [
            dataclasses.replace(e, actor=rename(e.actor), target=rename(e.target)) for e in x.events
        ]
        return dataclasses.replace(
            x, entities=tuple(entities), quotes=tuple(quotes), events=tuple(events)
        )

    return apply


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """JSON-ready lists ``entities``, ``quotes``, ``dates``, ``quantities``, ``events``.

    Each item is its dataclass's fields without ``article_id`` (the caller knows it).
    """
    out: dict[str, Any] = {}
    for name in _LISTS:
        rows = []
        for item in getattr(extraction, name):
            row = dataclasses.asdict(item)
            row.pop("article_id", None)
            rows.append(row)
        out[name] = rows
    return out
