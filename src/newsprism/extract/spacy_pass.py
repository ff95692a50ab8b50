"""One spaCy pass per article, shared by the entity, quote, event and quantity extractors.

The whole text goes through the tokenizer, tok2vec (the token vectors), the named-entity
recogniser and the sentence recogniser only. The rest of the pipeline (tagger, dependency
parser, attribute ruler, lemmatizer) runs only on the sentences that need it: those with
a form of a verb of saying or acting (for quotes: a word the learned cue detector weighs
towards a cue), a quotation mark, "according to" or a number (#4, #7). Whether a word may
be a form of a verb is decided without tags, from the lemmatizer's own tables
(:func:`verb_lemmas`).

With the quote extractor's learned cues, about 97% of a news article's words are in such
sentences (80% with its lexicon alone), so the saving is less the parse than one parse
shared by all extractors. Measured on 160 articles of the benchmark corpus (86k words,
1 process, lexicon gate): 9.8 articles/s, against 8.1 with tagging over the whole text
and a second parse for quantities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsprism.errors import DocumentMismatchError
from newsprism.spacy_model import lemma_table, load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Sentence",
    "analyse",
    "analyse_many",
    "parsed_sentences",
    "char_to_sentence",
    "sentence_spans",
]

QUOTE_CHARS = "\"“”„‟«»‹›‘’'"
_QUOTE_RE = re.compile(r"[\"“”„‟«»‹›]|(?:^|(?<=[\s(\[]))[‘']|[’'](?=[\s,.;:!?)\]]|$)")
_NEEDS_PARSE_KEY = "newsprism_parsed_sentences"


# Components left out of the whole-text pass: they run on the sentences that need a parse.
_PARSE_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer")


def _nlp() -> Language:
    """The whole-text pipeline: tokenizer, tok2vec and NER (the sentence recogniser apart)."""
    return load_nlp(disable=_PARSE_PIPES)


def _parser_nlp() -> Language:
    """The full pipeline, whose tagging and parsing components parse selected sentences."""
    return load_nlp(disable=("ner",))


@functools.lru_cache(maxsize=1)
def _verb_tables() -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    exc = lemma_table("lemma_exc").get("verb", {})
    rules = [(old, new) for old, new in lemma_table("lemma_rules").get("verb", [])]
    return exc, rules


@functools.lru_cache(maxsize=65536)
def verb_lemmas(word: str) -> frozenset[str]:
    """Every lemma ``word`` could have as a verb ("said" → {"say"}, "notes" → {"note", ...}).

    Uses the English lemmatizer's exception list and suffix rules, without a tag, so it
    over-generates ("notes" → "note" and "notes"): fine for choosing sentences to parse.
    """
    low = word.lower()
    exc, rules = _verb_tables()
    out = {low, *exc.get(low, ())}
    for old, new in rules:
        if old and low.endswith(old) and len(low) > len(old) + 1:
            out.add(low[: len(low) - len(old)] + new)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def _verb_index() -> frozenset[str]:
    return frozenset(lemma_table("lemma_index").get("verb", ()))


def is_verb_form(word: str) -> bool:
    """Whether ``word`` is a form of a verb the English lemmatizer lists ("Entrusting":
    entrust; not "Sterling")."""
    return not _verb_index().isdisjoint(verb_lemmas(word))


def has_verb_form(sent: Span, lemmas: frozenset[str]) -> bool:
    """True when a word of ``sent`` may be a form of one of the verbs ``lemmas``."""
    return any(tok.is_alpha and not lemmas.isdisjoint(verb_lemmas(tok.text)) for tok in sent)


def _set_sentences(doc: Doc) -> Doc:
    """Add sentence boundaries (senter) when the doc has none; paragraph breaks always end one."""
    if not doc.has_annotation("SENT_START"):
        senter = _nlp().get_pipe("senter")
        doc = senter(doc)
        length = 0  # tokens since the last sentence start
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            length += 1
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                tok.is_sent_start = True
            elif tok.is_space and "\n" in tok.text and not prev.is_space:
                tok.is_sent_start = False
            elif tok.is_sent_start and _title_before(doc, tok):
                tok.is_sent_start = False  # "Sheriff's Sgt. Hoyt Teasley", "Gov. Abbott"
            elif tok.is_sent_start and tok.text[:1].islower() and tok.is_alpha:
                # "..., and said that ...": a sentence does not begin in lower case.
                tok.is_sent_start = False
            elif tok.is_sent_start and prev.is_alpha and length < _MAX_UNPUNCTUATED:
                # 'shouted "Allah hu | Akbar!"': inside a line, a sentence ends on a mark
                # (unpunctuated text still gets the recogniser's breaks past a length).
                tok.is_sent_start = False
            if tok.is_sent_start:
                length = 0
    return doc


_MAX_UNPUNCTUATED = 80  # tokens a sentence runs before a break after a bare word is kept

# Abbreviated titles before a name, plurals too ("Govs. Chris Christie of New Jersey and
# John Kasich of Ohio"): their full stop ends no sentence.
_TITLES = frozenset(
    """mr mrs ms dr prof sgt lt col gen maj capt cpl pvt adm cmdr gov sen rep rev hon pres
    supt det insp atty amb sec fr messrs drs govs sens reps gens""".split()
)


def _title_before(doc: Doc, tok: Token) -> bool:
    """``tok`` is a capitalised word right after an abbreviated title ("Sgt. Hoyt")."""
    if not tok.text[:1].isupper():
        return False
    prev = doc[tok.i - 1]
    if prev.text.endswith(".") and len(prev.text) > 1:
        word = prev.text[:-1]
    elif prev.text == "." and tok.i >= 2 and not doc[tok.i - 2].whitespace_:
        word = doc[tok.i - 2].text
    else:
        return False
    return word.lower() in _TITLES


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text`` (tokenizer and sentence recogniser only).

    The same sentences as :func:`analyse` gives, without NER; on the benchmark corpus
    about 12 ms an article, 60% of what pysbd took.
    """
    return spans_of(_set_sentences(_nlp().make_doc(text)))


def spans_of(doc: Doc) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``doc``, surrounding white space left out."""
    text = doc.text
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def analyse(text: str) -> Doc:
    """Run the shared pipeline without the parser over ``text`` (sentences set)."""
    return _set_sentences(_nlp()(text))


def analyse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Like :func:`analyse` for many texts, batched with ``nlp.pipe``."""
    for doc in _nlp().pipe(texts, batch_size=batch_size):
        yield _set_sentences(doc)


def ensure_doc(text: str, doc: Doc | None) -> Doc:
    """Return ``doc`` (with sentences) or analyse ``text`` when no doc was given."""
    if doc is None:
        return analyse(text)
    if doc.text != text:
        raise DocumentMismatchError(
            "doc.text differs from article.text; pass the doc made from this article"
        )
    return _set_sentences(doc)


@dataclass
class Sentence:
    """A sentence of the article; ``parse`` is a parsed copy (or the sentence itself)."""

    span: Span
    parse: Span | Doc | None
    offset: int  # add to parse token.idx to get article offsets

    @property
    def start_char(self) -> int:
        return int(self.span.start_char)

    @property
    def end_char(self) -> int:
        return int(self.span.end_char)

    def start(self, tok: Token) -> int:
        """Article offset of ``tok`` (a token of ``parse``)."""
        return int(tok.idx) + self.offset

    def end(self, tok: Token) -> int:
        return int(tok.idx) + len(tok.text) + self.offset


def _default_needs(sent: Span) -> bool:
    return True


def parsed_sentences(doc: Doc, needs: Callable[[Span], bool] = _default_needs) -> list[Sentence]:
    """Sentences of ``doc``, each parsed when ``needs(sentence)`` is true.

    Parses are cached on the doc, so the quote and event extractors share them.
    """
    cache: dict[int, Any] = doc.user_data.setdefault(_NEEDS_PARSE_KEY, {})
    has_parse = doc.has_annotation("DEP")
    out: list[Sentence] = []
    todo: list[tuple[int, int, Span]] = []
    sents = doc.user_data.get("newsprism_sents")
    if sents is None:
        sents = doc.user_data["newsprism_sents"] = list(doc.sents)
    for k, sent in enumerate(sents):
        if has_parse:
            # A doc parsed by the full pipeline: copy each sentence so that token
            # indices start at 0 in every sentence, as for the sentences parsed here.
            if k not in cache:
                cache[k] = sent.as_doc()
            out.append(Sentence(sent, cache[k], sent.start_char))
            continue
        if k in cache:
            out.append(Sentence(sent, cache[k], sent.start_char))
        elif needs(sent):
            out.append(Sentence(sent, None, sent.start_char))
            todo.append((len(out) - 1, k, sent))
        else:
            out.append(Sentence(sent, None, sent.start_char))
    if todo:
        from spacy.attrs import (
            ENT_IOB,
            ENT_TYPE,
            LEMMA,
            NORM,
            ORTH,
            POS,
            SPACY,
            TAG,
        )

        tagged = doc.has_annotation("TAG")
        head: tuple[int, ...] = (ORTH, SPACY, NORM, ENT_IOB, ENT_TYPE)
        if tagged:
            head = (*head, TAG, POS, LEMMA)
        subs = [sent.as_doc(array_head=head) for _, _, sent in todo]  # type: ignore[call-arg]
        # A tagged doc needs only the parser; one without token vectors needs tok2vec too.
        pipes = ("parser",) if tagged else _PARSE_PIPES
        if not tagged and (doc.tensor is None or not doc.tensor.size):
            pipes = ("tok2vec", *pipes)
        for (pos, k, _), sub in zip(todo, _parse_docs(subs, pipes), strict=True):
            out[pos].parse = sub
            cache[k] = sub
    return out


def _parse_docs(docs: list[Doc], pipes: tuple[str, ...]) -> list[Doc]:
    """Run the full pipeline's ``pipes`` over sentence docs (their entities kept).

    The sentence docs are cut from the whole-text doc with ``as_doc``, which copies its
    token vectors (``doc.tensor``): the tagger's and parser's tok2vec listeners read them,
    so tok2vec need not run again and every sentence is seen in its context.
    """
    nlp = _parser_nlp()
    stream: Iterable[Doc] = docs
    for name in pipes:
        proc: Any = nlp.get_pipe(name)
        stream = proc.pipe(stream, batch_size=64) if hasattr(proc, "pipe") else map(proc, stream)
    return list(stream)


def char_to_sentence(sentences: list[Sentence], char: int) -> int:
    """Index of the sentence containing article offset ``char`` (-1 if none)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if char < s.start_char:
            hi = mid - 1
        elif char >= s.end_char:
            lo = mid + 1
        else:
            return mid
    return -1


def quote_mark_positions(text: str) -> list[int]:
    """Offsets of characters that look like quotation marks (not apostrophes)."""
    return [m.start() for m in _QUOTE_RE.finditer(text)]
