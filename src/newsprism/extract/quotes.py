"""Direct and reported quotes with their speakers.

The method follows the Gender Gap Tracker's quote extractor and the PARC/PolNeAR
conventions (cue, source, content):

1. *Syntactic quotes*: in each sentence with a verb of saying or thinking (a cue), the
   dependency parse gives the source (the cue's subject, or the object of "according
   to") and the content (the cue's clausal complement, or the quotation next to the
   cue, or the clause "according to" is attached to). The parse runs only on sentences
   with a quotation mark, "according to" or a word that may be a cue (a lexicon verb, or
   a lemma the learned detector of step 4 weighs towards a cue).
2. *Quotation marks*: a scan of the text pairs opening and closing marks of any style
   (straight, curly, single, guillemets, „German“); a paragraph that opens a quotation
   and does not close it continues into the next paragraph that opens with a mark.
   A quotation next to a cue becomes that cue's content, whole.
3. *Floating quotes*: a quotation with no cue of its own takes the speaker of the
   sentence before it when that sentence introduces it ("X said:") or when the previous
   paragraph ended with a quote, else a person named in its sentence, else the speaker of
   its own or the previous sentence; a quotation of six words or more with nobody to
   credit is still a candidate (rule ``unattributed``, no speaker).

4. *Learned cues*: a verb the lexicon lacks ("floated a plan", "hammered her rival") is a
   cue when a logistic model over its parse context (:func:`cue_features`; weights in
   ``data/cue_model.json``, trained on PolNeAR's train split by
   ``tools/train_cue_model.py``) gives it at least the stored threshold; its content is
   its complement, infinitive or object, and its subject the source. The threshold is
   low (a candidate), because step 5 decides.
5. *Verification*: every candidate of the rules above gets features (the rule that found
   it, the cue's lemma, class and detector probability, how the content was reached, the
   words between cue and content, the content's length, first word and marks, the kind of
   speaker; :func:`verify_features`), and a logistic model trained on PolNeAR's train
   candidates by ``tools/train_quote_verifier.py`` (``data/quote_verifier.json``) keeps
   those it scores at least at its stored threshold.

Quotation marks are found by :mod:`newsprism.extract.quote_marks` and speakers resolved to
names by :mod:`newsprism.extract.speakers`. Each rule is a named pass over the article
that records its candidates in one :class:`_Candidates`.
Quotes whose marks a scraper stripped ("Lets not be naive, he said.") are found by their
shape: a clause, a comma, then the speaker and the cue.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsprism.logistic import LogisticModel, load_model
from newsprism.model import Article, Entity, Quote

from .cue_lexicon import LEARNED_CUES, SPEECH_VERBS, STANCE_VERBS, THOUGHT_VERBS
from .entities import extract_entities
from .quote_cues import (
    is_document,
    is_statement,
    reader_features,
    reader_keeps,
    revise_speaker,
    trim_gloss,
)
from .quote_marks import (
    ALL_MARKS,
    CLOSE_MARKS,
    MIN_FLOATING_WORDS,
    OPEN_MARKS,
    QuoteSpan,
    find_quote_marks,
)
from .spacy_pass import (
    Sentence,
    char_to_sentence,
    ensure_doc,
    has_verb_form,
    parsed_sentences,
    verb_lemmas,
)
from .speakers import (
    Context,
    Speaker,
    child,
    dateline,
    dateline_dash,
    first_named,
    inverted_source,
    name_right_before,
    np_text,
    resolve_speaker,
    subject,
    subtree_span,
    trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "CUE_VERBS",
    "SPEECH_VERBS",
    "cue_features",
    "cue_probability",
    "extract_quotes",
    "statement_candidates",
    "quote_candidates",
    "verify_features",
    "verify_probability",
]

STANCE_VERBS = STANCE_VERBS | LEARNED_CUES
CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS | STANCE_VERBS
# Verbs whose infinitive complement is their content ("promised to ...", "wants to ...").
XCOMP_CUES = frozenset(
    """promise vow pledge threaten want hope hop plan refuse decline urge call ask offer
    agree seek intend expect wish decide demand aim press persuade convince remind
    apologize apologise""".split()
)
# Verbs whose direct object is their content ("announced a plan", "denied the report").
DOBJ_CUES = (
    frozenset(
        """announce propose deny confirm predict promise suggest acknowledge admit reveal
    demand criticize criticise praise dismiss reject say write tweet post question
    reiterate repeat estimate disclose show find want see prefer describe""".split()
    )
    | STANCE_VERBS
)
# Prepositions whose object is the content ("talked about X", "called for X", "voted for X").
CONTENT_PREPS = frozenset({"about", "for", "of", "on", "against", "over", "to", "at"})
# Verbs of speaking whose "to"/"at" object is the listener or the venue, not what
# was said ("spoke to reporters", "speaking at Drexel").
_ADDRESSEE_VERBS = frozenset("speak talk say explain write tweet post announce".split())
# Verbs of saying whose content is a clause, found by position when the parse misses it.
_CLAUSE_CUES = frozenset(
    "say tell add write argue claim insist note warn explain state assert contend".split()
)
MIN_UNATTACHED_WORDS = 6


def _has_object(tok: Token, lemma: str) -> bool:
    """A cue whose attached object counts things ("added 266,000 jobs"): it adds them."""
    return any(
        c.dep_ == "dobj"
        and (c.pos_ == "NUM" or any(g.dep_ in ("nummod", "quantmod") for g in c.children))
        for c in tok.children
    )


# Cues that stay quotes of their own inside another statement ("Macron said Putin told
# him ..."); other cues inside a statement are part of it.
_NESTED_CUES = frozenset(
    """say tell add write ask state announce warn claim insist note report confirm deny
    reiterate promise""".split()
)


def _needs_parse(sent: Span) -> bool:
    """A sentence is parsed when it has a quotation mark, "according" or a cue's form.

    Cues are the lexicon's verbs and the words the learned detector weighs towards a cue.
    """
    for tok in sent:
        if tok.lower_ == "according" or tok.text in ALL_MARKS or tok.text[:1] in '“”«»„"':
            return True
    return has_verb_form(sent, _likely_cues())


@functools.lru_cache(maxsize=1)
def _likely_cues() -> frozenset[str]:
    """The lexicon's cue verbs and every lemma the cue model weighs towards a cue."""
    weights = _cue_model().weights
    learned = {k[4:] for k, w in weights.items() if k.startswith("lem=") and w > 0}
    return CUE_VERBS | frozenset(learned)


def cue_features(tok: Token, sent: Sentence, text: str) -> dict[str, float]:
    """Features of a parsed token for the learned cue detector (training uses the same)."""
    f: dict[str, float] = {}
    lem = tok.lemma_.lower()
    f["lem=" + lem] = 1
    f["pos=" + tok.pos_] = 1
    f["tag=" + tok.tag_] = 1
    f["dep=" + tok.dep_] = 1
    f["lexicon"] = int(lem in CUE_VERBS)
    kids = list(tok.children)
    for d in {c.dep_ for c in kids}:
        f["kid=" + d] = 1
        f["lem|kid=" + lem + "|" + d] = 1
    for c in kids:
        if c.dep_ == "prep":
            f["prep=" + c.lower_] = 1
            f["lem|prep=" + lem + "|" + c.lower_] = 1
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        f["nosubj"] = 1
    else:
        f["subj_pos=" + subj.pos_] = 1
        f["subj_dep=" + subj.dep_] = 1
        f["subj_ent=" + (subj.ent_type_ or "none")] = 1
        if subj.pos_ == "PRON":
            f["subj_lower=" + subj.lower_] = 1
    f["head_lem=" + tok.head.lemma_.lower()] = 1
    f["head_dep=" + tok.head.dep_] = 1
    seg = text[sent.start_char : sent.start(tok)]
    f["inquote"] = int((seg.count('"') + seg.count("“") + seg.count("”")) % 2 == 1)
    return f


def _cue_model() -> LogisticModel:
    """The learned cue detector (``tools/train_cue_model.py``)."""
    return load_model("cue_model.json")


def cue_probability(tok: Token, sent: Sentence, text: str) -> float:
    """Probability that ``tok`` is an attribution cue (logistic model, PolNeAR train)."""
    return _cue_model().probability(cue_features(tok, sent, text))


_PRONOUNS = frozenset("he she they it i we you who this that".split())


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "more"


def verify_features(
    q: Quote, rule: str, cue_pos: tuple[int, str] | None, text: str, cue_p: float | None = None
) -> dict[str, float]:
    """Features of one candidate quote for the learned verifier (training uses the same).

    The rule that found it, the cue's lemma, lexicon class and detector probability, the
    words between cue and content, the content's length, first word and quotation marks,
    and the speaker's kind. The verb rules add how the content was reached.
    """
    lemma = cue_pos[1].lower() if cue_pos is not None else "-"
    words = q.text.split()
    first = words[0].strip(OPEN_MARKS + "”’»").lower() if words else ""
    f: dict[str, float] = {
        "rule=" + rule: 1,
        "kind=" + q.kind: 1,
        "rule|kind=" + rule + "|" + q.kind: 1,
        "lem=" + lemma: 1,
        "len=" + _bucket(len(words)): 1,
        "rule|len=" + rule + "|" + _bucket(len(words)): 1,
        "first=" + first: 1,
        "lem|first=" + lemma + "|" + first: 1,
    }
    if cue_p is not None:
        f["cue_p"] = cue_p
        f["cue_p=" + str(min(int(cue_p * 5), 4))] = 1
    if lemma in SPEECH_VERBS:
        f["class=speech"] = 1
    elif lemma in THOUGHT_VERBS:
        f["class=thought"] = 1
    elif lemma in STANCE_VERBS:
        f["class=stance"] = 1
    if q.text[:1] in OPEN_MARKS:
        f["opens_mark"] = 1
    if q.text[-1:] in "\"”’»'":
        f["closes_mark"] = 1
    if q.text.isupper():
        f["upper"] = 1
    if any(c.isdigit() for c in q.text):
        f["digits"] = 1
    if cue_pos is not None and q.cue:
        cue_end = cue_pos[0] + len(q.cue)
        if cue_end <= q.start:
            gap = text[cue_end : q.start].lower().split()
            f["gap=" + " ".join(gap[:2])] = 1
            f["lem|gap=" + lemma + "|" + " ".join(gap[:2])] = 1
            if len(gap) > 2:
                f["gap_far"] = 1
        else:
            f["cue_after"] = 1
    if q.speaker is None:
        f["spk=none"] = 1
    elif q.speaker_start is None:
        f["spk=inherited"] = 1
    else:
        said = text[q.speaker_start : q.speaker_end].lower()
        f["spk=pronoun" if said in _PRONOUNS else "spk=phrase"] = 1
        if q.speaker_start >= q.end:
            f["spk_after"] = 1
    return f


def _verify_model() -> LogisticModel:
    """The learned quote verifier (``tools/train_quote_verifier.py``)."""
    return load_model("quote_verifier.json")


def verify_probability(features: dict[str, float]) -> float:
    """Probability that a candidate quote is an attribution (logistic model, PolNeAR train)."""
    return _verify_model().probability(features)


# Auxiliaries that report nobody's words: "Further discussions are to be held ...".
_NEVER_CUES = frozenset({"be", "have", "do"})

_NOUN_CONTENT_PREPS = frozenset({"of", "for", "about", "on", "over", "against", "to"})


def _nearer_noun(noun: Token, clause: Token) -> bool:
    """Whether ``clause`` opens right after another noun of ``noun``'s prepositional
    phrase: a content clause belongs to the noun it follows ("lifted people's hopes with
    the news that their vaccine was ... effective": the news, not the hopes, says it), as
    the parser itself attaches it when it does not reach over ("his claim in an interview
    that ..."), unless that noun holds it ("warnings from his attorney that ...")."""
    before = clause.left_edge.i - 1
    if before <= noun.i or clause.i < noun.i or clause.left_edge.lower_ not in {"that", "whether"}:
        return False
    prev = clause.doc[before]
    return prev.pos_ == "NOUN" and any(
        # not its holder: "warnings from his attorney that the showdown was fruitless"
        a.dep_ == "prep" and a.head.i == noun.i and a.lower_ not in {"from", "by"}
        for a in prev.ancestors
    )


# A noun cue under these prepositions is the subject's own ("persisted in arguments
# that", "entered the debate with an argument that"); under others it is someone else's
# ("took offense at suggestions that", "Despite complaints that he is ...").
_HOLDER_PREPS = frozenset({"in", "with"})
_BY = frozenset({"from", "by"})
# Verbs whose object is something wished for, not something said.
_DESIRE = frozenset({"want", "seek", "demand", "need", "request", "require", "expect"})


def _noun_cue(found: _Candidates, sent: Sentence, tok: Token, si: int) -> None:
    """A noun the learned detector takes for a cue: "Trump's claim that ...", "her plan to ...".

    The content is the noun's clause ("that ...", "to ..."), else the object of its
    preposition ("her criticism of the deal"); the source is its possessor, else the subject
    of the verb it is the object of ("Clinton laid out her proposals").
    """
    ctx = found.ctx
    content = child(tok, ("acl", "ccomp"))
    via = "clause"
    if content is not None and _nearer_noun(tok, content):
        return  # "people's hopes with the news that ...": the news has the clause
    if content is None or content.i < tok.i:
        # "her criticism of the plan", "his support for the bill": the preposition's object.
        prep = next(
            (c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS), None
        )
        content = child(prep, ("pobj", "pcomp")) if prep is not None else None
        via = "prep"
        if content is not None and (
            content.ent_type_ in {"DATE", "TIME"}
            or (content.pos_ in {"PROPN", "PRON"} and content.n_lefts == 0)
            or (content.head.lower_ == "to" and content.ent_type_ in {"ORG", "GPE", "PERSON"})
        ):
            return  # "the call on Sunday", "a call to the Kremlin": when or whom, not what
    if content is None:
        return
    prob = cue_probability(tok, sent, ctx.text)
    if prob < _cue_model().threshold:
        return
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _DESIRE:
        return  # "The Kremlin wants guarantees from the West that ...": none given yet
    holder = child(tok, ("poss",))
    if holder is None:
        # "warnings from his attorney that ...", "claims by the campaign that ..."
        agent = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _BY), None)
        holder = child(agent, ("pobj",)) if agent is not None else None
    context = {"via=noun-" + via: 1.0}
    if holder is None and tok.dep_ in {"dobj", "pobj"}:
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        holder = child(verb, ("nsubj",))
        # The reader's bar: the subject of the verb the noun is the object of holds it
        # only when the verb delivers it ("made the argument that", not "have a decent
        # counter-argument that", the writer's).
        if not (tok.dep_ == "pobj" and tok.head.lower_ in _HOLDER_PREPS):
            context["bar=holder-of=" + verb.lemma_.lower()] = 1.0
    if _modal(tok):
        context["bar=modal"] = 1.0
    if holder is None:
        return
    start, end = _content_span(sent, content)
    spk = resolve_speaker(ctx, sent, holder, si)
    kind = "direct" if _is_direct(ctx, start, end, False, False) else "indirect"
    found.add(start, end, spk, kind, si, "noun", cue=tok.text,
              cue_at=(sent.start(tok), tok.lemma_), prob=prob, context=context)  # fmt: skip


def _quote_for(marks: list[QuoteSpan], start: int, end: int) -> QuoteSpan | None:
    for q in marks:
        if q.start < end and start < q.end:
            return q
    return None


def _adjacent_quote(
    ctx: Context, sent: Sentence, cue: Token, subj: Token | None
) -> QuoteSpan | None:
    """A quotation right after the cue ('said: “…”') or right before the source ('“…,” X said')."""
    text = ctx.text
    cue_end = sent.end(cue)
    cue_start = sent.start(cue)
    first = cue_start
    if subj is not None:
        first = min(first, sent.start(subj.left_edge))
    for q in ctx.marks:
        if q.words < 2:
            continue
        gap_after = text[cue_end : q.start]
        if 0 <= q.start - cue_end <= 8 and re.fullmatch(r"[ \t]*:\s*", gap_after):
            return q  # "X responded:" and the quotation in the next paragraph
        if 0 <= q.start - cue_end <= 60 and re.fullmatch(
            r"[\s,:;—–-]*(?:\w+[\s,:]*){0,6}", gap_after
        ):
            # Between cue and quote only short material ("told CNN:", "said in a statement,").
            if not any(m in gap_after for m in '“”"«»\n'):
                return q
        gap_before = text[q.end : first]
        if 0 <= first - q.end <= 4 and re.fullmatch(r"[ \t,:;—–-]*", gap_before):
            # '“… at last.” The feature drew criticism.': a quotation closing its own
            # sentence is not the content of a verb other than one of saying after it.
            if text[max(q.start, q.end - 3) : q.end].rstrip(CLOSE_MARKS).endswith(".") and (
                cue.lemma_.lower() not in SPEECH_VERBS
            ):
                continue
            return q
    return None


def _named_source_before(
    ctx: Context, sent: Sentence, cue: Token
) -> tuple[QuoteSpan, Speaker] | None:
    """A quotation, a short title and a name right before the cue, when the parse gave none.

    '“…,” Tulsa police Chief Chuck Jordan said Monday.' (the parser took "Tulsa" for a verb).
    """
    text = ctx.text
    name = name_right_before(ctx, sent.start(cue))
    if name is None or name.start is None:
        return None
    for q in ctx.marks:
        if q.words < 2 or not 0 <= name.start - q.end <= 40:
            continue
        if re.fullmatch(r"[ \t,]*(?:[\w.’'-]+[ \t]+){0,4}", text[q.end : name.start]):
            return q, name
    return None


def _verb_tagged_noun(tok: Token) -> str | None:
    """The cue lemma of a "noun" with a subject and a clause ("Trump claims that he ...").

    The subject may be parsed as a compound of the "noun" ("Trump/compound claims/ROOT
    that ..."), see :func:`_compound_subject`; a complement "to ..." counts for the verbs
    that take one ("The campaign plans to employ ...").
    """
    if tok.pos_ != "NOUN":
        return None
    if child(tok, ("nsubj",)) is None and _compound_subject(tok) is None:
        return None
    if child(tok, ("ccomp",)) is not None:
        lemmas = sorted(verb_lemmas(tok.text) & (SPEECH_VERBS | THOUGHT_VERBS))
    elif tok.tag_ == "NNS" and (xc := child(tok, ("xcomp",))) is not None and xc.i > tok.i:
        lemmas = sorted(verb_lemmas(tok.text) & XCOMP_CUES)
    else:
        return None
    return lemmas[0] if lemmas else None


def _compound_subject(tok: Token) -> Token | None:
    """A name or pronoun the parser made a compound of a sentence's root "noun" cue."""
    if tok.dep_ != "ROOT" or tok.tag_ != "NNS" or tok.i == 0:
        return None
    prev = tok.nbor(-1)
    if prev.head.i == tok.i and prev.dep_ == "compound" and prev.pos_ in {"PROPN", "PRON"}:
        return prev
    return None


def _noun_tagged_cue(ctx: Context, sent: Sentence, tok: Token) -> bool:
    """'“…,” Viguerie notes.': a cue the tagger took for a plural noun after a name."""
    if tok.i == 0 or tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    prev = tok.nbor(-1)
    if prev.pos_ not in {"PROPN", "PRON"}:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.is_punct


def _colon_quote(ctx: Context, sent: Sentence, tok: Token) -> bool:
    """Any verb right before a colon and a quotation introduces it ("Trump boomed: “…”")."""
    end = sent.end(tok)
    m = re.match(r"[ \t]*:\s*", ctx.text[end : end + 8])
    if m is None:
        return False
    at = end + m.end()
    return any(q.start == at and q.words >= 2 for q in ctx.marks)


_BLOCK_AFTER_COLON = re.compile(r"[ \t]*:[ \t]*\n\s*")


def _colon_block(ctx: Context, sent: Sentence, tok: Token) -> tuple[int, int] | None:
    """The paragraph a verb of saying ending its line with a colon introduces.

    'Limbaugh added:' then, as the next paragraph, his words without quotation marks (a
    block quotation). A paragraph opening with a quotation mark is left to the marks.
    """
    end = sent.end(tok)
    m = _BLOCK_AFTER_COLON.match(ctx.text, end)
    if m is None or m.end() >= len(ctx.text) or ctx.text[m.end()] in OPEN_MARKS:
        return None
    start = m.end()
    stop = ctx.text.find("\n", start)
    stop = len(ctx.text) if stop < 0 else stop
    body = ctx.text[start:stop].rstrip()
    if len(body.split()) < 4:
        return None
    return start, start + len(body)


def _content_prep(tok: Token) -> Token | None:
    """Object of the first content preposition after the cue ("talked about X")."""
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS:
            if c.lower_ in {"to", "at"} and tok.lemma_.lower() in _ADDRESSEE_VERBS:
                continue
            obj = child(c, ("pobj", "pcomp"))
            if obj is not None:
                return obj
    return None


def _content_span(sent: Sentence, tok: Token) -> tuple[int, int]:
    lo, hi = subtree_span(tok)
    doc = tok.doc
    if lo < tok.i:
        lo = min(_past_dateline(doc[lo]).i, tok.i)
    return sent.start(doc[lo]), sent.end(doc[hi])


def _past_dateline(tok: Token) -> Token:
    """The first token after the dateline ``tok`` opens, else ``tok``: "WASHINGTON
    (Reuters) - U.S. intelligence has concluded that ...": the parser hangs the dateline
    on the clause; it is the agency's, not the source's words."""
    return tok.doc[dateline_dash(tok) + 1] if dateline(tok) else tok


def _is_direct(
    ctx: Context, start: int, end: int, no_marks_in_article: bool, left_of_cue: bool
) -> bool:
    text = ctx.text
    inside = 0
    for q in ctx.marks:
        a, b = max(q.start, start), min(q.end, end)
        if b > a:
            inside += b - a
    if end > start and inside / (end - start) >= 0.5:
        return True
    if left_of_cue and no_marks_in_article:
        return True
    # First- or second-person words outside any marks: a quotation without its marks.
    if left_of_cue and re.search(r"\b(?:I|we|We|our|Our|us|my|My|you|You)\b", text[start:end]):
        return True
    return False


def extract_quotes(
    article: Article,
    doc: Doc | None = None,
    entities: list[Entity] | None = None,
    *,
    statements_only: bool = True,
) -> list[Quote]:
    """Return the direct and reported quotes of ``article`` with speakers and offsets.

    ``doc`` is the spaCy doc of ``article.text`` (made with the parser off, or on) and
    ``entities`` the result of :func:`extract_entities`; both are computed when omitted.
    The rules' candidates (:func:`quote_candidates`) are kept when the learned verifier
    (:func:`verify_probability`) gives them at least its stored threshold. With
    ``statements_only`` (the default) the reader's bar of :mod:`.quote_cues` applies too:
    reported quotes need a clausal complement, and speakers are revised; without it the
    result is PolNeAR's notion of attribution (stances and actions included).
    """
    doc = ensure_doc(article.text, doc)
    if entities is None:
        entities = extract_entities(article, doc)
    if not statements_only:
        threshold = _verify_model().threshold
        cands = quote_candidates(article, doc, entities)
        return [q for q, feats in cands if verify_probability(feats) >= threshold]
    # The reader's gate was trained on judged reported quotes only: direct ones pass.
    return [
        q
        for q, gate in statement_candidates(article, doc, entities)
        if q.kind != "indirect" or reader_keeps(gate)
    ]


def statement_candidates(
    article: Article, doc: Doc, entities: list[Entity]
) -> Iterator[tuple[Quote, dict[str, float]]]:
    """The quotes the verifier keeps that pass the reader's bar, with their speakers
    revised, each with the reader's gate's features (:func:`.quote_cues.reader_features`;
    ``tools/train_reader_gate.py`` trains the gate on them)."""
    threshold = _verify_model().threshold
    for q, feats in quote_candidates(article, doc, entities, control=True):
        if verify_probability(feats) < threshold or not is_statement(q, feats):
            continue
        revised = revise_speaker(q, feats, article.text, entities)
        if revised is not None:
            gate = reader_features(q, revised, feats, article.text, entities)
            yield trim_gloss(revised), gate


@dataclass
class _Candidate:
    """One quote a rule found, with what the verifier weighs besides the quote itself."""

    quote: Quote
    rule: str  # the rule that found it
    cue_at: tuple[int, str] | None = None  # the cue's offset and lemma
    cue_p: float | None = None  # the cue detector's probability
    context: dict[str, float] = field(default_factory=dict)  # the cue's parse context

    def features(self, text: str) -> dict[str, float]:
        """The verifier's features (:func:`verify_features` and the parse context)."""
        return verify_features(self.quote, self.rule, self.cue_at, text, self.cue_p) | self.context


class _Candidates:
    """The candidates of one article, in the order the passes find them.

    Every pass reads the article through :attr:`ctx` and :attr:`sentences` and records
    its finds with :meth:`add`, which also tells the speaker resolver who spoke last.
    """

    def __init__(self, article: Article, ctx: Context, sentences: list[Sentence]) -> None:
        self.article_id = article.id
        self.text = article.text
        self.ctx = ctx
        self.sentences = sentences
        # No quotation mark anywhere: an article whose scraper stripped them.
        self.no_marks = not any(c in self.text for c in '"“”«»„')
        self.found: list[_Candidate] = []
        self.covered: list[tuple[int, int]] = []  # the content spans found so far

    def add(
        self,
        start: int,
        end: int,
        spk: Speaker,
        kind: str,
        sent_index: int,
        rule: str,
        *,
        cue: str | None = None,
        cue_at: tuple[int, str] | None = None,
        prob: float | None = None,
        context: dict[str, float] | None = None,
    ) -> None:
        """Record the quote ``[start, end)`` (trimmed) unless it is empty or already found."""
        text = self.text
        start, end = trim(text, start, end)
        if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
            return
        if (start, end) in self.covered:
            return
        quote = Quote(
            self.article_id, start, end, text[start:end], spk.name, cue, kind, spk.start, spk.end
        )
        self.found.append(_Candidate(quote, rule, cue_at, prob, context or {}))
        self.covered.append((start, end))
        if spk.name is not None and (cue_at is None or cue_at[1] in SPEECH_VERBS):
            # Stances ("X attacked her record") do not make X the one who speaks next.
            self.ctx.last_speaker.append((sent_index, spk))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a content found so far."""
        return any(a < end and start < b for a, b in self.covered)

    def result(self) -> list[tuple[Quote, dict[str, float]]]:
        """The candidates in text order, nested stances and contained duplicates dropped."""
        found = self.found
        # A stance or agreement reported inside someone's statement ("the Kremlin said the
        # leaders agreed to ...") is part of that statement, not a quote of its own.
        nested = {
            id(c)
            for c in found
            if c.cue_at is not None
            and c.cue_at[1] not in _NESTED_CUES
            and any(o is not c and o.quote.start <= c.cue_at[0] < o.quote.end for o in found)
        }
        kept = [c for c in found if id(c) not in nested]
        kept.sort(key=lambda c: (c.quote.start, c.quote.end))
        return [(c.quote, c.features(self.text)) for c in _dedupe(kept)]


def quote_candidates(
    article: Article,
    doc: Doc | None = None,
    entities: list[Entity] | None = None,
    *,
    control: bool = False,
) -> list[tuple[Quote, dict[str, float]]]:
    """Every quote the rules find, with the verifier's features (see :func:`extract_quotes`).

    The passes run in this order, each seeing what the ones before found: the rules of the
    parse, token by token (:func:`_token_rules`), then the colon lines, dash signatures,
    inverted openers ('Said Ellis: “…”') and floating quotations.
    """
    text = article.text
    doc = ensure_doc(text, doc)
    if entities is None:
        entities = extract_entities(article, doc)
    ctx = Context(text, sorted(entities, key=lambda e: e.start), find_quote_marks(text))
    ctx.control = control
    found = _Candidates(article, ctx, parsed_sentences(doc, _needs_parse))
    for si, sent in enumerate(found.sentences):
        if sent.parse is not None:
            _token_rules(found, sent, si)
    _colon_lines(found)
    _dash_signatures(found)
    _inverted_openers(found)
    _floating(found)
    return found.result()


def _token_rules(found: _Candidates, sent: Sentence, si: int) -> None:
    """The parse rules, token by token: "according to", nouns as cues, verbs as cues."""
    ctx = found.ctx
    parse = sent.parse
    assert parse is not None
    for tok in parse:
        if tok.lower_ == "according" and tok.i + 1 < len(parse) and parse[tok.i + 1].lower_ == "to":
            _according(found, sent, tok, si)
            continue
        as_verb = _verb_tagged_noun(tok)
        if as_verb is None:
            if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and _noun_tagged_cue(ctx, sent, tok):
                _noun_marks(found, sent, tok, si)
                continue
            if tok.pos_ == "NOUN" and not ctx.inside_quote(sent.start(tok)):
                _noun_cue(found, sent, tok, si)
                continue
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
        _verb_cue(found, sent, tok, si, as_verb)


def _noun_marks(found: _Candidates, sent: Sentence, tok: Token, si: int) -> None:
    """'“…,” Viguerie notes.': the quotation before a name and a cue tagged as a noun."""
    parse = sent.parse
    assert parse is not None
    prev = parse[tok.i - 1]
    before = [m for m in found.ctx.marks if 0 <= sent.start(prev) - m.end <= 3 and m.words >= 2]
    if before:
        spk = resolve_speaker(found.ctx, sent, prev, si)
        before[0].used = True
        found.add(before[0].start, before[0].end, spk, "direct", si, "noun-marks",
                  cue=tok.text, cue_at=(sent.start(tok), tok.lemma_))  # fmt: skip


@dataclass
class _Cue:
    """A verb (or a verb the tagger took for a noun) that the verb rule takes for a cue."""

    sent: Sentence
    tok: Token
    si: int
    lemma: str
    learned: bool  # a cue the lexicon lacks, found by the learned detector
    prob: float | None  # the cue detector's probability, computed once

    @property
    def at(self) -> tuple[int, str]:
        return self.sent.start(self.tok), self.lemma


def _verb_cue(found: _Candidates, sent: Sentence, tok: Token, si: int, as_verb: str | None) -> None:
    """The verb rule: a cue's source (its subject) and content (complement, quotation, ...)."""
    ctx, text = found.ctx, found.text
    # "Trump claims that ...": a verb the tagger took for a noun has its verb lemma.
    lemma = as_verb if as_verb is not None else tok.lemma_.lower()
    learned = False
    prob: float | None = None
    if lemma not in CUE_VERBS and not _colon_quote(ctx, sent, tok):
        if lemma in _NEVER_CUES:
            return
        prob = cue_probability(tok, sent, text)
        if prob < _cue_model().threshold:
            return
        learned = True
    if tok.dep_ in {"amod", "compound"}:
        return
    if ctx.inside_quote(sent.start(tok)):
        return  # a cue inside a quotation belongs to the quoted speaker's words
    cue = _Cue(sent, tok, si, lemma, learned, prob)
    go, subj = _cue_subject(found, cue, as_verb is not None)
    if not go:
        return
    if _aside(found, cue, subj):
        return
    comp = _left_complement_check(found, cue, subj)
    if subj is None and lemma in SPEECH_VERBS:
        signed = _named_source_before(ctx, sent, tok)
        if signed is not None:
            # '“…,” Tulsa police Chief Chuck Jordan said': the parse lost the subject.
            quote, spk = signed
            quote.used = True
            found.add(quote.start, quote.end, spk, "direct", si, "verb", cue=tok.text,
                      cue_at=cue.at)  # fmt: skip
            return
    relative = _relative_content(found, cue, comp) if comp is not None else None
    content = (*relative, False, "ccomp") if relative else _verb_content(found, cue, subj, comp)
    if content is None:
        return
    start, end, left, via = content
    spk, cut_start, cut_end = _verb_speaker(found, cue, subj, start, end)
    if not relative:
        start, end = cut_start, cut_end  # the noun's clause keeps its source inside
    q = _quote_for(ctx.marks, start, end)
    if q is not None:
        q.used = True
    # An article without quotation marks may have lost them: a person's words before the
    # cue are his; what an outlet or agency reported is its paraphrase ("U.S. intelligence
    # has concluded that ..., the New York Times reported").
    unmarked = found.no_marks and spk.is_person
    kind = "direct" if _is_direct(ctx, start, end, unmarked, left) else "indirect"
    if via == "block":
        kind = "direct"  # a block quotation: his words, set off as a paragraph
    context = {
        "via=" + via: 1.0,
        "lem|via=" + lemma + "|" + via: 1.0,
        "cue_dep=" + tok.dep_: 1.0,
        "cue_tag=" + tok.tag_: 1.0,
        "subj=" + (subj.pos_ + "|" + (subj.ent_type_ or "-") if subj is not None else "none"): 1.0,
    } | _bar_flags(tok)
    if subj is not None and subj.pos_ == "NOUN" and is_document(subj.text):
        context["bar=document"] = 1.0  # "a 2014 study by Harvard ... found that"
    if relative:
        context["relative"] = 1.0  # kept inside a stance's object (:func:`_dedupe`)
    prob = cue.prob if cue.prob is not None else cue_probability(tok, sent, text)
    found.add(start, end, spk, kind, si, "learned" if learned else "verb", cue=tok.text,
              cue_at=cue.at, prob=prob, context=context)  # fmt: skip


def _bar_flags(tok: Token) -> dict[str, float]:
    """Facts of the parse the reader's bar needs (:func:`.quote_cues.is_statement`); the
    verifier has no weights for them. A naming verb's predicate ("called the charges
    unsubstantiated") makes a statement; a negated cue ("CNN didn't report that", "she has
    never said"), a reduced passive ("Christie said when asked whether ...", whose asker
    is not named) and a motive ("..., fearing that") report none of the subject (#19)."""
    flags = {}
    if _modal(tok):
        flags["bar=modal"] = 1.0  # "might decide they made a big difference"
    if child(tok, ("oprd",)) is not None:
        flags["bar=predicate"] = 1.0  # "called the charges unsubstantiated"
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        flags["bar=negated"] = 1.0
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in tok.children):
        # "Asked by Starnes if he believed the situation was ...": a question put to him,
        # or a condition ("if he says that ..."), not something said (holdout10)
        flags["bar=question"] = 1.0
    if (
        tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and child(tok, ("nsubj", "nsubjpass", "aux", "auxpass")) is None
    ):
        flags["bar=reduced-passive"] = 1.0
    if (
        tok.tag_ == "VBG"
        and tok.dep_ == "advcl"
        and tok.lemma_.lower() in THOUGHT_VERBS
        and tok.head.lemma_.lower() not in SPEECH_VERBS
    ):
        # "are rushing to build a defense system ..., fearing that the party could lose":
        # the writer's account of why they act, not something they said (holdout7)
        flags["bar=motive"] = 1.0
    return flags


_MODALS = frozenset({"could", "might", "may"})


def _modal(tok: Token) -> bool:
    """Whether a cue, or the verb whose complement or object it is, is under "could",
    "might" or "may": a possibility the writer raises, not a statement made ("might
    decide they made a big difference", "could fuel Trump's concern that")."""
    for cur in (tok, tok.head if tok.dep_ in {"xcomp", "dobj", "pobj"} else None):
        if cur is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in cur.children):
            return True
    # "The 'market accident' would see big stock price declines as investors decide
    # profits can't hold up" (holdout8): a cue in an "as" clause of a hypothetical
    mark = child(tok, ("mark",))
    return (
        tok.dep_ == "advcl"
        and mark is not None
        and mark.lower_ == "as"
        and any(c.dep_ == "aux" and c.lower_ in _MODALS | {"would"} for c in tok.head.children)
    )


def _cue_subject(found: _Candidates, cue: _Cue, tagged_noun: bool) -> tuple[bool, Token | None]:
    """Whether the verb rule goes on with the cue, and the cue's subject (None if it has none).

    A passive cue with its own subject is handled here (:func:`_passive`): the rule stops.
    """
    ctx, sent, tok, lemma = found.ctx, cue.sent, cue.tok, cue.lemma
    subj = subject(tok, ctx.quoted_in(sent), control=ctx.control)
    if subj is None and tagged_noun:
        subj = _compound_subject(tok)
    if subj is not None and subj.i < tok.i and ctx.inside_quote(sent.start(subj)):
        # '“… Full panic mode,” said Leslie Wimes, …': the parser took a word of
        # the quotation for the subject; the source is the name after the cue.
        subj = inverted_source(tok)
    if subj is not None and subj.dep_ == "nsubjpass":
        if child(tok, ("ccomp",)) is None and subj.head.i == tok.i:
            if cue.prob is None:
                cue.prob = cue_probability(tok, sent, found.text)
            _passive(found, cue, subj)
            return False, None
        if lemma in THOUGHT_VERBS:
            return False, None  # "is expected to": no attribution to the subject
        if subj.head.i == tok.i or lemma not in SPEECH_VERBS:
            subj = None
        # else the subject of a passive clause the cue depends on says it: "After
        # saying her foot was swollen, she was whisked off", "He is determined to
        # warn ..."
    if subj is None and (cue.learned or lemma in STANCE_VERBS - SPEECH_VERBS):
        return False, None  # "ready to discuss ways": a stance needs a holder
    if found.no_marks and subj is not None and subj.lower_ in {"i", "we"}:
        return False, None  # first person outside marks: inside a quotation whose marks were lost
    return True, subj


def _aside(found: _Candidates, cue: _Cue, subj: Token | None) -> bool:
    """'As Politico reported, the meeting ...', '..., he said, ...': the main clause is
    the content of a cue set in it. Whether a quote was added."""
    tok, lemma, sent = cue.tok, cue.lemma, cue.sent
    mark = child(tok, ("mark",))
    if not (
        (
            (mark is not None and mark.lower_ == "as" and tok.dep_ == "advcl")
            # "But to prevent problems, he said, officials should be vigilant."
            or (tok.dep_ == "parataxis" and lemma in SPEECH_VERBS)
        )
        and subj is not None
        and child(tok, ("ccomp", "dobj")) is None
        and tok.head.i != tok.i
    ):
        return False
    head = tok.head
    lo, hi = head.left_edge.i, head.right_edge.i
    left_side = (lo, tok.left_edge.i - 1)
    right_side = (tok.right_edge.i + 1, hi)
    side = max(left_side, right_side, key=lambda r: r[1] - r[0])
    parse = sent.parse
    assert parse is not None
    other = right_side if side == left_side else left_side
    if parse[side[0]].dep_ == "mark" and other[1] - other[0] >= 3:
        # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the main
        # clause, not the subordinate one (#19).
        side = other
    if side[1] - side[0] < 3:
        return False
    if (
        (side == right_side or (head.i > tok.i and mark is None))
        and left_side[1] >= left_side[0]
        and right_side[1] >= right_side[0]
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in head.children)
        and parse[left_side[0]].dep_ != "mark"
    ):
        # "Many of the closures, he said, have involved ...": the clause's subject stands
        # before the aside, so the content is the whole clause, aside and all (#19), also
        # when the subject is the longer side ("But the years that followed, he said,
        # brought a fundamental shift", holdout12)
        side = (left_side[0], right_side[1])
    spk = resolve_speaker(found.ctx, sent, subj, cue.si)
    a, b = sent.start(parse[side[0]]), sent.end(parse[side[1]])
    if mark is not None and side == left_side:
        # "Still, the fact that the race “is a dead heat right now,” as Cruz said on ...":
        # he said the quoted words, not the writer's sentence around them (holdout8)
        aside_at = sent.start(tok.left_edge)
        for q in found.ctx.marks:
            if a <= q.start and q.end <= aside_at and not found.text[q.end : aside_at].strip(" ,"):
                a, b = q.start, q.end
                break
    kind = "direct" if _is_direct(found.ctx, a, b, found.no_marks, False) else "indirect"
    found.add(a, b, spk, kind, cue.si, "aside", cue=tok.text, cue_at=cue.at)
    return True


def _left_complement_check(found: _Candidates, cue: _Cue, subj: Token | None) -> Token | None:
    """The cue's clausal complement, the one after the cue first.

    ("If X happens, critics worry that ..."). A complement on the left is the "X, he said"
    shape: only for verbs of saying, and not across a semicolon ("A urged X; B has sought Y").
    """
    tok, sent = cue.tok, cue.sent
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
    if comp is not None and comp.right_edge.i < tok.i:
        gap_start = sent.end(comp.right_edge)
        gap_end = sent.start(subj.left_edge if subj is not None and subj.i < tok.i else tok)
        if cue.lemma not in SPEECH_VERBS or ";" in found.text[gap_start:gap_end]:
            comp = None
    return comp


def _verb_content(
    found: _Candidates, cue: _Cue, subj: Token | None, comp: Token | None
) -> tuple[int, int, bool, str] | None:
    """The content of a verb cue: start, end, whether left of the cue, and how it was found.

    The clausal complement (with the quotation it cuts into), else a block quotation after a
    colon, else the adjacent quotation, else an object (:func:`_object_content`).
    """
    ctx, sent, tok, lemma, learned = found.ctx, cue.sent, cue.tok, cue.lemma, cue.learned
    quote = _adjacent_quote(ctx, sent, tok, subj)
    if (learned or lemma in THOUGHT_VERBS | STANCE_VERBS) and comp is None and quote is None:
        if not learned and not (
            (lemma in XCOMP_CUES and child(tok, ("xcomp",)) is not None)
            or (lemma in DOBJ_CUES and child(tok, ("dobj", "prep")) is not None)
        ):
            return None
    if comp is not None:
        start, end = _content_span(sent, comp)
        ob = child(tok, ("dobj",))
        if (
            ob is not None
            and ob.i < comp.i
            and ob.i > tok.i
            and ob.pos_ == "NOUN"
            and child(comp, ("nsubj", "nsubjpass", "expl", "csubj")) is None
        ):
            # "promised her entire program would be paid for ...": the parser made the
            # clause's subject the cue's object; it belongs to what was said (#19).
            start = _content_span(sent, ob)[0]
        left = end <= sent.start(tok)
        q = _quote_for(ctx.marks, start, end)
        if q is not None and (q.start < start or q.end > end) and q.words >= 2:
            if q.start >= start - 2 or q.end - q.start > (end - start) * 0.5:
                start, end = min(start, q.start), max(end, q.end)
                q.used = True
        # "said, adding: “…”" keeps the quotation too (a pass after this one).
        return start, end, left, "ccomp"
    if quote is None and lemma in SPEECH_VERBS and (block := _colon_block(ctx, sent, tok)):
        return block[0], block[1], False, "block"
    if quote is not None:
        quote.used = True
        return quote.start, quote.end, quote.end <= sent.start(tok), "quote"
    return _object_content(found, cue, subj)


def _relative_content(found: _Candidates, cue: _Cue, comp: Token) -> tuple[int, int] | None:
    """The content of a cue inside a relative clause whose pronoun is the subject of the
    cue's complement: the noun the clause is about, through the complement, without a
    second relative clause joined to it ("Guccifer 2.0, which U.S. officials say is tied
    to Russian intelligence services and who claimed credit ...": through "services";
    holdouts 9 and 11). None for other cues, or when a quotation lies between the noun and
    the cue (the noun is someone's quoted words)."""
    tok, sent = cue.tok, cue.sent
    rel = child(comp, ("nsubj", "nsubjpass"))
    if rel is None or rel.tag_ not in {"WDT", "WP"} or rel.i > tok.i:
        return None
    if tok.dep_ != "relcl" or tok.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    start = sent.start(tok.head.left_edge)
    if any(q.start < sent.start(tok) and start < q.end for q in found.ctx.marks):
        return None
    end = _content_span(sent, comp)[1]
    for c in comp.rights:
        r = child(c, ("nsubj", "nsubjpass")) if c.dep_ == "conj" else None
        if r is not None and r.tag_ in {"WDT", "WP"}:
            cc = child(comp, ("cc",))
            cut = c.left_edge if cc is None or cc.i > c.i else cc
            end = min(end, sent.start(cut))
    return start, end


def _object_content(
    found: _Candidates, cue: _Cue, subj: Token | None
) -> tuple[int, int, bool, str] | None:
    """A content without a clause or quotation: infinitive, object, preposition's object,
    "said so", the clause before "X said", or the rest of the sentence after a cue of
    saying the parser gave no complement."""
    text, sent, tok, lemma, learned = found.text, cue.sent, cue.tok, cue.lemma, cue.learned
    parse = sent.parse
    assert parse is not None
    start = end = -1
    left = False
    via = "clause"
    xc = child(tok, ("xcomp",)) if learned or lemma in XCOMP_CUES | _CLAUSE_CUES else None
    # "called half of his supporters deplorables": naming, object and predicate.
    naming = child(tok, ("oprd",)) is not None
    ob = child(tok, ("dobj",)) if learned or naming or lemma in DOBJ_CUES else None
    if xc is not None:
        via = "xcomp"
        start, end = _content_span(sent, xc)
        ob2 = child(tok, ("dobj",))
        if ob2 is not None:
            start = min(start, _content_span(sent, ob2)[0])
    elif (
        ob is not None
        and (ob.pos_ != "PRON" or lemma in STANCE_VERBS)
        # a learned cue's object must say something, not just name someone
        and not (learned and ob.pos_ in {"PROPN", "PRON"} and ob.n_lefts == 0)
    ):
        via = "dobj"
        start, end = _content_span(sent, ob)
        # "called X a disgrace", "sees X as a uniter": the predicate too.
        for c in tok.rights:
            if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"):
                end = max(end, _content_span(sent, c)[1])
    elif (pp := _content_prep(tok)) is not None:
        via = "prep"
        start, end = _content_span(sent, pp)
    elif (
        lemma == "say"
        and (adv := child(tok, ("advmod", "intj", "dobj"))) is not None
        and adv.i > tok.i
        and adv.lower_ in {"so", "yes", "no", "nothing", "otherwise", "much"}
    ):
        via = "adverb"
        start, end = _content_span(sent, adv)
    elif lemma == "say" and (tok.dep_ == "ROOT" or (tok.dep_ == "ccomp" and tok.head.i < tok.i)):
        # "X, Y said." with the X clause not attached as a complement, or the cue hung
        # as a complement on X's verb ("Hillary Clinton thinks the federal government
        # requires too many tests, former President Bill Clinton said this week at an
        # event in Wyoming — an apparent reversal ...", holdout10).
        first = sent.start(
            _past_dateline(parse[0])
        )  # "WASHINGTON (Reuters) - X, the Times reported."
        subj_start = sent.start(subj.left_edge) if subj is not None else sent.start(tok)
        if subj_start - first > 10 and text[:subj_start].rstrip().endswith(","):
            start, end, left = first, subj_start, True
            via = "before"
    if start < 0 and lemma in _CLAUSE_CUES and not _has_object(tok, lemma):
        # "He said legalizing it could put ...": a clause the parser did not
        # attach as a complement; take the rest of the sentence. Not after an object
        # that counts things: "America's employers added just 266,000 jobs last
        # month" adds jobs (NeuS 1700s, checked by hand).
        nxt = tok.i + 1
        for c in tok.rights:
            # "told CBS’s Face the Nation that ...": skip the listener.
            if c.dep_ in {"dobj", "dative"} and lemma == "tell":
                nxt = max(nxt, c.right_edge.i + 1)
        rest = [t for t in parse[nxt:] if not t.is_space]
        if len(rest) >= 5 and not rest[0].is_punct and rest[0].pos_ != "ADP":
            start, end = sent.start(rest[0]), sent.end(rest[-1])
    if start < 0:
        return None
    return start, end, left, via


def _verb_speaker(
    found: _Candidates, cue: _Cue, subj: Token | None, start: int, end: int
) -> tuple[Speaker, int, int]:
    """The speaker of a verb cue's content, and the content cut clear of the source."""
    ctx, sent, tok, lemma = found.ctx, cue.sent, cue.tok, cue.lemma
    if subj is None:
        spk = Speaker(None, None, None, False)
        named = name_right_before(ctx, sent.start(tok))
        if named is not None and lemma in SPEECH_VERBS:
            # "... of the Washington Post Trump said that ...": the parser put the
            # name inside the phrase before it; the name right before the cue speaks.
            spk = named
        elif lemma in SPEECH_VERBS and tok.dep_ == "ROOT":
            # A subjectless sentence ("Added Smith's aide: ...", a split
            # sentence): the speaker of the sentence before, if any.
            prior = ctx.recent_speaker(cue.si, None, window=1)
            if prior is not None:
                spk = Speaker(prior.name, None, None, prior.is_person)
        return spk, start, end
    spk = resolve_speaker(ctx, sent, subj, cue.si)
    if spk.start is not None and start <= spk.start < end:
        # Source inside its own content: the parse went wrong; keep content only
        # when it lies on one side of the source.
        if spk.end is not None and spk.end >= end:
            end = spk.start
        else:
            start = spk.end if spk.end is not None else start
    return spk, start, end


def _passive(found: _Candidates, cue: _Cue, subj: Token) -> None:
    """'X has been called a charlatan by Y', 'X is expected to come': the passive subject and
    its predicate are the content; the agent ("by Y"), when there is one, the source."""
    sent, tok = cue.sent, cue.tok
    lo = subj.left_edge.i
    hi = subj.right_edge.i
    for c in tok.rights:
        if c.dep_ in {"xcomp", "oprd"} or (c.dep_ == "prep" and c.lower_ == "as"):
            hi = max(hi, c.right_edge.i)
    agent = child(tok, ("agent",))
    source = child(agent, ("pobj",)) if agent is not None else None
    if source is not None:
        spk = resolve_speaker(found.ctx, sent, source, cue.si)
    else:
        spk = Speaker(None, None, None, False)
    doc = tok.doc
    start, end = sent.start(doc[lo]), sent.end(doc[hi])
    kind = "direct" if _is_direct(found.ctx, start, end, False, False) else "indirect"
    lemma = tok.lemma_.lower()  # the token's own lemma, also for a noun-tagged verb
    context = {"via=passive": 1.0, "lem|via=" + lemma + "|passive": 1.0,
               "agent" if source is not None else "no_agent": 1.0}  # fmt: skip
    rule = "passive-learned" if cue.learned else "passive"
    found.add(start, end, spk, kind, cue.si, rule, cue=tok.text,
              cue_at=(sent.start(tok), lemma), prob=cue.prob, context=context)  # fmt: skip


def _according(found: _Candidates, sent: Sentence, tok: Token, si: int) -> None:
    """'…, according to X': content is the clause the phrase is attached to."""
    to = child(tok, ("prep",))
    if to is None:
        # spaCy sometimes attaches "to" as the next token without the prep link.
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
        else:
            return
    src = child(to, ("pobj",))
    if src is None:
        return
    spk = resolve_speaker(found.ctx, sent, src, si)
    head = tok.head if tok.head.i != tok.i else None
    if head is not None and head.dep_ in {"npadvmod", "appos"} and head.head.i != head.i:
        # "Income reached $56,746, the level ..., according to one firm": the phrase
        # hangs on an apposition to the clause; the firm reports the clause (#19).
        head = head.head
    doc = tok.doc
    phrase_lo, phrase_hi = tok.left_edge.i, tok.right_edge.i
    if head is None:
        lo, hi = 0, len(doc) - 1
    else:
        lo, hi = head.left_edge.i, head.right_edge.i
    # Take the larger side of the clause around the "according to" phrase.
    left = (lo, phrase_lo - 1)
    right = (phrase_hi + 1, hi)
    side = left if left[1] - left[0] >= right[1] - right[0] else right
    opening = next((t for t in doc[right[0] : right[1] + 1] if not t.is_punct), None)
    if side == right and opening is not None and opening.dep_ == "cc" and left[1] - left[0] >= 3:
        # "Only one person was killed by a gun last year in Japan, according to the National
        # Police Agency, and there were only eight ...": the phrase closes the clause it
        # reports; the clause after "and" is a second one (holdout8)
        side = left
    if side[1] < side[0]:
        return
    start, end = sent.start(doc[side[0]]), sent.end(doc[side[1]])
    kind = "direct" if _is_direct(found.ctx, start, end, False, False) else "indirect"
    found.add(start, end, spk, kind, si, "according", cue="according to")


def _colon_before(text: str, pos: int) -> int:
    """Offset of a colon right before ``pos`` (spaces and opening marks apart), else -1."""
    j = pos
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in OPEN_MARKS):
        j -= 1
    return j - 1 if j > 0 and text[j - 1] == ":" else -1


def _colon_subject(ctx: Context, sentences: list[Sentence], colon: int) -> Speaker | None:
    """The subject of the clause a colon ends: the source of the quotation it introduces.

    'Sanders made the following comment: “For young people …”', 'The piece used one of
    the woman's quotes as its headline: “…”'. Only a person, an organisation or a noun
    phrase headed by a noun; a pronoun is resolved as for any cue.
    """
    si = char_to_sentence(sentences, colon)
    if si < 0 or sentences[si].parse is None:
        return None
    sent = sentences[si]
    parse = sent.parse
    assert parse is not None
    mark = next((t for t in parse if sent.start(t) <= colon < sent.end(t) + 2), None)
    if mark is None:
        return None
    root = mark  # the root of the clause the colon ends
    while root.head.i != root.i:
        root = root.head
    subj = child(root, ("nsubj",))
    if subj is None or sent.start(subj) > colon or ctx.inside_quote(sent.start(subj)):
        return None
    if subj.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    spk = resolve_speaker(ctx, sent, subj, si)
    return spk if spk.name is not None else None


def _floating(found: _Candidates) -> None:
    """Quotations not attached to a cue: speaker of the introducing or previous quote."""
    ctx, sentences, text = found.ctx, found.sentences, found.text
    for q in ctx.marks:
        if q.used or q.words < MIN_FLOATING_WORDS:
            continue
        si = char_to_sentence(sentences, q.start)
        if si < 0:
            continue
        # Already inside an extracted content? Then it is part of that quote.
        if found.overlaps(q.start, q.end):
            continue
        spk: Speaker | None = None
        colon = _colon_before(text, q.start)
        if colon >= 0 and (si > 0 or q.start - colon <= 3):
            spk = ctx.recent_speaker(si, None, window=1) or _colon_subject(ctx, sentences, colon)
        if spk is None:
            para_start = text.rfind("\n", 0, q.start) + 1
            starts_para = not text[para_start : q.start].strip()
            starts_sent = sentences[si].start_char >= q.start - 1
            if starts_para:
                spk = ctx.recent_speaker(si, None, window=3)
            elif starts_sent:
                # '“A,” X said. “B.”': the quotation goes on after the cue sentence.
                spk = ctx.recent_speaker(si, None, window=1)
        rule = "floating"
        if spk is None:
            # A quotation of a whole clause still reports someone's words: the person
            # named in its sentence, else the nearest earlier speaker, else unknown.
            if q.words < MIN_UNATTACHED_WORDS:
                continue
            sent = sentences[si]
            ent = next(
                (
                    e
                    for e in ctx.entities
                    if e.label == "PERSON"
                    and sent.start_char <= e.start < sent.end_char
                    and not (q.start <= e.start < q.end)
                ),
                None,
            )
            if ent is not None:
                spk = Speaker(ent.canonical, ent.start, ent.end, True)
            elif (recent := ctx.recent_speaker(si, None, window=1)) is not None:
                spk = recent
            else:
                # Nobody to credit: still a candidate, which the verifier weighs.
                spk, rule = Speaker(None, None, None, False), "unattributed"
        # The speaker's mention is the one that introduced the quotation ('“…,” she said.
        # “…”'): the continuation keeps its offsets.
        found.add(q.start, q.end, spk, "direct", si, rule)


# '“…” ― Sonya Herridge': a quotation signed after a dash, as in letters and vox pops.
_DASH_SIGNATURE = re.compile(
    r"[^\S\n]*[―—–-]{1,2}[^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})"
)


def _free_marks(found: _Candidates) -> Iterator[QuoteSpan]:
    """Quotations of two words or more that no pass has used and no quote covers."""
    for q in found.ctx.marks:
        if q.used or q.words < 2 or found.overlaps(q.start, q.end):
            continue
        yield q


def _take_mark(found: _Candidates, q: QuoteSpan, spk: Speaker, cue: str | None, how: str) -> None:
    """Add the quotation ``q`` as ``spk``'s direct quote and mark it used."""
    q.used = True
    si = char_to_sentence(found.sentences, q.start)
    found.add(q.start, q.end, spk, "direct", si, how, cue=cue)


def _dash_signatures(found: _Candidates) -> None:
    """A quotation followed by a dash and a name is that person's words."""
    ctx, text = found.ctx, found.text
    for q in _free_marks(found):
        m = _DASH_SIGNATURE.match(text, q.end) if q.closed else None
        if m is None:
            continue
        a, b = m.span(1)
        after = text[b:].lstrip(" \t\xa0")[:1]
        if after and after not in '\n.,;“"' and not text[b:].startswith((" “", ' "')):
            continue  # the name runs on into a sentence: not a signature
        ent = first_named(ctx, a, b)
        name = ent.canonical if ent else text[a:b]
        spk = Speaker(name, a, b, not ent or ent.label == "PERSON")
        _take_mark(found, q, spk, None, "dash")


# 'Said Ellis: “…”', 'Added Smith's aide, “…”': a sentence opening with the cue, then the
# source, then the quotation.
_INVERTED_OPENER = re.compile(
    r"(?:^|[.!?”\"’]\s+|\n\s*)(?P<cue>Said|Says|Added|Adds|Continued|Wrote|Writes|Explained"
    r"|Recalled|Noted|Warned|Replied)\s+(?P<who>[^:\n“\"]{2,120}?)\s*[:,]\s*$"
)


def _inverted_openers(found: _Candidates) -> None:
    """A quotation after 'Said Ellis:' is Ellis's (the parser makes "Said" a compound)."""
    ctx, text = found.ctx, found.text
    for q in _free_marks(found):
        lo = max(0, q.start - 140)
        m = _INVERTED_OPENER.search(text, lo, q.start)
        if m is None:
            continue
        a, b = m.span("who")
        ent = first_named(ctx, a, b)
        if ent:
            spk = Speaker(ent.canonical, ent.start, ent.end, ent.label == "PERSON")
        elif len(m["who"].split()) <= 4:
            spk = Speaker(np_text(text, a, b), a, b, False)
        else:
            continue
        _take_mark(found, q, spk, m["cue"], "verb")


_COLON_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][^\n:]{1,60}?)[ \t]*:[ \t]+(\S[^\n]*)$", re.M)
_COLON_SOURCE_NOUNS = frozenset({"poll", "survey", "report", "study", "newspaper", "sources"})


def _colon_lines(found: _Candidates) -> None:
    """'Graham: Trump’s rhetoric destroying GOP' (headline and transcript style).

    A line opening with a short name (a person or organisation the NER found, an
    all-capitals name, or "Poll") and a colon attributes the rest of the line to it.
    """
    ctx, text = found.ctx, found.text
    for m in _COLON_LINE.finditer(text):
        prefix, rest = m.group(1), m.group(2)
        if len(prefix.split()) > 8 or len(rest.split()) < 3:
            continue
        a, b = m.start(1), m.end(1)
        ents = [e for e in ctx.entities_in(a, b) if e.label in {"PERSON", "ORG", "GPE"}]
        words = prefix.split()
        allcaps = all(w.isupper() for w in words if w[:1].isalpha()) and any(
            len(w) > 2 for w in words
        )
        if not ents and not allcaps and words[-1].lower() not in _COLON_SOURCE_NOUNS:
            continue
        c_start, c_end = m.start(2), m.end(2)
        if found.overlaps(c_start, c_end):
            continue
        si = char_to_sentence(found.sentences, a)
        persons = [e for e in ents if e.label == "PERSON"]
        name = (persons or ents)[-1].canonical if (persons or ents) else prefix.strip()
        spk = Speaker(name, a, b, bool(persons))
        kind = "direct" if _is_direct(ctx, c_start, c_end, False, False) else "indirect"
        found.add(c_start, c_end, spk, kind, si, "colon", cue=":")


def _dedupe(found: list[_Candidate]) -> list[_Candidate]:
    """Drop a quote whose content lies inside another quote's with the same speaker."""
    out: list[_Candidate] = []
    for c in found:
        q = c.quote
        dup = False
        for other in found:
            o = other.quote
            if o is q:
                continue
            if o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start):
                if "relative" in c.context and "via=dobj" in other.context:
                    continue  # a clause said inside a stance's object ("pronounced his
                    # support for ... tuition, which he said has increased ...")
                if o.speaker == q.speaker or q.cue is None:
                    dup = True
                    break
        if not dup:
            out.append(c)
    return out
