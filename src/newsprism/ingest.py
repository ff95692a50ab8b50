"""Read news files from disk into :class:`RawDocument` records.

Readers are chosen by content and extension: scraped plain text, HTML pages (main text and
metadata with trafilatura), JSONL / JSON arrays / CSV exports (field names detected, or set
with ``fields``). Folders are walked recursively and ``.gz`` files are read transparently.
Every problem becomes an :class:`IngestFailure` naming the file (and record) and the reason;
reading goes on with the next record or file.
"""

from __future__ import annotations

import csv
import errno
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsprism.model import IngestFailure, OffsetMap, RawDocument, Segment, shown_path

__all__ = [
    "IngestConfig",
    "iter_files",
    "read_path",
    "read_paths",
    "decode_bytes",
    "parse_date",
    "outlet_from_url",
    "FIELD_NAMES",
    "is_warc",
    "read_warc",
    "warc_shards",
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


@dataclass(frozen=True)
class IngestConfig:
    """Options for reading inputs."""

    # Field overrides for JSON/CSV exports: {"text": "body", "date": "pubDate"}.
    fields: Mapping[str, str] = field(default_factory=dict)
    # One article larger than this is refused (a 50 MB "article" is not an article).
    max_article_bytes: int = 5_000_000
    # One JSONL line or CSV line longer than this is one failed record, read in bounded
    # pieces and skipped: memory stays flat whatever a line holds (#18).
    max_record_bytes: int = 20_000_000
    # JSONL/CSV files are streamed record by record, whatever their size.
    # An RSS/Atom feed is parsed whole: larger ones are refused.
    max_feed_bytes: int = 50_000_000


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
            yield IngestFailure(shown_path(str(path)), _os_reason(e, path))
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
        return _os_reason(e, Path(full))
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file ({_file_kind(st.st_mode)}); skipped"
    return None


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _os_reason(e: OSError, path: Path) -> str:
    """What an OSError met while opening ``path`` means, in words."""
    if isinstance(e, _NotRegularFile):
        return str(e)
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT:
        return "broken symbolic link" if path.is_symlink() else "no such file or directory"
    return f"cannot read file ({e.strerror or e})"


class _NotRegularFile(OSError):
    pass


def _open_regular(path: str | os.PathLike[str], flags: int) -> int:
    """``open()`` opener that refuses FIFOs, sockets and devices without waiting on them.

    O_NONBLOCK makes opening a FIFO return at once; the check is on the opened descriptor,
    so a file swapped for a FIFO after the folder walk is refused too (#18).
    """
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegularFile(f"not a regular file ({_file_kind(mode)}); skipped")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


class _GzipReader(gzip.GzipFile):
    """A gzip reader that closes the file under it (``GzipFile(fileobj=)`` leaves it open)."""

    def __init__(self, fh: io.BufferedReader) -> None:
        super().__init__(fileobj=fh, mode="rb")
        self._under = fh

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._under.close()


def _open_plain(path: Path) -> io.BufferedReader:
    return open(path, "rb", opener=_open_regular)


def _open_binary(path: Path) -> io.BufferedIOBase:
    fh = _open_plain(path)
    if path.suffix.lower() == ".gz":
        return _GzipReader(fh)
    return fh


def _inner_suffix(path: Path) -> str:
    """Extension that describes the content (``a.jsonl.gz`` → ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _sha(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- decoding


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text: NUL bytes or many control characters."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16 text has NULs too; it is recognised by its byte-order mark, or without one
        # by the NULs of its ASCII characters on one side of every pair (#18).
        bom = sample.startswith((b"\xff\xfe", b"\xfe\xff"))
        return not (bom or _utf16_without_bom(sample))
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` is UTF-16 text without a byte-order
    mark, else None.

    The sign: NULs in at least a third of the high bytes and almost none in the low ones
    (the ASCII letters, digits and spaces of Latin-script text), and a strict decoding to
    printable text.
    """
    sample = data[:8192]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) >= len(high) / 3 and low.count(0) <= len(low) / 100:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:  # the sample may end inside a surrogate pair
                try:
                    text = sample[:-2].decode(encoding)
                except UnicodeDecodeError:
                    continue
            shown = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
            if text and shown / len(text) >= 0.98:
                return encoding
    return None


# The letters of the languages each Latin-script Windows code page serves. Text that is
# not UTF-8 is read by the page under which one of its languages explains every accented
# letter, Western (cp1252) first: a Lithuanian "pareiškė" read as cp1252 is "pareiðkë",
# which no language writes, and a Polish "powiedział" is "powiedzia³" (#18).
_LATIN_PAGES: dict[str, tuple[str, ...]] = {
    "cp1252": (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóù",  # Italian
        "áàéèëïóöü",  # Dutch
        "æøåéó",  # Danish, Norwegian
        "åäöé",  # Swedish, Finnish
        "àçèéíïòóúü",  # Catalan
        "áðéíóúýþæö",  # Icelandic
    ),
    "cp1250": (
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Slovene
        "ăâîşţ",  # Romanian
    ),
    "cp1257": (
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äõöüšž",  # Estonian
    ),
    "cp1254": ("çğıöşüâî",),  # Turkish
}


def _latin_reading(data: bytes) -> tuple[str, str] | None:
    """The reading of ``data`` by the Latin code page that best explains its accented letters.

    A page's score is the largest share of the text's accented letters (and of the symbols
    glued to a word's end, such as the ³ that a Polish ł becomes) that one of its languages
    writes. Ties go to the earlier page, cp1252 first; None when no page decodes ``data``.
    """
    import unicodedata

    best: tuple[float, str, str] | None = None
    for encoding, languages in _LATIN_PAGES.items():
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        found = [
            ch.lower()
            for i, ch in enumerate(text)
            if ord(ch) > 127
            and (
                ch.isalpha()
                or (i > 0 and text[i - 1].isalpha() and unicodedata.category(ch) == "No")
                or (ch in "¿¡" and i > 0 and text[i - 1].isalpha())
            )
        ]
        if found:
            score = max(sum(ch in letters for ch in found) for letters in languages) / len(found)
        else:
            score = 1.0
        if best is None or score > best[0]:
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None


def _is_latin_script(text: str) -> bool:
    """Most non-ASCII letters of ``text`` are Latin (é, ł), not Cyrillic, Greek, CJK..."""
    import unicodedata

    found = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    if not found:
        return True
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in found)
    return latin / len(found) >= 0.8


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 if it is, else by the detected encoding; return (text, encoding).

    UTF-16 is recognised with or without a byte-order mark. Other text is read by
    charset-normalizer's guess when that is another script (Cyrillic, Greek, Japanese...),
    else by the Latin code page that explains its letters best, Western (cp1252) first.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:8192] else None
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            text: str | None = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        # The detector tells scripts apart well, but among Latin code pages it guesses
        # (Latin-1 German came out as cp775: "Cafķ owners in M³nchen", #18).
        if text is not None and not _is_latin_script(text):
            return text, best.encoding
    latin = _latin_reading(data)
    if latin is not None:
        return latin
    return data.decode("latin-1"), "latin-1"


def _read_limited(path: Path, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes (so callers can tell that a file is too big)."""
    with _open_binary(path) as fh:
        return fh.read(limit + 1)


# --------------------------------------------------------------------------- metadata helpers

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_LINE_PATTERNS = [
    re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)$"),  # 20220208
    re.compile(
        r"^(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
        r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
    ),  # ISO 8601
    re.compile(r"^(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d{2})$"),  # 20.02.2022
]
_WORD_DATE = re.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?P<mon>{_MONTHS})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTHS})\.?,?\s+(?P<y2>(?:19|20)\d{{2}}))"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?$",
    re.IGNORECASE,
)
_MONTH_NUM = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


def parse_date(text: str | None) -> datetime | date | None:
    """Parse a whole string that is a date (``20220208``, ``February 21, 2022``, ISO 8601).

    Returns a ``datetime`` when a time is given, a ``date`` otherwise, None when the string
    is not a date on its own. Never guesses from partial information.
    """
    if not text:
        return None
    s = text.strip().strip(".")
    if len(s) > 60:
        return None
    for pat in _DATE_LINE_PATTERNS:
        m = pat.match(s)
        if m:
            try:
                g = m.groupdict()
                d = date(int(g["y"]), int(g["m"]), int(g["d"]))
                if g.get("H"):
                    from dateutil import parser as dparser

                    return dparser.isoparse(s) if g.get("tz") != "+0000" else dparser.parse(s)
                return d
            except (ValueError, OverflowError):
                return None
    m = _WORD_DATE.match(s)
    if m:
        g = m.groupdict()
        mon = (g["mon"] or g["mon2"]).lower()
        try:
            return date(int(g["y"] or g["y2"]), _MONTH_NUM[mon], int(g["d"] or g["d2"]))
        except (ValueError, KeyError):
            return None
    return None


def parse_date_field(value: Any) -> datetime | date | None:
    """Parse a date found in a structured field (more formats accepted than in free text)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        try:
            ts = float(value) / (1000 if value > 1e11 else 1)
            return datetime.utcfromtimestamp(ts)
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    found = parse_date(s)
    if found is not None:
        return found
    try:
        from dateutil import parser as dparser

        dt = dparser.parse(s)
    except (ValueError, OverflowError):
        return None
    return dt


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?([01]\d)[/-]?([0-3]\d)(?:/|-|\b)")


def date_from_url(url: str | None) -> date | None:
    """The date a news URL carries in its path (``/2022/02/08/``, ``/20220220/``), if any."""
    if not url:
        return None
    m = _URL_DATE.search(urlparse(url).path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _load_outlets() -> dict[str, str]:
    from importlib.resources import files

    data = files("newsprism").joinpath("data/outlets.json").read_text(encoding="utf-8")
    return dict(json.loads(data))


_OUTLETS: dict[str, str] | None = None


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name from a URL's domain ("Sputnik"), else the bare domain."""
    global _OUTLETS
    if not url:
        return None
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    if not host or "." not in host:
        return None
    if _OUTLETS is None:
        _OUTLETS = _load_outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = _OUTLETS.get(".".join(parts[i:]))
        if name:
            return name
    for prefix in ("www.", "m.", "amp.", "mobile.", "edition.", "english."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


# --------------------------------------------------------------------------- readers


# An RSS, RDF or Atom document: its root element after any XML declaration, comments and
# processing instructions.
_FEED_ROOT = re.compile(r"(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:rss|rdf:RDF|feed)\b", re.S)


def _sniff_format(path: Path, head: str) -> str:
    ext = _inner_suffix(path)
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
        with _open_binary(path) as fh:
            head_bytes = fh.read(65536)
    except (gzip.BadGzipFile, zlib.error) as e:
        yield IngestFailure(src, f"not a valid gzip file ({e})")
        return
    except EOFError:
        yield IngestFailure(src, "truncated gzip file (compressed data ended early)")
        return
    except _NotRegularFile as e:
        yield IngestFailure(src, str(e))
        return
    except OSError as e:
        yield IngestFailure(src, _os_reason(e, path))
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
    data = _read_limited(path, config.max_article_bytes)
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
        yield _html_document(src, None, text, _sha(data), fmt="html")
    else:
        yield _text_document(src, None, text, _sha(data), encoding)


def _text_document(src: str, record: int | None, text: str, sha: str, encoding: str) -> RawDocument:
    return RawDocument(
        source_path=src,
        record=record,
        format="text",
        raw=text,
        content_sha=sha,
        extra={"encoding": encoding},
    )


def _html_document(
    src: str, record: int | None, html: str, sha: str, *, fmt: str, url: str | None = None
) -> RawDocument | IngestFailure:
    from newsprism.htmltext import extract_html

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
    sha = _sha(json.dumps(record, sort_keys=True, default=str, ensure_ascii=False))
    published = parse_date_field(_pick(record, "date", config))
    if "<" in body[:2000] and re.search(r"<(p|div|html|body|article)\b", body[:5000], re.I):
        doc = _html_document(src, record_no, body, sha, fmt=fmt, url=url)
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
    from dataclasses import replace

    return replace(doc, **changes)


def _read_jsonl(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    src = shown_path(str(path))
    limit = config.max_record_bytes
    with _open_binary(path) as fh:
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
    with _open_binary(path) as fh:
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
    with _open_binary(path) as fh:
        sample = fh.read(65536)
    sample_text, encoding = decode_bytes(sample)
    delimiter = "\t" if _inner_suffix(path) == ".tsv" else ","
    try:
        delimiter = csv.Sniffer().sniff(sample_text.split("\n", 5)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    # Fields up to a whole record's size are parsed, so a text field over the article limit
    # fails its own row only (_record_document refuses it) instead of stopping the file (#18).
    csv.field_size_limit(config.max_record_bytes)
    with _open_binary(path) as fh:
        stream = io.TextIOWrapper(
            fh,
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
            extra = row.pop(None, None)  # type: ignore[call-overload]
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

_WARC_NEEDS = "WARC input needs: pip install 'newsprism[warc]'"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _read_feed(path: Path, config: IngestConfig) -> Iterator[RawDocument | IngestFailure]:
    """Each item of an RSS or Atom feed (feedparser) as a document: its full content when
    the feed carries it, else its summary; title, link, date, author and the outlet (the
    link's, else the feed's title) from the item and the feed."""
    import feedparser  # type: ignore[import-untyped]

    src = shown_path(str(path))
    data = _read_limited(path, config.max_feed_bytes)
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
        meta = {
            "title": title.strip() if title else None,
            "url": url,
            "published": parse_date_field(entry.get("published") or entry.get("updated")),
            "outlet": outlet_from_url(url) or (feed_title.strip() if feed_title else None),
            "author": _as_text(entry.get("author")),
        }
        sha = _sha(json.dumps([url, title, body], ensure_ascii=False))
        if "<" in body and re.search(r"<[a-z][a-z0-9]*\b[^>]*>", body, re.I):
            doc = _html_document(src, no, body, sha, fmt="feed", url=url)
            if isinstance(doc, IngestFailure):
                yield doc
                continue
            meta = {k: v for k, v in meta.items() if v is not None}
            yield _replace(doc, **meta)
        else:
            yield RawDocument(source_path=src, record=no, format="feed", raw=body,
                              content_sha=sha, **meta)  # fmt: skip


def is_warc(path: Path) -> bool:
    """True for ``.warc`` and ``.warc.gz`` files."""
    return _inner_suffix(path) == ".warc"


def warc_shards(path: Path, *, records: int = 64) -> Iterator[tuple[int, int, int, int]]:
    """Cut a WARC file into shards of ``records`` records for parallel readers.

    Yields ``(offset, skip, first, count)`` for :func:`read_warc`: seek to byte ``offset``,
    skip ``skip`` records, then read ``count`` records numbered from ``first``. Records of
    a ``.warc.gz`` are separate gzip members, so a shard starts at its first record; a
    file compressed as one stream has one offset, and shards skip records instead. A file
    that cannot be scanned is one shard, and :func:`read_warc` reports its problem.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    except ImportError:
        yield (0, 0, 1, -1)
        return
    start: tuple[int, int, int] | None = None  # (offset, skip, first) of the open shard
    count = 0
    last_offset, same = -1, 0
    try:
        with _open_plain(path) as fh:
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
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
    except ImportError:
        yield IngestFailure(src, _WARC_NEEDS)
        return
    number = first - 1
    valid = False  # a WARC record was read
    try:
        with _open_plain(path) as fh:
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
        yield IngestFailure(src, _os_reason(e, path))


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
    doc = _html_document(src, number, text, _sha(data), fmt="warc", url=uri)
    if isinstance(doc, RawDocument):
        warc_date = parse_date_field(record.rec_headers.get_header("WARC-Date"))
        doc = replace(doc, url=uri or doc.url, published=doc.published or warc_date)
    return doc


# --------------------------------------------------------------------------- offsets helper


def identity_map(text: str) -> OffsetMap:
    """An offset map for text that is its own original."""
    return OffsetMap((Segment(0, len(text), 0, len(text)),))
