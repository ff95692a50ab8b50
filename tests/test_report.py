"""The static report (#6): files, citations landing on their sentences, escaping, views."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newsprism.model import Article
from newsprism.report import write_report
from newsprism.store import Store
from newsprism.views import (
    Mark,
    date_range,
    layout,
    safe_id,
    safe_url,
    story_view,
)
from story_fixture import build_sample_db

VOID = {"meta", "br", "input", "img", "link", "hr", "source", "wbr", "area", "base", "col"}


class _Page(HTMLParser):
    """Text of every element with an id, links, and the tags seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}
        self.open_ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if "href" in a and a["href"] is not None:
            self.hrefs.append(a["href"])
        if tag in VOID:
            return
        ident = a.get("id")
        self.stack.append((tag, ident))
        if ident:
            self.text[ident] = []
            self.open_ids.append(ident)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, ident = self.stack.pop()
            if ident:
                self.open_ids.remove(ident)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        for ident in self.open_ids:
            self.text[ident].append(data)

    def id_text(self, ident: str) -> str:
        return "".join(self.text[ident])


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("report")
    db = build_sample_db(base, hostile=True)
    with Store(db, read_only=True) as store:
        paths = write_report(store, base / "out")
        docs = store.story_documents()
        articles = {a.id: a for a in store.articles()}
    return {"out": base / "out", "paths": paths, "docs": docs, "articles": articles}


def _story_html(report: dict, story_id: str) -> str:
    return (report["out"] / "stories" / f"{safe_id(story_id)}.html").read_text(encoding="utf-8")


def test_writes_index_and_one_page_per_story(report: dict) -> None:
    out: Path = report["out"]
    assert report["paths"][0] == out / "report.html"
    threads = {d.get("thread") for d in report["docs"] if d.get("thread")}
    # one page per story, plus one per thread of two or more stories (#21 item 7)
    assert len(report["paths"]) == 1 + len(report["docs"]) + len(
        [p for p in report["paths"] if p.parent.name == "threads"]
    )
    assert len([p for p in report["paths"] if p.parent.name == "threads"]) <= len(threads)
    for path in report["paths"]:
        assert path.is_file()
        assert path.resolve().is_relative_to(out.resolve())
    index = (out / "report.html").read_text(encoding="utf-8")
    for doc in report["docs"]:
        assert f'href="stories/{safe_id(doc["id"])}.html"' in index


def test_story_id_cannot_escape_the_output_folder(report: dict) -> None:
    names = sorted(p.name for p in (report["out"] / "stories").iterdir())
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+\.html", n) for n in names)
    assert not (report["out"].parent / "escape<script>.html").exists()


@pytest.mark.parametrize("name", ["report.html", "stories/s-macron-putin-call.html"])
def test_pages_are_self_contained(report: dict, name: str) -> None:
    html = (report["out"] / name).read_text(encoding="utf-8")
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag != "link", "no external stylesheets"
        if tag in ("script", "img", "iframe", "source", "audio", "video"):
            assert not attrs.get("src"), f"external {tag}"
    assert "@import" not in html and "url(http" not in html
    assert 'http-equiv="Content-Security-Policy"' in html


def test_every_fragment_link_has_a_target(report: dict) -> None:
    for path in report["paths"]:
        page = parse(path.read_text(encoding="utf-8"))
        for href in page.hrefs:
            if href.startswith("#"):
                assert href[1:] in page.text, f"{path.name}: dangling {href}"


def test_conflict_claims_link_to_exactly_their_span(report: dict) -> None:
    doc = next(d for d in report["docs"] if d["id"] == "s-macron-putin-call")
    page = parse(_story_html(report, doc["id"]))
    view = story_view(doc, report["articles"])
    for conflict, shown in zip(doc["conflicts"], view["conflicts"], strict=True):
        for claim, card in zip(conflict["claims"], shown["claims"], strict=True):
            text = report["articles"][claim["article"]].text
            anchor = card["cite"].href[1:]
            assert anchor == f"m{card['cite'].n}-{claim['start']}-{claim['end']}"
            assert page.id_text(anchor) == text[claim["start"] : claim["end"]]


def test_summary_citations_land_on_the_cited_sentence(report: dict) -> None:
    doc = next(d for d in report["docs"] if d["id"] == "s-macron-putin-call")
    page = parse(_story_html(report, doc["id"]))
    view = story_view(doc, report["articles"])
    exact = 0
    for item in view["summary"]:
        assert item["cites"], "every summary sentence cites an article"
        for cite in item["cites"]:
            text = report["articles"][cite.article].text
            if item["text"] in text:  # the article the sentence was taken from
                assert page.id_text(cite.href[1:]) == item["text"]
                exact += 1
            elif cite.precise:  # another outlet's wording of the same fact: one sentence
                target = page.id_text(cite.href[1:])
                assert target and target in text and "\n" not in target.strip()
            else:
                assert cite.href == f"#art{cite.n}"
    assert exact == len(view["summary"])


@pytest.mark.parametrize("key", ["citations", "spans"])
def test_explicit_spans_win_over_text_search(report: dict, key: str) -> None:
    doc = next(d for d in report["docs"] if d["id"] == "s-macron-putin-call")
    art = report["articles"][doc["conflicts"][0]["claims"][1]["article"]]
    item = {
        "text": "anything",
        "articles": [art.id],
        key: [{"article": art.id, "start": 5, "end": 30}],
    }
    view = story_view(doc | {"summary": [item]}, report["articles"])
    cite = view["summary"][0]["cites"][0]
    assert cite.href == f"#m{cite.n}-5-30"


def test_coverage_cells_say_carried_or_left_out(report: dict) -> None:
    html = _story_html(report, "s-macron-putin-call")
    cells = re.findall(r'<td class="cell-(yes|no)"[^>]*>(.*?)</td>', html, re.S)
    assert cells
    for kind, body in cells:
        assert ("carried" if kind == "yes" else "left out") in body


def test_conflict_and_change_are_labelled_not_only_coloured(report: dict) -> None:
    html = _story_html(report, "s-macron-putin-call")
    assert "Conflict</span>" in html and "Changed over time</span>" in html
    assert "105 minutes" in html and "45 minutes" in html


HOSTILE_MARKUP = [
    "<script>window",
    "<img",
    "<svg",
    "<b>Outlet",
    'href="javascript:',
    'href=" JaVaScRiPt:',
    'href="data:',
    'onerror="window',
    'onmouseover="window',
]


@pytest.mark.parametrize("name", ["report.html", "stories/s-hostile.html"])
def test_hostile_text_is_escaped(report: dict, name: str) -> None:
    html = (report["out"] / name).read_text(encoding="utf-8")
    lowered = html.lower()
    for needle in HOSTILE_MARKUP:
        assert needle.lower() not in lowered, needle
    assert lowered.count("<script") == 1  # our own inline script only
    assert "&lt;script&gt;window.__pwned" in html  # shown as text, not dropped


def test_hostile_urls_are_not_links(report: dict) -> None:
    page = parse(_story_html(report, "s-hostile"))
    for href in page.hrefs:
        assert href.startswith(("#", "http://", "https://", "../", "stories/")) or href.endswith(
            ".html"
        ), href


def test_broken_document_still_renders(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        store.save_story_documents(
            [
                {"id": "empty"},
                {"id": "odd", "summary": "nope", "timeline": [None, 3], "conflicts": [{}]},
                {"id": "x", "quotes": [{"variants": [{"article": "gone", "text": "hi"}]}]},
            ]
        )
        paths = write_report(store, tmp_path)
    assert len(paths) == 4
    assert "No comparison yet" in paths[1].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("vbscript:x", False),
        ("https://", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        ("2022-02-08", "2022-02-21", "8–21 Feb 2022"),
        ("2022-02-20", "2022-03-02", "20 Feb – 2 Mar 2022"),
        ("2022-02-20", "2022-02-20", "20 Feb 2022"),
        (None, None, "date unknown"),
    ],
)
def test_date_range(first: str | None, last: str | None, text: str) -> None:
    assert date_range(first, last) == text


def test_layout_nests_contained_marks_and_aliases_crossing_ones() -> None:
    text = "0123456789abcdef"
    outer = Mark("a", 2, 10, {"summary"}, n=1)
    inner = Mark("a", 4, 6, {"claim"}, n=1)
    crossing = Mark("a", 8, 14, {"fact"}, n=1)
    nodes = layout(text, [outer, inner, crossing])
    assert nodes[0] == "01"
    assert nodes[1]["mark"] is outer
    assert nodes[1]["children"][1]["mark"] is inner
    assert crossing.anchor == outer.anchor  # points at the mark it overlaps

    def flatten(items: list) -> str:
        return "".join(i if isinstance(i, str) else flatten(i["children"]) for i in items)

    assert flatten(nodes) == text


def test_citation_without_offsets_finds_the_text_or_falls_back_to_the_article() -> None:
    art = Article(id="a1", source_path="x.txt", text="First sentence here. Second one is longer.")
    doc = {
        "id": "s",
        "articles": [{"id": "a1"}],
        "summary": [
            {"text": "Second one is longer.", "articles": ["a1"]},
            {"text": "Not in the article at all.", "articles": ["a1"]},
        ],
    }
    view = story_view(doc, {"a1": art})
    found, missing = view["summary"]
    assert found["cites"][0].href == "#m1-21-42"
    assert missing["cites"][0].href == "#art1"


def test_thread_articles_cited_for_word_choice_are_not_counted_as_the_story_s() -> None:
    a1 = Article(id="a1", source_path="a.txt", text="Troops gathered near Kiev.", outlet="Outlet A")
    a2 = Article(id="a2", source_path="b.txt", text="Troops gathered near Kyiv.", outlet="Outlet B")
    doc = {
        "id": "s",
        "articles": [{"id": "a1", "outlet": "Outlet A"}],
        "framing": [
            {
                "referent": "Kyiv",
                "kind": "spelling",
                "terms": {"Kiev": ["a1"], "Kyiv": ["a2"]},
                "counts": {"Kiev": {"a1": 1}, "Kyiv": {"a2": 1}},
            }
        ],
    }
    view = story_view(doc, {"a1": a1, "a2": a2})
    assert view["counts"]["articles"] == 1 and view["counts"]["outlets"] == 1
    assert [o["name"] for o in view["outlets"]] == ["Outlet A"]
    listed = {a["id"]: a["in_story"] for a in view["articles"]}
    assert listed == {"a1": True, "a2": False}
    # Its text stays on its own story's page: listed, linked, not shown in full here.
    other = next(a for a in view["articles"] if a["id"] == "a2")
    assert other["nodes"] is None
    kyiv = next(t for t in view["framing"][0]["terms"] if t["term"] == "Kyiv")
    assert [c.href for c in kyiv["cites"]] == [f"#art{other['n']}"]


def test_a_large_thread_does_not_swell_a_story_page() -> None:
    from newsprism.views import FRAMING_OUTSIDE_CITES

    own = Article(id="a0", source_path="a0.txt", text="Troops near Kiev.", outlet="Outlet A")
    others = {
        f"t{i}": Article(id=f"t{i}", source_path=f"t{i}.txt", text="Kyiv.", outlet=f"Outlet {i}")
        for i in range(40)
    }
    doc = {
        "id": "s",
        "articles": [{"id": "a0"}],
        "framing": [
            {
                "referent": "Kyiv",
                "kind": "spelling",
                "terms": {"Kiev": ["a0"], "Kyiv": sorted(others)},
                "counts": {"Kiev": {"a0": 1}, "Kyiv": {k: 1 for k in others}},
            }
        ],
    }
    view = story_view(doc, {"a0": own, **others})
    kyiv = next(t for t in view["framing"][0]["terms"] if t["term"] == "Kyiv")
    assert len(kyiv["cites"]) == FRAMING_OUTSIDE_CITES
    assert sum(kyiv["outlets"].values()) == 40 and kyiv["uses"] == 40
    assert len(view["articles"]) == 1 + FRAMING_OUTSIDE_CITES


def test_framing_terms_link_to_the_word_in_each_article(report: dict) -> None:
    doc = next(d for d in report["docs"] if d["id"] == "s-macron-putin-call")
    page = parse(_story_html(report, doc["id"]))
    view = story_view(doc, report["articles"])
    for row in view["framing"]:
        for term in row["terms"]:
            for cite in term["cites"]:
                assert cite.precise
                assert page.id_text(cite.href[1:]) == term["term"]


def test_quote_variants_use_their_offsets_and_show_differences(report: dict) -> None:
    doc = next(d for d in report["docs"] if d["id"] == "s-macron-putin-call")
    art = report["articles"][doc["quotes"][0]["variants"][0]["article"]]
    text = doc["quotes"][0]["text"]
    start = art.text.index(text)
    quote = {
        "speaker": "Kremlin",
        "text": f'"{text},"',
        "articles": [art.id],
        "variants": [{"article": art.id, "text": text, "start": start, "end": start + len(text)}],
    }
    view = story_view(doc | {"quotes": [quote]}, report["articles"])
    statement = view["quotes_single"][0]["statements"][0]
    assert statement["text"] == text  # shown without its own quote marks
    variant = statement["variants"][0]
    assert variant["cite"].href.endswith(f"-{start}-{start + len(text)}")
    assert variant["changed"] == 0 and variant["dropped"] == 0


def test_background_events_are_marked_on_the_timeline(report: dict) -> None:
    marked = 0
    for doc in report["docs"]:
        page = _story_html(report, doc["id"])
        background = [e for e in doc.get("timeline", []) if e.get("background")]
        # one class on the entry and one badge per background event (plus the legend's)
        assert page.count('class="event event-background"') == len(background)
        if doc.get("timeline"):
            assert page.count('class="badge badge-background"') == len(background) + 1
        marked += len(background)
    assert marked  # the sample's 2014 Minsk protocol is one


def test_two_events_of_one_sentence_say_which_event_each_is() -> None:
    text = "Biden met Monday with Scholz, who also will travel to Kyiv and Moscow on Feb. 14-15."
    art = Article(id="a", source_path="a.txt", text=text, outlet="Outlet A")
    ev = {"text": text, "articles": ["a"], "citations": [{"article": "a", "start": 0}]}
    doc = {
        "id": "s",
        "articles": [{"id": "a"}],
        "timeline": [
            {**ev, "date": "2022-02-07", "actor": "Joe Biden", "action": "meet",
             "target": "Olaf Scholz"},
            {**ev, "date": "2022-02-14", "actor": "Olaf Scholz", "action": "travel",
             "target": "Kyiv and Moscow"},
            {"text": "Macron flew to Kyiv.", "date": "2022-02-08", "actor": "Emmanuel Macron",
             "action": "fly", "articles": ["a"]},
        ],
    }  # fmt: skip
    view = story_view(doc, {"a": art})
    who = {e["date"]: e["who"] for e in view["timeline"]}
    assert who["2022-02-07"] == "Joe Biden · meet · Olaf Scholz"
    assert who["2022-02-14"] == "Olaf Scholz · travel · Kyiv and Moscow"
    assert who["2022-02-08"] == ""  # a sentence of its own needs no label


# ---------------------------------------------------------------------------- #21


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample's report as ``newsprism analyze`` writes it."""
    from story_fixture import SAMPLE, analyze_to

    out = tmp_path_factory.mktemp("analysed") / "out"
    db = analyze_to(out, SAMPLE)
    with Store(db, read_only=True) as store:
        docs = store.story_documents()
        articles = {a.id: a for a in store.articles()}
    call = max(docs, key=lambda d: len(d["articles"]))
    page = (out / "stories" / f"{safe_id(call['id'])}.html").read_text(encoding="utf-8")
    return {"out": out, "docs": docs, "articles": articles, "call": call, "page": page}


@pytest.mark.parametrize(
    ("article", "label"),
    [
        ({"outlet": "Sputnik", "source_path": "x/004.txt"}, "Sputnik"),
        ({"url": "https://www.example.com/a", "source_path": "x/1.txt"}, "example.com"),
        ({"source_path": "x/002_ff08.txt"}, "unknown outlet · 002_ff08.txt"),
    ],
)
def test_article_label_says_unknown_outlet(article: dict, label: str) -> None:
    from newsprism.views import article_label, split_label

    assert article_label(article) == label
    name, secondary = split_label(label)
    assert (name, secondary) == (
        ("unknown outlet", "002_ff08.txt") if "unknown" in label else (label, "")
    )


def test_each_fact_has_one_status_in_words(analysed: dict[str, Any]) -> None:
    view = story_view(analysed["call"], analysed["articles"])
    assert view["counts"]["outlets"] == len(view["matrix_outlets"]) == 4
    page = analysed["page"].split("</style>", 1)[1]
    # never both "agreed" and "omission" on one row: the old badges are gone
    assert 'class="badge badge-agreement"' not in page
    assert "∅</span> Omission" not in page and "✓</span> Agreed" not in page
    for fact in view["facts"]:
        status = fact["status"]
        assert status["count"] + len(status["missing"]) + len(status["unmatched"]) == 4
        assert status["tone"] == {4: "all", 1: "only"}.get(status["count"], "some")
        # "missing" only where the omission check, which reads the outlet's whole text,
        # confirmed it (#16); an outlet whose sentence was merely not aligned is "not matched"
        for cell in fact["cells"]:
            assert cell["left_out"] == (cell["outlet"] in status["missing"])
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert re.search(r"3 of 4 — missing in (Al Jazeera|Sputnik|unknown outlet)", text)
    assert re.search(r"of 4 — not matched in (Al Jazeera|Sputnik|unknown outlet)", text)


def test_reported_speech_is_shown_as_paraphrase(analysed: dict[str, Any]) -> None:
    view = story_view(analysed["call"], analysed["articles"])
    kinds = [st["kind"] for q in view["quotes"] + view["quotes_single"] for st in q["statements"]]
    assert kinds.count("indirect") == view["counts"]["indirect_quotes"] > 0
    assert kinds.count("direct") == view["counts"]["direct_quotes"] > 0
    page = analysed["page"]
    # indirect: no quotation marks, labelled; direct: curly marks
    for block in re.findall(
        r'<div class="statement statement-indirect".*?</blockquote>', page, re.S
    ):
        assert "paraphrase</span> said that" in block and "“" not in block.split("said that")[0]
    for block in re.findall(r'<div class="statement statement-direct".*?</blockquote>', page, re.S):
        assert '<span class="verbatim">“' in block


def test_story_page_opens_with_key_differences(analysed: dict[str, Any]) -> None:
    page = analysed["page"]
    digest = page[page.index('id="differences"') : page.index('<div class="layout">')]
    assert page.index('id="differences"') < page.index('id="summary"')
    assert "duration of the meeting" in digest  # the 105 vs 45 minutes conflict
    assert "105 minutes" in digest and "45 minutes" in digest
    assert "left out" in digest and "Rendered differently" in digest and "Word choice" in digest
    for target in re.findall(r'href="#([^"]+)"', digest):
        assert f'id="{target}"' in page, target


def test_long_sections_collapse_and_articles_are_closed(analysed: dict[str, Any]) -> None:
    page = analysed["page"]
    view = story_view(analysed["call"], analysed["articles"])
    assert page.count('<details class="source"') == len(view["articles"])
    assert '<details class="source" open' not in page
    assert "Show 7 more facts" in page or "more facts" in page


def test_thread_page_and_sibling_links(analysed: dict[str, Any]) -> None:
    docs = analysed["docs"]
    thread = analysed["call"]["thread"]
    path = analysed["out"] / "threads" / f"{safe_id(thread)}.html"
    page = path.read_text(encoding="utf-8")
    ordered = sorted(docs, key=lambda d: d["first"])
    positions = [page.index(f'href="../stories/{safe_id(d["id"])}.html"') for d in ordered]
    assert positions == sorted(positions)
    for d in docs:
        story = (analysed["out"] / "stories" / f"{safe_id(d['id'])}.html").read_text("utf-8")
        assert f'href="../threads/{safe_id(thread)}.html"' in story
        for other in docs:
            if other is not d:
                assert f'href="{safe_id(other["id"])}.html"' in story
    index = (analysed["out"] / "report.html").read_text(encoding="utf-8")
    assert f'href="threads/{safe_id(thread)}.html"' in index


def test_word_choice_is_a_table_per_referent_with_a_column_per_outlet() -> None:
    """#17: one table per referent, one column per outlet with its terms and uses, the
    distinctive ones marked, each term linking to its use; article text is escaped."""
    from newsprism.report import render_story

    a1 = Article(
        id="a1",
        source_path="a.txt",
        text="Mr. Kim <b>met</b> Pompeo. Mr. Kim smiled.",
        outlet="Outlet <A>",
    )
    a2 = Article(id="a2", source_path="b.txt", text="The dictator met Pompeo.", outlet="B")
    doc = {
        "id": "s",
        "title": "Kim",
        "articles": [{"id": "a1", "outlet": "Outlet <A>"}, {"id": "a2", "outlet": "B"}],
        "framing": [
            {
                "referent": "Kim <Jong Un>",
                "kind": "label",
                "terms": {"Mr. Kim": ["a1"], "dictator": ["a2"]},
                "counts": {"Mr. Kim": {"a1": 2}, "dictator": {"a2": 1}},
                "score": 2.1,
                "distinctive": {"Mr. Kim": ["a1"]},
                "examples": {"Mr. Kim": [["a1", 0, 27, 0, 7]], "dictator": [["a2", 0, 24, 4, 12]]},
            }
        ],
    }
    view = story_view(doc, {"a1": a1, "a2": a2})
    (group,) = view["framing"]
    assert [c["outlet"] for c in group["columns"]] == ["B", "Outlet <A>"]
    kim = group["columns"][1]["terms"][0]
    assert kim["term"] == "Mr. Kim" and kim["uses"] == 2 and kim["distinctive"]
    assert [c.href for c in kim["cites"]] == ["#m1-0-7"]
    assert not group["columns"][0]["terms"][0]["distinctive"]
    page = render_story(view)
    section = page[page.index('id="framing"') :]
    section = section[: section.index("</section>")]
    assert section.count('class="word-choice-table"') == 1
    assert "Kim &lt;Jong Un&gt;" in section and "<Jong Un>" not in section
    assert "Outlet &lt;A&gt;" in section and "<b>met</b>" not in page
    assert section.count("wc-mark") == 2  # the legend and the one distinctive term
    assert 'href="#m1-0-7"' in section
