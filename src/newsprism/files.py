"""Opening and decoding input files: regular files only (never a FIFO or a device), gzip
read transparently, bytes decoded whatever their encoding; and the reading options
(:class:`IngestConfig`) the readers share.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "IngestConfig",
    "NotRegularFile",
    "content_sha",
    "decode_bytes",
    "file_kind",
    "inner_suffix",
    "looks_binary",
    "open_binary",
    "open_plain",
    "os_reason",
    "read_limited",
]


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


def file_kind(mode: int) -> str:
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


def os_reason(e: OSError, path: Path) -> str:
    """What an OSError met while opening ``path`` means, in words."""
    if isinstance(e, NotRegularFile):
        return str(e)
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT:
        return "broken symbolic link" if path.is_symlink() else "no such file or directory"
    return f"cannot read file ({e.strerror or e})"


class NotRegularFile(OSError):
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
            raise NotRegularFile(f"not a regular file ({file_kind(mode)}); skipped")
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


def open_plain(path: Path) -> io.BufferedReader:
    return open(path, "rb", opener=_open_regular)


def open_binary(path: Path) -> io.BufferedIOBase:
    fh = open_plain(path)
    if path.suffix.lower() == ".gz":
        return _GzipReader(fh)
    return fh


def inner_suffix(path: Path) -> str:
    """Extension that describes the content (``a.jsonl.gz`` → ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def content_sha(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


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


def read_limited(path: Path, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes (so callers can tell that a file is too big)."""
    with open_binary(path) as fh:
        return fh.read(limit + 1)
