"""The named rules of the omission check (``OMISSION_RULES``), one test each.

"states-it" is tested in tests/test_explain_and_findings.py
(``test_an_outlet_stating_the_fact_elsewhere_does_not_omit_it``) and "written-before" in
tests/test_omissions_time.py; "nothing-shared" here. The rows of ``tests/data/omissions.jsonl``
labelled "other-event" are the real cases (a Comey-memos article "omitting" the DNC
lawsuit's statements in one story).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.compare import compare_story
from newsprism.compare.omissions import OMISSION_RULES
from newsprism.extract import extract
from newsprism.model import Article

DAY = dt.date(2013, 9, 14)
FACT = "Police said the climber fell about 600 metres from a ridge on Mount Sefton on Saturday."
SHARED = "A rescue helicopter from Christchurch recovered the body of the English climber."
OTHER_EVENT = (
    "The city council voted on Tuesday to raise parking fees in the harbour district. "
    "Shop owners said the new fees would drive customers away from the waterfront."
)


def _omitters(text_of_c: str) -> list[str]:
    arts = [
        Article(
            id="a", source_path="a.txt", outlet="Daily A", published=DAY, text=f"{FACT} {SHARED}"
        ),
        Article(
            id="b", source_path="b.txt", outlet="Herald B", published=DAY, text=f"{FACT} {SHARED}"
        ),
        Article(id="c", source_path="c.txt", outlet="Courier C", published=DAY, text=text_of_c),
    ]
    exs = {x.article_id: x for x in extract(arts)}
    return [m for o in compare_story(arts, exs)["omissions"] for m in o["missing_from"]]


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
    assert len(names) == len(set(names)) == 3
    assert all(r.reason for r in OMISSION_RULES)
