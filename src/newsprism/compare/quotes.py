"""Renderings of one statement by different outlets, grouped."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from newsprism.compare.claims import tfidf
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.embedding import embed
from newsprism.compare.text import WORD, content_tokens
from newsprism.model import Article, Extraction, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    return set(content_tokens(" ".join(caps)))


# Static-MiniLM cosine at which one speaker's two renderings sharing substance are one
# statement. Measured on the sample and NewsWCL50 events 0-4: at 0.78 the one new group is
# the Kremlin readout's two translations (right); at 0.75 Putin's security demands also
# swallowed his complaint about NATO arms (wrong) and a Kim group took in other pledges.
QUOTE_MEANING = 0.78


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
            quotes.extend(q for q in ex.quotes if len(WORD.findall(q.text)) >= 4)
    if not quotes:
        return []
    matrix = tfidf([q.text for q in quotes])
    sims = (matrix @ matrix.T).toarray() if matrix is not None else np.eye(len(quotes))
    # Translations share meaning more than words: "the presidents believe it is important
    # to intensify efforts" / "considered it expedient to intensify the search" (TF-IDF
    # 0.17, static MiniLM 0.80). One speaker's renderings that share substance are one
    # statement when the sentence model puts them this close (#16).

    vectors = embed([q.text for q in quotes])
    meaning = vectors @ vectors.T
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
    short = [len(WORD.findall(q.text)) < config.quote_fragment_words for q in quotes]
    names = [_speaker_words(q.speaker) for q in quotes]
    # Speaker words are no evidence of one statement: "Sanders" in two of his quotes.
    words = [set(content_tokens(q.text)) - names[i] for i, q in enumerate(quotes)]
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
            ) or (
                same_speaker
                and (s >= config.quote_speaker_threshold or meaning[i, j] >= QUOTE_MEANING)
                and shares_substance(i, j)
            ):
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
    out.sort(
        key=lambda g: (
            -len({keys[a] for a in cast(list[str], g["articles"])}),
            -len(cast(str, g["text"])),
        )
    )
    aliases = {
        ent.text.lower(): ent.canonical.lower()
        for a in articles
        if (ex := extractions.get(a.id)) is not None
        for ent in ex.entities
    }
    return flag_differing_renderings(out, aliases, {a.id: a.text for a in articles})


# --- Differing renderings (#16 Build 3, quote variants) --------------------------------
#
# A group holds renderings of one statement; most differ only in wording. This pass
# compares each rendering with the group's reference (its `text`, the longest rendering)
# word by word and names how their meaning differs. Each reason is one entry of
# _DIFFERENCES, tested on its own; a variant's `differs` lists the entries that fired.

# Grammatical negators (not loaded words): a child that negates the predicate it hangs on.
_NEGATORS = frozenset("not n't never no nothing nobody none nowhere".split())
# Predicates that negate their complement: "denied that he colluded", "refusing to implement".
_NEGATING_HEADS = frozenset("deny refuse fail decline denial refusal failure".split())
# Arguments through which a negative determiner negates the clause: "no charges were filed".
_ARGUMENTS = frozenset("nsubj nsubjpass dobj attr".split())
# Complements that inherit their head's negation ("did not plan to go", "refusal to
# implement"). Not ccomp: "did not say that X" does not deny X, and "failed to note that
# X" asserts it; only a negating head ("denied that X") reaches into a that-clause.
_COMPLEMENTS = frozenset("xcomp acl".split())
_PREDICATES = frozenset("VERB AUX ADJ".split())
_CONTENT = frozenset("VERB ADJ NOUN PROPN NUM".split())
_QUOTE_MARKS = re.compile(r"[\"“”„‟«»‹›]|(?:^|(?<=\s))['‘]|['’](?=\s|$)")


def _negation_count(tok: Token) -> int:
    """How many negators attach to ``tok``: its own ("did not go", "no charges"), a
    negating head's ("refused to go", "without going") and, through complements, its
    head's ("did not plan to go")."""
    n = sum(1 for child in tok.children if child.dep_ == "neg" or child.lower_ in _NEGATORS)
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
        n += 1
    if tok.head is not tok and tok.dep_ in _COMPLEMENTS:
        n += _negation_count(tok.head)
    if tok.head is not tok and tok.dep_ in (*_COMPLEMENTS, "ccomp"):
        n += tok.head.lemma_.lower() in _NEGATING_HEADS
    return n


def _clause_negation_count(tok: Token) -> int:
    """Negators of the clause of predicate ``tok``: its own and a negative argument's
    ("no charges were filed", "filed no charges", "nothing changed")."""
    n = _negation_count(tok)
    for arg in tok.children:
        if arg.dep_ in _ARGUMENTS and (
            arg.lower_ in _NEGATORS
            or any(g.dep_ == "det" and g.lower_ in _NEGATORS for g in arg.children)
        ):
            n += 1
    return n


def _has_negator(tok: Token) -> bool:
    """Whether any negator lies in ``tok``'s subtree (or is a negating head above it)."""
    return _negation_count(tok) > 0 or any(
        t.dep_ == "neg" or t.lower_ in _NEGATORS or t.lemma_.lower() in _NEGATING_HEADS
        for t in tok.subtree
    )


@dataclass(frozen=True)
class _Rendering:
    """A quote's words as parsed: the tokens compared and their keys (lemma or number)."""

    tokens: tuple[Token, ...]
    keys: tuple[str, ...]

    @classmethod
    def parse(cls, doc: Doc, start: int = 0) -> _Rendering:
        """The words of ``doc`` from character ``start`` on (before it: the context)."""
        tokens = tuple(t for t in doc if t.idx >= start and not (t.is_punct or t.is_space))
        keys = tuple(t.lower_ if t.like_num else t.lemma_.lower() for t in tokens)
        return cls(tokens, keys)


@dataclass(frozen=True)
class _Pair:
    """A rendering aligned with the reference: token pairs of equal words and the opcodes."""

    ref: _Rendering
    other: _Rendering
    aligned: tuple[tuple[int, int, int], ...]  # (ref index, other index, block size)
    opcodes: tuple[tuple[str, int, int, int, int], ...]  # inside the aligned span only
    aliases: Mapping[str, str]

    @classmethod
    def align(cls, ref: _Rendering, other: _Rendering, aliases: Mapping[str, str]) -> _Pair:
        matcher = difflib.SequenceMatcher(a=ref.keys, b=other.keys, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        aligned = tuple((b.a + k, b.b + k, b.size) for b in blocks for k in range(b.size))
        ops: tuple[tuple[str, int, int, int, int], ...] = ()
        if blocks:
            # Only what lies between the first and last shared word: a rendering that
            # quotes half the statement does not differ on the half it leaves out.
            first, last = blocks[0], blocks[-1]
            ops = tuple(
                op
                for op in matcher.get_opcodes()
                if op[0] != "equal"
                and op[1] >= first.a
                and op[2] <= last.a + last.size
                and op[3] >= first.b
                and op[4] <= last.b + last.size
            )
        return cls(ref, other, aligned, ops, aliases)

    def anchored(self) -> list[tuple[Token, Token]]:
        """Aligned token pairs that are one word in one place: in a run of two or more
        shared words, or with a shared word among their heads and dependants."""
        index = {(i, j) for i, j, _ in self.aligned}
        ref_pos = {t.i: k for k, t in enumerate(self.ref.tokens)}
        other_pos = {t.i: k for k, t in enumerate(self.other.tokens)}
        out = []
        for i, j, size in self.aligned:
            a, b = self.ref.tokens[i], self.other.tokens[j]
            if size < 2:
                near_a = [ref_pos.get(t.i) for t in (a.head, *a.children) if t is not a]
                near_b = [other_pos.get(t.i) for t in (b.head, *b.children) if t is not b]
                if not any((x, y) in index for x in near_a for y in near_b):
                    continue
            out.append((a, b))
        return out


def _differs_in_negation(pair: _Pair) -> bool:
    """A predicate both renderings share is negated in one and affirmed in the other,
    with no negator anywhere under it ("no charges were filed" / "charges were filed").

    The last condition keeps negation moved within a statement a paraphrase: "show no
    collusion" and "show that there was no collusion" agree; "filed no charges" and "did
    not file charges" agree by the clause count.
    """

    def negated_against(x: Token, y: Token) -> bool:
        return _clause_negation_count(x) % 2 == 1 and not _has_negator(y)

    return any(
        a.pos_ in _PREDICATES
        and b.pos_ in _PREDICATES
        and (negated_against(a, b) or negated_against(b, a))
        for a, b in pair.anchored()
    )


def _differs_in_figure(pair: _Pair, longest: int = 6) -> bool:
    """Between shared words, one rendering gives a number where the other gives another
    ("105 minutes" / "45 minutes"; "three" and "3" are one number)."""
    from newsprism.compare.text import figure_numbers

    def numbers(tokens: Sequence[Token]) -> frozenset[float]:
        # Digits, and number words counting a noun: "three people", not "the one who".
        if not any(t.text[:1].isdigit() or t.dep_ in ("nummod", "quantmod") for t in tokens):
            return frozenset()
        return figure_numbers(" ".join(t.text for t in tokens))

    for tag, i1, i2, j1, j2 in pair.opcodes:
        if tag != "replace" or i2 - i1 > longest or j2 - j1 > longest:
            continue
        one = numbers(pair.ref.tokens[i1:i2])
        two = numbers(pair.other.tokens[j1:j2])
        if one and two and not one & two:
            return True
    return False


def _actor(verb: Token) -> Token | None:
    """Who does what ``verb`` says: its subject, or the agent of a passive."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _names(tok: Token, aliases: Mapping[str, str]) -> set[str]:
    """The names of an actor phrase ("North Korea", "Russia's military"), as canonical
    entity names where the story has one."""
    words = [t for t in tok.subtree if t.pos_ == "PROPN" or (t.is_title and t.pos_ == "ADJ")]
    if not words or tok.pos_ == "PRON":
        return set()
    phrase = " ".join(t.text for t in words).lower()
    if phrase in aliases:
        return {aliases[phrase]}
    return {aliases.get(t.lower_, t.lower_) for t in words}


def _same_name(one: str, two: str) -> bool:
    """Spellings of one name: "Kiev"/"Kyiv", "Russia"/"Russian", "Kim"/"Kim Jong Un"."""
    if (
        one.startswith(two[:5])
        or two.startswith(one[:5])
        or one in two.split()
        or two in one.split()
    ):
        return True
    return difflib.SequenceMatcher(a=one, b=two).ratio() >= 0.75


def _differs_in_subject(pair: _Pair) -> bool:
    """A verb both renderings share has a different named actor ("Russia will not
    attack" / "Ukraine will not attack")."""
    for a, b in pair.anchored():
        if a.pos_ != "VERB" or b.pos_ != "VERB":
            continue
        x, y = _actor(a), _actor(b)
        if x is None or y is None:
            continue
        one, two = _names(x, pair.aliases), _names(y, pair.aliases)
        if one and two and not any(_same_name(m, n) for m in one for n in two):
            return True
    return False


# name, test, reason: one entry per way two renderings can differ in meaning.
_DIFFERENCES: tuple[tuple[str, Callable[[_Pair], bool], str], ...] = (
    ("negation", _differs_in_negation, "a shared predicate is negated in one rendering only"),
    ("figure", _differs_in_figure, "the renderings give different numbers in one place"),
    ("subject", _differs_in_subject, "a shared verb has a different named actor"),
)


def differences(ref: _Rendering, other: _Rendering, aliases: Mapping[str, str]) -> list[str]:
    """The names of the _DIFFERENCES entries by which ``other`` differs from ``ref``."""
    if ref.keys == other.keys:
        return []
    pair = _Pair.align(ref, other, aliases)
    return [name for name, test, _reason in _DIFFERENCES if test(pair)]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def _in_context(variant: Mapping[str, Any], texts: Mapping[str, str]) -> tuple[str, int]:
    """The variant's text with its sentence's words before it, and where the quote starts.

    A rendering cut from its sentence can leave its negation outside ("failing | to address
    ethnic violence"); parsed in its sentence, the negator still governs its words.
    """
    text, start, end = texts.get(variant["article"], ""), variant.get("start"), variant.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != variant["text"]:
        return variant["text"], 0
    if not variant["text"].lstrip("\"“”„‟«»‹›‘’' ")[:1].islower():
        # A quotation from its first word is parsed alone: what precedes it would only
        # perturb its parse (one sentence parsed two ways would "differ" from itself).
        return variant["text"], 0
    before = text[max(0, start - 400) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    head = before[ends[-1] :] if ends else before
    return head + variant["text"], len(head)


def _parse_texts(texts: Sequence[tuple[str, int]]) -> list[_Rendering]:
    """Parse quote texts in context (quote marks blanked, so they do not split the parse)."""
    from newsprism.spacy_model import load_nlp

    nlp = load_nlp(disable=("ner",))
    clean = [_QUOTE_MARKS.sub(" ", t) for t, _ in texts]
    docs = nlp.pipe(clean, batch_size=32)
    return [_Rendering.parse(doc, start) for doc, (_, start) in zip(docs, texts, strict=True)]


def reference_index(variants: Sequence[Mapping[str, Any]]) -> int:
    """The variant the others are compared with: the longest verbatim quotation, else the
    longest rendering (the speaker's own words are the best witness of the statement)."""
    return max(
        range(len(variants)),
        key=lambda i: (variants[i].get("kind") == "direct", len(variants[i]["text"])),
    )


def flag_differing_renderings(
    groups: list[dict[str, Any]],
    aliases: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Add ``differs`` to each variant, ``reference`` and ``differing`` to each quote group.

    A variant's ``differs`` lists how its meaning departs from the group's reference
    rendering (``variants[reference]``, see :func:`reference_index`): ``negation``,
    ``figure``, ``subject`` (one entry each of ``_DIFFERENCES``); empty when none applies.
    Only groups carried by two or more articles are compared. ``aliases`` maps lower-cased
    entity mentions to their canonical name ("the US" and "the United States" are one
    actor); ``texts`` maps article ids to their text, so each rendering is parsed in its
    sentence.
    """
    aliases = aliases or {}
    texts = texts or {}
    todo = [g for g in groups if len({v["article"] for v in g["variants"]}) >= 2]
    keyed = [(id(v), _in_context(v, texts)) for g in todo for v in g["variants"]]
    parsed = dict(zip([k for k, _ in keyed], _parse_texts([c for _, c in keyed]), strict=True))
    out = []
    for g in groups:
        ref = reference_index(g["variants"])
        variants = []
        for i, v in enumerate(g["variants"]):
            reasons = (
                differences(parsed[id(g["variants"][ref])], parsed[id(v)], aliases)
                if id(v) in parsed and i != ref
                else []
            )
            variants.append({**v, "differs": reasons})
        out.append(
            {
                **g,
                "variants": variants,
                "reference": ref,
                "differing": any(v["differs"] for v in variants),
            }
        )
    return out
