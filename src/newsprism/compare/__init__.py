"""Compare the outlets of one story: agreements, conflicts, omissions, quote variants,
framing, timeline and a cited summary.

Everything is computed from the articles' cleaned text and their extractions; nothing here
knows any outlet or story. Articles that copy another article (``duplicate_of``) count
once: "independent" below means distinct outlets (or distinct articles whose outlet is
unknown), with copies mapped to their original.

- **Claims** are sentences. Claims of different articles are aligned when their TF-IDF
  cosine (content words, light stemming) is high, with entity, number and date overlap
  as extra evidence; a group never holds two claims of one article.
- **Conflicts** compare like with like (DESIGN-NOTES): two quantities of independent
  articles that measure the same kind of thing (same unit dimension, the same head noun or
  the same class of event noun, no differing place qualifier) whose value ranges, widened
  by their approximation words ("about", "more than"), do not overlap. When both articles
  have known, different publication days the pair is a ``change`` over time instead.
- **Framing** pairs are spelling or label variants for one referent learned from the data:
  proper-noun forms that differ by a small edit and are used by complementary sets of
  outlets, and substitutions found by aligning the words of claims that report one fact;
  each pair is scored with the weighted log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

import bisect
import calendar
import functools
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from newsprism.model import Article, Extraction, Quantity, Quote

__all__ = ["CompareConfig", "Claim", "compare_story", "split_claims", "independence_keys"]

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
# Nouns for one communicative event: a call, a meeting and a conversation can be one event,
# a call and a drive cannot (used to decide that two durations measure the same thing).
_EVENT_NOUNS = frozenset(
    """call calls conversation conversations talk talks meeting meetings session sessions
    discussion discussions summit summits negotiation negotiations phone telephone exchange
    interview visit visits conference""".split()
)
_PERSONNEL = frozenset("troops soldiers servicemen forces personnel servicemembers".split())
_TIME_UNITS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "month": 2629800,
    "year": 31557600,
}
_PLACE_QUALIFIER = re.compile(
    r"\b(?:in|near|on|at|around|along|inside|to)\s+((?:the\s+)?"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
# "in the last 24 hours", "within two weeks", "24 hours ago": a time window, not a measurement.
_WINDOW_BEFORE = re.compile(
    r"\b(?:in|within|over|during|after|before|for the first time in)\s+"
    r"(?:the\s+)?(?:last|past|next|previous|coming|first|final)?\s*$",
    re.I,
)
_WINDOW_AFTER = re.compile(r"^\s*(?:ago|earlier|later|before|after|from now)\b", re.I)
_SPEECH_ACTIONS = frozenset(
    "say tell add note state mention claim stress allege report describe "
    "write quote insist argue explain reiterate believe think".split()
)


@dataclass(frozen=True)
class CompareConfig:
    """Thresholds of the comparison (chosen for precision: a wrong conflict costs trust)."""

    align_threshold: float = 0.40
    min_claim_words: int = 5
    summary_sentences: int = 8
    quote_same_threshold: float = 0.42  # group renderings whatever their speaker labels
    quote_speaker_threshold: float = 0.25  # group renderings with the same speaker ...
    quote_shared_words: int = 3  # ... sharing this many content words besides the speaker's
    quote_fragment_words: int = 8  # a shorter quote joins only renderings of its speaker
    omission_share: float = 0.5  # an omission: at least this share of the outlets carry it
    framing_min_count: int = 2
    # How disagreeing figures are found: "rules" (the hand-written filters of
    # find_conflicts) or "model" (figure claims aligned by the trained figure models of
    # newsprism.compare.figures; see docs/architecture.md for both scores).
    conflicts: str = "rules"


DEFAULT_COMPARE = CompareConfig()


@dataclass(frozen=True)
class Claim:
    """One sentence of one article, with what it mentions."""

    article_id: str
    start: int
    end: int
    text: str
    position: int  # sentence index in the article
    entities: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    dates: frozenset[str] = frozenset()


@dataclass
class ClaimGroup:
    """Claims of different articles that report one fact."""

    claims: list[Claim] = field(default_factory=list)
    # Alignment score of each pair of members, by position in ``claims``.
    scores: dict[tuple[int, int], float] = field(default_factory=dict)

    def representative(self) -> Claim:
        """The member most like the others (the group's centroid claim).

        A sentence that reads on its own comes before one that leans on the sentence
        before it ("And then he ...", "But they ...": see :func:`stands_alone`).
        """
        if len(self.claims) < 3:
            return min(
                self.claims,
                key=lambda c: (
                    not stands_alone(c.text),
                    abs(len(_WORD.findall(c.text)) - 25),
                    c.position,
                ),
            )
        n = len(self.claims)
        avg = [sum(self.score(i, j) for j in range(n) if j != i) / (n - 1) for i in range(n)]
        return self.claims[
            max(
                range(n),
                key=lambda i: (stands_alone(self.claims[i].text), avg[i], -self.claims[i].position),
            )
        ]

    def score(self, i: int, j: int) -> float:
        return self.scores.get((min(i, j), max(i, j)), 0.0)

    def supporting(self, claim: Claim, threshold: float) -> list[Claim]:
        """Members aligned with ``claim`` itself at ``threshold`` or better (and the claim)."""
        k = self.claims.index(claim)
        return [c for i, c in enumerate(self.claims) if i == k or self.score(i, k) >= threshold]

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(c.article_id for c in self.claims))


# --------------------------------------------------------------------------- tokens


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


# --------------------------------------------------------------------------- claims


def split_claims(article: Article, extraction: Extraction | None = None) -> list[Claim]:
    """Split an article into sentence claims with their entities, numbers and dates.

    Sentences are those of the extraction stage (``extraction.sentences``: spaCy's sentence
    recogniser, a paragraph break always ending one), so a claim and the quotes in it share
    their boundaries; they are found again when the extraction has none.
    """
    from newsprism.extract._nlp import sentence_spans

    claims = []
    ents = sorted(extraction.entities, key=lambda e: e.start) if extraction else []
    dates = sorted(extraction.dates, key=lambda d: d.start) if extraction else []
    ent_starts = [e.start for e in ents]
    date_starts = [d.start for d in dates]
    pos = 0
    spans = (extraction.sentences if extraction else ()) or sentence_spans(article.text)
    for start, end in _whole_quotations(article.text, spans):
        text = article.text[start:end]
        if len(_WORD.findall(text)) < 3:
            continue
        e_lo, e_hi = bisect.bisect_left(ent_starts, start), bisect.bisect_left(ent_starts, end)
        d_lo, d_hi = bisect.bisect_left(date_starts, start), bisect.bisect_left(date_starts, end)
        claims.append(
            Claim(
                article_id=article.id,
                start=start,
                end=end,
                text=text,
                position=pos,
                entities=frozenset(
                    e.canonical for e in ents[e_lo:e_hi] if e.label in _CLAIM_ENTITY_LABELS
                ),
                numbers=_number_tokens(text),
                dates=frozenset(d.value for d in dates[d_lo:d_hi] if _DAY.match(d.value)),
            )
        )
        pos += 1
    return claims


def _whole_quotations(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that a closed quotation runs across: one claim per quoted passage.

    '"The talks were useful. We agreed to continue," the Kremlin said.' stays one claim, so
    a claim never starts inside a quotation and ends outside it.
    """
    from newsprism.extract.quotes import find_quote_marks

    quotes = [(q.start, q.end) for q in find_quote_marks(text) if q.closed]
    if not quotes or not spans:
        return list(spans)
    starts = [a for a, _ in quotes]
    out = [spans[0]]
    for start, end in spans[1:]:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and quotes[i][0] < start < quotes[i][1] and quotes[i][0] < out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_CLAIM_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def independence_keys(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to the key of its independent source (copies share their original's)."""
    by_id = {a.id: a for a in articles}

    def key(a: Article) -> str:
        if a.duplicate_of and a.duplicate_of in by_id and a.duplicate_of != a.id:
            return key(by_id[a.duplicate_of])
        return f"outlet:{a.outlet.lower()}" if a.outlet else f"article:{a.id}"

    return {a.id: key(a) for a in articles}


def _tfidf(texts: Sequence[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=_content_tokens, sublinear_tf=True, min_df=1)
    try:
        return vec.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return None


def _shared(sets: Sequence[frozenset[Any]]) -> Any:
    """Dense matrix of the number of members each pair of ``sets`` shares."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    vocab: dict[Any, int] = {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocab.setdefault(x, len(vocab)) for s in sets for x in s]
    m = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(sets), max(len(vocab), 1)))
    return (m @ m.T).toarray()


def align_claims(
    claims: Sequence[Claim], keys: dict[str, str], *, config: CompareConfig = DEFAULT_COMPARE
) -> list[ClaimGroup]:
    """Group claims of independent articles that report the same fact."""
    if not claims:
        return []
    source_ids: dict[str | None, int] = {}
    source = np.array(
        [source_ids.setdefault(keys.get(c.article_id), len(source_ids)) for c in claims]
    )
    if len(source_ids) < 2:
        return [ClaimGroup([c]) for c in claims]  # one source: nothing to align
    matrix = _tfidf([c.text for c in claims])
    if matrix is None:
        return [ClaimGroup([c]) for c in claims]
    n = len(claims)
    # Pair scores, all at once: text similarity, plus shared entities (Jaccard), numbers
    # and dates; zero between claims of one source (and of a claim with itself).
    scores = (matrix @ matrix.T).toarray()
    sizes = np.array([len(c.entities) for c in claims], dtype=float)
    if sizes.any():
        shared = _shared([c.entities for c in claims])
        union = sizes[:, None] + sizes[None, :] - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            scores += np.where(union > 0, 0.08 * shared / union, 0.0)
    for sets in ([c.numbers for c in claims], [c.dates for c in claims]):
        if any(sets):
            scores += np.where(_shared(sets) > 0, 0.05, 0.0)
    scores[source[:, None] == source[None, :]] = 0.0
    above = np.argwhere(np.triu(scores >= config.align_threshold, 1))
    pairs = [(scores[i, j], int(i), int(j)) for i, j in above]
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _score, i, j in sorted(pairs, reverse=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {keys[claims[x].article_id] for x in a} & {keys[claims[y].article_id] for y in b}:
            continue  # one claim per independent source in a group
        # Average linkage: the groups must be similar as a whole, not through one pair.
        if np.mean([scores[x, y] for x in a for y in b]) < config.align_threshold * 0.85:
            continue
        for y in b:
            group_of[y] = gi
        members[gi] = a + b
        del members[gj]
    groups = []
    for m in members.values():
        order = sorted(m, key=lambda k: (claims[k].article_id, claims[k].position))
        pair_scores = {
            (x, y): float(scores[order[x], order[y]])
            for x in range(len(order))
            for y in range(x + 1, len(order))
        }
        groups.append(ClaimGroup([claims[i] for i in order], pair_scores))
    return groups


# --------------------------------------------------------------------------- conflicts


def _unit_dimension(q: Quantity) -> tuple[str, float] | None:
    """(dimension, factor to the base unit) of a quantity's unit, or None if not comparable."""
    unit = (q.unit or "").lower().rstrip("s")
    if unit in _TIME_UNITS:
        return "time", float(_TIME_UNITS[unit])
    if not unit:
        return "count", 1.0
    return f"unit:{unit}", 1.0


def _head(measures: str | None) -> str | None:
    if not measures:
        return None
    words = [w.lower() for w in _WORD.findall(measures)]
    return words[-1] if words else None


def _modifiers(measures: str | None) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(measures or "")]
    return frozenset(w for w in words[:-1] if w not in _STOP)


def _same_measured_thing(a: Quantity, b: Quantity) -> bool:
    ha, hb = _head(a.measures), _head(b.measures)
    if ha is None or hb is None:
        return False
    ma, mb = _modifiers(a.measures), _modifiers(b.measures)
    if ma and mb and not (ma & mb) and not (ma <= _EVENT_NOUNS and mb <= _EVENT_NOUNS):
        return False  # "Russian soldiers" and "NATO troops" are not one number
    if _stem(ha) == _stem(hb):
        return True
    if ha in _EVENT_NOUNS and hb in _EVENT_NOUNS:
        return True
    return ha in _PERSONNEL and hb in _PERSONNEL


# What befell the people a count counts: the dead, the injured and the population of a
# place are different numbers though all are "people".
_FATES = {
    **dict.fromkeys("kill die dead death perish slay fatality claim".split(), "dead"),
    **dict.fromkeys("injure wound hurt injured wounded injury".split(), "injured"),
    **dict.fromkeys("miss missing".split(), "missing"),
    **dict.fromkeys("evacuate displace flee homeless".split(), "displaced"),
    **dict.fromkeys("arrest detain".split(), "arrested"),
    **dict.fromkeys("home live inhabit population resident".split(), "population"),
    **dict.fromkeys("rescue save".split(), "rescued"),
}


def _same_fate(a: Quantity, b: Quantity) -> bool:
    """Two counts may count the same people: both name one fate (:data:`_FATES`), or
    neither names one. "10 people were killed" and "home to 120,000 people" do not, nor
    do "killed four people" and "if it had been 50 people"; "massed 100,000 troops" and
    "150,000 troops near the border" may."""
    fa, fb = _FATES.get(a.predicate or ""), _FATES.get(b.predicate or "")
    return fa == fb


def _interval(q: Quantity, factor: float) -> tuple[float, float]:
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
    return v * 0.97, v * 1.03  # rounding in an exact figure


def _sentence_of(claims: Sequence[Claim], start: int) -> Claim | None:
    for c in claims:
        if c.start <= start < c.end:
            return c
    return None


def _place_qualifiers(text: str, q: Quantity, sentence: Claim | None) -> frozenset[str]:
    if sentence is None:
        return frozenset()
    tail = text[q.end : min(sentence.end, q.end + 60)]
    return frozenset(
        m.group(1).lower().removeprefix("the ") for m in _PLACE_QUALIFIER.finditer(tail)
    )


def find_conflicts(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    claims_by_article: dict[str, list[Claim]],
    keys: dict[str, str],
) -> list[dict[str, Any]]:
    """Incompatible figures for the same measured thing across independent articles."""
    by_id = {a.id: a for a in articles}
    items = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None or a.duplicate_of:
            continue
        for q in ex.quantities:
            dim = _unit_dimension(q)
            if dim is None or q.value <= 0:
                continue
            if dim[0] == "count" and q.value < 10 and _FATES.get(q.predicate or "") is None:
                continue  # "two leaders", "three sides": not figures anyone disputes
            if dim[0] == "time" and (
                _WINDOW_BEFORE.search(a.text[max(0, q.start - 40) : q.start])
                or _WINDOW_AFTER.match(a.text[q.end : q.end + 20])
            ):
                continue
            sent = _sentence_of(claims_by_article.get(a.id, []), q.start)
            if _recalls_the_past(ex, sent, a.published_date):
                continue  # "In December 2003, a quake razed Bam": another, older event
            if sent is not None and _POSSIBILITY.search(sent.text):
                continue  # "A magnitude 6 quake can cause severe damage": no reported fact
            if _MODEL_SIZE.match(q.text) and q.measures and q.measures.split()[-1][:1].isupper():
                continue  # "the 16-inch MacBook Pro": a product's model, not a figure
            if sent is not None and any(
                o is not q
                and sent.start <= o.start < sent.end
                and (d := _unit_dimension(o)) is not None
                and d[0] == dim[0]
                and (dim[0] != "count" or o.value >= 10 or _FATES.get(o.predicate or ""))
                for o in ex.quantities
            ):
                # Several figures of one kind in a sentence ("46 percent to 40 percent",
                # "Clinton 42 percent, Trump 34 percent"): which measures what is not
                # something a figure's neighbouring words tell reliably.
                continue
            items.append((a, q, dim, sent, _place_qualifiers(a.text, q, sent), _owner(ex, q, sent)))
    by_article: dict[str, list[tuple[Quantity, tuple[str, float]]]] = defaultdict(list)
    for a, q, dim, *_ in items:
        by_article[a.id].append((q, dim))

    def also_states(article_id: str, q: Quantity, dim: tuple[str, float]) -> bool:
        """The article gives ``q``'s figure for the same thing too (up to rounding)."""
        lo, hi = _interval(q, dim[1])
        return any(
            d[0] == dim[0]
            and _same_measured_thing(o, q)
            and _same_fate(o, q)
            and lo <= o.value * d[1] <= hi
            for o, d in by_article[article_id]
        )

    found = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a1, q1, d1, s1, p1, o1 = items[i]
            a2, q2, d2, s2, p2, o2 = items[j]
            if keys[a1.id] == keys[a2.id] or d1[0] != d2[0]:
                continue
            if o1 and o2 and o1 != o2:
                continue  # Trump's crowd of 230 and Rubio's of 1,000: two people's figures
            if not _same_measured_thing(q1, q2) or not _same_fate(q1, q2):
                continue
            if (p1 or p2) and p1 != p2:
                continue  # "troops in Belarus" is not "troops near the border"
            if s1 and s2 and s1.dates and s2.dates and not (s1.dates & s2.dates):
                continue  # dated to different days: different events
            named_both = bool(s1 and s2 and s1.entities and s2.entities)
            shared_name = bool(named_both and s1.entities & s2.entities)  # type: ignore[union-attr]
            if named_both and not shared_name:
                continue  # about different people, places or bodies: different facts
            lo1, hi1 = _interval(q1, d1[1])
            lo2, hi2 = _interval(q2, d2[1])
            if lo1 <= hi2 and lo2 <= hi1:
                continue  # compatible ranges: no conflict
            if also_states(a1.id, q2, d2) or also_states(a2.id, q1, d1):
                continue  # one outlet gives both figures: two things, not a disagreement
            day1, day2 = by_id[a1.id].published_date, by_id[a2.id].published_date
            kind = "change" if day1 and day2 and day1 != day2 else "conflict"
            if kind == "change" and not shared_name:
                # A figure that moved between days is a figure of one named thing: "Russia
                # massed 100,000 troops" ... "150,000", not "2,383 delegates needed" on one
                # day and "1,237 delegates needed by Trump" on another.
                continue
            ratio = max(q1.value * d1[1], q2.value * d2[1]) / max(
                1e-9, min(q1.value * d1[1], q2.value * d2[1])
            )
            confidence = (
                0.5
                + (
                    0.2
                    if _stem(_head(q1.measures) or "") == _stem(_head(q2.measures) or "")
                    else 0.1
                )
                + min(0.2, 0.05 * math.log2(ratio))
            )
            if shared_name:
                confidence += 0.1
            subject = _subject(q1, q2, d1[0])
            found.append(
                {
                    "subject": subject,
                    "kind": kind,
                    "confidence": round(min(confidence, 1.0), 3),
                    "claims": [_claim_json(a, q, s) for a, q, s in ((a1, q1, s1), (a2, q2, s2))],
                }
            )
    found.sort(key=lambda c: (c["kind"] != "conflict", -c["confidence"]))
    # Copies of one sentence in several articles make the same disagreement again.
    seen: set[frozenset[tuple[str, str]]] = set()
    unique = []
    for c in found:
        key = frozenset((x["value"], x["text"]) for x in c["claims"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def find_figure_conflicts(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, list[Claim]],
    keys: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Conflicts and changes between figure claims aligned by the trained figure models."""
    from newsprism.compare.figures import align_figures, figures_of, pair_json

    figures = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None or a.duplicate_of:
            continue
        sentences = [(c.start, c.end) for c in claims_by_article.get(a.id, [])]
        figures.extend(figures_of(a, ex, sentences)[0])
    found = [pair_json(p) for p in align_figures(figures, keys) if p.kind in ("conflict", "change")]
    found.sort(key=lambda c: (c["kind"] != "conflict", -c["confidence"]))
    seen: set[frozenset[tuple[str, str]]] = set()
    unique = []
    for c in found:
        key = frozenset((x["value"], x["text"]) for x in c["claims"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


# "16-inch", "5.9-magnitude": a figure written as one hyphenated adjective.
_MODEL_SIZE = re.compile(r"^[\d.,]+-[^\W\d]")
# A figure under a modal of possibility is no reported fact ("could rise to 100").
_POSSIBILITY = re.compile(r"\b(?:can|could|may|might)\b")


def _recalls_the_past(ex: Extraction, sent: Claim | None, published: date | None) -> bool:
    """The sentence is dated, and every date in it ended ``BACKGROUND_DAYS`` or more
    before the article: it recalls an earlier event ("In December 2003, a quake razed
    Bam"), whose figures are not the story's."""
    if sent is None or published is None:
        return False
    ends = [
        _period_end(d.value.split("T")[0])
        for d in ex.dates
        if sent.start <= d.start < sent.end and d.type in ("DATE", "TIME")
    ]
    cutoff = published - timedelta(days=BACKGROUND_DAYS)
    return bool(ends) and all(end is not None and end < cutoff for end in ends)


def _owner(ex: Extraction, q: Quantity, sent: Claim | None) -> str | None:
    """The person a figure belongs to: the last one its sentence names before it.

    "Trump is taking questions ... in front of a crowd of about 230" → Trump. None when
    the sentence names nobody before the figure.
    """
    if sent is None:
        return None
    before = [
        e for e in ex.entities if e.label == "PERSON" and sent.start <= e.start and e.end <= q.start
    ]
    return max(before, key=lambda e: e.start).canonical if before else None


def _subject(q1: Quantity, q2: Quantity, dimension: str) -> str:
    thing = min((m for m in (q1.measures, q2.measures) if m), key=len, default="figure")
    if dimension == "time":
        return f"duration of the {thing}"
    if dimension == "count":
        fate = _FATE_WORDS.get(_FATES.get(q1.predicate or "", ""), "")
        return f"number of {thing}{' ' + fate if fate else ''}"
    word = _dimension_word(q1.unit or "")
    if word is None:
        return f"{thing} ({q1.unit})"
    proper = thing.split()[-1][:1].isupper()
    return f"{word} for {thing}" if proper else f"{word} of the {thing}"


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
}


def _claim_json(article: Article, q: Quantity, sentence: Claim | None) -> dict[str, Any]:
    value = f"{q.approx + ' ' if q.approx else ''}{q.text}".strip()
    start, end = (sentence.start, sentence.end) if sentence else (q.start, q.end)
    return {
        "value": value,
        "text": article.text[start:end],
        "article": article.id,
        "start": start,
        "end": end,
        "quantity_start": q.start,
        "quantity_end": q.end,
    }


# --------------------------------------------------------------------------- quotes


_PRONOUNS = frozenset("he she they it we i you".split())
_SPEAKER_STOP = frozenset("the a an of office".split())


def _speaker_words(speaker: str | None) -> frozenset[str]:
    """The words naming a quote's speaker (none for a pronoun or no speaker)."""
    if not speaker or speaker.lower() in _PRONOUNS:
        return frozenset()
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", speaker.lower()))
    return frozenset(w for w in words if w not in _SPEAKER_STOP)


def _capitalised(text: str) -> set[str]:
    """Content tokens of the capitalised words of ``text`` past its first word: names."""
    caps = re.findall(r"(?<=\s)[A-Z][\w’'-]*", text)
    return set(_content_tokens(" ".join(caps)))


def group_quotes(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> list[dict[str, Any]]:
    """Group the renderings of one statement by different outlets (translations, paraphrases)."""
    quotes: list[Quote] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is not None and not a.duplicate_of:
            quotes.extend(q for q in ex.quotes if len(_WORD.findall(q.text)) >= 4)
    if not quotes:
        return []
    matrix = _tfidf([q.text for q in quotes])
    sims = (matrix @ matrix.T).toarray() if matrix is not None else np.eye(len(quotes))
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def speaker_key(q: Quote) -> str:
        return (q.speaker or "").lower().removeprefix("the ")

    # A short fragment ("the terrorist attacks in Orlando") looks like many statements; it
    # joins another speaker's quote only when both name the same speaker, else it would
    # chain two people's different statements into one group.
    short = [len(_WORD.findall(q.text)) < config.quote_fragment_words for q in quotes]
    names = [_speaker_words(q.speaker) for q in quotes]
    # Speaker words are no evidence of one statement: "Sanders" in two of his quotes.
    words = [set(_content_tokens(q.text)) - names[i] for i, q in enumerate(quotes)]
    # Nor, between two speakers, are the story's names: "Qeshm", "Bandar Abbas" are in
    # every quote of a quake story.
    plain = [w - _capitalised(q.text) for w, q in zip(words, quotes, strict=True)]

    def shares_substance(i: int, j: int, bags: list[set[str]] = words) -> bool:
        """Two renderings of one statement share several content words, not one or two
        ("the end game" / "wanted it to end")."""
        both = bags[i] & bags[j]
        shorter = min(len(bags[i]), len(bags[j])) or 1
        return len(both) >= config.quote_shared_words and len(both) / shorter >= 0.3

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            qi, qj = quotes[i], quotes[j]
            if keys[qi.article_id] == keys[qj.article_id]:
                continue
            s = sims[i, j]
            same_speaker = speaker_key(qi) and speaker_key(qi) == speaker_key(qj)
            if (short[i] or short[j]) and not (same_speaker or names[i] & names[j]):
                continue
            # "Clinton" and "Hillary Clinton" are one speaker: names count as words then.
            bags = words if names[i] & names[j] else plain
            if (
                s >= config.quote_same_threshold and (same_speaker or shares_substance(i, j, bags))
            ) or (same_speaker and s >= config.quote_speaker_threshold and shares_substance(i, j)):
                parent[find(i)] = find(j)
    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
    out = []
    for members in groups.values():
        speakers = Counter(
            q.speaker for q in members if q.speaker and q.speaker.lower() not in _PRONOUNS
        )
        speaker = speakers.most_common(1)[0][0] if speakers else (members[0].speaker or None)
        representative = max(members, key=lambda q: len(q.text))
        out.append(
            {
                "speaker": speaker,
                "text": representative.text,
                "kind": representative.kind,
                "articles": list(dict.fromkeys(q.article_id for q in members)),
                "variants": [
                    {
                        "article": q.article_id,
                        "text": q.text,
                        "speaker": q.speaker,
                        "cue": q.cue,
                        "kind": q.kind,
                        "start": q.start,
                        "end": q.end,
                    }
                    for q in members
                ],
            }
        )
    out.sort(key=lambda g: (-len({keys[a] for a in g["articles"]}), -len(g["text"])))
    return out


# --------------------------------------------------------------------------- framing


def _log_odds_z(
    y_i: Counter[str], y_j: Counter[str], prior: Counter[str], term: str, alpha0: float = 10.0
) -> float:
    """Weighted log-odds ratio of ``term`` between two corpora, informative Dirichlet prior."""
    total_prior = sum(prior.values()) or 1
    a_w = alpha0 * prior[term] / total_prior + 0.01
    n_i, n_j = sum(y_i.values()), sum(y_j.values())
    a0 = alpha0 + 0.01 * len(prior)
    d = math.log((y_i[term] + a_w) / (n_i + a0 - y_i[term] - a_w)) - math.log(
        (y_j[term] + a_w) / (n_j + a0 - y_j[term] - a_w)
    )
    var = 1.0 / (y_i[term] + a_w) + 1.0 / (y_j[term] + a_w)
    return d / math.sqrt(var)


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it is above ``limit``."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b, score_cutoff=limit))


# Contractions written without their apostrophe: a scraper stripped them from this text.
_STRIPPED_APOSTROPHES = re.compile(
    r"\b(?:dont|wont|cant|didnt|doesnt|isnt|wasnt|arent|thats|"
    r"hasnt|havent|couldnt|wouldnt|shouldnt|Its|Lets)\b"
)
_PROPER = re.compile(r"(?<![\w'’-])[A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*\b")


def find_framing(
    articles: Sequence[Article],
    groups: Sequence[ClaimGroup],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
    story: Sequence[Article] | None = None,
) -> list[dict[str, Any]]:
    """Terms each outlet chose for one referent, learned from the articles themselves.

    ``articles`` are the evidence (a story's whole thread); with ``story`` (the story's own
    articles) only the referents the story's articles name, by either term, are returned:
    the rest of the thread's framing belongs to its other stories.
    """
    originals = [a for a in articles if not a.duplicate_of]
    # Every story of a thread frames over the same thread articles: what depends only on
    # them is computed once per thread (#7). An original's source key is its outlet (or its
    # id), whatever the other articles, so it is part of the thread's articles too. One
    # object per thread, so that the per-thread caches find it by identity.
    corpus = _interned(_Corpus(tuple(originals), tuple(keys[a.id] for a in originals)))
    own = [a.text for a in story if not a.duplicate_of] if story is not None else None
    own_runs = {w for x in own for w in _RUN.findall(x)} if own is not None else set()
    candidates: dict[tuple[str, str], str] = dict(_spelling_candidates(corpus))
    # Substitutions between aligned claims: the words two outlets chose for the same slot.
    subs: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        for x in range(len(g.claims)):
            for y in range(x + 1, len(g.claims)):
                for pair in _substitutions(g.claims[x].text, g.claims[y].text):
                    subs[pair].add(gi)
    for pair, where in subs.items():
        if len(where) >= config.framing_min_count and pair not in candidates:
            candidates[pair] = "substitution"
    out = []
    for (a, b), how in candidates.items():
        if own is not None and not any(
            _runs(t) <= own_runs and any(_uses(t, x) for x in own)  # the cheap test first
            for t in (a, b)
        ):
            continue
        found = _framing_pair(a, b, corpus)
        if found is None:
            continue
        referent, terms, score, counts = found
        out.append(
            {
                "referent": referent,
                "terms": {t: list(ids) for t, ids in terms.items()},
                "kind": how,
                "score": score,
                # Uses per article (ids, like every other reference in stories.json).
                "counts": {t: dict(c) for t, c in counts.items()},
            }
        )
    out = _merge_variants(out)
    out.sort(key=lambda f: -f["score"])
    return out


def _merge_variants(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per referent: pairs of one kind that share a term are one set of variants
    (Hormozgan/Hormuzgan and Hormozgan/Hormouzgan: three spellings of one province)."""
    merged: list[dict[str, Any]] = []
    for f in sorted(found, key=lambda f: -f["score"]):
        into = next(
            (m for m in merged if m["kind"] == f["kind"] and set(m["terms"]) & set(f["terms"])),
            None,
        )
        if into is None:
            merged.append({**f, "terms": dict(f["terms"]), "counts": dict(f["counts"])})
            continue
        for term, ids in f["terms"].items():
            into["terms"].setdefault(term, ids)
            into["counts"].setdefault(term, f["counts"].get(term, {}))
    for m in merged:  # several variants: the referent is the term most used
        if len(m["terms"]) > 2:
            m["referent"] = max(m["counts"], key=lambda t: (sum(m["counts"][t].values()), t))
    return merged


class _Corpus:
    """A thread's original articles and their source keys, hashed once by ids and texts.

    It also answers, once per term, which articles use a term and how often (``uses``),
    looking only at the articles that have every word of the term.
    """

    __slots__ = ("articles", "outlets", "_ids", "_hash", "_postings", "_counts")

    def __init__(self, articles: tuple[Article, ...], outlets: tuple[str, ...]) -> None:
        self.articles = articles
        self.outlets = outlets
        # Texts too: a caller may pass an edited article under the same id. (A string
        # caches its hash, and equal strings are usually the same object: both are cheap.)
        self._ids = tuple((a.id, a.text) for a in articles) + outlets
        self._hash = hash(self._ids)
        self._postings: dict[str, list[int]] | None = None
        self._counts: dict[str, dict[str, int]] = {}

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Corpus) and self._ids == other._ids

    def uses(self, term: str) -> dict[str, int]:
        """{article id: uses of ``term``} for the articles using it, in article order."""
        found = self._counts.get(term)
        if found is None:
            if self._postings is None:
                self._postings = defaultdict(list)
                for i, a in enumerate(self.articles):
                    for w in set(_RUN.findall(a.text)):
                        self._postings[w].append(i)
            # Every word run of the term is a whole word run of the text where the term
            # is used (the pattern's edges are not word characters): the articles with
            # all of them are the only ones worth matching.
            rows = [set(self._postings.get(w, ())) for w in _runs(term)]
            found = {}
            for i in sorted(set.intersection(*rows)) if rows else range(len(self.articles)):
                a = self.articles[i]
                if n := _uses_count(term, a.text):
                    found[a.id] = n
            self._counts[term] = found
        return found


_RUN = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def _runs(term: str) -> frozenset[str]:
    """The word runs of a term (each is a whole word run of a text that uses the term)."""
    return frozenset(_RUN.findall(term))


@functools.lru_cache(maxsize=16)
def _interned(corpus: _Corpus) -> _Corpus:
    """The first ``_Corpus`` equal to ``corpus`` still cached: one object per thread."""
    return corpus


@functools.lru_cache(maxsize=8192)
def _framing_pair(
    a: str, b: str, corpus: _Corpus
) -> tuple[str, dict[str, list[str]], float, dict[str, dict[str, int]]] | None:
    """Referent, terms, score and counts of two forms used by complementary sources, or None."""
    outlet_of = {x.id: k for x, k in zip(corpus.articles, corpus.outlets, strict=True)}
    uses_a, uses_b = corpus.uses(a), corpus.uses(b)
    sources_a = {outlet_of[i] for i in uses_a}
    sources_b = {outlet_of[i] for i in uses_b}
    if not sources_a or not sources_b:
        return None
    only_a, only_b = sources_a - sources_b, sources_b - sources_a
    # Complementary use: most sources use one form and not the other. A typo or an
    # inflection ("Micron" beside "Macron" in one outlet) is used side by side instead.
    if not only_a or not only_b or len(sources_a & sources_b) > min(len(only_a), len(only_b)):
        return None
    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    for i, n in uses_a.items():
        count_a[outlet_of[i]] += n
    for i, n in uses_b.items():
        count_b[outlet_of[i]] += n
    y_i = Counter({a: sum(count_a[s] for s in only_a), b: sum(count_b[s] for s in only_a)})
    y_j = Counter({a: sum(count_a[s] for s in only_b), b: sum(count_b[s] for s in only_b)})
    z = _log_odds_z(y_i, y_j, y_i + y_j, a)
    terms = {a: sorted(uses_a), b: sorted(uses_b)}
    referent = max((a, b), key=lambda t: sum((count_a if t == a else count_b).values()))
    counts = {a: dict(uses_a), b: dict(uses_b)}
    return referent, terms, round(abs(z), 3), counts


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_COMMON_SHARE = 0.2  # lower-case uses per capitalised use that make a form a common word
_SHARED_CONTEXT = 0.1  # share of two lone names' context words they must have in common


@functools.lru_cache(maxsize=64)
def _spelling_candidates(corpus: _Corpus) -> tuple[tuple[tuple[str, str], str], ...]:
    """Pairs of proper-noun forms that are spelling variants of one name, in these articles."""
    originals = corpus.articles
    forms: dict[str, int] = Counter()  # proper-noun form → uses
    for a in originals:
        for m in _PROPER.finditer(a.text):
            w = m.group(0).replace("’", "'")
            w = w[:-2] if w.endswith("'s") else w
            forms[w] += 1
    # A word these articles also write in lower case is a common word capitalised at a
    # sentence start or inside a name ("Police", "Policy"), not a name of its own.
    lower = {w.lower(): 0 for w in forms}
    for a in originals:
        for m in _LOWER_WORD.finditer(a.text):
            if m.group(0) in lower:
                lower[m.group(0)] += 1
    candidates: dict[tuple[str, str], str] = {}
    eligible = {w for w in forms if lower[w.lower()] < max(1.0, _COMMON_SHARE * forms[w])}
    # Names of four letters or more, in order of first use (the output does not depend on
    # set order); not common words or titles ("Minister", "Sen").
    pool = [w for w in forms if len(w) >= 4 and w in eligible]
    by_initial: dict[str, list[str]] = defaultdict(list)
    for w in pool:
        by_initial[w[0].lower()].append(w)
    contexts, names = _contexts(originals, forms)
    beside: dict[str, set[str]] = defaultdict(set)  # name -> the names it stands beside
    for w in pool:
        for n in names.get(w, ()):
            beside[n].add(w)
    eligible_names = {side + w for w in eligible for side in "<>"}
    for words in by_initial.values():
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if a.lower() == b.lower() or abs(len(a) - len(b)) > 2:
                    continue
                shorter, longer = sorted((a, b), key=len)
                extended = len(longer) > len(shorter) and longer.startswith(shorter)
                if extended and not (len(longer) == len(shorter) + 1 and longer[-1] == shorter[-1]):
                    # A name and a word made from it ("Russia"/"Russian", "America"/
                    # "Americans"); a doubled last letter is a spelling (Donbas/Donbass).
                    continue
                if forms[a] + forms[b] < 3:
                    continue
                dist = _edit_distance(a.lower(), b.lower())
                if dist > 2:
                    continue
                ctx_a, ctx_b = contexts[a], contexts[b]
                shared = len(ctx_a & ctx_b)
                names_a, names_b = names[a] & eligible_names, names[b] & eligible_names
                # A name beside both that stands beside few others ("Gillibrand", not
                # "Trump" or "Moore", which many first names precede).
                same_name = {n for n in names_a & names_b if len(beside[n]) <= 2}
                # Each with other names beside it, none of them the same: two people or
                # places (Tom Carper / Jimmy Carter, Ivana / Ivanka Trump).
                apart = bool(names_a and names_b) and not same_name
                # Only the ending differs: a word made from the other (Zionism/Zionist,
                # Olympia/Olympic) or another surname (Jeffers/Jeffery); not Defence/Defense.
                ending = a[-1] != b[-1] and len(os.path.commonprefix([a, b])) >= len(longer) - 2
                alike = (
                    (extended and len(shorter) >= 6)  # Donbas/Donbass, not Bret/Brett
                    or (
                        not ending
                        and (
                            (shared >= 2 and shared >= _SHARED_CONTEXT * len(ctx_a | ctx_b))
                            or (dist == 1 and len(shorter) >= 7)
                        )
                    )
                )
                # One name spelled two ways: the same name beside it on the same side
                # (Sergei/Sergey Lavrov, Volodymyr Zelensky/Zelenskyy), the same word with
                # or without accents (Elysee/Elysée), or, unless apart, a doubled last
                # letter, the same words around it (Kiev/Kyiv) or one letter apart in a
                # long name (Belarus/Belorus).
                if same_name or _unaccented(a) == _unaccented(b) or (alike and not apart):
                    candidates[tuple(sorted((a, b)))] = "spelling"  # type: ignore[index]
    return tuple(candidates.items())


def _substitutions(text_a: str, text_b: str) -> Iterable[tuple[str, str]]:
    """Short phrases two renderings of one fact put in the same slot ("separatists"/"rebels")."""
    ta, tb = text_a.split(), text_b.split()
    strip = ".,;:\"“”'’()"
    sm = SequenceMatcher(
        a=[t.lower().strip(strip) for t in ta],
        b=[t.lower().strip(strip) for t in tb],
        autojunk=False,
    )
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace" or not (1 <= i2 - i1 <= 3 and 1 <= j2 - j1 <= 3):
            continue
        pa, pb = " ".join(ta[i1:i2]).strip(strip), " ".join(tb[j1:j2]).strip(strip)
        if not pa or not pb or pa.lower() == pb.lower() or any(ch.isdigit() for ch in pa + pb):
            continue
        # Both sides must name something: content words, not function words or inflections.
        if not _content_tokens(pa) or not _content_tokens(pb):
            continue
        if _content_tokens(pa) == _content_tokens(pb):
            continue
        if pa.split()[0].lower() in _STOP or pb.split()[0].lower() in _STOP:
            continue
        yield tuple(sorted((pa, pb)))  # type: ignore[misc]


def _contexts(
    articles: Sequence[Article], forms: Mapping[str, object]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Content words within three words of each proper-noun form, and the capitalised
    words right beside it (the other parts of a name, a title), marked with their side:
    "<Volodymyr", ">Lavrov"."""
    ctx: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        words = _WORD.findall(a.text)
        for i, w in enumerate(words):
            w = w.replace("’", "'")
            w = w[:-2] if w.endswith("'s") else w
            if w in forms:
                ctx[w].update(
                    _stem(x)
                    for x in words[max(0, i - 3) : i] + words[i + 1 : i + 4]
                    if x.lower() not in _STOP and not x[0].isdigit() and x[0].islower()
                )
                for side, near in (("<", words[max(0, i - 1) : i]), (">", words[i + 1 : i + 2])):
                    for x in near:
                        if x[0].isupper() and x.lower() not in _STOP:
                            names[w].add(side + x.replace("’", "'").removesuffix("'s"))
    return ctx, names


def _unaccented(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)
    )


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term).replace("'", "['’]") + r"(?![\w-])")


def _uses(term: str, text: str) -> bool:
    # A match contains the term itself unless it has an apostrophe (either kind matches):
    # the substring test skips the slow look-behind scan of most texts (#7).
    if "'" not in term and term not in text:
        return False
    return _term_pattern(term).search(text) is not None


def _uses_count(term: str, text: str) -> int:
    if "'" not in term and term not in text:
        return 0
    return len(_term_pattern(term).findall(text))


# --------------------------------------------------------------------------- timeline


def build_timeline(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    claims_by_article: dict[str, list[Claim]] | None = None,
) -> list[dict[str, Any]]:
    """The story's dated events, merged across articles, each citing its articles.

    An event's sentence is shown as the claim holding it (``claims_by_article``, from
    :func:`split_claims`; found again when not given), so a sentence split inside a
    quotation shows whole.

    An event that ended more than ``BACKGROUND_DAYS`` before the story's first article
    ("the 2014 Minsk protocol", "last December") is marked ``background``: context the
    outlets recalled, not a development of the story.
    """
    days = [d for a in articles if (d := a.published_date) is not None]
    first = min(days) if days else None
    merged: list[dict[str, Any]] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None:
            continue
        # A sentence split inside a quotation ('"... Get. It. OUT," Noem tweeted Monday')
        # is shown whole, as the claims are.
        if claims_by_article is not None and a.id in claims_by_article:
            passages = [(c.start, c.end) for c in claims_by_article[a.id]]
        else:
            passages = _whole_quotations(a.text, ex.sentences) if ex.sentences else []
        starts = [p for p, _ in passages]
        for ev in ex.events:
            # a time of day ("12:00 UTC Monday": 2009-06-01T12:00Z) dates its day
            when = ev.date.split("T")[0] if ev.date else None
            if not when or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", when):
                continue
            if ev.action in _SPEECH_ACTIONS:
                continue
            k = bisect.bisect_right(starts, ev.start) - 1
            if (
                k >= 0
                and passages[k][0] <= ev.start < passages[k][1]
                and (passages[k][1] - passages[k][0] > ev.end - ev.start)
            ):
                ev = replace(ev, start=passages[k][0], end=passages[k][1],
                             text=a.text[passages[k][0] : passages[k][1]])  # fmt: skip
            text = ev.text.strip()
            toks = set(_content_tokens(text))
            entry = next(
                (
                    e
                    for e in merged
                    if e["date"] == when
                    and (
                        e["action"] == ev.action
                        and (e["actor"] or "").lower() == (ev.actor or "").lower()
                        or _jaccard(toks, e["_tokens"]) >= 0.5
                    )
                ),
                None,
            )
            if entry is None:
                entry = {
                    "date": when,
                    "actor": ev.actor,
                    "action": ev.action,
                    "target": ev.target,
                    "text": text,
                    "articles": [],
                    "citations": [],
                    "_tokens": toks,
                }
                merged.append(entry)
            if a.id not in entry["articles"]:
                entry["articles"].append(a.id)
                entry["citations"].append({"article": a.id, "start": ev.start, "end": ev.end})
            if len(text) < len(entry["text"]):
                entry["text"] = text
    for e in merged:
        del e["_tokens"]
        end = _period_end(e["date"])
        e["background"] = bool(first and end and end < first - timedelta(days=BACKGROUND_DAYS))
    return sorted(merged, key=lambda e: (e["date"], -len(e["articles"])))


BACKGROUND_DAYS = 30


def _period_end(value: str) -> date | None:
    """Last day of an ISO date, month or year ("2014" -> 2014-12-31)."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, calendar.monthrange(y, m)[1])
        return date.fromisoformat(value)
    except ValueError:
        return None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


# --------------------------------------------------------------------------- summary


def summarize(
    groups: Sequence[ClaimGroup],
    conflicts: Sequence[dict[str, Any]],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> list[dict[str, Any]]:
    """An extractive summary: consensus first, then what is disputed; every sentence cited."""

    def support(g: ClaimGroup) -> int:
        return len({keys[c.article_id] for c in g.claims})

    ranked = sorted(
        (g for g in groups if len(_WORD.findall(g.claims[0].text)) >= 6),
        key=lambda g: (-support(g), min(c.position for c in g.claims)),
    )
    chosen: list[dict[str, Any]] = []
    chosen_tokens: list[set[str]] = []
    budget = config.summary_sentences - min(
        len([c for c in conflicts if c["kind"] == "conflict"]), 2
    )
    for g in ranked:
        if len(chosen) >= budget:
            break
        rep = g.representative()
        if not 8 <= len(_WORD.findall(rep.text)) <= 50 or not stands_alone(rep.text):
            continue
        if rep.text.rstrip(" \"'”’)").endswith("?"):
            continue  # a question reports nothing ("Remember New Jersey's epic quest ...?")
        # Cite the articles whose own sentence carries the representative's fact (#5).
        members = g.supporting(rep, config.align_threshold)
        toks = set(_content_tokens(rep.text))
        if any(len(toks & t) / max(1, len(toks | t)) > 0.4 for t in chosen_tokens):
            continue  # redundant with a sentence already chosen (MMR-style)
        chosen_tokens.append(toks)
        chosen.append(
            {
                "text": rep.text,
                "articles": list(dict.fromkeys(c.article_id for c in members)),
                "support": len({keys[c.article_id] for c in members}),
                "citations": [
                    {"article": c.article_id, "start": c.start, "end": c.end} for c in members
                ],
            }
        )
    for conflict in [c for c in conflicts if c["kind"] == "conflict"][:2]:
        c1, c2 = conflict["claims"]
        chosen.append(
            {
                "text": f"Reports differ on the {conflict['subject']}: "
                f"{c1['value']} in one account, "
                f"{c2['value']} in another.",
                "articles": [c1["article"], c2["article"]],
                "support": 0,
                "disputed": True,
                "citations": [
                    {"article": c["article"], "start": c["start"], "end": c["end"]}
                    for c in (c1, c2)
                ],
            }
        )
    return chosen


# --------------------------------------------------------------------------- story


def clear_caches() -> None:
    """Drop the per-thread caches of framing (each holds its thread's articles)."""
    _interned.cache_clear()
    _framing_pair.cache_clear()
    _spelling_candidates.cache_clear()


def compare_story(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    *,
    framing_articles: Sequence[Article] | None = None,
    config: CompareConfig = DEFAULT_COMPARE,
    claims: Mapping[str, list[Claim]] | None = None,
) -> dict[str, Any]:
    """Compare the articles of one story; return the comparison parts of its stories.json object.

    ``framing_articles`` (e.g. the story's whole thread) widens the evidence for framing,
    whose word choices show best over more text than one story has. ``claims`` are the
    :func:`split_claims` of (some of) the articles when they were computed elsewhere
    (in parallel, #7); the others are split here.
    """
    keys = independence_keys(
        list(articles) + [a for a in framing_articles or [] if a.id not in {x.id for x in articles}]
    )
    given = claims or {}
    claims_by_article = {
        a.id: list(given[a.id]) if a.id in given else split_claims(a, extractions.get(a.id))
        for a in articles
    }
    claims = [
        c
        for a in articles
        if not a.duplicate_of
        for c in claims_by_article[a.id]
        if len(_WORD.findall(c.text)) >= config.min_claim_words
    ]
    groups = align_claims(claims, keys, config=config)
    sources = {keys[a.id] for a in articles}
    multi = [g for g in groups if len({keys[c.article_id] for c in g.claims}) >= 2]
    agreements = [
        {
            "text": g.representative().text,
            "articles": g.articles,
            "outlets": len({keys[c.article_id] for c in g.claims}),
            "citations": [
                {"article": c.article_id, "start": c.start, "end": c.end} for c in g.claims
            ],
        }
        for g in sorted(multi, key=lambda g: (-len(g.claims), min(c.position for c in g.claims)))
    ]
    omissions, exclusives = [], []
    originals = [a for a in articles if not a.duplicate_of]
    for g in groups:
        carried = {keys[c.article_id] for c in g.claims}
        if (
            len(carried) >= 2
            and len(carried) >= config.omission_share * len(sources)
            and len(carried) < len(sources)
        ):
            missing = [a.id for a in originals if keys[a.id] not in carried]
            omissions.append(
                {"text": g.representative().text, "articles": g.articles, "missing_from": missing}
            )
        elif len(carried) == 1 and len(sources) >= 2:
            c = g.claims[0]
            exclusives.append(
                {
                    "text": c.text,
                    "articles": [c.article_id],
                    "citations": [{"article": c.article_id, "start": c.start, "end": c.end}],
                    "position": c.position,
                }
            )
    exclusives.sort(key=lambda e: e.pop("position"))
    if config.conflicts == "model":
        conflicts = find_figure_conflicts(articles, extractions, claims_by_article, keys)
    else:
        conflicts = find_conflicts(articles, extractions, claims_by_article, keys)
    framing = find_framing(
        framing_articles or articles, groups, keys, config=config, story=articles
    )
    return {
        "timeline": build_timeline(articles, extractions, claims_by_article),
        "quotes": group_quotes(articles, extractions, keys, config=config),
        "agreements": agreements,
        "conflicts": conflicts,
        "omissions": omissions,
        "exclusives": exclusives,
        "framing": framing,
        "summary": summarize(groups, conflicts, keys, config=config),
        "coverage": {
            "facts": [
                {"text": g.representative().text, "articles": g.articles}
                for g in sorted(multi, key=lambda g: -len(g.claims))
            ]
        },
    }
