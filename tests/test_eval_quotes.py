"""Quote evaluation on PolNeAR: the scorer itself, and score floors on the dev split."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.evaluate.quotes import (
    GoldAttribution,
    GoldDocument,
    evaluate_quotes,
    score_documents,
)
from newsprism.model import Quote

EVAL = Path(
    os.environ.get("NEWSPRISM_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval")
)
POLNEAR = EVAL / "polnear"
# Fixed subset for the default gate: the first 30 dev documents in name order (~15 s).
SUBSET = 30
# Floors pinned a little below the scores measured when they were set (learned verifier,
# 2026-12-02, second retraining): subset P 0.898 / F1 0.863 / speaker 0.872; full dev
# P 0.884 / R 0.821 / F1 0.852 / speaker 0.897 (annotator: alphabetically first per
# document). The full-dev F1 floor sits 0.002 under the target of 0.85 only to
# allow for parses that differ between machines in the last bits of a float.
PRECISION_FLOOR_SUBSET = 0.88
F1_FLOOR_SUBSET = 0.84
SPEAKER_FLOOR_SUBSET = 0.865
F1_FLOOR = 0.848
SPEAKER_FLOOR = 0.89


def _polnear() -> Path:
    if not POLNEAR.is_dir():
        pytest.skip(
            "../shared/eval/polnear is not present (evaluation data lives outside the repo)"
        )
    return POLNEAR


def _gold_doc() -> GoldDocument:
    text = "Smith said the plan works. The sky is blue. Jones argued it fails badly."
    return GoldDocument(
        "d",
        text,
        "x",
        (
            GoldAttribution(((11, 25),), ((0, 5),), "Smith"),
            GoldAttribution(((56, 71),), ((44, 49),), "Jones"),
        ),
    )


def test_scorer_counts_overlap_and_speakers():
    doc = _gold_doc()
    preds = [
        Quote("d", 11, 21, doc.text[11:21], "Smith", "said", "indirect", 0, 5),  # partial overlap
        Quote("d", 27, 42, doc.text[27:42], None, None, "direct"),  # no gold there
        Quote(
            "d", 56, 71, doc.text[56:71], "Brown", "argued", "indirect", None, None
        ),  # wrong speaker
    ]
    scores = score_documents([(doc, preds)])
    assert scores["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["recall"] == 1.0
    assert scores["speaker_accuracy"] == 0.5
    assert scores["f1"] == pytest.approx(0.8, abs=1e-3)
    assert 0 < scores["char_precision"] < 1


def test_scorer_empty_predictions():
    scores = score_documents([(_gold_doc(), [])])
    assert scores["precision"] == 0.0 and scores["recall"] == 0.0 and scores["f1"] == 0.0


def test_missing_data_is_a_clear_error(tmp_path):
    with pytest.raises(NewsprismError, match="no PolNeAR split 'dev'"):
        evaluate_quotes(tmp_path)


def test_polnear_dev_subset_floors():
    # PolNeAR's notion of attribution (stances and actions too): the rules and verifier.
    scores = evaluate_quotes(_polnear(), limit=SUBSET, statements_only=False)
    assert scores["documents"] == SUBSET
    assert scores["precision"] >= PRECISION_FLOOR_SUBSET
    assert scores["f1"] >= F1_FLOOR_SUBSET
    assert scores["speaker_accuracy"] >= SPEAKER_FLOOR_SUBSET


@pytest.mark.slow
def test_polnear_dev_floors():
    scores = evaluate_quotes(_polnear(), statements_only=False)
    assert scores["documents"] >= 80
    assert scores["f1"] >= F1_FLOOR
    assert scores["speaker_accuracy"] >= SPEAKER_FLOOR


# The quotes a reader is shown (issue #19: reported quotes need a clausal complement).
# Measured 2026-12-04 on the subset: P 0.975, R 0.543, F1 0.698, speaker 0.902; full dev
# P 0.971 / R 0.546 / F1 0.699 / speaker 0.923. PolNeAR annotates stances and actions
# towards a noun phrase as attributions, so recall falls by design (docs/quote-bar.md).
def test_polnear_dev_subset_floors_for_statements():
    scores = evaluate_quotes(_polnear(), limit=SUBSET)
    assert scores["precision"] >= 0.96
    assert scores["f1"] >= 0.68
    assert scores["speaker_accuracy"] >= 0.89
