"""#16: explain, omissions checked against whole texts, disputed figures in summary and title."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from claim_texts import claims_of
from newsprism.cli import cli
from newsprism.compare import compare_story
from newsprism.compare.summary import undisputed_title
from newsprism.extract import extract
from newsprism.model import Article
from newsprism.store import Store

DAY = dt.date(2024, 5, 6)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from story_fixture import SAMPLE, analyze_to

    db = analyze_to(tmp_path_factory.mktemp("explain") / "out", SAMPLE)
    with Store(db, read_only=True) as store:
        docs = store.story_documents()
        articles = {a.id: a for a in store.articles()}
    return db, docs, articles


def test_explain_works_on_every_story_of_the_sample(analysed):
    db, docs, _ = analysed
    for doc in docs:
        result = CliRunner().invoke(cli, ["explain", doc["id"], "--db", str(db), "--json"])
        assert result.exit_code == 0, result.output
        info = json.loads(result.output)
        assert info["story"] == doc["id"]
        assert [c["subject"] for c in info["conflicts"]] == [c["subject"] for c in doc["conflicts"]]
        for d in info["dropped"] + info["dropped_figures"]:
            assert d["rule"] in info["rules"] and d["reason"]


def test_explain_text_shows_the_call_conflict_and_rules(analysed):
    db, docs, articles = analysed
    sputnik = next(a.id for a in articles.values() if a.outlet == "Sputnik")
    call = next(d for d in docs if sputnik in {x["id"] for x in d["articles"]})
    result = CliRunner().invoke(cli, ["explain", call["id"][:8], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "conflict (confidence" in result.output
    assert "'105 minutes'" in result.output and "'45 minutes'" in result.output
    assert "claim groups carried by two or more outlets" in result.output
    assert "dropped by a rule" in result.output
    # the statements several outlets render, with the pair scores that linked them
    statements = result.output.split("statements rendered by two or more articles: ")[1]
    assert int(statements.split()[0]) >= 3
    assert "The presidents believe it is important to intensify" in statements
    assert "linked (pair score): 0-" in statements


def test_explain_shows_why_each_aligned_sentence_is_cited_or_not(analysed):
    db, docs, articles = analysed
    sputnik = next(a.id for a in articles.values() if a.outlet == "Sputnik")
    call = next(d for d in docs if sputnik in {x["id"] for x in d["articles"]})
    result = CliRunner().invoke(cli, ["explain", call["id"], "--db", str(db), "--json"])
    info = json.loads(result.output)
    members = [m for s in info["summary"] for m in s.get("members", [])]
    assert members  # the call story's consensus sentences have aligned renderings
    for s in info["summary"]:
        cited = {(c["article"], c["start"]) for c in s["citations"]}
        for m in s.get("members", []):
            assert 0.0 <= m["coverage"] <= 1.0
            # a member is cited exactly when it agrees with the sentence (#16: consensus
            # only from outlets that agree), and agreeing implies supporting
            assert m["cited"] == ((m["article"], m["start"]) in cited)
            assert m["cited"] == m["agrees"]
            if not m["supports"]:
                assert not m["agrees"]
    text = CliRunner().invoke(cli, ["explain", call["id"], "--db", str(db)]).output
    assert "coverage" in text
    members_shown = [line.strip() for line in text.splitlines() if ", coverage " in line]
    assert members_shown
    for line in members_shown:  # a cited member agrees, one not cited does not
        assert line.startswith("cited:") != ("does not agree" in line)


def test_explain_unknown_story_is_one_error_line(analysed):
    db, _, _ = analysed
    result = CliRunner().invoke(cli, ["explain", "s-nope", "--db", str(db)])
    assert result.exit_code != 0
    assert "no story 's-nope'" in result.output
    assert "Traceback" not in result.output


def test_omissions_carry_their_evidence_on_the_sample(analysed):
    _, docs, _ = analysed
    listed = [o for d in docs for o in d["omissions"]]
    assert listed
    for o in listed:
        for e in o["evidence"]:
            # the closest sentence of an omitting article is below the "states it" bar
            assert e["article"] in o["missing_from"] and e["score"] < 1.0


@pytest.mark.parametrize(
    ("c_text", "omits"),
    [
        (
            "Forty schools will remain shut until Friday because of the storm, the ministry said.",
            False,
        ),
        ("The ministry said the storm knocked out power to thousands of homes on Tuesday.", True),
    ],
)
def test_an_outlet_stating_the_fact_elsewhere_does_not_omit_it(c_text, omits):
    from newsprism.compare.claims import ClaimGroup
    from newsprism.compare.omissions import find_omissions

    fact = "The ministry said 40 schools would stay closed until Friday because of the storm."
    storm = "The storm hit the coast overnight with winds of 90 mph."
    by = {
        "a": claims_of("a", fact, storm),
        "b": claims_of("b", fact.replace("stay", "remain"), "Rivers rose across the region."),
        "c": claims_of("c", storm, c_text),
    }
    arts = [Article(id=k, source_path=f"{k}.txt", outlet=f"Outlet {k}", text="x") for k in "abc"]
    keys = {k: f"outlet:{k}" for k in "abc"}
    group = ClaimGroup([by["a"][0], by["b"][0]], {(0, 1): 0.9})
    shared = ClaimGroup([by["a"][1], by["c"][0]], {(0, 1): 1.0})  # c covers the storm too
    grouped = [*group.claims, *shared.claims]
    groups = [group, shared] + [ClaimGroup([c]) for k in "abc" for c in by[k] if c not in grouped]
    omissions, _ = find_omissions(groups, by, arts, keys)
    listed = [o for o in omissions if o["text"].startswith("The ministry said")]
    assert bool(listed and "c" in listed[0]["missing_from"]) is omits, omissions


def _pair(text_a, text_b):
    a = Article(id="a", source_path="a.txt", outlet="Daily A", published=DAY, text=text_a)
    b = Article(id="b", source_path="b.txt", outlet="Herald B", published=DAY, text=text_b)
    exs = {x.article_id: x for x in extract([a, b])}
    return compare_story([a, b], exs)


def test_a_disputed_figure_is_never_consensus_nor_agreed():
    doc = _pair(
        "12 people were injured when a bus crashed into a wall in Springfield on Monday, "
        "police said. The road was closed for hours while crews cleared the wreck.",
        "Fifteen people were injured when a bus crashed into a wall in Springfield on "
        "Monday, police said. The road was closed for hours while crews cleared the wreck.",
    )
    assert [c["kind"] for c in doc["conflicts"]] == ["conflict"]
    consensus = [s["text"] for s in doc["summary"] if not s.get("disputed")]
    assert not any("injured" in t for t in consensus), consensus
    assert any(s.get("disputed") and "injured" in s["text"] for s in doc["summary"])
    assert not any("injured" in a["text"] for a in doc["agreements"])
    facts = [f for f in doc["coverage"]["facts"] if "injured" in f["text"]]
    assert facts and all(f.get("disputed") for f in facts)
    title = undisputed_title(
        "Fifteen injured in Springfield bus crash",
        ["12 hurt as bus hits wall", "Bus crash closes Springfield road"],
        doc["conflicts"],
        doc["summary"],
    )
    assert title == "Bus crash closes Springfield road"


def test_a_figure_one_outlet_gives_is_not_cited_to_the_other():
    doc = _pair(
        "The company said on Monday it would cut 1,200 jobs at its plant in Toledo, Ohio, "
        "as demand for its trucks falls.",
        "The company said on Monday it would cut jobs at its plant in Toledo, Ohio, as "
        "demand for its trucks falls.",
    )
    for s in doc["summary"]:
        if "1,200" in s["text"]:
            assert s["articles"] == ["a"] or s.get("support", 0) < 2, s


def test_title_without_disputed_figure_is_kept():
    assert undisputed_title("Bus crash closes road", [], [], []) == "Bus crash closes road"


def test_claims_are_stored_and_match_the_articles(analysed):
    db, docs, articles = analysed
    with Store(db, read_only=True) as store:
        for doc in docs:
            stored = store.claims(doc["id"])
            assert stored == sorted(
                doc["claims"], key=lambda c: (c["group"], c["article"], c["start"])
            )
            for c in stored:
                assert articles[c["article"]].text[c["start"] : c["end"]] == c["text"]
    call = max(docs, key=lambda d: len(d["articles"]))
    groups = {c["group"] for c in call["claims"]}
    assert len(groups) == len(call["coverage"]["facts"]) >= 2


def test_one_outlet_count_in_stories_json_and_report(analysed):
    # #21 item 3: the story page said 4 outlets while stories.json listed two
    from newsprism.views import story_view

    db, docs, articles = analysed
    call = max(docs, key=lambda d: len(d["articles"]))
    assert call["outlet_count"] == 4 > len(call["outlets"])
    view = story_view(call, articles)
    assert view["counts"]["outlets"] == call["outlet_count"]


def test_summary_cites_only_articles_whose_sentence_states_it():
    from newsprism.compare.claims import ClaimGroup
    from newsprism.compare.summary import summarize

    texts = {
        "a": "The city council voted on Monday to build a new bridge over the river by 2027.",
        "b": "On Monday the city council voted to build a new bridge over the river by 2027.",
        "c": "On Monday the city council voted on the budget for the river and its bridges.",
    }
    claims = {k: claims_of(k, t)[0] for k, t in texts.items()}
    group = ClaimGroup(list(claims.values()), {(0, 1): 0.9, (0, 2): 0.6, (1, 2): 0.6})
    keys = {k: f"outlet:{k}" for k in texts}

    def states(fact, other):  # the check says c's sentence does not state it
        return other.article_id != "c"

    out = summarize([group], [], keys, states=states)
    assert [s["articles"] for s in out] == [["a", "b"]] or [s["articles"] for s in out] == [
        ["b", "a"]
    ]
    everyone = summarize([group], [], keys)
    assert sorted(everyone[0]["articles"]) == ["a", "b", "c"]


def test_title_marks_a_disputed_figure_when_no_other_wording_exists():
    conflicts = [
        {
            "kind": "conflict",
            "claims": [{"value": "Fifteen"}, {"value": "12"}],
        }
    ]
    title = undisputed_title("Fifteen injured in bus crash", ["12 hurt"], conflicts, [])
    assert title == "[disputed] injured in bus crash"


def test_a_fact_split_across_two_sentences_is_found_whole():
    # docs/handcheck.md: false omissions where an outlet gives a fact in two sentences
    # ("Commandos struck in the Gulf of Aden." "23 pirates were captured."): the check also
    # compares each pair of neighbouring sentences, and the pair is the closest evidence
    from newsprism.compare.omissions import Sentences

    fact = "The navy captured 23 Somali and Yemeni pirates in the Gulf of Aden on Saturday."
    by = {
        "a": claims_of("a", fact, "A helicopter carried the commandos to the dhow."),
        "c": claims_of(
            "c",
            "Commandos struck in the Gulf of Aden at the weekend.",
            "Twenty-three Somali and Yemeni pirates were captured by the navy.",
            "The weather was calm.",
        ),
    }
    sentences = Sentences(by)
    best = sentences.closest(sentences.scores([by["a"][0]]), "c")
    assert best is not None
    assert (best["start"], best["end"]) == (by["c"][0].start, by["c"][1].end), best
