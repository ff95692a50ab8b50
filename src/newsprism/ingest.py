"""Read news files from disk into :class:`RawDocument` records.

Readers are chosen by content and extension: scraped plain text, HTML pages (main text and
metadata with trafilatura, :mod:`newsprism.htmltext`), JSONL / JSON arrays / CSV exports
(field names detected, or set with ``fields``), RSS/Atom feeds and WARC files
(:mod:`newsprism.warc`). Opening and decoding files is :mod:`newsprism.files`, dates and
outlets from text and URLs :mod:`newsprism.metadata`. Folders are walked recursively and
``.gz`` files are read transparently.
Every problem becomes an :class:`IngestFailure` naming the file (and record) and the reason;
reading goes on with the next record or file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from newsprism.files import (
    IngestConfig,
    NotRegularFile,
    content_sha,
    decode_bytes,
    file_kind,
    inner_suffix,
    looks_binary,
    open_binary,
    os_reason,
    read_limited,
)
from newsprism.htmltext import html_document
from newsprism.metadata import outlet_from_url, parse_date_field
from newsprism.model import IngestFailure, OffsetMap, RawDocument, Segment, shown_path
from newsprism.warc import is_warc, read_warc

__all__ = [
    "IngestConfig",
    "iter_files",
    "read_path",
    "read_paths",
    "FIELD_NAMES",
]

log = logging.getLogger(__name__)

# Field names tried, in order, for each part of a record in JSON/CSV exports (#2).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "name"),
    "text": (
        "text",
        "content",
        "body",
        "article",
        "maintext",
        "articlebody",
        "full_text",
        "fulltext",
        "story",
        "description",
    ),
    "url": ("url", "link", "href", "uri", "canonical_url", "source_url"),
    "date": (
        "date",
        "published",
        "publishedat",
        "published_at",
        "pubdate",
        "datetime",
        "date_publish",
        "publish_date",
        "publication_date",
        "timestamp",
        "time",
        "created_at",
    ),
    "outlet": (
        "source",
        "outlet",
        "site_name",
        "sitename",
        "publisher",
        "source_name",
        "domain",
        "site",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang", "language_code"),
}

TEXT_EXTS = {".txt", ".text", ".md", ""}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTS = {".jsonl", ".ndjson", ".jsonlines"}
JSON_EXTS = {".json"}
CSV_EXTS = {".csv", ".tsv"}
FEED_EXTS = {".rss", ".atom"}


# --------------------------------------------------------------------------- files


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestFailure]:
    """Yield every file under ``paths`` (folders recursively, sorted), or a failure per bad path.

    A path named in ``paths`` is read wherever it points: that is the user's choice. Inside a
    folder, a symbolic link is followed only to a file inside that folder (a link to
    ``/etc/passwd`` must not end up in a report), FIFOs, sockets and devices are refused
    (reading a FIFO waits forever), and a subfolder that cannot be listed is a failure (#18).
    """
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
        except OSError as e:
            yield IngestFailure(shown_path(str(path)), os_reason(e, path))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path)
        else:
            yield path  # read_path refuses what is not a regular file


def _walk(root: Path) -> Iterator[Path | IngestFailure]:
    inside = os.path.realpath(root)
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        yield from _listing_failures(errors)
        kept = []
        for name in sorted(dirs):
            full = os.path.join(folder, name)
            if name.startswith("."):
                continue
            if os.path.islink(full):
                # os.walk does not descend into linked folders; one pointing inside the
                # folder is read where it lies, one pointing outside is refused.
                if not _within(os.path.realpath(full), inside):
                    yield IngestFailure(
                        shown_path(full), _OUTSIDE.format("a folder", shown_path(str(root)))
                    )
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(folder, name)
            problem = _walked_file_problem(full, inside, root)
            yield IngestFailure(shown_path(full), problem) if problem else Path(full)
    yield from _listing_failures(errors)


_OUTSIDE = "symbolic link to {} outside {}; not read (name it on the command line to read it)"


def _listing_failures(errors: list[OSError]) -> Iterator[IngestFailure]:
    for e in errors:
        where = shown_path(os.fsdecode(e.filename)) if e.filename is not None else "?"
        yield IngestFailure(where, f"cannot list folder ({e.strerror or e}); skipped")
    errors.clear()


def _within(target: str, folder: str) -> bool:
    return target == folder or target.startswith(folder.rstrip(os.sep) + os.sep)


def _walked_file_problem(full: str, inside: str, root: Path) -> str | None:
    """Why a file found in a folder walk is not read, or None."""
    try:
        st = os.lstat(full)
        if stat.S_ISLNK(st.st_mode):
            target = os.path.realpath(full, strict=True)
            if not _within(target, inside):
                return _OUTSIDE.format("a file", shown_path(str(root)))
            st = os.stat(target)
    except OSError as e:
        return os_reason(e, Path(full))
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file ({file_kind(st.st_mode)}); skipped"
    return None


# --------------------------------------------------------------------------- decoding


# --------------------------------------------------------------------------- metadata helpers


# --------------------------------------------------------------------------- readers


# An RSS, RDF or Atom document: its root element after any XML declaration, comments and
# processing instructions.
_FEED_ROOT = re.compile(r"(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:rss|rdf:RDF|feed)\b", re.S)


def _sniff_format(path: Path, head: str) -> str:
    ext = inner_suffix(path)
    stripped = head.lstrip("\ufeff \t\r\n")
    if ext in HTML_EXTS:
        return "html"
    if ext in JSONL_EXTS:
        return "jsonl"
    if ext in JSON_EXTS:
        return "json" if stripped.startswith("[") else "jsonl"
    if ext in CSV_EXTS:
        return "csv"
    if ext in (".warc",):
        return "warc"
    if ext in FEED_EXTS or _FEED_ROOT.match(stripped[:4000]):
        return "feed"
    low = stripped[:2000].lower()
    if low.startswith(("<!doctype html", "<html")) or ("<html" in low and "<body" in head.lower()):
        return "html"
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("[{"):
        return "json"
    return "text"


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, config: IngestConfig | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """Yield raw documents (or failures) for every file under ``paths``."""
    config = config or IngestConfig()
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from read_path(item, config=config)


def read_path(
    path: Path, *, config: IngestConfig | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """Yield the records of one file, each a :class:`RawDocument` or an :class:`IngestFailure`."""
    config = config or IngestConfig()
    src = shown_path(str(path))
    try:
        yield from _read_path(path, src, config)
    except Exception as e:  # a reader's bug must not lose the batch (#18): one failure
        log.exception("reading %s failed", src)
        yield IngestFailure(
            src, f"cannot read this file ({type(e).__name__}: {e}); please report it"
        )


def _read_path(path: Path, src: str, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    try:
        if is_warc(path):  # WARC files hold binary records too: no text sniffing (#7)
            yield from read_warc(path, config=config)
            return
        with open_binary(path) as fh:
            head_bytes = fh.read(65536)
    except (gzip.BadGzipFile, zlib.error) as e:
        yield IngestFailure(src, f"not a valid gzip file ({e})")
        return
    except EOFError:
        yield IngestFailure(src, "truncated gzip file (compressed data ended early)")
        return
    except NotRegularFile as e:
        yield IngestFailure(src, str(e))
        return
    except OSError as e:
        yield IngestFailure(src, os_reason(e, path))
        return
    if not head_bytes:
        yield IngestFailure(src, "empty file")
        return
    if looks_binary(head_bytes):
        yield IngestFailure(src, "binary file, not text (no article can be read from it)")
        return
    head, _ = decode_bytes(head_bytes)
    fmt = _sniff_format(path, head)
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, config)
        elif fmt == "json":
            yield from _read_json_array(path, config)
        elif fmt == "csv":
            yield from _read_csv(path, config)
        elif fmt == "feed":
            yield from _read_feed(path, config)
        else:
            yield from _read_single(path, fmt, config)
    except EOFError:
        yield IngestFailure(
            src,
            "truncated gzip file (compressed data ended early); "
            "records before the damage were kept",
        )
    except (gzip.BadGzipFile, zlib.error) as e:
        yield IngestFailure(src, f"corrupt gzip data ({e})")
    except OSError as e:
        yield IngestFailure(src, f"cannot read file ({e.strerror or e})")


def _read_single(
    path: Path, fmt: str, config: IngestConfig
) -> Iterator[RawDocument | IngestFailure]:
    src = shown_path(str(path))
    data = read_limited(path, config.max_article_bytes)
    if len(data) > config.max_article_bytes:
        size = path.stat().st_size if path.suffix.lower() != ".gz" else None
        shown = f"{size / 1e6:.1f} MB" if size else f"over {config.max_article_bytes / 1e6:.0f} MB"
        yield IngestFailure(
            src,
            f"file too large for one article ({shown}; limit "
            f"{config.max_article_bytes / 1e6:.0f} MB); split it or export it as JSONL",
        )
        return
    text, encoding = decode_bytes(data)
    if not text.strip():
        yield IngestFailure(src, "empty file (only whitespace)")
        return
    if fmt == "html":
        yield html_document(src, None, text, content_sha(data), fmt="html")
    else:
        yield _text_document(src, None, text, content_sha(data), encoding)


def _text_document(src: str, record: int | None, text: str, sha: str, encoding: str) -> RawDocument:
    return RawDocument(
        source_path=src,
        record=record,
        format="text",
        raw=text,
        content_sha=sha,
        extra={"encoding": encoding},
    )


# ---- structured exports


def _pick(record: Mapping[str, Any], key: str, config: IngestConfig) -> Any:
    """Value of the field that plays role ``key`` in ``record`` (override, else common names)."""
    override = config.fields.get(key)
    if override is not None:
        cur: Any = record
        for part in override.split("."):  # dotted paths reach nested fields: source.name
            if not isinstance(cur, Mapping) or part not in cur:
                return None
            cur = cur[part]
        return cur
    lowered = {
        k.lower().replace("-", "_") if isinstance(k, str) else k: v for k, v in record.items()
    }
    for name in FIELD_NAMES[key]:
        if name in lowered and lowered[name] not in (None, ""):
            return lowered[name]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # {"source": {"id": .., "name": "BBC News"}}
        for k in ("name", "title", "text", "value"):
            if isinstance(value.get(k), str):
                return value[k]
        return None
    if isinstance(value, list):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return ", ".join(parts) if parts else None
    return str(value)


def _record_document(
    src: str, record_no: int, record: Any, fmt: str, config: IngestConfig
) -> RawDocument | IngestFailure:
    if not isinstance(record, Mapping):
        return IngestFailure(src, f"expected a JSON object, got {type(record).__name__}", record_no)
    body = _as_text(_pick(record, "text", config))
    if body is None or not body.strip():
        tried = config.fields.get("text") or ", ".join(FIELD_NAMES["text"][:4]) + ", ..."
        return IngestFailure(
            src,
            f"no article text (looked for field {tried}; choose one with --field text=NAME)",
            record_no,
        )
    if len(body.encode("utf-8", "surrogatepass")) > config.max_article_bytes:
        return IngestFailure(
            src,
            f"article text too large (limit {config.max_article_bytes / 1e6:.0f} MB)",
            record_no,
        )
    url = _as_text(_pick(record, "url", config))
    title = _as_text(_pick(record, "title", config))
    outlet = _as_text(_pick(record, "outlet", config))
    sha = content_sha(json.dumps(record, sort_keys=True, default=str, ensure_ascii=False))
    published = parse_date_field(_pick(record, "date", config))
    if "<" in body[:2000] and re.search(r"<(p|div|html|body|article)\b", body[:5000], re.I):
        doc = html_document(src, record_no, body, sha, fmt=fmt, url=url)
        if isinstance(doc, IngestFailure):
            return doc
        return _replace(
            doc,
            title=title or doc.title,
            outlet=outlet or doc.outlet,
            published=published or doc.published,
        )
    return RawDocument(
        source_path=src,
        record=record_no,
        format=fmt,
        raw=body,
        content_sha=sha,
        title=title.strip() if title else None,
        url=url,
        published=published,
        outlet=outlet.strip() if outlet else None,
        author=_as_text(_pick(record, "author", config)),
        language=_as_text(_pick(record, "language", config)),
    )


def _replace(doc: RawDocument, **changes: Any) -> RawDocument:

    return replace(doc, **changes)


def _read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    src = shown_path(str(path))
    limit = config.max_record_bytes
    with open_binary(path) as fh:
        line_no = 0
        while raw_line := fh.readline(limit + 1):  # bounded: a 1 GB line is not read whole
            line_no += 1
            if len(raw_line) > limit and not raw_line.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield IngestFailure(src, f"line {line_no}: {_too_long(limit)}; record skipped")
                continue
            if not raw_line.strip():
                continue
            line, _ = decode_bytes(raw_line)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield IngestFailure(
                    src, f"line {line_no}: invalid JSON ({e.msg}); record skipped", None
                )
                continue
            yield _record_document(src, line_no, record, "jsonl", config)


def _too_long(limit: int) -> str:
    return f"record too long (over {limit / 1e6:.0f} MB on one line)"


def _skip_rest_of_line(fh: Any) -> None:
    """Read past the end of the current line in bounded pieces."""
    while True:
        piece = fh.readline(1 << 20)
        if not piece or piece[-1:] in (b"\n", "\n", "\r"):
            return


def _read_json_array(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    src = shown_path(str(path))
    with open_binary(path) as fh:
        data = fh.read(config.max_article_bytes * 20 + 1)
    if len(data) > config.max_article_bytes * 20:
        yield IngestFailure(
            src,
            "JSON array too large to load at once; export it as JSONL "
            "(one object per line) to stream it",
        )
        return
    text, _ = decode_bytes(data)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as e:
        yield IngestFailure(src, f"invalid JSON at line {e.lineno} column {e.colno} ({e.msg})")
        return
    if isinstance(records, Mapping):
        # {"articles": [...]} wrappers (NewsAPI and similar)
        lists = [v for v in records.values() if isinstance(v, list)]
        records = lists[0] if len(lists) == 1 else [records]
    if not isinstance(records, list):
        yield IngestFailure(src, "JSON file holds neither an array nor an object")
        return
    for i, record in enumerate(records, start=1):
        yield _record_document(src, i, record, "json", config)


class _LineTooLong(Exception):
    pass


class _BoundedLines:
    """The lines of a text stream for :mod:`csv`, none longer than ``limit`` characters.

    An over-long line is read past in bounded pieces and raises :class:`_LineTooLong`;
    the next call goes on with the line after it, so the csv reader reads on.
    """

    def __init__(self, stream: io.TextIOBase, limit: int) -> None:
        self.stream, self.limit, self.line_no = stream, limit, 0

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.line_no += 1
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            _skip_rest_of_line(self.stream)
            raise _LineTooLong
        return line


def _read_csv(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    src = shown_path(str(path))
    with open_binary(path) as fh:
        sample = fh.read(65536)
    sample_text, encoding = decode_bytes(sample)
    delimiter = "\t" if inner_suffix(path) == ".tsv" else ","
    try:
        delimiter = csv.Sniffer().sniff(sample_text.split("\n", 5)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    # Fields up to a whole record's size are parsed, so a text field over the article limit
    # fails its own row only (_record_document refuses it) instead of stopping the file (#18).
    csv.field_size_limit(config.max_record_bytes)
    with open_binary(path) as fh:
        stream = io.TextIOWrapper(
            cast(io.BufferedReader, fh),  # a gzip reader reads the same way
            encoding=encoding if encoding != "utf-8" else "utf-8-sig",
            errors="replace",
            newline="",
        )
        lines = _BoundedLines(stream, config.max_record_bytes)
        reader = csv.DictReader(lines, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
        except (csv.Error, _LineTooLong) as e:
            yield IngestFailure(src, f"unreadable CSV header ({e or 'line too long'})")
            return
        row_no = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except _LineTooLong:
                row_no += 1
                yield IngestFailure(
                    src, f"line {lines.line_no}: {_too_long(config.max_record_bytes)}; row skipped"
                )
                continue
            except csv.Error as e:
                row_no += 1
                yield IngestFailure(src, f"line {lines.line_no}: malformed CSV ({e}); row skipped")
                continue
            row_no += 1
            extra = row.pop(None, None)
            if extra:
                # A row with more values than the header has (#18): the row is stored.
                log.warning(
                    "%s row %d: %d value(s) beyond the header's %d columns dropped",
                    src,
                    row_no,
                    len(extra),
                    len(header),
                )
            yield _record_document(src, row_no, row, "csv", config)


# ---- WARC (CC-NEWS style crawls)


def _read_feed(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    """Each item of an RSS or Atom feed (feedparser) as a document: its full content when
    the feed carries it, else its summary; title, link, date, author and the outlet (the
    link's, else the feed's title) from the item and the feed."""
    import feedparser

    src = shown_path(str(path))
    data = read_limited(path, config.max_feed_bytes)
    if len(data) > config.max_feed_bytes:
        yield IngestFailure(
            src, f"feed too large (limit {config.max_feed_bytes / 1e6:.0f} MB); split it"
        )
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        why = f" ({feed.get('bozo_exception')})" if feed.get("bozo") else ""
        yield IngestFailure(src, f"RSS/Atom feed without items{why}")
        return
    feed_title = _as_text(feed.feed.get("title"))
    broken = feed.get("bozo_exception") if feed.get("bozo") else None
    if isinstance(broken, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        broken = None  # a wrong declared encoding or content type: the feed still reads
    if broken is not None:
        yield IngestFailure(src, f"malformed feed ({broken}); items before the damage were kept")
    for no, entry in enumerate(feed.entries, start=1):
        content = entry.get("content") or []
        body = _as_text(content[0].get("value")) if content else None
        body = body or _as_text(entry.get("summary")) or _as_text(entry.get("description"))
        if not body or not body.strip():
            yield IngestFailure(src, "feed item without text (no content or summary)", no)
            continue
        if len(body.encode("utf-8", "surrogatepass")) > config.max_article_bytes:
            yield IngestFailure(
                src, f"feed item too large (limit {config.max_article_bytes / 1e6:.0f} MB)", no
            )
            continue
        url = _as_text(entry.get("link"))
        title = _as_text(entry.get("title"))
        meta: dict[str, Any] = {
            "title": title.strip() if title else None,
            "url": url,
            "published": parse_date_field(entry.get("published") or entry.get("updated")),
            "outlet": outlet_from_url(url) or (feed_title.strip() if feed_title else None),
            "author": _as_text(entry.get("author")),
        }
        sha = content_sha(json.dumps([url, title, body], ensure_ascii=False))
        if "<" in body and re.search(r"<[a-z][a-z0-9]*\b[^>]*>", body, re.I):
            doc = html_document(src, no, body, sha, fmt="feed", url=url)
            if isinstance(doc, IngestFailure):
                yield doc
                continue
            meta = {k: v for k, v in meta.items() if v is not None}
            yield _replace(doc, **meta)
        else:
            yield RawDocument(source_path=src, record=no, format="feed", raw=body,
                              content_sha=sha, **meta)  # fmt: skip


# --------------------------------------------------------------------------- offsets helper


def identity_map(text: str) -> OffsetMap:
    """An offset map for text that is its own original."""
    return OffsetMap((Segment(0, len(text), 0, len(text)),))
