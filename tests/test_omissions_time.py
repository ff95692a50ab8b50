"""An article written before a fact was first reported cannot omit it (#16, round 3 hand
check: a debate piece of 10 March 'omitted' the speeches of 21 March)."""

from __future__ import annotations

import datetime as dt

import pytest

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
