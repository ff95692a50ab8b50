"""Quotation marks: the spans of text between opening and closing marks, in any style.

A scan pairs opening and closing marks (straight, curly, single, guillemets, „German“); a
paragraph that opens a quotation and does not close it continues into the next paragraph
that opens with a mark. Used by quote extraction (:mod:`newsprism.extract.quotes`), the
speaker resolver (:mod:`newsprism.extract.speakers`), events and the claim splitter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ALL_MARKS",
    "CLOSE_MARKS",
    "MIN_FLOATING_WORDS",
    "OPEN_MARKS",
    "QuoteSpan",
    "find_quote_marks",
]

# Opening mark → closing marks accepted for it.
_PAIRS = {
    "“": '”“"',
    "„": '“”"',
    "‟": '”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    '"': '"”“',
    "‘": "’",
    "'": "'’",
}
_DOUBLE_OPEN = '“„‟«"'
# Every quotation mark, and those that open or close a quotation.
ALL_MARKS = set("\"“”„‟«»‹›‘’'")
# A quotation left open to its paragraph's end is kept from this many words.
MIN_FLOATING_WORDS = 4
OPEN_MARKS = "\"“‘«„'"
CLOSE_MARKS = "\"”’»'"


@dataclass
class QuoteSpan:
    """A stretch of text between quotation marks (marks included)."""

    start: int
    end: int
    closed: bool = True
    words: int = 0
    used: bool = field(default=False, compare=False)


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    c = text[i]
    if c in "“„‟«‹":
        return not nxt.isspace() or c in "«‹"
    if c in "\"‘'":
        # A straight or single mark opens at the start of a word, not inside one.
        return (prev.isspace() or prev in "([{—–-:/" or i == 0) and not nxt.isspace()
    return False


def _is_closing(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in _PAIRS.get(opener, ""):
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > 0 else " "
    if c in "’'" and (nxt.isalpha() or (prev.isalpha() and nxt.isalpha())):
        return False  # an apostrophe: Moscow’s, don't
    if c == "“" and opener == "“":
        # Some sites use “ for both ends: it closes only before a space or punctuation.
        return nxt.isspace() or nxt in ",.;:!?)"
    return True


def find_quote_marks(text: str) -> list[QuoteSpan]:
    """Spans enclosed by quotation marks, in any common style, marks included.

    An opening mark not closed by the end of its paragraph ends the span there; when
    the next paragraph opens with a quotation mark, the quotation continues into it.
    """
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _PAIRS and _is_opening(text, i):
            opener = c
            start = i
            j = i + 1
            closed_at = -1
            while j < n:
                ch = text[j]
                if ch == "\n":
                    # Paragraph end: continue only when the next paragraph opens a quote.
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] in _PAIRS and text[k] == opener and _is_opening(text, k):
                        j = k + 1
                        continue
                    break
                if ch in ALL_MARKS and _is_closing(text, j, opener):
                    closed_at = j
                    break
                j += 1
            if closed_at >= 0:
                end = closed_at + 1
                spans.append(QuoteSpan(start, end, True, len(text[start:end].split())))
                i = end
                continue
            end = j
            while end > start and text[end - 1].isspace():
                end -= 1
            words = len(text[start:end].split())
            # A double mark left open to the paragraph end is a continued quotation;
            # a lone single mark is more likely an apostrophe or a typo.
            if opener in _DOUBLE_OPEN and words >= MIN_FLOATING_WORDS:
                spans.append(QuoteSpan(start, end, False, words))
                i = end
                continue
            i += 1
            continue
        i += 1
    return spans
