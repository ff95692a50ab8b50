"""Word choice on NewsWCL50 (newsprism.evaluate.framing, ``newsprism eval framing``; #17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import EvalDataError
from newsprism.evaluate.framing import load_concepts, phrase_key, score_framing

# Floors slightly below the measured scores (README's evaluation table): the issue's
# targets are concepts found >= 0.50, referent precision >= 0.70, story B3 >= 0.90.
# Concepts 0.615 since adjectives restrict a description's head (#17: "salacious
# dossier" is now apart from "the dossier", as "political arena" is from "the arena").
FLOORS = {"concepts_found": 0.60, "referent_precision": 0.80, "story_b3_f1": 0.99}


def test_phrase_keys():
    assert phrase_key("The North Korean dictator") == "north korean dictator"
    assert phrase_key("C.I.A. director") == phrase_key("CIA director")
    assert phrase_key("Kim Jong-un") == phrase_key("Kim Jong Un")
    assert phrase_key("Comey's") == "comey"


def test_score_by_hand():
    concepts = {
        "0": {
            "ACTOR:Kim": {"L": ["Mr. Kim", "Kim Jong-un"], "R": ["North Korean dictator"]},
            "ACTOR:Trump": {"L": ["Mr. Trump"], "R": ["Trump", "President"]},
            "EVENT:Summit": {"L": ["summit"], "R": ["meeting"]},  # not a found type
            "COUNTRY:JPN": {"L": ["Japan"], "R": ["Japan"]},  # one phrase only
        }
    }
    items = {
        "0": [
            # Kim: two coded phrases used by two outlets -> found; all terms Kim's -> precise
            {"terms": {"Mr. Kim": ["0_L"], "North Korean dictator": ["0_R"]}},
            # Trump: two phrases but one outlet -> not found; mixed with Kim -> imprecise
            {"terms": {"Trump": ["0_R"], "President": ["0_R"], "Kim Jong-un": ["0_L"]}},
            # nothing coded: not judged
            {"terms": {"weather": ["0_L"], "rain": ["0_R"]}},
        ]
    }
    s = score_framing(items, concepts)
    assert s["concepts"] == 2 and s["found"] == 1 and s["concepts_found"] == 0.5
    assert s["referents"] == 3 and s["judged"] == 2 and s["referent_precision"] == 0.5
    assert s["referent_precision_strict"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["missed"] == ["0 ACTOR:Trump"]


def test_missing_concepts_is_a_clear_error(tmp_path):
    with pytest.raises(EvalDataError, match="missing"):
        load_concepts(tmp_path / "concepts.json")


@pytest.fixture(scope="module")
def newswcl50(eval_dir: Path) -> Path:
    path = eval_dir / "newswcl50"
    if not (path / "concepts.json").exists():
        pytest.skip("newswcl50 is not in the evaluation folder")
    return path


@pytest.mark.slow
def test_newswcl50_framing_and_stories(newswcl50):
    from newsprism.evaluate.framing import evaluate_framing

    scores = evaluate_framing(newswcl50)
    assert scores["stories"] == 5  # one event, one story (three before #17)
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, (key, scores[key])
    assert set(scores["items"]) <= {"label", "spelling", "substitution"}


@pytest.mark.slow
def test_eval_framing_cli(newswcl50):
    from click.testing import CliRunner

    from newsprism.cli import cli

    result = CliRunner().invoke(cli, ["eval", "framing", "--data", str(newswcl50), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"concepts_found", "referent_precision", "story_b3_f1"} <= set(scores)


@pytest.mark.slow
def test_ecb_cross_document_entities(eval_dir: Path):
    """The referents' cross-article pass on ECB+ cross-document entity coreference
    (topics 1-3 here; all 24 measured in the README: pair F1 0.742 against 0.545 for the
    same mentions grouped by their words alone)."""
    from newsprism.evaluate.framing import evaluate_ecb_referents

    if not (eval_dir / "ecbplus").is_dir():
        pytest.skip("ecbplus is not in the evaluation folder")
    s = evaluate_ecb_referents(eval_dir / "ecbplus", topics=[1, 2, 3])
    assert s["matched_mentions"] >= 200
    assert s["pair_precision"] >= 0.85
    assert s["pair_f1"] > s["baseline_same_words"]["pair_f1"]
