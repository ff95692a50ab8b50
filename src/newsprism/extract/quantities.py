"""Find quantities in text: value, normalised unit, approximation and what they measure.

Numbers (digits, "1.2 billion", "three million", "five") are found with regular
expressions together with a currency sign before them or a unit after them ("$84 billion",
"105 minutes", "19 per cent", "87 mph", "$58.24 per barrel"). Unit names are normalised to
singular British spellings ("kilometre", "mile per hour", "pound sterling"; ``percent`` for
"%", "pc", "per cent"). A number followed by a noun and no unit is a count (``unit=None``).

Dates, clock times, years, ordinals and numbers that are part of names ("Model 3",
"S&P 500", "Game 7") are not quantities. A range ("15-22 miles", "between 50 and 70", "$3
billion to $5 billion") gives two quantities over the same span: the low end with
``approx="at least"`` and the high end with ``approx="up to"``.

``measures`` (what is counted or measured) comes from the dependency parse, run only on the
sentences that contain a quantity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.model import Article, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_quantities", "extract_quantities_all", "find_quantities", "iter_quantities"]

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "half": 0.5,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
    "trn": 1e12, "dozen": 12.0,
}  # fmt: skip

# Currency signs and codes written before the number.
CURRENCY_PRE = {
    "us$": "dollar", "u.s.$": "dollar", "$": "dollar", "a$": "australian dollar",
    "au$": "australian dollar", "$a": "australian dollar", "c$": "canadian dollar",
    "ca$": "canadian dollar", "nz$": "new zealand dollar", "hk$": "hong kong dollar",
    "s$": "singapore dollar", "r$": "brazilian real", "€": "euro", "£": "pound sterling",
    "¥": "japanese yen", "₹": "indian rupee", "rs": "indian rupee", "rs.": "indian rupee",
    "usd": "dollar", "eur": "euro", "gbp": "pound sterling", "jpy": "japanese yen",
    "rm": "malaysian ringgit", "chf": "swiss franc", "cny": "chinese yuan", "rmb": "chinese yuan",
    "₽": "russian ruble", "₴": "ukrainian hryvnia", "us $": "dollar", "hk $": "hong kong dollar",
    "nz $": "new zealand dollar", "ps": "pound sterling", "$us": "dollar", "y=": "japanese yen",
}  # fmt: skip

# Unit words after the number: surface form (lower case) -> normalised unit.
UNITS_CI = {
    "percent": "percent", "per cent": "percent", "percentage points": "percentage point",
    "percentage point": "percentage point", "pc": "percent", "pct": "percent",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "points": "point", "point": "point", "pts": "point",
    "magnitude": "magnitude", "on the richter scale": "magnitude",
    "dollars": "dollar", "dollar": "dollar", "us dollars": "dollar", "u.s. dollars": "dollar",
    "australian dollars": "australian dollar", "canadian dollars": "canadian dollar",
    "hong kong dollars": "hong kong dollar", "euros": "euro", "euro": "euro",
    "pounds sterling": "pound sterling", "sterling": "pound sterling", "yen": "japanese yen",
    "yuan": "chinese yuan", "renminbi": "chinese yuan", "rupees": "indian rupee",
    "rubles": "russian ruble", "roubles": "russian ruble", "ruble": "russian ruble",
    "rouble": "russian ruble", "hryvnias": "ukrainian hryvnia", "hryvnia": "ukrainian hryvnia",
    "shekels": "shekel", "shekel": "shekel", "francs": "swiss franc",
    "ringgit": "malaysian ringgit",
    "danish crowns": "danish krone", "kroner": "danish krone", "krone": "danish krone",
    "kronor": "swedish krona", "won": "south korean won", "cents": "cent", "cent": "cent",
    "pence": "penny", "sen": "sen", "jpy": "japanese yen", "usd": "dollar", "eur": "euro",
    "gbp": "pound sterling", "chf": "swiss franc", "€": "euro", "£": "pound sterling",
    "seconds": "second", "second": "second", "secs": "second", "sec": "second",
    "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour",
    "days": "day", "day": "day", "nights": "night", "night": "night", "weeks": "week",
    "week": "week", "months": "month", "month": "month", "years": "year", "year": "year",
    "decades": "decade", "decade": "decade",
    "centuries": "century", "century": "century",
    "kilometres": "kilometre", "kilometers": "kilometre", "kilometre": "kilometre",
    "kilometer": "kilometre", "km": "kilometre", "kms": "kilometre",
    "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre",
    "centimetres": "centimetre", "centimeters": "centimetre", "cm": "centimetre",
    "millimetres": "millimetre", "millimeters": "millimetre", "millimeter": "millimetre",
    "millimetre": "millimetre", "mm": "millimetre", "nanometres": "nanometre",
    "nanometers": "nanometre", "nanometer": "nanometre", "nanometre": "nanometre",
    "micrometres": "micrometre", "micrometers": "micrometre", "μm": "micrometre",
    "nautical miles": "nautical mile", "nautical mile": "nautical mile",
    "miles": "mile", "mile": "mile", "yards": "yard", "yard": "yard", "feet": "foot",
    "foot": "foot", "ft": "foot", "inches": "inch", "inch": "inch", "in.": "inch",
    "square miles": "square mile", "square mile": "square mile", "square feet": "square foot",
    "square foot": "square foot", "sq ft": "square foot", "square metres": "square metre",
    "square meters": "square metre", "sq m": "square metre", "m2": "square metre",
    "square kilometres": "square kilometre", "square kilometers": "square kilometre",
    "sq km": "square kilometre", "km2": "square kilometre", "cubic feet": "cubic foot",
    "cubic metres": "cubic metre", "cubic meters": "cubic metre", "acres": "acre",
    "acre": "acre", "hectares": "hectare", "hectare": "hectare",
    "mph": "mile per hour", "miles per hour": "mile per hour", "miles an hour": "mile per hour",
    "km/h": "kilometre per hour", "km/hr": "kilometre per hour", "kph": "kilometre per hour",
    "kmh": "kilometre per hour", "kilometres per hour": "kilometre per hour",
    "kilometers per hour": "kilometre per hour", "knots": "knot",
    "mpg": "mile per gallon", "miles per gallon": "mile per gallon",
    "rpm": "revolutions per minute",
    "kilograms": "kilogram", "kilogram": "kilogram", "kg": "kilogram", "kgs": "kilogram",
    "grams": "gram", "gram": "gram", "milligrams": "milligram", "mg": "milligram",
    "tonnes": "tonne", "tonne": "tonne", "tons": "ton", "ton": "ton", "metric tons": "tonne",
    "pounds": "pound-mass", "lbs": "pound-mass", "lb": "pound-mass", "ounces": "ounce",
    "ounce": "ounce", "oz": "ounce",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "l": "litre",
    "millilitres": "millilitre", "milliliters": "millilitre", "ml": "millilitre",
    "gallons": "gallon", "gallon": "gallon", "pints": "pint", "pint": "pint", "quarts": "quart",
    "quart": "quart", "barrels": "barrel", "barrel": "barrel", "bpd": "barrel per day",
    "degrees celsius": "celsius", "degrees fahrenheit": "fahrenheit", "celsius": "celsius",
    "fahrenheit": "fahrenheit", "degrees": "degree", "degree": "degree", "°c": "celsius",
    "°f": "fahrenheit", "°": "degree",
    "watts": "watt", "watt": "watt", "kilowatts": "kilowatt", "kilowatt": "kilowatt",
    "kw": "kilowatt", "megawatts": "megawatt", "megawatt": "megawatt", "mw": "megawatt",
    "gigawatts": "gigawatt", "gigawatt": "gigawatt", "gw": "gigawatt", "kwh": "kilowatt hour",
    "kilowatt-hours": "kilowatt hour", "kilowatt hours": "kilowatt hour", "mwh": "megawatt hour",
    "gwh": "gigawatt hour", "twh": "terawatt hour", "horsepower": "horsepower", "hp": "horsepower",
    "bhp": "brake horsepower", "volts": "volt", "volt": "volt", "amps": "ampere",
    "mah": "milliampere-hour", "hertz": "hertz", "hz": "hertz", "ghz": "gigahertz",
    "mhz": "megahertz", "gigabytes": "gigabyte", "gigabyte": "gigabyte", "gb": "gigabyte",
    "megabytes": "megabyte", "mb": "megabyte", "terabytes": "terabyte", "tb": "terabyte",
    "gigapascals": "gigapascal", "gpa": "gigapascal", "decibels": "decibel", "db": "decibel",
    "ppb": "parts-per-billion", "ppm": "parts-per-million", "calories": "calorie",
    "pound-feet": "pound-foot", "lb-ft": "foot pound-force", "nm": "newton metre",
}  # fmt: skip
# Symbols whose case matters ("5 m" vs "5 M"), checked before the case-insensitive table.
UNITS_CS = {
    "%": "percent", "W": "watt", "F": "farad", "C": "celsius", "m": "metre", "p": "penny",
    "PS": "horsepower", "g": "gram", "″": "inch", "\"": "inch", "GB": "gigabyte",
}  # fmt: skip
_PER_UNITS = {
    "share": "share", "barrel": "barrel", "day": "day", "year": "year", "month": "month",
    "season": "season",
    "week": "week", "hour": "hour", "gallon": "gallon", "ounce": "ounce", "gram": "gram",
    "square foot": "square foot", "square feet": "square foot", "sq ft": "square foot",
    "square metre": "square metre", "square meter": "square metre", "sq m": "square metre",
    "person": "person", "head": "person", "litre": "litre", "liter": "litre", "mile": "mile",
    "kilometre": "kilometre", "kilometer": "kilometre", "km": "kilometre", "tonne": "tonne",
    "ton": "ton", "kilogram": "kilogram", "kg": "kilogram", "kwh": "kilowatt hour",
    "mmbtu": "mega british thermal unit", "annum": "year", "capita": "person", "night": "night",
    "game": "game", "minute": "minute", "second": "second",
}  # fmt: skip
_APPROX = [
    "approximately",
    "about",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
    "close to",
    "more than",
    "over",
    "above",
    "at least",
    "up to",
    "less than",
    "under",
    "below",
    "fewer than",
    "at most",
    "as many as",
    "as much as",
    "as few as",
    "just over",
    "just under",
    "well over",
    "upwards of",
    "an estimated",
    "estimated",
    "no more than",
    "no fewer than",
    "no less than",
    "in excess of",
    "roughly",
    "around",
    "only",
    "just",
]
_APPROX_NORMAL = {"approximately": "about", "around": "about", "roughly": "about", "some": "about",
                  "an estimated": "about", "estimated": "about", "close to": "nearly",
                  "above": "more than", "over": "more than", "just over": "more than",
                  "well over": "more than", "upwards of": "more than", "in excess of": "more than",
                  "fewer than": "less than", "under": "less than", "below": "less than",
                  "just under": "less than", "as many as": "up to", "as much as": "up to",
                  "no more than": "at most", "no fewer than": "at least",
                  "no less than": "at least", "as few as": "at least"}  # fmt: skip

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a dozen|dozen|hundreds|thousands|millions|billions)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
_NUMBER = (
    rf"(?P<num>(?:{_DIGITS})(?:\s?1/2|½)?|\b{_WORDNUM}\b)"
    rf"(?:(?:\s?-\s?|\s)?(?P<scale>(?:hundred|thousand|million|billion|trillion|dozen)\b|"
    rf"(?:mln|mn|bn|tn|trn|[kmb])\b(?!['’]))(?:\s(?P<scale2>(?:million|billion)\b))?)?"
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PRE_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<pre>{_alternation(CURRENCY_PRE)})\s?)?$", re.I
)  # applied to the text before a number
_UNIT_RE = re.compile(
    rf"(?P<sep>[\s-]?)(?:(?P<cs>{_alternation(UNITS_CS)})(?![\w])|(?P<ci>{_alternation(UNITS_CI)})"
    rf"(?![\w]))",
    re.I,
)
_PER_RE = re.compile(
    rf"\s?(?:per|a|an|each|/|-a-)\s?(?P<per>{_alternation(_PER_UNITS)})s?\b"
    r"(?!\s+(?:earlier|ago|before|later|after|old)\b)",
    re.I,
)
_NUM_RE = re.compile(_NUMBER, re.I)
_APPROX_RE = re.compile(rf"\b(?P<approx>{_alternation(_APPROX)})\s+(?:of\s+)?$", re.I)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\s+$")
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTHS}\b")
_TIME_AFTER = re.compile(r"^(?::\d\d|\s?[ap]\.?m\.?\b|\s?(?:GMT|EST|EDT|PDT|PST|BST|CET)\b)", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
_RANGE_SEP = re.compile(r"^\s?(?:-|–|—|to|and|or|to-)\s?", re.I)
_AGE_AFTER = re.compile(r"(?:[\s-]|\s-\s)(?:year|month)s?(?:[\s-]|\s-\s)old\b", re.I)
_TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "month",
    "year",
    "decade",
    "century",
}
# A number word followed by one of these is a pronoun or an idiom, not a count.
_NOT_COUNTED_AFTER = {
    "of", "another", "or", "and", "to", "in", "on", "at", "by", "for", "who", "that", "which",
    "is", "was", "has", "had", "day", "time", "way", "thing",
}  # fmt: skip
# "category 4", "page 3", "flight 370": a number that labels rather than counts.
_LABEL_BEFORE = re.compile(
    r"\b(?:category|level|phase|stage|grade|page|chapter|section|article|number|no\.|room"
    r"|flight|route|step|round|game|match|season|episode|version|tier|class|type|group|line"
    r"|gate|platform|channel|exit|item|point|paragraph|clause|rule|week|day)\s+$",
    re.I,
)
_ADDRESS_AFTER = re.compile(
    r"(?:\s+[A-Z][\w.]*){1,3}\s+(?:St|Street|Rd|Road|Ave|Avenue|Way|Lane|Drive|Blvd|Boulevard"
    r"|Place|Square|Court|Highway)\b|\s+ZIP\b"
)
_VAGUE = re.compile(
    r"\b(?:(?P<tens>tens|hundreds)\s+of\s+)?(?P<w>dozens|hundreds|thousands|millions|billions)"
    r"\s+of\b",
    re.I,
)
_VAGUE_BASE = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_AGE_APPOS = re.compile(r"[A-Z][\w.'’-]+,\s$")


@dataclass
class _Raw:
    start: int
    end: int
    value: float
    unit: str | None
    approx: str | None
    range_id: int | None = None
    kind: str | None = None


def _word_value(word: str) -> float | None:
    w = word.lower().replace("-", " ").strip()
    if w in _SMALL:
        return float(_SMALL[w])
    if w in ("hundreds", "thousands", "millions", "billions"):
        return None  # vague plurals are not values
    parts = w.split()
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return float(_SMALL[parts[0]] + _SMALL[parts[1]])
    return None


def _parse_number(m: re.Match[str]) -> float | None:
    num = m["num"]
    half = 0.0
    if num.endswith(("1/2", "½")):
        half = 0.5
        num = num.replace("½", "").replace("1/2", "").strip()
    if num[0].isdigit() or num[0] == ".":
        value = float(num.replace(",", "")) + half
    else:
        v = _word_value(num)
        if v is None:
            return None
        value = v
    for s in (m["scale"], m["scale2"]):
        if s:
            value *= _SCALES[s.lower()]
    return value


_TOKEN_CODE = re.compile(
    r"://|www\.|\w@\w|/\S*/|\d{4}-\d\d-\d\d|\d\d?\.\d\d?\.\d{4}|T\d\d:\d\d|^\+\d{6,}"
)


def _in_code(text: str, start: int, end: int) -> bool:
    """True inside URLs, e-mail addresses, ISO timestamps, phone numbers and list markers."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    token = text[lo:hi]
    if _TOKEN_CODE.search(token):
        return True
    if token.rstrip(".,;:") == text[start:end] + ")" and end - start <= 2:
        return True  # "1) the resumption of work"
    return re.search(rf"{_MONTHS}\s+\d{{1,2}}[-–]$", text[max(0, start - 15) : start]) is not None


def _in_name(text: str, start: int, end: int) -> bool:
    """True for numbers that belong to a name: "Model 3", "S&P 500", "Game 7", "COVID-19"."""
    before = text[max(0, start - 25) : start]
    if re.search(r"[A-Za-z]-$|[A-Za-z]$|\b[A-Z]{1,5}\s[-–]\s$", before):
        return True  # "COVID-19", "G7", "F-35", "AK - 47" (a tokenised "AK-47")
    m = re.search(r"(?:^|[\s(])([A-Za-z]*[A-Z][\w&.'’-]*)\s$", before)
    if (
        m
        and m.group(1).lower() not in _APPROX
        and m.group(1).lower() not in CURRENCY_PRE
        # "California's 475 delegates" counts; "Boeing's 737 Max" names a model.
        and not (m.group(1).endswith(("'s", "’s")) and re.match(r"\s+[a-z]", text[end : end + 3]))
    ):
        sentence_start = re.search(r"(?:^|[.!?]\s+|\n)\s*$", before[: m.start(1)]) is not None
        # A capitalised first word may be any word ("Some 300 ..."), but not a possessive
        # before a capitalised word: "Boeing's 737 Max was grounded."
        if not sentence_start or m.group(1).endswith(("'s", "’s")):
            return True
    return False


_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:[\s-]|\s+of\s+)$", re.I)


# "5-foot-8, 135 pounds" written "5 - foot - 8,135 pounds": the inches of a height, then
# a new figure, not 8,135.
_HEIGHT_INCHES = re.compile(r"\b(?:foot|feet|ft)\s?[-–]?\s?$", re.I)


def _numbers(text: str) -> Iterator[_Raw]:
    range_id = 0
    pending: _Raw | None = None
    for m in _NUM_RE.finditer(text):
        grouped = re.fullmatch(r"(\d{1,2}),\d{3}", m["num"])
        height = _HEIGHT_INCHES.search(text[max(0, m.start() - 12) : m.start()])
        if grouped and int(grouped.group(1)) < 12 and height:
            rest = _NUM_RE.match(text, m.start() + len(grouped.group(1)) + 1)
            if rest is None:
                continue
            m = rest
        raw = _raw_number(text, m)
        if raw is None:
            continue
        # Ranges: "15-22 mph", "between 50 and 70", "$3 billion to $5 billion".
        if pending is not None and _RANGE_SEP.fullmatch(text[pending.end : raw.start] or "x"):
            low_high = _as_range(text, pending, raw)
            if low_high is not None:
                range_id += 1
                low_value, high_value = low_high
                yield _Raw(pending.start, raw.end, low_value, raw.unit, "at least", range_id)
                yield _Raw(pending.start, raw.end, high_value, raw.unit, "up to", range_id)
                pending = None
                continue
        if pending is not None:
            yield pending
        pending = raw
    if pending is not None:
        yield pending


def _raw_number(text: str, m: re.Match[str]) -> _Raw | None:
    """The quantity of one number match (not yet joined into a range), or None when the
    number is no quantity."""
    start, end = m.start(), m.end()
    num = m["num"]
    before = text[max(0, start - 40) : start]
    pre = _PRE_RE.search(before)
    if _glued(text, m, pre):
        return None
    negative = start > 1 and text[start - 1] in "-−" and text[start - 2] in " ("
    negative = negative or re.search(r"\bminus[\s-]$", text[max(0, start - 6) : start]) is not None
    if _in_code(text, start, end):
        return None
    parsed = _parse_number(m)
    if parsed is None:
        return None
    scaled = _scaled(text, m, pre, parsed)
    if scaled is None:
        return None
    end, value = scaled
    after = text[end : end + 20]
    is_digit = num[0].isdigit()
    if is_digit and _date_or_time(text, start, before, after):
        return None
    currency = CURRENCY_PRE.get(pre["pre"].lower()) if pre and pre["pre"] else None
    if currency and pre:
        start = max(0, start - len(before) + pre.start("pre"))
    unit, end, m_unit = _unit(text, end, currency)
    if not is_digit and unit is None and _uncounted(text, num, before, end):
        return None
    if unit is None and is_digit and _MAGNITUDE_BEFORE.search(before):
        unit = "magnitude"  # "a magnitude-5.2 quake", "a magnitude of 6.1"
    if unit is None and is_digit and not currency and not m["scale"]:
        if _year_or_name(text, num, value, before, start, end):
            return None
    m_per = _PER_RE.match(text, end)
    if m_per and unit is not None:
        unit = f"{unit} per {_PER_UNITS[m_per['per'].lower()]}"
        end = m_per.end()
    if unit is None and is_digit and _AGE_APPOS.search(before) and re.match(r",", after):
        if 1 <= value <= 110:
            unit = "year of age"  # "Maddon, 66, has ..."
    approx = _approx(text, start, unit)
    if negative:
        if unit is None or unit == "percent" and not m_unit:
            return None  # "COVID -19": a hyphen, not a minus sign
        value = -value
        start = start - 1 if text[start - 1] in "-−" else start - 6
    return _Raw(start, end, value, unit, approx)


def _glued(text: str, m: re.Match[str], pre: re.Match[str] | None) -> bool:
    """True for a number glued to the word or sign before it (a currency apart) or to a
    word after it that is no unit, and for one inside code (``_in_code``)."""
    start, end = m.start(), m.end()
    glued_currency = bool(pre and pre["pre"] and pre["pre"][-1].isalpha())
    if (
        start > 0
        and (text[start - 1].isalnum() or text[start - 1] in "_/:")
        and not (glued_currency)
    ):
        return True
    if text[end : end + 1].isalnum() and not m["scale"]:
        unit_glued = _UNIT_RE.match(text, end)
        if not unit_glued or unit_glued.end() == end:
            return True
    return False


def _scaled(
    text: str, m: re.Match[str], pre: re.Match[str] | None, value: float
) -> tuple[int, float] | None:
    """The end and value of a number with a one-letter scale, or None when the letter
    is a unit: "5m people" counts millions; "5m deep", "5m from the shore" measure metres."""
    end = m.end()
    plural_next = re.match(
        r"\s+(?:[a-z]+[^s\W]s|people|children|men|women)\b", text[end : end + 30]
    )
    if m["scale"] and len(m["scale"]) == 1 and not (pre and pre["pre"]) and not plural_next:
        # "37m" is metres, "$37m" and "5m people" millions.
        if m["scale"] != "m" or m["scale2"]:
            return None
        end = m.start("scale")
        unscaled = _parse_number(_NUM_RE.match(text, m.start(), end) or m)
        if unscaled is None:
            return None
        value = unscaled
    return end, value


def _date_or_time(text: str, start: int, before: str, after: str) -> bool:
    """True for digits of a date, a clock time or an ordinal."""
    if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
        return True
    if _TIME_AFTER.match(after) or _ORDINAL_AFTER.match(after):
        return True
    return bool(re.match(r"\d[\d:.]*\s?$", text[max(0, start - 3) : start]))


def _unit(
    text: str, end: int, currency: str | None
) -> tuple[str | None, int, re.Match[str] | None]:
    """The unit of a number ending at ``end`` (``currency`` when there is one), the end
    of the quantity and the match of a unit after the number."""
    unit: str | None = currency
    m_unit = _UNIT_RE.match(text, end)
    age = _AGE_AFTER.match(text, end)
    if age and not currency:
        unit = "month of age" if "month" in age.group().lower() else "year of age"
        end = age.end()
        m_unit = None
    if m_unit and (m_unit["cs"] or m_unit["ci"]):
        token = m_unit["cs"] or m_unit["ci"]
        # Scale letters and unit letters collide: "$5m" is millions, "5m" is metres.
        if m_unit["cs"] == "m" and currency:
            token = ""
        if token and (m_unit["sep"] == "" or len(token) > 1 or token in '%″"WFCm'):
            name = UNITS_CS.get(token) or UNITS_CI.get(token.lower())
            if name and not (currency and name in ("percent",)):
                if currency and name == "pound sterling":
                    unit = name
                elif currency is None or name in ("cent",):
                    unit = name
                end = m_unit.end()
    return unit, end, m_unit


def _uncounted(text: str, num: str, before: str, end: int) -> bool:
    """True for a number word that counts nothing: a pronoun, or none before a noun."""
    # A number word counts only before a noun ("two sides"), never as a pronoun.
    # "seven AK-47s", "two F-16s": a model name with a digit is a counted noun too
    nxt = re.match(
        r"\s+([a-z][\w-]*|[A-Z][A-Za-z]*(?:\s?[-–]\s?|\s)?\d+[a-z]*)(\s+\w+)?", text[end : end + 40]
    )
    ranged = (
        nxt
        and nxt.group(1) in ("or", "to")
        and nxt.group(2)
        and (_word_value(nxt.group(2)) is not None or nxt.group(2).strip()[0].isdigit())
    )
    pronoun = re.search(r"\b(?:each|same|this|that|which|every|no|any|another)\s+$",
                        before, re.I) is not None  # fmt: skip
    # "the one who", "the two of them" are pronouns; "the seven bullets" counts
    pronoun = pronoun or (
        re.search(r"\bthe\s+$", before, re.I) is not None
        and (num.lower() == "one" or not nxt or nxt.group(1) in ("of", "who", "that"))
    )
    if pronoun or not nxt:
        return True
    if nxt.group(1) == "of" and re.match(r"\s+of\s+(?:the|its|his|her|their|our)\b",
                                         text[end : end + 20]):  # fmt: skip
        pass  # "one of the best speakers" is a count
    elif not ranged and nxt.group(1) in _NOT_COUNTED_AFTER:
        return True
    return False


def _year_or_name(text: str, num: str, value: float, before: str, start: int, end: int) -> bool:
    """True for digits without a unit that are a year, an address or part of a name."""
    if 1800 <= value <= 2100 and float(value).is_integer() and "," not in num:
        return True  # a year
    if (
        float(value).is_integer()
        and "," not in num
        and 1000 <= value <= 2999
        and re.search(r"\b(?:in|by|since|until|from|before|after)\s+$", before)
    ):
        return True
    if _ADDRESS_AFTER.match(text, end) or _LABEL_BEFORE.search(before):
        return True
    if _in_name(text, start, end):
        return True
    return False


def _approx(text: str, start: int, unit: str | None) -> str | None:
    """The approximation word before a number starting at ``start``, normalised."""
    m_approx = _APPROX_RE.search(text, max(0, start - 30), start)
    approx: str | None = None
    if m_approx:
        word = m_approx["approx"].lower()
        # "fired rockets over 2 days" is a period; "lasted over 2 hours" is "more than".
        during = (
            word == "over"
            and unit in _TIME_UNITS
            and not re.search(
                r"\b(?:last(?:s|ed|ing)?|t[ao]ok|takes?|taking|spen[dt]|for|of|in|is|was|be)"
                r"\s+over\s+$",
                text[max(0, start - 30) : start],
            )
        )
        if word not in ("only", "just") and not during:
            approx = _APPROX_NORMAL.get(word, word)
    return approx


def _as_range(text: str, low: _Raw, high: _Raw) -> tuple[float, float] | None:
    """Return the bounds when ``low`` and ``high`` are the two ends of one range."""
    sep = text[low.end : high.start].strip().lower()
    lead = text[max(0, low.start - 12) : low.start]
    if re.search(r"\bby\s+\S*$", lead) and high.value > 3 * abs(low.value):
        return None  # "increased by $43.6 billion to $419.2 billion" is a change
    joined = (
        sep in ("-", "–", "—", "to", "to-")
        or (sep in ("and", "or") and re.search(r"\b(?:between|from)\s+\S*$", lead) is not None)
        or (sep == "or" and high.unit in {"year", "month", "day", "week", "hour", "minute"})
        # "like 40 or 50 of them", "two or three people": an estimate between the two
        or (sep == "or" and low.unit == high.unit and 0 < low.value < high.value <= 3 * low.value)
    )
    same_unit = low.unit is None or (
        high.unit is not None and (high.unit + " ").startswith(low.unit + " ")
    )
    if not joined or not same_unit:
        return None
    low_value = low.value
    scale = _scale_of(text, high)
    if scale > 1 and _scale_of(text, low) == 1 and low_value * scale <= high.value * 10:
        low_value *= scale  # "$89 to $93 billion", "1 to 2 thousand"
    from_to = sep == "to" and re.search(r"\bfrom\s+\S*$", lead) is not None
    if low_value == high.value or not (low_value < high.value or from_to):
        return None
    return low_value, high.value


def _scale_of(text: str, raw: _Raw) -> float:
    m = re.search(r"(?i)\b(hundred|thousand|million|billion|trillion|bn|mn|tn)\b|\d(bn|m|k)\b",
                  text[raw.start : raw.end])  # fmt: skip
    if not m:
        return 1.0
    return _SCALES[(m.group(1) or m.group(2)).lower()]


def _vague(text: str) -> Iterator[_Raw]:
    """'hundreds of miles' → 100..1000; 'tens of thousands of students' → 10,000..100,000."""
    for m in _VAGUE.finditer(text):
        base = _VAGUE_BASE[m["w"].lower()]
        if m["tens"]:
            base *= 10 if m["tens"].lower() == "tens" else 100
        high = base * 10
        unit_m = re.match(r"\s+(?:(?P<cur>dollars|euros|pounds)|\w+)", text[m.end() :])
        unit = UNITS_CI.get(unit_m["cur"].lower()) if unit_m and unit_m["cur"] else None
        unit_m2 = _UNIT_RE.match(text, m.end() + 1)
        if unit is None and unit_m2 and unit_m2["ci"]:
            unit = UNITS_CI.get(unit_m2["ci"].lower())
        end = m.end() - 3  # without " of"
        yield _Raw(m.start(), end, base, unit, "at least")
        yield _Raw(m.start(), end, high, unit, "up to")


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_ORD = rf"(?P<ord>{_alternation(_ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))"
_RUN = r"(?:straight|consecutive|successive|running)"
# A running count written as an ordinal: "for the sixth straight day", "a third
# consecutive night" (a duration of so many days), "for the fifth time", "his sixth
# defense of the IBF belt" (a count of the act or of the noun).
_ORDINAL_RE = re.compile(
    rf"(?:\b(?P<art>the|a|an)|(?P<poss>'s|’s|\bhis|\bher|\btheir|\bits))\s+{_ORD}\s+"
    rf"(?P<run>{_RUN}\s+)?(?P<noun>[a-z]+)\b(?P<row>\s+in\s+a\s+row\b)?",
    re.I,
)
_RUN_UNITS = {"day", "night", "week", "month", "year"}


def _ordinals(text: str) -> Iterator[_Raw]:
    """Running counts written as ordinals, of kind ``"ordinal"`` (NewsQuant does not
    annotate them; its scorer skips them): "for the sixth straight day" and "a third
    consecutive night" are 6 days and 3 nights; "for the fifth time" and "his sixth
    defense of the belt" count 6 of the act (``unit=None``). "The third day of the trial",
    "his second wife" and "the company's fourth quarter" are no running count."""
    for m in _ORDINAL_RE.finditer(text):
        noun = m["noun"].lower()
        if noun in _RUN_UNITS and (m["run"] or m["row"]):
            unit: str | None = noun
        elif noun == "time" and m["art"] and m["art"].lower() == "the":
            if not re.search(r"\bfor\s+$", text[max(0, m.start() - 6) : m.start()], re.I):
                continue
            unit = None
        elif m["poss"] and re.match(r"\s+of\b", text[m.end("noun") :]) and not m["row"]:
            unit = None  # "Klitschko's sixth defense of the IBF belt"
        else:
            continue
        word = m["ord"].lower()
        value = _ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
        end = m.end("row") if m["row"] else m.end("noun")
        yield _Raw(m.start("ord"), end, float(value), unit, None, None, "ordinal")


# A tally: a win-loss(-draw) record ("Klitschko (52-3, 46 KOs)", "his record to 52-3",
# "Wladimir Klitschko, 53-3, 47 KO's"), a score ("won 4-2") or a split vote ("a 5-4
# ruling"). Two or three numbers joined by hyphens, after an opening bracket, a name and a
# comma, "record" or a verb of winning, or before a noun of a result. Its value packs the
# parts (W * 1e6 + L * 1e3 + D), so two tallies are equal only when every part is.
_TALLY_RE = re.compile(
    r"(?<![\w.,/$£€-])(?P<w>\d{1,3})\s?[-–]\s?(?P<l>\d{1,3})(?:\s?[-–]\s?(?P<d>\d{1,3}))?"
    r"(?![\w/%$£€-]|[.,]\d)"
)
_TALLY_BEFORE = re.compile(r"(?:\(\s*|\b[A-Z][\w'’.-]+,\s+|\b(?:a|an|the)\s+)$")
# before these, a tally needs nothing after it: "took his record to 52-3 with", "won 4-2 on"
_TALLY_SURE = re.compile(
    r"(?:\brecord\s+(?:(?:of|to|at|is|was|stands\s+at|improved\s+to|fell\s+to|dropped\s+to)"
    r"\s+)?|\b(?:won|wins|beat|beats|lost|loses|defeated|trail(?:s|ed|ing)?|lead(?:s|ing)?|"
    r"led)\s+)$"
)
_TALLY_AFTER = re.compile(
    r"\s*(?:[,;)]|\s(?:vote|votes|decision|ruling|verdict|win|victory|defeat|loss|lead|"
    r"margin|majority|record|score|scoreline)\b)"
)


def _tallies(text: str) -> Iterator[_Raw]:
    """Records, scores and split votes as one figure each, of kind ``"tally"``."""
    for m in _TALLY_RE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        sure = _TALLY_SURE.search(before) and not _UNIT_RE.match(text, m.end() + 1)
        if not sure and not (_TALLY_BEFORE.search(before) and _TALLY_AFTER.match(text, m.end())):
            continue
        if re.search(r"\b(?:ages?|aged|between|from)\s+$", before, re.I):
            continue  # "ages 18-24", "from 9-5": a range
        w, lost, drawn = int(m["w"]), int(m["l"]), int(m["d"] or 0)
        if m["d"] is None and w < lost and not re.search(r"\(\s*$", before):
            continue  # "15-22": rising, a range rather than a tally
        value = float(w * 1_000_000 + lost * 1_000 + drawn)
        yield _Raw(m.start(), m.end(), value, "tally", None, None, "tally")


# How often an act happened, in one word: "Page married twice". Not a ratio ("twice as
# loud as", "twice the size", "twice that"), nor a rate ("twice a week").
_REPEAT_RE = re.compile(
    r"\b(?P<w>twice|thrice)\b(?!\s+(?:as\s+[\w-]+\s+as|the|that|what|more|less|over|a|an|"
    r"per|each|every|daily|weekly)\b)",
    re.I,
)


def _repetitions(text: str) -> Iterator[_Raw]:
    """Counts of an act written as one word, of kind ``"repeat"`` (NewsQuant does not
    annotate them: "Greenwood scored twice"); "three times" is a count of "times"."""
    for m in _REPEAT_RE.finditer(text):
        value = 2.0 if m["w"].lower() == "twice" else 3.0
        yield _Raw(m.start(), m.end(), value, None, None, None, "repeat")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’]?\s+(?=[A-Z\"“‘'(])|\n+", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _phrase(token: Token, skip: tuple[int, int] = (0, 0)) -> str:
    """The noun with its compound, adjective and possessive-name modifiers ("Russian
    troops", "Sanders voters": 40% of Sanders' voters are not 17% of likely voters)."""
    words = [
        t
        for t in token.lefts
        if t.dep_ in ("compound", "amod", "nmod") or t.dep_ == "poss" and t.pos_ == "PROPN"
    ]
    words = [w for w in words if not w.like_num]
    words = [w for w in words if not any(skip[0] <= t.i < skip[1] for t in w.subtree)]
    pieces = sorted([*words, token], key=lambda t: t.i)
    return " ".join(t.text for t in pieces)


def _predicate(noun: Token, depth: int = 0) -> str | None:
    """What the sentence says of a counted noun: the lemma of the verb or word it hangs
    from ("10 people were killed" → kill, "killing 10 people" → kill, "left 31,000 people
    dead" → dead, "home to 120,000 people" → home, "80 people injured" → injure)."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            return c.lemma_.lower()  # "people killed in the quake"
    head = noun.head
    if noun.dep_ in ("conj", "appos") and head.pos_ in ("NOUN", "PROPN") and depth < 3:
        # one of a list: what is said of the list ("seized seven AK-47s, three other
        # rifles and 13 magazines", "10 soldiers and three civilians were killed"; the
        # parser often makes the items after a comma appositions of the first)
        return _predicate(head, depth + 1)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PRON"):
        return (
            _predicate(head.head, depth + 1) if depth < 3 else None
        )  # "a total of 10 people were killed"
    if noun.dep_ == "pobj" and head.i != noun.i:
        head = head.head  # "home to 120,000 people", "evacuated from ..."
    elif noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"):
        return None
    if head.i == noun.i:
        return None
    for c in head.children:
        if c.dep_ in ("oprd", "acomp", "xcomp") and c.pos_ == "ADJ":
            return c.lemma_.lower()  # "left 31,000 people dead"
    return head.lemma_.lower() if head.pos_ in ("VERB", "NOUN", "ADJ", "ADV") else None


def _measures(
    doc: Doc | Span,
    start: int,
    end: int,
    unit: str | None,
    *,
    kind: str | None = None,
) -> tuple[str | None, str | None]:
    """What the quantity at ``[start, end)`` of the parsed sentence counts or measures, and
    for a count, what is said of the counted thing (:func:`_predicate`). ``kind``: the
    quantity's kind; for an ordinal a coordinated subject gives each conjunct,
    comma-separated ("Protests, riots, clashes" for "Protests, riots and clashes ... for
    the sixth straight day"), and "twice" counts the act of its verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    root = span.root
    times = root.head if root.dep_ == "nummod" else root
    if kind == "repeat" or (unit is None and times.lower_ == "times" and times.dep_ == "npadvmod"):
        # "married twice", "was married three times": times of the act its verb names
        act = root if kind == "repeat" else times
        verb = act.head if act.head.pos_ in ("VERB", "AUX") else None
        if verb is None:
            return "times", None
        # what was done so often: "hosted the ceremony five times" is not "hosted the Tony
        # awards three times"; "married two more times" counts the marriages after one
        done = [_phrase(c) for c in verb.children if c.dep_ in ("dobj", "attr")][:1]
        more = [c.lower_ for c in times.children if c.lower_ in ("more", "other", "further")]
        return " ".join([*done, *more[:1], "times"]), verb.lemma_.lower()
    if unit is None:
        # A count: the noun the number modifies ("350 troops", "150,000 Russian troops").
        counted = root.pos_ in ("NOUN", "PROPN") and not root.like_num and root.dep_ != "nummod"
        head = root if counted else root.head  # "a dozen ships": the ships
        if head.like_num and head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "six AK-47 rifles", parsed with "six" on "47"
        if head.pos_ in ("NOUN", "PROPN") and head.i >= span.end - 1:
            if head.text.lower() == "of" or head.like_num:
                return None, None
            return _phrase(head), _predicate(head)
        for t in doc[span.end : span.end + 4]:
            if t.pos_ in ("NOUN", "PROPN"):
                return _phrase(t), _predicate(t)
            if t.pos_ not in ("ADJ", "NUM", "PUNCT"):
                break
        if head.text.lower() == "of":
            for t in head.children:
                if t.dep_ == "pobj":
                    return _phrase(t), _predicate(t)
        return None, None
    # a share that is the subject of its clause: what it says of them ("68 per cent of
    # Greeks believe ...", "83.3 percent ... were unhappy")
    share = unit == "percent" and root.dep_ in ("nsubj", "nsubjpass")
    every = kind == "ordinal"
    return _unit_measures(root, span, every), _predicate(root) if share else None


def _unit_measures(root: Token, span: Span, every: bool = False) -> str | None:
    """What a measure with a unit measures (``root``: the root of its ``span``)."""
    # A measure: "the phone conversation lasting 105 minutes", "$3 billion of aid",
    # "Nvidia advanced 8%".
    for t in root.rights:
        if t.dep_ == "prep" and t.text.lower() in ("of", "in", "for") and t.i >= span.end:
            for obj in t.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return _phrase(obj)
                if obj.dep_ in ("pobj", "pcomp") and obj.tag_ == "VBG":
                    return obj.text  # "four nights of protesting"
    node = root
    for _ in range(6):
        head = node.head
        if head is node:
            break
        if (
            head.pos_ in ("NOUN", "PROPN")
            and not head.like_num
            and not (span.start <= head.i < span.end)
        ):
            return _phrase(head, (span.start, span.end))
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < span.start:
                    if child.pos_ != "PRON":
                        nouns = [child, *child.conjuncts] if every else [child]
                        return ", ".join(_phrase(t) for t in sorted(nouns, key=lambda t: t.i))
                    if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN"):
                        return _phrase(head.head)  # "the meeting, which lasted 45 minutes"
                    return None
        node = head
    return None


def _measures_in_doc(doc: Doc, raws: list[_Raw]) -> dict[int, tuple[str | None, str | None]]:
    """Measures of ``raws`` from the shared pass's parses of the sentences holding them."""
    from .spacy_pass import char_to_sentence, parsed_sentences

    starts = sorted(r.start for r in raws)

    def needs(sent: Span) -> bool:
        i = bisect.bisect_left(starts, sent.start_char)
        return i < len(starts) and starts[i] < sent.end_char

    sentences = parsed_sentences(doc, needs)
    measures: dict[int, tuple[str | None, str | None]] = {}
    for i, r in enumerate(raws):
        k = char_to_sentence(sentences, r.start)
        parse = sentences[k].parse if k >= 0 else None
        if parse is not None:
            off = sentences[k].offset
            measures[i] = _measures(parse, r.start - off, r.end - off, r.unit, kind=r.kind)
    return measures


def iter_quantities(
    text: str, *, article_id: str = "", with_measures: bool = True, doc: Doc | None = None
) -> Iterator[Quantity]:
    """Yield the quantities of ``text`` in order; ``with_measures=False`` skips the parser.

    ``doc`` is the shared spaCy pass over ``text`` (:mod:`newsprism.extract.spacy_pass`): the
    measures then come from its parses, shared with the quote and event extractors.
    """
    tallies = list(_tallies(text))
    numbers = [r for r in _numbers(text) if not any(t.start <= r.start < t.end for t in tallies)]
    raws = sorted(
        [*numbers, *_vague(text), *_ordinals(text), *tallies, *_repetitions(text)],
        key=lambda r: (r.start, r.value),
    )
    measures: dict[int, tuple[str | None, str | None]] = {}
    if with_measures and raws and doc is not None:
        if doc.text != text:
            raise ValueError("doc.text differs from the text; pass the doc made from this text")
        measures = _measures_in_doc(doc, raws)
    elif with_measures and raws:
        from newsprism.spacy_model import load_nlp

        nlp = load_nlp(disable=("ner",))
        sentences = _sentence_spans(text)
        wanted = []
        for s, e in sentences:
            idx = [i for i, r in enumerate(raws) if s <= r.start < e]
            if idx:
                wanted.append((s, e, idx))
        docs = nlp.pipe(text[s:e] for s, e, _ in wanted)
        for (s, _e, idx), doc in zip(wanted, docs, strict=True):
            for i in idx:
                r = raws[i]
                measures[i] = _measures(doc, r.start - s, r.end - s, r.unit, kind=r.kind)
    for i, r in enumerate(raws):
        yield Quantity(
            article_id=article_id,
            start=r.start,
            end=r.end,
            text=text[r.start : r.end],
            value=r.value,
            unit=r.unit,
            measures=measures.get(i, (None, None))[0],
            approx=r.approx,
            predicate=measures.get(i, (None, None))[1],
            kind=r.kind,
        )


def find_quantities(
    text: str, *, article_id: str = "", with_measures: bool = True, doc: Doc | None = None
) -> list[Quantity]:
    """Return every quantity in ``text`` with value, normalised unit, approximation and measure."""
    return list(iter_quantities(text, article_id=article_id, with_measures=with_measures, doc=doc))


def extract_quantities(article: Article, doc: Doc | None = None) -> list[Quantity]:
    """Return the quantities mentioned in ``article``, with offsets into its text.

    ``doc``: the shared spaCy pass over ``article.text``, when the caller has one.
    """
    return find_quantities(article.text, article_id=article.id, doc=doc)


def extract_quantities_all(articles: Iterable[Article]) -> Iterator[Quantity]:
    """Yield the quantities of every article in turn (the streaming form of the stage)."""
    for article in articles:
        yield from extract_quantities(article)
