"""`newsprism eval citations`: summary citations scored on hand-checked verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "summary_citations.jsonl"
EVAL = ROOT.parent / "shared" / "eval"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (EVAL / "polnear").exists(), reason="../shared/eval absent"),
]


def test_the_verdicts_cover_both_outcomes():
    rows = [json.loads(line) for line in DATA.read_text().splitlines()]
    assert len(rows) >= 20
    assert {r["supported"] for r in rows} == {True, False}
    assert all(r["source"] != r["article"] for r in rows)


def test_summary_citations_meet_the_hand_checked_bar():
    res = CliRunner().invoke(
        cli, ["eval", "citations", "--data", str(DATA), "--eval-root", str(EVAL), "--json"]
    )
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["rows"] == 36
    # the first 27 rows: before the coverage bar precision 0.556 (8 unsupported citations
    # kept), recall 0.909; with it 0.867 / 0.8125. With the 9 of PolNeAR February 2016
    # (out of sample: 5 of 8 kept were unsupported) 0.696 / 0.842; with the bar on what is
    # said (SUPPORTS_PREDICATE) 0.80 / 0.63; citing only what agrees with the sentence
    # (Sentences.agrees, the agreements table's bar, chosen on other rows) 1.0 / 0.37
    assert scores["precision"] == 1.0
    assert scores["recall"] >= 0.35


AGREEMENTS = ROOT / "tests" / "data" / "agreement_citations.jsonl"


def test_agreement_citations_meet_the_hand_checked_bar():
    rows = [json.loads(line) for line in AGREEMENTS.read_text().splitlines()]
    assert all(r["cited"] and r["kind"] == "agreement" for r in rows)
    res = CliRunner().invoke(
        cli, ["eval", "citations", "--data", str(AGREEMENTS), "--eval-root", str(EVAL), "--json"]
    )
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["rows"] == len(rows) >= 43
    # every aligned member listed (before): precision 0.59 at recall 1.0 (the margin of
    # error of 4 and 5.7 points agreed); Sentences.agrees: 0.90 / 0.47; with counts in
    # words (2026-12-05): 1.0 / 0.47; the four PolNeAR August rows added then (two partial
    # quotations): 0.85 / 0.52, and with the quoted words carried: 1.0 / 0.52
    assert scores["precision"] == 1.0
    assert scores["recall"] >= 0.5
