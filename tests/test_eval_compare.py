"""Cross-outlet figure comparison: the gold-set scorer, figure intervals and the figure models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.compare.figures import (
    DISPUTE_FEATURES,
    FEATURES,
    figures_of,
    interval,
    load_model,
    pair_features,
)
from newsprism.evaluate.compare import GoldClaim, GoldItem, figure_numbers, score_findings
from newsprism.model import Quantity

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "compare" / "conflicts-dev.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("52-3, 46 KOs", {52, 3, 46}),
        ("three husbands", {3}),
        ("twice", {2}),
        ("120, 000", {120000}),
        ("$1.2 million", {1.2, 1.2e6}),
        ("nearly 235,000", {235000}),
    ],
)
def test_figure_numbers_reads_digits_words_and_scales(text, expected):
    assert figure_numbers(text) == frozenset(float(x) for x in expected)


def _item(label, *claims, index=0):
    return GoldItem(
        index=index,
        corpus="ecbplus",
        group="g",
        label=label,
        subject="s",
        claims=tuple(GoldClaim(doc, v, "", figure_numbers(v)) for doc, v in claims),
    )


def _finding(kind, a, va, b, vb):
    return {"kind": kind, "claims": [{"article": a, "value": va}, {"article": b, "value": vb}]}


def test_scorer_counts_hits_false_alarms_and_misses():
    items = [
        _item("conflict", ("d1", "nine days"), ("d2", "three weeks"), index=0),
        _item("conflict", ("d1", "52"), ("d3", "53"), index=1),
        _item("agreement", ("d4", "40 miles"), ("d5", "64 km"), index=2),
        _item("change", ("d6", "three"), ("d7", "10"), index=3),
    ]
    findings = {
        "g": [
            _finding("conflict", "d2", "three weeks", "d1", "9 days"),  # hit (either order)
            _finding("conflict", "d4", "40 miles", "d5", "64 km"),  # false alarm
            _finding("conflict", "d1", "nine days", "d9", "three weeks"),  # doc not in gold
            _finding("change", "d6", "three", "d7", "10"),  # change hit
        ]
    }
    s = score_findings(items, findings)
    assert s["conflict_recall"] == 0.5
    assert s["counts"]["reported_conflicts"] == 3
    assert s["conflict_precision"] == round(1 / 3, 4)
    assert s["false_alarm_rate"] == 0.5  # the agreement, of one agreement and one change
    assert s["change_recall"] == 1.0


def test_two_records_sharing_a_part_are_two_sides():
    # "43-1" and "45-1" share the 1, not their value; "$1.2 million" and "1.2m" are one side
    items = [_item("conflict", ("d1", "43-1"), ("d2", "45-1, 33 KOs"))]
    hit = {"g": [_finding("conflict", "d1", "43-1", "d2", "45-1")]}
    assert score_findings(items, hit)["conflict_recall"] == 1.0
    same = {"g": [_finding("conflict", "d1", "43-1", "d2", "43-1")]}
    assert score_findings(items, same)["conflict_recall"] == 0.0


def test_one_figure_told_two_ways_in_words_is_two_sides():
    items = [
        _item(
            "conflict",
            ("d1", "150 nautical miles east of Aden"),
            ("d2", "150 nautical miles west of Aden"),
        )
    ]
    hit = {
        "g": [
            _finding(
                "conflict",
                "d1",
                "about 150 nautical miles east of Aden",
                "d2",
                "150 nautical miles west of Aden",
            )
        ]
    }
    assert score_findings(items, hit)["conflict_recall"] == 1.0
    # words the gold does not give that document are no side of it
    swapped = {
        "g": [_finding("conflict", "d1", "150 miles west of Aden", "d2", "150 miles east of Aden")]
    }
    assert score_findings(items, swapped)["conflict_recall"] == 0.0


def _q(text, value, unit=None, approx=None):
    return Quantity("a", 0, len(text), text, value, unit, None, approx)


def _compatible(a, b):
    (lo1, hi1), (lo2, hi2) = interval(a, 1.0), interval(b, 1.0)
    return lo1 <= hi2 and lo2 <= hi1


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_q("52", 52), _q("53", 53), False),  # an exact count is exact
        (_q("235,000", 235000), _q("300,000", 300000), False),
        (_q("300,000", 300000), _q("310,000", 310000), True),  # rounded, within 5%
        (_q("100,000", 100000), _q("150,000", 150000), False),
        (_q("10", 10, approx="about"), _q("nine", 9), True),
        (_q("50", 50, approx="more than"), _q("54", 54), True),
        (_q("12", 12, approx="at least"), _q("13", 13), True),
        (_q("5.9", 5.9, "magnitude"), _q("6.1", 6.1, "magnitude"), False),
        (_q("$160 million", 160e6, "dollar"), _q("$184 million", 184e6, "dollar"), False),
    ],
)
def test_figure_intervals(a, b, expected):
    assert _compatible(a, b) is expected


def test_shipped_models_match_the_features():
    model = load_model()
    assert model.align.features == FEATURES
    assert model.dispute.features == DISPUTE_FEATURES
    assert set(model.thresholds) >= {"align", "conflict", "change"}


def test_pair_features_on_the_sample(seed_articles):
    from newsprism.compare import split_claims
    from newsprism.extract import extract_article

    figures = []
    for key in ("000", "001"):
        a = seed_articles[key]
        ex = extract_article(a)
        figures.extend(figures_of(a, ex, [(c.start, c.end) for c in split_claims(a, ex)])[0])
    call = [f for f in figures if f.quantity.text in ("105 minutes", "45 minutes")]
    assert {f.article_id for f in call} == {seed_articles["000"].id, seed_articles["001"].id}
    feats = pair_features(figures)
    assert feats.shape == (len(figures), len(figures), len(FEATURES))
    probs = load_model().align.score(feats)
    assert np.all((probs >= 0) & (probs <= 1))
    i, j = (figures.index(f) for f in call[:2])
    # the two call lengths share unit, dimension and context far more than a random pair
    assert feats[i, j, FEATURES.index("same_unit")] == 1
    assert feats[i, j, FEATURES.index("sentence_embedding")] > np.median(
        feats[:, :, FEATURES.index("sentence_embedding")]
    )


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval is absent")
def test_eval_compare_floor():
    """Pinned floors on the development gold (raise them when the score rises)."""
    from newsprism.evaluate.compare import evaluate_compare

    s = evaluate_compare(GOLD)
    assert s["conflict_recall"] >= 0.6  # 0.600 (21 of 35) on 2026-12-05, was 0.200
    # 0.852 (23 of 27), was 0.636 (7 of 11); of the four others, two are true conflicts
    # between documents the gold items do not list (12_ecb, 22_ecb)
    assert s["conflict_precision"] >= 0.85
    assert s["change_recall"] >= 0.54  # 0.545 (6 of 11) since a named thing's takings
    assert s["change_precision"] >= 0.85  # 0.857 (6 of 7)
    assert s["false_alarm_rate"] <= 0.05
    assert s["counts"]["reported_conflicts"] >= 1
