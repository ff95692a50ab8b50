from __future__ import annotations

import gzip
import json
from datetime import date, datetime

import pytest

from newsprism.files import decode_bytes
from newsprism.ingest import IngestConfig, read_path, read_paths
from newsprism.metadata import outlet_from_url, parse_date
from newsprism.model import IngestFailure, RawDocument


def _docs(items):
    return [d for d in items if isinstance(d, RawDocument)]


def _fails(items):
    return [d for d in items if isinstance(d, IngestFailure)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20220208", date(2022, 2, 8)),
        ("February 21, 2022", date(2022, 2, 21)),
        ("21 February 2022", date(2022, 2, 21)),
        ("2022-02-20", date(2022, 2, 20)),
        ("20.02.2022", date(2022, 2, 20)),
        ("Putin met Macron on February 21, 2022", None),
        ("20229999", None),
    ],
)
def test_parse_date_whole_lines(text, expected):
    assert parse_date(text) == expected


def test_parse_date_with_time_keeps_timezone():
    value = parse_date("2022-02-20T14:27+0000")
    assert isinstance(value, datetime)
    assert (value.date(), value.hour, value.minute) == (date(2022, 2, 20), 14, 27)
    assert value.utcoffset() is not None and value.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://sputniknews.com/20220220/x.html", "Sputnik"),
        ("https://www.aljazeera.com/news/2022/2/20/x", "Al Jazeera"),
        ("https://www.example-news.org/a/b", "example-news.org"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url, expected):
    assert outlet_from_url(url) == expected


def test_reads_the_sample_folder_recursively(sample_dir):
    items = list(read_paths([sample_dir]))
    assert len(_docs(items)) == 5 and not _fails(items)
    assert all(d.format == "text" for d in _docs(items))


def test_gz_text_is_read_like_plain(tmp_path, sample_dir):
    src = next(sample_dir.glob("003_*.txt"))
    gz = tmp_path / "a.txt.gz"
    gz.write_bytes(gzip.compress(src.read_bytes()))
    (doc,) = _docs(read_path(gz))
    assert doc.raw == src.read_text(encoding="utf-8")


def test_html_page_gives_body_and_metadata(tmp_path):
    page = tmp_path / "p.html"
    body = " ".join(["The summit in Geneva ended without an agreement, officials said."] * 6)
    page.write_text(
        "<html><head><title>Talks end | Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2022-02-21T10:00:00Z">'
        '<link rel="canonical" href="https://www.example.com/2022/02/21/talks"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>Talks end</h1><p>{body}</p>"
        f"<p>{body}</p></article><footer>© Example News 2022</footer></body></html>",
        encoding="utf-8",
    )
    (doc,) = _docs(read_path(page))
    assert doc.format == "html"
    assert "Geneva" in doc.body and "Home | World" not in doc.body and "©" not in doc.body
    assert doc.outlet == "Example News"
    assert doc.published is not None and doc.published.isoformat().startswith("2022-02-21")
    assert doc.url == "https://www.example.com/2022/02/21/talks"


def test_jsonl_fields_detected_and_overridable(tmp_path):
    f = tmp_path / "x.jsonl"
    rows = [
        {
            "headline": "One",
            "body": "First text about the talks.",
            "link": "https://apnews.com/a",
            "publishedAt": "2022-02-21T08:00:00Z",
            "source": {"id": None, "name": "AP"},
        },
        {"headline": "Two", "body": "Second text.", "maintext": "Not this one."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = _docs(read_path(f, config=IngestConfig(fields={"text": "body"})))
    assert [d.raw for d in docs] == ["First text about the talks.", "Second text."]
    assert docs[0].title == "One" and docs[0].url == "https://apnews.com/a"
    assert docs[0].outlet == "AP" and docs[0].published.isoformat().startswith("2022-02-21")
    assert [d.raw for d in _docs(read_path(f))] == ["First text about the talks.", "Second text."]
    items = list(read_path(f, config=IngestConfig(fields={"text": "maintext"})))
    assert "no article text" in items[0].reason and "--field text=NAME" in items[0].reason
    assert items[1].raw == "Not this one."


def test_json_array_and_csv(tmp_path):
    arr = tmp_path / "a.json"
    arr.write_text(
        json.dumps(
            [{"title": "A", "content": "Alpha text."}, {"title": "B", "content": "Beta text."}]
        ),
        encoding="utf-8",
    )
    assert [d.title for d in _docs(read_path(arr))] == ["A", "B"]
    csv_file = tmp_path / "a.csv"
    csv_file.write_text('title,text,date\nC,"Gamma, with a comma.",2022-02-08\n', encoding="utf-8")
    (doc,) = _docs(read_path(csv_file))
    assert doc.raw == "Gamma, with a comma." and doc.published == date(2022, 2, 8)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café au lait, señor, à bientôt — déjà vu", "cp1252"),
        ("Le président a déclaré que les négociations reprendraient à Genève.", "latin-1"),
        ("Президент заявил, что переговоры продолжатся в Женеве на следующей неделе.", "cp1251"),
        # Latin-1 German came out as cp775, "Cafķ owners in M³nchen" (#18).
        (
            "Café owners in München said prices rose by 5 percent on Monday, according to the "
            "report. " * 5,
            "latin-1",
        ),
        ("Die Regierung erklärte am Montag, dass die Gespräche in Genf weitergehen.", "latin-1"),
        (
            "El presidente dijo que las negociaciones continuarán en Ginebra, según España.",
            "latin-1",
        ),
        (
            "Regeringen sagde mandag, at forhandlingerne fortsætter i Genève på grund af krigen.",
            "cp1252",
        ),
        ("Prezidentas pareiškė, kad derybos bus tęsiamos Ženevoje kitą savaitę.", "cp1257"),
        (
            "Valdība ceturtdien paziņoja, ka nākamnedēļ Rīgā notiks sarunas par enerģētiku.",
            "cp1257",
        ),
        (
            "Premier powiedział, że rozmowy będą kontynuowane w Genewie w przyszłym tygodniu.",
            "cp1250",
        ),
        ("Předseda vlády řekl, že jednání budou pokračovat v Ženevě příští týden.", "cp1250"),
        (
            "Dışişleri Bakanı pazartesi günü yaptığı açıklamada görüşmelerin süreceğini söyledi.",
            "cp1254",
        ),
        ("東京都は月曜日、来週から新しい規則を導入すると発表した。", "shift_jis"),
    ],
)
def test_non_utf8_text_is_decoded(text, encoding):
    decoded, used = decode_bytes(text.encode(encoding))
    assert decoded == text and used != "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path, encoding):
    text = "The council said on Monday, in München, that the talks would go on next week.\n"
    f = tmp_path / "u.txt"
    f.write_bytes((text * 3).encode(encoding))
    (doc,) = list(read_path(f))
    assert isinstance(doc, RawDocument) and doc.raw == text * 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bin.dat", bytes(range(256)) * 40, "binary file"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
    ],
)
def test_bad_files_give_one_clear_failure(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    (fail,) = list(read_path(f))
    assert isinstance(fail, IngestFailure) and reason in fail.reason and fail.source_path == str(f)


def test_truncated_gzip(tmp_path, sample_dir):
    src = next(sample_dir.glob("000_*.txt")).read_bytes()
    f = tmp_path / "t.txt.gz"
    f.write_bytes(gzip.compress(src)[:800])
    (fail,) = list(read_path(f))
    assert isinstance(fail, IngestFailure) and "truncated gzip" in fail.reason


def test_malformed_json_line_among_good_ones(tmp_path):
    f = tmp_path / "m.jsonl"
    f.write_text('{"text": "good one"}\n{oops\n{"text": "good two"}\n', encoding="utf-8")
    items = list(read_path(f))
    assert [d.raw for d in _docs(items)] == ["good one", "good two"]
    (fail,) = _fails(items)
    assert "line 2: invalid JSON" in fail.reason


def test_huge_text_file_is_refused_without_reading_it_all(tmp_path):
    f = tmp_path / "big.txt"
    line = b"The quick brown fox jumps over the lazy dog near the river bank today.\n"
    with open(f, "wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    (fail,) = list(read_path(f))
    assert isinstance(fail, IngestFailure) and "too large" in fail.reason and "MB" in fail.reason


def test_missing_path(tmp_path):
    (fail,) = list(read_paths([tmp_path / "nope.txt"]))
    assert "no such file" in fail.reason


def test_unreadable_file(tmp_path, monkeypatch):
    import newsprism.ingest as ingest_mod

    f = tmp_path / "locked.txt"
    f.write_text("text", encoding="utf-8")

    def denied(path):
        raise PermissionError(13, "Permission denied")

    # Root reads every file whatever its mode, so the failure is injected where files open.
    monkeypatch.setattr(ingest_mod, "open_binary", denied)
    (fail,) = list(read_path(f))
    assert fail.reason == "cannot read file (Permission denied)"


def _seed_paragraphs(sample_dir, prefix: str, n: int = 4) -> list[str]:
    text = next(sample_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    return [p for p in text.split("\n") if len(p.split()) > 15][:n]


def test_rss_feed_items_are_articles(tmp_path, sample_dir):
    from html import escape

    full = "".join(f"<p>{escape(p)}</p>" for p in _seed_paragraphs(sample_dir, "000"))
    summary = " ".join(_seed_paragraphs(sample_dir, "001", 2))
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World news</title><link>https://www.aljazeera.com/</link>
<item><title>Putin and Macron talk again</title>
<link>https://www.aljazeera.com/news/2022/2/20/putin-macron-call</link>
<pubDate>Sun, 20 Feb 2022 18:30:00 GMT</pubDate><author>desk@example.com (News desk)</author>
<description>A short teaser.</description>
<content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Only a summary</title><link>https://example.org/a</link>
<pubDate>Mon, 21 Feb 2022 08:00:00 +0100</pubDate>
<description>{escape(summary)}</description></item>
<item><title>Nothing in it</title><link>https://example.org/b</link></item>
</channel></rss>"""
    f = tmp_path / "world.xml"  # sniffed from its root element, not its extension
    f.write_text(rss, encoding="utf-8")
    items = list(read_path(f))
    first, second = _docs(items)
    (fail,) = _fails(items)
    assert first.format == "feed" and first.record == 1
    assert first.title == "Putin and Macron talk again"
    assert first.url.endswith("putin-macron-call") and first.outlet == "Al Jazeera"
    assert first.published.date() == date(2022, 2, 20)
    assert _seed_paragraphs(sample_dir, "000")[0][:60] in first.body  # the full text
    assert "teaser" not in first.body
    assert second.raw == summary.strip() and second.published.date() == date(2022, 2, 21)
    assert fail.record == 3 and "without text" in fail.reason and fail.source_path == str(f)


def test_atom_feed_and_broken_feeds(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Quake hits southern Iran</title>
<link href="https://www.bbc.co.uk/news/world-middle-east-1"/>
<updated>2005-11-27T12:00:00Z</updated>
<summary>A powerful earthquake has hit southern Iran, killing at least 10 people.</summary>
</entry></feed>"""
    f = tmp_path / "wire.atom"
    f.write_text(atom, encoding="utf-8")
    (doc,) = list(read_path(f))
    assert doc.title == "Quake hits southern Iran" and doc.outlet == "BBC"
    assert doc.published.date() == date(2005, 11, 27)
    assert doc.raw.startswith("A powerful earthquake")
    bad = tmp_path / "bad.rss"
    bad.write_text(
        "<rss><channel><item><title>Kept</title><description>An item read before the damage."
        "</description></item><item><title>cut off",
        encoding="utf-8",
    )
    items = list(read_path(bad))
    assert [d.title for d in _docs(items)] == ["Kept"]
    assert any("malformed feed" in x.reason for x in _fails(items))
    empty = tmp_path / "empty.rss"
    empty.write_text("<rss><channel><title>No items</title></channel></rss>", encoding="utf-8")
    (fail,) = list(read_path(empty))
    assert isinstance(fail, IngestFailure) and "feed without items" in fail.reason


def test_feed_items_are_cleaned_and_stored(tmp_path, sample_dir):
    from html import escape

    from newsprism.pipeline import ingest
    from newsprism.store import Store

    items = "".join(
        f"<item><title>Report {k}</title><link>https://example.org/{k}</link>"
        f"<pubDate>Sun, 20 Feb 2022 1{k}:00:00 GMT</pubDate><description>"
        f"{escape(' '.join(_seed_paragraphs(sample_dir, p, 3)))}</description></item>"
        for k, p in enumerate(("000", "002"))
    )
    f = tmp_path / "feed.rss"
    f.write_text(f"<rss><channel><title>T</title>{items}</channel></rss>", encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        result = ingest([f], store)
        arts = list(store.articles())
    assert not result.failures and len(arts) == 2
    assert {a.title for a in arts} == {"Report 0", "Report 1"}
