from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.evaluate.extraction import evaluate_extraction, shingle_scores


def test_shingle_scores():
    gold = "one two three four five six"
    assert shingle_scores(gold, gold) == (1.0, 1.0)
    p, r = shingle_scores("one two three four five six seven eight", gold)
    assert r == 1.0 and p == pytest.approx(3 / 5)
    assert shingle_scores("", gold) == (0.0, 0.0)


def test_html_path_meets_the_benchmark_floor(eval_dir):
    scores = evaluate_extraction(eval_dir / "article-extraction")
    assert scores["pages"] == 90
    # trafilatura alone scores about 0.956 here; newsprism's HTML path must not fall below.
    assert scores["f1"] >= 0.956, scores


def test_cli_eval_extraction_json(eval_dir):
    result = CliRunner().invoke(
        cli, ["eval", "extraction", "--data", str(eval_dir / "article-extraction"), "--json"]
    )
    assert result.exit_code == 0
    assert {"precision", "recall", "f1"} <= set(json.loads(result.output))


def test_eval_extraction_on_wrong_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "extraction", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "expected ground-truth.json" in result.output
