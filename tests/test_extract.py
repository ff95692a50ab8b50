"""The combined extractor: one spaCy pass, all five lists, JSON-ready output."""

from __future__ import annotations

import json

import pytest

from newsprism.extract import (
    canonicalize_extractions,
    extract,
    extract_article,
    extraction_to_dict,
)
from newsprism.extract.quotes import _needs_parse
from newsprism.extract.spacy_pass import analyse, parsed_sentences
from newsprism.model import Article, Extraction
from seeds import PUBLISHED, SAMPLE


@pytest.fixture(scope="module")
def articles():
    out = []
    for path in sorted(SAMPLE.glob("*.txt")):
        prefix = path.name[:3]
        out.append(
            Article(
                id=prefix,
                source_path=str(path),
                text=path.read_text(encoding="utf-8"),
                published=PUBLISHED[prefix],
            )
        )
    return out


@pytest.fixture(scope="module")
def extractions(articles):
    return list(extract(articles, batch_size=2))


def test_one_extraction_per_article_in_order(articles, extractions):
    assert [x.article_id for x in extractions] == [a.id for a in articles]
    for x in extractions:
        assert isinstance(x, Extraction)
        assert x.entities and x.quotes and x.events


def test_batched_equals_single(articles, extractions):
    single = extract_article(articles[1])
    assert single == extractions[1]


def test_all_offsets_valid(articles, extractions):
    for article, x in zip(articles, extractions, strict=True):
        for item in (*x.entities, *x.quotes, *x.dates, *x.quantities):
            assert article.text[item.start : item.end] == item.text
        for ev in x.events:
            assert 0 <= ev.start < ev.end <= len(article.text)


def test_dates_and_quantities_included(extractions):
    values = {d.value for x in extractions for d in x.dates}
    assert "2022-02-20" in values  # "on Sunday" in articles of 20/21 February 2022
    assert any(q.value == 105 for x in extractions for q in x.quantities)


def test_to_dict_is_json_ready(extractions):
    d = extraction_to_dict(extractions[0])
    assert set(d) == {"entities", "quotes", "dates", "quantities", "events"}
    assert all("article_id" not in row for rows in d.values() for row in rows)
    assert {"speaker", "cue", "text", "kind", "start", "end"} <= set(d["quotes"][0])
    assert json.loads(json.dumps(d)) == d


def test_canonical_names_across_articles(extractions):
    merged = canonicalize_extractions(extractions)
    lavrov = {e.canonical for x in merged for e in x.entities if "Lavrov" in e.text}
    assert len(lavrov) == 1
    # Speakers and actors are renamed with the same mapping.
    assert len(merged) == len(extractions)
    assert all(len(a.quotes) == len(b.quotes) for a, b in zip(merged, extractions, strict=True))


def test_parser_runs_only_on_candidate_sentences(articles):
    doc = analyse(articles[3].text)
    assert not doc.has_annotation("DEP")
    sentences = parsed_sentences(doc, _needs_parse)
    parsed = [s for s in sentences if s.parse is not None]
    assert 0 < len(parsed) < len(sentences)
    for s in parsed:
        assert _needs_parse(s.span)


def test_a_fully_parsed_doc_is_accepted(articles):
    from newsprism.extract.events import extract_events
    from newsprism.extract.quotes import extract_quotes
    from newsprism.spacy_model import load_nlp

    article = articles[1]
    doc = load_nlp()(article.text)
    quotes = extract_quotes(article, doc)
    events = extract_events(article, doc, dates=[])
    assert quotes and events
    assert all(article.text[q.start : q.end] == q.text for q in quotes)
    assert any(q.speaker == "Jen Psaki" for q in quotes)


def test_whole_text_is_not_tagged_and_parsed_sentences_are(articles):
    doc = analyse(articles[0].text)
    assert doc.has_annotation("ENT_IOB") and not doc.has_annotation("TAG")
    for s in parsed_sentences(doc, _needs_parse):
        if s.parse is not None:
            assert s.parse.has_annotation("DEP") and s.parse.has_annotation("TAG")
            assert s.parse.text.strip() == s.span.text.strip()


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("said", "say"), ("says", "say"), ("notes", "note"), ("warned", "warn"),
     ("met", "meet"), ("withdrew", "withdraw"), ("calling", "call"), ("accused", "accuse")],
)  # fmt: skip
def test_verb_forms_without_tags(word, lemma):
    from newsprism.extract.spacy_pass import verb_lemmas

    assert lemma in verb_lemmas(word)
    assert lemma in verb_lemmas(word.capitalize())


def test_sentence_without_cue_is_not_parsed():
    from newsprism.extract.spacy_pass import has_verb_form

    doc = analyse("The weather was grey over the capital. Putin said the talks were useful.")
    first, second = list(doc.sents)
    assert not _needs_parse(first)
    assert _needs_parse(second) and has_verb_form(second, frozenset({"say"}))


def test_a_sentence_does_not_end_on_a_bare_word_inside_a_line():
    from newsprism.extract.spacy_pass import sentence_spans

    text = (
        'At one point on Sunday, Trump tweeted, "Reporting that Orlando killer shouted '
        '"Allah hu Akbar!" as he slaughtered clubgoers." This appeared to be an altered tweet.'
        "\nA headline without a full stop\nThe next paragraph."
    )
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == [
        'At one point on Sunday, Trump tweeted, "Reporting that Orlando killer shouted '
        '"Allah hu Akbar!" as he slaughtered clubgoers."',
        "This appeared to be an altered tweet.",
        "A headline without a full stop",
        "The next paragraph.",
    ]


def test_a_sentence_does_not_end_on_an_abbreviated_title():
    # ECB+'s Brian Nichols coverage: the summary quoted "Hoyt Teasley outside the courthouse
    # and killing ..." as a sentence.
    from newsprism.extract.spacy_pass import sentence_spans

    text = (
        "Nichols was convicted of killing Sheriff's Sgt. Hoyt Teasley outside the courthouse. "
        "He sat next to the Rev. Al Sharpton. I live on Main St. The house is big."
    )
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got[:2] == [
        "Nichols was convicted of killing Sheriff's Sgt. Hoyt Teasley outside the courthouse.",
        "He sat next to the Rev. Al Sharpton.",
    ]


def test_a_plural_title_ends_no_sentence_either():
    # PolNeAR January 2016 (docs/handcheck-jan.md): "Chris Christie of New Jersey and John
    # Kasich of Ohio." was a claim of its own, and "New Jersey Gov." a label.
    from newsprism.extract.spacy_pass import sentence_spans

    text = (
        "The mainstream candidates, Govs. Chris Christie of New Jersey and John Kasich of "
        "Ohio, are betting on New Hampshire. Sens. Ted Cruz and Marco Rubio went to Iowa."
    )
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == [
        "The mainstream candidates, Govs. Chris Christie of New Jersey and John Kasich of "
        "Ohio, are betting on New Hampshire.",
        "Sens. Ted Cruz and Marco Rubio went to Iowa.",
    ]
