"""WARC input (CC-NEWS style crawls): streamed responses through the HTML path (#7)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

warcio = pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newsprism.ingest import read_path  # noqa: E402
from newsprism.model import IngestFailure, RawDocument  # noqa: E402
from newsprism.pipeline import ingest  # noqa: E402
from newsprism.store import Store  # noqa: E402
from newsprism.warc import read_warc, warc_shards  # noqa: E402


def _page(text: str, title: str) -> bytes:
    """An HTML page (no date in it) carrying a real sample article's paragraphs."""
    paras = [p for p in text.split("\n") if len(p.split()) > 8][:12]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def _write_warc(path: Path, sample_dir: Path) -> list[str]:
    """Write the sample as a crawl: per page a request and a response, plus records to skip."""
    uris = []
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=path.suffix == ".gz")
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for i, f in enumerate(sorted(sample_dir.glob("*.txt"))):
            uri = f"https://news{i}.example.com/2022/world/story-{i}"
            uris.append(uri)
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET /")))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = w.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(_page(f.read_text(encoding="utf-8"), f"Story {i}")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-02-21T10:00:00Z"},
            )
            w.write_record(rec)
        for status, ctype in (("404 Not Found", "text/html"), ("200 OK", "image/png")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    "https://news0.example.com/x",
                    "response",
                    payload=io.BytesIO(b"<html>not here</html>"),
                    http_headers=headers,
                )
            )
    return uris


@pytest.fixture(params=["crawl.warc", "crawl.warc.gz"])
def warc(request, tmp_path, sample_dir):
    path = tmp_path / request.param
    return path, _write_warc(path, sample_dir)


def test_html_responses_become_documents(warc):
    path, uris = warc
    docs = list(read_path(path))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == uris  # the target URI is the URL
    assert {d.format for d in docs} == {"warc"}
    assert all(d.body and len(d.body.split()) > 50 for d in docs)
    assert "Home | World" not in docs[0].body


def test_warc_date_is_the_fallback_date(tmp_path):
    # A page with no date anywhere in it (no numbers, no month names).
    text = " ".join(
        ["The talks between the two leaders went on late into the night at the palace."] * 4
    )
    html = _page("\n".join([text] * 4), "Talks go on late").replace(b"<h1>", b"<h1>Talks ")
    path = tmp_path / "one.warc"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://news.example.com/talks",
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-02-21T10:00:00Z"},
            )
        )
    (doc,) = read_path(path)
    assert isinstance(doc, RawDocument)
    assert doc.published is not None and doc.published.date() == date(2022, 2, 21)


def test_record_numbers_count_every_record(warc):
    path, _ = warc
    # warcinfo is record 1, then request/response pairs: responses are records 3, 5, 7, ...
    assert [d.record for d in read_path(path)] == [3, 5, 7, 9, 11]


def test_shards_read_the_same_documents(warc):
    path, _ = warc
    whole = list(read_warc(path))
    shards = list(warc_shards(path, records=3))
    assert len(shards) > 1
    parts = [
        d
        for offset, skip, first, count in shards
        for d in read_warc(path, offset=offset, skip=skip, first=first, limit=count)
    ]
    assert parts == whole


def test_ingest_with_an_executor_equals_ingest_without(warc):
    path, _ = warc
    with Store(":memory:") as one, Store(":memory:") as two:
        ingest([path], one)
        with ThreadPoolExecutor(2) as pool:
            ingest([path], two, executor=pool, batch_size=2)
        assert [a.id for a in one.articles()] == [a.id for a in two.articles()]
        assert one.count_articles() == 5


def test_not_a_warc_file_is_one_failure(tmp_path):
    bad = tmp_path / "bad.warc"
    bad.write_text("this is not a crawl\n" * 10, encoding="utf-8")
    out = list(read_path(bad))
    assert len(out) == 1 and isinstance(out[0], IngestFailure)
    assert out[0].reason.startswith("not a WARC file")


def test_single_stream_gzip_names_the_fix(tmp_path, sample_dir):
    import gzip

    plain = tmp_path / "crawl.warc"
    _write_warc(plain, sample_dir)
    single = tmp_path / "single.warc.gz"
    single.write_bytes(gzip.compress(plain.read_bytes()))
    out = list(read_path(single))
    assert len(out) == 1 and isinstance(out[0], IngestFailure)
    assert "warcio recompress" in out[0].reason


def test_truncated_warc_keeps_earlier_records(tmp_path, sample_dir):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, sample_dir)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    out = list(read_path(cut))  # never raises
    kept = [d for d in out if isinstance(d, RawDocument)]
    assert kept and [d.record for d in kept] == [3, 5, 7, 9, 11][: len(kept)]
    assert len(kept) < 5


def test_record_cut_short_is_a_failure_not_a_short_article(tmp_path, sample_dir):
    path = tmp_path / "crawl.warc"
    _write_warc(path, sample_dir)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.rfind(b"Story 4") + 2000])  # inside the last page
    out = list(read_path(cut))
    assert [d.record for d in out if isinstance(d, RawDocument)] == [3, 5, 7, 9]
    (fail,) = [d for d in out if isinstance(d, IngestFailure)]
    assert fail.record == 11 and fail.reason.startswith("record cut short (")
