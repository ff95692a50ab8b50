"""Words of the comparison: tokens, stop words, light stemming, numbers."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d[\d,.]*")


_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our out over own
    same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your said says say told according added also one two its it's".
    per cent percent mr ms""".split()
)


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


def _stem(word: str) -> str:
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


def _content_tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and not w[0].isdigit()]


def _number_tokens(text: str) -> frozenset[float]:
    out = set()
    for w in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        try:
            out.add(float(w.replace(",", "")))
        except ValueError:
            pass
    return frozenset(out)
