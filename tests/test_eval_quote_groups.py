"""`newsprism eval quote-groups` and the pair model it measures (#16, quote variants)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.compare.quotes import QuoteSet, average_linkage, grouping_model
from newsprism.model import Quote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "quote_groups.jsonl"
EVAL = ROOT.parent / "shared" / "eval"
ROWS = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]


def test_the_judged_pairs_are_as_documented():
    judged = [r for r in ROWS if r["split"] != "fresh"]
    fresh = [r for r in ROWS if r["split"] == "fresh"]
    assert len(judged) == 220 and len(fresh) == 50
    assert {r["corpus"] for r in judged} == {"neus", "ecbplus", "newswcl50", "polnear"}
    assert sum(r["same"] for r in judged) == 125 and sum(r["same"] for r in fresh) == 32
    # the fresh draw's stories are in no other row: unseen by the model's training
    assert not {(r["corpus"], r["story"]) for r in fresh} & {
        (r["corpus"], r["story"]) for r in judged
    }
    split_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in ROWS:
        split_of[(r["corpus"], r["story"])].add(r["split"])
        assert r["a"]["doc"] in r["docs"] and r["b"]["doc"] in r["docs"]
        assert r["a"]["doc"] != r["b"]["doc"] and r["reason"]
        assert not r["meaning_differs"] or r["same"]  # a difference of one statement only
    # one event's pairs stay in one split, so the holdout is events the model never saw
    assert all(len(s) == 1 for s in split_of.values())
    assert {r["split"] for r in ROWS} == {"dev", "holdout", "fresh"}


def test_the_shipped_model_reads_the_features_the_grouping_computes():
    quotes = [
        Quote(
            "a",
            0,
            40,
            "that the talks would resume next week in Geneva",
            "Lavrov",
            "said",
            "indirect",
        ),
        Quote(
            "b",
            0,
            40,
            "the talks will resume in Geneva next week",
            "Sergei Lavrov",
            "said",
            "indirect",
        ),
    ]
    qs = QuoteSet(quotes)
    model = grouping_model()
    assert set(model.weights) == set(qs.features(0, 1))
    assert 0.5 <= model.threshold < 1
    assert qs.candidate(0, 1) and model.probability(qs.features(0, 1)) >= model.threshold


def test_a_chain_of_links_splits_where_its_ends_disagree():
    # a~b and b~c are sure, a~c is not: the mean of c against {a, b} is below the bar
    score = {(0, 1): 0.95, (1, 2): 0.7, (0, 2): 0.1}
    assert average_linkage([0, 1, 2], score, ["x", "y", "z"], 0.65) == [[0, 1], [2]]
    # pairs from one source are not counted: two renderings in one article can be one group
    assert average_linkage([0, 1, 2], {(0, 1): 0.9, (1, 2): 0.9}, ["x", "y", "x"], 0.65) == [
        [0, 1, 2]
    ]


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "polnear").exists(), reason="../shared/eval absent")
def test_quote_groups_beat_the_rule_they_replaced_on_the_judged_pairs():
    result = CliRunner().invoke(
        cli, ["eval", "quote-groups", "--data", str(DATA), "--eval-root", str(EVAL), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    # The rule before the pair model, as drawn (grouped_when_drawn): all 0.782 / 0.688,
    # holdout 0.796 / 0.722. The model: all 0.870 / 0.752, holdout 0.867 / 0.722.
    assert scores["all"]["precision"] >= 0.85 and scores["all"]["recall"] >= 0.74
    assert scores["holdout"]["precision"] >= 0.85 and scores["holdout"]["recall"] >= 0.70
    # drawn after the model shipped, on unseen stories (half among the pairs it groups):
    # 25 of the 30 it grouped were one statement
    assert scores["fresh"]["precision"] >= 0.8
    before = [(r["grouped_when_drawn"], r["same"]) for r in ROWS if r["split"] != "fresh"]
    tp = sum(p and t for p, t in before)
    assert round(tp / sum(p for p, _ in before), 3) == 0.782  # the baseline quoted above


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "polnear").exists(), reason="../shared/eval absent")
def test_the_shipped_pair_model_is_what_its_training_script_fits(tmp_path):
    """tools/train_quote_grouping.py on the dev rows gives the shipped weights and
    threshold: the model in src/newsprism/data is reproducible from the judged pairs."""
    import subprocess
    import sys

    out = tmp_path / "model.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "train_quote_grouping.py"),
            str(EVAL),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    fitted = json.loads(out.read_text())
    shipped = json.loads((ROOT / "src" / "newsprism" / "data" / "quote_grouping.json").read_text())
    assert fitted["threshold"] == shipped["threshold"]
    assert fitted["weights"].keys() == shipped["weights"].keys()
    assert all(abs(fitted["weights"][k] - w) < 1e-3 for k, w in shipped["weights"].items())
    assert abs(fitted["bias"] - shipped["bias"]) < 1e-3
