"""The named rules of the omission check (``OMISSION_RULES``), one test each.

"renders-its-quote" is tested in tests/test_compare.py
(``test_an_outlet_rendering_the_quoted_statement_does_not_omit_it``, the sample's Kremlin
readout). "states-it" is tested in tests/test_explain_and_findings.py
(``test_an_outlet_stating_the_fact_elsewhere_does_not_omit_it``) and here (its coverage
route, with irregular inflections), "written-before" and "written-after" in
tests/test_omissions_time.py; "nothing-shared" here. The rows of ``tests/data/omissions.jsonl``
labelled "other-event" are the real cases (a Comey-memos article "omitting" the DNC
lawsuit's statements in one story).
"""

from __future__ import annotations

import datetime as dt

import pytest

from claim_texts import claims_of
from newsprism.compare.omissions import OMISSION_RULES
from omission_story import omitters

DAY = dt.date(2013, 9, 14)
FACT = "Police said the climber fell about 600 metres from a ridge on Mount Sefton on Saturday."
SHARED = "A rescue helicopter from Christchurch recovered the body of the English climber."
OTHER_EVENT = (
    "The city council voted on Tuesday to raise parking fees in the harbour district. "
    "Shop owners said the new fees would drive customers away from the waterfront."
)


def _omitters(text_of_c: str) -> list[str]:
    return omitters(f"{FACT} {SHARED}", text_of_c, DAY, DAY)


@pytest.mark.parametrize(
    ("text_of_c", "omits"),
    [
        (SHARED, True),  # covers the accident, leaves the fall out: an omission
        (OTHER_EVENT, False),  # reports nothing the carriers report: another event
    ],
)
def test_nothing_shared_means_another_event_not_an_omission(text_of_c, omits):
    assert ("c" in _omitters(text_of_c)) is omits


def test_every_omission_rule_has_a_reason_and_a_unique_name():
    names = [r.name for r in OMISSION_RULES]
    assert len(names) == len(set(names)) == 5
    assert all(r.reason for r in OMISSION_RULES)


# ECB+ 12_ecb (docs/handcheck.md round 1 n 38, judged FALSE: the article states it).
PIRATES = (
    "The Indian navy said it has captured 23 Somali and Yemeni pirates who attacked a "
    "merchant vessel in the Gulf of Aden on Saturday."
)
MYSORE = (
    "Striking yet another blow at the very heart of piracy in the Gulf of Aden, Indian "
    "warship INS Mysore and its marine commandos thwarted a hijack attempt on an Ethiopian "
    "merchant vessel on Saturday and captured 23 pirates and a large arms cache in the "
    "operation.",
    "The arrest of the 23 pirates (12 Somali and 11 Yemeni) and the arms haul is the largest "
    "such seizure in the ongoing anti-piracy operations off Somalia.",
)
# ECB+ 19_ecbplus: a short quotation, and an article that does not have it.
YOUTH = "The youth in this community have no outlets for their anger, no community."
LEE = (
    "The Rev. Terry Lee said the community did not rise up more frequently in anger over "
    "those shootings, and the youth ministry he runs had grown.",
)


@pytest.mark.parametrize(
    ("fact", "other", "covered"),
    [
        (PIRATES, MYSORE, True),  # the fact's words over two sentences: it states it
        (YOUTH, LEE, False),  # four content words are covered by chance
    ],
)
def test_states_it_in_other_sentences_words(fact, other, covered):
    from newsprism.compare.omissions import Sentences

    by = {
        "a": claims_of("a", fact, "Pirates have attacked dozens of ships this year."),
        "c": claims_of("c", *other),
    }
    assert Sentences(by).covers([by["a"][0]], "c") is covered


# ECB+ 23 (docs/handcheck.md round 2 n 25, judged FALSE: the article states it): the
# carriers' "have fallen to their deaths" is the omitting article's "fell ... to his own
# death" and "died ... after falling"; "fallen" and "fell" are one word only by the
# lemmatizer's table of irregular inflections.
CLIMBERS = (
    "One Australian and one English climber have fallen to their deaths in New Zealand.",
    "Police Inspector Dave Gaskin said Monday the two incidents on consecutive days in the "
    "Aoraki - Mt. Cook National Park were not related and were not due to bad weather.",
    "He says they come as a reminder that climbers need to use extreme caution.",
)
FIRSTTRACKS = (
    "A 36-year-old Australian man died on Friday after falling 150 meters from a ridge in "
    "Aoraki / Mt. Cook National Park on New Zealand ’ s South Island.",
    "Rait was returned to Mt. Cook Village, where he was pronounced dead.",
    "The day following Rait ’ s death an inexperienced and reportedly ill - equipped "
    "mountain climber with rental gear, 31-year-old Robert Buckley of the U. K. but living "
    "in Christchurch, New Zealand, slipped on ice and fell 700 meters to his own death "
    "elsewhere in the same National Park.",
)


def test_states_it_reads_irregular_inflections():
    from newsprism.compare.omissions import STATES_COVERAGE, Sentences

    by = {"a": claims_of("a", *CLIMBERS), "c": claims_of("c", *FIRSTTRACKS)}
    sentences = Sentences(by)
    fact = by["a"][0]
    assert sentences.covers([fact], "c")
    # word for word (no "fallen" in "fell") it is not covered
    assert all(
        sentences.coverage(fact, sentences.claims[k]) < STATES_COVERAGE
        for k in sentences.by_article["c"]
    )


@pytest.mark.parametrize(
    ("fact", "sentence", "more"),
    [
        ("The climbers have fallen to their deaths.", "A climber fell to his death.", True),
        ("The men won the race in Paris.", "A man wins the race in Paris.", True),
        ("The wounded soldier was flown home.", "A soldier with a wound was flown home.", False),
        ("The climbers have fallen to their deaths.", "A climber died in a ski accident.", False),
    ],
)
def test_inflected_coverage_counts_a_word_in_any_inflection(fact, sentence, more):
    from newsprism.compare.omissions import Sentences

    by = {"a": claims_of("a", fact), "c": claims_of("c", sentence)}
    sentences = Sentences(by)
    plain = sentences.coverage(by["a"][0], by["c"][0])
    inflected = sentences.coverage(by["a"][0], by["c"][0], inflections=True)
    # irregular forms only ("wounded" / "wound" are one stem already; "died" is no "fallen")
    assert bool(inflected > plain) is more
    assert inflected >= plain
