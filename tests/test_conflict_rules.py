"""The named rules of the conflict rule path (#16): each drops what it names, and says so.

Each case is two short articles of two outlets that differ in one figure; the rule under
test must be the one recorded for the pair (or the figure), and nothing is reported.
The last cases are the control: the same pair with nothing to drop is a conflict.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.compare import independence_keys, split_claims
from newsprism.compare.conflicts import FIGURE_RULES, PAIR_RULES, RULE_REASONS, find_conflicts
from newsprism.extract import extract
from newsprism.model import Article

DAY = dt.date(2024, 5, 6)


def _run(text_a, text_b, *, day_a=DAY, day_b=DAY, outlet_b="Herald B"):
    a = Article(id="a", source_path="a.txt", outlet="Daily A", published=day_a, text=text_a)
    b = Article(id="b", source_path="b.txt", outlet=outlet_b, published=day_b, text=text_b)
    exs = {x.article_id: x for x in extract([a, b])}
    claims = {x.id: split_claims(x, exs[x.id]) for x in (a, b)}
    dropped: list[dict] = []
    found = find_conflicts([a, b], exs, claims, independence_keys([a, b]), dropped=dropped)
    return found, dropped


def _sides(found):
    """Each finding's values, sorted: what it says disagrees."""
    return [sorted(c["value"] for c in f["claims"]) for f in found]


CASES = [
    (
        "small-count",
        "Two leaders met in Geneva on Monday to discuss the border dispute.",
        "Three leaders met in Geneva on Monday to discuss the border dispute.",
        {},
    ),
    (
        "time-window",
        "The rebels seized the town in the last 24 hours, the army said on Monday.",
        "The rebels seized the town in the last 48 hours, the army said on Monday.",
        {},
    ),
    (
        "possibility",
        "The death toll from the flood could rise to 100, officials said on Monday.",
        "The death toll from the flood could rise to 250, officials said on Monday.",
        {},
    ),
    (
        "several-of-a-kind",
        "Clinton had 46 percent and Sanders 40 percent in the Iowa poll released Monday.",
        "Clinton had 52 percent and Sanders 38 percent in the Iowa poll released Monday.",
        {},
    ),
    (
        "two-owners",
        "Senator John Smith spoke to a crowd of about 230 people in Dayton on Monday.",
        "Governor Mary Jones spoke to a crowd of about 1,000 people in Dayton on Monday.",
        {},
    ),
    (
        "age-of-whom",
        "A 16-year-old boy was shot by police in Brooklyn on Saturday, officials said.",
        "A 19-year-old man was arrested by police in Brooklyn on Saturday, officials said.",
        {},
    ),
    (
        "other-thing",
        "The storm destroyed 400 homes in the coastal town of Baytown on Monday.",
        "The storm destroyed 120 boats in the coastal town of Baytown on Monday.",
        {},
    ),
    (
        "other-place",
        "Russia has massed 100,000 troops in Belarus, officials said on Monday.",
        "Russia has massed 150,000 troops in Crimea, officials said on Monday.",
        {},
    ),
    (
        # (a length: its unit says what is measured, so the nouns are not compared)
        "unrelated-sentences",
        "The new stadium roof, made of glass and steel, rises 150 metres.",
        "The climber fell 700 metres to his death on the icy slope on Monday.",
        {},
    ),
    (
        "compatible",
        "At least 12 people were injured in the Springfield bus crash, police said Monday.",
        "Thirteen people were injured in the Springfield bus crash, police said Monday.",
        {},
    ),
    (
        "model-size",
        "Apple unveiled the 16-inch MacBook Pro at its event in Cupertino on Monday.",
        "Apple unveiled the 14-inch MacBook Pro at its event in Cupertino on Monday.",
        {},
    ),
    (
        "recalls-past",
        "In December 2003, a quake killed 26,000 people in Bam, the agency recalled.",
        "In December 2003, a quake killed 31,000 people in Bam, the agency recalled.",
        {},
    ),
    (
        "other-day",
        "On May 1, 2024, police arrested 40 protesters outside City Hall in Portland.",
        "On May 3, 2024, police arrested 75 protesters outside City Hall in Portland.",
        {},
    ),
    (
        # NeuS, undated leads of two monthly reports pooled in one story: the months differ
        "other-day",
        "The economy added 266,000 jobs in April, the Bureau of Labor Statistics said.",
        "The economy added 850,000 jobs in June, the Bureau of Labor Statistics said.",
        {"day_a": None, "day_b": None},
    ),
    (
        # NeuS: "last month" in an undated lead is no month that can be set against April
        "unplaced-day",
        "The economy added 379,000 jobs last month, the Bureau of Labor Statistics said.",
        "The economy added 266,000 jobs in April, the Bureau of Labor Statistics said.",
        {"day_a": None, "day_b": None},
    ),
    (
        # NeuS: the sentence before times the forecast: "the week ended May 1" / "March 20"
        "other-day",
        "Initial claims fell to 498,000 in the week ended May 1, the Labor Department said. "
        "The median estimate in a survey of economists had called for 538,000 claims.",
        "Initial claims fell to 684,000 in the week ended March 20, the Labor Department "
        "said. The median estimate in a survey of economists had called for 730,000 claims.",
        {"day_a": None, "day_b": None},
    ),
    (
        # NeuS: the time written next to the figure is its time, not another act's
        "other-day",
        "The economy added 559,000 jobs in May, shaking off fears after April's report.",
        "The economy added 266,000 jobs in April, the Bureau of Labor Statistics said.",
        {"day_a": None, "day_b": None},
    ),
    (
        # two verbs, no fate: a state's allotment is not what a candidate was awarded
        "other-thing",
        "The state sends 31 delegates to the convention, officials said on Monday.",
        "The state awarded 34 delegates at the convention, officials said on Monday.",
        {},
    ),
    (
        # a shortfall is the distance to a goal, not a number held
        "other-thing",
        "Clinton is 439 delegates short of the nomination, the AP said on Monday.",
        "Clinton has won 1,944 delegates, the AP said on Monday.",
        {},
    ),
    (
        # shares of two populations: one candidate's voters, all likely voters (April 2016)
        "other-thing",
        "In the poll, 17 percent of likely Democratic voters are undecided, it said on Monday.",
        "In the poll, 40 percent of Sanders' voters are undecided, it said on Monday.",
        {},
    ),
    (
        # distances from two things, though neither is a named place (ECB+ 12_ecb)
        "other-place",
        "The warship was 12 nautical miles from shore, the navy said on Monday.",
        "The warship was 13 nautical miles from the cargo ship, the navy said on Monday.",
        {},
    ),
    (
        # two questions of one poll-taking public: what the share believes, or feels
        "other-thing",
        "A poll found that 68 percent of Greeks believe the government failed, it said.",
        "A poll found that 83 percent of Greeks were unhappy with the government, it said.",
        {},
    ),
    (
        "other-names",
        "In Malibu, the Palisades fire burned 300 homes, officials said on Monday.",
        "In Altadena, the Eaton fire burned 900 homes, officials said on Monday.",
        {},
    ),
    (
        "change-without-name",
        "About 2,383 delegates are needed to win the nomination, the party said.",
        "About 1,237 delegates are needed to win the nomination, the party said.",
        {"day_b": DAY + dt.timedelta(days=10)},
    ),
    (
        "both-in-one",
        "Macron's first call with Putin lasted 45 minutes. His second call with Putin "
        "lasted 105 minutes.",
        "Macron's call with Putin lasted 105 minutes.",
        {},
    ),
    (
        "conversion",
        "The climber fell about 60 metres (200 feet) from the ridge on Friday, police said.",
        "The climber fell about 60 metres on Friday, police said.",
        {},
    ),
    (
        # a distance from one place is not a distance from another
        "other-place",
        "The island is 35 miles southwest of Bandar Abbas, the survey said on Sunday.",
        "The island is 940 miles south of Tehran, the survey said on Sunday.",
        {},
    ),
    (
        # "within 80 metres of" bounds a position; it measures nothing that was reported
        "time-window",
        "The climbers were within 80 metres of the hut when Buckley slipped on Saturday.",
        "The climbers were within 200 metres of the hut when Buckley slipped on Saturday.",
        {},
    ),
    (
        # a sum of five operations and what one operation seized (ECB+ 12_ecbplus)
        "sum-and-part",
        "In five operations so far, the navy has seized a total of 14 rifles off Somalia.",
        "The navy seized six rifles from the pirates' boat off Somalia on Monday.",
        {},
    ),
    (
        # the rest of a kind is not the whole kind: "three other rifles" of a list
        "other-thing",
        "Navy commandos seized nine assault rifles from the pirates off Somalia on Monday.",
        "Navy commandos seized seven AK-47s and three other rifles from the pirates off "
        "Somalia on Monday.",
        {},
    ),
    (
        # a forecast is no reported figure (NeuS: "Deficit expected to hit one trillion")
        "expected",
        "The federal deficit grew to $895 billion, the budget office said on Monday.",
        "The federal deficit is expected to hit $1 trillion, the budget office said on Monday.",
        {},
    ),
    (
        # a rate per day and a count for the year are two quantities (NeuS)
        "other-period",
        "There have been 15,120 deaths from the virus in the state this year, officials said.",
        "The state reported 3,865 deaths from the virus in a single day, officials said.",
        {},
    ),
    (
        # a change over a year and a change over a month are two quantities (NeuS)
        "other-period",
        "Consumer prices rose 5.4 percent in April compared with a year ago, the agency said.",
        "Consumer prices rose 0.9 percent in April, the agency said on Tuesday.",
        {},
    ),
    (
        # a count written as an adjective counts for its noun: a minority, a threshold
        "other-thing",
        "The Senate bill failed against the chamber's 50-vote minority on Friday.",
        "The Senate bill failed to reach the 60-vote threshold on Friday.",
        {},
    ),
    (
        # a span between two acts is compared only with a span between the same acts
        "other-span",
        "Bettie Page suffered a heart attack nine days earlier, her agent said on Friday.",
        "Bettie Page was married three weeks before the premiere, her agent said on Friday.",
        {},
    ),
    (
        # a span is told in round numbers: "10 minutes earlier" may be nine
        "compatible",
        "The woman had been escorted from the plant 10 minutes earlier, police said Friday.",
        "The woman had been escorted from the plant nine minutes earlier, police said Friday.",
        {},
    ),
    (
        # a later item of a list, of a kind like an earlier one, is the rest of the kind:
        # "12 AK 47 guns, three rifles" counts rifles besides the guns (ECB+ 12_ecb)
        "other-thing",
        "Nine assault rifles, a grenade launcher, 13 fully loaded magazines and a GPS receiver "
        "were seized from the pirates, the navy said.",
        "The Indian commandos also recovered 12 AK 47 guns, three rifles, two grenades along "
        "with other ammunition.",
        {},
    ),
    (
        # a record is its boxer's: two boxers' records are two things
        "two-owners",
        "Wladimir Klitschko (52-3) beat Hasim Rahman in Mannheim on Saturday.",
        "Hasim Rahman (45-7) lost to the champion in Mannheim on Saturday.",
        {},
    ),
    (
        # a tally is compared only as someone's: whose vote split this is, nobody says
        "age-of-whom",
        "The court upheld the law in a 5-4 decision on Monday, the clerk said.",
        "The court upheld the law in a 6-3 decision on Monday, the clerk said.",
        {},
    ),
    (
        # ECB+ 16_ecbplus: a block number places a spot on its own street only
        "other-street",
        "Deputy Ortiz was shot to death outside an apartment in the 12000 block of East "
        "223rd Street.",
        "A man was hit in the back while doing yard work at a home in the 22000 block of "
        "Joliet Avenue in Hawaiian Gardens.",
        {},
    ),
    (
        # ECB+ 8_ecbplus with another city: Patras is not Thessaloniki by any of its names
        "other-names",
        "Violence also broke out in the northern city of Thessaloniki, where another 20,000 "
        "people marched through the city center.",
        "Meanwhile, extended clashes broke out in Patras where approximately 50,000 people "
        "marched destroying dozens of banks.",
        {},
    ),
    (
        # NeuS event 2022: a launch site outside a town is no apogee above the Earth
        "other-thing",
        "Blue Origin's rocket lifted off from its launch site about 20 miles (32 km) outside "
        "Van Horn, Texas, on Tuesday.",
        "Blue Origin's rocket launched on Tuesday, aiming to reach about 66 miles above the "
        "Earth's surface.",
        {},
    ),
    (
        "same-source",
        "The call between Macron and Putin lasted 105 minutes, the Elysee said.",
        "The call between Macron and Putin lasted 45 minutes, the Elysee said.",
        {"outlet_b": "Daily A"},
    ),
]


@pytest.mark.parametrize(("rule", "text_a", "text_b", "kw"), CASES, ids=[c[0] for c in CASES])
def test_rule_drops_and_names_itself(rule, text_a, text_b, kw):
    found, dropped = _run(text_a, text_b, **kw)
    assert not [c for c in found if c["kind"] == "conflict"], found
    if rule == "same-source":
        assert not found  # never paired, never listed: one outlet's two figures
        return
    assert rule in {d["rule"] for d in dropped}, dropped


def test_change_needs_a_named_thing_and_dates_make_a_change():
    found, _ = _run(
        "Russia has massed 100,000 troops near the Ukrainian border, officials said.",
        "Russia has massed 150,000 troops near the Ukrainian border, officials said.",
        day_b=DAY + dt.timedelta(days=10),
    )
    assert [c["kind"] for c in found] == ["change"]


def test_times_of_one_grain_or_finer_agree_on_what_both_write():
    from newsprism.compare.claims import same_time, times_apart

    assert same_time("XXXX-04", "2021-04-15") and same_time("2016", "2016-07-05")
    assert not same_time("XXXX-04", "XXXX-06") and not same_time("XXXX-07-03", "XXXX-03-20")
    assert times_apart(frozenset({"XXXX-04"}), frozenset({"XXXX-06", "XXXX-07-01"}))
    assert not times_apart(frozenset({"XXXX-04"}), frozenset())  # one side undated: unknown


def test_a_sentence_without_a_time_takes_one_only_when_it_is_plain():
    from newsprism.compare.claims import split_claims

    def claims(text, published=None):
        a = Article(id="a", source_path="a", published=published, text=text)
        return split_claims(a, next(iter(extract([a]))))

    two = claims("Claims fell to 684,000 in the week ended March 20. Forecasters saw 730,000.")
    assert two[1].context_times == two[0].times != frozenset()
    # a dated article places its sentences by its publication date
    dated = claims("Claims fell to 684,000 on March 20. Forecasters saw 730,000.", DAY)
    assert dated[1].context_times == frozenset()
    # a sentence writing two times does not say which the next one means (NeuS 1225)
    both = claims("Police held 750 in March ahead of the May 8 vote. OVD-Info said 779.")
    assert len(both[0].time_marks) == 2 and both[1].context_times == frozenset()
    # the first sentence, a headline, is told by the lead after it
    head = claims("Unemployment rate edges down to 3.8%.\n\nThe rate ticked down in February.")
    assert head[0].context_times == head[1].times == frozenset({"XXXX-02"})
    near = claims("The US added 559,000 jobs in May, after April's weak report.")[0]
    jobs = near.text.index("559,000")
    assert len(near.times) == 2
    assert near.times_near(jobs, jobs + 7) == frozenset({"XXXX-05"})


def test_an_unplaced_month_against_no_time_is_still_compared():
    # both undated, neither places the figure: the story says they are one moment
    found, _ = _run(
        "The economy added 379,000 jobs last month, the Bureau of Labor Statistics said.",
        "The economy added 266,000 jobs, the Bureau of Labor Statistics said.",
        day_a=None,
        day_b=None,
    )
    assert [f["kind"] for f in found] == ["conflict"]


def test_control_pair_is_a_conflict():
    found, _ = _run(
        "Macron's call with Putin lasted 105 minutes, the Elysee said on Sunday.",
        "Macron's call with Putin lasted 45 minutes, the Elysee said on Sunday.",
    )
    assert [c["kind"] for c in found] == ["conflict"]
    assert sorted(x["value"] for x in found[0]["claims"]) == ["105 minutes", "45 minutes"]


def test_counts_of_one_list_are_compared_item_by_item():
    # each count of a seized list measures its own noun (not "several of a kind"), and
    # what the list's verb says of the first item holds for every item
    found, dropped = _run(
        "Six AK-47 rifles, 12 magazines and 300 rounds of ammunition were seized from the "
        "pirates' boat on Monday, the navy said.",
        "The navy confiscated 14 AK-47 rifles, 31 magazines and 923 rounds from the "
        "pirates' boat on Monday.",
    )
    values = sorted(tuple(sorted(c["value"] for c in f["claims"])) for f in found)
    assert values == [("12", "31"), ("14", "Six"), ("300", "923")], found
    assert "several-of-a-kind" not in {d["rule"] for d in dropped}


def test_a_part_of_a_figure_leaves_the_figure_alone():
    # "at least 208,000 of which" is a share of the 235,000, not a second count
    found, _ = _run(
        "The agency received nearly 235,000 comments on the proposal, at least 208,000 of "
        "which were form letters, officials said on Monday.",
        "The agency received nearly 300,000 comments on the proposal, officials said on Monday.",
    )
    assert _sides(found) == [["nearly 235,000", "nearly 300,000"]]


def test_two_records_of_one_boxer_disagree():
    found, _ = _run(
        "Wladimir Klitschko (52-3, 46 KOs) beat Hasim Rahman (45-7-2) in Mannheim on Saturday.",
        "Heavyweight champion Wladimir Klitschko, 53-3, stopped Hasim Rahman, 45-7-2, in "
        "Mannheim on Saturday.",
    )
    assert [(f["kind"], v) for f, v in zip(found, _sides(found), strict=True)] == [
        ("conflict", ["52-3", "53-3"])
    ]
    assert found[0]["subject"] == "record of Wladimir Klitschko"


def test_how_often_one_person_did_one_act_is_compared():
    # a count below ten is compared when it counts a named act of one person
    found, _ = _run(
        "Bettie Page married twice and had no children, her agent said on Friday.",
        "Bettie Page was married three times and had no children, her agent said on Friday.",
    )
    assert _sides(found) == [["three", "twice"]]
    assert found[0]["subject"] == "number of times (marry)"


def test_a_place_named_with_and_without_its_kind_is_one_name():
    # "Qeshm" and "Qeshm Island" are one name in common (ECB+ 20_ecbplus)
    found, dropped = _run(
        "The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, state media said.",
        "The quake was centred near Qeshm Island, home to 200,000 people, the USGS said.",
    )
    assert _sides(found) == [["120,000", "200,000"]]
    assert "other-names" not in {d["rule"] for d in dropped}


def test_spans_back_from_publication_compare_only_on_one_day():
    same_day, _ = _run(
        "The rebels seized the town 24 hours ago, the army said on Monday.",
        "The rebels seized the town 48 hours ago, the army said on Monday.",
    )
    assert [f["kind"] for f in same_day] == ["conflict"]
    two_days, dropped = _run(
        "The rebels seized the town 24 hours ago, the army said.",
        "The rebels seized the town 48 hours ago, the army said.",
        day_b=DAY + dt.timedelta(days=1),
    )
    assert two_days == []
    assert "other-span" in {d["rule"] for d in dropped}


def test_the_time_between_two_past_acts_is_no_change():
    # ECB+ 16_ecbplus: the deputy married two weeks before the shooting (2005 report) or
    # three weeks before the murder (2007 report): the gap cannot move, so a conflict
    found, _ = _run(
        "He had married two weeks before the shooting, the sheriff's department said.",
        "Chela Ortiz, who married the deputy three weeks before he was murdered, spoke.",
        day_b=DAY + dt.timedelta(days=600),
    )
    assert [(f["kind"], v) for f, v in zip(found, _sides(found), strict=True)] == [
        ("conflict", ["three weeks", "two weeks"])
    ]


def test_what_one_raid_seized_does_not_change_between_days():
    # ECB+ 12_ecbplus: six rifles found in the operation (one report), 14 confiscated
    # from the boat (a report a day later, which took the warship's total for the raid's)
    found, dropped = _run(
        "During the operation, six AK-47 rifles, 12 magazines and about 300 rounds of "
        "ammunition were found and confiscated.",
        "The Navy confiscated 14 AK-47 rifles, 31 magazines and 923 rounds from the boat, "
        "an officer said.",
        day_b=DAY + dt.timedelta(days=1),
    )
    assert sorted(v for v in _sides(found)) == [
        ["12", "31"],
        ["14", "six"],
        ["923", "about 300"],
    ], found
    assert {f["kind"] for f in found} == {"conflict"}
    # a sum so far is still no figure of one raid
    so_far, dropped = _run(
        "During the operation, six AK-47 rifles were found and confiscated.",
        "In their five operations so far, the sailors have confiscated 14 AK-47 rifles, "
        "an officer said.",
        day_b=DAY + dt.timedelta(days=1),
    )
    assert so_far == []
    assert "sum-and-part" in {d["rule"] for d in dropped}


def test_the_shots_of_one_shooting_do_not_change_between_days():
    # ECB+ 19_ecbplus: the police's 11 shots (NYT, 13 March) against the autopsy's "seven
    # bullets fired" (Essence, four days later): what was fired in one shooting, counted
    # as shots or bullets, does not move between reports, so it is a conflict; what hit
    # is another count
    found, dropped = _run(
        "The officers then fired 11 shots, the police said.",
        "An autopsy shows that Gray was hit in the back by three of the seven bullets "
        "fired by the officers.",
        day_b=DAY + dt.timedelta(days=4),
    )
    assert _sides(found) == [["11", "seven"]], found
    assert found[0]["kind"] == "conflict"
    hit, dropped = _run(
        "The officers then fired 11 shots, the police said.",
        "An autopsy showed that seven bullets hit Gray, the police said.",
        day_b=DAY + dt.timedelta(days=4),
    )
    assert hit == [], hit


def test_what_one_named_thing_took_in_grows_as_a_running_total():
    # ECB+ 6_ecbplus: IAmRogue (4 April) and HuffPost (undated text, 9 April): a film's
    # gross so far, with no noun next to either sum, is one measured thing of one name
    # (a title and its short form) and, like a running count, a change
    found, _ = _run(
        "After opening to the third-biggest domestic debut weekend of all time, legitimate "
        "pop culture phenomenon The Hunger Games has grossed $368.0 million globally.",
        "He'll also earn five percent of the backend grosses, a significant number since "
        '"Games" has already accumulated $459 million around the globe.',
        day_b=None,
    )
    assert _sides(found) == [["$368.0 million", "$459 million"]], found
    assert found[0]["kind"] == "change"
    # another named thing's takings are another sum
    other, dropped = _run(
        "The Hunger Games has grossed $368.0 million globally, the studio said.",
        "Twilight has grossed $459 million globally, the studio said.",
        day_b=None,
    )
    assert other == [], other
    assert "other-thing" in {d["rule"] for d in dropped}


def test_a_places_part_restated_in_dollars_bounds_the_whole():
    # ECB+ 19_ecb: Reuters' "200 million euros ($265.3 million) of damage in Athens alone"
    # against AP's "Property damage is an estimated $2 million": the bracketed amount
    # measures the damage, and Athens' part cannot exceed the whole
    found, _ = _run(
        "Eight days of clashes have caused 200 million euros ($265.3 million) of damage in "
        "Athens alone.",
        "Property damage is an estimated $2 million.",
    )
    assert _sides(found) == [["$265.3 million", "about $2 million"]], found
    assert found[0]["kind"] == "conflict"
    # a whole larger than the part is no disagreement
    larger, dropped = _run(
        "Eight days of clashes have caused 200 million euros ($265.3 million) of damage in "
        "Athens alone.",
        "Property damage is an estimated $400 million.",
    )
    assert larger == [], larger
    assert "compatible" in {d["rule"] for d in dropped}
    # a restated amount is as good as its rate, into whichever dollar (ECB+ 24_ecb: a
    # Canadian outlet's "$137-million" of the same 85 million euros)
    rate, _ = _run(
        "Armed robbers stole diamonds valued at 85 million euros ($108 million) from the "
        "Paris branch of the jeweller.",
        "Four armed robbers made off with $137 million of diamonds from the Paris branch of "
        "the jeweller.",
    )
    assert rate == [], rate


def test_counts_of_one_model_are_one_thing_whatever_noun_follows():
    # ECB+ 12_ecb: the Defence Ministry's "Seven AK-47s" (12_1) against "12 AK 47 guns"
    # (12_19) of the same seizure: the model names what is counted
    found, _ = _run(
        "Seven AK-47s, three other automatic rifles, 13 loaded magazines and grenades were "
        "found on the pirates' boat, the navy said.",
        "The Indian commandos also recovered 12 AK 47 guns, three rifles, two grenades along "
        "with other ammunition.",
    )
    assert ["12", "Seven"] in _sides(found), found
    # two models are two things, though both are rifles
    models, dropped = _run(
        "The commandos recovered seven AK-47 rifles from the pirates' boat.",
        "The commandos recovered 12 M16 rifles from the pirates' boat.",
    )
    assert models == [], models
    assert "other-thing" in {d["rule"] for d in dropped}


def test_a_block_number_places_one_spot_on_one_street():
    # ECB+ 16_ecbplus: the deputy was shot in the 12000 block (two outlets), the 12200 block
    # or the 12500 block of one street; a block number is exact, not a round count
    found, _ = _run(
        "Deputy Ortiz was shot to death outside an apartment in the 12000 block of East "
        "223rd Street.",
        "The shooting occurred about 3:10 p.m. in the 12200 block of 223rd Street in "
        "Hawaiian Gardens, deputies said.",
        day_b=DAY + dt.timedelta(days=30),
    )
    assert [(f["kind"], f["subject"], v) for f, v in zip(found, _sides(found), strict=True)] == [
        ("conflict", "block of 223rd Street", ["12000", "12200"])
    ]


def test_one_city_by_two_of_its_names_is_one_place():
    # ECB+ 8_ecbplus: 20,000 marchers in Thessaloniki (AP) or about 50,000 in Salonika
    found, _ = _run(
        "Violence also broke out in the northern city of Thessaloniki, where another 20,000 "
        "people marched through the city center.",
        "Meanwhile, extended clashes broke out in Salonika where approximately 50,000 people "
        "marched destroying dozens of banks.",
    )
    assert _sides(found) == [["20,000", "about 50,000"]], found


def test_two_heights_are_compared():
    # (the launch site against the apogee is a case of `other-thing` in CASES); two
    # heights, or two falls, are compared ("fell about 200m down a gully" is a fall)
    heights, _ = _run(
        "The rocket reached about 66 miles above the Earth's surface on Tuesday.",
        "The rocket reached about 107 miles above the Earth's surface on Tuesday.",
    )
    assert _sides(heights) == [["about 107 miles", "about 66 miles"]]


def test_two_spans_between_the_same_acts_disagree():
    # ECB+ 4_ecb: the heart attack nine days before her death, or three weeks
    found, _ = _run(
        "Bettie Page died on Thursday. She suffered a heart attack nine days earlier and "
        "never regained consciousness.",
        "Bettie Page died on Thursday of complications from a heart attack suffered almost "
        "three weeks ago.",
    )
    assert _sides(found) == [["almost three weeks", "nine days"]]
    assert found[0]["subject"].startswith("time span: ")
    assert "heart" in found[0]["subject"]


def test_one_distance_from_one_place_in_opposite_directions_disagrees():
    # ECB+ 12_ecb: the same 150 nautical miles, east of Aden in one outlet, west in another
    found, _ = _run(
        "Pirates attacked the merchant ship 150 nautical miles east of Aden on Saturday.",
        "The skipper of the ship, sailing 150 nautical miles west of Aden, radioed for help "
        "on Saturday.",
    )
    assert [(f["subject"], v) for f, v in zip(found, _sides(found), strict=True)] == [
        (
            "direction from Aden",
            ["150 nautical miles east of Aden", "150 nautical miles west of Aden"],
        )
    ]
    # the same heading, or none, is no disagreement
    same, _ = _run(
        "Pirates attacked the merchant ship 150 nautical miles west of Aden on Saturday.",
        "The skipper of the ship, sailing 150 nautical miles west of Aden, radioed for help "
        "on Saturday.",
    )
    assert same == []


def test_every_rule_has_a_reason_and_a_unique_name():
    names = [r.name for r in (*FIGURE_RULES, *PAIR_RULES)]
    assert len(names) == len(set(names))
    assert all(RULE_REASONS[n] for n in names)


def _run_many(texts, days):
    arts = [
        Article(id=f"x{k}", source_path=f"x{k}.txt", outlet=f"Outlet {k}", published=d, text=t)
        for k, (t, d) in enumerate(zip(texts, days, strict=True))
    ]
    exs = {x.article_id: x for x in extract(arts)}
    claims = {x.id: split_claims(x, exs[x.id]) for x in arts}
    return find_conflicts(arts, exs, claims, independence_keys(arts))


def test_one_disagreement_is_one_finding_with_every_outlet():
    found = _run_many(
        [
            "Macron's call with Putin lasted 105 minutes, the Elysee said on Sunday.",
            "Macron's call with Putin lasted 105 minutes, aides said on Sunday.",
            "Macron's call with Putin lasted 45 minutes, the Elysee said on Sunday.",
        ],
        [DAY, DAY, DAY],
    )
    assert len(found) == 1, found
    assert sorted(c["article"] for c in found[0]["claims"]) == ["x0", "x1", "x2"]
    assert {c["value"] for c in found[0]["claims"]} == {"105 minutes", "45 minutes"}


def test_a_dateline_dates_an_undated_article():
    # two undated reports written two years apart: the figure changed, nobody disagrees
    found = _run_many(
        [
            "July 26, 2005. Police said Jose Luis Orozco, 27, was arrested in the killing of "
            "Deputy Jerry Ortiz.",
            "April 2, 2007. Jose Luis Orozco, 29, was convicted of the killing of Deputy "
            "Jerry Ortiz, police said.",
        ],
        [None, None],
    )
    assert [c["kind"] for c in found] == ["change"], found


def test_units_of_one_dimension_are_compared_converted():
    # 940 miles is 1,513 km: the same distance as "1,500 kilometres", up to rounding
    found, dropped = _run(
        "Qeshm island is 1,500 kilometres south of Tehran, the agency said on Sunday.",
        "Qeshm island is about 940 miles south of Tehran, the agency said on Sunday.",
    )
    assert not found, found
    assert "compatible" in {d["rule"] for d in dropped}, dropped
    found, _ = _run(
        "Qeshm island is 1,150 kilometres south of Tehran, the agency said on Sunday.",
        "Qeshm island is 1,500 kilometres south of Tehran, the agency said on Sunday.",
    )
    assert [c["kind"] for c in found] == ["conflict"], found
    assert found[0]["subject"].startswith("distance")


def test_a_fall_is_one_distance_whatever_noun_stands_next_to_it():
    found, _ = _run(
        "Duncan Rait, an Australian climber, fell about 200 metres at Mount Cook on Friday.",
        "The Australian climber Duncan Rait fell 60 metres at Mount Cook on Friday.",
    )
    assert [c["kind"] for c in found] == ["conflict"], found


def test_an_age_is_compared_for_the_person_named_next_to_it():
    found, _ = _run(
        "On Saturday, 32-year-old Englishman Robert Buckley fell on Mount Sefton.",
        "Robert Buckley, 31, fell on Mount Sefton on Saturday, police said.",
    )
    assert [c["kind"] for c in found] == ["conflict"], found
    assert found[0]["subject"] == "age of Robert Buckley"
    # two people's ages are never compared, however alike the sentences
    found, dropped = _run(
        "On Saturday, 32-year-old Englishman Robert Buckley fell on Mount Sefton.",
        "On Saturday, 31-year-old Australian Duncan Rait fell on Mount Sefton.",
    )
    assert not found, found
    assert "age-of-whom" in {d["rule"] for d in dropped}, dropped


def test_one_person_one_age_finding_whatever_the_name_given():
    found = _run_many(
        [
            "Deputies identified the suspect as Jose Luis Orozco, 27, a parolee.",
            "Orozco, 29, was found guilty by the jury of first-degree murder.",
            "Jose Luis Orozco, 29, was found guilty by the jury of first-degree murder.",
        ],
        [DAY, DAY, DAY],
    )
    assert [f["subject"] for f in found] == ["age of Jose Luis Orozco"], found


def test_a_rising_toll_given_as_lower_bounds_is_a_change():
    found = _run_many(
        [
            "A powerful earthquake has hit southern Iran, killing at least three people.",
            "A powerful earthquake has hit southern Iran, killing at least 10 people.",
            "Ten people were killed in the earthquake in southern Iran, the governor said.",
        ],
        [DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=1)],
    )
    # one change, "at least three" then ten, with every article that gives a toll
    assert [f["kind"] for f in found] == ["change"], found
    assert sorted(c["article"] for c in found[0]["claims"]) == ["x0", "x1", "x2"]


def test_lower_bounds_of_one_day_stay_compatible():
    found, dropped = _run(
        "A powerful earthquake has hit southern Iran, killing at least three people.",
        "A powerful earthquake has hit southern Iran, killing at least 10 people.",
    )
    assert not found, found
    assert "compatible" in {d["rule"] for d in dropped}, dropped


def test_one_act_dated_differently_is_a_conflict():
    found, _ = _run(
        "Palmer voters in 2010 approved a $3 million bond to pay for the property.",
        "Voters in 2009 approved a $3 million bond to buy the properties, Bower said.",
    )
    dates = [f for f in found if f["subject"].startswith("date of")]
    assert [f["kind"] for f in dates] == ["conflict"], found
    assert sorted(c["value"] for c in dates[0]["claims"]) == ["2009", "2010"]


@pytest.mark.parametrize(
    ("rule", "text_a", "text_b"),
    [
        (
            "same-date",
            "Palmer voters in 2010 approved a $3 million bond to pay for the property.",
            "Voters in 2010 approved a $3 million bond to buy the properties, Bower said.",
        ),
        (
            # the date belongs to the crime, not to the conviction
            "noun-date",
            "Orozco was convicted on March 20, 2007 of murder, the prosecutor said.",
            "Orozco was convicted of the June 20, 2005 attempted murder of a man.",
        ),
    ],
)
def test_date_rules(rule, text_a, text_b):
    found, dropped = _run(text_a, text_b)
    assert not [f for f in found if f["subject"].startswith("date of")], found
    if rule == "same-date":
        assert rule in {d["rule"] for d in dropped}, dropped


def test_an_act_dated_twice_in_one_article_recurs():
    found, _ = _run(
        "He returned to prison in May 1984 on a new charge. He returned to prison in "
        "June 1999 to serve a life sentence.",
        "Comeaux returned to prison in June 1998 to serve a life sentence, officials said.",
    )
    assert not [f for f in found if f["subject"].startswith("date of")], found


def test_a_distance_away_from_something_is_located():
    # "13 nautical miles away" (from the merchant ship) is no distance from shore
    found, dropped = _run(
        "The territorial waters of the country extend to 12 nautical miles, officials said.",
        "The warship was 13 nautical miles away, officials said on Saturday.",
    )
    assert not found, found
    # located: compared only as the distance of one named thing from one place
    assert {d["rule"] for d in dropped} & {"other-thing", "other-place"}, dropped


def test_an_annual_amount_is_not_a_total():
    found, _ = _run(
        "The Yankees offered Teixeira $25 million a season, his agent said on Monday.",
        "The Yankees offered Teixeira more than $240 million, his agent said on Monday.",
    )
    assert not found, found


def test_an_age_moves_a_year_a_year():
    # ECB+ 23_ecbplus: Robert Buckley, 31 in one report and 32 in one a day later, was a
    # "change"; Orozco, 27 at the shooting and 29 at the trial two years on, is one
    one_day = _run_many(
        [
            "Robert Buckley, 31, fell 600 metres on Mount Sefton on Saturday, police said.",
            "Robert Buckley, 32, fell 600 metres on Mount Sefton on Saturday, police said.",
        ],
        [DAY, DAY + dt.timedelta(days=1)],
    )
    assert [c["kind"] for c in one_day] == ["conflict"]
    two_years = _run_many(
        [
            "Jose Luis Orozco, 27, was arrested in Hawaiian Gardens, deputies said.",
            "Jose Luis Orozco, 29, was sentenced to death in Norwalk, the court said.",
        ],
        [DAY, DAY + dt.timedelta(days=730)],
    )
    assert [c["kind"] for c in two_years] == ["change"]


def test_an_undated_side_of_a_change_is_that_change():
    # ECB+ 16_ecbplus: an undated report of the manhunt (27) against the trial (29) was a
    # "conflict" beside the change from 27 to 29
    found = _run_many(
        [
            "Jose Luis Orozco, 27, was arrested in Hawaiian Gardens, deputies said.",
            "Deputies were still searching for Jose Luis Orozco, 27, in Hawaiian Gardens.",
            "Jose Luis Orozco, 29, was sentenced to death in Norwalk, the court said.",
        ],
        [DAY, None, DAY + dt.timedelta(days=730)],
    )
    assert [c["kind"] for c in found] == ["change"], found
    assert len({c["article"] for c in found[0]["claims"]}) == 3


# ECB+ 18_ecbplus: LaCalamita, 38 at the shooting, is "the 39-year-old Troy man" in the
# report of his conviction a year on, in a sentence naming only the prosecutor.
LACALAMITA_2007 = (
    "Police said they had located Anthony LaCalamita, 38, of Troy on Interstate 75 after "
    "the shooting at the accounting firm."
)
LACALAMITA_2008 = (
    "Anthony LaCalamita III was convicted on Wednesday. LaCalamita had been fired from the "
    "firm a week before. Jurors took two hours to find LaCalamita guilty. Assistant "
    "Prosecutor Rob Novy said the 39-year-old Troy man shot his former co-workers because "
    "he was furious."
)


def test_a_definite_description_of_a_person_is_the_person_the_article_is_about():
    found, _ = _run(
        LACALAMITA_2007, LACALAMITA_2008, day_a=dt.date(2007, 4, 10), day_b=dt.date(2008, 4, 30)
    )
    assert [(c["kind"], c["subject"]) for c in found] == [
        ("change", "age of Anthony LaCalamita III")
    ], found
    # a role noun may be someone else: "the 39-year-old driver" is not LaCalamita
    found, dropped = _run(
        LACALAMITA_2007,
        LACALAMITA_2008.replace("Troy man", "driver"),
        day_a=dt.date(2007, 4, 10),
        day_b=dt.date(2008, 4, 30),
    )
    assert not found, found
    assert "age-of-whom" in {d["rule"] for d in dropped}, dropped


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Anthony LaCalamita III", "Mr. LaCalamita", True),
        ("Anthony LaCalamita", "Anthony LaCalamita III", True),
        ("Martin Luther King Jr.", "King", True),
        ("Melania Trump", "Donald Trump", False),
        ("Mrs. Trump", "Mr. Trump", False),
        ("Jerry Ortiz", "Marisol Ortiz", False),
    ],
)
def test_two_names_of_one_person(a, b, same):
    from newsprism.compare.conflicts import _same_person

    assert _same_person(a, b) is same


def test_a_running_count_of_days_is_one_change():
    # undated reports of one running count: the ordinal of a coordinated subject ("Protests,
    # riots and clashes ... for the sixth straight day since ... in Athens") counts days of
    # riots and of clashes; "after eight days of" is the riots' duration, not a time window
    found = _run_many(
        [
            "The police shooting of Alexis Grigoropoulos sparked five days of riots across Greece.",
            "Protests, riots and clashes with police have overtaken Greece for the sixth "
            "straight day since the police shooting of a boy in Athens.",
            "Athens was calm after eight days of the worst riots Greece has seen in decades.",
            "Eight days of clashes with police have left shops across Greece in ruins.",
        ],
        [None, None, None, None],
    )
    assert [f["kind"] for f in found] == ["change"], found
    assert sorted(c["article"] for c in found[0]["claims"]) == ["x0", "x1", "x2", "x3"]


def test_after_days_of_something_is_its_duration_not_a_window():
    from newsprism.compare.conflicts import _time_window
    from newsprism.extract.quantities import find_quantities

    for text, window in [
        ("Athens was calm after eight days of the worst riots.", False),
        ("Arrests were made over four nights of protesting.", False),
        ("The rebels seized the town after two days.", True),
        ("The vote is due within two weeks of the election.", True),
    ]:
        [q] = [q for q in find_quantities(text, with_measures=False) if q.unit]
        assert _time_window(text, q) is window, text


def test_a_running_count_of_one_act_needs_no_name_in_common():
    # "for a third straight night" (an ordinal: a running count) and "four nights of
    # protesting" count the nights of one act, named by its doers in one and by the act in
    # the other, though the sentences share no name: a change. Two plain "N hours of
    # deliberation" in sentences that name no one in common may be two deliberations (a
    # verdict's 12 hours, a sentence's 30): still dropped for want of a name.
    found = _run_many(
        [
            "Over 50 arrests have been made over four nights of protesting where community "
            "members demand justice.",
            "Protesters enraged over the fatal shooting of a teenager by police poured into "
            "the streets for a third straight night Wednesday.",
        ],
        [None, None],
    )
    assert [(f["kind"], v) for f, v in zip(found, _sides(found), strict=True)] == [
        ("change", ["four nights", "third straight night"])
    ], found
    found = _run_many(
        [
            "The jury convicted the gunman after 12 hours of deliberation.",
            "The jury was unable to come to a decision after 30 hours of deliberation.",
        ],
        [None, None],
    )
    assert found == []


def test_a_subject_names_no_pronoun_and_no_leftover_of_an_age():
    from newsprism.compare.conflicts import figure_subject
    from newsprism.model import Quantity

    def q(text, value, unit, measures):
        return Quantity("a", 0, len(text), text, value, unit, measures)

    # "one of the party has fallen some 700 metres": "the one" names nothing
    assert figure_subject(
        q("150", 150, "metre", "one"), q("700", 700, "metre", "one"), "length"
    ) == ("distance")
    # "36-year-old Duncan Raite fell about 60 metres"
    assert (
        figure_subject(
            q("200m", 200, "metre", "old Duncan Raite"),
            q("60", 60, "metre", "old Duncan Raite"),
            "length",
        )
        == "distance for Duncan Raite"
    )
    # ".357 caliber revolver" is a calibre, not a count of calibres
    assert figure_subject(
        q("357", 357, None, "caliber"), q("38", 38, None, "caliber"), "count"
    ) == ("caliber")
