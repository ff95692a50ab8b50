"""An article written before a fact was first reported cannot omit it (#16, round 3 hand
check: a debate piece of 10 March 'omitted' the speeches of 21 March), nor one written more
than a week after it was last reported (round 3 n 9: a piece of 16 March on the Missouri
primary 'omitted' Sanders's Super Tuesday wins of 1 March)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsprism.extract import extract
from omission_story import omitters

DAY = dt.date(2016, 3, 21)
FACT = (
    "Senator Bernie Sanders was the only major candidate who skipped the AIPAC meeting in "
    "Washington on Monday."
)
OTHER = "The candidates spoke about the economy and about trade with China at length."


def _omitted_by(day_of_c: dt.date) -> list[str]:
    return omitters(f"{FACT} {OTHER}", OTHER, DAY, day_of_c)


@pytest.mark.parametrize(("days_before", "omits"), [(0, True), (1, True), (11, False)])
def test_an_article_cannot_omit_what_was_reported_after_it(days_before, omits):
    assert ("c" in _omitted_by(DAY - dt.timedelta(days=days_before))) is omits


@pytest.mark.parametrize(("days_after", "omits"), [(0, True), (7, True), (8, False), (14, False)])
def test_an_article_a_week_after_the_fact_covers_a_later_development(days_after, omits):
    assert ("c" in _omitted_by(DAY + dt.timedelta(days=days_after))) is omits


EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
# docs/handcheck-round3.md n 9 (tests/data/omissions.jsonl, "other-event"): the Super
# Tuesday results of 1 March against a HuffPost piece of 16 March on the Missouri primary.
SUPER_TUESDAY = [
    ("polnear", "usa-today_2016-03-02_no-clear-path-points-to-white-ho"),
    ("polnear", "breitbart_2016-03-01_the-latest-sanders-wins-minnesot"),
    ("polnear", "huff-post_2016-03-16_hillary-clinton-wins-missouri-de"),
]


@pytest.mark.skipif(not (EVAL / "polnear").exists(), reason="../shared/eval absent")
def test_a_piece_two_weeks_later_does_not_omit_the_earlier_results():
    from newsprism.compare import compare_story
    from newsprism.evaluate.hand_checked import read_articles

    found = read_articles(set(SUPER_TUESDAY), EVAL)
    arts = [found[k] for k in SUPER_TUESDAY]
    exs = {x.article_id: x for x in extract(arts)}
    omissions = compare_story(arts, exs)["omissions"]
    late = arts[-1].id
    assert not [o for o in omissions if late in o["missing_from"]]
