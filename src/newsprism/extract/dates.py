"""Find temporal expressions and normalise them to TimeML values (HeidelTime-style rules).

Every expression is found by regular expressions over the raw text (no parse needed) and
normalised against a reference date: the article's publication date for news (HeidelTime's
"news" strategy). Weekday names, bare months, seasons and quarters take their direction
first from the verb the date modifies (``_direction``: "canceled an interview Monday night"
→ the past Monday, "In May, she filed" → the past May, "will meet on Sunday" → the next
one, "ahead of November elections" → the coming November), else from the tense of the
sentence; a later bare mention of a weekday reuses the day the first one resolved to unless
its own tense contradicts it. A weekday the day after publication is that day unless a past
verb points back, and even then when the article is datelined in East Asia or Oceania or
the day is "(local time)"; a clock time of a habit ("would stay past midnight" on "many
days") names no day. Month names without a year and without a governing verb take
the nearest such month, the tense deciding only when it lies 4-8 months away either way
(docs/dates.md). Reference dates written in the text come first where they are meant:
"that year" and "the following year" take the year last written out, a month-day after a
full date of a past year continues its story, "Super Tuesday" takes the month-day its
sentence gives it; a season or time word inside a name ("the Arab Spring") is no date.
In earnings reports "the quarter",
"a year earlier" and "the year-ago period" refer to the quarter under discussion.

When no publication date is known, the reference is the first full date written in the text
("February 21, 2022"); such mentions get ``anchor="inferred"``. With no reference at all,
relative expressions get TimeML partial values ("XXXX-WXX-7") and are never guessed.

Extents follow TimeML: the preposition is left out ("on Sunday" → "Sunday"), and so are
approximators ("about five hours" → "five hours"); determiners and modifiers are kept ("the
past four months", "last December", "earlier this month").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsprism.model import Article, DateMention

__all__ = ["extract_dates", "extract_dates_all", "find_dates", "infer_reference", "iter_dates"]

# --- lexical resources ------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
    "half a": 0.5, "a half": 0.5, "dozen": 12, "a dozen": 12,
}  # fmt: skip
_VAGUE = {"a few", "few", "several", "some", "many", "a number of", "numerous"}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
# TimeML duration letters; time units go after the "T".
_UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "year": ("Y", False),
    "quarter": ("Q", False), "decade": ("DE", False), "century": ("CE", False),
    "weekend": ("WE", False),
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:a |one )?hundred|a couple(?: of)?|half an?|an?|a dozen|dozen)"
)
_NUM_RE = rf"(?:\d+(?:[.,]\d+)?(?:\s1/2|½)?|{_NUMWORD_RE}(?:[- ]and[- ]a[- ]half)?)"
_VAGUE_RE = r"(?:a few|few|several|some|many|a number of|numerous)"
_UNIT_RE = r"(?:second|minute|hour|day|week|month|year|quarter|decade|century)"
_PART_RE = r"(?:morning|afternoon|evening|night|overnight)"
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_B = r"(?<![\w$£€.,-])"  # left boundary that also refuses "$1994", "1,994", "1.994"
_NB = r"(?![\w%]|[.,]\d)"  # right boundary

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo n't|'ll|shall|going to|gonna|is to|are to|scheduled|planned|plans?"
    r"|expected|expects?|due|to be held|next|upcoming|would|to meet|to hold|to visit|to travel"
    r"|to begin|to start|to take place|to resume|to return|as soon as|as early as"
    r"|postponed)\b",
    re.I,
)
_PAST_CUE = re.compile(
    r"\b(?:said|says|told|was|were|had|did|held|met|came|went|began|spoke|made|took|gave"
    r"|announced|last|ago|earlier|rose|fell|grew|won|lost|sold|bought|paid|left|led|saw|became"
    r"|brought|sent|spent|fled|fought|struck|knew|thought|wrote|drew|ran|flew|\w{3,}ed"
    # irregular pasts the "-ed" pattern misses ("who died Sunday": two letters before -ed)
    r"|died|tied|lied|fed|bled|sped|hid|shot|stood|sat|rode|wore|broke|chose|froze|stole"
    r"|swore|tore|woke|threw|blew|drove|caught|taught|sought|felt|kept|slept|meant|built"
    r"|found|heard|stuck|sang|rang|swam|forgot|got)\b",
    re.I,
)


_PLUPERFECT = re.compile(r"\bhad(?:\s+not|n['’]t)?(?:\s+been)?\s+$")


def _number(text: str) -> float | None:
    """Value of a numeral written in digits or words ("105", "twenty-four"), else None."""
    t = text.lower().strip().replace("-", " ")
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    t = re.sub(r"\s+", " ", t)
    if t.endswith(("1/2", "½")):
        t, half = t.replace("½", "").replace("1/2", "").strip(), 0.5
    if re.fullmatch(r"\d+(?:,\d{3})*", t):
        return float(t.replace(",", "")) + half
    if re.fullmatch(r"\d+\.\d+", t):
        return float(t) + half
    if t in _NUMBERS:
        return _NUMBERS[t] + half
    parts = t.split()
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]] + half
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration value: ``_duration(105, "minute")`` → "PT105M"."""
    letter, is_time = _UNITS[unit]
    amount = "X" if n is None else _fmt_num(n)
    if n is not None and not float(n).is_integer():
        # TimeML has no fractions: step down one unit ("1.5 hours" → PT90M).
        down = {"H": (60, "M", True), "D": (24, "H", True), "Y": (12, "M", False)}
        if letter in down:
            mult, letter, is_time = down[letter]
            amount = _fmt_num(n * mult)
    if letter == "DE":
        letter, amount = "Y", "X" if n is None else _fmt_num(n * 10)
    elif letter == "CE":
        letter, amount = "Y", "X" if n is None else _fmt_num(n * 100)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


# --- context -------------------------------------------------------------------------------


# Words whose full stop ends no sentence: titles, initials, month abbreviations ("In
# October, Mrs. Clinton ... proposed", "Gov. Earl Ray Tomblin ... lauded"; #19).
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Sens|Rep|Reps|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|Gens"
    r"|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Mt|Ft|No|Vs|vs)|(?<![\w.])[A-Z])$"
)


def _stop_before(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins: after the last full stop, question
    mark or line break before it that ends a sentence."""
    i = max(text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    j = start
    while (j := text.rfind(". ", 0, j)) > i:
        if not _ABBREVIATION.search(text, max(0, j - 6), j):
            return j
    return i


def _stop_after(text: str, end: int) -> int:
    """Where the sentence holding ``end`` ends (the full stop or line break)."""
    nl = text.find("\n", end)
    hi = len(text) if nl == -1 else nl
    j = end
    while (j := text.find(". ", j, hi)) != -1:
        if not _ABBREVIATION.search(text, max(0, j - 6), j):
            return j
        j += 1
    return hi


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence bounds around ``[start, end)`` (enough for tense cues)."""
    return _stop_before(text, start) + 1, _stop_after(text, end)


# "-ed" words that are not past-tense verbs, and words before an "-ed" form that make it an
# adjective or a passive of another tense ("a scheduled interview", "is expected").
_NOT_VERB_ED = frozenset(
    "united need needed speed indeed hundred feed seed breed creed greed proceed exceed succeed"
    " embed shed bed red bred weed deed heed steed limited related detailed advanced armed"
    " interested concerned supposed alleged so-called biased sophisticated experienced"
    " unprecedented unexpected unidentified undecided unnamed unspecified talented".split()
)
_ADJ_BEFORE = frozenset(
    "a an the its his her their our your my this these those is are am be been being"
    " 's 're will shall".split()
)


def _cue_label(text: str, m: re.Match[str], lo: int, label: str) -> str | None:
    """The tense a cue word signals in its context, or None when it is no verb of tense."""
    word = m.group().lower()
    before = text[max(lo, m.start() - 12) : m.start()].lower().split()
    prev = before[-1] if before else ""
    if (
        label == "past"
        and word.endswith("ed")
        and word not in ("said", "had", "led", "fled", "paid", "announced", "wed")
    ):
        if word in _NOT_VERB_ED or prev in _ADJ_BEFORE:
            return None  # "the United States", "a detailed plan", "is expected"
    if label == "future" and word in ("scheduled", "planned", "expected", "due", "postponed"):
        if prev in ("a", "an", "the", "its", "his", "her", "their", "our", "this", "that"):
            return None  # "a scheduled television interview": an adjective
    if label == "future" and word in ("plan", "plans") and _ING_NOUN.fullmatch(prev):
        return None  # "made a major change in its advertising plans": a noun (#19)
    if label == "future" and _PLUPERFECT.search(text, max(lo, m.start() - 20), m.start()):
        return "past"  # "had been scheduled to expire Friday"
    return label


def _tense(text: str, start: int, end: int) -> str | None:
    """Return "future" or "past" from the cue nearest the mention in its sentence."""
    lo, hi = _sentence(text, start, end)
    best: tuple[int, str] | None = None
    for cue, label in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for m in cue.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue
            if m.start() >= end and m.group().lower() == "would":
                # "announcing on Wednesday he would meet": a "would" after the date is
                # the future of a reported clause, not the tense of the date's verb.
                continue
            label_here = _cue_label(text, m, lo, label)
            if label_here is None:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            # Cues before the mention are the verb it modifies more often than those after.
            dist = dist if m.end() <= start else dist + 10
            if best is None or dist < best[0]:
                best = (dist, label_here)
    return best[1] if best else None


# Words right before a date that point it forward of any past-tense verb ("extended to
# Nov. 16", "payable Dec. 1", "through January", "until March 6", "ahead of November").
_FORWARD_PREP = re.compile(
    r"(?:\b(?:until|till|through|thru|by|payable|effective|due|expires?|expiring|starting"
    r"|beginning|toward|towards|awaiting|await)"
    r"|(?<!\bfrom )(?<!\bback )\bto)\s+(?:the\s+|this\s+)?$",
    re.I,
)
# These look forward whatever the verb: "ahead of November mid-term elections", "prior to
# Election Day", "in the lead up to Tuesday's New York primary".
_AHEAD = re.compile(
    r"\b(?:ahead of|prior to|in advance of|in time for|lead[- ]up to|run[- ]up to|winning)"
    r"\s+(?:the\s+|this\s+)?$",
    re.I,
)
_FORWARD_POSSESSIVE = _AHEAD
# ... and so does a scheduled event dated after them: "ahead of the Iowa caucuses on
# Monday", "only days before the Iowa caucuses on Monday".
_AHEAD_OF_EVENT = re.compile(
    r"\b(?:ahead of|prior to|in advance of|before)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}"
    r"(?:caucus(?:es)?|primar(?:y|ies)|elections?|vote|debate|convention)\s+(?:on\s+)?$",
    re.I,
)
# Scheduled events: "before Monday's caucus" looks forward, "before Friday's purchases" not.
_BEFORE_EVENT = re.compile(
    r"['’]s\s+(?:\w+\s+){0,2}(?:caucus(?:es)?|primar(?:y|ies)|election|vote|debate|summit|hearing"
    r"|deadline|meeting|game|match|race)\b",
    re.I,
)

_EVENT_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:caucus(?:es)?|primar(?:y|ies)|elections?|vote|debate|summit|hearing"
    r"|deadline|meeting|convention)\b",
    re.I,
)

# ... and so does a date qualifying a scheduled event inside their object: "has turned
# increasingly nasty ahead of New York's delegate-rich Tuesday primary" (#19, fresh5).
_AHEAD_OF_NOUN = re.compile(
    r"\b(?:ahead of|prior to|in advance of|in time for|lead[- ]up to|run[- ]up to)\s+"
    r"(?:[\w.'’-]+\s+){1,3}$",
    re.I,
)

_QUALIFIED_EVENT = re.compile(
    r"\s+(?:[\w.'’-]+\s+){0,2}(?:caucus(?:es)?|primar(?:y|ies)|elections?|vote|debate"
    r"|convention|summit|inauguration|referendum)\b",
    re.I,
)


def _names_event(text: str, start: int, end: int) -> bool:
    """Does the date qualify a scheduled event's noun: "the Nov. 8 U.S. presidential
    election", "the state's June 7 primary"? Not after "in": "his 22 percent showing ...
    in the March 15 primary" names the event something happened in, a result."""
    head = text[max(0, start - 20) : start]
    return bool(
        re.search(r"\b(?:the|this|[\w.]+['’]s)\s+$", head, re.I)
        and not re.search(r"\bin\s+the\s+$", head, re.I)
        and _QUALIFIED_EVENT.match(text, end)
    )


def _before_scheduled(text: str, start: int, end: int) -> bool:
    """A month naming a scheduled event after "before" looks forward when no verb of its
    own points back: "prepare ... even before the November election"."""
    return bool(
        re.search(r"\bbefore\s+the\s+$", text[max(0, start - 12) : start], re.I)
        and _EVENT_AFTER.match(text, end)
    )


# Verb-group words that put the date's clause in the future ("will meet Friday", "may hit
# the links again on Wednesday", "is set to hear arguments Monday").
_WILL_WORDS = frozenset("will 'll ’ll shall wo going may might can let's".split())
_PLAN_TO = re.compile(
    r"\b(?:is|are|am|'s|’s)\s+(?:set|slated|scheduled|due|expected|poised)\s+to$"
    r"|\b(?:plans|intends|hopes|aims)\s+to$",
    re.I,
)
# Words that leave the direction to the other rules: conditionals and reported futures
# ("said it would close Friday", "decided to admit them in early March").
_MODAL = frozenset("would could should must is are am be 'd ’d".split())
_PLAN = frozenset(
    "planned scheduled set slated expected due plans plan intends intended aims hopes hoped"
    " wants wanted".split()
)
_ING_NOUN = re.compile(r"[a-z]{3,}ing")  # "spending plan", "advertising plans"
_DETERMINER = frozenset("a an the its his her their our your my this that".split())
_PRESENT = frozenset("there's there’s is are".split())
_WILL = re.compile(r"\b(?:will|'ll|’ll|shall|going to|plans? to|next)\b", re.I)
_CONDITION = frozenset("if unless once".split())
_PAST_AUX = frozenset("was were did had".split())
_HAVE = frozenset("has have 've ’ve".split())
# "-ing" words that are no verb in a date's window: "the strategy Obama trumpeted during
# Sunday's address" is governed by "trumpeted" (#19, eval past-dates).
_NOT_VERB_ING = frozenset(
    "during morning evening spring nothing something anything everything thing".split()
)
_WORD = re.compile(r"[\w'’.-]+|[,;:—–()\"“”?!]")
# Words that may stand between the start of a clause and a date that opens it; then the
# first verb after the date decides ("But throughout the summer and fall, members ...
# criticized", "in that October speech, Ms. Brainard chimed in", "soon after Election
# Day, Mr. Obama interrupted"; #19).
_CLAUSE_OPENERS = frozenset(
    "in on at during early late mid the of last this past throughout but and that after soon"
    " over then".split()
)


def _is_past_word(text: str, words: list[re.Match[str]], i: int, lo: int) -> bool:
    m = words[i]
    w = m.group().lower()
    if w in _PAST_AUX:
        return True
    if w in _HAVE:
        # A perfect ("has met", "have been"), not possession ("has a June 1 deadline").
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if nxt in ("not", "already", "also", "just", "never", "since", "recently", "n't"):
            nxt = words[i + 2].group().lower() if i + 2 < len(words) else ""
        return (
            nxt == "been"
            or bool(_PAST_CUE.fullmatch(nxt) and nxt not in ("last", "earlier", "ago", "says"))
            or nxt.endswith(("en", "wn", "ght"))
        )
    if w in ("planned", "scheduled", "expected", "postponed"):
        return False  # plans point forward ("was planned for early March")
    pm = _PAST_CUE.fullmatch(w)
    if pm is None or w in ("last", "earlier", "ago", "says"):
        return False
    before = text[max(lo, m.start() - 12) : m.start()].lower().split()
    if before and before[-1] in ("be", "been", "being", "is", "are", "am", "get", "gets"):
        return False  # "will be paid Dec. 14", "is held": the passive of another tense
    return _cue_label(text, m, lo, "past") == "past"


def _direction(text: str, start: int, end: int, *, reach: int = 10) -> str | None:
    """ "past" or "future" from the verb the date modifies, or None when unsure.

    HeidelTime decides the direction of an underspecified date by the tense of the
    sentence; a regular-expression approximation of the governing verb is enough when
    it is read conservatively: the nearest verb on the left within ten words of the same
    clause, or, for a date that opens its clause ("In May, she filed"), the first verb
    after it. A past tense or a present perfect points back; "will", "may", "is set to"
    and a date introduced by "until", "by", "ahead of", "payable", etc. (a deadline or a
    target) point forward; a conditional or an infinitive in between ("said it would
    close Friday", "decided to admit them in early March") leaves the choice to the
    other rules, and so does a sentence with no such verb.
    """
    lo, hi = _sentence(text, start, end)
    head = text[max(lo, start - 40) : start]
    if re.search(r"\bsince\s+(?:the\s+|early\s+|late\s+)?$", head, re.I):
        return "past"  # "since the spring", "since Tuesday"
    if _AHEAD.search(head) or _AHEAD_OF_EVENT.search(text, max(lo, start - 80), start):
        return "future"
    if _AHEAD_OF_NOUN.search(text, max(lo, start - 60), start) and _EVENT_AFTER.match(text, end):
        return "future"  # "ahead of New York's delegate-rich Tuesday primary" (#19)
    if re.search(r"\b(?:was|were)\s+by\s+(?:the\s+)?$", head, re.I):
        return "past"  # "was by the summer a campaign turned upside down" (#19)
    if _FORWARD_PREP.search(head):
        return None  # a deadline or a span's end: "had purchased shares through Sept. 29"
    left = list(_WORD.finditer(text, lo, start))
    window = left[-reach:]
    opens_clause = True
    if _ends_opening_phrase(text, left, end):
        window = []  # the main clause after the comma holds the verb
    for k in range(len(window) - 1, -1, -1):
        m = window[k]
        w = m.group().lower()
        if w in (",", ";", ":", "—", "–", "(", '"', "“", "”"):
            break
        if w == "since":
            return "past"  # "since announcing in October"
        if (
            w in _CONDITION
            and k < len(window) - 1
            and window[-1].group().lower() not in _DETERMINER
        ):
            # a condition's verb with no past verb or modal before the date is a present
            # for the future: "promised immigration reform if he and Clinton take office
            # in January" (#19, fresh5); a date qualifying a noun ("If he follows up his
            # Tuesday wins") is not the time of that verb
            return "future"
        if w in _WILL_WORDS or w == "next" or w.endswith(("'ll", "’ll")):
            return "future"
        if w.endswith("ing") and k > 0 and window[k - 1].group().lower() == "of":
            # "Cruz's chances of winning in November", "ahead of voting Tuesday", unless
            # a past verb governs the phrase: "showed no sign of backing down on Tuesday"
            ahead = k > 1 and window[k - 2].group().lower() in ("ahead", "advance")
            governed = any(_is_past_word(text, window, j, lo) for j in range(k - 1))
            return "past" if governed and not ahead else "future"
        if w == "to" and _PLAN_TO.search(text, max(lo, m.start() - 20), m.end()):
            return "future"  # "is set to hear oral arguments Monday"
        if w in _PRESENT and k == len(window) - 1 or w in ("there's", "there’s"):
            return "future"  # "there's an election on Tuesday", "the vote is Tuesday"
        if w == "be" and k > 0 and window[k - 1].group().lower() in _WILL_WORDS:
            return "future"  # "which will be on the Fox network Tuesday night"
        if (
            w in _MODAL
            or w == "to"
            and k < len(window) - 1
            or w.endswith("ing")
            and w not in _NOT_VERB_ING
            and k >= len(window) - 3
            # "a ... spending plan on Monday": the "-ing" word names the plan (#19)
            and not (k + 1 < len(window) and window[k + 1].group().lower() in _PLAN)
        ):
            return None
        if w in _PLAN:
            before = window[k - 1].group().lower() if k > 0 else ""
            after = window[k + 1].group().lower() if k + 1 < len(window) else ""
            if (before in _DETERMINER or _ING_NOUN.fullmatch(before)) and after not in (
                "to",
                "for",
            ):
                opens_clause = False
                continue  # "a scheduled interview", "the plan", "spending plan": no verb
            return None
        if _is_past_word(text, window, k, lo):
            return "past"
        if w not in _CLAUSE_OPENERS:
            opens_clause = False
    if not opens_clause:
        return None
    # The date opens its clause: the first verb after it decides.
    right = _main_clause(list(_WORD.finditer(text, end, hi)))[:10]
    for i, m in enumerate(right):
        w = m.group().lower()
        if w in _WILL_WORDS:
            return "future"
        if w in _MODAL or w == "to":
            return None
        if _is_past_word(text, right, i, lo):
            return "past"
    return None


# A season is a span: the verb that spans it may stand further back than a day's ("Trump
# has enjoyed a 20-point lead in New Hampshire polls for much of the fall"; #19). Fourteen
# words for every date moved as many months wrongly as rightly ("have stepped up their
# campaign appearances in California in anticipation of the June 7 primary"); sixteen for
# seasons reaches "had held a sturdy lead of between five and 10 percentage points in Iowa
# for most of the fall" but also "waved signs in hopes of seeing the duo together on the
# ticket in the fall".
_SEASON_REACH = 14


# Words that open a phrase set off by commas between a date opening its sentence and the
# main clause: "On Friday, when Albright set aside vacation plans ..., the State
# Department lifted a warning", "On Monday night, in an apparent attempt to ..., Trump
# told", "In January, a week after the 25th anniversary ..., a clinic bombing ... killed".
_INTERVENING = frozenset("when while as after before in a an at with amid during despite".split())
_INTERVENING_MAX = 30  # words such a phrase may run


def _main_clause(right: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after a date that opens its sentence, from its main clause on: phrases
    set off by commas right after the date are skipped (#19)."""
    i = 0
    while i < len(right) and right[i].group() == "," and i + 1 < len(right):
        if right[i + 1].group().lower() not in _INTERVENING:
            break
        nxt = next(
            (
                j
                for j in range(i + 2, min(len(right), i + _INTERVENING_MAX))
                if right[j].group() == ","
            ),
            None,
        )
        if nxt is None:
            break
        i = nxt
    return right[i:]


_PHRASE_OPENERS = frozenset("on in at during after before following amid with despite".split())


def _ends_opening_phrase(text: str, left: list[re.Match[str]], end: int) -> bool:
    """Does the date end a prepositional phrase that opens its sentence, so that the main
    clause after the comma holds its verb? "On the eve of his historic election to a fourth
    term as prime minister in March, Netanyahu rallied supporters" (#19)."""
    return (
        0 < len(left) <= 20
        and left[0].group().lower() in _PHRASE_OPENERS
        and all(m.group()[0].isalnum() for m in left)
        and re.match(r"\s*,", text[end : end + 3]) is not None
    )


def _past_governed(text: str, start: int, end: int) -> bool:
    return _direction(text, start, end, reach=_SEASON_REACH) == "past"


# --- rules -----------------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    ref: dt.date | None
    weekday_memory: dict[int, str]
    # The quarter under discussion: "the quarter" and "a year earlier" refer to it (#4).
    last_quarter: tuple[int, int] | None = None
    # The last day-level date and where it ended: a bare clock time nearby is on that day.
    last_day: tuple[str, int] | None = None
    # The article is datelined in a place at least eight hours ahead of UTC ("SEOUL —").
    far_east: bool = False
    # The last year written out in the text and where it ended, unless a date resolved
    # against the reference came after it: "that year", "January of that year" and "the
    # following year" refer to it.
    last_year: tuple[int, int] | None = None
    # ... and the full date it was written in, if it was one ("March 2, 2015").
    last_full: dt.date | None = None
    # The last month-level or day-level date and where it ended: "the following month"
    # is the month after it ("In March, ... The following month, the company put itself up
    # for sale"; #19).
    last_month: tuple[int, int, int] | None = None
    # Named weekdays ("Super Tuesday") by weekday, once the text has dated one.
    named_days: dict[int, str] = field(default_factory=dict)


_Result = tuple[str, str, bool] | None  # (value, type, used the reference)
_Rule = Callable[[re.Match[str], _Ctx], _Result]


def _month_num(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _year_for_month(ctx: _Ctx, month: int, start: int, end: int) -> int | None:
    """Year of a month named without one: the nearest to the reference, tense breaking ties.

    News mostly reports the recent past and the near future, so "December" in a February
    article is last December and "January" in a December article is next January; only
    when the month lies 4-8 months away either way does the tense of the sentence decide.
    """
    if ctx.ref is None:
        return None
    ahead = (month - ctx.ref.month) % 12  # months forward to the next such month
    if ahead == 0:
        return ctx.ref.year
    direction = _direction(ctx.text, start, end)
    if direction == "past":
        # A past-tense verb of its own clause: the month is behind ("In May, she filed").
        return ctx.ref.year - (1 if month > ctx.ref.month else 0)
    if direction == "future" or direction is None and _before_scheduled(ctx.text, start, end):
        # "I'll vote for her in November", "ahead of November mid-term elections", "to
        # prepare even before the November election".
        return ctx.ref.year + (1 if month < ctx.ref.month else 0)
    behind = 12 - ahead
    if min(ahead, behind) >= 4 and direction is None and _names_event(ctx.text, start, end):
        # a scheduled event the date qualifies, no verb of its own pointing back, and the
        # distance does not decide: the coming one ("to influence the Nov. 8 U.S.
        # presidential election" in July; #19, fresh5)
        return ctx.ref.year + (1 if month < ctx.ref.month else 0)
    if min(ahead, behind) >= 4:
        tense = _tense(ctx.text, start, end)
        go_forward = tense == "future" if tense else ahead < behind
    else:
        go_forward = ahead < behind
    if go_forward:
        return ctx.ref.year + (1 if month < ctx.ref.month else 0)
    return ctx.ref.year - (1 if month > ctx.ref.month else 0)


_NINE_ELEVEN = re.compile(
    r"\b(?:attacks?|terror\w*|hijack\w*|World Trade Center|9/11|conspirac\w*|truthers?)\b", re.I
)


def _story_year(ctx: _Ctx, month: int, day: int, m: re.Match[str]) -> int | None:
    """The year of a narrative a full date just before began: "On March 2, 2015, the Times
    revealed ... On March 25, Platte River had a conference call" is 2015's March 25 when
    it falls after that date and before publication and no verb of its own looks ahead."""
    if ctx.ref is None or ctx.last_full is None or _antecedent_year(ctx, m.start()) is None:
        return None
    began = ctx.last_full
    try:
        d = dt.date(began.year, month, day)
    except ValueError:
        return None
    if not began < d <= ctx.ref or _direction(ctx.text, m.start(), m.end()) == "future":
        return None
    return began.year


def _r_full_date(m: re.Match[str], ctx: _Ctx) -> _Result:
    g = m.groupdict()
    month = _month_num(g["month"])
    day = int(re.sub(r"\D", "", g["day"]))
    if (month, day) == (9, 11) and not g.get("year") and _NINE_ELEVEN.search(ctx.text):
        return "2001-09-11", "DATE", False  # "the Sept. 11 attacks"
    if g.get("year"):
        year: int | None = int(g["year"])
        used = False
    else:
        year = _year_for_month(ctx, month, m.start(), m.end())
        used = True
        story = _story_year(ctx, month, day, m)
        if story is not None and story != year:
            year, used = story, False
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    y = "XXXX" if year is None else f"{year:04d}"
    value = f"{y}-{month:02d}-{day:02d}"
    if g.get("part"):
        value += "T" + _PARTS[g["part"].lower()]
    return value, "DATE", used


def _r_numeric_date(m: re.Match[str], ctx: _Ctx) -> _Result:
    g = m.groupdict()
    if g.get("iy"):
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    else:
        mo, d, y = int(g["um"]), int(g["ud"]), int(g["uy"])
        if y < 100:
            y += 1900 if y > 50 else 2000
    try:
        dt.date(y, mo, d)
    except ValueError:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}", "DATE", False


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    return f"{int(m['year']):04d}-{_month_num(m['month']):02d}", "DATE", False


# How far back (characters) a written year stays the antecedent of "that year".
_ANAPHOR_REACH = 600


def _antecedent_year(ctx: _Ctx, start: int) -> int | None:
    """The year written out last before ``start``, if it is near enough to be meant."""
    if ctx.last_year is None or start - ctx.last_year[1] > _ANAPHOR_REACH:
        return None
    return ctx.last_year[0]


def _r_that_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    """'that year', 'later that year', 'the same year'.

    The year is the one written out last (TimeML anchors it there: "a small share of the
    imports that year" after "1988" is 1988), not the publication's.
    """
    year = _antecedent_year(ctx, m.start())
    return None if year is None else (f"{year:04d}", "DATE", False)


_OF_THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+same|that\s+same)\s+year\b", re.I)


def _r_month(m: re.Match[str], ctx: _Ctx) -> _Result:
    month = _month_num(m["month"])
    mod = (m["mod"] or "").lower()
    if ctx.ref is None:
        return f"XXXX-{month:02d}", "DATE", False
    if mod in ("last", "this past", "past"):
        year = ctx.ref.year if month < ctx.ref.month else ctx.ref.year - 1
    elif mod in ("next", "this coming", "coming"):
        year = ctx.ref.year if month > ctx.ref.month else ctx.ref.year + 1
    elif mod == "this":
        year = ctx.ref.year
    elif (
        _OF_THAT_YEAR.match(ctx.text, m.end())
        or re.search(r"\b[Tt]hat\s+$", ctx.text[max(0, m.start() - 6) : m.start()])
    ) and _antecedent_year(ctx, m.start()):
        # "a divorce case that began in January of that year", 2014 written before; "that
        # November" after "the 1968 Democratic convention" is 1968's (#19)
        year = _antecedent_year(ctx, m.start()) or ctx.ref.year
        return f"{year:04d}-{month:02d}", "DATE", False
    else:
        year = _year_for_month(ctx, month, m.start(), m.end()) or ctx.ref.year
    return f"{year:04d}-{month:02d}", "DATE", True


def _r_month_rel_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    month = _month_num(m["month"])
    if ctx.ref is None:
        return f"XXXX-{month:02d}", "DATE", False
    year = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return f"{year:04d}-{month:02d}", "DATE", True


def _r_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    return m["year"], "DATE", False


def _r_decade(m: re.Match[str], ctx: _Ctx) -> _Result:
    if m["dec4"]:
        return m["dec4"][:3], "DATE", False
    two = int(m["dec2"])
    century = 19 if two >= 30 else 20
    return f"{century}{two // 10}", "DATE", False


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _r_decade_word(m: re.Match[str], ctx: _Ctx) -> _Result:
    return f"19{_DECADE_WORDS[m['dw'].lower()]}", "DATE", False


def _r_century(m: re.Match[str], ctx: _Ctx) -> _Result:
    return f"{int(m['cn']) - 1:02d}", "DATE", False


# Places whose clocks run at least eight hours ahead of UTC all year, as a dateline writes
# them (a city in capitals, then perhaps its country): when it is Friday evening in the
# Americas it is already Saturday there. No installed library maps a dateline's city or
# country to a zone (the tz database names one city per zone, not Beijing or Wellington),
# so the table lists the countries and the cities that datelines use. Indonesia is left
# out (Jakarta is UTC+7), and so is the Russian Far East.
_FAR_EAST = re.compile(
    r"(?:(?:South|North)\s+)?(?:China|Beijing|Shanghai|Guangzhou|Shenzhen|Hong Kong|Macau"
    r"|Taiwan|Taipei|Japan|Tokyo|Osaka|Kyoto|Hiroshima|Okinawa|Korea|Seoul|Pyongyang|Busan"
    r"|Panmunjom|Philippines"
    r"|Manila|Singapore|Malaysia|Kuala Lumpur|Brunei|Mongolia|Ulaanbaatar|Australia|Sydney"
    r"|Melbourne|Canberra|Brisbane|Perth|Adelaide|New Zealand|Wellington|Auckland"
    r"|Christchurch|Papua New Guinea|Port Moresby|Fiji|Suva|Guam|East Timor|Dili)",
    re.I,
)
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’ -]{2,30}?)(?:,\s*(?P<region>[A-Z][\w.'’ ]{1,30}?))?"
    r"(?:\s*\([A-Za-z. ]+\))?\s*(?:—|–|--|-|_)\s",
    re.M,
)
_LOCAL_TIME = re.compile(r"\s*\(?local time\b", re.I)


def _far_east_dateline(text: str) -> bool:
    """Is the article datelined in a place at least eight hours ahead of UTC?"""
    m = _DATELINE.search(text, 0, _HEADER_CHARS)
    if m is None:
        return False
    return any(_FAR_EAST.fullmatch(p.strip()) for p in (m["city"], m["region"] or ""))


def _local_day_ahead(ctx: _Ctx, end: int) -> bool:
    """May a past weekday be the day after publication, counted on a clock ahead of ours?

    In an article datelined in East Asia or Oceania, or when the text says the day is
    "(local time)", "announced Saturday" in a Friday article is that Saturday there: the
    event happened while it was still Friday where the publication's date was given.
    """
    return ctx.far_east or _LOCAL_TIME.match(ctx.text, end) is not None


_TIME_PREP = re.compile(r"\b(?:during|at|in|on|for)\s+(?:the\s+)?$", re.I)
_WEEK_AHEAD = re.compile(r"\b(?:the\s+week\s+ahead|next\s+week|the\s+coming\s+week)\b", re.I)


def _resolve_weekday(
    ctx: _Ctx, wd: int, mod: str, start: int, end: int, *, possessive: bool = False
) -> str | None:
    """Date of a weekday name: explicit modifier, else earlier mention, else the tense.

    Without a direction of its own, the day after publication is nearer than six days back
    and wins ("urged them to vote Tuesday" on a Monday).

    A possessive ("Wednesday's ruling") names an event, not a time of the clause's verb,
    so the tense is not consulted: an earlier mention of the day wins, else the past one,
    or the day after publication when no verb of its own points back ("Heading into
    Tuesday's primary" on a Monday).
    """
    if ctx.ref is None:
        return None
    delta = wd - ctx.ref.isoweekday()
    if mod in ("last", "this past", "past"):
        days = delta - 7 if delta >= 0 else delta
    elif mod in ("next", "this coming", "coming"):
        days = delta + 7 if delta <= 0 else delta
    elif mod == "this":
        days = delta
    else:
        direction = _direction(ctx.text, start, end)
        lo, _hi = _sentence(ctx.text, start, end)
        if possessive and (
            _FORWARD_POSSESSIVE.search(ctx.text, max(lo, start - 20), start)
            or _BEFORE_EVENT.match(ctx.text, end)
            and re.search(r"\bbefore\s+$", ctx.text[max(lo, start - 10) : start])
            # ... unless a past verb governs it: "had been told just before Tuesday's
            # vote" in a Thursday article is the Tuesday before (#19)
            and direction != "past"
        ):
            tense: str | None = "future"  # "before Monday's caucus"
            possessive = False
        elif (
            possessive
            and direction == "future"
            and _TIME_PREP.search(ctx.text, max(lo, start - 12), start)
        ):
            # the event is the time of a future verb: "will air ... during Sunday's final
            # of the Copa" (#19, fresh5); "will appeal Monday's ruling" stays the past one
            tense = "future"
            possessive = False
        elif possessive or direction == "past":
            tense = "past"  # "canceled a scheduled interview Monday night"
        else:
            tense = direction or _tense(ctx.text, start, end)
        remembered = ctx.weekday_memory.get(wd)
        if (
            possessive
            and remembered is not None
            and not (direction == "past" and remembered > ctx.ref.isoformat())
        ):
            # an earlier mention's day, unless the clause's verb is past and that day
            # is to come: "clashed at Saturday's debate" is not next Saturday's caucus
            return remembered
        if remembered is not None and not (
            (tense == "future" and remembered < ctx.ref.isoformat())
            or (tense == "past" and remembered > ctx.ref.isoformat())
        ):
            return remembered
        if tense == "future":
            days = delta if delta >= 0 else delta + 7
            lo, hi = _sentence(ctx.text, start, end)
            if days == 0 and _WEEK_AHEAD.search(ctx.text, lo, hi):
                days = 7  # "will meet on Friday in the week ahead", in a Friday article
        else:
            days = delta if delta <= 0 else delta - 7
            if delta == 1 and (direction is None or _local_day_ahead(ctx, end)):
                # No verb of its own points back, so the nearer day: "urged them to vote
                # Tuesday", "Heading into Tuesday's primary" in a Monday article. A past
                # verb points back unless the clock of the dateline is ahead: "SEOUL — Kim
                # announced early Saturday", on a Friday.
                days = 1
    value = (ctx.ref + dt.timedelta(days=days)).isoformat()
    if not mod:
        ctx.weekday_memory[wd] = value
    return value


# A weekday that is part of a name ("Super Tuesday") is not the nearest such day.
_NAMED_DAY = re.compile(r"\bSuper\s+$")
_APPOSED = re.compile(r"[\s,\"“”']*(?:(?:known\s+as|dubbed|called)\s+)?[\"“”']?Super\s+")
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE})(?![\d,]*\s*\d{{4}})")


def _named_weekday(ctx: _Ctx, wd: int, start: int, end: int) -> str | None:
    """The day a named weekday ("Super Tuesday") is: a month-day on that weekday written
    after it in its sentence ("Super Tuesday, when 15 states will hold caucuses on March
    1") or just before it, in apposition ("contests on March 1, known as Super Tuesday"),
    else the day an earlier mention of the name took; None when the text does not say.
    A date further before is another event's ("the March 15 contest ... after Super
    Tuesday")."""
    if ctx.ref is None or not _NAMED_DAY.search(ctx.text, max(0, start - 8), start):
        return None
    lo, hi = _sentence(ctx.text, start, end)
    for md in _MONTH_DAY.finditer(ctx.text, lo, hi):
        if md.end() <= start and not _APPOSED.fullmatch(ctx.text, md.end(), start):
            continue
        month, day = _month_num(md["month"]), int(re.sub(r"\D", "", md["day"]))
        for year in (ctx.ref.year, ctx.ref.year + 1, ctx.ref.year - 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if d.isoweekday() == wd and abs((d - ctx.ref).days) <= 183:
                ctx.named_days[wd] = d.isoformat()
                return ctx.named_days[wd]
    return ctx.named_days.get(wd)


# A weekday that starts a range of weekdays: "taken Thursday through Monday".
_RANGE_END = re.compile(
    rf"\s*(?:through|thru|to|until|till|-|–|—)\s*(?P<wd>{_WEEKDAY_RE})\b(?!['’]s)"
)


def _range_start(ctx: _Ctx, wd: int, end: int) -> str | None:
    """The start of a range of weekdays is the last such day before its end: the end is
    resolved first, by its own verb and tense ("The poll ..., taken Thursday through
    Monday" in a Wednesday article: Monday is two days back, so Thursday is the one before
    it, not the day after publication; #19, fresh5)."""
    r = _RANGE_END.match(ctx.text, end)
    if r is None:
        return None
    last = _resolve_weekday(ctx, _WEEKDAYS[r["wd"].lower()], "", r.start("wd"), r.end("wd"))
    if last is None:
        return None
    back = (dt.date.fromisoformat(last).isoweekday() - wd) % 7 or 7
    value = (dt.date.fromisoformat(last) - dt.timedelta(days=back)).isoformat()
    ctx.weekday_memory[wd] = value
    return value


_TITLED_PART = re.compile(r",?\s+(?:Morning|Afternoon|Evening|Night)\b")
_INDEFINITE = re.compile(r"\b(?:[Oo]ne|[Ss]ome|[Aa]ny)\s+$")


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> _Result:
    wd = _WEEKDAYS[m["wd"].lower()]
    titled = _TITLED_PART.match(ctx.text, m.end("wd"))
    if titled and _title_name(ctx.text, m.start("wd"), titled.end()):
        return None  # "“Saturday Night Live”": a show's name
    mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    possessive = re.match(r"['’]?s\b", ctx.text[m.end("wd") : m.end("wd") + 3]) is not None
    if not mod and _INDEFINITE.search(ctx.text, max(0, m.start() - 6), m.start()):
        return f"XXXX-WXX-{wd}", "DATE", False  # "One Sunday in late 2001": no week of ours
    if (
        mod == "next"
        and _THE_NEXT.search(ctx.text, max(0, m.start() - 4), m.start() + 4)
        and (_direction(ctx.text, m.start(), m.end()) or _tense(ctx.text, m.start(), m.end()))
        == "past"
    ):
        # "he had scheduled a return call for the next Saturday": the week after a day of
        # the story the text does not date, no week of the article's (#19)
        return f"XXXX-WXX-{wd}", "DATE", False
    value = None if mod else _named_weekday(ctx, wd, m.start(), m.end())
    if value is None and not mod:
        value = _range_start(ctx, wd, m.end())
    if value is None:
        value = _resolve_weekday(ctx, wd, mod, m.start(), m.end(), possessive=possessive)
    used = value is not None
    if value is None:
        value = f"XXXX-WXX-{wd}"
    if m["part"]:
        value += "T" + _PARTS[m["part"].lower()]
    return value, "DATE", used


def _r_weekday_set(m: re.Match[str], ctx: _Ctx) -> _Result:
    return f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()]}", "SET", False


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _mid_sentence(text: str, start: int) -> bool:
    """Whether ``start`` follows a word of its sentence (not a sentence's or line's start)."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"“”'‘’")
    return bool(before) and before[-1] not in ".!?:\n"


def _r_deictic_day(m: re.Match[str], ctx: _Ctx) -> _Result:
    word = m["dd"].lower()
    part = (m["part"] or "").lower()
    if word == "tonight":
        part = "night"
    if word == "last night":
        word, part = "yesterday", "night"
    if word == "this":
        if m["dd"] == "This" and m["part"][:1].isupper() and _mid_sentence(ctx.text, m.start()):
            return None  # "told CBS This Morning on Monday": a show's name, no time
        word = "today"
    if ctx.ref is None:
        return ("PRESENT_REF" if word == "today" and not part else "XXXX-XX-XX"), "DATE", False
    value = (ctx.ref + dt.timedelta(days=_DAY_OFFSETS[word])).isoformat()
    if part:
        value += "T" + _PARTS[part]
    return value, "DATE", True


_COMPARISON = re.compile(r"\b(?:compared|corresponding|year['’]s (?:quarter|period|results))", re.I)


_THE_NEXT = re.compile(r"\b[Tt]he\s+next\b")


def _r_relative_unit(m: re.Match[str], ctx: _Ctx) -> _Result:
    """'this week', 'last month', 'earlier this year', 'next quarter', 'last fall'."""
    mod = re.sub(r"\s+", " ", m["mod"].lower())
    unit = m["unit"].lower()
    # "the next year" after a past verb is the story's next year, as "the following year"
    # is: "challenged it in provincial elections the next year" (#19)
    told = mod == "next" and _THE_NEXT.search(ctx.text, max(0, m.start() - 4), m.start() + 4)
    if told and _direction(ctx.text, m.start(), m.end()) == "past":
        mod = "following"
    if unit == "year" and mod in ("following", "previous"):
        # "made a general in 1995, and the following year": from the year written out
        year = _antecedent_year(ctx, m.start())
        if year is not None:
            return f"{year + (1 if mod == 'following' else -1):04d}", "DATE", False
    if unit == "month" and mod in ("following", "previous") and ctx.last_month is not None:
        # "In March, ... The following month, the company put itself up for sale"
        y0, m0, at = ctx.last_month
        if m.start() - at <= _ANAPHOR_REACH:
            y, mo = _add_months(dt.date(y0, m0, 1), 1 if mod == "following" else -1)
            return f"{y:04d}-{mo:02d}", "DATE", ctx.ref is not None
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
            "coming": 1, "following": 1, "this coming": 1, "this past": -1}[mod]  # fmt: skip
    ref = ctx.ref
    if ref is None:
        partial = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                   "year": "XXXX", "quarter": "XXXX-QX"}  # fmt: skip
        return partial.get(unit, "XXXX"), "DATE", False
    if unit in ("week", "weekend"):
        value = _week(ref + dt.timedelta(weeks=step))
        return (value + "-WE" if unit == "weekend" else value), "DATE", True
    if unit == "month":
        y, mo = _add_months(ref, step)
        return f"{y:04d}-{mo:02d}", "DATE", True
    if unit == "year":
        lo, hi = _sentence(ctx.text, m.start(), m.end())
        if step == -1 and ctx.last_quarter is not None and _COMPARISON.search(ctx.text, lo, hi):
            # Earnings reports: "compared with $3 million last year" is the year-ago quarter.
            year, q = ctx.last_quarter
            return f"{year - 1:04d}-Q{q}", "DATE", True
        return f"{ref.year + step:04d}", "DATE", True
    if unit == "quarter":
        q = _quarter(ref.month) - 1 + step
        return f"{ref.year + q // 4:04d}-Q{q % 4 + 1}", "DATE", True
    if unit == "decade":
        return f"{(ref.year // 10 + step):03d}", "DATE", True
    if unit == "century":
        return f"{(ref.year // 100 + step):02d}", "DATE", True
    season = _SEASONS[unit]
    year = ref.year + step
    if mod == "this" and season in _SEASON_MONTHS and ref.month > _SEASON_MONTHS[season][1]:
        # over already: next one if the sentence looks ahead ("are expecting their second
        # child this summer" in December)
        year += _tense(ctx.text, m.start(), m.end()) == "future"
    return f"{year:04d}-{season}", "DATE", True


def _r_season(m: re.Match[str], ctx: _Ctx) -> _Result:
    if _part_of_a_name(ctx.text, m.start("season"), m.end("season")):
        return None
    season = _SEASONS[m["season"].lower()]
    if m["year"]:
        return f"{m['year']}-{season}", "DATE", False
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if ctx.ref is None or re.search(r"\b(?:your|one's|every|each)\s+$", before, re.I):
        return f"XXXX-{season}", "DATE", False  # "your summer vacation": any summer
    return f"{_year_for_season(ctx, season, m):04d}-{season}", "DATE", True


# First and last month of each season (northern hemisphere); winter straddles the year and
# keeps the reference year either way.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


def _year_for_season(ctx: _Ctx, season: str, m: re.Match[str]) -> int:
    """Year of a season named without one: this year's, unless the tense says otherwise.

    "since the spring" or "was fired in the summer" in a February article is last year's;
    "will vote in the fall" in a December article is next year's. "this summer" is always
    this year's.
    """
    assert ctx.ref is not None
    year = ctx.ref.year
    if season not in _SEASON_MONTHS or m.group().lower().startswith("this"):
        return year
    first, last = _SEASON_MONTHS[season]
    if ctx.ref.month < first and _past_governed(ctx.text, m.start(), m.end()):
        return year - 1
    lo, _hi = _sentence(ctx.text, m.start(), m.end())
    if ctx.ref.month > last and (
        _WILL.search(ctx.text, max(lo, m.start() - 60), m.start())
        or _direction(ctx.text, m.start(), m.end()) == "future"
    ):
        return year + 1
    return year


def _r_quarter(m: re.Match[str], ctx: _Ctx) -> _Result:
    q = _ORDINALS[m["ord"].lower()]
    if m["half"]:
        q = 1 if q == 1 else 2
        label = f"H{q}"
    else:
        label = f"Q{q}"
    year_s = m["year"] or m["year2"]
    rel = m["rel"] or m["rel2"]
    if rel and ctx.ref is not None:
        step = {"last": -1, "next": 1, "this": 0}[rel.lower()]
        return f"{ctx.ref.year + step:04d}-{label}", "DATE", True
    if year_s:
        return f"{year_s}-{label}", "DATE", False
    if ctx.ref is None:
        return f"XXXX-{label}", "DATE", False
    cur = _quarter(ctx.ref.month) if label[0] == "Q" else (1 if ctx.ref.month <= 6 else 2)
    year = ctx.ref.year
    if q > cur and _tense(ctx.text, m.start(), m.end()) != "future":
        year -= 1
    if label[0] == "Q" and (year, q) < (ctx.ref.year, cur):
        ctx.last_quarter = (year, q)  # a completed quarter: the one results are about
    return f"{year:04d}-{label}", "DATE", True


def _r_this_quarter(m: re.Match[str], ctx: _Ctx) -> _Result:
    """'the quarter', 'the latest quarter': the quarter under discussion, else the last one."""
    if ctx.ref is not None and re.search(r"\b(?:this|current)\b", m.group(), re.I):
        return f"{ctx.ref.year:04d}-Q{_quarter(ctx.ref.month)}", "DATE", True
    if ctx.last_quarter is not None:
        year, q = ctx.last_quarter
    elif ctx.ref is None:
        return "XXXX-QX", "DATE", False
    else:
        k = _quarter(ctx.ref.month) - 2
        year, q = ctx.ref.year + k // 4, k % 4 + 1
    return f"{year:04d}-Q{q}", "DATE", ctx.ref is not None


def _r_year_ago(m: re.Match[str], ctx: _Ctx) -> _Result:
    """'a year earlier', 'the year-ago quarter': the period under discussion, a year back."""
    if ctx.last_quarter is not None:
        year, q = ctx.last_quarter
        return f"{year - 1:04d}-Q{q}", "DATE", ctx.ref is not None
    if ctx.ref is None:
        return "XXXX", "DATE", False
    return f"{ctx.ref.year - 1:04d}", "DATE", True


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
}  # fmt: skip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def _r_holiday(m: re.Match[str], ctx: _Ctx) -> _Result:
    name = re.sub(r"\s+", " ", m["hol"].lower()).replace("’", "'")
    if m["year"]:
        year: int | None = int(m["year"])
    elif ctx.ref is None:
        year = None
    else:
        month = 11 if name.startswith(("thanksgiving", "election")) else _HOLIDAYS[name][0]
        year = _year_for_month(ctx, month, m.start(), m.end())
    if year is None:
        return None
    if name.startswith("thanksgiving"):
        day = _nth_weekday(year, 11, 4, 4)
    elif name.startswith("election"):
        day = _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    else:
        day = dt.date(year, *_HOLIDAYS[name])
    return day.isoformat(), "DATE", not m["year"]


_SPELLED_YEAR = re.compile(
    r"\b(?:the year )?(?P<c>nineteen|two thousand)(?:[- ](?:and[- ])?(?P<y>(?:twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight"
    r"|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?\b",
    re.I,
)


def _r_spelled_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    base = 1900 if m["c"].lower() == "nineteen" else 2000
    if base == 1900 and not m["y"]:
        return None
    if base == 2000 and not m["y"] and not m.group().lower().startswith("the year"):
        return None
    n = _number(m["y"]) if m["y"] else 0
    return f"{base + int(n or 0):04d}", "DATE", False


def _r_ago(m: re.Match[str], ctx: _Ctx) -> _Result:
    unit = m["unit"].lower().rstrip("s")
    unit = "century" if unit == "centurie" else unit
    n = _number(m["num"]) if m["num"] else None
    if n is None or ctx.ref is None or not float(n).is_integer():
        return "PAST_REF", "DATE", ctx.ref is not None
    k = int(n)
    ref = ctx.ref
    if unit == "year" and k == 1 and ctx.last_quarter is not None:
        return _r_year_ago(m, ctx)  # financial news: "a year ago" = the year-ago quarter
    if unit == "year":
        return f"{ref.year - k:04d}", "DATE", True
    if unit == "decade":
        return f"{(ref.year - 10 * k) // 10:03d}", "DATE", True
    if unit == "century":
        return f"{(ref.year - 100 * k) // 100:02d}", "DATE", True
    if unit == "month":
        y, mo = _add_months(ref, -k)
        return f"{y:04d}-{mo:02d}", "DATE", True
    if unit == "week":
        return _week(ref - dt.timedelta(weeks=k)), "DATE", True
    if unit == "day":
        return (ref - dt.timedelta(days=k)).isoformat(), "DATE", True
    if unit == "quarter":
        q = _quarter(ref.month) - 1 - k
        return f"{ref.year + q // 4:04d}-Q{q % 4 + 1}", "DATE", True
    return "PAST_REF", "DATE", True


def _r_duration(m: re.Match[str], ctx: _Ctx) -> _Result:
    if re.match(r"[- ]old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # ages ("a 6-year-old") are not temporal expressions in TimeML
    unit = m["unit"].lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    num = m["num"] or ""
    if unit == "second" and num.lower() in ("a", "an"):
        return None  # "a second time"
    n = None if num.lower() in _VAGUE else _number(num)
    if n is not None and 1800 <= n <= 2100 and num.isdigit():
        # "the 1988 quarter": a year, not 1988 quarters.
        if unit == "quarter" and ctx.last_quarter is not None:
            return f"{int(n):04d}-Q{ctx.last_quarter[1]}", "DATE", False
        return f"{int(n):04d}", "DATE", False
    if m["num2"]:  # "12 to 18 months": keep the upper bound's unit, vague amount
        n = None
    return _duration(n, unit), "DURATION", False


# Habitual times: "Many days, she would stay at the office past midnight" names no day. A
# "would" or "used to" before the time, with a frequency word in the sentence, reads as a
# habit; "would" alone does not ("said the polls would close at 8 p.m." is a dated future).
_FREQUENCY = re.compile(
    r"\b(?:(?:many|most|some|every|each|other)\s+(?:days|nights|mornings|evenings|weeks"
    r"|weekends|day|night|morning|evening|week|weekend)(?!\s+(?:ago|later|earlier|before"
    r"|after))|often|usually|routinely|typically|regularly|habitually|sometimes|always"
    r"|frequently|normally|on weekdays|at times)\b",
    re.I,
)
_HABIT_VERB = re.compile(r"\b(?:would|'d|’d|used\s+to)\b", re.I)


def _habitual(text: str, start: int, end: int) -> bool:
    """Is a clock time in a sentence about a habit, not about one day?"""
    lo, hi = _sentence(text, start, end)
    if not _HABIT_VERB.search(text, max(lo, start - 80), start):
        return False
    return re.search(r"\bused\s+to\b", text[lo:start]) is not None or bool(
        _FREQUENCY.search(text, lo, hi)
    )


def _r_time(m: re.Match[str], ctx: _Ctx) -> _Result:
    g = {k: v for k, v in m.groupdict().items() if v}
    hour = int(g["h"])
    minute = int(g.get("mi", 0))
    ampm = g.get("ampm", "").lower().replace(".", "").replace(" ", "")
    if hour > 12 and ampm:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    day: str | None = None
    used = False
    if "wd" in g:
        day = _resolve_weekday(ctx, _WEEKDAYS[m["wd"].lower()], "", m.start(), m.end())
    elif "tmonth" in g:
        month, dom = _month_num(m["tmonth"]), int(re.sub(r"\D", "", m["tday"]))
        # "at 6:30 a.m. on March 19, 2002": the year written after it (#19)
        year = _year_for_month(ctx, month, m.start(), m.end())
        if "tyear" in g:
            year = int(g["tyear"])  # "at 6:30 a.m. on March 19, 2002" (#19)
        try:
            day = dt.date(year or 2000, month, dom).isoformat()
        except ValueError:
            return None
        if year is None:
            day = f"XXXX-{month:02d}-{dom:02d}"
    elif "dd" in g:
        if ctx.ref is not None:
            off = _DAY_OFFSETS[m["dd"].lower()]
            day = (ctx.ref + dt.timedelta(days=off)).isoformat()
    elif _habitual(ctx.text, m.start(), m.end()):
        day = None
    elif ctx.last_day is not None and m.start() - ctx.last_day[1] < 200:
        day = ctx.last_day[0]
    elif ctx.ref is not None:
        day = ctx.ref.isoformat()
    if day is not None:
        used = ctx.ref is not None and "tyear" not in g
    else:
        day = "XXXX-XX-XX"
    zone = "Z" if g.get("zone") in ("UTC", "GMT", "Z") else ""
    return f"{day}T{hour:02d}:{minute:02d}{zone}", "TIME", used


_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_DAY_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday This Last Next Early Late"
    " Mid The In On By Since Until During Each Every".split()
)


def _part_of_a_name(text: str, start: int, end: int, *, heads: bool = False) -> bool:
    """A capitalised season or time word inside a name: "the Arab Spring", "High Noon"
    (after a capitalised word other than a date word or the first word of a sentence),
    and for ``heads`` also before one: "the Midnight Crew". A season before a capitalised
    word is left a date: "this year's Winter Olympics" were in the winter."""
    if not _CAPITALISED.fullmatch(text, start, end):
        return False
    after = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    if heads and after and after[1] not in _DAY_WORDS:
        return True
    before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 30) : start])
    if before is None or before[1] in _DAY_WORDS:
        return False
    opener = text[: before.start(1) + max(0, start - 30)].rstrip()
    return bool(opener) and opener[-1] not in ".!?:\n"  # not a sentence's first word


def _title_name(text: str, start: int, end: int) -> bool:
    """A weekday and part of day in title case that open a name: "Saturday Night Live",
    "Sunday Morning Futures", "Monday Night Baseball" (#19, fresh5): every word is
    capitalised and a capitalised word other than a date word follows."""
    words = text[start:end].split()
    if len(words) < 2 or not all(_CAPITALISED.fullmatch(w) for w in words):
        return False
    after = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    return after is not None and after[1] not in _DAY_WORDS


def _r_named_time(m: re.Match[str], ctx: _Ctx) -> _Result:
    if _part_of_a_name(ctx.text, m.start(), m.end(), heads=True):
        return None
    hh = "12:00" if m["nt"].lower() == "noon" else "24:00"
    if ctx.ref is None or _habitual(ctx.text, m.start(), m.end()):
        return f"XXXX-XX-XXT{hh}", "TIME", False
    return f"{ctx.ref.isoformat()}T{hh}", "TIME", True


def _const(value: str, type_: str) -> _Rule:
    def rule(m: re.Match[str], ctx: _Ctx) -> _Result:
        return value, type_, False

    return rule


def _r_set(m: re.Match[str], ctx: _Ctx) -> _Result:
    word = m["set"].lower()
    unit = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
            "yearly": "year", "hourly": "hour", "quarterly": "quarter"}.get(word)  # fmt: skip
    if unit is None:
        unit = word.split()[-1]
    return _duration(1, unit), "SET", False


def _r_weekend(m: re.Match[str], ctx: _Ctx) -> _Result:
    if ctx.ref is None:
        return "XXXX-WXX-WE", "DATE", False
    # Early in the week "the weekend" is the one just past, unless the verb is future.
    past = ctx.ref.isoweekday() <= 3 and _tense(ctx.text, m.start(), m.end()) != "future"
    return _week(ctx.ref - dt.timedelta(weeks=1 if past else 0)) + "-WE", "DATE", True


def _r_future_ref(m: re.Match[str], ctx: _Ctx) -> _Result:
    return "FUTURE_REF", "DATE", False


def _r_duration_any(m: re.Match[str], ctx: _Ctx) -> _Result:
    if m["unit2"]:
        unit = m["unit2"].lower()
        return _duration(1, unit), "DURATION", False
    return _r_duration(m, ctx)


def _r_relative_year(m: re.Match[str], ctx: _Ctx) -> _Result:
    if ctx.ref is None:
        return "XXXX", "DATE", False
    return f"{ctx.ref.year:04d}", "DATE", True


def _r_duration_vague(m: re.Match[str], ctx: _Ctx) -> _Result:
    unit = m["unit"].lower().rstrip("s")
    return _duration(None, unit), "DURATION", False


_F = re.I
_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    # "February 21, 2022", "Feb. 24", "Monday, February 21", "Sunday morning, March 6"
    (re.compile(rf"\b{_WEEKDAY_RE},?\s+(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE})(?!\d)"
                rf"(?:\s?,?\s+(?P<year>{_YEAR_RE})(?!\d))?"), _r_full_date),
    (re.compile(rf"{_B}(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE})(?!\d)"
                rf"(?:\s?,?\s+(?P<year>{_YEAR_RE})(?!\d))?(?!\s*(?:%|percent))"), _r_full_date),
    (re.compile(rf"{_B}(?P<day>{_DAY_RE})\s+(?:of\s+)?(?P<month>{_MONTH_RE})"
                rf"(?:,?\s+(?P<year>{_YEAR_RE})(?!\d))?"), _r_full_date),
    (re.compile(rf"{_B}(?:(?P<iy>{_YEAR_RE})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
                rf"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[12]\d|3[01]|0?[1-9])/(?P<uy>{_YEAR_RE}|\d\d))"
                rf"{_NB}"), _r_numeric_date),
    # "June 2011", "early January 2017" (the modifier kept in the extent, as TimeML does)
    (re.compile(rf"{_B}(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[- ])?(?P<month>{_MONTH_RE}),?\s+"
                rf"(?:of\s+)?(?P<year>{_YEAR_RE}){_NB}"), _r_month_year),
    # "last December", "early January", bare capitalised month names ("May" needs help)
    (re.compile(r"(?:\b(?P<mod>last|next|this|this past|this coming|early|late|mid|"
                r"earlier|later|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)[- ])?"
                r"(?P<month>January|February|March|April|June|July|August|September|October"
                r"|November|December|(?:(?<=\bin )|(?<=\bIn )|(?<=\bof )|(?<=\bby )|(?<=until )"
                r"|(?<=since )|(?<=last )|(?<=next )|(?<=this )|(?<=early )|(?<=late )"
                r"|(?<=from ))May)"
                r"\b(?!-)"), _r_month),
    (re.compile(rf"\b(?:fiscal\s+)?(?:(?:the\s+)?(?:early|late|mid)[- ]?)?{_B}(?P<year>"
                rf"{_YEAR_RE}){_NB}(?!\s*(?:-|to)\s*\d)(?!\s+(?:people|percent|troops|"
                r"soldiers|miles|km|kilometres|kilometers|feet|metres|meters|tons|tonnes|"
                r"workers|jobs|employees|shares|dollars|euros|points|cars|units|barrels|"
                r"acres|pounds|votes|residents|members|\w+s\b(?=\s+(?:were|are|have))))"),
     _r_year),
    (re.compile(r"\b(?:the\s+)?(?:(?:early|late|mid)[- ]?)?(?:(?P<dec4>(?:1[5-9]|20)\d0)['’]?s"
                r"|['’]?(?<![\d.,$])(?P<dec2>[2-9]0)s)\b"), _r_decade),
    (re.compile(r"\b(?:the\s+)?(?:(?:early|late|mid)[- ]?)?(?P<dw>twenties|thirties|forties"
                r"|fifties|sixties|seventies|eighties|nineties)\b", _F), _r_decade_word),
    (re.compile(r"\b(?:the\s+)?(?:(?:early|late|mid)[- ]?)?(?P<cn>1\d|20|21)(?:st|th)\s+century\b",
                _F), _r_century),
    (re.compile(rf"\b(?:every|each)\s+(?P<wd>{_WEEKDAY_RE})\b"), _r_weekday_set),
    (re.compile(rf"(?:\b(?P<mod>last|next|this|this past|this coming|past|coming|[Ll]ast|"
                rf"[Nn]ext|[Tt]his|early|late|[Ee]arly|[Ll]ate)\s+)?\b(?P<wd>{_WEEKDAY_RE})"
                rf"(?:(?=['’]s\b)|s(?=\s+(?:meeting|talks|call|summit|vote|election|decision|"
                rf"announcement|statement|session|attack|game|report)))?"
                rf"(?:,?\s+(?P<part>{_PART_RE}))?\b"), _r_weekday),
    (re.compile(rf"\b(?P<dd>today|tonight|yesterday|tomorrow|last night)"
                rf"(?:\s+(?P<part>{_PART_RE}))?\b", _F), _r_deictic_day),
    (re.compile(r"\b(?P<dd>this)\s+(?P<part>morning|afternoon|evening)\b", _F), _r_deictic_day),
    (re.compile(r"\b(?:(?:early|late|earlier|later)\s+)?(?P<mod>this|last|next|past|previous"
                r"|coming|following|current|this coming|this past)\s+(?P<unit>week|weekend|month"
                r"|year|quarter|decade|century|spring|summer|fall|autumn|winter)\b(?![- ]old)", _F),
     _r_relative_unit),
    (re.compile(rf"\b(?:(?:the|this|last|early|late|mid)[- ])?(?P<season>spring|summer|autumn"
                rf"|winter|(?<=the )fall|(?<=in )fall)(?:\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?\b",
                _F), _r_season),
    (re.compile(rf"\b(?:the\s+|(?P<rel>last|next|this)\s+year['’]s\s+)?(?:(?P<year2>{_YEAR_RE})\s+)?(?P<ord>first|second|third|fourth"
                rf"|final|1st|2nd|3rd|4th)[- ](?:(?P<half>half)|quarter)\b"
                rf"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{_YEAR_RE})|\s+of\s+(?P<rel2>last|next"
                rf"|this)\s+year)?", _F), _r_quarter),
    (re.compile(rf"\b(?:(?:about|nearly|almost|some|more than|less than|over|just|only)\s+)?"
                rf"(?:(?P<num>{_NUM_RE}|{_VAGUE_RE})[- ])?(?P<unit>{_UNIT_RE}s?|centuries)\s+ago\b",
                _F), _r_ago),
    (re.compile(r"\b(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|years)"
                r"(?:\s+and\s+(?:days|weeks|months|years))?\b|\b(?:the|in)\s+future\b"
                r"|\bas soon as possible\b", _F), _r_future_ref),
    # TimeML leaves approximators ("about", "more than") out of the extent: they are a
    # modifier of the value, not part of the expression.
    (re.compile(rf"\b(?:(?:another|an additional"
                rf"|the (?:past|last|next|first|previous|coming|final|following)|the)\s+)?"
                rf"(?:(?P<num>{_NUM_RE}|{_VAGUE_RE})(?:\s+(?:to|or)\s+(?P<num2>{_NUM_RE}))?"
                rf"(?:[- ](?:more|additional|full|straight|consecutive|long))?[- ](?P<unit>"
                rf"{_UNIT_RE}s?|centuries)(?:[- ]long)?(?![- ]old)"
                rf"|(?P<sing>(?<=\bthe )(?:past|last)\s+)(?P<unit2>{_UNIT_RE}))\b", _F),
     _r_duration_any),
    (re.compile(r"\b(?:coming|many|several|few)?\s?(?P<unit>years|months|weeks"
                r"|decades)\b(?![- ]old)", _F), _r_duration_vague),
    (re.compile(rf"\b(?P<h>1[0-2]|0?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?"
                rf"|[ap]m\b)(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local time))?"
                rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WEEKDAY_RE})|(?P<dd>today|yesterday|tomorrow)"
                rf"|(?P<tmonth>{_MONTH_RE})\s+(?P<tday>{_DAY_RE})(?!\d)"
                rf"(?:,?\s+(?P<tyear>{_YEAR_RE})(?!\d))?))?",
                _F), _r_time),
    (re.compile(rf"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?P<zone>UTC|GMT|Z)\b"
                rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WEEKDAY_RE})|(?P<dd>today|yesterday|tomorrow)"
                rf"|(?P<tmonth>{_MONTH_RE})\s+(?P<tday>{_DAY_RE})(?!\d)"
                rf"(?:,?\s+(?P<tyear>{_YEAR_RE})(?!\d))?))?"),
     _r_time),
    (re.compile(r"\b(?P<nt>noon|midnight)\b", _F), _r_named_time),
    (re.compile(r"\b(?:the\s+|this\s+)?(?P<set>daily|weekly|hourly"
                r"|every (?:day|week|month|year)|each (?:day|week|month|year)"
                r"|a (?:day|week|month|year)(?=[.,;]| in\b| for\b))\b", _F), _r_set),
    (re.compile(r"\b(?:the|this)\s+weekend\b", _F), _r_weekend),
    (re.compile(r"\b(?:the|that|this)\s+(?:(?:latest|current|same|comparable|fiscal)\s+)*quarter\b"
                r"(?!\s+(?:ended|ending|of|a year))|\bthe\s+(?:latest|same|comparable)\s+period\b",
                _F), _r_this_quarter),
    (re.compile(r"\b(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier|year ago)"
                r"(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?\b"
                r"|\ba year (?:earlier|ago|before)\b|\bthe quarter a year (?:ago|earlier)\b", _F),
     _r_year_ago),
    (re.compile(r"\bthe\s+(?:(?:fiscal|full|calendar)\s+)?year\b(?![- ](?:ago|earlier|end|old"
                r"|long|before|after|\d|two))", _F),
     _r_relative_year),
    (re.compile(r"\b(?:earlier|later)\s+in\s+the\s+year\b", _F), _r_relative_year),
    (re.compile(rf"\b(?:last\s+)?(?P<hol>Christmas(?: Day| Eve)?|New Year['’]s (?:Day|Eve)"
                rf"|Independence Day|Halloween|Valentine['’]s Day|Veterans Day"
                rf"|Thanksgiving(?: Day)?|Election Day)(?:,?\s+(?P<year>{_YEAR_RE})\b)?"),
     _r_holiday),
    (_SPELLED_YEAR, _r_spelled_year),
    (re.compile(r"\b(?:recent|past)\s+(?:days|weeks|months|years|decades)"
                r"(?:\s+(?:and|or)\s+(?:days|weeks|months|years))?\b", _F),
     _const("PAST_REF", "DATE")),
    (re.compile(r"\b(?P<month>January|February|March|April|May|June|July|August|September"
                r"|October|November|December)\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b"),
     _r_month_rel_year),
    (re.compile(r"\b(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same|that\s+same)"
                r"\s+year\b(?![- ]old)", _F), _r_that_year),
    (re.compile(r"\b(?:right\s+)?now\b|\bcurrently\b|\bthese days\b|\bat present\b|\bnowadays\b"
                r"|\bthe present\b|\bat the moment\b", _F), _const("PRESENT_REF", "DATE")),
    (re.compile(r"\brecently\b|\blately\b|\bthe past\b(?!\s+(?:\d|[a-z]+\s+(?:days|weeks|months"
                r"|years)|few|several|week|month|year|decade|quarter|day))"
                r"|\bformerly\b", _F),
     _const("PAST_REF", "DATE")),
]  # fmt: skip


_FULL_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>{_DAY_RE}),?\s+(?P<year>{_YEAR_RE})\b"
    rf"|\b(?P<day2>{_DAY_RE})\s+(?P<month2>{_MONTH_RE}),?\s+(?P<year2>{_YEAR_RE})\b"
    rf"|\b(?P<iy>{_YEAR_RE})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
)


# Only the head of a page (title, byline, dateline) is trusted to carry its own date: a full
# date deeper in the body is as likely a historical one ("the Minsk deal of Feb. 12, 2015").
_HEADER_CHARS = 1000


# A date a preposition introduces on its own line is an event's, not the page's: "Page was
# born on April 22, 1923", "Eric Garner, whose dying words ... on July 17, 2014" (a lead
# with no dateline, NeuS 2200; #19). 8 of the 47 first full dates in ECB+ heads are such.
_EVENT_DATE_BEFORE = re.compile(
    r"\b(?:on|since|until|till|by|before|after|from|of|through|to|in|at|between|and)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _introduced(text: str, start: int) -> bool:
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return bool(_EVENT_DATE_BEFORE.search(line))


def infer_reference(text: str) -> dt.date | None:
    """Return the first full calendar date in the head of ``text`` (a dateline), or None.

    A date a preposition introduces ("born on April 22, 1923") is an event's and skipped."""
    for m in _FULL_DATE.finditer(text, 0, _HEADER_CHARS):
        if _introduced(text, m.start()):
            continue
        try:
            if m["iy"]:
                return dt.date(int(m["iy"]), int(m["im"]), int(m["id"]))
            month = _month_num(m["month"] or m["month2"])
            day = int(re.sub(r"\D", "", m["day"] or m["day2"]))
            return dt.date(int(m["year"] or m["year2"]), month, day)
        except ValueError:
            continue
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return start, end


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    found = []
    for i, (pattern, _rule) in enumerate(_RULES):
        for m in pattern.finditer(text):
            start, end = _trim(text, m.start(), m.end())
            if end > start:
                found.append((start, end, i, m))
    # Longest match wins; on ties, the earlier rule (rules are ordered most specific first).
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in found:
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def iter_dates(
    text: str, reference: dt.date | None, *, article_id: str = "", anchor: str = "published"
) -> Iterator[DateMention]:
    """Yield the temporal expressions of ``text`` normalised against ``reference``.

    ``anchor`` is the label given to mentions that used the reference ("published" or
    "inferred").
    """
    ctx = _Ctx(text=text, ref=reference, weekday_memory={}, far_east=_far_east_dateline(text))
    for start, end, i, m in _candidates(text):
        result = _RULES[i][1](m, ctx)
        if result is None:
            continue
        value, type_, used = result
        if type_ in ("DATE", "TIME") and re.match(r"\d{4}-\d\d-\d\d", value):
            ctx.last_day = (value[:10], end)
        if type_ == "DATE" and re.match(r"\d{4}-\d\d(?:$|-)", value):
            ctx.last_month = (int(value[:4]), int(value[5:7]), end)
        if type_ == "DATE" and not used and re.match(r"\d{4}(?:-|$)", value):
            ctx.last_year = (int(value[:4]), end)
            full = re.match(r"\d{4}-\d\d-\d\d", value)
            ctx.last_full = dt.date.fromisoformat(full.group()) if full else None
        elif type_ == "DATE" and used:
            ctx.last_year = None  # a date of the article's own time ends the story of that year
        yield DateMention(
            article_id=article_id,
            start=start,
            end=end,
            text=text[start:end],
            value=value,
            type=type_,
            anchor=anchor if used and reference is not None else None,
        )


def find_dates(text: str, reference: dt.date | None, *, article_id: str = "") -> list[DateMention]:
    """Return every temporal expression in ``text`` with its TimeML value and type.

    ``reference`` is the publication date. When it is None the first full date written in
    the text is used instead and the mentions resolved against it say ``anchor="inferred"``;
    without any reference, relative expressions keep partial values ("XXXX-WXX-7").
    """
    anchor = "published"
    if reference is None:
        reference = infer_reference(text)
        anchor = "inferred"
    return list(iter_dates(text, reference, article_id=article_id, anchor=anchor))


def extract_dates(article: Article) -> list[DateMention]:
    """Return the temporal expressions of ``article`` resolved against its publication date."""
    return find_dates(article.text, article.published_date, article_id=article.id)


def extract_dates_all(articles: Iterable[Article]) -> Iterator[DateMention]:
    """Yield the date mentions of every article in turn (the streaming form of the stage)."""
    for article in articles:
        yield from extract_dates(article)
