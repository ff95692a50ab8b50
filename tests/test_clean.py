from __future__ import annotations

import re
from datetime import date

import pytest

from newsprism.clean import clean_body, clean_documents, recurring_lines
from newsprism.model import RawDocument

# Residue that must not survive in any cleaned body: scraper metadata, contact blocks,
# promos, navigation and tracking snippets (asserted by shape, not by the sample's strings).
RESIDUE = [
    (r"^/html/", "xpath line"),
    (r"https?://\S+\.(?:jpe?g|png)", "image URL"),
    (r"[\w.+-]+@[\w-]+\.\w+", "e-mail address"),
    (r"\+\d{9,}", "phone number"),
    (r"<!--|!--|-->|gtag", "tracking snippet"),
    (r"^\s*•", "navigation bullet"),
    (r"(?i)^(also read|subscribe|being updated|interactive)", "promo"),
    (r"\d{1,2}:\d{2} GMT", "timestamp line"),
    (r"(?m)^\d{4}$", "bare year line"),
    (r"(?im)^source:", "source footer"),
]


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize(("pattern", "what"), RESIDUE)
def test_no_residue_in_seed_bodies(seed_articles, key, pattern, what):
    text = seed_articles[key].text
    assert not re.search(pattern, text, re.M), f"{what} left in {key}"


def test_seed_metadata(seed_articles):
    a = seed_articles
    assert len(a) == 5
    assert (a["000"].outlet, a["003"].outlet, a["004"].outlet) == (
        "Al Jazeera",
        "San Diego Union-Tribune",
        "Sputnik",
    )
    assert a["003"].published_date == date(2022, 2, 8)
    assert a["004"].published_date == date(2022, 2, 20)
    assert a["001"].published_date == date(2022, 2, 21)
    # Unknown stays unknown: 000 and 002 carry no date, 001 and 002 no outlet.
    assert a["000"].published is None and a["002"].published is None
    assert a["001"].outlet is None and a["002"].outlet is None
    assert a["004"].url.startswith("https://sputniknews.com/20220220/")
    assert a["000"].title == "Vladimir Putin: Diplomacy over Ukraine crisis must ‘intensify’"
    assert a["002"].title.startswith("France champions Ukraine diplomacy")
    assert all(x.language == "en" for x in a.values())


def test_seed_bodies_keep_the_article(seed_articles):
    a = seed_articles
    assert a["000"].text.startswith("Russian president reiterated the need")
    assert "In the phone conversation lasting 105 minutes" in a["000"].text
    assert "which lasted for 45 minutes" in a["001"].text
    assert "Lets not be naive, he said." in a["003"].text
    assert a["002"].text.startswith("Amid continuing uncertainty")
    # Subheadings between paragraphs are kept; the title is not repeated in the body.
    assert "‘Cocked and loaded’" in a["000"].text
    assert a["004"].title not in a["004"].text


def test_sputnik_repeats_collapsed(seed_articles):
    text = seed_articles["004"].text
    for sentence in [
        "As a result, civilians from the Donetsk and Lugansk People's Republics suffer",
        "The Donbass has seen a dramatic escalation of military activity",
        "This diplomatic work should make it possible",
    ]:
        assert text.count(sentence) == 1, sentence
    # A line broken by the scraper ("...readout\n.") is joined back.
    assert "according to a Kremlin readout.\n" in text


def test_captions_kept_apart(seed_articles):
    a = seed_articles
    assert any("gestures during a joint news conference" in c for c in a["000"].captions)
    assert "gestures during a joint news conference" not in a["000"].text
    assert "[Sputnik/Sergey Guneev" not in a["000"].text
    assert any("proposed a bilateral summit" in c for c in a["001"].captions)
    assert "IMAGE SOURCE" not in a["001"].text
    assert "Image courtesy" not in a["002"].text


def test_offsets_map_back_to_the_original(seed_articles):
    for art in seed_articles.values():
        for m in re.finditer(r"[A-Z][a-z]+ [a-z]+ [a-z]+", art.text):
            span = art.offsets.span_to_original(m.start(), m.end())
            assert span is not None
            # Exact up to the runs of spaces that cleaning collapsed.
            assert " ".join(art.raw[span[0] : span[1]].split()) == m.group(0), m.group(0)


def test_mojibake_is_repaired():
    raw = (
        "Headline here for the test\n\n"
        "The minister said the talks wonâ€™t resume before Monday, officials confirmed on Friday."
    )
    result = clean_body(raw)
    assert "won’t" in result.text and "â€" not in result.text


def test_a_no_break_space_is_a_space_and_offsets_stay_exact():
    # NeuS: "The\u00a0Republican\u00a0National Committee" was cut to "National Committee"
    raw = (
        "Headline here for the test\n\n"
        "The\u00a0Republican\u00a0National Committee is taking aim at the commission, "
        "warning that it may advise the next nominee to skip the debates."
    )
    result = clean_body(raw)
    assert "The Republican National Committee" in result.text and "\u00a0" not in result.text
    start = result.text.index("Republican")
    span = result.offsets.span_to_original(start, start + len("Republican National"))
    assert span is not None and raw[span[0] : span[1]] == "Republican\u00a0National"


def test_lines_recurring_across_one_outlet_are_dropped():
    body = (
        "The council met on Tuesday to discuss the budget for the coming year, and members "
        "argued about the cost of the new bridge over the river."
    )
    docs = [
        RawDocument(
            source_path=f"d{i}.txt",
            record=None,
            format="text",
            raw=f"Story {i} headline about the town\n\n{body} Item {i}.\n\n"
            "Share this story with your friends and family\n\n"
            + body.replace("council", f"board {i}"),
            content_sha=str(i),
            outlet="Town Crier",
        )
        for i in range(3)
    ]
    assert "share this story with your friends and family" in recurring_lines(docs)["town crier"]
    for art in clean_documents(docs):
        assert "Share this story" not in art.text and "budget" in art.text


def test_a_headline_loses_a_trailing_separator():
    # PolNeAR's USA Today headlines end with ";" in the export.
    doc = RawDocument(
        source_path="a.jsonl",
        record=1,
        format="jsonl",
        raw="Sanders won Michigan on Tuesday night, defying the polls that had him far behind.",
        content_sha="x",
        title="Sanders' winning streak continues;",
    )
    assert clean_documents([doc])[0].title == "Sanders' winning streak continues"


@pytest.mark.parametrize(
    ("title", "outlet", "url", "expected"),
    [  # page titles of the article-extraction benchmark (../shared/eval/article-extraction)
        ("Best tech gadgets of 2019 | ZDNet", "ZDNet", "https://www.zdnet.com/article/x",
         "Best tech gadgets of 2019"),
        ("New York State Attorney General reportedly investigating WeWork – TechCrunch",
         "TechCrunch", "http://social.techcrunch.com/2019/11/18/x",
         "New York State Attorney General reportedly investigating WeWork"),
        ("Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars "
         "- VG247", "VG247", "https://www.vg247.com/x",
         "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars"),
        ("'The Medium is the Message': the 7th Amsterdam Light Festival | Inexhibit",
         "Inexhibit magazine", "https://www.inexhibit.com/marker/54885/",
         "'The Medium is the Message': the 7th Amsterdam Light Festival"),
        ("LinkNaija | Nigeria's popular news platform: BREAKING NEWS: Chelsea Activate £71.6m "
         "Release Clause", "LinkNaija | Nigeria's popular news platform",
         "http://www.linknaija.com/x", "BREAKING NEWS: Chelsea Activate £71.6m Release Clause"),
        # a section or another part of the title stays
        ("Opinion | Republicans Are Following Trump to Nowhere", "The New York Times",
         "https://www.nytimes.com/x", "Opinion | Republicans Are Following Trump to Nowhere"),
        ("The Guardian view on Hong Kong: a city on the brink | Editorial", "The Guardian",
         "http://www.theguardian.com/x",
         "The Guardian view on Hong Kong: a city on the brink | Editorial"),
        ("All-new 2020 Sentra is what we really want from Nissan PH - Auto News",
         "AutoIndustriya.com", "https://www.autoindustriya.com/x",
         "All-new 2020 Sentra is what we really want from Nissan PH - Auto News"),
        ("New York: Man pleads guilty to threatening Omar", "The New York Times",
         "https://www.nytimes.com/x", "New York: Man pleads guilty to threatening Omar"),
    ],
)  # fmt: skip
def test_a_title_loses_the_site_name_a_page_added(title, outlet, url, expected):
    from newsprism.clean import strip_site_name

    assert strip_site_name(title, [outlet], url) == expected
