"""Date and time extraction: TimeML values against the publication date, on real articles."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.extract.dates import extract_dates, find_dates, infer_reference
from newsprism.model import Article, DateMention
from seeds import PUBLISHED, raw_seed_article


def _article(prefix: str, *, published: dt.date | None = None) -> Article:
    return raw_seed_article(prefix, published)


@pytest.fixture(scope="module")
def seed_dates() -> dict[str, list[DateMention]]:
    return {k: extract_dates(_article(k, published=v)) for k, v in PUBLISHED.items()}


def _after(article_text: str, mentions: list[DateMention], context: str) -> DateMention:
    """The mention that starts right after ``context`` in the text."""
    pos = article_text.index(context) + len(context)
    for m in mentions:
        if m.start == pos:
            return m
    raise AssertionError(f"no date mention right after {context!r}: {mentions}")


@pytest.mark.parametrize(
    ("prefix", "context", "text", "value", "type_"),
    [
        ("000", "Emmanuel Macron on ", "Sunday", "2022-02-20", "DATE"),
        ("000", "set by Moscow ", "last December", "2021-12", "DATE"),
        ("000", "In the phone conversation lasting ", "105 minutes", "PT105M", "DURATION"),
        ("000", "Minsk protocol, which in ", "2014", "2014", "DATE"),
        ("000", "would meet “in ", "the coming days", "FUTURE_REF", "DATE"),
        ("000", "conversation came ", "two weeks", "P2W", "DURATION"),
        ("002", "once again ", "Monday morning", "2022-02-21TMO", "DATE"),
        ("002", "On ", "Sunday", "2022-02-20", "DATE"),
        ("002", "their meeting on ", "February 24", "2022-02-24", "DATE"),
        ("003", "Britain said ", "Monday", "2022-02-07", "DATE"),
        ("003", "Ukraine will meet ", "Thursday", "2022-02-10", "DATE"),
        ("003", "during their more than ", "five-hour", "PT5H", "DURATION"),
        ("004", "by force during ", "Sunday", "2022-02-20", "DATE"),
    ],
)
def test_seed_expressions_resolve_against_publication_date(
    seed_dates: dict[str, list[DateMention]],
    prefix: str,
    context: str,
    text: str,
    value: str,
    type_: str,
) -> None:
    article_text = _article(prefix).text
    mention = _after(article_text, seed_dates[prefix], context)
    assert mention.text == text
    assert mention.value == value
    assert mention.type == type_


def test_offsets_point_into_the_article_text(seed_dates: dict[str, list[DateMention]]) -> None:
    for prefix, mentions in seed_dates.items():
        text = _article(prefix).text
        assert mentions, prefix
        for m in mentions:
            assert m.article_id == prefix
            assert text[m.start : m.end] == m.text
            assert m.type in {"DATE", "TIME", "DURATION", "SET"}


def test_anchor_says_which_mentions_used_the_publication_date(
    seed_dates: dict[str, list[DateMention]],
) -> None:
    by_text = {m.text: m for m in seed_dates["000"]}
    assert by_text["Sunday"].anchor == "published"
    assert by_text["105 minutes"].anchor is None  # a duration needs no anchor
    assert by_text["2014"].anchor is None


def test_reference_is_inferred_from_a_dateline_when_publication_date_is_unknown() -> None:
    article = _article("001")  # no published date; the page says "February 21, 2022"
    assert infer_reference(article.text) == dt.date(2022, 2, 21)
    mentions = extract_dates(article)
    sunday = _after(article.text, mentions, "EU\n\nOn ")
    assert (sunday.value, sunday.anchor) == ("2022-02-20", "inferred")
    feb24 = _after(article.text, mentions, "Sergey Lavrov on ")
    assert (feb24.value, feb24.anchor) == ("2022-02-24", "inferred")


def test_a_full_date_deep_in_the_body_is_not_taken_for_the_publication_date() -> None:
    text = "Talks resumed on Sunday. " + "Filler sentence. " * 80 + "The deal of May 5, 2015."
    assert infer_reference(text) is None
    sunday = find_dates(text, None)[0]
    assert (sunday.value, sunday.anchor) == ("XXXX-WXX-7", None)


def test_a_date_a_preposition_introduces_is_an_events_not_the_pages() -> None:
    # An undated NeuS lead (event 2200s): "Monday" is the decision's day, years after 2014.
    lead = (
        "The Justice Department on Monday declined to file federal civil rights charges "
        "against the officer in the death of Eric Garner, whose dying words \"I can't "
        'breathe" on July 17, 2014, became a rallying cry.'
    )
    assert infer_reference(lead) is None
    monday = find_dates(lead, None)[0]
    assert (monday.text, monday.value, monday.anchor) == ("Monday", "XXXX-WXX-1", None)
    # A dateline on its own line still anchors, even after a sentence ending "in 2005."
    assert infer_reference("A building in 2005.\nApril 04, 2007\nA deputy ...") == dt.date(
        2007, 4, 4
    )


def test_ecbplus_event_dates_are_not_taken_for_publication_dates(eval_dir) -> None:
    from newsprism.evaluate.clustering import load_ecbplus

    root = eval_dir / "ecbplus" / "ECB+"
    if not root.is_dir():
        pytest.skip("ECB+ not available")
    texts = {d.article.id: d.article.text for d in load_ecbplus(root, topics=[4])}
    # "Page was born on April 22, 1923" heads two reports of her death in December 2008.
    assert infer_reference(texts["4_14ecb"]) != dt.date(1923, 4, 22)
    assert infer_reference(texts["4_3ecb"]) != dt.date(1923, 4, 22)


def test_without_any_reference_relative_dates_are_not_guessed() -> None:
    mentions = find_dates("Talks were held on Sunday and will resume tomorrow.", None)
    values = {m.text: m.value for m in mentions}
    assert values["Sunday"] == "XXXX-WXX-7"
    assert values["tomorrow"] == "XXXX-XX-XX"
    assert all(m.anchor is None for m in mentions)


MONDAY = dt.date(2022, 2, 21)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The leaders spoke on Sunday.", "Sunday", "2022-02-20"),
        ("The leaders will meet on Sunday.", "Sunday", "2022-02-27"),
        ("Macron said he would travel on Thursday.", "Thursday", "2022-02-24"),
        # a "would" after the date is a reported clause's future, not the date's tense
        ("He joined in, announcing on Sunday he would meet them.", "Sunday", "2022-02-20"),
        ("He said last Friday that he would go.", "last Friday", "2022-02-18"),
        ("The summit is set for next Sunday.", "next Sunday", "2022-02-27"),
        ("Shelling resumed yesterday.", "yesterday", "2022-02-20"),
        ("Talks continue today.", "today", "2022-02-21"),
        ("They met earlier this month.", "earlier this month", "2022-02"),
        ("Sales fell last year.", "last year", "2021"),
        ("Profit rose in the third quarter.", "the third quarter", "2021-Q3"),
        ("It was signed in March 1999.", "March 1999", "1999-03"),
        # the year after "early/late/mid <month>" is its year, not the publication's
        ("It was made public in early January 2017.", "early January 2017", "2017-01"),
        ("He left in mid-March 2015.", "mid-March 2015", "2015-03"),
        ("It was signed on 21 February 2022.", "21 February 2022", "2022-02-21"),
        ("The blast came at 10:35 a.m.", "10:35 a.m.", "2022-02-21T10:35"),
        ("Prices were higher in the 1990s.", "the 1990s", "199"),
        ("He went to college in the 1970’s.", "the 1970’s", "197"),  # curly apostrophe
        ("The talks lasted two weeks.", "two weeks", "P2W"),
        ("A five-hour session ended.", "five-hour", "PT5H"),
        ("It has rained for 2 1/2 hours.", "2 1/2 hours", "PT150M"),
        ("Protests are held every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The plant is busy now.", "now", "PRESENT_REF"),
        ("The report, published recently, said so.", "recently", "PAST_REF"),
        ("Four years ago he resigned.", "Four years ago", "2018"),
        ("Stores closed on Thanksgiving Day.", "Thanksgiving Day", "2021-11-25"),
    ],
)
def test_rules(sentence: str, text: str, value: str) -> None:
    mentions = find_dates(sentence, MONDAY)
    assert [(m.text, m.value) for m in mentions] == [(text, value)]


@pytest.mark.parametrize(
    "sentence",
    [
        "He may go to Kyiv.",  # the modal, not the month
        "Russia massed 2,000 troops and 150,000 soldiers.",  # counts, not years
        "The 6-year-old boy was rescued.",  # ages are not temporal expressions
        "The deal was worth $5 million to 300 workers.",  # money and counts
    ],
)
def test_non_temporal_text_gives_no_mentions(sentence: str) -> None:
    assert find_dates(sentence, MONDAY) == []


def test_a_clock_time_then_a_date_is_one_time():
    a = Article(
        id="t",
        source_path="t",
        text="At a press conference at 16:15 UTC, June 1st, the chief executive spoke.",
        published=dt.date(2009, 6, 4),
    )
    (m,) = extract_dates(a)
    assert (m.text, m.value, m.type) == ("16:15 UTC, June 1st", "2009-06-01T16:15Z", "TIME")


# Issue #19: the verb the date modifies decides its direction (examples from the issue's
# hand check of unseen coverage and from the hand-checked sample).
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        ("He canceled a scheduled television interview Monday night.", "2016-07-19",
         "Monday night", "2016-07-18TNI"),
        ("In May, she filed a complaint with the board.", "2016-07-10", "May", "2016-05"),
        ("He was fired in February, the company said.", "2016-04-10", "February", "2016-02"),
        ("She is running for re-election in November.", "2016-06-10", "November", "2016-11"),
        ("The show has been running since it began previews in March.", "2015-12-11",
         "March", "2015-03"),
        ("I'll vote for her in November.", "2016-01-31", "November", "2016-11"),
        ("The automaker has a June 1 deadline to finish its plan.", "2009-05-28", "June 1",
         "2009-06-01"),
        ("Sullivan is set to hear oral arguments Monday.", "2016-07-13", "Monday",
         "2016-07-18"),
        ("They may hit the links again on Wednesday.", "2018-04-17", "Wednesday",
         "2018-04-18"),
        ("It was a bid to keep the story going ahead of November elections.", "2018-04-20",
         "November", "2018-11"),
        ("Her workers said they have been working the state since the spring.", "2016-02-17",
         "the spring", "2015-SP"),
        ("Clinton noted the Sept. 11 attacks and her work for first responders.",
         "2016-04-14", "Sept. 11", "2001-09-11"),
        # fourth fresh check: the theories about the attacks date them too
        ("The network has at times trafficked in Sept. 11 conspiracy theories.",
         "2016-09-19", "Sept. 11", "2001-09-11"),
        ("The ad aims to stop him from winning Tuesday's primaries.", "2016-03-12", "Tuesday",
         "2016-03-15"),
        # Unchanged: a future verb group still wins over the earlier past verb.
        ("Saddam said he will begin withdrawing troops on Friday.", "1990-08-15", "Friday",
         "1990-08-17"),
        ("The company declared a dividend, payable Dec. 1 to holders.", "1989-10-27",
         "Dec. 1", "1989-12-01"),
    ],
)  # fmt: skip
def test_the_governing_verb_decides_the_direction(
    sentence: str, published: str, expression: str, value: str
) -> None:
    found = {d.text: d.value for d in find_dates(sentence, dt.date.fromisoformat(published))}
    assert found[expression] == value


# Issue #19, time zones: a weekday one day after publication with a past verb is that day
# on a clock ahead of the publication's, when the article is datelined in East Asia or
# Oceania or the text says "local time"; elsewhere it stays the past one.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("SEOUL, South Korea — North Korea's leader announced early Saturday that tests "
         "would stop.", "2018-04-21"),
        ("A caption.\nWELLINGTON, New Zealand (AP) _ New Zealand said Saturday it backed "
         "the strikes.", "2018-04-21"),
        ("BEIJING (AP) -- The ministry said Saturday that talks had ended.", "2018-04-21"),
        ("Kim's announcement Saturday (local time) may be a ploy.", "2018-04-21"),
        ("WASHINGTON — The senator said Saturday that talks had ended.", "2018-04-14"),
        ("PERTH AMBOY, N.J. — The mayor said Saturday that talks had ended.", "2018-04-14"),
        ("SEOUL, South Korea — The ministry said Thursday that talks had ended.",
         "2018-04-19"),
    ],
)  # fmt: skip
def test_a_far_east_dateline_lets_a_past_weekday_be_the_day_after_publication(
    text: str, value: str
) -> None:
    (mention,) = [d for d in find_dates(text, dt.date(2018, 4, 20)) if "day" in d.text]
    assert mention.value.startswith(value)


# Issue #19, habits: a clock time after "would" or "used to" in a sentence with a frequency
# word names no day and is left unanchored; a reported future ("said ... would") is dated.
@pytest.mark.parametrize(
    ("sentence", "value", "anchored"),
    [
        ("Many days, former employees said, she would stay at the office past midnight.",
         "XXXX-XX-XXT24:00", False),
        ("He often would leave the office at 7 p.m. to see his children.",
         "XXXX-XX-XXT19:00", False),
        ("She used to open the shop at noon.", "XXXX-XX-XXT12:00", False),
        ("Officials said the polls would close at 8 p.m.", "2016-01-20T20:00", True),
        ("The vote was held at noon.", "2016-01-20T12:00", True),
        ("Many days later, she would return at midnight to find it gone.",
         "2016-01-20T24:00", True),
    ],
)  # fmt: skip
def test_a_habitual_clock_time_names_no_day(sentence: str, value: str, anchored: bool) -> None:
    (mention,) = [d for d in find_dates(sentence, dt.date(2016, 1, 20)) if d.type == "TIME"]
    assert (mention.value, mention.anchor is not None) == (value, anchored)


# Issue #19: with no verb of its own pointing back, a weekday that is the day after
# publication is that day, not six days before, possessive or not ("Heading into
# Tuesday's New Hampshire primary" on a Monday); a past verb still points back.
@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        ("Sanders urged them to vote Tuesday.", "2016-06-06", "2016-06-07"),
        ("On Tuesday, Democrats vote in Arizona, Idaho and Utah.", "2016-03-21", "2016-03-22"),
        ("Trump acknowledged the meeting in a Wednesday morning tweet.", "2018-04-17",
         "2018-04-18TMO"),
        ("He returned on Wednesday for a caucus lunch.", "2016-05-31", "2016-05-25"),
        ("The ruling came on Friday.", "2016-03-17", "2016-03-11"),
        ("Friday's ruling surprised them.", "2016-03-17", "2016-03-11"),
        ("Heading into Tuesday's New Hampshire primary, her lead shrank.", "2016-02-08",
         "2016-02-09"),
        ("She's hoping Saturday's Nevada caucuses will set her on a path.", "2016-02-19",
         "2016-02-20"),
    ],
)  # fmt: skip
def test_an_undirected_weekday_the_day_after_publication_is_the_next_day(
    sentence: str, published: str, value: str
) -> None:
    (mention,) = [d for d in find_dates(sentence, dt.date.fromisoformat(published))]
    assert mention.value == value


# Issue #19, found by the second fresh check: irregular pasts the "-ed" pattern missed
# ("died": two letters before "-ed") point back like any past verb.
@pytest.mark.parametrize(
    "text",
    [
        "If we remember nothing else about Nancy Reagan, who died Sunday at age 94, it will "
        "be that image.",
        "The senator, who shot back Sunday at his critics, will speak again.",
        "The mayor, who stood firm Sunday on the budget, will meet the council.",
    ],
)
def test_an_irregular_past_verb_points_back(text: str) -> None:
    (mention,) = find_dates(text, dt.date(2016, 3, 7))  # a Monday
    assert mention.value == "2016-03-06"


# ... and a possessive weekday after a past verb is not the later day an earlier mention
# of that weekday named: "clashed at Saturday's debate" in a Monday article is two days
# back, though the article spoke of next Saturday's caucus first.
def test_a_possessive_after_a_past_verb_does_not_reuse_a_coming_day() -> None:
    text = (
        "Voters will caucus on Saturday. "
        "Bush also attacked Trump, with whom he clashed at Saturday's debate."
    )
    caucus, debate = find_dates(text, dt.date(2016, 2, 8))
    assert caucus.value == "2016-02-13"
    assert debate.value == "2016-02-06"
    text = "Voters will vote on Saturday. Saturday's vote will be close."
    first, second = find_dates(text, dt.date(2016, 2, 8))
    assert second.value == first.value == "2016-02-13"  # not past: the earlier day stands


# Issue #19, found by the second fresh check ("a divorce case that began in January of that
# year", 2014 written before it) and TempEval-3 ("watch imports that year" after "1988",
# "the following year" after "1995"): "that year" and its kin take the year last written
# out, unless a date of the article's own time came in between.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "His staff in 2014 tried to hide her during a divorce case that began in "
            "January of that year, sources said.",
            [("2014", "2014"), ("January", "2014-01"), ("that year", "2014")],
        ),
        (
            "He left in June 1998 and returned to Cuba later that year.",
            [("June 1998", "1998-06"), ("later that year", "1998")],
        ),
        (
            "Farkas was made a general in 1995, and the following year he was appointed.",
            [("1995", "1995"), ("following year", "1996")],
        ),
        (
            "Revenue rose in 2005. In the first quarter sales grew against the previous year.",
            [("2005", "2005"), ("the first quarter", "2016-Q1"), ("previous year", "2015")],
        ),
        ("That year was a good one.", []),
    ],
)
def test_that_year_is_the_year_last_written(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(d.text, d.value) for d in find_dates(text, dt.date(2016, 7, 29))]
    assert found == expected


# Issue #19, found by the third fresh check: a weekday that is part of a name ("Super
# Tuesday") is the day of that weekday the sentence dates after it or in apposition, not
# the nearest Tuesday; a date further before it is another event's.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "He could fare well across the South on Super Tuesday, when 15 states will hold "
            "caucuses on March 1.",
            "2016-03-01",
        ),
        ("After that, 11 states hold contests on March 1, known as Super Tuesday.", "2016-03-01"),
        (
            "He is looking ahead to the March 15 contest because he will have delegates "
            "after Super Tuesday.",
            "2016-02-09",
        ),
    ],
)
def test_a_named_weekday_takes_the_date_its_sentence_gives(text: str, value: str) -> None:
    (day,) = [d for d in find_dates(text, dt.date(2016, 2, 4)) if d.text == "Tuesday"]
    assert day.value == value


# Issue #19, found by the second fresh check: a month naming a scheduled event after
# "before" looks forward, like a weekday's ("before Monday's caucus"), unless a verb of its
# own points back.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Its job: to help candidates prepare even before the November election.", "2016-11"),
        ("He left the race before the November election.", "2015-11"),
    ],
)
def test_before_a_months_scheduled_event_looks_forward(text: str, value: str) -> None:
    (month,) = find_dates(text, dt.date(2016, 5, 12))
    assert month.value == value


# Issue #19, found by the first fresh check: "one Sunday" is some Sunday, not one of the
# article's week.
def test_an_indefinite_weekday_is_not_anchored() -> None:
    found = find_dates("One Sunday in late 2001, she called the directors.", MONDAY)
    assert [(d.text, d.value, d.anchor) for d in found][0] == ("Sunday", "XXXX-WXX-7", None)
    (later,) = find_dates("She called the directors on Sunday.", MONDAY)
    assert later.value == "2022-02-20"


# Issue #19, found by the second fresh check: "this summer" once summer is over is next
# summer when the sentence looks ahead, and this year's otherwise.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She and her husband are expected their second child this summer.", "2016-SU"),
        ("The plant was busy this summer.", "2015-SU"),
    ],
)
def test_this_season_when_it_is_over(text: str, value: str) -> None:
    (season,) = find_dates(text, dt.date(2015, 12, 21))
    assert season.value == value


# Issue #19: "of <-ing>" looks forward ("chances of winning in November", "ahead of voting
# Tuesday") unless a past verb governs the phrase: "ran out of operating funds in December"
# in a February article is last December.
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("GM ran out of operating funds in December.", "2009-02-03", "2008-12"),
        ("His supporters showed no sign of backing down on Tuesday.", "2016-05-19", "2016-05-17"),
        ("Cruz's chances of winning in November are slim.", "2016-05-19", "2016-11"),
        ("Sanders continued a fierce contest ahead of voting Tuesday.", "2016-06-06", "2016-06-07"),
    ],
)
def test_of_ing_looks_forward_unless_a_past_verb_governs_it(
    text: str, published: str, value: str
) -> None:
    (mention,) = find_dates(text, dt.date.fromisoformat(published))
    assert mention.value == value


# Issue #19: "that" before an "-ed" word is a relative pronoun as often as a determiner:
# "an interview that aired Sunday" in a Saturday article is the Sunday before.
def test_a_past_verb_after_relative_that_points_back() -> None:
    text = "The questions began to arise after an interview with Chris Wallace that aired Sunday."
    (mention,) = find_dates(text, dt.date(2016, 8, 6))
    assert mention.value == "2016-07-31"


# Issue #19: the scheduled event after a possessive weekday may have a two-word name:
# "just days before Tuesday's New Hampshire primary" on a Sunday is the coming Tuesday.
def test_before_a_possessive_event_with_a_long_name_looks_forward() -> None:
    text = "Rubio's uneven debate performance just days before Tuesday's New Hampshire primary."
    (mention,) = find_dates(text, dt.date(2016, 2, 7))
    assert mention.value == "2016-02-09"


# Issue #19: "will be", "may be" put the date's clause in the future, though "be" alone
# leaves it to the other rules: "the interview, which will be on the Fox network Tuesday
# night" in a Sunday article is the coming Tuesday.
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The interview, which will be on the Fox network Tuesday night, is long.",
         "2016-05-15", "2016-05-17TNI"),
        ("It may be spring before a new justice is confirmed.", "2016-06-29", "2017-SP"),
    ],
)  # fmt: skip
def test_will_be_looks_forward(text: str, published: str, value: str) -> None:
    (mention,) = find_dates(text, dt.date.fromisoformat(published))
    assert mention.value == value


# Issue #19: a scheduled event dated after "ahead of" or "before" looks forward, as the
# date right after those words does: "ahead of the Iowa caucuses on Monday" on a Friday.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She found herself in a tight race ahead of the Iowa caucuses on Monday.", "2016-02-01"),
        ("What she needs, only days before the Iowa caucuses on Monday, was missing.",
         "2016-02-01"),
        ("The debate came 15 days before the Iowa caucuses on Feb. 1.", "2016-02-01"),
        ("She found herself in a tight race after the Iowa caucuses on Monday.", "2016-01-25"),
    ],
)  # fmt: skip
def test_a_scheduled_event_after_ahead_of_looks_forward(text: str, value: str) -> None:
    (mention,) = [d for d in find_dates(text, dt.date(2016, 1, 29)) if d.type == "DATE"]
    assert mention.value == value


# Issue #19, found by the fourth fresh check: a month-day after a full date of a past year
# continues its story when it falls between that date and publication and no verb of its
# own looks ahead.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On March 2, 2015, the Times revealed the account. On March 25, Platte River had "
         "a conference call.", "2015-03-25"),
        ("On March 2, 2015, the Times revealed the account. On Feb. 25, Platte River had "
         "a conference call.", "2016-02-25"),
        ("On March 2, 2015, the Times revealed the account. The panel will meet on "
         "Sept. 25.", "2016-09-25"),
    ],
)  # fmt: skip
def test_a_month_day_continues_the_story_of_a_full_date(text: str, value: str) -> None:
    mentions = find_dates(text, dt.date(2016, 9, 7))
    assert mentions[-1].value == value


# Issue #19, found by the fourth fresh check: a capitalised season or time word after a
# capitalised word is part of a name ("the Arab Spring", "High Noon"), and a time word
# before one too ("the Midnight Crew"); a season before one ("the Winter Olympics") stays a date.
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("What followed was the Arab Spring uprisings.", []),
        ('The unit known as the "Midnight Crew," was disbanded.', []),
        ("The poster showed Gary Cooper in the film High Noon.", []),
        ("North Korea joined the Winter Olympics.", [("the Winter", "2016-WI")]),
        ("Spring came early.", [("Spring", "2016-SP")]),
        ("They met at Midnight.", [("Midnight", "2016-06-20T24:00")]),
    ],
)
def test_a_season_or_time_word_in_a_name_is_no_date(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert [(d.text, d.value) for d in find_dates(text, dt.date(2016, 6, 20))] == found


# Issue #19, found by `eval past-dates` on PolNeAR: the mechanisms behind past events
# dated after their article, each on the sentence that showed it.


def _value_of(text: str, published: str, expression: str) -> str:
    found = [d.value for d in find_dates(text, dt.date.fromisoformat(published))]
    texts = [d.text for d in find_dates(text, dt.date.fromisoformat(published))]
    return found[texts.index(expression)]


def test_during_is_no_verb_between_a_past_verb_and_its_date() -> None:
    text = (
        "Since that attack, Republicans have criticized various aspects of the strategy "
        "Obama trumpeted during Sunday's prime-time address from the Oval Office."
    )
    assert _value_of(text, "2015-12-07", "Sunday") == "2015-12-06"


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("In October, Mrs. Clinton, the Democratic presidential nominee, proposed enforcing "
         "a partial no-fly zone over Syria.", "2016-09-06", "October", "2015-10"),
        ("In January, Gov. Earl Ray Tomblin of West Virginia lauded Mr. Clarke in his "
         "state-of-the-state address.", "2016-10-02", "January", "2016-01"),
    ],
)  # fmt: skip
def test_a_title_abbreviation_does_not_end_the_sentence(
    text: str, published: str, expression: str, value: str
) -> None:
    assert _value_of(text, published, expression) == value


def test_a_clock_time_then_a_full_date_keeps_its_year() -> None:
    text = (
        "When the doors swung open at the Flint Center in Cupertino, Calif., at 6:30 a.m. on "
        "March 19, 2002, Fiorina's last chance to defend the merger had already devolved."
    )
    (mention,) = find_dates(text, dt.date(2016, 1, 20))
    assert (mention.text, mention.value, mention.anchor) == (
        "6:30 a.m. on March 19, 2002",
        "2002-03-19T06:30",
        None,
    )


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("But throughout the summer and fall, members within both unions criticized the "
         "decision.", "2016-04-06", "the summer", "2015-SU"),
        ("And in that October speech, Ms. Brainard chimed in, breaking with the Fed's "
         "chairwoman.", "2016-07-27", "October", "2015-10"),
    ],
)  # fmt: skip
def test_a_date_after_but_throughout_or_that_opens_its_clause(
    text: str, published: str, expression: str, value: str
) -> None:
    assert _value_of(text, published, expression) == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Sanders had been told just before Tuesday's vote that he probably would lose "
         "narrowly.", "2016-03-10", "2016-03-08"),
        ("The little polling that was done in the state before Tuesday's primary showed a "
         "virtual dead heat.", "2016-03-16", "2016-03-15"),
        ("Cruz challenged Trump to a one-on-one debate before Monday's caucus.", "2016-01-29",
         "2016-02-01"),
    ],
)  # fmt: skip
def test_before_a_possessive_event_under_a_past_verb_looks_back(
    text: str, published: str, value: str
) -> None:
    (mention,) = find_dates(text, dt.date.fromisoformat(published))
    assert mention.value == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("In March, American Medical received a $24-a-share offer. The following month, the "
         "company put itself up for sale.", "1989-10-27", "following month", "1989-04"),
        ("Allegations gained momentum in September after a gaffe. The next month, a former "
         "Republican committee staffer announced plans to sue the panel.", "2016-02-19",
         "next month", "2015-10"),
        ("British Columbia adopted the tax in 2008. The party stuck to the tax even as the "
         "New Democratic Party challenged it in provincial elections the next year.",
         "2016-03-03", "next year", "2009"),
        ("The Chicago Teachers Union has scheduled a strike vote for next month.",
         "2015-12-04", "next month", "2016-01"),
        ("The worst was the 1968 Democratic convention in Chicago, where street riots "
         "contributed to Hubert H. Humphrey's loss that November.", "2016-06-23", "November",
         "1968-11"),
    ],
)  # fmt: skip
def test_the_following_month_and_that_november_continue_the_story(
    text: str, published: str, expression: str, value: str
) -> None:
    assert _value_of(text, published, expression) == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("Donald Trump has enjoyed a 20-point lead in New Hampshire polls for much of the "
         "fall and winter.", "2016-02-03", "the fall", "2015-FA"),
        ("''His father was tremendously effective in one-on-one and small groups throughout "
         "the spring and summer,'' said Eric Woolson.", "2016-01-12", "summer", "2015-SU"),
        ("Supporters waved ''Girl Power'' signs in hopes of seeing the duo together on the "
         "ticket in the fall.", "2016-06-28", "the fall", "2016-FA"),
    ],
)  # fmt: skip
def test_the_verb_spanning_a_season_may_stand_further_back(
    text: str, published: str, expression: str, value: str
) -> None:
    assert _value_of(text, published, expression) == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("On Friday, when Albright set aside vacation plans for the hastily planned trip to "
         "East Africa, the State Department lifted a warning against travel to Kenya.",
         "1998-08-17", "Friday", "1998-08-14"),
        ("On Monday night, in an apparent attempt to by Donald Trump to influence the tone of "
         "the next Republican presidential debate hosted by CNN, Trump told a rally audience "
         "that he would only do the debate if CNN donated.", "2015-12-03", "Monday night",
         "2015-11-30TNI"),
        ("In January, a week after the 25th anniversary of the Roe vs. Wade Supreme Court "
         "decision, a clinic bombing in Birmingham, Ala., killed a security guard.",
         "1998-10-25", "January", "1998-01"),
    ],
)  # fmt: skip
def test_a_phrase_between_an_opening_date_and_its_main_clause_is_skipped(
    text: str, published: str, expression: str, value: str
) -> None:
    assert _value_of(text, published, expression) == value


def test_by_a_date_right_after_a_past_copula_looks_back() -> None:
    text = (
        "A campaign that began in a predictable way a year ago was by the summer a campaign "
        "turned upside down, thanks to the candidacies of Trump and Sanders."
    )
    assert _value_of(text, "2016-02-02", "the summer") == "2015-SU"


def test_an_ing_word_naming_a_plan_is_no_verb() -> None:
    text = (
        "Clinton, who announced a $275 billion infrastructure spending plan on Monday, plans "
        "to focus on jobs and the economy throughout December."
    )
    assert _value_of(text, "2015-12-01", "Monday") == "2015-11-30"


def test_a_date_ending_an_opening_phrase_takes_the_main_clauses_verb() -> None:
    text = (
        "On the eve of his historic election to a fourth term as prime minister in March, "
        "Netanyahu rallied supporters by warning darkly."
    )
    assert _value_of(text, "2015-12-10", "March") == "2015-03"


def test_a_plan_named_by_an_ing_word_is_no_future_cue() -> None:
    text = (
        "Conservative Solutions PAC made a major change in its advertising plans after "
        "Rubio's disappointing debate performance on Saturday."
    )
    assert _value_of(text, "2016-02-08", "Saturday") == "2016-02-06"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mr. Flynn told the president that he had scheduled a return call for the next "
         "Saturday — far too late in Mr. Trump's estimation.", "XXXX-WXX-6"),
        ("The return call will be on the next Saturday.", "2018-04-21"),
    ],
)  # fmt: skip
def test_the_next_weekday_of_a_told_story_is_no_week_of_the_article(text: str, value: str) -> None:
    (mention,) = find_dates(text, dt.date(2018, 4, 19))
    assert mention.value == value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Donald Trump listed an NBC show as his guilty pleasure: “Saturday Night Live” — and "
         "more specifically his most recent appearance.", "Saturday Night Live"),
        ("Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Darrell Issa said.",
         "Sunday Morning Futures"),
        ("Schilling most recently offered analysis on ''Monday Night Baseball.''",
         "Monday Night Baseball"),
    ],
)  # fmt: skip
def test_a_title_cased_weekday_and_part_of_day_opening_a_name_is_no_date(
    text: str, name: str
) -> None:
    # fresh5 (#19): a show's name; in-sample for "Saturday Night Live"
    at = text.index(name)
    assert [d for d in find_dates(text, dt.date(2015, 12, 9)) if d.start == at] == []


def test_a_weekday_evening_in_prose_stays_a_date() -> None:
    text = "Trump said Saturday Night that he would win."
    assert _value_of(text, "2015-12-09", "Saturday") == "2015-12-05"


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("The poll of 1,000 likely voters, taken Thursday through Monday, has a margin of "
         "error of +/-3 percentage points.", "2016-02-17", "2016-02-11", "2016-02-15"),
        ("Poll of 1,000 likely voters taken Wednesday through Sunday.", "2015-12-08",
         "2015-12-02", "2015-12-06"),
    ],
)  # fmt: skip
def test_a_weekday_range_starts_the_last_such_day_before_its_end(
    text: str, published: str, start: str, end: str
) -> None:
    # fresh5 (#19): the start was the day after publication; in-sample for the first row
    assert [d.value for d in find_dates(text, dt.date.fromisoformat(published))] == [start, end]


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("The campaign for the Democratic nomination has turned increasingly nasty ahead of "
         "New York's delegate-rich Tuesday primary.", "2016-04-15", "Tuesday", "2016-04-19"),
        ("Clinton avoided all mention of Bernie Sanders, even as both campaigned in "
         "California ahead of the state’s June 7 primary.", "2016-05-24", "June 7",
         "2016-06-07"),
    ],
)  # fmt: skip
def test_a_date_qualifying_a_scheduled_event_after_ahead_of_looks_forward(
    text: str, published: str, expression: str, value: str
) -> None:
    # fresh5 (#19): in-sample for the first row
    assert _value_of(text, published, expression) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The 60-second spot will air on the Spanish-language network Univision during "
         "Sunday’s final of the Copa Americana soccer tournament.", "2016-06-26"),
        ("The state will appeal Sunday's ruling.", "2016-06-19"),
    ],
)  # fmt: skip
def test_a_possessive_event_in_the_time_of_a_future_verb_is_to_come(text: str, value: str) -> None:
    # fresh5 (#19): in-sample for the first row; an object of the verb keeps the past day
    assert _value_of(text, "2016-06-24", "Sunday") == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("Cyber security experts and U.S. officials, however, said they believed Russia "
         "engineered the release of the emails to influence the Nov. 8 U.S. presidential "
         "election.", "2016-07-31", "Nov. 8", "2016-11-08"),
        ("A Justice Department investigation could drag on for many months and not be "
         "completed by the time of the Nov. 8 election.", "2016-04-15", "Nov. 8",
         "2016-11-08"),
        ("The campaign won the Nov. 8 election.", "2017-04-15", "Nov. 8", "2016-11-08"),
        ("She pointed to his 22 percent showing in Miami-Dade County, Rubio’s home, in the "
         "March 15 primary.", "2016-07-18", "March 15", "2016-03-15"),
    ],
)  # fmt: skip
def test_a_scheduled_event_qualified_by_a_far_month_is_the_coming_one(
    text: str, published: str, expression: str, value: str
) -> None:
    # fresh5 (#19): in-sample for the first row; a past verb of its own still points back
    assert _value_of(text, published, expression) == value


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("Sen. Tim Kaine (D-Va.), promised immigration reform if he and Clinton take office "
         "in January.", "2016-08-01", "January", "2017-01"),
        ("If Cruz wins Wisconsin’s contest Tuesday, media outlets estimate Trump needs to win "
         "between 57 and 60 percent.", "2016-04-02", "Tuesday", "2016-04-05"),
        ("If he follows up his Tuesday wins in Idaho and Utah with a wide victory, any hope "
         "he has fades.", "2016-03-23", "Tuesday", "2016-03-22"),
    ],
)  # fmt: skip
def test_a_present_in_a_condition_looks_forward(
    text: str, published: str, expression: str, value: str
) -> None:
    # fresh5 (#19): in-sample for the first row; a date qualifying a noun keeps its day
    assert _value_of(text, published, expression) == value
