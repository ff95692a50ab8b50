"""Words of the comparison: tokens, stop words, light stemming, numbers."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d[\d,.]*")


STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our out over own
    same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your said says say told according added also one two its it's".
    per cent percent mr ms""".split()
)

# The sex an honorific gives its name, keyed without its dot ("Mr." -> "mr"): "Mrs. Trump"
# and "Mr. Trump" are two people (referents' names, conflicts' owners of a figure).
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


# A sentence opening with a connective or a pronoun continues the one before it: out of
# its article (a summary line, an agreement) it reads as a fragment of an argument.
_LEANING_START = re.compile(
    r"^[\W_]*(?:and|but|or|so|then|also|still|yet|however|meanwhile|moreover|instead|"
    r"besides|nevertheless|nonetheless|he|she|they|it|we|i|him|them|his|her|their|its)\b",
    re.I,
)


def stands_alone(text: str) -> bool:
    """Whether a sentence reads on its own (no opening connective or pronoun)."""
    return _LEANING_START.match(text) is None


def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + keep
    return w


def content_tokens(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text) if w.lower() not in STOP and not w[0].isdigit()]


@functools.lru_cache(maxsize=1)
def irregular_lemmas() -> dict[str, frozenset[str]]:
    """Irregular inflections and their lemmas, read from the spaCy model's lemmatizer
    (its exceptions table): "fell", "fallen" -> {"fall"}; "men" -> {"man"}; "wound" ->
    {"wind"} (every part of speech's lemma is kept: the word is not tagged)."""
    from newsprism.spacy_model import lemma_table

    table = lemma_table("lemma_exc")
    out: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj", "adv"):
        for word, lemmas in table.get(pos, {}).items():
            if word.isalpha():
                out.setdefault(word, set()).update(stem(x) for x in lemmas if x != word)
    return {w: frozenset(ls) for w, ls in out.items() if ls}


def word_forms(text: str) -> dict[str, frozenset[str]]:
    """Each content token of ``text`` (:func:`content_tokens`) with the forms it may be
    written in: itself and, for an irregular inflection, its lemmas ("fallen" -> {"fallen",
    "fall"}, "fell" -> {"fell", "fall"}): two words are one when their forms meet."""
    lemmas = irregular_lemmas()
    out: dict[str, frozenset[str]] = {}
    for w in WORD.findall(text):
        low = w.lower()
        if low in STOP or w[0].isdigit():
            continue
        token = stem(w)
        out[token] = out.get(token, frozenset()) | {token} | lemmas.get(low, frozenset())
    return out


def number_tokens(text: str) -> frozenset[float]:
    out = set()
    for w in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        try:
            out.add(float(w.replace(",", "")))
        except ValueError:
            pass
    return frozenset(out)


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
)
_NUMBER_WORDS.update({"ninety": 90, "hundred": 100, "dozen": 12, "once": 1, "twice": 2})
_NUMBER_WORDS.update({"thrice": 3, "first": 1, "second": 2, "third": 3, "fourth": 4})
_NUMBER_WORDS.update({"fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9})
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}
_NUM = re.compile(r"\d+(?:(?:, ?| )\d{3}(?!\d))*(?:\s?\.\s?\d+)?|[A-Za-z]+")


_COUNT_WORD = re.compile(
    r"\b(?:" + "|".join(w for w, n in _NUMBER_WORDS.items() if n >= 2) + r")\b", re.I
)


def counts_in_words(text: str) -> frozenset[float]:
    """The counts two to twenty a sentence writes in words ("three U.S. officials"; "one"
    is too often no count: "one of the", "no one")."""
    return frozenset(float(_NUMBER_WORDS[w.lower()]) for w in _COUNT_WORD.findall(text))


_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{8,}?)[\"“”«»]")


def quoted_words(text: str) -> frozenset[str]:
    """The content words (stemmed) a sentence gives inside quotation marks."""
    return frozenset(w for m in _QUOTED.finditer(text) for w in content_tokens(m.group(1)))


def same_figures(a: frozenset[float], b: frozenset[float]) -> bool:
    """Every figure of ``a`` is in ``b`` (up to rounding of 3%); true when ``a`` is empty."""
    return all(any(abs(x - y) <= 0.03 * max(abs(x), abs(y)) for y in b) for x in a)


def figure_numbers(text: str) -> frozenset[float]:
    """The numbers a figure's text gives: digits, number words and their scale words.

    "52-3, 46 KOs" -> {52, 3, 46}; "three husbands" -> {3}; "$1.2 million" -> {1.2, 1.2e6};
    "120, 000" (ECB+ tokens) -> {120000}. Both a scaled and an unscaled reading are kept,
    so a figure matches however the other side wrote its scale.
    """
    out: set[float] = set()
    last: float | None = None
    for m in _NUM.finditer(text):
        tok = m.group(0)
        if tok[0].isdigit():
            try:
                last = float(re.sub(r"[ ,]", "", tok))
            except ValueError:
                continue
            out.add(last)
            continue
        low = tok.lower()
        if low in _SCALES and last is not None:
            out.add(last * _SCALES[low])
        elif low in _NUMBER_WORDS:
            last = float(_NUMBER_WORDS[low])
            out.add(last)
    return frozenset(out)


# Seconds in each unit of time: durations in different units compare as one dimension.
TIME_UNITS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "night": 86400,  # "four nights of protesting": a count of days' nights
    "week": 604800,
    "month": 2629800,
    "year": 31557600,
}


def period_end(value: str) -> date | None:
    """Last day of an ISO date, month or year ("2014" -> 2014-12-31); None if not one."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, calendar.monthrange(y, m)[1])
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
