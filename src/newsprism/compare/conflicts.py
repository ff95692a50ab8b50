"""Figures that disagree across outlets: the rule path (``find_conflicts``) and the
experimental figure-model path (:func:`.figures.find_figure_conflicts`)."""

from __future__ import annotations

import functools
import itertools
import math
import re
import string
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from newsprism.compare.claims import Claim, times_apart
from newsprism.compare.embedding import embed
from newsprism.compare.places import place_key
from newsprism.compare.text import (
    HONORIFIC_GENDER,
    STOP,
    WORD,
    content_tokens,
    figure_numbers,
    period_end,
    stem,
)
from newsprism.compare.text import TIME_UNITS as _TIME_UNITS
from newsprism.compare.timeline import BACKGROUND_DAYS
from newsprism.model import Article, Extraction, Quantity

# Nouns for one communicative event: a call, a meeting and a conversation can be one event,
# a call and a drive cannot (used to decide that two durations measure the same thing).
_EVENT_NOUNS = frozenset(
    """call calls conversation conversations talk talks meeting meetings session sessions
    discussion discussions summit summits negotiation negotiations phone telephone exchange
    interview visit visits conference""".split()
)


_PERSONNEL = frozenset("troops soldiers servicemen forces personnel servicemembers".split())
# What a gun fires, counted by any of its names: "fired 11 shots" / "the seven bullets fired"
_AMMUNITION = frozenset("shots bullets rounds".split())


_PLACE_QUALIFIER = re.compile(
    r"\b(?:in|near|on|at|around|along|inside|to)\s+((?:the\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)


# "in the last 24 hours", "within two weeks", "24 hours ago": a time window, not a measurement.
WINDOW_BEFORE = re.compile(
    r"\b(?:in|within|over|during|after|before|for the first time in)\s+"
    r"(?:the\s+)?(?:last|past|next|previous|coming|first|final)?\s*$",
    re.I,
)


_WINDOW_AFTER = re.compile(r"^\s*(?:ago|earlier|later|before|after|from now)\b", re.I)
# "after eight days of the worst riots", "over four nights of protesting": the duration of
# what follows "of", not a window ("within two weeks of the election" still is one).
_DURATION_OF = re.compile(r"\b(?:after|over)\s+$", re.I)
_OF_AFTER = re.compile(r"^\s+of\s", re.I)


# A span between two acts: "suffered a heart attack nine days earlier", "died nine days
# after suffering a heart attack", "had married two weeks before the shooting". How long
# between two acts is a quantity outlets disagree on; it is compared only with a span
# between the same acts (the words of its clause, :func:`_span_words`).
_SPAN_AFTER = re.compile(r"^\s*(?:ago|earlier|later|before|after)\b", re.I)
# words of a clause that say nothing of the act
_SPAN_STOP = frozenset(
    "said says say told tell according reported reports report just only about almost nearly "
    "some more than less ago earlier later before after who which that had has have was were "
    "is are been being his her their its wife husband son daughter".split()
)


SPAN_SLACK = 0.15


def _span(text: str, q: Quantity) -> bool:
    """A time span before an act ("nine days earlier", "two weeks after the wedding"), not a
    window ("in the last 24 hours", "within two weeks")."""
    if q.unit is None or q.unit.rstrip("s") not in _TIME_UNITS:
        return False
    before = text[max(0, q.start - 40) : q.start]
    return not WINDOW_BEFORE.search(before) and bool(_SPAN_AFTER.match(text[q.end : q.end + 20]))


def _span_words(text: str, q: Quantity, sentence: Claim | None) -> list[tuple[str, str]]:
    """(stem, word) of the words of a span's clause in order, but names, numbers and
    function words: the acts it lies between ("suffered", "heart", "attack")."""
    lo = sentence.start if sentence is not None else max(0, q.start - 120)
    hi = sentence.end if sentence is not None else q.end + 120
    left = re.split(r"[,;:—–(]|\s-\s", text[lo : q.start])[-1]
    right = re.split(r"[,;:—–)]|\s-\s|\band\b", text[q.end : hi])[0]
    words = re.findall(r"[A-Za-z][\w'’-]*", f"{left} {right}")
    return [
        (stem(w), w)
        for w in words
        if w[:1].islower()
        and w.lower() not in STOP
        and w.lower() not in _SPAN_STOP
        and w.lower().rstrip("s") not in _TIME_UNITS
        and len(w) > 2
    ]


@functools.lru_cache(maxsize=4096)
def _kin(a: str, b: str) -> bool:
    """Two head nouns of one kind ("rifles" / "guns", not "rifles" / "magazines")."""
    va, vb = embed([a, b])
    return float(va @ vb) >= KIN_NOUNS


KIN_NOUNS = 0.7


def _opposite(
    h1: tuple[str, tuple[int, int]] | None, h2: tuple[str, tuple[int, int]] | None
) -> bool:
    """Two headings from one place that point opposite ways on an axis (east / west)."""
    if h1 is None or h2 is None or h1[0] != h2[0]:
        return False
    return any(a * b < 0 for a, b in zip(h1[1], h2[1], strict=True))


def _span_subject(f1: _Figure, f2: _Figure) -> str:
    """ "time span: suffered heart attack": the words both spans' clauses give."""
    shared = f2.span or frozenset()
    words = list(
        dict.fromkeys(w for st, w in _span_words(f1.article.text, f1.q, f1.sent) if st in shared)
    )
    return "time span: " + " ".join(words[:4])


def _time_window(text: str, q: Quantity) -> bool:
    """The figure bounds a time or a distance ("in the last 24 hours", "two days ago",
    "within 80m of") rather than measuring one."""
    before = text[max(0, q.start - 40) : q.start]
    if _DURATION_OF.search(before) and _OF_AFTER.match(text[q.end : q.end + 5]):
        return False
    return bool(WINDOW_BEFORE.search(before) or _WINDOW_AFTER.match(text[q.end : q.end + 20]))


# Units of one physical dimension, with their factor to its base unit, so that "1,150
# kilometres" and "700 miles", or "130 pounds" and "59 kilograms", are compared like with
# like. Currencies are not converted: the rate of the day is not in the text.
_CONVERSIONS: dict[str, tuple[str, float]] = {
    **{u: ("length", f) for u, f in {
        "metre": 1.0, "kilometre": 1000.0, "centimetre": 0.01, "millimetre": 0.001,
        "mile": 1609.344, "foot": 0.3048, "yard": 0.9144, "inch": 0.0254,
        "nautical mile": 1852.0,
    }.items()},
    **{u: ("mass", f) for u, f in {
        "kilogram": 1.0, "gram": 0.001, "milligram": 1e-6, "tonne": 1000.0,
        "ton": 1000.0, "pound-mass": 0.45359237, "ounce": 0.028349523,
    }.items()},
    **{u: ("speed", f) for u, f in {
        "kilometre per hour": 1.0, "mile per hour": 1.609344, "knot": 1.852,
    }.items()},
    **{u: ("area", f) for u, f in {
        "square kilometre": 1.0, "square mile": 2.589988, "hectare": 0.01, "acre": 0.0040469,
        "square metre": 1e-6, "square foot": 9.2903e-8,
    }.items()},
    **{u: ("volume", f) for u, f in {
        "litre": 1.0, "millilitre": 0.001, "gallon": 3.785412, "cubic metre": 1000.0,
    }.items()},
}  # fmt: skip


_PHYSICAL = frozenset(("length", "mass", "speed", "area", "volume"))
# "a 10-metre dhow", "the six-foot champ": the size of the noun that follows.
_ADJECTIVAL = re.compile(r"-[^\W\d][\w-]*$")


# A figure converted from another unit is rounded in the conversion ("1,150 kilometres
# (700 miles)"; 1,150 km is 714.6 miles): figures in two units of one dimension are
# compatible within this share of their value besides their own rounding.
CONVERSION_SLACK = 0.03


def unit_dimension(q: Quantity) -> tuple[str, float] | None:
    """(dimension, factor to the base unit) of a quantity's unit, or None if not comparable."""
    unit = (q.unit or "").lower()
    if unit.rstrip("s") in _TIME_UNITS:
        return "time", float(_TIME_UNITS[unit.rstrip("s")])
    if not unit:
        return "count", 1.0
    if unit in _CONVERSIONS:
        return _CONVERSIONS[unit]
    return f"unit:{unit.rstrip('s')}", 1.0


def _head(measures: str | None) -> str | None:
    if not measures:
        return None
    words = [w.lower() for w in WORD.findall(measures)]
    return words[-1] if words else None


def _other(measures: str | None) -> bool:
    """The counted are the rest of a kind: "three other rifles", "two more boats"."""
    return any(
        w.lower() in ("other", "more", "additional", "further")
        for w in WORD.findall(measures or "")
    )


def _modifiers(measures: str | None) -> frozenset[str]:
    words = [w.lower() for w in WORD.findall(measures or "")]
    return frozenset(w for w in words[:-1] if w not in STOP)


def _each_measured(q: Quantity) -> list[Quantity]:
    """A running count of coordinated things counts each: "Protests, riots and clashes
    ... for the sixth straight day" is six days of riots too."""
    if q.kind != "ordinal" or not q.measures or ", " not in q.measures:
        return [q]
    return [replace(q, measures=m) for m in q.measures.split(", ")]


def _act_of(stem_: str) -> str:
    """The act a doer's noun names: "protester" -> "protest", "rioter" -> "riot"."""
    return stem_[:-2] if stem_.endswith(("er", "or")) and len(stem_) > 6 else stem_


def _same_measured_thing(a: Quantity, b: Quantity, *, anchored: bool = False) -> bool:
    """Two figures may measure one thing. ``anchored``: a distance from a named place
    ("15 miles north of Detroit"), whose noun names the place located ("the building")."""
    each_a, each_b = _each_measured(a), _each_measured(b)
    if len(each_a) > 1 or len(each_b) > 1:
        return any(_same_measured_thing(x, y, anchored=anchored) for x in each_a for y in each_b)
    da, db = unit_dimension(a), unit_dimension(b)
    if (
        da
        and db
        and da[0] == db[0]
        and da[0] in _PHYSICAL
        and not _ADJECTIVAL.search(a.text)
        and not _ADJECTIVAL.search(b.text)
        and not (da[0] == "length" and anchored)
    ):
        # the unit says what is measured (a distance, a weight); the noun next to it is
        # as often the thing that moved or was weighed ("the climber fell 150 metres")
        return True
    ha, hb = _head(a.measures), _head(b.measures)
    if ha is None or hb is None:
        return False
    if _other(a.measures) != _other(b.measures):
        return False  # "three other rifles" are not the "nine assault rifles" of the list
    ma, mb = _modifiers(a.measures), _modifiers(b.measures)
    # "Russia's troops" and "Russian troops" share a modifier; "Sanders voters" and
    # "likely Democratic voters" do not
    shared = any(x[:5] == y[:5] for x in ma for y in mb)
    if ma and mb and not shared and not (ma <= _EVENT_NOUNS and mb <= _EVENT_NOUNS):
        return False  # "Russian soldiers" and "NATO troops" are not one number
    if stem(ha) == stem(hb):
        return True
    if a.kind == "ordinal" or b.kind == "ordinal":
        # a running count's subject names the act by its doers: "Protesters ... for a
        # third straight night" counts the nights of "four nights of protesting"
        if _act_of(stem(ha)) == _act_of(stem(hb)):
            return True
    if ha in _EVENT_NOUNS and hb in _EVENT_NOUNS:
        return True
    if ha in _AMMUNITION and hb in _AMMUNITION:
        return True
    return ha in _PERSONNEL and hb in _PERSONNEL


# What befell the people a count counts: the dead, the injured and the population of a
# place are different numbers though all are "people".
FATES = {
    **dict.fromkeys("kill die dead death perish slay fatality claim".split(), "dead"),
    **dict.fromkeys("injure wound hurt injured wounded injury".split(), "injured"),
    **dict.fromkeys("miss missing".split(), "missing"),
    **dict.fromkeys("evacuate displace flee homeless".split(), "displaced"),
    **dict.fromkeys("arrest detain".split(), "arrested"),
    **dict.fromkeys("home live inhabit population resident".split(), "population"),
    **dict.fromkeys("rescue save".split(), "rescued"),
    **dict.fromkeys("seize confiscate recover find".split(), "seized"),
    "fire": "fired",
}


# Fates counted as a running toll: every report of the dead is a sum so far, whether or
# not it says "in all".
_TOLLS = frozenset(("dead", "injured", "missing", "displaced", "arrested"))


# Dimensions whose figures count what an act befell: people killed, delegates awarded, the
# share of voters who "believe" or "were unhappy".
_ACTS = frozenset(("count", "unit:percent"))


def _same_fate(a: Quantity, b: Quantity) -> bool:
    """Two counts may count the same people: both name one fate (:data:`FATES`), or
    neither names one. "10 people were killed" and "home to 120,000 people" do not, nor
    do "killed four people" and "if it had been 50 people"; "massed 100,000 troops" and
    "150,000 troops near the border" may. Counts that two different verbs govern, neither
    of a fate, count two acts' things ("sends 31 delegates" / "awarded 34 delegates")."""
    fa, fb = FATES.get(a.predicate or ""), FATES.get(b.predicate or "")
    if fa is None and fb is None and a.predicate and b.predicate:
        # counts of two other acts: "secure the 1,237 delegates" / "award 34 delegates"
        return a.predicate == b.predicate or (unit_dimension(a) or ("",))[0] not in _ACTS
    return fa == fb


def _rounding(q: Quantity, v: float) -> float:
    """Half the step an exact figure is written to: "235,000" to the thousand, "52" exact.

    A figure with three or more trailing zeros ("300,000") may be rounded to its last
    non-zero digit, up to 5% of its value; a figure with a decimal part is exact to its
    last decimal; any other is exact to its last written digit (a count of 52 is not 53;
    "$160 million" is 160 millions, not 161).
    """
    digits = re.sub(r"[^\d.]", "", q.text.split("-")[0]) or "0"
    try:
        written = float(digits)
    except ValueError:
        written = 0.0
    scale = v / written if written else 1.0  # "$160 million": 160 written, a million each
    if "." in digits:
        decimals = len(digits.split(".", 1)[1].rstrip("0")) or 1
        return 0.49 * 10 ** (-decimals) * scale
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros >= 3:
        # rounded to its last non-zero digit, but never more than 5% either way: "100,000"
        # and "150,000" troops are two claims, "300,000" and "310,000" comments may be one
        return min(0.49 * scale * 10**zeros, 0.05 * v)
    return 0.49 * scale


def interval(q: Quantity, factor: float) -> tuple[float, float]:
    """The values a figure allows: its approximation word, else its rounding."""
    v = q.value * factor
    approx = (q.approx or "").lower()
    if approx in ("more than", "over", "above", "at least", "upwards of", "in excess of"):
        return v, math.inf
    if approx in ("less than", "under", "below", "fewer than", "at most", "up to", "no more than"):
        return 0.0, v
    if approx in ("nearly", "almost", "close to", "just under"):
        return v * 0.85, v
    if approx:  # about, around, roughly, some, approximately, an estimated ...
        return v * 0.8, v * 1.2
    if q.unit == "magnitude":
        return v - 0.05, v + 0.05  # a magnitude is written to one decimal: 5.9 is not 6.1
    if q.kind == "tally":
        return v, v  # "52-3" is no other record
    step = _rounding(q, v)
    return v - step, v + step


def _sentence_of(claims: Sequence[Claim], start: int) -> Claim | None:
    for c in claims:
        if c.start <= start < c.end:
            return c
    return None


# A located distance: "35 miles southwest of Bandar Abbas", "(about 277km) from Aden",
# "300 kilometres to the north", "within 80m of their destination". What it is measured
# from (a name, else unknown) is a place qualifier: two distances from different or
# unknown places are different distances.
_DISTANCE_ANCHOR = re.compile(
    r"^\)?\s*(?:\([^)]{0,40}\)\s*)?(?:(?:due\s+|to\s+the\s+)?(?P<dir>(?:north|south|east|west)"
    r"(?:\s*-?\s*(?:east|west))?(?:ern)?)\b\s*)?(?:(?:of|from)\s+(?:the\s+)?(?P<from>[\w'’-]+"
    r"(?:\s+(?:of\s+)?[A-Z][\w'’-]+)*))?",
    re.I,
)


def _anchor_name(found: str, *, lower: bool = True) -> str:
    """The place's name only: "Aden on Saturday" is Aden (the anchor pattern ignores case,
    so it runs on over lower-case words)."""
    name = re.match(r"[\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*", found)
    out = name.group(0) if name else found
    return out.lower() if lower else out


_FALL = re.compile(
    r"\b(?:fell|fall|falls|falling|fallen|plunged|plunging|slid|sliding)\b[^.]*$", re.I
)


def _place_qualifiers(text: str, q: Quantity, sentence: Claim | None) -> frozenset[str]:
    if sentence is None:
        return frozenset()
    # the figure's own clause: "Page married twice; the first marriage to Navy man ..."
    tail = re.split(r"[;:]", text[q.end : min(sentence.end, q.end + 60)], maxsplit=1)[0]
    dim = unit_dimension(q)
    if dim is not None and dim[0] == "length":
        m = _DISTANCE_ANCHOR.match(tail)
        named = m and m.group("from") and (m.group("dir") or m.group("from")[:1].isupper())
        if m and named:
            return frozenset((_anchor_name(m.group("from")),))
        if m and m.group("from") and not _FALL.search(text[max(0, q.start - 40) : q.start]):
            # "13 nautical miles from the cargo ship", "12 nautical miles from shore": a
            # distance from something, if not a named place. A fall is one distance, where
            # ever the outlets say it fell from ("fell 60 metres from a ridge")
            return frozenset((_anchor_name(m.group("from")),))
        if m and m.group("dir") or re.match(r"\s*away\b", tail):
            return frozenset((f"somewhere {q.start}",))  # located, from no named place
        return frozenset()  # "fell 60 metres at Mount Cook": where it happened, not from
    # "for the sixth straight day since the shooting in Athens": where the count started
    tail = re.split(r"\bsince\b", tail, maxsplit=1)[0]
    found = (m.group(1).lower().removeprefix("the ") for m in _PLACE_QUALIFIER.finditer(tail))
    # "on Monday", "in December" say when, not where; "in Salonika" is "in Thessaloniki"
    return frozenset(place_key(p) for p in found if p.split()[0] not in _TIME_NAMES)


_TIME_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)


@dataclass(frozen=True)
class ConflictRule:
    """A named filter of the rule path: what it drops, and why."""

    name: str
    reason: str


@dataclass
class _Figure:
    """One figure of the rule path with what the rules look at."""

    article: Article
    q: Quantity
    dim: tuple[str, float]
    sent: Claim | None
    places: frozenset[str]
    owner: str | None
    others: Sequence[Quantity] = ()  # every quantity of the article
    # the figure restates an amount of another currency in brackets (:func:`_restated`)
    restated: Quantity | None = None

    @functools.cached_property
    def times(self) -> frozenset[str]:
        """The figure's time qualifiers (:meth:`Claim.times_near`)."""
        if self.sent is None:
            return frozenset()
        return self.sent.times_near(self.q.start, self.q.end) or self.sent.context_times

    @functools.cached_property
    def gap(self) -> bool:
        """The figure is a shortfall: "439 delegates short of the nomination"."""
        return self.dim[0] != "length" and bool(_GAP.match(self.article.text, self.q.end))

    @functools.cached_property
    def vertical(self) -> bool:
        """A height or depth ("66 miles above the Earth's surface", "30 metres deep"), not
        a distance along the ground ("20 miles outside Van Horn")."""
        return self.dim[0] == "length" and bool(_VERTICAL.match(self.article.text, self.q.end))

    @functools.cached_property
    def street(self) -> str | None:
        """The street a block number locates ("the 12000 block of East 223rd Street")."""
        return _street(self.article.text, self.q)

    @functools.cached_property
    def span(self) -> frozenset[str] | None:
        """For a span between two acts, the words of the acts (:func:`_span_words`)."""
        if not _span(self.article.text, self.q):
            return None
        return frozenset(st for st, _ in _span_words(self.article.text, self.q, self.sent))

    @functools.cached_property
    def heading(self) -> tuple[str, tuple[int, int]] | None:
        """A located distance's place and compass direction: "150 nautical miles east of
        Aden" -> ("aden", (0, 1)); (north-south, east-west) signs."""
        if self.dim[0] != "length":
            return None
        m = _DISTANCE_ANCHOR.match(self.article.text[self.q.end : self.q.end + 60])
        if not m or not m.group("dir") or not m.group("from"):
            return None
        d = m.group("dir").lower()
        ns = 1 if "north" in d else -1 if "south" in d else 0
        ew = 1 if "east" in d else -1 if "west" in d else 0
        return _anchor_name(m.group("from")), (ns, ew)

    @functools.cached_property
    def period(self) -> tuple[str | None, bool]:
        """What span of time the figure counts over: a rate's period ("3,865 deaths in a
        single day", "700,000 claims weekly"; None for none) and whether it is a change
        against a baseline ("5.4 percent in June over last year", "down 6.8 million jobs
        compared with February 2020")."""
        if self.sent is None:
            return None, False
        text = self.article.text
        clause = _CLAUSE_END.split(text[self.q.end : self.sent.end])[0][:100]
        near = text[max(self.sent.start, self.q.start - 25) : self.q.start] + " # " + clause
        m = _RATE.search(near)
        rate = None
        if m:
            word = next(g for g in m.groups() if g)
            rate = _RATE_WORDS.get(word.lower(), word.lower())
        return rate, bool(_BASELINE.search(clause))

    @functools.cached_property
    def ago(self) -> bool:
        """A span back from the day of writing: "two weeks ago"."""
        return bool(re.match(r"\s*ago\b", self.article.text[self.q.end : self.q.end + 8], re.I))

    @functools.cached_property
    def rest(self) -> bool:
        """The count is the rest of a kind: "three other rifles", or a later item of a
        list whose earlier item counts a kind like it ("12 AK 47 guns, three rifles":
        rifles besides the guns; a head noun as close as 0.7 in the static model)."""
        if _other(self.q.measures):
            return True
        head = _head(self.q.measures)
        if self.sent is None or head is None or self.dim[0] != "count":
            return False
        earlier = self.article.text[self.sent.start : self.q.start]
        if "," not in earlier[-60:]:
            return False  # not a later item of a list
        heads = {
            h
            for o in self.others
            if o.unit is None and o.end <= self.q.start and self.sent.start <= o.start
            and (h := _head(o.measures)) is not None and stem(h) != stem(head)
        }  # fmt: skip
        return any(_kin(head, h) for h in heads)

    @functools.cached_property
    def total(self) -> bool:
        """The figure sums several occasions or parts: "a total of 14 rifles", "in their
        five operations so far", "in a combined 157 games"."""
        if self.sent is None:
            return False
        head = self.article.text[self.sent.start : self.q.start]
        tail = self.article.text[self.q.end : self.sent.end]
        return bool(_TOTAL_BEFORE.search(head) or _TOTAL_AFTER.match(tail))

    @functools.cached_property
    def model(self) -> str | None:
        """The model a count of things names right after the number: "Seven AK-47s",
        "12 AK 47 guns", "six AK - 47 rifles" -> "AK47"."""
        m = _MODEL.match(self.article.text, self.q.end)
        return f"{m.group(1)}{m.group(2)}" if m and self.dim[0] == "count" else None

    @functools.cached_property
    def alone(self) -> bool:
        """The figure is one place's part of a whole: "200 million euros of damage in
        Athens alone" (the whole, wherever unqualified, is at least as much)."""
        if not self.places or self.sent is None:
            return False
        tail = _CLAUSE_END.split(self.article.text[self.q.end : self.sent.end])[0][:80]
        return bool(_ALONE.search(tail))

    @functools.cached_property
    def takings(self) -> tuple[str, ...] | None:
        """For a sum a named thing took in, that thing's name: "The Hunger Games has
        grossed $368.0 million", '"Games" has already accumulated $459 million'."""
        if self.sent is None or self.dim[0].removeprefix("unit:") not in _MONEY:
            return None
        m = _TAKINGS.search(self.article.text[self.sent.start : self.q.start])
        if m is None:
            return None
        words = tuple(w.lower() for w in WORD.findall(m.group("name")))
        return words[1:] if words[:1] == ("the",) else words

    @functools.cached_property
    def since(self) -> bool:
        """The count runs from a point in time: "arrested three times since October" is
        the part of "arrested four times" after October. A running count of days ("the
        sixth straight day since the shooting") is the whole run."""
        return self.q.kind != "ordinal" and bool(_SINCE_AFTER.match(self.article.text, self.q.end))


# A rate's period next to a figure, and a change's baseline after it.
_RATE = re.compile(
    r"\b(?:a|per|each|every|in\s+a(?:\s+single)?)\s+(day|week|month|year|night|hour)\b"
    r"|\b(daily|weekly|monthly|annually|yearly|hourly|nightly)\b",
    re.I,
)
_RATE_WORDS = {
    "daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
    "yearly": "year", "hourly": "hour", "nightly": "night",
}  # fmt: skip
_BASELINE = re.compile(
    r"\b(?:compared\s+(?:with|to)|than|over|from|since|on)\s+(?:a|an|one|the|its|their)?\s*"
    r"(?:(?:last|previous|prior|past|same)\s+)?(?:year|month|week|quarter|period|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d{4})\b|\byear[- ](?:over|on)[- ]year\b|\ba\s+year\s+(?:ago|earlier|before)\b",
    re.I,
)


_SINCE_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+since\b", re.I)


_ALONE = re.compile(r"\b(?:in|for|at)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*\s+alone\b")


# A model designation after a count: capitals and a number ("AK-47s", "F-16 jets").
_MODEL = re.compile(r"\s+([A-Z]{1,4})(?:\s?-\s?|\s)?(\d{1,4})(?![\d,.:])")


def _one_thing(f1: _Figure, f2: _Figure, *, anchored: bool) -> bool:
    """Two figures measure one thing: counts of one model ("Seven AK-47s" / "12 AK 47
    guns", whatever noun follows the model; never two models), else by their nouns."""
    if f1.model is not None and f2.model is not None:
        return f1.model == f2.model
    return _same_measured_thing(f1.q, f2.q, anchored=anchored)


def _part_of_whole(f1: _Figure, f2: _Figure) -> bool:
    """One figure is a place's part ("in Athens alone"), the other qualified by no place."""
    return (f1.alone and not f2.places) or (f2.alone and not f1.places)


# A sum a named thing took in, its name written just before the verb: a film's gross, a
# fund's takings ("The Hunger Games has grossed", '"Games" has already accumulated').
_TAKINGS = re.compile(
    r"(?P<name>(?<![\w'’-])(?!(?:It|They|He|She|We|You|I|This|That|These|Those)\b)"
    r"(?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})[\"”’]?\s+"
    r"(?:has|have|had)?\s*(?:already\s+|now\s+|so\s+far\s+)?"
    r"(?:grossed|earned|accumulated|collected|(?:taken|brought|raked)\s+in)\s+"
    r"(?:[a-z]+\s+){0,2}$"
)


def _same_takings(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name, or a short form of it made of its last words ("Games" for "The Hunger
    Games", as a title is shortened)."""
    short, full = sorted((a, b), key=len)
    return bool(short) and full[len(full) - len(short) :] == short


# Words that make a figure a sum of occasions or parts; a sum and one of its parts are two
# quantities ("seized a total of 14 rifles in five operations" / "six rifles were seized
# from the boats"; "33 homers in a combined 157 games" / "13 homers" with one team).
_TOTAL_BEFORE = re.compile(
    r"\b(?:a\s+total\s+of|in\s+total|in\s+all|altogether|combined|so\s+far|to\s+date|"
    r"cumulative(?:ly)?|all\s+told)\b",
    re.I,
)
_TOTAL_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:in\s+total|in\s+all|altogether|all\s+told|so\s+far|to\s+date|"
    r"combined)\b",
    re.I,
)


# "439 delegates short of the nomination", "two votes shy of", "12 seats away from": the
# distance to a goal, not a number held.
# A height or a depth after a length: "about 66 miles above the Earth's surface", "(32 km)
# high", "30 metres deep" (not "fell 200 metres down a gully": a fall is one distance)
_VERTICAL = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:above|below|beneath|under(?:ground|water)?|high|tall|deep|"
    r"in (?:altitude|height|depth)|into the (?:sky|air))\b",
    re.I,
)


# A street address by its block: "in the 12000 block of East 223rd Street". The number
# places the spot on the street; it counts nothing.
_STREET_BLOCK = re.compile(
    r"\s+block\s+of\s+(?:the\s+)?(?P<street>(?:[A-Z0-9][\w'.-]*\s+){0,4}?"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Lane|Way|Place|Court|"
    r"Highway|Parkway|Terrace|Circle|Square)\b)"
)
_STREET_WORDS = {"st.": "street", "ave.": "avenue", "rd.": "road", "blvd.": "boulevard"}
_COMPASS = frozenset("east west north south e. w. n. s.".split())


def _street(text: str, q: Quantity) -> str | None:
    """The street a block number locates, without its compass word ("East 223rd Street"
    and "223rd Street" are one street), or None when the figure is no block number."""
    m = _STREET_BLOCK.match(text, q.end)
    if m is None:
        return None
    words = [_STREET_WORDS.get(w.lower(), w.lower()) for w in m.group("street").split()]
    return " ".join(w for w in words if w not in _COMPASS) or None


_GAP = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,2}?(?:short|shy)\s+of\b|\s*(?:[\w'’-]+\s+)?away\s+from\b", re.I
)


# Every filter of the rule path, in the order it is applied. Figure rules drop a figure
# before it is paired; pair rules drop a pair of figures of independent articles with one
# unit dimension. Each has its own test (tests/test_conflict_rules.py); `newsprism
# explain` names the rule that dropped each pair.
FIGURE_RULES: tuple[ConflictRule, ...] = (
    ConflictRule("no-dimension", "a figure without a value or a comparable unit"),
    ConflictRule(
        "small-count",
        "'two leaders', 'three sides': counts below ten of no fate nor repeated act",
    ),
    ConflictRule("conversion", "'60 metres (200 feet)': the figure in brackets restates the first"),
    ConflictRule(
        "time-window",
        "'in the last 24 hours', 'within two weeks', 'within 80m of': a bound, not a measure",
    ),
    ConflictRule("recalls-past", "the sentence's dates all ended a month before the article"),
    ConflictRule("possibility", "'can', 'could', 'may', 'might': no reported fact"),
    ConflictRule(
        "expected",
        "'expected to hit one trillion', '700,000 jobs would be added': a forecast, not a "
        "reported figure",
    ),
    ConflictRule("model-size", "'the 16-inch MacBook Pro' names a product's model"),
    ConflictRule("several-of-a-kind", "several figures of one kind in one sentence"),
)
PAIR_RULES: tuple[ConflictRule, ...] = (
    ConflictRule("same-source", "two figures of one outlet (or of copies) are no disagreement"),
    ConflictRule("dimension", "a duration, a count and an amount are different things"),
    ConflictRule(
        "other-span",
        "a span between two acts ('nine days after the heart attack') is compared only with "
        "a span between the same acts (a word of its clause in common); 'two days ago' only "
        "with a span written on the same day",
    ),
    ConflictRule("two-owners", "figures the sentences give to two different people"),
    ConflictRule(
        "other-street",
        "a block number ('the 12000 block of East 223rd Street') is compared only with a "
        "block number of the same street",
    ),
    ConflictRule(
        "age-of-whom",
        "two ages, or two records ('52-3'), are compared only when both name the same person",
    ),
    ConflictRule("other-thing", "the measured nouns differ, or what befell the counted differs"),
    ConflictRule(
        "sum-and-part",
        "'a total of 14 in five operations' / 'six seized from the boat': a sum and one part",
    ),
    ConflictRule(
        "other-period",
        "a rate per day and a count, or a change against a baseline ('over last year') and "
        "one without, are different quantities",
    ),
    ConflictRule("other-place", "figures qualified by different places"),
    ConflictRule(
        "other-day",
        "sentences dated to different days, months or years ('in April' / 'in June'): "
        "different events",
    ),
    ConflictRule(
        "unplaced-day",
        "one sentence times its figure only relative to an unknown publication date ('last "
        "month' in an undated article), the other names a calendar time ('in April'): "
        "nothing places them at one moment",
    ),
    ConflictRule("other-names", "sentences naming no one in common: different facts"),
    ConflictRule(
        "unrelated-sentences",
        "sentences about different matters (static MiniLM cosine < 0.5, numbers masked)",
    ),
    ConflictRule("compatible", "the values can both be true (rounding, 'about', 'at least')"),
    ConflictRule("both-in-one", "one outlet gives both figures: two things, not a disagreement"),
    ConflictRule(
        "change-without-name",
        "a change over days needs one named thing, or a running count (an ordinal) of one act",
    ),
)
# Rules for the dates of one act: two reports of one act (same verb, a shared word of
# its object) dated differently by independent outlets ("Voters in 2009 approved a $3
# million bond" / "Palmer voters in 2010 approved a $3 million bond").
DATE_RULES: tuple[ConflictRule, ...] = (
    ConflictRule("unwritten-date", "only a date written out ('November 19', '2009') is compared"),
    ConflictRule("noun-date", "'convicted of the June 20 attempted murder' dates the noun"),
    ConflictRule("other-act", "the two acts differ in verb or share no word of their object"),
    ConflictRule("other-count", "'arrested 40' on May 1 and 'arrested 75' on May 3: two acts"),
    ConflictRule(
        "recurring", "an act one article dates twice ('returned to prison' in 1984, 1999)"
    ),
    ConflictRule("same-date", "the dates agree on every part both write"),
)
RULE_REASONS = {r.name: r.reason for r in (*FIGURE_RULES, *PAIR_RULES, *DATE_RULES)}


def _converted(q: Quantity, dq: tuple[str, float], o: Quantity, do: tuple[str, float]) -> bool:
    """``o`` is ``q`` in another unit: "1,150 kilometres (700 miles)"."""
    if (q.unit or "") == (o.unit or ""):
        return False
    lo, hi = interval(q, dq[1])
    v = o.value * do[1]
    return lo * (1 - CONVERSION_SLACK) <= v <= hi * (1 + CONVERSION_SLACK)


RESTATED_SLACK = 1.5


def _currency(q: Quantity) -> str | None:
    unit = (unit_dimension(q) or ("",))[0].removeprefix("unit:")
    return unit if unit in _MONEY else None


def _restated(text: str, q: Quantity, quantities: Sequence[Quantity]) -> Quantity | None:
    """An amount in brackets after an amount of another currency restates it, so it
    measures what that one does: "200 million euros ($265.3 million) of damage"."""
    if _currency(q) is None:
        return None
    for o in quantities:
        if (
            o.end <= q.start
            and _currency(o) not in (None, _currency(q))
            and re.fullmatch(r"\s*\(\s*(?:about\s+|some\s+|around\s+)?", text[o.end : q.start])
        ):
            return replace(q, measures=o.measures)
    return None


def _figure_rule(a: Article, ex: Extraction, q: Quantity, sentences: Sequence[Claim]) -> str | None:
    """The name of the figure rule that drops ``q``, or None to keep it."""
    dim = unit_dimension(q)
    if dim is None or q.value <= 0:
        return "no-dimension"
    if (
        dim[0] == "count"
        and q.value < 10
        and FATES.get(q.predicate or "") is None
        and not (q.measures == "times" and q.predicate)  # "married twice": an act's count
    ):
        return "small-count"
    if any(
        o is not q
        and o.end <= q.start
        and re.fullmatch(r"\s*\(\s*(?:about\s+|some\s+|around\s+)?", a.text[o.end : q.start])
        and (d := unit_dimension(o)) is not None
        and _converted(o, d, q, dim)
        for o in ex.quantities
    ):
        return "conversion"
    if dim[0] in ("time", "length") and _time_window(a.text, q) and not _span(a.text, q):
        return "time-window"
    sent = _sentence_of(sentences, q.start)
    if _recalls_the_past(ex, sent, a.published_date):
        return "recalls-past"
    if sent is not None and POSSIBILITY.search(sent.text):
        return "possibility"
    if sent is not None and _expected(a.text, q, sent):
        return "expected"
    if (
        MODEL_SIZE.match(q.text)
        and not _is_age(q)
        and q.measures
        and q.measures.split()[-1][:1].isupper()
    ):
        return "model-size"
    if (
        q.kind != "tally"
        and sent is not None
        and any(
            o is not q
            and sent.start <= o.start < sent.end
            and (d := unit_dimension(o)) is not None
            and d[0] == dim[0]
            and (dim[0] != "count" or o.value >= 10 or FATES.get(o.predicate or ""))
            and not _converted(q, dim, o, d)
            and not _list_items(q, o)
            and not _PART_OF_IT.match(a.text, o.end)
            for o in ex.quantities
        )
    ):
        # "46 percent to 40 percent", "Clinton 42 percent, Trump 34 percent": which
        # measures what is not something a figure's neighbouring words tell reliably.
        return "several-of-a-kind"
    return None


# A part of a figure before it: "nearly 235,000 comments, at least 208,000 of which were
# form letters" gives one count and a share of it, not two counts of one kind.
_PART_OF_IT = re.compile(r"\s+of\s+(?:which|whom|them|those)\b", re.I)


def _list_items(q: Quantity, o: Quantity) -> bool:
    """Two counts of one list, each of its own noun: "seven AK-47s, three other rifles and
    13 magazines" count three things, which the nouns tell apart (unlike "42 percent,
    34 percent", or "killed 10 people and injured 40 people")."""
    if q.unit is not None or o.unit is not None:
        return False
    hq, ho = _head(q.measures), _head(o.measures)
    return hq is not None and ho is not None and stem(hq) != stem(ho)


# Two figures of sentences about different matters are different facts. On the gold set's
# groups every reported disagreement whose sentences scored below 0.5 was bogus ("the poll
# of 1,000 people" / "more than 10,000 people marched": 0.15; a Rite Aid's 60 shoppers /
# the vigil's 200: 0.31; "11 p.m." / "dialled 911": 0.43), every real one 0.56 or more
# (the sample's 105 / 45 minutes: 0.67).
RELATED_SENTENCES = 0.5


def _relatedness(figures: Sequence[_Figure]) -> Any:
    """Cosine of two figures' sentences in the static sentence model, numbers masked."""

    index: dict[tuple[str, int], int] = {}
    texts: list[str] = []
    for f in figures:
        key = (f.article.id, f.sent.start if f.sent is not None else f.q.start)
        if key not in index:
            index[key] = len(texts)
            text = f.sent.text if f.sent is not None else f.article.text[f.q.start : f.q.end]
            texts.append(re.sub(r"\d[\d,.]*", " ", text))
    vectors = embed(texts) if texts else None

    def related(f1: _Figure, f2: _Figure) -> float:
        if vectors is None:
            return 1.0
        k1 = index[(f1.article.id, f1.sent.start if f1.sent is not None else f1.q.start)]
        k2 = index[(f2.article.id, f2.sent.start if f2.sent is not None else f2.q.start)]
        return float(vectors[k1] @ vectors[k2])

    return related


def _ages_apart(q1: Quantity, q2: Quantity, day1: date, day2: date) -> bool:
    """Two ages of one person that the time between the reports explains: a person ages a
    year a year, so 27 in 2005 and 29 in 2007 is a change, 31 and 32 a day apart is not."""
    years = abs((day1 - day2).days) / 365.25
    return years >= 0.5 and abs(q1.value - q2.value) <= years + 1


def _is_age(q: Quantity) -> bool:
    return (q.unit or "").endswith(" of age")


@functools.lru_cache(maxsize=4096)
def _inferred_day(text: str) -> date | None:
    from newsprism.extract.dates import infer_reference

    return infer_reference(text)


def _written(a: Article) -> date | None:
    """The day an article was written: its publication date, else the first full date its
    text gives (a dateline, "July 26, 2005"), as the dates stage infers it. Without it two
    reports of a trial two years apart were a conflict over the accused's age (#16)."""
    return a.published_date or _inferred_day(a.text)


_LOWER_BOUNDS = frozenset(("at least", "more than", "over", "upwards of", "in excess of"))


def _running_toll(f1: _Figure, f2: _Figure) -> bool:
    """A toll that rose between two reports: "at least three killed" in one, "at least 10
    killed" in a later one. Both are lower bounds, so both can be true, yet the count
    moved: a change. Counts of one fate, of articles published at different times,
    different values, one of them at least given as a lower bound."""
    q1, q2 = f1.q, f2.q
    fate = FATES.get(q1.predicate or "")
    if fate is None or fate != FATES.get(q2.predicate or "") or q1.value == q2.value:
        return False
    if not ({(q1.approx or "").lower(), (q2.approx or "").lower()} & _LOWER_BOUNDS):
        return False
    t1, t2 = f1.article.published_iso, f2.article.published_iso
    return bool(t1 and t2 and t1 != t2)


def _running(f: _Figure) -> bool:
    """A duration that runs on as the story goes: "for the sixth straight day" (an ordinal
    count), "five days of riots", "after eight days of the worst riots"."""
    if f.dim[0] != "time":
        return False
    return f.q.kind == "ordinal" or bool(_OF_AFTER.match(f.article.text[f.q.end : f.q.end + 5]))


def _running_count(f1: _Figure, f2: _Figure) -> bool:
    """Two values of a running duration ("five days of riots" / "the sixth straight day")
    were written on different days, when the articles do not say which: a change."""
    return _running(f1) and _running(f2) and f1.q.value != f2.q.value


def _share_a_name(s1: Claim, s2: Claim) -> bool:
    """Two sentences name one thing: the same name, a place with and without its kind
    ("Qeshm Island" / "Qeshm") or by another of its names ("Salonika" / "Thessaloniki"),
    or two full names of one person ("Betty Mae Page" / "Betty Page")."""
    return bool(
        s1.entities & s2.entities
        or {place_key(_place_core(x)) for x in s1.entities}
        & {place_key(_place_core(x)) for x in s2.entities}
        or any(
            _same_person(x, y) for x in s1.entities for y in s2.entities if " " in x and " " in y
        )
    )


def _pair_intervals(f1: _Figure, f2: _Figure) -> tuple[tuple[float, float], ...]:
    """The values each figure of a pair allows, in the dimension's base unit."""
    (q1, d1), (q2, d2) = (f1.q, f1.dim), (f2.q, f2.dim)
    lo1, hi1 = interval(q1, d1[1])
    lo2, hi2 = interval(q2, d2[1])
    if f1.span is not None:
        # a span is told in round numbers: "10 minutes earlier" may be nine; two weeks
        # are not three
        if not q1.approx:
            lo1, hi1 = q1.value * d1[1] * (1 - SPAN_SLACK), q1.value * d1[1] * (1 + SPAN_SLACK)
        if not q2.approx:
            lo2, hi2 = q2.value * d2[1] * (1 - SPAN_SLACK), q2.value * d2[1] * (1 + SPAN_SLACK)
    if f1.street is not None:
        lo1, hi1, lo2, hi2 = q1.value, q1.value, q2.value, q2.value  # "12000 block" is exact
    # a restated amount is as good as the outlet's rate, and "dollar" names several
    # currencies: "85 million euros ($108 million)" is a Canadian outlet's "$137-million"
    if f1.restated is not None:
        lo1, hi1 = lo1 / RESTATED_SLACK, hi1 * RESTATED_SLACK
    if f2.restated is not None:
        lo2, hi2 = lo2 / RESTATED_SLACK, hi2 * RESTATED_SLACK
    # a place's part bounds the whole from below: "in Athens alone" against the whole
    if f1.alone and not f2.places:
        hi1 = math.inf
    if f2.alone and not f1.places:
        hi2 = math.inf
    if (q1.unit or "") != (q2.unit or ""):
        lo1, hi1 = lo1 * (1 - CONVERSION_SLACK), hi1 * (1 + CONVERSION_SLACK)
    return (lo1, hi1), (lo2, hi2)


def _unplaced_against_placed(f1: _Figure, f2: _Figure) -> bool:
    """One figure is timed only by an unplaceable deictic ("last month" in an undated
    article), the other by a calendar time."""

    def unplaced(f: _Figure) -> bool:
        return bool(f.sent and f.sent.unplaced and not f.times)

    return (unplaced(f1) and bool(f2.times)) or (unplaced(f2) and bool(f1.times))


def _pair_rule(
    f1: _Figure,
    f2: _Figure,
    keys: Mapping[str, str],
    also_states: Any,
    related: Any,
) -> tuple[str | None, str]:
    """The name of the pair rule that drops the pair (None to keep it), and its kind."""
    a1, q1, d1, s1, p1, o1 = f1.article, f1.q, f1.dim, f1.sent, f1.places, f1.owner
    a2, q2, d2, s2, p2, o2 = f2.article, f2.q, f2.dim, f2.sent, f2.places, f2.owner
    if keys[a1.id] == keys[a2.id]:
        return "same-source", ""
    if d1[0] != d2[0]:
        return "dimension", ""
    if (f1.span is None) != (f2.span is None) or (
        f1.span is not None
        and f2.span is not None
        and (not f1.span & f2.span or ((f1.ago or f2.ago) and _written(a1) != _written(a2)))
    ):
        # "nine days after the heart attack" / "a three-day stay"; "24 hours ago" on Monday
        # and "48 hours ago" on Tuesday are one time
        return "other-span", ""
    if f1.street != f2.street:
        return "other-street", ""  # a block number places a spot on one street
    if o1 and o2 and not _same_person(o1, o2) and f1.street is None:
        return "two-owners", ""  # Trump's crowd of 230 and Rubio's of 1,000
    # an age or a record is an attribute of its person, an address of its street, whatever
    # else the sentence is about
    age = _is_age(q1) or q1.kind == "tally" or f1.street is not None
    if age and f1.street is None and not (o1 and _surname(o1) == _surname(o2)):
        return "age-of-whom", ""  # "a 19-year-old was arrested" is not the 16-year-old victim
    # two headings from one place: what is located there is the same spot, whatever
    # noun the sentences hang the distance on ("the skipper, sailing 150 nautical miles
    # west of Aden" / "attacked ... 150 nautical miles east of Aden")
    opposite = _opposite(f1.heading, f2.heading)
    # what one named thing took in ("The Hunger Games has grossed $368.0 million") is one
    # measured thing whatever noun stands next to it
    took = f1.takings is not None and f2.takings is not None
    if took and not _same_takings(f1.takings, f2.takings):  # type: ignore[arg-type]
        return "other-thing", ""
    if (
        not age
        and not took
        and f1.span is None
        and not opposite
        and (
            not _one_thing(f1, f2, anchored=bool(p1 or p2))
            or not _same_fate(q1, q2)
            or f1.gap != f2.gap
            or f1.vertical != f2.vertical  # an apogee is no distance from a town
        )
    ):
        return "other-thing", ""
    if (
        not age
        and (f1.total != f2.total or f1.since != f2.since)
        and (FATES.get(q1.predicate or "") not in _TOLLS or (q1.measures or "").endswith("times"))
    ):
        # "a total of 14 rifles so far" / "six rifles seized"; "arrested three times since
        # October" / "arrested four times"
        return "sum-and-part", ""
    if not age and f1.rest != f2.rest:
        return "other-thing", ""  # "12 AK 47 guns, three rifles" / "nine assault rifles"
    adj1, adj2 = _adjective_of(f1), _adjective_of(f2)
    if not age and d1[0] == "count" and adj1 and adj2 and adj1 != adj2:
        return "other-thing", ""  # "the 50-vote minority" / "the 60-vote threshold"
    if not age and f1.period != f2.period:
        # "3,865 deaths in a single day" / "15,120 deaths in 2021"; "prices rose 5.4
        # percent over last year" / "used car prices spiked 10.5% last month"
        return "other-period", ""
    if not age and (p1 or p2) and p1 != p2 and not _part_of_whole(f1, f2):
        return "other-place", ""  # "troops in Belarus" is not "troops near the border"
    if s1 and s2 and times_apart(f1.times, f2.times):
        return "other-day", ""
    if s1 and s2 and _unplaced_against_placed(f1, f2):
        return "unplaced-day", ""
    named_both = bool(s1 and s2 and s1.entities and s2.entities)
    shared_name = named_both and _share_a_name(s1, s2)  # type: ignore[arg-type]
    if named_both and not shared_name and not age:
        return "other-names", ""
    if not age and related(f1, f2) < RELATED_SENTENCES:
        return "unrelated-sentences", ""
    (lo1, hi1), (lo2, hi2) = _pair_intervals(f1, f2)
    toll = _running_toll(f1, f2)
    if lo1 <= hi2 and lo2 <= hi1 and not toll:
        if opposite:
            return None, "conflict"  # "150 nautical miles east of Aden" / "west of Aden"
        return "compatible", ""
    if not toll and (also_states(a1.id, q2, d2) or also_states(a2.id, q1, d1)):
        return "both-in-one", ""
    day1, day2 = _written(a1), _written(a2)
    # the time between two past acts does not move however late one writes of it, nor
    # does what one raid seized (a sum so far is `sum-and-part`'s): "six AK-47 rifles were
    # found" and, a day later, "the Navy confiscated 14 AK-47 rifles from the boat"
    fixed = (
        (f1.span is not None and not (f1.ago or f2.ago))
        or FATES.get(q1.predicate or "") == FATES.get(q2.predicate or "") in ("seized", "fired")
        or f1.street is not None  # where an act took place does not move either
    )
    # a sum taken in so far, like a running count, grows: two values written on days the
    # articles do not both give are a change
    takings_grew = took and not (day1 and day2 and day1 == day2)
    moved = not fixed and (
        toll or _running_count(f1, f2) or takings_grew or bool(day1 and day2 and day1 != day2)
    )
    kind = "change" if moved else "conflict"
    if kind == "change" and _is_age(q1) and day1 and day2 and not _ages_apart(q1, q2, day1, day2):
        kind = "conflict"  # 31 and 32 for one man in reports a day apart
    # "for a third straight night" against "four nights of protesting": a running count
    # (an ordinal) of one act names what it counts; two plain "N hours of deliberation"
    # may be two deliberations (a verdict's 12 hours, a sentence's 30)
    counted_act = (
        _running_count(f1, f2) and "ordinal" in (q1.kind, q2.kind) and _same_measured_thing(q1, q2)
    )
    if kind == "change" and not shared_name and not age and not counted_act and not took:
        # A figure that moved between days is a figure of one named thing: "Russia
        # massed 100,000 troops" ... "150,000", not "2,383 delegates needed" on one
        # day and "1,237 delegates needed by Trump" on another.
        return "change-without-name", kind
    return None, kind


def find_conflicts(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]],
    keys: Mapping[str, str],
    *,
    dropped: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Incompatible figures for the same measured thing across independent articles.

    Candidates pass the named rules of :data:`FIGURE_RULES` and :data:`PAIR_RULES`. When
    ``dropped`` is a list, every pair of independent figures of one dimension that a pair
    rule dropped is appended to it as ``{"rule", "claims"}``, and every dropped figure as
    ``{"rule", "claims": [one]}`` (for ``newsprism explain``).
    """
    figures: list[_Figure] = []
    persons = frozenset(
        e.canonical
        for a in articles
        if (x := extractions.get(a.id)) is not None
        for e in x.entities
        if e.label == "PERSON"
    )
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None or a.duplicate_of:
            continue
        sentences = claims_by_article.get(a.id, [])
        for q in ex.quantities:
            rule = _figure_rule(a, ex, q, sentences)
            sent = _sentence_of(sentences, q.start)
            if rule is not None:
                if dropped is not None:
                    dropped.append({"rule": rule, "claims": [_claim_json(a, q, sent)]})
                continue
            restated = _restated(a.text, q, ex.quantities)
            figures.append(
                _Figure(
                    a, restated or q, unit_dimension(q) or ("count", 1.0), sent,
                    _place_qualifiers(a.text, q, sent),
                    _age_owner(a.text, ex, q, sent) if _is_age(q)
                    else _owner(ex, q, sent, persons),
                    ex.quantities,
                    restated,
                )
            )  # fmt: skip
    by_article: dict[str, list[tuple[Quantity, tuple[str, float]]]] = defaultdict(list)
    for f in figures:
        by_article[f.article.id].append((f.q, f.dim))

    def also_states(article_id: str, q: Quantity, dim: tuple[str, float]) -> bool:
        """The article gives ``q``'s figure for the same thing too (up to rounding)."""
        lo, hi = interval(q, dim[1])
        return any(
            d[0] == dim[0]
            and _same_measured_thing(o, q)
            and _same_fate(o, q)
            and lo <= o.value * d[1] <= hi
            for o, d in by_article[article_id]
        )

    related = _relatedness(figures)
    # one name per person for the ages' findings: "Orozco" and "Jose Luis Orozco" are one
    fullest: dict[str | None, str] = {}
    for f in figures:
        if _is_age(f.q) and f.owner:
            key = _surname(f.owner)
            fullest[key] = max(fullest.get(key, ""), f.owner, key=len)
    found = []
    for i in range(len(figures)):
        for j in range(i + 1, len(figures)):
            f1, f2 = figures[i], figures[j]
            rule, kind = _pair_rule(f1, f2, keys, also_states, related)
            if rule is not None:
                if dropped is not None and rule not in ("same-source", "dimension"):
                    dropped.append(
                        {
                            "rule": rule,
                            "claims": [_claim_json(f.article, f.q, f.sent) for f in (f1, f2)],
                        }
                    )
                continue
            q1, d1, q2, d2 = f1.q, f1.dim, f2.q, f2.dim
            ratio = max(q1.value * d1[1], q2.value * d2[1]) / max(
                1e-9, min(q1.value * d1[1], q2.value * d2[1])
            )
            same_head = stem(_head(q1.measures) or "") == stem(_head(q2.measures) or "")
            confidence = 0.5 + (0.2 if same_head else 0.1) + min(0.2, 0.05 * math.log2(ratio))
            s1, s2 = f1.sent, f2.sent
            if s1 and s2 and s1.entities and s2.entities and s1.entities & s2.entities:
                confidence += 0.1
            found.append(
                {
                    "subject": (
                        f"direction from {f1.heading[0].title()}"
                        if f1.heading and _opposite(f1.heading, f2.heading)
                        else _span_subject(f1, f2)
                        if f1.span is not None
                        else f"age of {fullest[_surname(f1.owner)]}"
                        if _is_age(q1) and f1.owner and f2.owner
                        else f"record of {f1.owner}"
                        if q1.kind == "tally" and f1.owner
                        else f"block of {string.capwords(f1.street)}"
                        if f1.street is not None
                        else figure_subject(q1, q2, d1[0])
                    ),
                    "kind": kind,
                    "confidence": round(min(confidence, 1.0), 3),
                    "claims": [_figure_claim(f, f1, f2) for f in (f1, f2)],
                }
            )
    found.extend(_date_disagreements(articles, extractions, claims_by_article, keys, dropped))
    return merge_disagreements(found, {a.id: a for a in articles})


def _undated_into_changes(
    found: list[dict[str, Any]], articles: Mapping[str, Article]
) -> list[dict[str, Any]]:
    """A "conflict" with an undated side whose figures a change of the same subject already
    has is that change: Orozco, 27 in a report of the shooting that gives no date and 29 at
    the trial two years on, is the change from 27 to 29, not a second, conflicting finding."""

    def numbers(f: dict[str, Any]) -> frozenset[float]:
        return frozenset(n for c in f["claims"] for n in figure_numbers(c["value"]))

    def undated(f: dict[str, Any]) -> bool:
        return any(
            (a := articles.get(c["article"])) is None or _written(a) is None for c in f["claims"]
        )

    changes = [(f, numbers(f)) for f in found if f["kind"] == "change"]
    out = []
    for f in found:
        into = None
        if f["kind"] == "conflict" and undated(f):
            own = numbers(f)
            into = next(
                (ch for ch, n in changes if ch["subject"] == f["subject"] and own <= n), None
            )
        if into is None:
            out.append(f)
            continue
        known = {(c["article"], c["start"]) for c in into["claims"]}
        into["claims"].extend(c for c in f["claims"] if (c["article"], c["start"]) not in known)
    return out


def merge_disagreements(
    pairs: Sequence[dict[str, Any]], articles: Mapping[str, Article]
) -> list[dict[str, Any]]:
    """One finding per disagreement, with every claim of every outlet on either side.

    Pairs of one kind and subject that share a claim are one disagreement: ".38 calibre"
    in five outlets against ".357" in three was fifteen pairs, now one conflict with eight
    claims. Claims are ordered by publication (a change reads in time order), then value;
    a copy of one sentence (same value and text) is listed once.
    """
    parent = list(range(len(pairs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str, Any], int] = {}
    for i, p in enumerate(pairs):
        for c in p["claims"]:
            keys: list[tuple[str, str, Any]] = [(p["kind"], p["subject"], c["article"])]
            if p["kind"] == "change":
                # one figure that moved, named two ways: "the sixth straight day" of
                # "Protests, riots and clashes" against "five days of riots" and against
                # "eight days of clashes" is one running count
                keys.append((p["kind"], c["article"], c["start"]))
            for key in keys:
                if key in owner:
                    parent[find(i)] = find(owner[key])
                else:
                    owner[key] = i
    merged: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, p in enumerate(pairs):
        merged[find(i)].append(p)
    out = []
    for members in merged.values():
        claims: dict[tuple[str, str], dict[str, Any]] = {}
        for p in members:
            for c in p["claims"]:
                claims.setdefault((c["value"], c["text"]), c)

        def when(c: dict[str, Any]) -> str:
            a = articles.get(c["article"])
            return (a.published_iso or "") if a is not None else ""

        out.append(
            {
                "subject": members[0]["subject"],
                "kind": members[0]["kind"],
                "confidence": max(p["confidence"] for p in members),
                "claims": sorted(
                    claims.values(), key=lambda c: (when(c), c["value"], c["article"])
                ),
            }
        )
    out = _undated_into_changes(out, articles)
    out.sort(key=lambda c: (c["kind"] != "conflict", -c["confidence"], -len(c["claims"])))
    return out


# "16-inch", "5.9-magnitude": a figure written as one hyphenated adjective.
MODEL_SIZE = re.compile(r"^[\d.,]+-[^\W\d]")


# A figure under a modal of possibility is no reported fact ("could rise to 100").
POSSIBILITY = re.compile(r"\b(?:can|could|may|might)\b")


# A forecast in the figure's own clause: "Deficit expected to hit one trillion dollars",
# "economists expected that 700,000 jobs would be added".
_EXPECTED = re.compile(
    r"\b(?:would|expect|expected|expects|expecting|forecasts?|forecasted|projected|projects|"
    r"predicted|predicts|anticipated|estimated\s+to)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[;:]|,\s+(?:and|but|while|as|which|who)\b|\.\s")


def _adjective_of(f: _Figure) -> str | None:
    """The noun a count written as a hyphenated adjective describes: "the chamber's
    50-vote minority" counts votes of a minority, "the 60-vote threshold" of a threshold."""
    m = _HYPHENATED.match(f.article.text, f.q.end)
    return stem(m.group(1)) if m else None


_HYPHENATED = re.compile(r"\s?-\s?[a-z]+\s+([a-z]{3,})\b")


def _expected(text: str, q: Quantity, sent: Claim) -> bool:
    """The figure is a forecast: a cue of expectation in its clause."""
    before = _CLAUSE_END.split(text[sent.start : q.start])[-1]
    after = _CLAUSE_END.split(text[q.end : sent.end])[0]
    return bool(_EXPECTED.search(before) or re.match(r"[^,;]{0,40}?\bwould\b", after))


def _recalls_the_past(ex: Extraction, sent: Claim | None, published: date | None) -> bool:
    """The sentence is dated, and every date in it ended ``BACKGROUND_DAYS`` or more
    before the article: it recalls an earlier event ("In December 2003, a quake razed
    Bam"), whose figures are not the story's."""
    if sent is None or published is None:
        return False
    ends = [
        period_end(d.value.split("T")[0])
        for d in ex.dates
        if sent.start <= d.start < sent.end and d.type in ("DATE", "TIME")
    ]
    cutoff = published - timedelta(days=BACKGROUND_DAYS)
    return bool(ends) and all(end is not None and end < cutoff for end in ends)


# "32-year-old Englishman Robert Buckley", "Robert Buckley, 32,": the person an age
# belongs to is named right after "N-year-old" and its descriptors, or right before ", N".
_AGE_GAP_AFTER = re.compile(r"^[\w\s'’.-]{0,45}$")
_AGE_GAP_BEFORE = re.compile(r"^\s*,?\s*(?:aged\s+)?$")


# "the 39-year-old Troy man": a definite description whose noun says no more than that it
# is a person points back to the person the article is about. Role nouns ("the
# 36-year-old driver") may name someone else and are left alone.
_DEFINITE_PERSON = re.compile(
    r"^(?:the|The)\s+\S+\s+(?:[A-Z][\w'’-]*\s+)*(?:man|woman|boy|girl|person)\b"
)


def _age_owner(text: str, ex: Extraction, q: Quantity, sent: Claim | None) -> str | None:
    """The person an age is given for: the name next to it, else, for a definite
    description ("Prosecutor Rob Novy said the 39-year-old Troy man shot ...", see
    :data:`_DEFINITE_PERSON`), the person the article names most often before it, when
    one stands out; None otherwise ("a 60-year-old woman" brings in someone new)."""
    if sent is None:
        return None
    for e in ex.entities:
        if e.label != "PERSON" or not (sent.start <= e.start < sent.end):
            continue
        after = q.end <= e.start and _AGE_GAP_AFTER.match(text[q.end : e.start])
        before = e.end <= q.start and _AGE_GAP_BEFORE.match(text[e.end : q.start])
        if after or before:
            return e.canonical
    if not _DEFINITE_PERSON.match(text[max(0, q.start - 4) : q.end + 40]):
        return None
    named = Counter(
        _surname(e.canonical) for e in ex.entities if e.label == "PERSON" and e.end <= q.start
    )
    ranked = named.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None  # nobody the article is about, or two
    top = ranked[0][0]
    return max(
        (e.canonical for e in ex.entities if e.label == "PERSON" and _surname(e.canonical) == top),
        key=len,
    )


# Generational suffixes after a surname ("Anthony LaCalamita III", "Martin Luther King Jr.").
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


# Words that say what kind of place a name is: "Qeshm Island" is Qeshm, "Kerman
# Province" Kerman.
_PLACE_KINDS = frozenset(
    "island islands city county province state region district prefecture oblast".split()
)


def _place_core(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _PLACE_KINDS:
        words.pop()
    return " ".join(words)


def _same_person(a: str, b: str) -> bool:
    """Two names of one person: one surname, the same first name when both give one, and
    no clash of honorifics ("Anthony LaCalamita III", "Mr. LaCalamita"; not "Ms. Trump"
    and "Donald Trump"... when she is named Melania, nor "Mrs. Trump" and "Mr. Trump")."""
    if a == b:
        return True
    if _surname(a) != _surname(b):
        return False

    def parts(name: str) -> tuple[str | None, str | None]:
        words = _name_words(name)
        sex = HONORIFIC_GENDER.get(words[0].rstrip(".")) if words else None
        given = [
            w for w in words[:-1] if w.rstrip(".") not in HONORIFIC_GENDER and not w.endswith(".")
        ]
        return sex, (given[0] if given else None)

    (sa, ga), (sb, gb) = parts(a), parts(b)
    return not (sa and sb and sa != sb) and not (ga and gb and ga != gb)


def _name_words(name: str | None) -> list[str]:
    """A name's words in lower case, without a generational suffix ("Jr.", "III")."""
    return [w for w in (name or "").lower().replace(",", " ").split() if w not in _SUFFIXES]


def _surname(name: str | None) -> str | None:
    words = _name_words(name)
    return words[-1] if words else None


def _owner(
    ex: Extraction, q: Quantity, sent: Claim | None, persons: frozenset[str] = frozenset()
) -> str | None:
    """The person a figure belongs to: the last one its sentence names before it.

    "Trump is taking questions ... in front of a crowd of about 230" → Trump. None when
    the sentence names nobody before the figure.
    """
    if sent is None:
        return None
    # a name the tagger calls a person elsewhere in the story (``persons``) is one here
    # too ("Heavyweight Champion, Wladimir Klitschko, 53-3" tagged as a place)
    before = [
        e
        for e in ex.entities
        if (e.label == "PERSON" or e.canonical in persons)
        and sent.start <= e.start
        and e.end <= q.start
    ]
    return max(before, key=lambda e: e.start).canonical if before else None


def figure_subject(q1: Quantity, q2: Quantity, dimension: str) -> str:
    # a measured noun of a few letters or a pronoun names nothing ("distance of the one",
    # "of the s" from a tokenised "Rait ’ s"): the dimension alone says more
    named = [
        m
        for m in (q1.measures, q2.measures)
        if m and len(m) > 2 and m.lower() not in STOP and m.lower() not in _NOT_A_THING
    ]
    # "36-year-old Duncan Raite": the age's "old" is no part of the name
    thing = re.sub(r"^old\s+", "", min(named, key=len, default=""))
    if _head(thing) in ("caliber", "calibre", "gauge"):
        return str(_head(thing))  # ".357 caliber revolver": a calibre, not a count
    if not thing:
        plain = "number" if dimension == "count" else _dimension_word(q1.unit or "") or "figure"
        return f"{plain} ({q1.unit})" if plain == "figure" and q1.unit else plain
    if dimension == "time":
        return f"duration of the {thing}"
    if dimension == "count" and thing.endswith("times") and q1.predicate:
        done = thing.removesuffix("times").strip()  # "number of times (host ceremony)"
        return f"number of times ({q1.predicate}{' ' + done if done else ''})"
    if dimension == "count":
        fate = _FATE_WORDS.get(FATES.get(q1.predicate or "", ""), "")
        return f"number of {thing}{' ' + fate if fate else ''}"
    word = _dimension_word(q1.unit or "")
    if word is None:
        return f"{thing} ({q1.unit})"
    proper = thing.split()[-1][:1].isupper()
    return f"{word} for {thing}" if proper else f"{word} of the {thing}"


_NOT_A_THING = frozenset("one ones it they them he she him her figure".split())


_LENGTHS = frozenset(
    "kilometre metre mile foot yard inch centimetre millimetre nautical mile".split()
)


_MONEY = (
    "dollar euro pound sterling yen yuan rupee ruble hryvnia shekel franc krone krona won "
    "cent penny peso real rand lira"
).split()


def _dimension_word(unit: str) -> str | None:
    """What a unit measures, to name a disputed figure ("the distance for Qeshm")."""
    if unit == "magnitude":
        return "magnitude"
    if " per " in unit:
        return "speed" if unit.split(" per ")[0] in _LENGTHS else "rate"
    if unit.startswith("square "):
        return "area"
    if unit in _LENGTHS:
        return "distance"
    if unit in ("percent", "percentage point"):
        return "share"
    if unit in ("kilogram", "tonne", "ton", "gram", "ounce"):
        return "weight"
    if unit.split()[-1] in _MONEY:
        return "amount"
    return None


_FATE_WORDS = {
    "dead": "killed",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "arrested": "arrested",
    "population": "living there",
    "rescued": "rescued",
    "seized": "seized",
    "fired": "fired",
}


def _figure_claim(f: _Figure, f1: _Figure, f2: _Figure) -> dict[str, Any]:
    """One side of a figure pair; with its direction when the directions disagree."""
    claim = _claim_json(f.article, f.q, f.sent)
    if f.heading is not None and _opposite(f1.heading, f2.heading):
        m = _DISTANCE_ANCHOR.match(f.article.text[f.q.end : f.q.end + 60])
        if m and m.group("dir") and m.group("from"):
            place = _anchor_name(m.group("from"), lower=False)
            claim["value"] = f"{claim['value']} {m.group('dir')} of {place}"
    return claim


def _claim_json(article: Article, q: Quantity, sentence: Claim | None) -> dict[str, Any]:
    value = f"{q.approx + ' ' if q.approx else ''}{q.text}".strip()
    return _span_claim(article, value, (q.start, q.end), sentence, (q.start, q.end))


def _span_claim(
    article: Article,
    value: str,
    span: tuple[int, int],
    sentence: Claim | None,
    fallback: tuple[int, int],
) -> dict[str, Any]:
    """One side of a disagreement: ``value`` at ``span``, shown in its sentence (else in
    ``fallback``)."""
    start, end = (sentence.start, sentence.end) if sentence else fallback
    return {
        "value": value,
        "text": article.text[start:end],
        "article": article.id,
        "start": start,
        "end": end,
        "quantity_start": span[0],
        "quantity_end": span[1],
    }


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WRITTEN_DATE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d)\b|\b{_MONTH_WORD}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH_WORD}", re.I
)
_CALENDAR_VALUE = re.compile(r"^(\d{4}|XXXX)(-\d\d(-\d\d)?)?$")


def _written_parts(text: str, value: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of a date as its text writes them: a year the resolver took from
    the publication date ("June 24" in a 2007 article) is not written, so not compared."""
    year, *rest = value.split("-")
    written_year = year if year != "XXXX" and re.search(r"\d{4}", text) else None
    return written_year, rest[0] if rest else None, rest[1] if len(rest) > 1 else None


def _dates_differ(p1: tuple[str | None, ...], p2: tuple[str | None, ...]) -> bool:
    """Two written dates of one granularity that differ in a part both write."""
    if (p1[1] is None) != (p2[1] is None) or (p1[2] is None) != (p2[2] is None):
        return False
    both = [(x, y) for x, y in zip(p1, p2, strict=True) if x is not None and y is not None]
    return any(x != y for x, y in both)


def _date_disagreements(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]],
    keys: Mapping[str, str],
    dropped: list[dict[str, Any]] | None,
) -> list[dict[str, Any]]:
    """Acts that independent outlets date differently (see :data:`DATE_RULES`)."""
    acts = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None or a.duplicate_of:
            continue
        for e in ex.events:
            if not e.date or not _CALENDAR_VALUE.match(e.date):
                continue
            written = [
                d
                for d in ex.dates
                if e.start <= d.start < e.end
                and d.type == "DATE"
                and d.value == e.date
                and _WRITTEN_DATE.search(d.text)
            ]
            if not written:
                continue  # unwritten-date: "on Saturday", "last month"
            d = written[0]
            if re.search(r"(?:\bthe|['’]s)\s+$", a.text[max(0, d.start - 6) : d.start], re.I):
                continue  # noun-date
            acts.append((a, e, d, _written_parts(d.text, d.value)))

    def same_act(e1: Any, e2: Any) -> bool:
        objects = set(content_tokens(e1.target or "")) & set(content_tokens(e2.target or ""))
        return bool(e1.action == e2.action and objects)

    # an act one article dates twice, differently, recurs ("returned to prison in May
    # 1984" ... "finally returned to prison in June 1999")
    recurring = {
        (a1.id, e1.action)
        for (a1, e1, _, p1), (a2, e2, _, p2) in itertools.combinations(acts, 2)
        if a1.id == a2.id and same_act(e1, e2) and _dates_differ(p1, p2)
    }
    found = []
    for (a1, e1, d1, p1), (a2, e2, d2, p2) in itertools.combinations(acts, 2):
        if keys[a1.id] == keys[a2.id] or not same_act(e1, e2):
            continue  # other-act
        if (a1.id, e1.action) in recurring or (a2.id, e2.action) in recurring:
            continue  # recurring
        claims = [
            _date_claim(a, e, d, claims_by_article) for a, e, d in ((a1, e1, d1), (a2, e2, d2))
        ]
        n1, n2 = _target_numbers(e1.target), _target_numbers(e2.target)
        rule = (
            "other-count"
            if n1 and n2 and n1 != n2
            else "same-date"
            if not _dates_differ(p1, p2)
            else None
        )
        if rule is not None:
            if dropped is not None:
                dropped.append({"rule": rule, "claims": claims})
            continue
        found.append(
            {
                "subject": f"date of '{e1.action} {e1.target}'"[:120],
                "kind": "conflict",
                "confidence": 0.6,
                "claims": claims,
            }
        )
    return found


def _target_numbers(target: str | None) -> frozenset[str]:
    return frozenset(re.findall(r"\d[\d,.]*", target or ""))


def _date_claim(
    article: Article, event: Any, d: Any, claims_by_article: Mapping[str, list[Claim]]
) -> dict[str, Any]:
    sentence = _sentence_of(claims_by_article.get(article.id, []), d.start)
    return _span_claim(article, d.text, (d.start, d.end), sentence, (event.start, event.end))
