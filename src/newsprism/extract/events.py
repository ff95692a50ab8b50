"""Who did what to whom, and when: event records for reported actions.

Each verb from a lexicon of newsworthy actions (calls, meetings, visits, statements,
accusations, proposals, agreements, warnings, attacks, withdrawals, ...) yields an
:class:`~newsprism.model.Event` with its actor (the subject, or the agent of a passive),
its target (the object, or the object of "with"/"to"/"on"), and the TimeML value of a
date mentioned in the verb's own clause (not in a clause it reports or governs). Names
are resolved as for quote speakers: pronouns and role descriptions become the person's
name. The parser runs only on sentences with such a verb (shared with the quote pass).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsprism.model import Article, DateMention, Entity, Event

from ._nlp import Sentence, ensure_doc, has_verb_form, parsed_sentences
from .entities import extract_entities
from .quotes import (
    _ALL_MARKS,
    SPEECH_VERBS,
    _child,
    _Context,
    _resolve_speaker,
    _subject,
    find_quote_marks,
)

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
# Prepositions that introduce the other party ("spoke with X", "talked to X").
_TARGET_PREPS = ("with", "to", "on", "against", "from", "into")
# Sub-clauses whose dates belong to their own events, not the governing verb's.
_OWN_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "relcl", "parataxis", "csubj", "acl"})


def _needs_parse(sent: Span) -> bool:
    if any(tok.text in _ALL_MARKS for tok in sent):
        return True
    return has_verb_form(sent, EVENT_VERBS)


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


_MEETING_VERBS = frozenset(
    {"meet", "speak", "talk", "call", "phone", "dial", "discuss", "negotiate"}
)


class _Memory:
    """The previous event, for 'they' ("Biden met Scholz. They threatened Russia")."""

    def __init__(self) -> None:
        self.sent = -10
        self.parties: str | None = None


def _name_of(
    ctx: _Context,
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
    return _resolve_speaker(ctx, sent, tok, si).name


_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _target(tok: Token) -> Token | None:
    obj = _child(tok, ("dobj", "dative"))
    if obj is not None and obj.ent_type_ not in _NOT_PARTIES:
        return obj
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            pobj = _child(c, ("pobj",))
            if pobj is not None and pobj.ent_type_ not in _NOT_PARTIES:
                return pobj
    return None


def _names(
    ctx: _Context,
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
    ctx = _Context(text, sorted(entities, key=lambda e: e.start), marks)
    sentences = parsed_sentences(doc, _needs_parse)
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
            if tok.pos_ != "VERB" or lemma not in EVENT_VERBS:
                continue
            if tok.dep_ in {"amod", "compound"} or ctx.inside_quote(sent.start(tok)):
                continue
            subj = _subject(tok, lambda t, s=sent: ctx.inside_quote(s.start(t)))
            target_tok = _target(tok)
            actor: str | None = None
            if subj is not None and subj.dep_ == "nsubjpass":
                # "Kyiv was attacked by X": the agent acts, the subject undergoes.
                agent = _child(tok, ("agent",))
                by = _child(agent, ("pobj",)) if agent is not None else None
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
            if inside:
                when = min(inside, key=lambda d: abs(d.start - verb_at)).value
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
