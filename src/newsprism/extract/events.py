"""Who did what to whom, and when: event records for reported actions.

Each verb from a lexicon of newsworthy actions (calls, meetings, visits, statements,
accusations, proposals, agreements, warnings, attacks, withdrawals, ...) yields an
:class:`~newsprism.model.Event` with its actor (the subject, or the agent of a passive),
its target (the object, or the object of "with"/"to"/"on"), and the TimeML value of a
date mentioned in the verb's own clause (not in a clause it reports or governs). Any other
verb with a date in its own clause is an event too ("GM filed for bankruptcy on Monday"),
so a timeline holds whatever its story is about. Names are resolved as for quote
speakers: pronouns and role descriptions become the person's name. The parser runs only
on sentences with such a verb or a date (parses are shared with the quote pass).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsprism.model import Article, DateMention, Entity, Event

from .cue_lexicon import SPEECH_VERBS
from .entities import extract_entities
from .quote_marks import ALL_MARKS, find_quote_marks
from .spacy_pass import Sentence, ensure_doc, has_verb_form, parsed_sentences
from .speakers import Context, child, resolve_speaker, subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_events", "EVENT_VERBS"]

ACTION_VERBS = frozenset(
    """call phone dial ring meet visit speak talk discuss hold host accuse propose agree
    warn attack withdraw pull invade shell bomb strike fire launch deploy send mass
    station impose sanction reject deny urge demand blame offer travel fly arrive leave
    return kill wound injure annex extend end begin start resume mediate appeal condemn
    recognize recognise sign order approve pass elect win lose resign arrest release
    vote announce threaten negotiate brief invite receive reach broker cancel postpone
    suspend evacuate mobilize mobilise seize capture occupy retreat escalate
    de-escalate respond reply confirm""".split()
)
EVENT_VERBS = ACTION_VERBS | SPEECH_VERBS
# Outside the lexicon, a sentence's main verb is an event when a date sits in its own
# clause ("GM filed for bankruptcy on Monday", "the quake struck Qeshm on Sunday"), unless
# it only links, wants or expects something.
_NOT_DATED_EVENTS = frozenset(
    """be have do get seem appear remain become stay expect want hope try need intend
    plan continue include know see look feel mean let keep use tend happen exist represent
    feature mark face lack belong contain own involve require""".split()
)
# Prepositions that introduce the other party ("spoke with X", "talked to X").
_TARGET_PREPS = ("with", "to", "on", "against", "from", "into")
# Sub-clauses whose dates belong to their own events, not the governing verb's.
_OWN_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "relcl", "parataxis", "csubj", "acl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A date after these bounds a span the act runs over; it does not date the act.
_SPAN_BOUNDS = frozenset({"since", "until", "till"})
# ... nor does the date of a clause they, "after" or "before" introduce.
_SEQUENCE_MARKS = _SPAN_BOUNDS | {"after", "before"}


def _needs_parse(sent: Span) -> bool:
    if any(tok.text in ALL_MARKS for tok in sent):
        return True
    return has_verb_form(sent, EVENT_VERBS)


def _dated_or_needed(starts: list[int]) -> Callable[[Span], bool]:
    """:func:`_needs_parse`, or the sentence holds a date mention (its start offset)."""

    def needs(sent: Span) -> bool:
        i = bisect.bisect_left(starts, sent.start_char)
        return (i < len(starts) and starts[i] < sent.end_char) or _needs_parse(sent)

    return needs


def _clause_range(tok: Token) -> list[tuple[int, int]]:
    """Token index ranges of ``tok``'s clause, leaving out clauses it governs."""
    excluded = [(c.left_edge.i, c.right_edge.i) for c in tok.children if c.dep_ in _OWN_CLAUSE_DEPS]
    lo, hi = tok.left_edge.i, tok.right_edge.i
    ranges: list[tuple[int, int]] = []
    cur = lo
    for a, b in sorted(excluded):
        if a > cur:
            ranges.append((cur, a - 1))
        cur = max(cur, b + 1)
    if cur <= hi:
        ranges.append((cur, hi))
    return ranges


# "fell 17% compared to 2008": the date is the baseline of a comparison, not the event's.
_BASELINE_RE = re.compile(r"\b(?:compared (?:to|with)|than|versus|vs\.?)\s+(?:\w+\s+of\s+)?$", re.I)


def _date_token(verb: Token, sent: Sentence, start: int) -> Token | None:
    """The token at article offset ``start`` when it hangs from ``verb`` through no clause
    of its own (a noun's conjunct is none): not "offer the deal to GM, which seeks to cut
    jobs by 2012"; None otherwise."""
    tok = next((t for t in verb.subtree if sent.start(t) <= start < sent.end(t)), None)
    cur = tok
    while cur is not None and cur.i != verb.i:
        verbal = cur.dep_ != "conj" or cur.pos_ in {"VERB", "AUX"}
        if (cur.dep_ in _OWN_CLAUSE_DEPS and verbal) or cur.head.i == cur.i:
            return None
        if cur.dep_ == "advcl" and _marked(cur, _SEQUENCE_MARKS | {"than"}):
            # a clause of comparison ("enters a very different primary contest than he
            # faced vs. Hillary Clinton in 2016", NeuS 2200) or one the act comes after or
            # before ("pledged to shut down detention centers, after he introduced a bill
            # last month", PolNeAR November 2015), both checked by hand: its date is what
            # the act is set against, not the act's. A temporal "as" or "when" clause sets
            # the act's time ("As the Senate began reviewing the report on Thursday ...").
            return None
        if cur.dep_ == "pcomp" and any(c.dep_ in _SUBJECT_DEPS for c in cur.children):
            return None  # "with the economy expanding by 4.3 percent in 2022": its own act
        cur = cur.head
    return tok


def _simple_past(verb: Token) -> bool:
    """The verb is in the simple past: "projected", not "have called", "show"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" and not any(a.lemma_ == "have" for a in auxes)


def _nowadays(verb: Token, date: DateMention) -> bool:
    """ "today" with a verb not in a past tense means "nowadays": "Today, that same
    membership costs $25,000", "if you were betting today, you would bet on Rubio", "the
    Democrats are acting today as though they want to lose" (PolNeAR November 2015,
    checked by hand); "said today" dates the saying."""
    if date.text.lower() != "today":
        return False
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return not any(w.tag_ in ("VBD", "VBN") for w in words) or any(w.tag_ == "MD" for w in words)


def _marked(clause: Token, marks: frozenset[str]) -> bool:
    """The clause is introduced by one of ``marks`` ("than", "after", ...)."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


# Nouns a date may modify and still date what happened there or then ("at Saturday's
# debate", "in the 2009 fiscal year").
_SETTING_PREPS = frozenset({"at", "during", "in", "on", "amid", "throughout"})
_TIME_NOUNS = frozenset(
    """year years month months quarter quarters season seasons week weeks day days morning
    afternoon evening night period term session half""".split()
)


def _date_of_verb(verb: Token, sent: Sentence, date: DateMention) -> bool:
    """Whether ``date`` dates what ``verb`` reports: not when it hangs from it through a
    clause of its own ("Alles, whom Trump appointed in April 2017, would be leaving his
    post"), qualifies a noun that is neither a setting of the act nor its subject
    ("replaces the 1991 agreement", "bans political ads ahead of 2020 election", "eyeing
    2024 presidential bid", "into President Trump's 2016 campaign", "A June 3 hearing has
    been scheduled") or bounds a span ("have exited the administration since 2017",
    "suspending visas until December 31, 2020"):
    NeuS 2100-2199's timeline, checked by hand (#16)."""
    start = date.start
    tok = _date_token(verb, sent, start)
    if tok is None:
        return False
    while tok.head.i not in (tok.i, verb.i) and start <= sent.start(tok.head) < date.end:
        tok = tok.head  # the date's own head word ("April" of "April 2017")
    while tok.dep_ == "conj" and tok.head.like_num and tok.head.i != verb.i:
        tok = tok.head  # a date joined to another takes its place: "the 2020 (and 2016) election"
    if tok.head.lower_ in _SPAN_BOUNDS:
        return False  # "since 2017", "suspending visas until December 31, 2020"
    noun = tok.head
    modifies = tok.dep_ in {"compound", "nmod", "nummod", "amod", "poss"}
    if modifies and noun.pos_ in {"NOUN", "PROPN"}:
        if noun.lower_ in _TIME_NOUNS:
            return True  # "in the 2009 fiscal year"
        if noun.dep_ == "nsubj":
            # "Saturday's quake killed 12", "A 2014 estimate projected ...", but not a
            # year with an act in no simple past: "Some 2016 presidential candidates have
            # called for ...", "Last year's FBI statistics show" (PolNeAR November 2015,
            # checked by hand)
            return not _YEAR.match(date.value) or _simple_past(verb)
        # a setting of the act: "clashed at Saturday's debate", not (for a year) "a
        # question on the 2020 Census" (the preposition hangs from a noun)
        setting = noun.dep_ == "pobj" and noun.head.lower_ in _SETTING_PREPS
        return setting and (not _YEAR.match(date.value) or _of_verb(noun.head))
    if (
        _YEAR.match(date.value)
        and tok.dep_ == "pobj"
        and tok.head.pos_ == "ADP"
        and not _of_verb(tok.head)
    ):
        # "a mass shooting in 2015", "Roberts' ruling in the original case in 2012": the
        # date of a noun the act names, not of the act (NeuS 1700s, checked by hand)
        holder = tok.head.head
        return (
            holder.lower_ in _TIME_NOUNS
            or holder.lower_ in _TIME_PARTS
            or holder.dep_ in ("nsubj", "nsubjpass")
        )
    return True


# Only a year is read by where its preposition hangs: the parser hangs a weekday's "on
# Tuesday" on the nearest noun as often as on the verb ("heads to Kenosha, Wisconsin on
# Tuesday"); a year after a noun is that noun's far more often ("a mass shooting in 2015").
_YEAR = re.compile(r"^\d{4}$")
# ... but a part of a year is a time: "at the beginning of the year", "by the end of 2012".
_TIME_PARTS = frozenset("beginning end start middle close course rest turn part".split())


def _of_verb(prep: Token) -> bool:
    """Whether a preposition hangs from a verb (or an adjective of one), not from a noun."""
    return prep.head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}


def _asked_for(tok: Token) -> bool:
    """An act someone is asked, urged or meant to do ("called on Sessions to end a
    probe", "plans to visit"): the infinitive of a verb, not something that happened."""
    return (
        tok.dep_ == "xcomp"
        and tok.head.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _main_verb(tok: Token) -> bool:
    """``tok`` is what its sentence reports as done (the root, or a verb joined to it),
    not negated: "GM filed for bankruptcy on Monday", not "had not expected Putin to make
    any gestures Monday" nor "retake Crimea, which Moscow annexed in 2014"."""
    if tok.dep_ != "ROOT" and not (tok.dep_ == "conj" and tok.head.dep_ == "ROOT"):
        return False
    return not any(c.dep_ == "neg" for c in tok.children)


_MEETING_VERBS = frozenset(
    {"meet", "speak", "talk", "call", "phone", "dial", "discuss", "negotiate"}
)


class _Memory:
    """The previous event, for 'they' ("Biden met Scholz. They threatened Russia")."""

    def __init__(self) -> None:
        self.sent = -10
        self.parties: str | None = None


def _name_of(
    ctx: Context,
    sent: Sentence,
    tok: Token,
    si: int,
    *,
    actor: str | None = None,
    memory: _Memory | None = None,
) -> str | None:
    """Resolved name (entity, pronoun, role) or the noun phrase of ``tok``.

    As a target, "him"/"her" is the last person named before who is not the actor, and
    other object pronouns stay unresolved; "they" as an actor is the pair of the event
    just before ("met", "spoke"), else unresolved.
    """
    low = tok.lower_
    if tok.pos_ == "PRON":
        if memory is not None and low in {"they", "them"}:
            return memory.parties if si - memory.sent <= 1 else None
        if actor is not None or low in {"him", "her", "them", "it", "us", "me", "you"}:
            if low in {"him", "her"}:
                for e in reversed(ctx.entities):
                    if e.end <= sent.start(tok) and e.label == "PERSON" and e.canonical != actor:
                        if ctx.fits(e.canonical, low):
                            return e.canonical
            if low in {"him", "her", "them", "it", "us", "me", "you"}:
                return None
    return resolve_speaker(ctx, sent, tok, si).name


_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _target(tok: Token) -> Token | None:
    obj = child(tok, ("dobj", "dative"))
    if obj is not None and obj.ent_type_ not in _NOT_PARTIES:
        return obj
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            pobj = child(c, ("pobj",))
            if pobj is not None and pobj.ent_type_ not in _NOT_PARTIES:
                return pobj
    return None


def _names(
    ctx: Context,
    sent: Sentence,
    tok: Token,
    si: int,
    *,
    actor: str | None = None,
    memory: _Memory | None = None,
) -> str | None:
    """Name of ``tok``, with its conjuncts: "Vladimir Putin and Emmanuel Macron"."""
    names = [_name_of(ctx, sent, tok, si, actor=actor, memory=memory)]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN", "PRON"}:
            names.append(_name_of(ctx, sent, c, si, actor=actor, memory=memory))
    found = list(dict.fromkeys(n for n in names if n))
    return " and ".join(found) if found else None


def extract_events(
    article: Article,
    doc: Doc | None = None,
    dates: list[DateMention] | None = None,
    entities: list[Entity] | None = None,
) -> list[Event]:
    """Return who-did-what-to-whom-when records for the actions reported in ``article``.

    ``dates`` are the article's date mentions (computed with
    :func:`newsprism.extract.dates.extract_dates` when omitted); ``entities`` as from
    :func:`newsprism.extract.entities.extract_entities`.
    """
    text = article.text
    doc = ensure_doc(text, doc)
    if entities is None:
        entities = extract_entities(article, doc)
    if dates is None:
        from newsprism.extract.dates import extract_dates

        dates = extract_dates(article)
    marks = find_quote_marks(text)
    ctx = Context(text, sorted(entities, key=lambda e: e.start), marks)
    when_starts = sorted(d.start for d in dates if d.type in {"DATE", "TIME"})
    sentences = parsed_sentences(doc, _dated_or_needed(when_starts))
    events: list[Event] = []
    memory = _Memory()
    for si, sent in enumerate(sentences):
        parse = sent.parse
        if parse is None:
            continue
        sent_dates = [
            d
            for d in dates
            if sent.start_char <= d.start < sent.end_char and d.type in {"DATE", "TIME"}
        ]
        for tok in parse:
            lemma = tok.lemma_.lower()
            known = lemma in EVENT_VERBS
            if tok.pos_ != "VERB":
                continue
            if not known and (not sent_dates or not lemma.isalpha() or lemma in _NOT_DATED_EVENTS):
                continue
            if not known and not _main_verb(tok):
                continue
            if tok.dep_ in {"amod", "compound"} or ctx.inside_quote(sent.start(tok)):
                continue
            if _asked_for(tok):
                continue
            subj = subject(tok, ctx.quoted_in(sent))
            target_tok = _target(tok)
            actor: str | None = None
            if subj is not None and subj.dep_ == "nsubjpass":
                # "Kyiv was attacked by X": the agent acts, the subject undergoes.
                agent = child(tok, ("agent",))
                by = child(agent, ("pobj",)) if agent is not None else None
                actor = _name_of(ctx, sent, by, si, memory=memory) if by is not None else None
                target = _name_of(ctx, sent, subj, si, actor=actor or "")
            else:
                actor = _names(ctx, sent, subj, si, memory=memory) if subj is not None else None
                target = (
                    _names(ctx, sent, target_tok, si, actor=actor or "")
                    if target_tok is not None
                    else None
                )
            if actor is None and target is None:
                continue
            when = None
            ranges = [(sent.start(parse[a]), sent.end(parse[b])) for a, b in _clause_range(tok)]
            verb_at = sent.start(tok)
            inside = [
                d
                for d in sent_dates
                if any(a <= d.start < b for a, b in ranges) and not ctx.inside_quote(d.start)
            ]
            inside = [d for d in inside if _date_of_verb(tok, sent, d) and not _nowadays(tok, d)]
            if not known:
                inside = [
                    d
                    for d in inside
                    if not _BASELINE_RE.search(text, max(0, d.start - 40), d.start)
                ]
            if inside:
                when = min(inside, key=lambda d: abs(d.start - verb_at)).value
            elif not known:
                continue
            if lemma in _MEETING_VERBS and actor and target:
                memory.sent, memory.parties = si, f"{actor} and {target}"
            events.append(
                Event(
                    article.id,
                    sent.start_char,
                    sent.end_char,
                    actor,
                    lemma,
                    target,
                    when,
                    text[sent.start_char : sent.end_char].strip(),
                )
            )
    return events
