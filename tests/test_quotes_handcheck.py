"""Reported quotes a reader accepts: the hand-checked sample of issue #19.

``tests/data/quotes_handcheck.jsonl`` holds 100 indirect quotes drawn deterministically by
``tools/quote_handcheck.py`` (70 from 40 PolNeAR *train* articles, 30 from NewsWCL50), each
judged by reading its sentence: a real statement with the right speaker, or not (with a
note). ``set: sample`` is the output after issue #19; ``set: before`` the same draw from
the extractor before it (35 of 100 right). The test re-extracts the sample's articles, so it
needs ``../shared/eval`` and skips without it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "quotes_handcheck.jsonl"
FRESH = ROOT / "tests" / "data" / "quotes_handcheck_fresh.jsonl"
EVAL = Path(os.environ.get("NEWSPRISM_EVAL_DIR", ROOT.parent / "shared" / "eval"))
# Measured 2026-12-04: 87 of 100 right (before issue #19: 35 of 100); 88 after the second
# round (2026-12-05), whose 3 changed speakers were re-judged. In-sample: the rules were
# written after reading the errors of earlier draws of this sample.
FLOOR = 0.85


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    if not (EVAL / "polnear").is_dir():
        pytest.skip("../shared/eval is not present (evaluation data lives outside the repo)")
    sys.path.insert(0, str(ROOT / "tools"))
    from quote_handcheck import extract  # type: ignore[import-not-found]

    rows = [json.loads(line) for line in DATA.read_text().splitlines()]
    rows = [r for r in rows if r["set"] == "sample"]
    found = {
        (a.id, q.start, q.end): q.speaker
        for _c, a, quotes in extract(EVAL)
        for q in quotes
        if q.kind == "indirect"
    }
    for r in rows:
        key = (r["article_id"], r["start"], r["end"])
        r["now"] = key in found and found[key] == r["speaker"]
    return rows


def test_the_sample_is_100_indirect_quotes_from_polnear_train_and_newswcl50(
    sample: list[dict],
) -> None:
    assert len(sample) == 100
    assert {r["corpus"] for r in sample} == {"polnear-train", "newswcl50"}


def test_the_sample_is_still_extracted_with_its_speakers(sample: list[dict]) -> None:
    assert sum(r["now"] for r in sample) >= 95


def test_reported_quotes_are_statements_with_the_right_speaker(sample: list[dict]) -> None:
    kept = [r for r in sample if r["now"]]
    right = [r for r in kept if r["verdict"] == "right"]
    assert len(right) / len(kept) >= FLOOR, [r["note"] for r in kept if r["verdict"] != "right"]


def test_a_fresh_draw_is_recorded_honestly() -> None:
    # 30 indirect quotes from 15 other PolNeAR train articles, drawn and judged after the
    # last rule change: 20 right. Not re-extracted; kept as the unbiased estimate.
    rows = [json.loads(line) for line in DATA.read_text().splitlines()]
    fresh = [r for r in rows if r["set"] == "fresh"]
    assert len(fresh) == 30
    assert sum(r["verdict"] == "right" for r in fresh) == 20


def test_the_second_fresh_draw_is_recorded_honestly() -> None:
    # tests/data/quotes_handcheck_fresh.jsonl: 40 indirect quotes from 20 other PolNeAR
    # train articles (tools/quote_handcheck.py fresh ... q19-fresh2 20 40), judged before
    # the second round of rules (18 right) and after it (28 of the 34 still shown right;
    # the 6 dropped were all wrong). In-sample after: the rules were written reading them.
    rows = [json.loads(line) for line in FRESH.read_text().splitlines()]
    before = [r for r in rows if r["set"] == "fresh2-before"]
    after = [r for r in rows if r["set"] == "fresh2-after"]
    assert len(before) == 40 and sum(r["verdict"] == "right" for r in before) == 18
    assert len(after) == 34 and sum(r["verdict"] == "right" for r in after) == 28


def test_an_untouched_holdout_draw_is_recorded_honestly() -> None:
    # 20 indirect quotes from 10 further PolNeAR train articles (tools/quote_handcheck.py
    # fresh ... q19-holdout 10 20 0 tests/data/quotes_handcheck_fresh.jsonl), drawn and
    # judged after the last rule change and not tuned on: 15 right. Not re-extracted.
    rows = [json.loads(line) for line in FRESH.read_text().splitlines()]
    holdout = [r for r in rows if r["set"] == "holdout"]
    assert len(holdout) == 20 and sum(r["verdict"] == "right" for r in holdout) == 15


def test_a_second_holdout_after_every_change_is_recorded_honestly() -> None:
    # 20 indirect quotes from 10 further PolNeAR train articles (... q19-holdout2 10 20 0
    # tests/data/quotes_handcheck_fresh.jsonl), drawn and judged after the last rule
    # change (commit "Speakers: coordinated persons ..."), not tuned on: 9 right.
    rows = [json.loads(line) for line in FRESH.read_text().splitlines()]
    holdout = [r for r in rows if r["set"] == "holdout2"]
    assert len(holdout) == 20 and sum(r["verdict"] == "right" for r in holdout) == 9


def _holdout3(name: str = "holdout3") -> tuple[list[dict], list[dict]]:
    rows = [json.loads(line) for line in FRESH.read_text().splitlines()]
    return (
        [r for r in rows if r["set"] == name + "-before"],
        [r for r in rows if r["set"] == name],
    )


def test_a_third_holdout_drawn_after_the_third_round_is_recorded_honestly() -> None:
    # 30 indirect quotes from 15 further PolNeAR train articles whose ids appear in no file
    # under tests/data (tools/quote_handcheck.py fresh ... q19-holdout3 15 30 0
    # tests/data/quotes_holdout3_excluded.jsonl, the ids then in tests/data),
    # drawn and judged after the last change of the third round, nothing tuned on it: 24
    # right with main's code before the round and 24 after (the round changes none of
    # the 30). docs/quote-bar.md.
    before, after = _holdout3()
    assert len(before) == 30 and sum(r["verdict"] == "right" for r in before) == 24
    assert len(after) == 30 and sum(r["verdict"] == "right" for r in after) == 24
    assert len({r["article_id"] for r in after}) == 13  # 2 of the 15 have no indirect quote


def test_a_fourth_holdout_drawn_after_the_third_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout4 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout3_excluded.jsonl, the
    # first file as of commit a990929),
    # drawn after the third holdout with no code change between: 23 right before and after
    # (one content differs: a participle trimmed, right both ways).
    before, after = _holdout3("holdout4")
    assert len(before) == 30 and sum(r["verdict"] == "right" for r in before) == 23
    assert len(after) == 30 and sum(r["verdict"] == "right" for r in after) == 23


def test_a_fifth_holdout_after_the_last_change_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout5 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout3_excluded.jsonl,
    # the first file as of commit dbaa439), drawn after the round's last change: 21 right
    # with main's code, 20 with this round's (the gloss trim cut "spent ... about 20
    # minutes, standing beside ..." after "minutes").
    before, after = _holdout3("holdout5")
    assert len(before) == 30 and sum(r["verdict"] == "right" for r in before) == 21
    # 21 since the aside rule (third 2026-12-05 session), written after reading its two
    # contents cut after an aside ("Many of the closures, he said, have involved ..."):
    # one of them now right, the other still ends with the writer's gloss (in-sample)
    assert len(after) == 30 and sum(r["verdict"] == "right" for r in after) == 21


def _untouched_holdout(name: str, *, right: int) -> list[dict]:
    """The 30 judged rows of an untouched holdout, checked to have ``right`` right and no
    article of its exclusion list, of any other draw or of the sample."""
    rows = [json.loads(line) for line in FRESH.read_text().splitlines()]
    holdout = [r for r in rows if r["set"] == name]
    assert len(holdout) == 30 and sum(r["verdict"] == "right" for r in holdout) == right
    excluded = ROOT / "tests" / "data" / f"quotes_{name}_excluded.jsonl"
    earlier = {json.loads(line)["article_id"] for line in excluded.read_text().splitlines()}
    earlier |= {r["article_id"] for r in rows if r["set"] != name}
    earlier |= {json.loads(line)["article_id"] for line in DATA.read_text().splitlines()}
    assert not earlier & {r["article_id"] for r in holdout}
    return holdout


def test_a_sixth_holdout_the_reader_gates_test_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout6 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout6_excluded.jsonl,
    # the first file as of commit b40b083, the second every PolNeAR train id named anywhere
    # in the repository then), drawn with main's code and judged before any output of the
    # reader's gate on it was seen: 21 right. The gate (tools/train_reader_gate.py at 0.64)
    # kept 26, 19 right, so it is not shipped (tests/test_reader_gate.py).
    holdout = _untouched_holdout("holdout6", right=21)
    assert len({r["article_id"] for r in holdout}) == 10  # 5 of the 15 have no indirect quote


def test_a_seventh_holdout_after_the_description_rules_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout7 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout7_excluded.jsonl,
    # the first file as of commit 1d6bebc, the second every PolNeAR train id named in
    # tests/data and docs then), drawn with the code of the fifth 2026-12-05 session (the
    # dateline and description speaker rules) and judged by a session that had not seen it:
    # 19 right (63%; 18 to 21 as four close calls are read).
    _untouched_holdout("holdout7", right=19)


def test_an_eighth_holdout_after_the_maker_rules_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout8 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout8_excluded.jsonl,
    # the second file every PolNeAR train id named in tests/data and docs then), drawn with
    # the code of commit 739360a (the sixth 2026-12-05 session's maker, recording, owner,
    # motive and gloss rules) and judged by a session that had not seen the code: 22 right
    # (73%; 21 to 23 as two close calls are read).
    _untouched_holdout("holdout8", right=22)


def test_a_ninth_holdout_after_the_eighth_holdouts_mends_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout9 15 30
    # 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout9_excluded.jsonl,
    # the second file every article id named in tests/data then), drawn with the code of
    # commit b66b0df (the eighth holdout's mends) and judged by a session that had not seen
    # the code: 17 right (57%; 13 to 17 as four close calls are read).
    holdout = _untouched_holdout("holdout9", right=17)
    assert len({r["article_id"] for r in holdout}) == 11  # 4 of the 15 have no indirect quote


def test_a_tenth_holdout_after_the_ninth_holdouts_mends_is_recorded_honestly() -> None:
    # 30 more indirect quotes from 15 further PolNeAR train articles (... q19-holdout10 15
    # 30 0 tests/data/quotes_handcheck_fresh.jsonl tests/data/quotes_holdout10_excluded.jsonl,
    # the second file every article id named in tests/data then), drawn with the code of
    # commit 68f7059 (this session's pronoun, owner, namesake, relative-clause and
    # participle rules) and judged by a session that had not seen the code: 14 right (47%;
    # 14 to 16 as close calls are read).
    holdout = _untouched_holdout("holdout10", right=14)
    assert len({r["article_id"] for r in holdout}) == 11


def test_an_eleventh_holdout_after_the_tenth_holdouts_mends_is_recorded_honestly() -> None:
    # 30 more (... q19-holdout11 15 30 0 tests/data/quotes_handcheck_fresh.jsonl
    # tests/data/quotes_holdout11_excluded.jsonl, the 554 article ids named in tests/data
    # then), drawn with the code of commit 1407d6d plus the "X, Y said" content rule of
    # 9e973c2 (being written then; the extractor-shows test below checks today's code gives
    # the same 30) and judged by a session that had not seen the code: 18 right (60%).
    # One Carrier feature gave 12 of the 30 (4 right).
    holdout = _untouched_holdout("holdout11", right=18)
    assert len({r["article_id"] for r in holdout}) == 8


def test_a_twelfth_holdout_after_the_eleventh_holdouts_mends_is_recorded_honestly() -> None:
    # 30 more (... q19-holdout12 15 30 0 tests/data/quotes_handcheck_fresh.jsonl
    # tests/data/quotes_holdout12_excluded.jsonl, the 562 article ids named in tests/data
    # then), drawn with the code of commit 247ef60 (clean tree; every rule of the seventh
    # 2026-12-05 session) and judged by a session that had not seen the code: 19 right (63%).
    holdout = _untouched_holdout("holdout12", right=19)
    assert len({r["article_id"] for r in holdout}) == 10


@pytest.mark.parametrize(
    "name",
    [
        "holdout3",
        "holdout4",
        "holdout5",
        "holdout6",
        "holdout7",
        "holdout8",
        "holdout9",
        "holdout10",
        "holdout11",
        "holdout12",
    ],  # fmt: skip
)
def test_the_untouched_holdouts_are_what_the_extractor_shows(name: str) -> None:
    if not (EVAL / "polnear").is_dir():
        pytest.skip("../shared/eval is not present (evaluation data lives outside the repo)")
    sys.path.insert(0, str(ROOT / "tools"))
    from quote_handcheck import extract  # type: ignore[import-not-found]

    from newsprism.model import Article

    _before, after = _holdout3(name)
    base = EVAL / "polnear" / "data" / "train" / "text"
    items = [
        ("polnear-train", Article(id=i, source_path=i, text=(base / f"{i}.txt").read_text()))
        for i in sorted({r["article_id"] for r in after})
    ]
    found = {
        (a.id, q.start, q.end, q.speaker)
        for _c, a, quotes in extract(EVAL, items)
        for q in quotes
        if q.kind == "indirect"
    }
    kept = [r for r in after if (r["article_id"], r["start"], r["end"], r["speaker"]) in found]
    # Speaker rules written after reading these holdouts change these speakers (so those
    # items are in-sample now): "according to a report from the State Department's
    # inspector general" (was the State Department), "though she has said she'll accept
    # ..." in a sentence opening with Lynch (was Bill Clinton); "The South Carolina
    # Republican\xa0admitted" (a no-break space had kept the description unresolved);
    # holdout7's "He has suggested" after NER's "Entrusting Donald Trump" (a verb opening
    # the sentence is no part of the name).
    # holdout5's "Cruz defends ...: '...,' the senator says" keeps McCain: the quotes after
    # the colon are Cruz's now, but the writer's words before it, judged, are not a quote.
    # The sixth 2026-12-05 session: a thing's maker speaks for it ("a gaffe by House
    # Majority Leader Kevin McCarthy suggested", "a declaration filed in federal court by
    # John F. Hackett") and a recording shows who says it ("a clip of McCain saying"); a
    # common noun keeps the name it belongs to ("supporters of Democrat Hillary Clinton").
    changes = {
        "holdout3": [("State Department", "State Department's inspector general")],
        "holdout4": [
            ("Bill Clinton", "Loretta Lynch"),
            ("South Carolina Republican", "Trey Gowdy"),
        ],
        # and a name ending in a title's word is no description ("The Brennan Center for
        # Justice noted": the centre, was the judge JoAnne Kloppenburg)
        "holdout5": [
            ("gaffe", "Kevin McCarthy"),
            ("JoAnne Kloppenburg", "Brennan Center for Justice"),
        ],
        # judged right as "national poll" (a poll as speaker); its makers are right too
        "holdout6": [("declaration", "John F. Hackett"), ("national poll", "Washington Post")],
        # "Cruz is the only top-tier contender here to have pledged": the contender is Cruz
        # and a name modifying a common noun ("old Iowa political hands") is no speaker
        # (the content still runs into the writer's gloss: still wrong)
        "holdout8": [
            ("only top-tier contender", "Ted Cruz"),
            ("Cruz’s Iowa", "old Iowa political hands"),
        ],
        "holdout7": [
            ("Entrusting Donald Trump", "Donald Trump"),
            ("clip", "John McCain"),
            ("supporters", "supporters of Democrat Hillary Clinton"),
        ],
        # A pronoun after sentences opening with it is their named subject: "A high
        # school graduate, Lazar had ... He told the New York Times ... Although he told
        # the FBI" (was his public defender, named three sentences before)
        # and a plural writing speaks for its owner as a singular one does ("Palin's
        # pugnacious posts about ISIS include one last week saying")
        # and a speaker span that spells one of the article's people in full is that
        # person ("German Ortega says", NER's "Ortega"; was his brother Freddy)
        "holdout9": [
            ("Shannon S. Quill", "Lazar"),
            ("Palin’s pugnacious posts", "Palin"),
            ("Freddy Ortega", "German Ortega"),
            # "with an editor's note on the story saying": the note's maker (the content
            # still drops "but that was not the case": still wrong)
            ("story", "Politico"),
        ],
        # a dateline NER ran into a name is no part of it ("ROME - Bernie Sanders met
        # ..."); the second one's content is still the writer's sentence: still wrong
        # an organisation's person is not the one its verb addresses ("Microsoft
        # promised Mr. Weiner that ...": Microsoft, was Weiner)
        "holdout11": [("Jeff Weiner", "Microsoft")],
        "holdout12": [],
        "holdout10": [
            ("ROME - Bernie Sanders", "Bernie Sanders"),
            ("ROME - Bernie Sanders", "Bernie Sanders"),
        ],
    }[name]
    # Contents trimmed since: a concessive tail that reports an act or stance, not a
    # statement ("..., even though many of the drivers of the push backed Cruz").
    trimmed = {"holdout7": ["he’s hopeful that the effort results in John Kasich"]}.get(name, [])
    # No longer an indirect quote, judged wrong: a motive ("..., fearing that the party
    # could lose"); the writer's words around a quotation an "as X said" aside follows
    # (now the quotation alone, a direct quote); the clause after "and" that follows an
    # "according to" phrase (now the clause the phrase closes); a cue in an "as" clause
    # of a hypothetical ("would see big declines as investors decide").
    dropped = {
        # ", saying ..." hung on the reported clause is the sentence speaker's, inside
        # his quote ("Lewandowski rejected the idea that the developer would be a drag
        # ..., saying the huge crowds ... prove"; was credited to the developer)
        "holdout7": [
            "that the party could lose its hold on Congress",
            "the huge crowds he is turning out at rallies",
        ],
        # a noun's "that" clause with no owner, under a preposition that is not what
        # the subject argues in ("Despite complaints that he is a quixotic crusader")
        # and a cue under an existential "there is" clause ("there is little to draw
        # from his approach to suggest that he could succeed"), whose subject is nobody
        # and a "clause" opening with a relative pronoun ("said Gregory W. Slayton, ...,
        # and who is now supporting Senator Marco Rubio")
        # and an indirect question ("explaining why she forgave Roof") and what someone
        # "knows", the writer's own claim ("He knows how important it is to defeat ...")
        "holdout10": [
            "why she forgave Roof",
            "why she stands behind Clinton",
            "how important it is to defeat Donald Trump",
            "that the right way to do that is",
            # and a cue under "if"/"whether": a question put to him ("Asked by Starnes if
            # he believed the situation was ...")
            "the situation was at the same level",
            # and "X, Y said ... — gloss" with the cue hung on X's verb: the clause before
            # the source, not the writer's words after it
            "this week at an event in Wyoming",
        ],
        # a topic or a question: "describing how she carefully puts together ..." (the
        # other "describing how" was judged cut before its claim)
        "holdout6": ["what happens on a video of the encounter"],
        "holdout11": [
            "how she carefully puts together",
            "how their 1,400 jobs",
        ],
        "holdout9": [
            "that he is a quixotic crusader",
            "that he could succeed",
            "who is now supporting Senator Marco Rubio",
        ],
        "holdout8": [
            "Still, the fact that the race",
            "and there were only eight",
            "profits can’t hold up without the Fed",
        ],
    }.get(name, [])
    for opening in dropped:
        (r,) = [r for r in after if r["content"].startswith(opening)]
        assert r["verdict"] == "wrong" and r not in kept
    # Contents rewritten since, judged wrong for it: a cue in a relative clause whose
    # pronoun is its complement's subject now reports the noun the clause is about ("which
    # he said has increased" was "said has increased ...", without its subject).
    # And a clause an aside splits is whole when its subject stands before the aside ("But
    # the years that followed, he said, brought a fundamental shift", was cut at the aside).
    rewritten = {
        "holdout4": ["said has increased because of"],
        "holdout9": ["say is tied to Russian"],
        "holdout11": ["say is the future"],
        "holdout12": ["But the years that followed"],
    }.get(name, [])
    for opening in rewritten:
        (r,) = [r for r in after if r["content"].startswith(opening)]
        assert r["verdict"] == "wrong" and r not in kept
        assert any(
            a == r["article_id"]
            and s <= r["start"] < e
            and (s, e) != (r["start"], r["end"])
            and spk == r["speaker"]
            for a, s, e, spk in found
        )
    changed = sorted((r for r in after if r not in kept), key=lambda r: r["start"])
    assert len(kept) == 30 - len(changes) - len(trimmed) - len(dropped) - len(rewritten), [
        (r["speaker"], r["start"]) for r in changed
    ]
    for was, now in set(changes):
        rows = [r for r in changed if r["speaker"] == was]
        assert len(rows) == changes.count((was, now))
        for r in rows:
            assert r["verdict"] == ("right" if was == "national poll" else "wrong")
            assert (r["article_id"], r["start"], r["end"], now) in found
    for opening in trimmed:
        (r,) = [r for r in changed if r["content"].startswith(opening)]
        assert r["verdict"] == "wrong"
        assert any(
            (a, s, spk) == (r["article_id"], r["start"], r["speaker"]) and e < r["end"]
            for a, s, e, spk in found
        )
