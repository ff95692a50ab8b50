"""Online story and thread clustering (newsprism.cluster)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsprism.cluster import ClusterConfig, StoryClusterer, article_features, cluster, recluster
from newsprism.evaluate.clustering import bcubed
from newsprism.model import Article

SAMPLE_DATES = {
    "000": date(2022, 2, 21),
    "001": date(2022, 2, 21),
    "002": date(2022, 2, 21),
    "003": date(2022, 2, 8),
    "004": date(2022, 2, 20),
}


def _heading(text: str) -> str | None:
    """First line that reads like a headline: 4+ words, mostly letters, no markup or URL."""
    for line in text.splitlines():
        line = line.strip()
        words = line.split()
        letters = sum(c.isalpha() for c in line)
        if len(words) < 4 or "http" in line or "<" in line or "/" in line.split(" ")[0]:
            continue
        if letters / max(len(line), 1) > 0.7:
            return line
    return None


@pytest.fixture(scope="module")
def sample_articles(sample_dir: Path) -> list[Article]:
    """The sample files as articles built from the raw text (no dependency on clean.py)."""
    articles = []
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        key = path.name[:3]
        articles.append(
            Article(
                id=path.stem,
                source_path=str(path),
                text=text,
                title=_heading(text),
                published=SAMPLE_DATES.get(key),
            )
        )
    return articles


def _by_prefix(stories, articles):
    story_of = {aid: s for s in stories for aid in s.articles}
    return {a.id[:3]: story_of[a.id] for a in articles}


@pytest.mark.parametrize("mode", ["recluster", "online-file-order", "online-reversed"])
def test_sample_macron_putin_call_is_one_story(sample_articles, mode):
    if mode == "recluster":
        stories = recluster(sample_articles)
    elif mode == "online-file-order":
        stories = cluster(sample_articles)
    else:
        stories = cluster(list(reversed(sample_articles)))
    by = _by_prefix(stories, sample_articles)
    call = {by[k].id for k in ("000", "001", "002", "004")}
    assert len(call) == 1, f"the 20 Feb call articles were split: {by}"
    # The 8 Feb visit may be a story of its own, but in the same thread.
    assert by["003"].thread == by["000"].thread


def test_story_fields(sample_articles):
    stories = recluster(sample_articles)
    big = stories[0]
    assert len(big.articles) >= 4
    # The refinement may put the 8 Feb visit (003) in the call's story (see the seeds test).
    assert big.first in {date(2022, 2, 8), date(2022, 2, 20)} and big.last == date(2022, 2, 21)
    assert big.title in {a.title for a in sample_articles}
    assert big.id == f"s-{big.articles[0]}"
    assert big.thread is not None and big.thread.startswith("t-")


def test_outlets_are_collected():
    base = "Flooding closed the Danube bridge in Passau on Monday, officials in Bavaria said."
    articles = [
        Article(id=f"a{i}", source_path="x", text=base, outlet=o, published=date(2024, 6, 3))
        for i, o in enumerate(["dw", "bbc", "dw"])
    ]
    (story,) = cluster(articles)
    assert story.outlets == ("dw", "bbc")


def test_ids_are_stable_across_runs(sample_articles):
    first = [(s.id, s.articles, s.thread) for s in recluster(sample_articles)]
    second = [(s.id, s.articles, s.thread) for s in recluster(sample_articles)]
    assert first == second
    assert all(sid == f"s-{arts[0]}" for sid, arts, _ in first)


def test_add_is_idempotent(sample_articles):
    c = StoryClusterer()
    ids = [c.add(a) for a in sample_articles]
    again = [c.add(a) for a in sample_articles]
    assert ids == again
    assert sum(len(s.articles) for s in c.stories()) == len(sample_articles)


def test_duplicate_joins_its_original(sample_articles):
    c = StoryClusterer()
    for a in sample_articles:
        c.add(a)
    original = sample_articles[3]
    dup = Article(
        id="dup-1",
        source_path="y",
        text="Completely unrelated wording about football transfers in Madrid.",
        duplicate_of=original.id,
        duplicate_kind="syndicated",
    )
    assert c.add(dup) == c.story_of(original.id)


def _event(place: str, person: str, count: int, topic: str) -> str:
    return (
        f"{topic} in {place}. Officials said {count} people were affected. "
        f"{person} visited {place} and spoke to residents. "
        f"The {topic.lower()} in {place} was the worst in years, {person} said."
    )


def test_similar_events_in_different_places_and_times_are_separate_stories():
    day = date(2023, 3, 1)
    articles = []
    for i in range(3):
        text = _event("Izmir", "Mayor Tunc Soyer", 41, "An earthquake struck")
        articles.append(Article(id=f"izmir{i}", source_path="x", text=text, published=day))
    for i in range(3):
        text = _event("Sumatra", "Governor Mahyeldi Ansharullah", 7, "An earthquake struck")
        articles.append(
            Article(id=f"sumatra{i}", source_path="x", text=text, published=day + timedelta(60))
        )
    stories = cluster(articles)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["izmir0", "izmir1", "izmir2"], ["sumatra0", "sumatra1", "sumatra2"]]


def test_date_distance_splits_otherwise_similar_articles():
    text = _event("Lyon", "Prefect Pascal Mailhos", 12, "A chemical fire broke out")
    near = [
        Article(
            id=f"n{i}", source_path="x", text=text + f" Update {i}.", published=date(2021, 5, i + 1)
        )
        for i in range(2)
    ]
    reworded = "Residents near the plant were told to stay indoors. " + text
    far = Article(id="far", source_path="x", text=reworded, published=date(2022, 5, 1))
    same_day = replace(far, id="same", published=date(2021, 5, 2))
    cfg = ClusterConfig(date_floor=0.0)
    with_far = cluster([*near, far], config=cfg)
    with_same = cluster([*near, same_day], config=cfg)
    assert len(with_same) == 1
    assert len(with_far) == 2


def test_unknown_dates_are_allowed(sample_articles):
    undated = [replace(a, published=None) for a in sample_articles]
    stories = recluster(undated)
    assert all(s.first is None and s.last is None for s in stories)
    assert sum(len(s.articles) for s in stories) == len(undated)


def test_state_is_json_and_resumes_exactly(sample_articles):
    articles = sample_articles + [
        replace(a, id=a.id + "-b", title=None, published=None) for a in sample_articles
    ]
    at_once = StoryClusterer()
    at_once.add_all(articles)

    first = StoryClusterer()
    first.add_all(articles[:4])
    state = json.loads(json.dumps(first.to_state()))
    resumed = StoryClusterer.from_state(state)
    resumed.add_all(articles[4:])

    assert [(s.id, s.articles, s.thread, s.title) for s in resumed.stories()] == [
        (s.id, s.articles, s.thread, s.title) for s in at_once.stories()
    ]
    ids = [a.id for a in articles]
    _, _, f1 = bcubed([at_once.story_of(i) for i in ids], [resumed.story_of(i) for i in ids])
    assert f1 >= 0.98


def test_state_version_is_checked():
    with pytest.raises(ValueError, match="version"):
        StoryClusterer.from_state({"version": 999})


def test_candidate_retrieval_is_bounded():
    cfg = ClusterConfig(postings_cap=4, thread_stories=3)
    c = StoryClusterer(config=cfg)
    for i in range(40):
        # Every article shares "ukraine" but has its own names, so many threads open.
        text = f"Ukraine talks with Envoy{i} Person{i} in City{i} about grain shipments {i}."
        c.add(Article(id=f"a{i}", source_path="x", text=text))
    assert max(len(p) for p in c._thread_index.postings.values()) <= 4
    assert all(len(t.stories) <= 3 for t in c._threads.values())


def test_features_separate_words_and_names():
    art = Article(
        id="x",
        source_path="x",
        title="Macron calls Putin",
        text="French President Emmanuel Macron called Vladimir Putin on Sunday. 24 hours later...",
    )
    words, names = article_features(art)
    assert "macron" in words and words["macron"] > 1  # title words count extra
    assert "vladimir_putin" in names and "macron" in names  # phrases and their words
    assert "sunday" not in names  # weekdays are dates, not names
    assert "24" in names  # counts help tell two similar events apart
    assert not any(re.search(r"[A-Z]", k) for k in words)


def test_resume_is_exact_when_index_postings_overflow():
    # Small caps force evictions from postings; the restored index must evict the same way.
    cfg = ClusterConfig(postings_cap=3, thread_stories=2, max_candidates=4)
    places = ["Lyon", "Porto", "Gdansk", "Leeds", "Turin", "Ghent"]
    topics = [
        "Storm winds flattened greenhouses and orchards; farmers counted losses",
        "Teachers walked out demanding higher wages; classrooms stood empty",
        "A ferry capsized near the harbour; divers searched the wreck",
        "Football supporters clashed with riot police outside the stadium",
    ]
    articles = [
        Article(
            id=f"a{i:03d}",
            source_path="x",
            text=f"{topics[i % 4]} in {places[i % 6]}. Volunteer{i % 3} Odrowaz{i % 5} reported.",
            published=date(2024, 1, 1) + timedelta(days=i % 11),
        )
        for i in range(60)
    ]
    at_once = StoryClusterer(config=cfg)
    at_once.add_all(articles)
    first = StoryClusterer(config=cfg)
    first.add_all(articles[:29])
    resumed = StoryClusterer.from_state(json.loads(json.dumps(first.to_state())))
    resumed.add_all(articles[29:])
    assert json.loads(json.dumps(resumed.to_state())) == json.loads(json.dumps(at_once.to_state()))
    assert len(at_once) > 3


# One thread for everything sharing a word, and no story ever joined online.
_NO_JOIN = ClusterConfig(thread_threshold=0.0, story_threshold=1.1, merge_threshold=1.0)


def _two_events() -> list[Article]:
    """Two earthquakes, four differently worded reports each (shared topic words only)."""
    day = date(2023, 3, 1)
    izmir = [
        "A magnitude 7.0 earthquake hit Izmir on Friday; Mayor Tunc Soyer said 41 died.",
        "Rescuers in Izmir's Bayrakli district searched for survivors, Tunc Soyer said.",
        "Tunc Soyer, mayor of Izmir, said 41 people were killed in the Aegean quake.",
        "The Aegean earthquake near Izmir and Samos left 41 dead, Turkish officials said.",
    ]
    sumatra = [
        "A quake of magnitude 6.2 shook West Sumatra; Governor Mahyeldi said 7 died.",
        "In Pasaman, West Sumatra, landslides after the tremor buried 7 villagers.",
        "Governor Mahyeldi Ansharullah visited Pasaman after the Sumatra earthquake.",
        "Indonesia's BMKG said the Sumatra earthquake struck near Pasaman at 8:39.",
    ]
    return [
        Article(id=f"{name}{i}", source_path="x", text=text, published=day)
        for name, texts in (("izmir", izmir), ("sumatra", sumatra))
        for i, text in enumerate(texts)
    ]


def test_refine_regroups_a_thread_and_keeps_ids():
    articles = _two_events()
    c = StoryClusterer(config=_NO_JOIN)
    c.add_all(articles)
    assert len(c) == 8 and len({s.thread for s in c.stories()}) == 1
    assert c.refine(articles) == 1
    groups = sorted(sorted(s.articles) for s in c.stories())
    assert groups == [[f"izmir{i}" for i in range(4)], [f"sumatra{i}" for i in range(4)]]
    assert {s.id for s in c.stories()} == {"s-izmir0", "s-sumatra0"}
    # Refining again changes nothing; the state still round-trips and keeps placing.
    before = [(s.id, s.articles, s.thread, s.title) for s in c.stories()]
    c.refine(articles)
    assert [(s.id, s.articles, s.thread, s.title) for s in c.stories()] == before
    resumed = StoryClusterer.from_state(json.loads(json.dumps(c.to_state())))
    assert [(s.id, s.articles, s.thread, s.title) for s in resumed.stories()] == before
    late = replace(articles[0], id="izmir-late")
    assert resumed.add(late) in {"s-izmir0", "s-izmir-late"}


def test_refine_keeps_duplicates_with_their_original_and_skips_unknown_texts():
    articles = _two_events()
    dup = Article(
        id="dup",
        source_path="y",
        text="Completely unrelated wording about football transfers in Madrid.",
        duplicate_of="sumatra2",
    )
    c = StoryClusterer(config=_NO_JOIN)
    c.add_all([*articles, dup])
    assert c.refine(articles) == 0  # the duplicate's text is missing: nothing refined
    assert c.refine([*articles, dup]) == 1
    assert c.story_of("dup") == c.story_of("sumatra2")


def test_refine_leaves_large_threads_alone():
    articles = _two_events()
    cfg = replace(_NO_JOIN, refine_max_articles=5)
    c = StoryClusterer(config=cfg)
    c.add_all(articles)
    assert c.refine(articles) == 0 and len(c) == 8


def test_refine_articles_lists_the_texts_refine_needs():
    articles = _two_events()
    c = StoryClusterer(config=_NO_JOIN)
    c.add_all(articles)
    threads = c.threads_of([a.id for a in articles] + ["unknown"])
    assert len(threads) == 1
    assert sorted(c.refine_articles(threads)) == sorted(a.id for a in articles)
    small = StoryClusterer(config=replace(_NO_JOIN, refine_min_articles=9))
    small.add_all(articles)
    assert small.refine_articles(small.threads_of(a.id for a in articles)) == []
    assert small.refine(articles) == 0


def _topic_article(i: int, topic: str, day: int) -> Article:
    words = {
        "quake": "A strong earthquake of magnitude {m} struck the coast of {p}, collapsing "
        "buildings; rescuers searched the rubble for survivors of the earthquake.",
        "rehab": "The actress {p} checked into a rehab clinic for treatment, her publicist "
        "said; the actress entered rehab after a difficult year.",
    }[topic]
    places = {"quake": ["Tolmara", "Vestrin"], "rehab": ["Quillon", "Dravik"]}[topic]
    place = places[i % 2]
    return Article(
        id=f"{topic}-{i}",
        source_path=f"{topic}-{i}.txt",
        text=words.format(m=5 + i % 3, p=place),
        title=f"{topic} {place}",
        published=date(2024, 1, 1) + timedelta(days=day),
    )


def test_regroup_threads_mends_a_split_topic_and_keeps_others_apart():
    # An online pass that never joins threads: every article opens its own.
    cfg = replace(ClusterConfig(), thread_threshold=1.1, thread_merge_threshold=1.1)
    c = StoryClusterer(config=cfg)
    arts = [_topic_article(i, "quake", i) for i in range(4)]
    arts += [_topic_article(i, "rehab", i) for i in range(4)]
    c.add_all(arts)
    before = {c.thread_of(c.story_of(a.id)) for a in arts}
    assert len(before) == 8
    merges = c.regroup_threads()
    assert merges == 6
    quake = {c.thread_of(c.story_of(a.id)) for a in arts[:4]}
    rehab = {c.thread_of(c.story_of(a.id)) for a in arts[4:]}
    assert len(quake) == 1 and len(rehab) == 1 and quake != rehab
    # The oldest thread of each group keeps its id; the others are aliases to it.
    assert quake == {c.thread_of(c.story_of("quake-0"))}
    assert c.regroup_threads() == 0  # nothing left to mend


def test_regroup_threads_is_off_at_threshold_one():
    cfg = replace(
        ClusterConfig(), thread_threshold=1.1, thread_merge_threshold=1.1,
        thread_regroup_threshold=1.0,
    )  # fmt: skip
    c = StoryClusterer(config=cfg)
    c.add_all([_topic_article(i, "quake", i) for i in range(3)])
    assert c.regroup_threads() == 0


def test_average_linkage_apart_is_scipys_cut_without_pairs():
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from newsprism.cluster import _average_linkage_apart

    rng = np.random.default_rng(3)
    x = rng.random((30, 6)) ** 4
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), "average"), 0.6, "distance")
    want: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        want.setdefault(int(label), []).append(i)
    none = [np.zeros((30, 30), dtype=bool)]
    assert _average_linkage_apart(sim, none, 0.4, 1) == sorted(want.values())


def test_two_rounds_of_coverage_by_the_same_outlets_are_two_stories():
    """Two events of one thread, each covered once by the same three outlets (#17): the
    topic words they share do not make them one story; one outlet alone does not split."""
    import dataclasses

    from newsprism.cluster import refine_groups

    def art(i: str, outlet: str, text: str) -> Article:
        return Article(id=i, source_path=i, text=text, outlet=outlet)

    trip = "Pompeo secret trip Pyongyang met Kim Jong Un Easter weekend CIA director summit "
    tests = "Kim Jong Un halts nuclear missile tests closes Punggye-ri test site summit "
    arts = [art(f"a{k}", o, trip * 2 + f"detail{k}") for k, o in enumerate("xyz")]
    arts += [art(f"b{k}", o, tests * 2 + f"detail{k}") for k, o in enumerate("xyz")]
    cfg = ClusterConfig(refine_distance=0.99)  # the topic words alone would join all
    assert refine_groups(arts, config=cfg) == [[0, 1, 2], [3, 4, 5]]
    one = [dataclasses.replace(a, outlet=a.outlet if a.outlet == "x" else None) for a in arts]
    assert refine_groups(one, config=cfg) == [[0, 1, 2, 3, 4, 5]]


def test_lead_months_are_months_written_as_dates():
    from newsprism.cluster import lead_months

    def months(title, text):
        return lead_months(Article(id="x", source_path="x", title=title, text=text))

    assert months("Jobs report", "The economy added 266,000 jobs in April.") == {"apr"}
    assert months("Talks", "Talks resumed on Sept. 8 and ended in late March.") == {"sep", "mar"}
    # the verb and the walk are no months
    assert months("March on Washington", "Thousands may march. May they be heard.") == set()


def test_undated_reports_of_different_months_are_different_stories():
    # NeuS: undated leads of monthly jobs reports are one story only when their months meet
    from newsprism.cluster import refine_groups

    def lead(k, month, n):
        return Article(
            id=f"{month}{k}",
            source_path="x",
            title=f"US economy adds {n} jobs in {month}",
            text=f"The US economy added {n} jobs in {month}, the Labor Department said, and "
            f"the unemployment rate moved as employers kept hiring in {month}.",
        )

    april = [lead(k, "April", "266,000") for k in range(3)]
    june = [lead(k, "June", "850,000") for k in range(3)]
    groups = refine_groups(april + june)
    assert sorted(len(g) for g in groups) == [3, 3] and [0, 1, 2] in groups
    # off, the topic words pool them
    pooled = refine_groups(april + june, config=ClusterConfig(refine_month_apart=1.0))
    assert len(pooled) == 1
    # dated, the date decay weighs them instead: the months are left alone
    dated = [replace(a, published=date(2021, 5, 7)) for a in april + june]
    assert len(refine_groups(dated)) == 1
