"""The comparison stage on the sample corpus and on an ECB+ sub-topic checked by hand."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from newsprism.compare import (
    Claim,
    ClaimGroup,
    compare_story,
    find_framing,
    independence_keys,
    stands_alone,
)
from newsprism.compare.text import content_tokens


@pytest.fixture(scope="session")
def seed_extractions(seed_articles):
    from newsprism.extract import canonicalize_extractions, extract

    return {ex.article_id: ex for ex in canonicalize_extractions(extract(seed_articles.values()))}


@pytest.fixture(scope="session")
def seed_comparison(seed_articles, seed_extractions):
    """The 20-21 Feb call story (000, 001, 002, 004); framing over all five articles."""
    story = [seed_articles[k] for k in ("000", "001", "002", "004")]
    return compare_story(story, seed_extractions, framing_articles=list(seed_articles.values()))


def _key(seed_articles):
    return {a.id: k for k, a in seed_articles.items()}


def test_call_length_is_a_conflict_citing_both_articles(seed_comparison, seed_articles):
    key = _key(seed_articles)
    found = [
        c
        for c in seed_comparison["conflicts"]
        if c["kind"] == "conflict" and {key[x["article"]] for x in c["claims"]} == {"000", "001"}
    ]
    assert found, seed_comparison["conflicts"]
    values = sorted(x["value"] for x in found[0]["claims"])
    assert values == ["105 minutes", "45 minutes"]
    for claim in found[0]["claims"]:
        text = seed_articles[key[claim["article"]]].text
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["value"].split()[0] in claim["text"]


def test_only_the_call_length_is_in_conflict(seed_comparison):
    # Precision first: nothing else in this story is an incompatible figure.
    assert len([c for c in seed_comparison["conflicts"] if c["kind"] == "conflict"]) == 1


def test_troop_figures_of_different_days_are_not_a_conflict(seed_articles, seed_extractions):
    arts = list(seed_articles.values())
    result = compare_story(arts, seed_extractions)
    for c in result["conflicts"]:
        values = " ".join(x["value"] for x in c["claims"])
        if "100,000" in values and "150,000" in values:
            assert c["kind"] != "conflict", c


def test_kremlin_readout_renderings_are_grouped(seed_comparison, seed_articles):
    key = _key(seed_articles)
    groups = [
        q
        for q in seed_comparison["quotes"]
        if {"000", "002", "004"} <= {key[a] for a in q["articles"]}
        and any("military solution" in v["text"] for v in q["variants"])
    ]
    assert groups, [(q["speaker"], q["articles"]) for q in seed_comparison["quotes"][:5]]
    group = groups[0]
    assert "Kremlin" in (group["speaker"] or "")
    # Each variant is the outlet's own wording, found at its offsets in that article.
    for v in group["variants"]:
        assert seed_articles[key[v["article"]]].text[v["start"] : v["end"]] == v["text"]
    assert len({v["text"] for v in group["variants"]}) >= 3


@pytest.mark.parametrize(
    ("one", "other", "one_side", "other_side"),
    [
        ("Kiev", "Kyiv", {"002", "004"}, {"000", "001", "003"}),
        ("Donbass", "Donbas", {"002", "004"}, {"003"}),
    ],
)
def test_framing_pairs_with_outlets_on_each_side(
    seed_comparison, seed_articles, one, other, one_side, other_side
):
    key = _key(seed_articles)
    pairs = [f for f in seed_comparison["framing"] if set(f["terms"]) == {one, other}]
    assert pairs, [f["terms"] for f in seed_comparison["framing"]]
    terms = pairs[0]["terms"]
    assert {key[a] for a in terms[one]} == one_side
    assert {key[a] for a in terms[other]} == other_side


def test_a_typo_used_beside_the_right_name_is_not_framing(seed_comparison):
    # 002 writes "Micron" once and "Macron" elsewhere: a typo, not a word choice.
    assert not any("Micron" in f["terms"] for f in seed_comparison["framing"])


def _overlap(a: str, b: str) -> float:
    ta, tb = set(content_tokens(a)), set(content_tokens(b))
    return len(ta & tb) / max(1, len(ta))


def test_every_summary_sentence_cites_exactly_the_articles_with_its_fact(
    seed_comparison, seed_articles
):
    key = _key(seed_articles)
    summary = seed_comparison["summary"]
    assert 3 <= len(summary) <= 8
    for sentence in summary:
        assert sentence["articles"], sentence
        for cite in sentence["citations"]:
            cited = seed_articles[key[cite["article"]]].text[cite["start"] : cite["end"]]
            if sentence.get("disputed"):
                assert any(v in cited for v in re.findall(r"\d+", sentence["text"]))
            else:  # the cited sentence carries the fact: most of its content words
                assert _overlap(sentence["text"], cited) >= 0.3, (sentence["text"], cited)
        if sentence.get("disputed"):
            continue
        for k in ("000", "001", "002", "004"):  # and no uncited article carries it
            art = seed_articles[k]
            if art.id in sentence["articles"]:
                continue
            best = max(_overlap(sentence["text"], s) for s in re.split(r"(?<=[.!?])\s+", art.text))
            assert best < 0.6, (k, sentence["text"])


def test_summary_sentences_read_on_their_own(seed_comparison):
    # No summary line leans on a sentence the reader does not see ("And then he ...").
    for sentence in seed_comparison["summary"]:
        if not sentence.get("disputed"):
            assert stands_alone(sentence["text"]), sentence["text"]


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("And then Trump went fully on the attack.", False),
        ("He said the talks would go on.", False),
        ("“But we will not back down,” he said.", False),
        ("Its troops stayed.", False),
        ("Theresa May said the talks would go on.", True),
        ("This week, the leaders met in Moscow.", True),
        ("Iteration is key.", True),
    ],
)
def test_stands_alone(text, alone):
    assert stands_alone(text) is alone


def test_a_group_is_represented_by_a_sentence_that_reads_alone():
    lean = Claim("a", 0, 40, "And then he said the talks would resume on Monday.", 1)
    whole = Claim("b", 0, 40, "Putin said the talks with France would resume on Monday.", 3)
    assert ClaimGroup([lean, whole]).representative() is whole
    assert ClaimGroup([whole, lean]).representative() is whole


def _quote_groups(said: dict[str, tuple[str, str]]) -> set[frozenset[str]]:
    """The article sets of :func:`group_quotes` for one quote per outlet ``{id: (who, text)}``."""
    from newsprism.compare import group_quotes
    from newsprism.model import Article, Extraction, Quote

    articles = [Article(id=k, source_path=k, text=t, outlet=k) for k, (_, t) in said.items()]
    extractions = {
        k: Extraction(k, quotes=(Quote(k, 0, len(t), t, who, "said", "indirect"),))
        for k, (who, t) in said.items()
    }
    return {
        frozenset(g["articles"]) for g in group_quotes(articles, extractions, {k: k for k in said})
    }


def test_a_short_fragment_does_not_chain_two_speakers_statements():
    # Measured on PolNeAR's Orlando coverage: Trump's airstrikes statement, a learned-cue
    # fragment attributed to him, and Obama's words on homegrown attacks were one group.
    said = {
        "p": ("Donald Trump", "that more airstrikes are needed in Iraq and Syria to prevent "
              "terrorist attacks like the mass shooting in Orlando"),
        "w": ("Donald Trump", "the terrorist attacks in Orlando"),
        "h": ("Barack Obama", "“The terrorist attacks in Orlando and San Bernardino were "
              "homegrown,”"),
        "x": ("Trump", "that more airstrikes were needed in Syria and Iraq to prevent attacks "
              "like the Orlando shooting"),
    }  # fmt: skip
    together = _quote_groups(said)
    assert frozenset({"h"}) in together  # Obama's statement stands alone
    assert any({"p", "x", "w"} <= g for g in together)  # Trump's renderings stay together


def test_common_words_capitalised_are_not_spelling_variants():
    # "Police" and "Policy" differ by one letter and two outlets each capitalised one of
    # them; both are written in lower case too, so neither is a name.
    from newsprism.model import Article

    texts = {
        "a": "Police said the gunman acted alone. The police chief spoke to reporters.",
        "b": "Police sealed the club. Local police asked for calm in the city.",
        "c": "Policy experts criticised the plan. The policy would cost billions.",
        "d": "Policy makers met on Monday. The new policy takes effect in June.",
        "e": "Kiev said talks would go on. Officials in Kiev met on Monday.",
        "f": "Kyiv said talks would go on. Officials in Kyiv met on Monday.",
    }
    articles = [Article(id=k, source_path=k, text=t, outlet=k) for k, t in texts.items()]
    framing = find_framing(articles, [], {k: k for k in texts})
    pairs = [set(f["terms"]) for f in framing]
    assert {"Police", "Policy"} not in pairs
    assert {"Kiev", "Kyiv"} in pairs  # names never written in lower case still pair


@pytest.mark.parametrize(
    "texts",
    [
        {  # two people with one surname: "Trump" stands beside many first names
            "a": "Ivanka Trump spoke first. Donald Trump listened as Eric Trump waved.",
            "b": "Ivanka Trump introduced her father, Donald Trump, on Thursday.",
            "c": "Ivana Trump, his first wife, said Donald Trump called her.",
            "d": "Ivana Trump sat beside Melania Trump and Donald Trump.",
        },
        {  # two people whose surnames are a letter apart, each with a first name
            "a": "Senator Tom Carper of Delaware said the bill was dead.",
            "b": "Tom Carper voted against the bill, his office said.",
            "c": "Former president Jimmy Carter said the bill was needed.",
            "d": "Jimmy Carter spoke at the convention in Philadelphia.",
        },
    ],
)
def test_two_names_a_letter_apart_are_not_one_name_spelled_twice(texts):
    from newsprism.model import Article

    articles = [Article(id=k, source_path=k, text=t, outlet=k) for k, t in texts.items()]
    found = find_framing(articles, [], {k: k for k in texts})
    assert [f for f in found if f["kind"] != "label"] == []


@pytest.mark.slow
def test_a_year_of_campaign_news_yields_no_false_spellings(polnear_articles):
    # PolNeAR's 924 articles of 7 outlets as one collection: names a letter apart abound
    # (measured before the tests of names beside them and of common words: 43 spelling
    # pairs over the stories of this collection, e.g. Carper/Carter, Malley/Malloy,
    # Police/Policy, Shane/State; as one collection, 24 pairs with Tony/Trey, Bret/Brett).
    framing = find_framing(polnear_articles, [], {a.id: a.outlet for a in polnear_articles})
    pairs = {frozenset(f["terms"]) for f in framing if f["kind"] == "spelling"}
    for wrong in [
        ("Carper", "Carter"), ("Malley", "Malloy"), ("Police", "Policy"), ("Shane", "State"),
        ("America", "American"), ("Ivana", "Ivanka"), ("Greg", "Gwen"), ("Iran", "Iraq"),
        ("Martin", "Marvin"), ("Christina", "Christine"), ("Mormon", "Morton"),
    ]:  # fmt: skip
        assert frozenset(wrong) not in pairs, wrong
    # Measured after: 15 pairs, 13 of them one name spelled two ways (accents, typos of
    # one outlet such as "Kristen Gillibrand", Wal-Mart/Walmart) and 2 wrong.
    assert len(pairs) <= 20, sorted(tuple(sorted(p)) for p in pairs)
    assert {frozenset(("Garcia", "García")), frozenset(("Kirsten", "Kristen"))} <= pairs


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (  # several figures of one kind in a sentence: which measures what is unclear
            "Wednesday's Quinnipiac poll has Clinton leading Trump by just six points "
            "(46 percent to 40 percent) in head-to-head matchups.",
            "In a three-way race between Trump, Clinton and Libertarian candidate Gary "
            "Johnson, Clinton earned 42 percent, Trump 34 percent and Johnson 11 percent.",
        ),
        (  # ECB+'s 2005 Qeshm quake: the dead are not the island's population
            "Qeshm island governor Heydar Alishbandi told AFP that a total of 10 people had "
            "been killed and that the death toll was not expected to rise further.",
            "The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, and the "
            "city of Bandar Abbas, state media said.",
        ),
        (  # ... nor the wounded
            "As many as 80 people were also wounded.",
            "The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, and the "
            "city of Bandar Abbas, state media said.",
        ),
        (  # ECB+'s Brian Nichols trial: a hypothetical in a quotation is no death toll
            "He was convicted of killing four people, including a judge in a court room "
            "shooting in 2005.",
            "\"They asked, 'How about if it had been 50 people?'\" Howard said.",
        ),
        (  # a model's size names a product (article-extraction benchmark, MacBook coverage)
            "The 16-inch MacBook Pro looks like a hell of a laptop, as it should for $2,400.",
            "It is unclear if the 13-inch MacBook Pro will follow suit.",
        ),
        (  # one outlet gives both figures: two calls, not a disagreement
            "Macron's first call with Putin lasted 45 minutes. His second call with Putin "
            "lasted 105 minutes.",
            "Macron's call with Putin lasted 105 minutes.",
        ),
        (  # a figure under "can" is no reported fact
            "A magnitude 6 quake can cause severe damage.",
            "A quake measuring 6.4 on the Richter scale hit the southern town of Zarand.",
        ),
        (  # the same kind of figure about different places: different facts
            "In Kentucky, 55 Democratic delegates were up for grabs.",
            "Sanders hopes that winning a large share of the state’s 475 delegates will give "
            "him momentum heading into the party’s Philadelphia convention.",
        ),
    ],
)
def test_figures_of_different_facts_are_not_a_conflict(one, other):
    # Sentences of PolNeAR's campaign coverage that were reported as conflicts.
    import datetime as dt

    from newsprism.extract import extract
    from newsprism.model import Article

    day = dt.date(2016, 5, 18)
    articles = [
        Article(id=k, source_path=k, text=t, outlet=k, published=day)
        for k, t in (("a", one), ("b", other))
    ]
    extractions = {ex.article_id: ex for ex in extract(articles)}
    assert all(extractions[a.id].quantities for a in articles)  # the figures are found
    assert compare_story(articles, extractions)["conflicts"] == []


def _two_day_story(one: str, other: str):
    import datetime as dt

    from newsprism.extract import extract
    from newsprism.model import Article

    articles = [
        Article(id=k, source_path=k, text=t, outlet=k, published=dt.date(2022, 2, d))
        for k, t, d in (("a", one, 14), ("b", other, 18))
    ]
    extractions = {ex.article_id: ex for ex in extract(articles)}
    assert all(extractions[a.id].quantities for a in articles)  # the figures are found
    return compare_story(articles, extractions)["conflicts"]


def test_a_figure_of_one_named_thing_that_moved_is_a_change():
    conflicts = _two_day_story(
        "Russia has massed 100,000 troops near the border with Ukraine, officials say.",
        "Russia has now massed 150,000 troops near the border with Ukraine, Biden said.",
    )
    assert [c["kind"] for c in conflicts] == ["change"]


def test_a_death_toll_that_rose_is_a_change_even_below_ten():
    conflicts = _two_day_story(
        "The governor of Qeshm island told AFP four villages had been destroyed and three "
        "people killed.",
        "Qeshm island governor Heydar Alishbandi told AFP that a total of 10 people had been "
        "killed.",
    )
    assert [(c["kind"], c["subject"]) for c in conflicts] == [("change", "number of people killed")]


def test_a_revised_magnitude_is_a_change():
    conflicts = _two_day_story(
        "The 5.9-magnitude quake struck Qeshm island, state media said.",
        "The 6.1-magnitude quake struck Qeshm island, state media said.",
    )
    assert [(c["kind"], c["subject"]) for c in conflicts] == [("change", "magnitude of the quake")]


def test_figures_of_a_recalled_older_event_are_not_the_story_s():
    # ECB+'s 2005 Qeshm quake articles recall Bam's quake of December 2003.
    conflicts = _two_day_story(
        "On Sunday, a quake measuring 5.9 on the Richter scale hit Iran, killing 10 people.",
        "In December 2003, a quake measuring 6.6 on the Richter scale hit Iran, killing "
        "31,000 people.",
    )
    assert conflicts == []


def test_one_disagreement_copied_into_several_articles_is_listed_once():
    import datetime as dt

    from newsprism.extract import extract
    from newsprism.model import Article

    one = "Qeshm lies 1,500 kilometers south of Tehran, officials said."
    other = "Qeshm, located 1,150 kilometers southeast of Tehran, has a busy port."
    articles = [
        Article(id=k, source_path=k, text=t, outlet=k, published=dt.date(2005, 11, 28))
        for k, t in (("a", one), ("b", other), ("c", one + " It was a quake."), ("d", other))
    ]
    extractions = {ex.article_id: ex for ex in extract(articles)}
    conflicts = compare_story(articles, extractions)["conflicts"]
    assert len(conflicts) == 1 and conflicts[0]["kind"] == "conflict"


def test_figures_of_unnamed_things_on_two_days_are_not_a_change():
    # PolNeAR: the Democrats' 2,383 delegates and the Republicans' 1,237 were a "change".
    conflicts = _two_day_story(
        "Beyond that, his advisers say that neither candidate can achieve the 2,383 "
        "delegates needed for nomination on the basis of pledged delegates alone.",
        "A top Donald Trump adviser says the businessman is on a glide path to reaching "
        "the 1,237 delegates needed to clinch the Republican nomination.",
    )
    assert conflicts == []


def test_copies_count_once(seed_articles, seed_extractions):
    original = seed_articles["000"]
    copy = replace(original, id="copy-of-000", outlet="Wire Copy", duplicate_of=original.id)
    keys = independence_keys([original, copy, seed_articles["001"]])
    assert keys[copy.id] == keys[original.id] != keys[seed_articles["001"].id]
    result = compare_story([original, copy, seed_articles["001"]], seed_extractions)
    for group in result["agreements"]:
        assert not {original.id, copy.id} <= set(group["articles"])


def test_timeline_is_dated_and_cited(seed_comparison, seed_articles):
    key = _key(seed_articles)
    timeline = seed_comparison["timeline"]
    assert timeline and all(re.match(r"^\d{4}(-\d{2}){0,2}$", e["date"]) for e in timeline)
    assert [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
    # The call itself (Sunday 20 Feb 2022) is on it.
    assert any(e["date"] == "2022-02-20" for e in timeline)
    for e in timeline:
        for c in e["citations"]:
            assert seed_articles[key[c["article"]]].text[c["start"] : c["end"]]
    # The 2014 Minsk protocol is context an outlet recalled, the week's events are not.
    assert [e["date"] for e in timeline if e["background"]] == ["2014"]


def test_background_is_an_event_ended_a_month_before_the_first_article():
    from newsprism.compare import build_timeline
    from newsprism.compare.text import period_end
    from newsprism.model import Article, Event, Extraction

    day = dt.date(2022, 2, 21)
    text = "Talks began in 2014. They resumed last December. Leaders met on Sunday."
    a = Article(id="a", source_path="a", text=text, published=day)
    events = tuple(
        Event("a", text.index(s), text.index(s) + len(s), actor, "met", None, d, s)
        for s, actor, d in (
            ("Talks began in 2014.", "talks", "2014"),
            ("They resumed last December.", "they", "2021-12"),
            ("Leaders met on Sunday.", "leaders", "2022-02-20"),
        )
    )
    timeline = build_timeline([a], {"a": Extraction("a", events=events)})
    assert {e["date"]: e["background"] for e in timeline} == {
        "2014": True,
        "2021-12": True,  # ended 2021-12-31, 52 days before 21 Feb
        "2022-02-20": False,
    }
    undated = build_timeline(
        [Article(id="a", source_path="a", text=text)], {"a": Extraction("a", events=events)}
    )
    assert not any(e["background"] for e in undated)  # no publication date: no judgement
    assert period_end("2024-02") == dt.date(2024, 2, 29)


def test_a_time_of_day_puts_its_event_on_that_day():
    from newsprism.compare import build_timeline
    from newsprism.model import Article, Event, Extraction

    text = "GM filed for bankruptcy at 12:00 UTC Monday."
    a = Article(id="a", source_path="a", text=text, published=dt.date(2009, 6, 2))
    ev = Event("a", 0, len(text), "GM", "file", None, "2009-06-01T12:00Z", text)
    (entry,) = build_timeline([a], {"a": Extraction("a", events=(ev,))})
    assert entry["date"] == "2009-06-01" and not entry["background"]


def test_framing_is_learned_not_listed(seed_articles):
    """A spelling no list could know becomes a framing pair once outlets use it consistently."""
    key = _key(seed_articles)
    renamed = [
        replace(a, text=a.text.replace("Belarus", "Belorus")) if k in ("000", "001") else a
        for k, a in seed_articles.items()
    ]
    found = [
        f
        for f in find_framing(renamed, [], independence_keys(renamed))
        if set(f["terms"]) == {"Belarus", "Belorus"}
    ]
    assert found
    assert {key[a] for a in found[0]["terms"]["Belorus"]} == {"000", "001"}
    assert {key[a] for a in found[0]["terms"]["Belarus"]} == {"003"}


def test_a_story_gets_only_the_framing_its_own_articles_name(seed_articles):
    """Framing is learned over the thread; each story lists the referents it names itself."""
    key = _key(seed_articles)
    renamed = [
        replace(a, text=a.text.replace("Belarus", "Belorus")) if k in ("000", "001") else a
        for k, a in seed_articles.items()
    ]
    keys = independence_keys(renamed)
    thread = find_framing(renamed, [], keys)
    assert any(set(f["terms"]) == {"Belarus", "Belorus"} for f in thread)
    # 002 names neither form; the pair stays out of its story but Kiev/Kyiv does not.
    alone = [a for a in renamed if key[a.id] == "002"]
    assert "Belarus" not in alone[0].text and "Belorus" not in alone[0].text
    story = find_framing(renamed, [], keys, story=alone)
    assert not any({"Belarus", "Belorus"} & set(f["terms"]) for f in story)
    kiev = [f for f in story if set(f["terms"]) == {"Kiev", "Kyiv"}]
    assert kiev and kiev == [f for f in thread if set(f["terms"]) == {"Kiev", "Kyiv"}]
    every = {tuple(sorted(f["terms"])) for f in thread}
    for f in story:  # a subset of the thread's, each named by the story
        assert tuple(sorted(f["terms"])) in every
        assert any(
            re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", alone[0].text) for t in f["terms"]
        )


def test_term_uses_from_the_word_index_equal_a_scan_of_every_text(seed_articles):
    """The thread's word index only skips texts that cannot use a term."""
    from newsprism.compare.framing import _Corpus, _uses_count

    arts = tuple(seed_articles.values())
    corpus = _Corpus(arts, tuple(a.id for a in arts))
    terms = ["Kiev", "Kyiv", "Donbass", "Minsk agreements", "Putin's", "people's republics"]
    terms += ["Russia-backed", "U.S.", "Macron", "fire", "police said", "Emmanuel Macron"]
    for term in terms:
        scanned = {a.id: n for a in arts if (n := _uses_count(term, a.text))}
        assert corpus.uses(term) == scanned, term
    assert corpus.uses("Kiev") and corpus.uses("Minsk agreements")


# --------------------------------------------------------------------------- ECB+


@pytest.fixture(scope="module")
def comeaux(eval_dir):
    """ECB+ topic 3, sub-topic ecbplus: the Nov 2009 escape of Arcade Joseph Comeaux Jr."""
    from newsprism.evaluate.clustering import load_ecbplus
    from newsprism.extract import canonicalize_extractions, extract

    docs = [
        d.article
        for d in load_ecbplus(eval_dir / "ecbplus" / "ECB+", topics=[3])
        if d.subtopic == "3/ecbplus"
    ]
    docs = [replace(a, outlet=a.url.split("/")[2] if a.url else None) for a in docs]
    extractions = {e.article_id: e for e in canonicalize_extractions(extract(docs))}
    return {a.id: a for a in docs}, compare_story(docs, extractions)


def test_ecb_escape_story_agreements(comeaux):
    articles, result = comeaux
    # Checked by hand: 3_1ecbplus, 3_2ecbplus and 3_10ecbplus each report the two extra
    # life sentences for stabbing his wife in 1999.
    extra = [
        g
        for g in result["agreements"]
        if "two extra life sentences" in g["text"] or "two additional life sentences" in g["text"]
    ]
    assert extra and {"3_1ecbplus", "3_10ecbplus"} <= set(extra[0]["articles"])
    for g in result["agreements"]:
        for c in g["citations"]:
            assert articles[c["article"]].text[c["start"] : c["end"]]


def test_ecb_escape_story_has_no_invented_conflict(comeaux):
    # Checked by hand: the outlets agree on his age (49), the two guards and the dates.
    assert [c for c in comeaux[1]["conflicts"] if c["kind"] == "conflict"] == []


def test_ecb_escape_story_timeline(comeaux):
    dates = [e["date"] for e in comeaux[1]["timeline"]]
    assert "2009-11-30" in dates and "2009-12-07" in dates  # the escape and the capture


def test_claims_use_the_extraction_sentences_and_keep_quotations_whole(seed_articles):
    from newsprism.compare import split_claims
    from newsprism.extract import extract
    from newsprism.model import Article

    text = (
        'Officials met in Geneva on Monday. "The talks were useful. We agreed to meet again '
        'next week," the Kremlin said in a statement. The next round is set for Vienna.'
    )
    article = Article(id="q", source_path="q.txt", text=text)
    (ex,) = extract([article])
    assert ex.sentences and all(text[a:b].strip() == text[a:b] for a, b in ex.sentences)
    claims = split_claims(article, ex)
    assert [c.text for c in claims] == [
        "Officials met in Geneva on Monday.",
        '"The talks were useful. We agreed to meet again next week," the Kremlin said in a '
        "statement.",
        "The next round is set for Vienna.",
    ]
    # Without an extraction the same sentences are found again.
    assert [c.text for c in split_claims(article)] == [c.text for c in claims]
    # On a real article, every claim is a stretch of its text.
    real = next(iter(seed_articles.values()))
    (rex,) = extract([real])
    for c in split_claims(real, rex):
        assert real.text[c.start : c.end] == c.text


def test_stored_extractions_keep_their_sentences(tmp_path):
    from newsprism.extract import extract
    from newsprism.model import Article
    from newsprism.store import Store

    article = Article(id="a1", source_path="a.txt", text="Putin spoke. Macron listened to him.")
    (ex,) = extract([article])
    with Store(tmp_path / "s.duckdb") as store:
        store.save_extractions([ex])
        assert store.extractions()["a1"].sentences == ex.sentences == ((0, 12), (13, 36))


def test_two_statements_of_one_speaker_sharing_a_word_are_not_one_group(eval_dir):
    # Measured on PolNeAR: two different remarks of Sanders's campaign manager, alike only
    # in "campaign" and "end", were shown as one statement rendered two ways; so were five
    # of his remarks on superdelegates, chained one to the next.
    from newsprism.compare import group_quotes, independence_keys
    from newsprism.evaluate.hand_checked import read_articles
    from newsprism.extract import canonicalize_extractions, extract

    if not (eval_dir / "polnear").is_dir():
        pytest.skip("../shared/eval/polnear absent")
    docs = [
        "huff-post_2016-04-27_bernie-sanders-suffered-a-big-bl",
        "wash-post_2016-05-05_sanders-faces-tough-sell-in-gett",
    ]
    story = list(read_articles({("polnear", d) for d in docs}, eval_dir).values())
    exs = {e.article_id: e for e in canonicalize_extractions(extract(story))}
    groups = group_quotes(story, exs, independence_keys(story))
    devine = [g for g in groups if g["speaker"] == "Tad Devine"]
    assert devine  # his quotes are there, each its own statement
    for g in devine:
        texts = [v["text"] for v in g["variants"]]
        if any("wanted it to end" in t for t in texts):
            assert len(texts) == 1, texts
        assert sum("superdelegates" in t for t in texts) <= 2, texts


def test_two_speakers_figures_alike_in_few_words_are_not_one_statement():
    # Measured on PolNeAR: Manafort's and the FEC's fundraising figures, alike in TF-IDF
    # through "raised" and "million", were shown as one statement.
    said = {
        "a": ("Paul Manafort", "as it happens — that Trump raised about $4 million that day"),
        "b": ("Federal Elections Commission", "She has raised $33 million through that account"),
        # the rest of the story's quotes, which make "raised" and "million" rare words
        "c": ("Tad Devine", "the campaign would fight on until the end of the primaries"),
        "d": ("early returns", "Clinton won the Democratic primary in Puerto Rico"),
        "e": ("Clinton", "that none of her emails were marked classified when they were sent"),
        "f": ("Bernie Sanders", "the war in Iraq was a disastrous mistake for the country"),
    }
    assert len(_quote_groups(said)) == len(said)


def test_two_peoples_figures_are_not_a_change():
    # PolNeAR: the crowds at Trump's and at Rubio's New Hampshire events were a "change".
    conflicts = _two_day_story(
        "Donald Trump is taking questions in an Elks Lodge in Salem, New Hampshire in front "
        "of a crowd of about 230 people.",
        "''I'm going to say it again,'' Marco Rubio said in New Hampshire in front of a crowd "
        "of about 1,000 people who had come to hear him.",
    )
    assert conflicts == []


def test_pairs_of_variants_sharing_a_term_are_one_referent():
    from newsprism.compare.framing import _merge_variants

    def pair(a, b, score):
        return {
            "referent": a,
            "terms": {a: ["x"], b: ["y"]},
            "kind": "spelling",
            "score": score,
            "counts": {a: {"x": 4}, b: {"y": 1}},
        }

    merged = _merge_variants(
        [
            pair("Hormozgan", "Hormuzgan", 1.8),
            pair("Heidar", "Heydar", 1.6),
            pair("Hormozgan", "Hormouzgan", 0.9),
        ]
    )
    assert [sorted(m["terms"]) for m in merged] == [
        ["Hormouzgan", "Hormozgan", "Hormuzgan"],
        ["Heidar", "Heydar"],
    ]
    assert merged[0]["referent"] == "Hormozgan" and merged[0]["score"] == 1.8


def test_two_speakers_quotes_sharing_only_the_story_s_names_are_two_statements():
    # ECB+'s 2005 Qeshm quake: every quote names Qeshm and Bandar Abbas, and the seismologic
    # center's epicentre was one group with state media's and a rescuer's words.
    said = {
        "a": ("Iran's seismologic center", "the epicenter of the earthquake was in the waters "
              "of the Persian Gulf, between the port city of Bandar Abbas and Qeshm Island"),
        "b": ("Iran's seismologic center", "the epicenter was in the waters of the Persian Gulf "
              "between the port city of Bandar Abbas and Qeshm Island"),
        "c": ("state media", "The 5.9-magnitude quake struck Qeshm island, home to 120,000 "
              "people, and the city of Bandar Abbas"),
        "d": ("U. S. Geological Survey", "The quake was centred near Qeshm Island, home to "
              "200,000 people"),
        "e": ("Shahram Alamdari", "two helicopters were evacuating injured from Qeshm to Bandar "
              "Abbas, a city of 500,000 people that also was jolted by the quake"),
        "h": ("the governor", "the quake struck near Qeshm Island and Bandar Abbas"),
        "i": ("a rescuer", "helicopters flew the injured from Qeshm Island to Bandar Abbas"),
        # PolNeAR: one speaker named two ways still says one thing.
        "f": ("Clinton", "the goal was not to make America great again"),
        "g": ("Hillary Clinton", "But that work is not to make America great again. America "
              "never stopped being great."),
    }  # fmt: skip
    groups = _quote_groups(said)
    assert frozenset("ab") in groups and frozenset("fg") in groups
    assert frozenset("h") in groups and frozenset("i") in groups


def test_a_question_is_not_a_summary_sentence():
    # The article-extraction benchmark's South Dakota slogan story opened its summary with
    # "Remember New Jersey's epic quest to find a state slogan?"
    import datetime as dt

    from newsprism.extract import extract
    from newsprism.model import Article

    lead = "Remember New Jersey’s epic quest to find a state slogan from the governor?"
    fact = "South Dakota launched an anti-drug campaign with the slogan Meth. We're On It."
    articles = [
        Article(
            id=k, source_path=k, text=f"{lead} {fact}", outlet=k, published=dt.date(2019, 11, 19)
        )
        for k in ("a", "b")
    ]
    extractions = {ex.article_id: ex for ex in extract(articles)}
    summary = [s["text"] for s in compare_story(articles, extractions)["summary"]]
    assert summary and not any(s.endswith("?") for s in summary)


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        # NeuS 2200 (checked by hand): a quotation cut from its speaker, its mark left open
        (
            '"Americans who have been fully vaccinated do not need a booster shot at this time.',
            True,
        ),
        ("“The presidents believe it is important to intensify efforts.”", True),  # all quoted
        # a quotation that runs on past the sentence (NeuS, the summary of a Schumer story)
        ('Schumer singled out the two picks: "I want to tell you, Gorsuch.', True),
        ('"It can only be held if Russia does not invade," the Elysee said.', False),
        ("Putin said the talks were “useful” and would go on.", False),
        # marks of two kinds, or ’’ for ”, still pair up (NeuS)
        ('Her condition is “clinically doing well," said Dr. Allison Arwady.', False),
        ("The engine is dying, a “distinctly American phenomenon’’ with no simple cause.", False),
    ],
)
def test_someones_words_alone_are_no_summary_sentence(sentence, alone):
    from newsprism.compare.summary import unattributed_quotation

    assert unattributed_quotation(sentence) is alone


def test_a_timeline_event_inside_a_split_quotation_shows_the_whole_passage():
    from newsprism.compare import build_timeline
    from newsprism.model import Article, Event, Extraction

    text = "“We are here to Get. It. OUT,” Noem tweeted Monday night. Then she left."
    cut = text.index("It.")
    end = text.index(" Then")
    a = Article(id="a", source_path="a", text=text, published=dt.date(2019, 11, 19))
    ev = Event("a", cut, end, "Noem", "tweet", None, "2019-11-18", text[cut:end])
    ex = Extraction("a", events=(ev,), sentences=((0, cut - 1), (cut, end), (end + 1, len(text))))
    (entry,) = build_timeline([a], {"a": ex})
    assert entry["text"] == text[:end]
    assert entry["citations"] == [{"article": "a", "start": 0, "end": end}]


def test_kremlin_readout_translations_are_one_statement(seed_comparison, seed_articles):
    # #16 done-when: "The presidents believe it is important to intensify efforts..." (000)
    # and "...the presidents considered it expedient to intensify the search..." (002, 004)
    key = _key(seed_articles)
    groups = [
        q
        for q in seed_comparison["quotes"]
        if any("presidents believe it is important" in v["text"] for v in q["variants"])
    ]
    assert len(groups) == 1
    assert {"000", "002", "004"} <= {key[a] for a in groups[0]["articles"]}
    assert any("considered it expedient" in v["text"] for v in groups[0]["variants"])


def test_an_outlet_rendering_the_quoted_statement_does_not_omit_it(seed_comparison, seed_articles):
    # OMISSION_RULES "renders-its-quote": 000 renders the Kremlin readout's "the presidents
    # considered it expedient to intensify ..." (002, 004) as "The presidents believe it is
    # important to intensify efforts ...": one statement, translated twice, no omission.
    key = _key(seed_articles)
    readout = [o for o in seed_comparison["omissions"] if "considered it expedient" in o["text"]]
    assert readout, [o["text"][:60] for o in seed_comparison["omissions"]]
    missing = {key[m] for o in readout for m in o["missing_from"]}
    assert "000" not in missing and "001" in missing  # 001 has no rendering of it
    group = next(q for q in seed_comparison["quotes"] if "considered it expedient" in q["text"])
    assert group["links"] and all(s >= 0.65 for _, _, s in group["links"])


def _agreements(one: str, other: str, day):
    """The agreements of a story of two outlets' one-sentence articles of ``day``."""
    from newsprism.extract import extract
    from newsprism.model import Article

    articles = [
        Article(id=k, source_path=k, text=t, outlet=k, published=day)
        for k, t in (("a", one), ("b", other))
    ]
    extractions = {ex.article_id: ex for ex in extract(articles)}
    return compare_story(articles, extractions)["agreements"]


def test_a_hedged_sentence_does_not_agree_with_the_flat_one():
    # NeuS 1800-1999 blind check (docs/handcheck-neus-1800.md, #21/#22): "possibly the
    # biggest mistake" was listed as agreeing with "the biggest mistake"
    import datetime as dt

    flat = (
        "Former White House chief strategist Stephen Bannon said that President Trump firing "
        "FBI Director James Comey was the biggest mistake in modern political history."
    )
    hedged = (
        "Former White House chief strategist Stephen Bannon said that President Trump firing "
        "FBI Director James Comey was possibly the biggest mistake in modern political history."
    )
    day = dt.date(2017, 9, 11)
    assert _agreements(flat, flat.replace("Former ", "The former "), day) != []  # the control
    assert _agreements(flat, hedged, day) == []


def test_a_rank_the_other_sentence_lacks_is_no_agreement():
    # NeuS 1800-1999 blind check (#18/#19): "the first senator to test positive" cited to
    # an article that only says he tested positive
    import datetime as dt

    ranked = (
        "Sen. Rand Paul of Kentucky has become the first senator to test positive for the "
        "coronavirus, his office said on Sunday."
    )
    plain = (
        "Sen. Rand Paul of Kentucky has tested positive for the coronavirus, his office said "
        "on Sunday."
    )
    day = dt.date(2020, 3, 22)
    assert _agreements(ranked, ranked.replace("Sen. ", "Senator "), day) != []  # the control
    assert _agreements(ranked, plain, day) == []
