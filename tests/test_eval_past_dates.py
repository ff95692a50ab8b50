"""``eval past-dates``: past events dated after their article (issue #19's criterion).

The checker flags a date resolved after publication whose governing verb is past; a
reader then tells the resolver's errors from a past verb governing a future date.
``tests/data/past_dates_judged.jsonl`` holds the verdicts on every date it flagged in
PolNeAR (train and dev), MEANTIME, NewsWCL50 and TempEval-3 before the fixes of
docs/dates.md ("Past events after publication"): ``error`` (a past event dated after
publication), ``false alarm`` (the date is to come, written out, not a date, or the parse
is wrong) or ``stale publication date`` (the text's own day is after the metadata's).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.evaluate.past_dates import (
    governing_verb,
    is_past_tense,
    late_past_dates,
    read_dated_articles,
    starts_after,
)
from newsprism.model import Article
from seeds import PUBLISHED, raw_seed_article

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "past_dates_judged.jsonl"
EVAL = Path(os.environ.get("NEWSPRISM_EVAL_DIR", ROOT.parent / "shared" / "eval"))
# Real errors still flagged, per corpus, measured 2026-12-05 after the fixes (before them:
# PolNeAR 23, MEANTIME 0, NewsWCL50 1, TempEval-3 5).
ERRORS_LEFT = {"polnear": 4, "meantime": 0, "newswcl50": 0, "tempeval": 2}
CORPORA = {
    "polnear": "polnear",
    "meantime": "meantime",
    "newswcl50": "newswcl50",
    "tempeval": "tempeval3",
}


@pytest.mark.parametrize(
    ("value", "after"),
    [
        ("2016-03-09", True),
        ("2016-03-08", False),
        ("2016-03-09TNI", True),
        ("2016-03-09T06:30", True),
        ("2016-03", False),
        ("2016-04", True),
        ("2016-Q2", True),
        ("2016-Q1", False),
        ("2016-SU", True),
        ("2016-WI", False),
        ("2017", True),
        ("2016", False),
        ("2016-W11", True),
        ("2016-W10", False),
        ("PAST_REF", False),
        ("P3D", False),
        ("XXXX-WXX-2", False),
    ],
)
def test_starts_after_compares_the_whole_period(value: str, after: bool) -> None:
    assert starts_after(value, dt.date(2016, 3, 8)) is after


@pytest.mark.parametrize(
    ("sentence", "date", "verb", "past"),
    [
        ("Trump canceled a scheduled television interview Monday night.", "Monday", "canceled",
         True),
        ("Clinton had held a sturdy lead in Iowa for most of the fall.", "fall", "held", True),
        ("The hearing has been scheduled for June 3.", "June", "scheduled", True),
        ("The officials said it would close Friday.", "Friday", "close", False),
        ("Protesters will march on Saturday.", "Saturday", "march", False),
        ("He plans to vote in November.", "November", "vote", False),
    ],
)  # fmt: skip
def test_the_governing_verb_and_its_tense(sentence: str, date: str, verb: str, past: bool) -> None:
    from newsprism.spacy_model import load_nlp

    doc = load_nlp(disable=("ner",))(sentence)
    tok = next(t for t in doc if t.text == date)
    found = governing_verb(tok)
    assert found is not None and found.text == verb
    assert is_past_tense(found)[0] is past


def test_the_sample_corpus_dates_no_past_event_after_its_article() -> None:
    articles = [raw_seed_article(k, v) for k, v in PUBLISHED.items()]
    assert list(late_past_dates(articles)) == []


# One the resolver still gets wrong (PolNeAR, wash-post_2016-01-18): the past verb stands
# 16 words before the season, out of its reach (docs/dates.md).
LEAD = (
    "Clinton had held a sturdy lead of between five and 10 percentage points in Iowa for "
    "most of the fall, but her advantage has evaporated to a statistical dead heat."
)


def test_a_past_event_dated_after_its_article_is_flagged() -> None:
    article = Article(id="a", source_path="a", text=LEAD, published=dt.date(2016, 1, 18))
    flagged = [(f.text, f.value, f.verb, f.tag) for f in late_past_dates([article])]
    assert flagged == [("the fall", "2016-FA", "held", "had VBN")]


def test_a_future_date_under_a_past_verb_is_flagged_for_a_reader() -> None:
    text = "The Chicago Teachers Union has scheduled a strike vote for next week."
    article = Article(id="a", source_path="a", text=text, published=dt.date(2015, 12, 4))
    assert [f.text for f in late_past_dates([article])] == ["next week"]


def test_the_command_prints_counts_and_flagged_sentences(tmp_path: Path) -> None:
    record = {"id": "a", "published": "2016-01-18", "title": "Iowa", "text": LEAD}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(cli, ["eval", "past-dates", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "flagged              1" in result.output
    assert "governed by 'held' (had VBN): Clinton had held a sturdy lead" in result.output


@pytest.fixture(scope="module")
def judged() -> list[dict]:
    if not (EVAL / "polnear").is_dir():
        pytest.skip("../shared/eval is not present (evaluation data lives outside the repo)")
    return [json.loads(line) for line in JUDGED.read_text().splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_past_events_after_publication_stay_at_most_what_was_reached(
    judged: list[dict], corpus: str
) -> None:
    rows = {(r["article_id"], r["start"], r["end"]): r for r in judged if r["corpus"] == corpus}
    need = {aid for aid, _s, _e in rows}
    articles = [a for a in read_dated_articles(EVAL / CORPORA[corpus]) if a.id in need]
    flagged = list(late_past_dates(articles))
    verdicts = Counter(
        rows[(f.article_id, f.start, f.end)]["verdict"]
        for f in flagged
        if (f.article_id, f.start, f.end) in rows
    )
    # every date flagged in these articles has been read (a new flag needs a verdict)
    unjudged = [
        (f.text, f.value, f.sentence) for f in flagged if (f.article_id, f.start, f.end) not in rows
    ]
    assert unjudged == []
    assert verdicts["error"] <= ERRORS_LEFT[corpus]
