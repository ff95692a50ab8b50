"""ECB+ story/thread clustering evaluation (newsprism.evaluate.clustering)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.cluster import StoryClusterer
from newsprism.errors import EvalDataError
from newsprism.evaluate.clustering import (
    bcubed,
    evaluate_clustering,
    load_ecbplus,
    pairwise_f1,
    score_clusters,
)

# Floors pinned slightly below the measured scores (see the README's evaluation table):
# the tool's result (online pass, then the stories refined inside each thread) and the
# online pass alone.
FLOORS = {"story": 0.90, "thread": 0.83}
ONLINE_FLOORS = {"story": 0.81, "thread": 0.82}


def test_bcubed_by_hand():
    # gold {a,b,c} {d}; pred {a,b} {c,d}
    p, r, f = bcubed(["x", "x", "y", "y"], ["g", "g", "g", "h"])
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f == pytest.approx(2 * p * r / (p + r))


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        (["a", "a", "b"], ["g", "g", "h"], 1.0),
        (["a", "b", "c"], ["g", "g", "g"], 0.0),
        (["a", "a", "a"], ["g", "g", "h"], 0.5),  # P = 1/3, R = 1
    ],
)
def test_pairwise_f1(pred, gold, expected):
    assert pairwise_f1(pred, gold) == pytest.approx(expected)


def test_score_shape():
    scores = score_clusters(["a", "a", "b"], ["g", "g", "h"])
    assert set(scores) == {"b3_precision", "b3_recall", "b3_f1", "pairwise_f1", "clusters"}
    assert scores["clusters"] == 2 and scores["b3_f1"] == 1.0


def test_missing_data_is_a_clear_error(tmp_path):
    with pytest.raises(EvalDataError, match="no ECB"):
        load_ecbplus(tmp_path)
    with pytest.raises(EvalDataError, match="no such directory"):
        load_ecbplus(tmp_path / "nope")


@pytest.fixture(scope="module")
def ecbplus(eval_dir: Path) -> Path:
    path = eval_dir / "ecbplus"
    if not path.is_dir():
        pytest.skip("ecbplus is not in the evaluation folder")
    return path


def test_loader_reads_headers(ecbplus):
    docs = load_ecbplus(ecbplus, topics=[1])
    assert {d.topic for d in docs} == {"1"}
    assert {d.subtopic for d in docs} == {"1/ecb", "1/ecbplus"}
    plus = [d.article for d in docs if d.subtopic.endswith("ecbplus")]
    # Scraped ecbplus pages carry a URL line, a headline and mostly a dateline.
    assert all(a.url and a.url.startswith("http") for a in plus)
    assert sum(a.title is not None for a in plus) >= 0.9 * len(plus)
    assert sum(a.published is not None for a in plus) >= 0.5 * len(plus)
    assert not any(a.text.startswith("http") for a in plus)


@pytest.mark.slow
def test_ecbplus_scores_reach_floors(ecbplus):
    result = evaluate_clustering(ecbplus)
    json.dumps(result)
    for level in ("story", "thread"):
        for key in ("b3_precision", "b3_recall", "b3_f1", "pairwise_f1", "clusters"):
            assert key in result[level]
        assert result[level]["b3_f1"] >= FLOORS[level], (level, result[level])
        assert result[level]["mode"] == "refined"
        online = result["online"][level]
        assert online["mode"] == "online" and online["b3_f1"] >= ONLINE_FLOORS[level]
    # The refinement is what beats the baseline at the story level.
    assert result["story"]["b3_f1"] > result["baseline"]["story"]["b3_f1"]
    assert result["baseline"]["story"]["b3_f1"] > 0.8  # the baseline is implemented right


def test_leave_topics_out_generalises(ecbplus):
    # Thresholds were chosen on topics 1-12; topics 13-24 must not collapse (measured:
    # refined story 0.897, online story 0.869, thread 0.864).
    # The refinement's date decay splits ECB+'s months-long stories (0.909 -> 0.897).
    held_out = evaluate_clustering(ecbplus, topics=range(13, 25), baseline=False)
    assert held_out["story"]["b3_f1"] >= FLOORS["story"] - 0.02
    assert held_out["online"]["story"]["b3_f1"] >= ONLINE_FLOORS["story"]
    assert held_out["thread"]["b3_f1"] >= FLOORS["thread"] - 0.05


def test_two_batches_match_one_run(ecbplus):
    docs = load_ecbplus(ecbplus, topics=range(1, 9))
    articles = [d.article for d in docs]
    import random

    random.Random(7).shuffle(articles)
    once = StoryClusterer()
    once.add_all(articles)
    half = len(articles) // 2
    first = StoryClusterer()
    first.add_all(articles[:half])
    second = StoryClusterer.from_state(json.loads(json.dumps(first.to_state())))
    second.add_all(articles[half:])
    ids = [a.id for a in articles]
    _, _, f1 = bcubed([once.story_of(i) for i in ids], [second.story_of(i) for i in ids])
    assert f1 >= 0.98


@pytest.mark.parametrize("topics", [range(1, 9), range(9, 17), range(17, 25)])
def test_two_refined_batches_match_one_refined_run(ecbplus, topics):
    # As the store does it: place a batch, settle (regroup the threads it touched, load
    # their texts, refine them), persist, repeat; in several arrival orders. Before
    # settle(), the store's sequence was right but this test refined before regrouping
    # and agreed at 0.96-0.978 in 6 of 15 arrival orders (5 per third of the topics).
    import random

    docs = load_ecbplus(ecbplus, topics=topics)
    for seed in range(4):
        articles = [d.article for d in docs]
        random.Random(seed).shuffle(articles)
        by_id = {a.id: a for a in articles}

        def load(ids, by_id=by_id):
            return [by_id[i] for i in ids]

        once = StoryClusterer()
        once.add_all(articles)
        once.refine(articles)
        half = len(articles) // 2
        first = StoryClusterer()
        first.add_all(articles[:half])
        first.settle((a.id for a in articles[:half]), load)
        second = StoryClusterer.from_state(json.loads(json.dumps(first.to_state())))
        second.add_all(articles[half:])
        assert second.settle((a.id for a in articles[half:]), load) >= 1
        ids = [a.id for a in articles]
        _, _, f1 = bcubed([once.story_of(i) for i in ids], [second.story_of(i) for i in ids])
        assert f1 >= 0.98, (topics, seed, f1)


@pytest.mark.slow
def test_stories_of_a_dated_stream_are_events_not_topics(polnear_articles):
    # A year of US campaign coverage from 7 outlets (PolNeAR's 924 articles): a story is
    # one event or development, so its articles lie days apart, not months. Measured:
    # median span 6 days, 12 of 101 multi-article stories over 60 days (without the
    # refinement's date decay: 44 days, 39 of 93).
    import statistics

    from newsprism.cluster import recluster

    articles = polnear_articles
    by_id = {a.id: a for a in articles}
    spans = []
    for story in recluster(articles):
        if len(story.articles) > 1:
            days = sorted(by_id[i].published for i in story.articles)
            spans.append((days[-1] - days[0]).days)
    assert len(spans) >= 50  # the stream does have stories told by several articles
    assert statistics.median(spans) <= 14, sorted(spans)
    assert sum(s > 60 for s in spans) <= 0.2 * len(spans), sorted(spans)


@pytest.mark.slow
def test_neus_one_event_one_story(eval_dir: Path):
    """NeuS train, first 500 events: the same event from a left, a centre and a right
    outlet (titles and leads, undated) is one story (#17; measured 0.780)."""
    from newsprism.evaluate.clustering import evaluate_neus

    if not (eval_dir / "neus" / "train.jsonl").exists():
        pytest.skip("neus is not in the evaluation folder")
    scores = evaluate_neus(eval_dir / "neus")
    assert scores["documents"] >= 1400 and scores["story"]["gold_clusters"] == 500
    assert scores["story"]["b3_f1"] >= 0.75


def test_newswcl50_events_are_five_stories(eval_dir: Path):
    """NewsWCL50 events 0-4, each from the same five outlets, two pairs of them a day or
    three apart on one topic: five stories (three before #17)."""
    from newsprism.cluster import recluster
    from newsprism.evaluate.framing import load_newswcl50

    if not (eval_dir / "newswcl50" / "articles.jsonl").exists():
        pytest.skip("newswcl50 is not in the evaluation folder")
    articles = load_newswcl50(eval_dir / "newswcl50")
    stories = recluster(articles)
    event = {a.id: a.id.split("_")[0] for a in articles}
    assert sorted(sorted(event[a] for a in s.articles) for s in stories) == [
        [e] * 5 for e in "01234"
    ]
