"""What makes a reported quote a statement a reader would accept, and who made it (#19).

The rules of :mod:`newsprism.extract.quotes` propose candidates and a learned verifier
trained on PolNeAR keeps most of them. PolNeAR annotates attributions in the PARC sense,
which include stances and actions towards a noun phrase ("criticized Trump and his
rhetoric", "embraced his views", "released a letter"); a reader of a quote board does not
take those for quotes. This module holds the reader's bar, called from small hooks in
``quotes.py``:

- :func:`is_statement`: an indirect quote needs a cue of communication or cognition and a
  clausal or quoted complement ("said that ...", "vowed to ...", "according to ..."). A
  noun-phrase object alone is an event or a stance ("released a one-and-a-half-page
  letter", "announced a plan", "discussed security issues", "backed her candidacy"),
  unless a verb that takes a position on a claim names one with its own clause or quoted
  words ("rejected the idea that ...", "described the talks as \"very frank\""). Cues
  outside the lexicon (found by the learned detector), intentions ("plans to"), evidence
  with a person as subject ("showing that"), passives, headlines in title case, fragments
  and statements with nobody to credit are left out too.
- :func:`revise_speaker`: a place speaks only as the subject of a verb of saying
  ("Washington said", not "Washington spent tens of millions"); an organisation gives way
  to a person of it named as the author in the same sentence ("Dr. Ana Ruiz of the
  Department of Medicine wrote that ..."); a surname speaker becomes the nearest full
  mention of that surname that fits its title and is not introduced as someone's relative
  ("his father, Fred Trump"); "he" or "she" opening a sentence (or signing off a quote)
  is the person opening the sentence before; "they" and "it" are not one named person.
  A definite description ("the Ohio governor", "the network") is the one the article
  titles so or names just before; a pronoun is not a name its own clause uses ("They also
  said that Verizon ..."); a share of a group ("One in three said") is the speaker;
  negated cues, reduced passives ("said when asked whether") and subordinate clauses alone
  are no statements, a naming verb's object and predicate is one (second round of #19,
  docs/quote-bar.md).

``extract_quotes(..., statements_only=False)`` skips both and returns PolNeAR's notion of
attribution, which ``newsprism eval quotes --attributions`` scores.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from newsprism.model import Entity, Quote

if TYPE_CHECKING:
    from .quote_marks import QuoteSpan

__all__ = [
    "is_document",
    "is_statement",
    "reader_features",
    "reader_keeps",
    "revise_speaker",
    "trim_gloss",
]


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(communication and cognition verbs, verbs of saying) from quotes.py's lexicon; the
    cues learned from PolNeAR's annotation, which include actions ("present", "list",
    "introduce", "offer", "seek"), are left out of the first."""
    from .cue_lexicon import LEARNED_CUES, SPEECH_VERBS, STANCE_VERBS, THOUGHT_VERBS

    return SPEECH_VERBS | THOUGHT_VERBS | (STANCE_VERBS - LEARNED_CUES), SPEECH_VERBS


# Verbs of saying whose infinitive complement is what was said: "vowed to leave such
# spending untouched", "urged Congress to act", "threatened to sue". Intentions and wishes
# ("plans to close a test site", "wants to build a wall") are not statements.
_SAYING_XCOMP = frozenset(
    """promise vow pledge threaten urge call ask demand offer agree warn press persuade
    convince remind apologize apologise insist claim""".split()
)
# Verbs that take a position on a claim named by a noun phrase with its own clause
# ("rejected the idea that ...", "denied reports that ...") or characterise something in
# quoted words ("described the talks as \"very frank\"", "called it \"a disgrace\"").
_ON_A_CLAIM = frozenset(
    """deny reject dismiss confirm acknowledge admit dispute rebut refute question doubt
    contest describe call label brand assail praise criticize criticise blast slam
    condemn denounce characterize characterise""".split()
)
# Verbs that say what something is with an object and its predicate: "called the charges
# unsubstantiated", "branded him a liar".
_NAMING = frozenset("call label brand deem term dub declare".split())
# The "rest of the sentence" rule is for verbs whose bare clause is what was said.
_BARE_CLAUSE = frozenset(
    "say tell add write argue insist note warn explain state assert contend".split()
)
_ASIDE = _BARE_CLAUSE | frozenset(
    "report reveal predict note put explain acknowledge claim warn suggest".split()
)
_DOCUMENT = re.compile(
    r"\b(?:poll|survey|study|report|analysis|data|audit|review|investigation|census|research"
    r"|figures|records|memo|filings?|documents?)$",
    re.I,
)
_HEADLINE_WORD = re.compile(r"\b[A-Z][\w'’-]*")
# Verbs with a clausal complement that report evidence or a category, not a statement:
# "showing that ...", "the timing suggested that ...", "considered themselves ...".
_NOT_SAYING = frozenset(
    "show prove seem appear consider mean find see learn hear read know".split()
)
# Ways the rules reach a clausal or quoted content (see ``via`` in quotes.py).
_CLAUSAL = frozenset({"ccomp", "clause", "block", "quote", "before", "adverb"})
# A noun phrase that carries its own clause or quoted words is content: "rejected the idea
# that ...", "described the talks as \"very frank\"".
_CLAUSE_IN_NP = re.compile(r"\b(?:that|whether|how|why|what)\b|[\"“”]", re.I)
# A subordinate clause alone is no statement: "When he first described the wall, he said".
_SUBORDINATE = re.compile(
    r"(?:when|whenever|while|if|as|because|since|after|before|until|although|though)\b", re.I
)
# Verbs whose subject delivers the claim a noun cue object names: "made the argument that",
# "issued a warning that", "repeated his claim that".
_DELIVER = frozenset(
    """make issue give offer repeat reiterate voice express raise float lay put deliver
    advance echo press file send post publish tweet write sound""".split()
)
# Cues whose wh-complement is a topic or a question, never a claim: "describing how she
# puts together 'tubular mixers'", "asked how high the wall would be" (holdout11).
_TOPIC_CUES = frozenset("describe discuss ask wonder debate decide".split())
# A complement that names a topic, not what was said: "explain what he likes".
_WH = re.compile(r"(?:what|how|why|who|whom|which|where|when)\b", re.I)
# Noun cues whose clause is a statement: "his claim that ...", "a warning that ...".
_SAYING_NOUN_CLAUSE = re.compile(r"^(?:that|whether)\b", re.I)


def _feature(features: dict[str, float], prefix: str) -> str | None:
    for key in features:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return None


def is_document(noun: str) -> bool:
    """Whether ``noun`` names a document or a piece of evidence ("study", "poll")."""
    return bool(_DOCUMENT.search(noun))


def is_statement(quote: Quote, features: dict[str, float]) -> bool:
    """Whether a candidate quote reports a statement (see the module docstring).

    ``features`` are the verifier's (:func:`newsprism.extract.quotes.verify_features`
    plus the verb rules' parse context), which name the cue's lemma, the rule and how the
    content was reached. Direct quotes, "according to" and quotations without a cue pass.
    """
    if quote.kind != "indirect":
        return True
    lemma = _feature(features, "lem=") or ""
    communication, saying = _lexicon()
    if quote.speaker is None:
        return False  # a reported statement nobody made is of no use on a quote board
    words = quote.text.split()
    if len(words) >= 4 and len(_HEADLINE_WORD.findall(quote.text)) >= 0.7 * len(words):
        return False  # a headline in title case ("Al Sharpton Just Said Something ...")
    if "bar=negated" in features or "bar=reduced-passive" in features or "bar=question" in features:
        return False  # "CNN didn't report that ...", "said when asked whether ..."
    if "bar=motive" in features:
        return False  # "rushing to build a defense ..., fearing that the party could lose"
    if "bar=modal" in features:
        return False  # "might decide they made ...", "could fuel Trump's concern that ..."
    if "rule=learned" in features or "rule=passive-learned" in features:
        return False  # a cue outside the lexicon: "investigating whether", "understated"
    if (
        ("rule=aside" in features or "via=before" in features)
        and _SUBORDINATE.match(quote.text)
        and not re.search(r"[,;:]", quote.text)
    ):
        # "When he first described the wall in December, he said, “…”": no main clause
        # ("If we wait, we lose, he said" has one).
        return False
    if "rule=aside" in features:
        # "As POLITICO revealed, ...", "..., he said, ...": not "as Trump called for a
        # boycott", "as both campaigned", "since he announced his candidacy".
        return lemma in _ASIDE
    if len(words) < 4:
        return False  # a fragment ("they're fine with")
    if "rule=colon" in features:
        return not (quote.speaker or "").isupper()  # a headline kicker ("FIX IS IN: ...")
    via = _feature(features, "via=")
    if via is None:
        return True  # "according to", signatures, quotations without a cue
    if via == "clause" and lemma not in _BARE_CLAUSE:
        return False  # "to claim outright victory - only saying ...": an object, not a clause
    if via in _CLAUSAL:
        if re.match(r"(?:who|whom|which|why)\b", quote.text, re.I) or (
            lemma in _TOPIC_CUES and _WH.match(quote.text)
        ):
            # a relative clause the parser hung on the cue ("said Gregory W. Slayton, ...,
            # and who is now supporting Senator Marco Rubio", holdout9), or a topic
            # ("deciding who will occupy the White House"), not what was said
            return False
        if re.match(r"(?:over|about|on|of)\b", quote.text, re.I):
            return False  # "argued over which country's weapons were more powerful"
        if lemma in _NOT_SAYING:
            # Evidence speaks for a document ("a new poll shows ..."), not for a person;
            # a study by Harvard that found something is still a study.
            return bool(_DOCUMENT.search(quote.speaker)) or "bar=document" in features
        return lemma in communication
    if via == "xcomp":
        return lemma in _SAYING_XCOMP
    if via == "noun-clause":
        holder_of = _feature(features, "bar=holder-of=")
        if holder_of is not None and holder_of not in _DELIVER | saying:
            # "Despite complaints that he is a quixotic crusader, Mr. Sanders has found",
            # "rejected the claim that": without an owner, a noun's claim is the subject's
            # only when the verb delivers it ("made the argument that") (#19, holdout9)
            return False
        return bool(_SAYING_NOUN_CLAUSE.match(quote.text))
    if via == "passive":
        return lemma in ("say", "report", "allege", "quote")  # "is said to have ..."
    if via == "dobj" and "bar=predicate" in features and lemma in _NAMING:
        return True  # "The Trump campaign called the charges unsubstantiated"
    # A noun phrase alone ("dobj", "prep", "noun-prep"): an event or a stance ("discussed
    # security issues", "backed her candidacy", "released a letter"), unless a verb takes
    # a position on a claim that carries its own clause or quoted words.
    return lemma in _ON_A_CLAIM and bool(_CLAUSE_IN_NP.search(quote.text))


_PLACES = frozenset({"GPE", "LOC", "FAC"})
_KIN = re.compile(
    r"\b(?:father|mother|son|daughter|brother|sister|wife|husband|uncle|aunt|nephew|niece"
    r"|cousin|grandfather|grandmother|grandson|granddaughter|sons|daughters|brothers"
    r"|sisters|parents|widow|stepfather|stepmother|father-in-law|son-in-law)\W{0,3}$",
    re.I,
)
# Between a person and the organisation they speak for: "X, a spokesman for ORG",
# "X of ORG", "X, chief of medicine at ORG".
_PERSON_OF = re.compile(
    r"^,?\s*(?:(?:an?|the|its|who\s+(?:is|was)(?:\s+an?|\s+the)?)\s+)?(?:[\w.'’-]+\s+){0,5}"
    r"(?:of|at|for|from|with)\s+(?:the\s+)?$",
    re.I,
)
# Between an organisation and its person: "ORG's X", "ORG spokeswoman X", "ORG chief X".
_ORG_PERSON = re.compile(r"^(?:['’]s)?\s+(?:[\w.'’-]+\s+){0,3}$")
# ... but not across a verb: "Microsoft promised Mr. Weiner that ..." (holdout11).
_VERB_BETWEEN = re.compile(
    r"\b[a-z]+ed\b|\b(?:told|tells|said|says|asked|asks|gave|gives|sent|wrote|writes|promises)\b"
)


_STOP = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)"
    r"(?<!\bJr)(?<![A-Z])[.!?][\"”’']?\s+|\n"
)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence bounds around ``[start, end)`` ("Mr. Trump" does not end one)."""
    lo = 0
    for m in _STOP.finditer(text, max(0, start - 1500), start):
        lo = m.end()
    after = _STOP.search(text, end)
    return lo, (after.start() if after else len(text))


def _author_of(quote: Quote, text: str, entities: list[Entity], org: Entity) -> Entity | None:
    """A person named as the organisation's author next to it, outside the content."""
    lo, hi = _sentence_bounds(text, org.start, org.end)
    for e in entities:
        if e.label != "PERSON" or not (lo <= e.start and e.end <= hi):
            continue
        if quote.start <= e.start < quote.end:
            continue
        if e.end <= org.start and _PERSON_OF.match(text[e.end : org.start]):
            return e
        between = text[org.end : e.start]
        if org.end <= e.start and _ORG_PERSON.match(between) and not _VERB_BETWEEN.search(between):
            return e
    return None


def _full_mention(
    quote: Quote, text: str, entities: list[Entity], surname: str, title: str = ""
) -> str | None:
    """The nearest full mention ending with ``surname`` that fits the title ("Mr.") and
    is not introduced as someone's relative; the surname alone when none is left."""
    from .speakers import Context as _Context

    pos = quote.speaker_start if quote.speaker_start is not None else quote.start
    key = " " + surname.casefold()
    cands = [
        e
        for e in entities
        if e.label == "PERSON"
        and len(e.canonical.split()) >= 2
        and e.canonical.casefold().endswith(key)
    ]
    if len({e.canonical for e in cands}) < 2 and not title:
        return None  # one full name or none: entities.py already resolved it
    ctx = _Context(text, entities, [])
    pronoun = {"mr.": "he", "ms.": "she", "mrs.": "she"}.get(title.lower(), "")
    fitting = [
        e
        for e in cands
        if ctx.fits(e.canonical, pronoun) and not _KIN.search(text[max(0, e.start - 30) : e.start])
    ]
    if not fitting:
        return surname if cands else None
    return min(fitting, key=lambda e: (e.start > pos, abs(pos - e.start))).canonical


def _antecedent(
    quote: Quote, text: str, entities: list[Entity], pronoun: str, pos: int
) -> str | None:
    """The person "he" or "she" opening a sentence refers to: the person opening the
    sentence before ("Donald Trump laid out ... He asserted"), when no fitting person is
    named earlier in the pronoun's own sentence; None when unsure."""
    from .speakers import Context as _Context

    ctx = _Context(text, entities, [])
    lo, _hi = _sentence_bounds(text, pos, pos)
    signs_off = quote.end <= pos and not re.sub(r"[\s,\"”’'—-]", "", text[quote.end : pos])
    if signs_off:
        lo, _hi = _sentence_bounds(text, quote.start, quote.start)  # "…, he said."
    elif text[lo:pos].strip():
        if not _OPENER.fullmatch(text[lo:pos]):
            return None  # the pronoun neither opens its sentence nor signs off a quote
        # "Although he told the FBI ..., he targeted": after a fronted clause, a name
        # opening the main clause is whom the pronoun anticipates ("As he held out ...,
        # Mr. Trump repeated").
        comma = text.find(",", pos, _hi)
        main = _subject_person(text, entities, comma + 1, _hi, quote) if comma != -1 else None
        if main is not None:
            return main.canonical if ctx.fits(main.canonical, pronoun) else None
    prev_lo, _ = _sentence_bounds(text, max(0, lo - 2), max(0, lo - 2))
    if _opens_with(text[prev_lo:lo], pronoun):
        # "Donald Trump is thanking his supporters ... And he's predicted big wins ...
        # “Folks, ...,” he tells": sentences opening with the same pronoun continue the
        # topic of the last sentence whose subject is a name.
        for _ in range(4):
            lo = prev_lo
            prev_lo, _ = _sentence_bounds(text, max(0, lo - 2), max(0, lo - 2))
            if prev_lo >= lo:
                return None
            if _opens_with(text[prev_lo:lo], pronoun):
                continue
            subj = _subject_person(text, entities, prev_lo, lo, quote)
            return (
                subj.canonical if subj is not None and ctx.fits(subj.canonical, pronoun) else None
            )
        return None
    subj = _subject_person(text, entities, prev_lo, lo, quote)
    if subj is not None:
        return subj.canonical if ctx.fits(subj.canonical, pronoun) else None
    # No name opens it as its subject: the first person within its first 60 characters
    # ("On Sunday morning Mr. Trump made", "The federal judge Trump was referring to").
    opening = [
        e
        for e in entities
        if e.label == "PERSON"
        and prev_lo <= e.start < min(lo, prev_lo + 60)
        and not (quote.start <= e.start < quote.end)
        and not re.match(r"['’]s\b", text[e.end : e.end + 3])
        and not _handle(text, e)
        and not any(q.start < e.start < q.end for q in _closed_marks(text))
    ]
    if opening and ctx.fits(opening[0].canonical, pronoun):
        return opening[0].canonical
    return None


@functools.lru_cache(maxsize=4)
def _closed_marks(text: str) -> tuple[QuoteSpan, ...]:
    """The article's closed quotations (cached: one article is revised quote by quote)."""
    from .quote_marks import find_quote_marks

    return tuple(q for q in find_quote_marks(text) if q.closed)


def _opens_with(sentence: str, pronoun: str) -> bool:
    """Whether ``sentence`` opens with ``pronoun`` as its subject ("He told", "And he")."""
    return bool(
        re.match(rf"\s*(?:(?:and|but|then|later|still)\b,?\s*)?{pronoun}\b", sentence, re.I)
    )


def _subject_person(
    text: str, entities: list[Entity], lo: int, hi: int, quote: Quote
) -> Entity | None:
    """The person opening ``text[lo:hi]`` as its subject: a person named with nothing
    before it but titles, or but a fronted phrase and its comma ("A high school graduate,
    Lazar had"; not "Despite many people holding Clinton responsible")."""
    quoted = [q for q in _closed_marks(text) if q.start < hi and lo < q.end]
    for e in entities:
        if not (lo <= e.start < hi) or e.label != "PERSON" or quote.start <= e.start < quote.end:
            continue
        if any(q.start < e.start < q.end for q in quoted):
            continue  # "''As she has said, Secretary Clinton is ...,'' Mr. Merrill said"
        if re.match(r"['’]s\b", text[e.end : e.end + 3]) or _handle(text, e):
            continue
        before = text[lo : e.start]
        if _TITLES_ONLY.fullmatch(before):
            return e
        comma = before.find(",")
        if comma != -1 and _TITLES_ONLY.fullmatch(before[comma + 1 :]):
            # after the first comma, unless an apposition ("Along with her husband, Milton
            # Berg, a money manager, she has given")
            return None if text[e.end : e.end + 1] == "," else e
    return None


_TITLES_ONLY = re.compile(r"\s*(?:(?:the\s+)?(?:[A-Z][\w.’'-]*\.?|[a-z]+\.)\s+)*?")


# What may stand before a pronoun that still opens its clause: "Although he told the FBI".
_OPENER = re.compile(
    r"\s*(?:(?:and|but|yet|so|although|though|when|while|after|before|because|since|if|as"
    r"|still|later|then)\b,?\s*)?",
    re.I,
)


# Head nouns of a definite description that stand for a person ("the Ohio governor", "the
# justice", "the Wisconsin Republican") or for an organisation ("the network").
_PERSON_HEADS = frozenset(
    """justice republican democrat lawmaker legislator billionaire businessman businesswoman
    mogul strategist front-runner frontrunner contender incumbent challenger host anchor
    columnist economist professor lawyer attorney author actor actress activist sheriff
    officer pastor""".split()
)
_ORG_HEADS = frozenset(
    """network company firm board committee agency newspaper paper magazine bank ministry
    organization organisation union commission council publisher""".split()
)
_DEFINITE = re.compile(r"(?:the|The)\s+(?:[\w.'’-]+\s+){0,3}([a-zA-Z-]+)")


def _handle(text: str, e: Entity) -> bool:
    """A hashtag or a social-media handle ("#RechercheParis"), which is not a speaker."""
    return text[max(0, e.start - 1) : e.start + 1][:1] in ("#", "@") or e.text[:1] in "#@"


_ABBREVIATED = {"governor": "gov", "senator": "sen", "representative": "rep"}
_TITLE_OF = {v: k for k, v in _ABBREVIATED.items()}  # "sen" -> "senator"


def _titled(text: str, e: Entity, said: str) -> bool:
    """Whether a mention carries the description's head noun as its title or apposition,
    with one of its capitalised modifiers if it has any ("Ohio Gov. John Kasich", "Mike
    Pence, the Indiana governor" for "the Ohio governor", "the Indiana governor")."""
    *mods, head = said.split()[1:]
    heads = "|".join(re.escape(w) for w in (head, _ABBREVIATED.get(head.lower(), head)))
    before = text[max(0, e.start - 40) : e.start]
    after = text[e.end : e.end + 60]
    m = re.search(rf"\b(?i:{heads})\b\.?\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}$", before)
    window = before
    if m is None:
        m = re.match(rf",\s+(?:the|a|an)\s+[^,.;]*?\b(?i:{heads})\b", after)
        window = after
    capitals = [w for w in mods if w[:1].isupper()]
    return m is not None and (not capitals or any(w in window for w in capitals))


def _description(said: str, text: str, pos: int, speaker: str) -> tuple[int, str, str] | None:
    """(offset, the words, the label) of a definite description speaker: "the Ohio
    governor" (PERSON), "the network" (ORG); a relative pronoun stands for its noun."""
    from .entities import ROLE_NOUNS

    if said.lower() in ("who", "which", "that") and speaker:
        # "the Wisconsin Republican, who had previously pledged": the noun it modifies.
        at = text.rfind(speaker, max(0, pos - 100), pos)
        if at >= 4 and text[at - 4 : at].lower() == "the ":
            pos, said = at - 4, text[at - 4 : at + len(speaker)]
    m = _DEFINITE.fullmatch(said)
    if m is None:
        return None
    head = m.group(1).lower()
    label = "PERSON" if head in ROLE_NOUNS | _PERSON_HEADS else "ORG" if head in _ORG_HEADS else ""
    return (pos, said, label) if label else None


def _described(quote: Quote, text: str, entities: list[Entity], said: str) -> str | None:
    """The person or organisation a definite description speaker stands for (#19).

    A person the article titles with the description's capitalised words ("Ohio Gov. John
    Kasich" for "the Ohio governor"), the nearest such before it; else the first mention
    outside quotation marks (not in the title block) earlier in the description's
    sentence; else the nearest person titled with its head noun ("Sen. Bernie Sanders" for
    "the senator"); else the first mention in the nearest of the three sentences before
    that has one ("Ruth Bader Ginsburg regrets ... The Supreme Court justice said"); an
    organisation only from its own sentence or the one before, and only if no other is
    named there. None when the speaker is no such description.
    """
    from .quote_marks import find_quote_marks

    if quote.speaker_start is None:
        return None
    found = _description(said, text, quote.speaker_start, quote.speaker or "")
    if found is None:
        return None
    pos, said, label = found
    if any(e.label == label and pos <= e.start < pos + len(said) for e in entities):
        return None
    end = pos + len(said)
    if any(e.start < end <= e.end and e.label != "PERSON" for e in entities):
        # a name whose last word is a title's: "The Brennan Center for Justice noted"
        # is the centre, not a justice (holdout5)
        return None
    marks = [q for q in find_quote_marks(text) if q.closed]
    title_end = text.find("\n\n", 0, 300)
    usable = [
        e
        for e in entities
        if e.label == label
        and e.start > title_end
        and not any(q.start < e.start < q.end for q in marks)
        and not (quote.start <= e.start < quote.end)
        and not _handle(text, e)
    ]
    words = said.split()
    capitals = any(w[:1].isupper() for w in words[1:-1])
    if label == "PERSON" and capitals:
        # "the Ohio governor": a person the article titles so ("Ohio Gov. John Kasich")
        found_ = _last_titled(text, usable, said, pos)
        if found_ is not None:
            return found_
    lo, _hi = _sentence_bounds(text, pos, pos)
    head = words[-1].lower()
    mentions = [
        e for e in usable if lo <= e.start < pos and head in _roles(text, usable, e.canonical)
    ]
    if label == "PERSON" and mentions:
        # "Cruz defends his outsider bona fides ...: '...,' the senator says": the person
        # its own sentence names, over a senator titled paragraphs before; not one the
        # article titles otherwise ("wrote Comey, who added that ... the president told
        # him": FBI Director James Comey is no president)
        return mentions[0].canonical
    if label == "PERSON":
        # "the senator" or "the independent Vermont senator": a person titled with the
        # head noun ("Sen. Bernie Sanders")
        found_ = _last_titled(text, usable, " ".join(words[:1] + words[-1:]), pos)
        if found_ is not None:
            return found_
    hi = pos
    for _ in range(4 if label == "PERSON" else 2):
        lo, _hi = _sentence_bounds(text, hi, hi)
        mentions = [e for e in usable if lo <= e.start < hi]
        if mentions and label == "ORG" and len({e.canonical for e in mentions}) > 1:
            return None  # "The company says ..." after Bloomberg and Forbes: either
        if mentions:
            return mentions[0].canonical
        hi = len(text[:lo].rstrip()) - 1  # the stop ending the sentence before
        if hi <= 0:
            break
    return None


def _roles(text: str, usable: list[Entity], name: str) -> frozenset[str]:
    """The role nouns the article titles ``name`` with ("FBI Director James Comey":
    director); every role when it titles it with none."""
    from .entities import ROLE_NOUNS

    known = ROLE_NOUNS | _PERSON_HEADS
    found = set()
    for e in usable:
        if e.canonical == name:
            # the capitalised title right before the name ("Director James Comey")
            m = re.search(r"\b([A-Z][a-z-]+)\.?\s+$", text[max(0, e.start - 30) : e.start])
            if m:
                found |= {_TITLE_OF.get(m.group(1).lower(), m.group(1).lower())} & known
    return frozenset(found) if found else frozenset(known)


def _last_titled(text: str, usable: list[Entity], said: str, pos: int) -> str | None:
    """The last person before ``pos`` the article titles with ``said``'s words."""
    titled = {e.canonical for e in usable if _titled(text, e, said)}
    before = [e for e in usable if e.canonical in titled and e.end <= pos]
    return before[-1].canonical if before else None


_PRONOUN = re.compile(r"(?:he|she|they|we|it)", re.I)
# "one in four", "About 4 in 10", "two out of three": a share of a group, not a person "One".
_SHARE = re.compile(
    r"(?:(?:about|nearly|almost|roughly|some|more than|fewer than|less than)\s+)?"
    r"[\w-]+\s+(?:in|out of)\s+[\w-]+",
    re.I,
)


def revise_speaker(
    quote: Quote, features: dict[str, float], text: str, entities: list[Entity]
) -> Quote | None:
    """The quote with its speaker revised by the reader's rules, or None to drop it."""
    out = _revise(quote, features, text, entities)
    if out is None or out.speaker is None or out.kind != "indirect":
        return out
    span = (quote.speaker_start, quote.speaker_end)
    said = text[span[0] : span[1]] if span[0] is not None and span[1] is not None else ""
    if _PRONOUN.fullmatch(said) and any(
        e.canonical == out.speaker
        and out.start <= e.start < out.end
        and not re.match(r"['’]s?\b", text[e.end : e.end + 2])
        for e in entities
    ):
        # Binding (principle C): "They also said that Verizon was trying ...": a pronoun
        # does not stand for a name its own clause goes on to use (a possessive is looser
        # in news prose: "He notes ... an issue with Trump's microphone").
        return None
    return out


def _longer_name(text: str, entities: list[Entity], name: str) -> str | None:
    """The one longer name of the article ending with ``name`` ("Sean Hannity" for
    "Hannity"), whatever label NER gave it; None when there is none or several, or when
    its first word is one the article also writes in lower case ("Say Mexico")."""
    longer = {
        e.canonical
        for e in entities
        if e.canonical.endswith(" " + name)
        and e.canonical[:1].isupper()
        and not re.search(rf"\b{re.escape(e.canonical.split()[0].lower())}\b", text)
    }
    return longer.pop() if len(longer) == 1 else None


def _revise(
    quote: Quote, features: dict[str, float], text: str, entities: list[Entity]
) -> Quote | None:
    if quote.speaker is None:
        return quote
    lemma = _feature(features, "lem=") or ""
    span = (quote.speaker_start, quote.speaker_end)
    named = [
        e
        for e in entities
        if span[0] is not None
        and span[1] is not None
        and span[0] <= e.start
        and e.end <= span[1]
        and e.canonical == quote.speaker
    ]
    if named and named[0].label in _PLACES and lemma not in _lexicon()[1]:
        # A place is a speaker only as the subject of a verb of saying ("Washington said").
        if quote.kind == "indirect":
            return None
        return dataclasses.replace(quote, speaker=None, speaker_start=None, speaker_end=None)
    if named and named[0].label == "ORG":
        author = _author_of(quote, text, entities, named[0])
        if author is not None:
            return dataclasses.replace(
                quote, speaker=author.canonical, speaker_start=author.start,
                speaker_end=author.end,
            )  # fmt: skip
    said = text[span[0] : span[1]] if span[0] is not None and span[1] is not None else ""
    described = _described(quote, text, entities, said)
    if described is not None:
        return dataclasses.replace(quote, speaker=described)
    if _SHARE.fullmatch(said):
        return dataclasses.replace(quote, speaker=said)
    is_person = any(e.label == "PERSON" and e.canonical == quote.speaker for e in entities)
    if said.lower() == "it" and is_person:
        return None if quote.kind == "indirect" else dataclasses.replace(quote, speaker=None)
    if said.lower() in ("he", "she") and span[0] is not None:
        antecedent = _antecedent(quote, text, entities, said.lower(), span[0])
        if antecedent is not None and antecedent != quote.speaker:
            return dataclasses.replace(quote, speaker=antecedent)
    if said.lower() in ("they", "we") and is_person:
        # "..., they insist": a plural pronoun is not the one person last named.
        return None if quote.kind == "indirect" else dataclasses.replace(quote, speaker=None)
    # "German Ortega says" where NER took only "Ortega": the span itself names one of
    # the article's people in full, not the brother "Freddy Ortega" a surname would find.
    spelled = re.sub(r"\s+", " ", said.strip())
    if " " in spelled and any(
        e.label == "PERSON" and e.canonical == spelled and e.canonical.endswith(" " + quote.speaker)
        for e in entities
    ):
        return dataclasses.replace(quote, speaker=spelled)
    # "Khan, who had addressed the convention, said ...": the surname opening the span.
    head = re.match(r"(Mr\.|Ms\.|Mrs\.|Dr\.)?\s*([A-Z][\w'’-]+)(?:,|$)", said)
    surname = head.group(2) if head else quote.speaker
    title = (head.group(1) or "") if head else ""
    if re.fullmatch(r"[A-Z][\w'’-]+", surname):
        full = _full_mention(quote, text, entities, surname, title)
        if full is not None:
            return dataclasses.replace(quote, speaker=full)
        longer = _longer_name(text, entities, surname) if surname == quote.speaker else None
        if longer is not None:
            return dataclasses.replace(quote, speaker=longer)  # NER gave it another label
    return quote


# The reader's gate (#19, third round): a small logistic decision over how a statement was
# found and how its speaker was resolved, trained on the hand-judged draws
# (tools/train_reader_gate.py, weights in data/reader_gate.json).
_MODAL = re.compile(r"\b(?:could|might|may|would|should|can)\b(?:\s+\S+){0,3}\s*$", re.I)
_FIRST = frozenset({"i", "we", "me", "us"})
_PERSONAL = frozenset({"he", "she"})
_PLURAL = frozenset({"they", "them"})


def _said_kind(said: str) -> str:
    """How the source is written where the cue's subject is: a pronoun, a definite
    description, a share, a name or a common noun phrase."""
    low = said.lower()
    if not said:
        return "none"
    if low in _FIRST:
        return "first"
    if low in _PERSONAL:
        return "he"
    if low in _PLURAL | {"it", "this", "that", "who", "which"}:
        return "other-pron"
    if _SHARE.fullmatch(said):
        return "share"
    if re.match(r"(?:the|this|that|these|those)\s", said, re.I):
        return "definite"
    if said[:1].isupper():
        return "name"
    return "common"


def reader_features(
    original: Quote, quote: Quote, features: dict[str, float], text: str, entities: list[Entity]
) -> dict[str, float]:
    """Features of a statement the bar kept, for the reader's gate: the cue's class and
    how its content was reached, modality before the cue ("could fuel Trump's concern
    that", "might decide"), a wh-complement (a topic: "explain what he likes"), a gloss
    after the content ("..., throwing a wrench in"), the kind of words the source is
    written with and the label of the speaker it was resolved to, and whether the speaker
    rules changed it."""
    from .cue_lexicon import SPEECH_VERBS, STANCE_VERBS, THOUGHT_VERBS

    lemma = _feature(features, "lem=") or "-"
    via = _feature(features, "via=") or "none"
    rule = _feature(features, "rule=") or "-"
    cls = (
        "speech"
        if lemma in SPEECH_VERBS
        else "thought"
        if lemma in THOUGHT_VERBS
        else "stance"
        if lemma in STANCE_VERBS
        else "other"
    )
    span = (original.speaker_start, original.speaker_end)
    said = text[span[0] : span[1]] if span[0] is not None and span[1] is not None else ""
    kind = _said_kind(said.strip())
    labels = {e.label for e in entities if e.canonical == quote.speaker}
    label = (
        "PERSON" if "PERSON" in labels else "ORG" if "ORG" in labels else
        next(iter(sorted(labels)), "none")
    )  # fmt: skip
    f: dict[str, float] = {
        "class=" + cls: 1.0,
        "via=" + via: 1.0,
        "rule=" + rule: 1.0,
        "said=" + kind: 1.0,
        "label=" + label: 1.0,
        "said|label=" + kind + "|" + label: 1.0,
    }
    if quote.speaker != original.speaker:
        f["revised"] = 1.0
    for key in ("subj=", "cue_dep="):
        val = _feature(features, key)
        if val is not None:
            f[key + val] = 1.0
    lo, _hi = _sentence_bounds(text, quote.start, quote.start)
    at = text.rfind(quote.cue, lo, quote.start) if quote.cue else -1
    if at >= 0 and _MODAL.search(text[max(lo, at - 40) : at]):
        f["modal"] = 1.0
    if at >= 0 and _SUBORDINATE.search(text[max(lo, at - 60) : at].split(",")[-1] or ""):
        f["subordinate"] = 1.0
    if _WH.match(quote.text):
        f["wh"] = 1.0
    holder_of = _feature(features, "bar=holder-of=")
    if holder_of is not None:
        f["holder=" + ("delivers" if holder_of in _DELIVER else "other")] = 1.0
    return f


# A sentence-final adjunct after the reported clause is the writer's, attached to the main
# clause: a participial clause ("declared that he cannot support Trump, throwing a wrench
# in ..."), a concessive remark ("would win – even though he picked Manning"), or an
# apposition that sums the clause up (", a charge that Colorado Republicans denied").
_GLOSS_AT = re.compile(
    r",\s+(?!including\b|according\b|excluding\b|notwithstanding\b)(?P<ing>[a-z]+ing)\s+(?!and\b|or\b)\w"
    r"|(?:\s[–—]|\s--|,)\s+(?=(?:even\s+)?(?:though|although|despite)\b)"
    r"|,\s+(?:a|an|the)\s+(?:[a-z]+\s+){0,2}(?:charge|claim|assertion|allegation|accusation"
    r"|statement|view|position|argument|move|remark|comment)s?\s+(?:that|which)\b"
)
_MARKS = re.compile(r"[\"“”]|''|``")


@functools.cache
def _saying_participles() -> frozenset[str]:
    """The -ing forms of the communication verbs ("adding", "noting", "arguing")."""
    forms = set()
    for lemma in _lexicon()[0]:
        forms |= {lemma + "ing", lemma[:-1] + "ing", lemma + lemma[-1] + "ing"}
    return frozenset(forms)


def _says(word: str) -> bool:
    """Whether ``word`` is a form of a cue verb ("said", "proposed", "refused")."""
    if word in ("said", "told", "wrote", "thought", "says", "tells", "writes"):
        return True
    from .cue_lexicon import SPEECH_VERBS, THOUGHT_VERBS

    # Not a stance or an act ("even though many of the drivers of the push backed Cruz").
    lex = SPEECH_VERBS | THOUGHT_VERBS
    return any(word[: len(word) - k] in lex for k in (1, 2)) and word.endswith(("s", "d"))


def trim_gloss(quote: Quote) -> Quote:
    """The reported quote without a writer's gloss ending its content (see ``_GLOSS_AT``);
    a gloss inside quotation marks, or one a second dash closes, stays."""
    if quote.kind != "indirect":
        return quote
    for m in _GLOSS_AT.finditer(quote.text):
        head, rest = quote.text[: m.start()], quote.text[m.end() :]
        if (m.group("ing") or "") in _saying_participles():
            continue  # "..., adding that ...": a statement of its own, the speaker's
        if len(_MARKS.findall(head)) % 2 or len(head.split()) < 4:
            continue
        if m.group().strip() in ("–", "—", "--", ",") and (
            re.search(r"\s(?:–|—|--)\s", rest) or len(re.findall(r"\s(?:–|—|--)\s", head)) % 2
        ):
            continue  # a pair of dashes sets off an aside inside the content
        if any(_says(w) for w in re.findall(r"[a-z]+", rest.lower())):
            continue  # the tail reports a statement of its own ("what the senators said was")
        end = quote.start + len(head.rstrip(" ,;"))
        return dataclasses.replace(quote, end=end, text=quote.text[: end - quote.start])
    return quote


@functools.cache
def _gate() -> tuple[float, dict[str, float], float] | None:
    import json
    from importlib import resources

    path = resources.files("newsprism").joinpath("data", "reader_gate.json")
    if not path.is_file():
        return None
    doc = json.loads(path.read_text())
    return float(doc["bias"]), doc["weights"], float(doc["threshold"])


def reader_keeps(features: dict[str, float]) -> bool:
    """Whether the reader's gate keeps a statement with these :func:`reader_features`."""
    import math

    gate = _gate()
    if gate is None:
        return True
    bias, weights, threshold = gate
    z = bias + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-z)) >= threshold
