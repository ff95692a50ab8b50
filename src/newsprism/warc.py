"""WARC input (CC-NEWS style crawls): the HTML responses of a ``.warc`` or ``.warc.gz`` file
as documents, streamed record by record, and the file cut into shards for parallel readers.

Needs the ``warc`` extra (warcio).
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsprism.files import (
    IngestConfig,
    content_sha,
    decode_bytes,
    inner_suffix,
    open_plain,
    os_reason,
)
from newsprism.htmltext import html_document
from newsprism.metadata import parse_date_field
from newsprism.model import IngestFailure, RawDocument, shown_path

__all__ = ["is_warc", "read_warc", "warc_shards"]

log = logging.getLogger(__name__)

_WARC_NEEDS = "WARC input needs: pip install 'newsprism[warc]'"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    """True for ``.warc`` and ``.warc.gz`` files."""
    return inner_suffix(path) == ".warc"


def warc_shards(path: Path, *, records: int = 64) -> Iterator[tuple[int, int, int, int]]:
    """Cut a WARC file into shards of ``records`` records for parallel readers.

    Yields ``(offset, skip, first, count)`` for :func:`read_warc`: seek to byte ``offset``,
    skip ``skip`` records, then read ``count`` records numbered from ``first``. Records of
    a ``.warc.gz`` are separate gzip members, so a shard starts at its first record; a
    file compressed as one stream has one offset, and shards skip records instead. A file
    that cannot be scanned is one shard, and :func:`read_warc` reports its problem.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield (0, 0, 1, -1)
        return
    start: tuple[int, int, int] | None = None  # (offset, skip, first) of the open shard
    count = 0
    last_offset, same = -1, 0
    try:
        with open_plain(path) as fh:
            it = ArchiveIterator(fh)
            for i, _record in enumerate(it):
                offset = it.get_record_offset()
                same = same + 1 if offset == last_offset else 0
                last_offset = offset
                if start is None:
                    start, count = (offset, same, i + 1), 0
                count += 1
                if count >= records:
                    yield (*start, count)
                    start = None
    except Exception:  # unreadable or damaged: read_warc reports it record by record
        log.debug("cannot scan %s for shards", path, exc_info=True)
        if start is None and last_offset < 0:
            yield (0, 0, 1, -1)
            return
    if start is not None:
        yield (*start, -1)  # the last shard reads to the end (and reports any damage)


def read_warc(
    path: Path,
    *,
    config: IngestConfig | None = None,
    offset: int = 0,
    skip: int = 0,
    first: int = 1,
    limit: int = -1,
) -> Iterator[RawDocument | IngestFailure]:
    """Stream the HTML responses of a WARC file (``.warc``, ``.warc.gz``) as documents.

    Records are read one at a time (memory stays flat whatever the file size). Each HTTP
    response with an HTML body goes through the HTML path (trafilatura); the record's
    ``WARC-Target-URI`` is the article URL and ``WARC-Date`` the date when the page has
    none. Requests, metadata, redirects, errors and non-HTML responses are skipped.
    ``record`` is the record's number in the file (1-based, all record types counted).
    ``offset``/``skip``/``first``/``limit`` read one shard (see :func:`warc_shards`).
    """
    config = config or IngestConfig()
    src = shown_path(str(path))
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield IngestFailure(src, _WARC_NEEDS)
        return
    number = first - 1
    valid = False  # a WARC record was read
    try:
        with open_plain(path) as fh:
            fh.seek(offset)
            for i, record in enumerate(ArchiveIterator(fh)):
                if i < skip:
                    continue
                if 0 <= limit <= i - skip:
                    break
                number = first + i - skip
                if record.format != "warc":  # warcio also reads old ARC files, and junk as ARC
                    raise ArchiveLoadFailed(f"{record.format} record, not WARC")
                valid = True
                doc = _warc_document(src, number, record, config)
                if doc is not None:
                    yield doc
    except ArchiveLoadFailed as e:
        if "non-chunked gzip" in str(e):
            yield IngestFailure(
                src,
                "gzip-compressed as one stream; a .warc.gz must compress each record "
                "separately: run `warcio recompress IN OUT` and ingest OUT",
            )
            return
        reason = " ".join(str(e).split())[:200]
        if number < first or not valid:
            yield IngestFailure(src, f"not a WARC file ({reason})")
        else:
            yield IngestFailure(
                src, f"damaged after record {number} ({reason}); records before were kept"
            )
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield IngestFailure(
            src, f"truncated or corrupt WARC after record {number} ({e}); records before were kept"
        )
    except OSError as e:
        yield IngestFailure(src, os_reason(e, path))


def _warc_document(
    src: str, number: int, record: Any, config: IngestConfig
) -> RawDocument | IngestFailure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or (ctype and not ctype.startswith(_HTML_TYPES)):
        return None
    data = record.content_stream().read(config.max_article_bytes + 1)
    if len(data) > config.max_article_bytes:
        return IngestFailure(
            src,
            f"page too large for one article (over {config.max_article_bytes / 1e6:.0f} MB)",
            number,
        )
    missing = getattr(record.raw_stream, "limit", 0)
    if missing and not record.raw_stream.read(1):
        # The file ends before the record's declared length: a page cut short is no
        # article to store as if it were whole (#18).
        return IngestFailure(
            src, f"record cut short ({missing} bytes missing at the end of the file)", number
        )
    if not data.strip():
        return None
    charset = re.search(r"charset=[\"']?([\w-]+)", ctype)
    text = None
    if charset:
        try:
            text = data.decode(charset.group(1))
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text, _ = decode_bytes(data)
    if not ctype and "<html" not in text[:2000].lower():
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    doc = html_document(src, number, text, content_sha(data), fmt="warc", url=uri)
    if isinstance(doc, RawDocument):
        warc_date = parse_date_field(record.rec_headers.get_header("WARC-Date"))
        doc = replace(doc, url=uri or doc.url, published=doc.published or warc_date)
    return doc
