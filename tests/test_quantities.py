"""Quantity extraction: values, units, approximations and what is measured, on real articles."""

from __future__ import annotations

import pytest

from newsprism.extract.quantities import extract_quantities, find_quantities
from newsprism.extract.spacy_pass import analyse
from newsprism.model import Article, Quantity
from seeds import raw_seed_article


def _article(prefix: str) -> Article:
    return raw_seed_article(prefix)


@pytest.fixture(scope="module", params=["own parse", "shared doc"])
def seed_quantities(request: pytest.FixtureRequest) -> dict[str, list[Quantity]]:
    """Quantities parsed on their own, and from the doc the other extractors share."""
    out = {}
    for p in ("000", "001", "002", "003", "004"):
        article = _article(p)
        doc = analyse(article.text) if request.param == "shared doc" else None
        out[p] = extract_quantities(article, doc)
    return out


def _find(quantities: list[Quantity], text: str) -> Quantity:
    found = [q for q in quantities if q.text == text]
    assert found, f"{text!r} not among {[q.text for q in quantities]}"
    return found[0]


@pytest.mark.parametrize(
    ("prefix", "text", "value", "unit", "approx", "measures"),
    [
        ("000", "105 minutes", 105, "minute", None, "phone conversation"),
        ("000", "150,000", 150_000, None, "about", "Russian soldiers"),
        ("000", "30,000", 30_000, None, None, "Russian troops"),
        ("000", "three million", 3_000_000, None, "about", "people"),
        ("001", "45 minutes", 45, "minute", None, "meeting"),
        ("003", "350", 350, None, None, "troops"),
        ("003", "100", 100, None, "more than", "U.S. military personnel"),
        ("003", "1.8 billion euros", 1.8e9, "euro", "about", "aid"),
        ("003", "$1.3 billion", 1.3e9, "dollar", None, "financial aid"),
        ("003", "five-hour", 5, "hour", "more than", "session"),
    ],
)
def test_seed_quantities(
    seed_quantities: dict[str, list[Quantity]],
    prefix: str,
    text: str,
    value: float,
    unit: str | None,
    approx: str | None,
    measures: str,
) -> None:
    q = _find(seed_quantities[prefix], text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.approx, q.measures) == (unit, approx, measures)


def test_offsets_point_into_the_article_text(seed_quantities: dict[str, list[Quantity]]) -> None:
    for prefix, quantities in seed_quantities.items():
        text = _article(prefix).text
        for q in quantities:
            assert q.article_id == prefix
            assert text[q.start : q.end] == q.text


def test_dates_links_and_page_furniture_are_not_quantities(
    seed_quantities: dict[str, list[Quantity]],
) -> None:
    # 004 carries ISO timestamps, a phone number and a numbered list; 003 a dated URL.
    assert seed_quantities["004"] == []
    texts = [q.text for q in seed_quantities["003"]]
    assert not any(t in ("2022", "02", "08", "14", "15", "2014") for t in texts)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sales rose 19 per cent.", [(19, "percent", None)]),
        # a possessive before the figure is not a name with a number ("S&P 500")
        ("Sanders hopes to win California's 475 delegates.", [(475, None, None)]),
        ("It costs US$58.24 per barrel.", [(58.24, "dollar per barrel", None)]),
        ("Winds reached 87 mph (140 km/h).", [(87, "mile per hour", None),
                                              (140, "kilometre per hour", None)]),
        ("A fine of nearly £2.7m was paid.", [(2.7e6, "pound sterling", "nearly")]),
        ("The pact covers two sides.", [(2, None, None)]),
        ("At least 1,200 people fled.", [(1200, None, "at least")]),
        ("Maddon, 66, joined.", [(66, "year of age", None)]),
        ("A 2,900 year-old site.", [(2900, "year of age", None)]),
        ("Speeds of 15-22 miles per hour.", [(15, "mile per hour", "at least"),
                                             (22, "mile per hour", "up to")]),
        ("A fine of $3 billion to $5 billion.", [(3e9, "dollar", "at least"),
                                                 (5e9, "dollar", "up to")]),
        ("Hundreds of miles away.", [(100, "mile", "at least"), (1000, "mile", "up to")]),
        ("It fell to -5 degrees Celsius.", [(-5, "celsius", None)]),
        ("It raised $5m from 5m people.", [(5e6, "dollar", None), (5e6, None, None)]),
        ("The pool is 5m deep.", [(5, "metre", None)]),
        ("They fired rockets over 2 days.", [(2, "day", None)]),
        ("It lasted over 2 hours.", [(2, "hour", "more than")]),
    ],
)  # fmt: skip
def test_rules(sentence: str, expected: list[tuple[float, str | None, str | None]]) -> None:
    got = [(q.value, q.unit, q.approx) for q in find_quantities(sentence, with_measures=False)]
    assert len(got) == len(expected)
    for (value, unit, approx), (g_value, g_unit, g_approx) in zip(expected, got, strict=True):
        assert g_value == pytest.approx(value)
        assert (g_unit, g_approx) == (unit, approx)


def test_range_ends_share_one_span() -> None:
    low, high = find_quantities("between 50 and 70 kilometres", with_measures=False)
    assert (low.start, low.end) == (high.start, high.end)
    assert low.text == "50 and 70 kilometres"


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit is on February 24, 2022 at 10 a.m.",
        "The war began in 2014.",
        "The iPhone 11 Pro and the Model 3 were shown.",
        "She finished third in the 2nd round.",
        "Call +74956456601 or see https://example.com/2022/02/21/story-15.",
        "He went to the same one each time.",
        # a possessive name before a model number, also at a sentence start
        "Boeing's 737 Max was grounded in March.",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence, with_measures=False) == []


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("A total of 10 people had been killed.", "kill"),
        ("The quake killed at least 10 people.", "kill"),
        ("As many as 80 people were also wounded.", "wound"),
        ("About 150 people injured in the blast were taken to hospital.", "injure"),
        ("A quake left more than 31,000 people dead.", "dead"),
        ("The quake struck Qeshm island, home to 120,000 people, and Bandar Abbas.", "home"),
    ],
)
def test_a_count_knows_what_befell_what_it_counts(text, predicate):
    (q,) = [q for q in find_quantities(text) if q.measures == "people"]
    assert q.predicate == predicate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The 5.9-magnitude quake struck Qeshm island.", 5.9),
        ("An earthquake measuring 5.6 on the Richter scale jolted Qeshm.", 5.6),
        ("State television says a magnitude-5.2 quake has injured three people.", 5.2),
        ("A quake of magnitude 6.1 hit southern Iran.", 6.1),
    ],
)
def test_earthquake_magnitudes(text, value):
    (q,) = [q for q in find_quantities(text) if q.unit == "magnitude"]
    assert q.value == value


@pytest.mark.parametrize(
    ("text", "value", "measures"),
    [
        ("Gray was hit by three of the seven bullets fired by police.", 7.0, "bullets"),
        ("Seven AK-47s and 13 magazines were found on the boat.", 7.0, "AK-47s"),
        ("The navy said it seized seven AK-47s from the pirates.", 7.0, "AK-47s"),
    ],
)
def test_counts_after_the_and_of_model_names(text, value, measures):
    found = [(q.value, q.measures) for q in find_quantities(text)]
    assert (value, measures) in found, found


@pytest.mark.parametrize("text", ["The two of them met in Paris.", "He was the one who left."])
def test_the_number_as_a_pronoun_is_no_count(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The ship was 150 nautical miles east of Aden.", "nautical mile"),
        ("He wants more than $25 million a season, his agent said.", "dollar per season"),
    ],
)
def test_nautical_miles_and_amounts_per_season(text, unit):
    assert [q.unit for q in find_quantities(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # ECB+ 16_5ecbplus: a tokenised "5-foot-8, 135 pounds" was a weight of 8,135 pounds
        ("Deputies said that Orozco is 5 - foot - 8,135 pounds, with tattoos.", [5.0, 135.0]),
        ("He is 5-foot-8, 135 pounds.", [5.0, 135.0]),
        # a spaced "AK - 47" names a rifle; the count is the word before it
        ("During the operation, six AK - 47 rifles, 12 magazines were found.", [6.0, 12.0]),
        ("The pirates had six AK 47 rifles, 12 magazines and 300 rounds.", [6.0, 12.0, 300.0]),
        # "two dozen" is 24, not two and a dozen
        ("About two dozen young protesters splintered off.", [24.0]),
        ("A group of at least three dozen young people rampaged.", [36.0]),
        # a tokenised "$2.6-million" kept its scale only without the spaces
        ("They made off with a $2.6 - million booty, police said.", [2.6e6]),
    ],
)
def test_heights_rifle_names_and_dozens(text, values):
    assert [q.value for q in find_quantities(text)] == values


def test_a_possessive_name_is_part_of_what_is_measured():
    from newsprism.spacy_model import load_nlp

    text = "A new poll found 40% of Sanders' voters aren't sure they'll vote for Clinton."
    [q] = find_quantities(text, doc=load_nlp()(text))
    assert q.measures == "Sanders voters"


@pytest.mark.parametrize(
    ("text", "value", "unit", "measures"),
    [
        ("Riots have overtaken Greece for the sixth straight day.", 6, "day", "Riots"),
        ("Protesters poured into the streets for a third consecutive night.", 3, "night", None),
        ("It rained for the 3rd day in a row.", 3, "day", None),
        ("He retained his title for the fifth time.", 5, None, "time"),
        ("It was Klitschko's sixth defense of the IBF belt.", 6, None, "defense"),
    ],
)
def test_an_ordinal_of_a_repeated_unit_or_act_is_a_running_count(text, value, unit, measures):
    from newsprism.spacy_model import load_nlp

    [q] = find_quantities(text, doc=load_nlp()(text))
    assert (q.value, q.unit, q.kind) == (value, unit, "ordinal")
    assert measures is None or (q.measures or "").endswith(measures)


@pytest.mark.parametrize(
    "text",
    [
        "On the third day of the trial, the judge spoke.",
        "His second wife attended.",
        "The company's fourth quarter was weak.",
        "It was the first time in years.",
    ],
)
def test_an_ordinal_position_is_no_count(text):
    assert find_quantities(text, with_measures=False) == []


def test_nights_are_a_unit_and_a_gerund_is_what_they_measure():
    from newsprism.spacy_model import load_nlp

    text = "Over 50 arrests have been made over four nights of protesting."
    qs = find_quantities(text, doc=load_nlp()(text))
    assert [(q.text, q.unit, q.measures, q.approx) for q in qs if q.unit] == [
        ("four nights", "night", "protesting", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every item of a list is what the list's verb says of it, even when the parser
        # makes the items after a comma appositions of the first
        (
            "The Navy confiscated 14 AK - 47 rifles, 31 magazines and 923 rounds from the boat.",
            [("rifles", "confiscate"), ("magazines", "confiscate"), ("rounds", "confiscate")],
        ),
        (
            "The commandos also recovered 12 guns, three rifles, two grenades and ammunition.",
            [("guns", "recover"), ("rifles", "recover"), ("grenades", "recover")],
        ),
        # "about a dozen ships": the ships are counted, not the dozen; "six AK-47 rifles"
        # are rifles, though the parser hangs "six" on "47"
        (
            "Pirates are holding about a dozen ships and nearly 300 crewmen.",
            [("ships", "hold"), ("crewmen", "hold")],
        ),
        (
            "During the operation, six AK - 47 rifles were found on the boats.",
            [("rifles", "find")],
        ),
    ],
)
def test_the_items_of_a_list_share_its_verb(text, expected):
    assert [(q.measures, q.predicate) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wladimir Klitschko (52-3, 46 KOs) beat Hasim Rahman (45-7-2).", ["52-3", "45-7-2"]),
        ("The victory took Klitschko's record to 52-3 with 46 knockouts.", ["52-3"]),
        ("Heavyweight champion, Wladimir Klitschko, 53-3, 47 KO's, won.", ["53-3"]),
        ("The court upheld the law in a 5-4 decision.", ["5-4"]),
        ("Chelsea won 4-2 on Sunday.", ["4-2"]),
        # ranges, dates and ages are no tally
        ("It is 15-22 miles away.", []),
        ("Voters aged 18-24, asked on 12-13 March, agreed.", []),
    ],
)
def test_records_scores_and_split_votes_are_one_tally(text, expected):
    assert [q.text for q in find_quantities(text, with_measures=False) if q.kind == "tally"] == (
        expected
    )
    tallies = [q for q in find_quantities(text, with_measures=False) if q.kind == "tally"]
    # the parts are not counts of their own
    assert not [
        q
        for q in find_quantities(text, with_measures=False)
        if q.kind != "tally" and any(t.start <= q.start < t.end for t in tallies)
    ]


def test_n_or_m_is_an_estimate_between_the_two():
    found = find_quantities('The manager said, "They poured in here like 40 or 50 of them."')
    assert [(q.value, q.approx) for q in found] == [(40.0, "at least"), (50.0, "up to")]
    assert found[0].start == found[1].start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Page married twice; the first marriage lasted four years.", [(2.0, "marry")]),
        ("Page was married three times but had no children.", [(3.0, "marry")]),
        ("He has been arrested four times since 2010.", [(4.0, "arrest")]),
        # ratios and rates are no count of an act
        ("It is twice as loud as an airhorn.", []),
        ("They meet twice a week.", []),
    ],
)
def test_how_often_an_act_happened(text, expected):
    found = [(q.value, q.predicate) for q in find_quantities(text) if q.measures == "times"]
    assert found == expected


@pytest.mark.parametrize(
    "text", ["the 35 - year - old deputy", "16 - year - old Kimani Gray", "a 6 - month - old baby"]
)
def test_a_tokenised_age_is_an_age(text):
    # ECB+ and some scrapes space the hyphens: an age is no count of years
    (q,) = find_quantities(text, with_measures=False)
    assert q.unit in ("year of age", "month of age")
