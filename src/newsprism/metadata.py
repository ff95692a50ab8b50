"""Article metadata from text and URLs: dates written in any common way, the date a news
URL carries, and the outlet a URL's domain names (``data/outlets.json``).

Used by the readers (:mod:`newsprism.ingest`, :mod:`newsprism.warc`) for the fields of a
record, and by the cleaner (:mod:`newsprism.clean`) for the lines of a scraped page.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

__all__ = ["date_from_url", "outlet_from_url", "parse_date", "parse_date_field"]

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
