"""Plain data passed between newsprism's stages.

Every stage takes and returns these frozen dataclasses (or iterators of them); nothing
here does I/O. Offsets (``start``, ``end``) are always character offsets into the
article's cleaned ``text``; :class:`OffsetMap` takes them back to the original record.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Segment",
    "OffsetMap",
    "RawDocument",
    "Article",
    "IngestFailure",
    "Signature",
    "Entity",
    "Quote",
    "DateMention",
    "Quantity",
    "Event",
    "Extraction",
    "Story",
    "shown_path",
    "one_line",
]

# Characters that must not reach a terminal or a log line as they are: C0/C1 controls (a
# newline in a file name would forge a second `error:` line, #18), the bytes of a name that
# is not UTF-8 (surrogate-escaped by Python), line and paragraph separators and bidi controls.
_UNSAFE_CHARS = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_QUOTED = re.compile(f'[{_UNSAFE_CHARS}"\\\\]')  # inside quotes, quotes and backslashes too
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_path(path: str) -> str:
    """``path`` as shown and stored: unchanged when it is printable, else double-quoted with
    backslash escapes (``"a\\nb.txt"``, ``"n\\xff.txt"``), so it is valid UTF-8 and one line."""
    if not _UNSAFE.search(path):
        return path
    return '"' + _QUOTED.sub(lambda m: _escape(m.group()), path) + '"'


def one_line(text: str) -> str:
    """``text`` with control characters and undecodable bytes escaped (for messages)."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


@dataclass(frozen=True)
class Segment:
    """One stretch of cleaned text copied from ``[orig_start, orig_end)`` of the original."""

    start: int
    end: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise map from cleaned-text offsets back to offsets in the original record.

    Inside a segment whose length did not change the map is exact; where repair changed
    the length (mojibake, collapsed spaces) offsets are interpolated within the segment.
    """

    segments: tuple[Segment, ...] = ()

    def to_original(self, offset: int) -> int | None:
        """Return the original offset for a cleaned-text ``offset`` (None if unmapped)."""
        if not self.segments:
            return None
        starts = [s.start for s in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.segments[0].orig_start
        seg = self.segments[i]
        if offset >= seg.end:
            return seg.orig_end
        clean_len = seg.end - seg.start
        orig_len = seg.orig_end - seg.orig_start
        if clean_len == orig_len or clean_len == 0:
            return seg.orig_start + (offset - seg.start)
        return seg.orig_start + round((offset - seg.start) * orig_len / clean_len)

    def span_to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a cleaned ``[start, end)`` span to the original record."""
        a = self.to_original(start)
        b = self.to_original(max(start, end - 1))
        if a is None or b is None:
            return None
        return a, b + 1

    def to_list(self) -> list[list[int]]:
        """Serialise as ``[[start, end, orig_start, orig_end], ...]``."""
        return [[s.start, s.end, s.orig_start, s.orig_end] for s in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]] | None) -> OffsetMap:
        """Inverse of :meth:`to_list`."""
        return cls(tuple(Segment(*map(int, r)) for r in rows or []))


@dataclass(frozen=True)
class RawDocument:
    """One record as read from disk, before cleaning.

    ``raw`` is the decoded original text of the record (the whole file for text and HTML
    files, the body field for JSONL/CSV rows). Metadata found by the reader is carried
    along; anything unknown is None.
    """

    source_path: str
    record: int | None
    format: str  # "text", "html", "jsonl", "json", "csv", "feed", "warc"
    raw: str
    content_sha: str
    title: str | None = None
    url: str | None = None
    published: datetime | date | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    # Body text when a reader already separated it from the page (HTML via trafilatura).
    body: str | None = None
    # Where ``body`` lies in ``raw`` when the reader knows it (JSON fields, HTML paragraphs).
    body_map: OffsetMap | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str
    source_path: str
    text: str
    record: int | None = None
    format: str = "text"
    title: str | None = None
    url: str | None = None
    published: datetime | date | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    captions: tuple[str, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)
    content_sha: str = ""
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact", "near" or "syndicated"
    raw: str | None = None

    @property
    def published_iso(self) -> str | None:
        """Publication date or time in ISO 8601, or None when unknown."""
        return self.published.isoformat() if self.published is not None else None

    @property
    def published_date(self) -> date | None:
        """Publication day (a ``date``), or None when unknown."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class IngestFailure:
    """An input that could not be ingested, with a human-readable reason."""

    source_path: str
    reason: str
    record: int | None = None

    def __str__(self) -> str:
        # Names and reasons are escaped: one failure is always one line (#18).
        path = shown_path(self.source_path)
        where = path if self.record is None else f"{path} record {self.record}"
        return f"{where}: {one_line(self.reason)}"


@dataclass(frozen=True)
class Signature:
    """What the store keeps per article to find its duplicates later (see ``dedupe``)."""

    article_id: str
    outlet: str | None
    text_sha: str
    minhash: np.ndarray  # uint64 hash values
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named entity mention: person, organisation or place."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # "PERSON", "ORG", "GPE", "LOC", "NORP", ...
    canonical: str  # one name per entity across articles ("Vladimir Putin")


@dataclass(frozen=True)
class Quote:
    """A direct or reported statement with its speaker."""

    article_id: str
    start: int  # span of the content
    end: int
    text: str
    speaker: str | None
    cue: str | None
    kind: str  # "direct" or "indirect"
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True)
class DateMention:
    """A temporal expression normalised to a TimeML value."""

    article_id: str
    start: int
    end: int
    text: str
    value: str  # "2022-02-20", "2021-12", "P105M"/"PT105M", "FUTURE_REF", ...
    type: str  # "DATE", "TIME", "DURATION", "SET"
    anchor: str | None = None  # "published", "inferred" or None when no anchor was needed


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and what it counts or measures."""

    article_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    measures: str | None
    approx: str | None = None  # "about", "more than", "at least", "up to", ...
    predicate: str | None = None  # what is said of a counted thing: "kill", "injure", "home"
    # "ordinal": a running count, "the sixth straight day" (6 days); "tally": a record, a
    # score or a split vote, "52-3" (value W * 1e6 + L * 1e3 + D); "repeat": "twice"
    kind: str | None = None


@dataclass(frozen=True)
class Event:
    """A who-did-what-to-whom-when record for a reported action."""

    article_id: str
    start: int  # span of the sentence or clause that reports the event
    end: int
    actor: str | None
    action: str
    target: str | None
    date: str | None  # TimeML value, e.g. "2022-02-20"
    text: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    # [start, end) of each sentence, as the extraction stage split the text (for claims).
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Story:
    """One real-world event as reported by many outlets."""

    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first: date | None = None
    last: date | None = None
    thread: str | None = None
