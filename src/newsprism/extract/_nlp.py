"""One spaCy pass per article, shared by the entity, quote and event extractors.

The whole text goes through tok2vec, tagger, lemmatizer, NER and the sentence recogniser;
the dependency parser, the slow part, runs only on the sentences that need it (those with a
verb of saying or acting, a quotation mark or "according to"), reusing the token vectors
already computed for the whole text (#4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsprism.nlp import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["Sentence", "analyse", "analyse_many", "parsed_sentences", "char_to_sentence"]

QUOTE_CHARS = "\"“”„‟«»‹›‘’'"
_QUOTE_RE = re.compile(r"[\"“”„‟«»‹›]|(?:^|(?<=[\s(\[]))[‘']|[’'](?=[\s,.;:!?)\]]|$)")
_NEEDS_PARSE_KEY = "newsprism_parsed_sentences"


def _nlp() -> Language:
    return load_nlp(disable=("parser",))


def _set_sentences(doc: Doc) -> Doc:
    """Add sentence boundaries (senter) when the doc has none; paragraph breaks always end one."""
    if not doc.has_annotation("SENT_START"):
        senter = _nlp().get_pipe("senter")
        doc = senter(doc)
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                tok.is_sent_start = True
            elif tok.is_space and "\n" in tok.text and not prev.is_space:
                tok.is_sent_start = False
            elif tok.is_sent_start and tok.text[:1].islower() and tok.is_alpha:
                # "..., and said that ...": a sentence does not begin in lower case.
                tok.is_sent_start = False
    return doc


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
        raise ValueError("doc.text differs from article.text; pass the doc made from this article")
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
    parser: Any = None if has_parse else _nlp().get_pipe("parser")
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
    if todo and parser is not None:
        from spacy.attrs import (  # type: ignore[import-not-found]
            ENT_IOB,
            ENT_TYPE,
            LEMMA,
            NORM,
            ORTH,
            POS,
            SPACY,
            TAG,
        )

        head = (ORTH, SPACY, NORM, TAG, POS, LEMMA, ENT_IOB, ENT_TYPE)
        sub_docs = [sent.as_doc(array_head=head) for _, _, sent in todo]  # type: ignore[call-arg]
        # The parser's tok2vec listener reads doc.tensor at prediction time, which
        # as_doc() copies from the whole-text pass: no second tok2vec run is needed.
        for (pos, k, _), sub in zip(todo, parser.pipe(sub_docs), strict=True):
            out[pos].parse = sub
            cache[k] = sub
    return out


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
