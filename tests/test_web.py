"""The web app (#6), through an in-process client: pages, JSON twins, filters, errors, safety."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from newsprism.store import Store  # noqa: E402
from newsprism.web import app as web_app  # noqa: E402
from newsprism.web import create_app  # noqa: E402
from newsprism.web import entities as web_entities  # noqa: E402
from newsprism.web import snapshot as web_snapshot  # noqa: E402
from story_fixture import build_sample_db  # noqa: E402

ERROR_KEYS = {"status", "title", "detail", "errors"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("web"), hostile=True)


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def data(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return {
            "docs": store.story_documents(),
            "articles": {a.id: a for a in store.articles()},
        }


def _sample_article(data: dict[str, Any], outlet: str) -> Any:
    return next(a for a in data["articles"].values() if a.outlet == outlet)


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["title"], str) and body["error"]["title"]
    assert isinstance(body["error"]["detail"], str)
    assert isinstance(body["error"]["errors"], list)
    return body["error"]


# ---------------------------------------------------------------------------- pages


def test_index_lists_every_story(client: TestClient, data: dict[str, Any]) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for doc in data["docs"][:2]:
        assert doc["title"] in html.unescape(r.text)


def test_story_page_and_json_twin(client: TestClient, data: dict[str, Any]) -> None:
    doc = data["docs"][0]
    page = client.get(f"/stories/{doc['id']}")
    assert page.status_code == 200
    assert "Where the outlets disagree" in page.text and "Quote board" in page.text
    assert f'href="/api/stories/{doc["id"]}"' in page.text
    assert client.get(f"/api/stories/{doc['id']}").json() == doc


def test_article_page_and_json_twin(client: TestClient, data: dict[str, Any]) -> None:
    art = _sample_article(data, "Al Jazeera")
    page = client.get(f"/articles/{art.id}")
    assert page.status_code == 200
    assert "lasting 105 minutes" in page.text
    assert 'class="hl hl-claim"' in page.text  # the story's extractions are highlighted
    body = client.get(f"/api/articles/{art.id}").json()
    assert body["id"] == art.id and body["text"] == art.text
    assert body["stories"] == ["s-macron-putin-call"]


@pytest.mark.parametrize(
    ("html", "api"),
    [
        ("/", "/api/stories"),
        ("/articles", "/api/articles"),
        ("/search?q=ceasefire", "/api/search?q=ceasefire"),
        ("/stories/s-macron-kyiv-visit", "/api/stories/s-macron-kyiv-visit"),
    ],
)
def test_every_page_has_a_json_twin(client: TestClient, html: str, api: str) -> None:
    assert client.get(html).status_code == 200
    r = client.get(api)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")


def test_api_stories_lists_links(client: TestClient, data: dict[str, Any]) -> None:
    body = client.get("/api/stories").json()
    assert body["count"] == len(data["docs"])
    first = body["stories"][0]
    assert first["links"] == {
        "html": f"/stories/{first['id']}",
        "json": f"/api/stories/{first['id']}",
        "thread": f"/threads/{first['thread']}",
    }


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"):
        assert path in paths


# ---------------------------------------------------------------------------- search, filters


def test_search_finds_articles_and_stories(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Normandy"}).json()
    assert body["total_articles"] >= 3
    assert any(s["id"] == "s-macron-putin-call" for s in body["stories"])
    assert all("normandy" in a["snippet"].lower() for a in body["articles"])


def test_search_with_no_match(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "zzzqqq"}).json()
    assert body["stories"] == [] and body["articles"] == []


def test_filter_by_outlet(client: TestClient) -> None:
    body = client.get("/api/articles", params={"outlet": "sputnik"}).json()
    assert [a["outlet"] for a in body["articles"]] == ["Sputnik"]
    # The call story cites the 8 Feb article for a figure; citing is not membership (#21)
    stories = client.get("/api/stories", params={"outlet": "San Diego Union-Tribune"}).json()
    assert {s["id"] for s in stories["stories"]} == {"s-macron-kyiv-visit"}


def test_filter_by_date(client: TestClient) -> None:
    body = client.get("/api/articles", params={"date_from": "2022-02-08", "date_to": "2022-02-08"})
    assert [a["published"][:10] for a in body.json()["articles"]] == ["2022-02-08"]
    stories = client.get("/api/stories", params={"date_to": "2022-02-10"}).json()
    # not the call story, which only cites the 8 Feb article for the troop figure (#21)
    assert [s["id"] for s in stories["stories"]] == ["s-macron-kyiv-visit"]


def test_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    r = client.get("/api/articles", params={"q": "", "outlet": "", "date_from": "", "date_to": ""})
    assert r.status_code == 200
    assert r.json()["count"] == client.get("/api/articles").json()["count"]


def test_filter_by_entity(client: TestClient) -> None:
    body = client.get("/api/articles", params={"entity": "Felgenhauer"}).json()
    assert [a["outlet"] for a in body["articles"]] == ["Al Jazeera"]
    stories = client.get("/api/stories", params={"entity": "Jen Psaki"}).json()
    assert [s["id"] for s in stories["stories"]] == ["s-macron-putin-call"]


def test_pagination(client: TestClient) -> None:
    everything = client.get("/api/articles").json()
    page = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert page["count"] == everything["count"]
    assert [a["id"] for a in page["articles"]] == [a["id"] for a in everything["articles"][2:4]]
    page_html = client.get("/articles", params={"limit": 2}).text
    assert 'rel="next"' in page_html


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("get", "/api/stories/no-such-story", {}, 404),
        ("get", "/api/articles/no-such-article", {}, 404),
        ("get", "/no/such/page", {}, 404),
        ("get", "/stories/no-such-story", {}, 404),
        ("get", "/api/articles?limit=0", {}, 422),
        ("get", "/api/articles?limit=many", {}, 422),
        ("get", "/api/stories?date_from=yesterday", {}, 422),
        ("get", "/api/stories?date_from=2022-02-31", {}, 422),
        ("get", "/api/search?q=" + "x" * 201, {}, 422),
        ("get", "/api/articles/" + "a" * 201, {}, 422),
        ("post", "/api/stories", {"content": b"{}"}, 405),
        ("delete", "/api/stories/s-hostile", {}, 405),
        ("post", "/api/stories", {"content": b"x" * 100_000}, 413),
        ("get", "/api/stories?q=" + "x" * 5000, {}, 414),
    ],
)
def test_one_error_shape(
    client: TestClient, method: str, url: str, kwargs: dict[str, Any], status: int
) -> None:
    r = getattr(client, method)(url, headers={"accept": "application/json"}, **kwargs)
    assert_error_shape(r, status)


def test_declared_body_size_is_refused_before_reading(client: TestClient) -> None:
    r = client.get("/api/stories", headers={"content-length": "10000000"})
    assert_error_shape(r, 413)


def test_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(40):
            yield b"x" * 1024

    r = client.post("/api/stories", content=chunks())
    assert r.status_code in (405, 413)
    assert_error_shape(r, r.status_code)


def test_server_error_has_the_same_shape(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(str(db))

    def boom() -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.state.repository, "get", boom)
    r = TestClient(app, raise_server_exceptions=False).get("/api/stories")
    error = assert_error_shape(r, 500)
    assert "secret" not in error["detail"]


def test_missing_store_is_a_503(tmp_path: Path) -> None:
    r = TestClient(create_app(str(tmp_path / "none.duckdb"))).get("/api/stories")
    error = assert_error_shape(r, 503)
    assert "newsprism analyze" in error["detail"]


def test_browsers_get_an_html_error_page(client: TestClient) -> None:
    r = client.get("/stories/nope", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "no story with id" in r.text


@pytest.mark.parametrize(
    "url",
    [
        "/stories/..%2F..%2F..%2Fetc%2Fpasswd",
        "/articles/../../../etc/passwd",
        "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/stories/%2e%2e",
        "/static/../../etc/passwd",
        "/stories/....%5C....%5Cetc%5Cpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url, headers={"accept": "application/json"})
    assert r.status_code == 404
    assert "root:" not in r.text
    assert_error_shape(r, 404)


# ---------------------------------------------------------------------------- safety


def test_hostile_story_is_escaped(client: TestClient) -> None:
    r = client.get("/stories/s-hostile")
    assert r.status_code == 200
    low = r.text.lower()
    for needle in ("<script>window", "<img", "<svg", 'href="javascript:', 'href="data:'):
        assert needle not in low
    assert low.count("<script") == 1
    assert "&lt;script&gt;window.__pwned" in r.text


def test_hostile_article_and_search_pages_are_escaped(
    client: TestClient, data: dict[str, Any]
) -> None:
    hostile = [a for a in data["articles"].values() if "hostile" in a.source_path]
    pages = [client.get(f"/articles/{a.id}").text for a in hostile]
    pages.append(client.get("/search", params={"q": "<script>window"}).text)
    pages.append(client.get("/articles", params={"entity": '"><script>'}).text)
    for text in pages:
        low = text.lower()
        assert low.count("<script") == 1
        assert "<img" not in low and "<svg" not in low and 'href="javascript:' not in low


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_app_is_read_only_and_reloads_when_the_store_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_sample_db(tmp_path)
    monkeypatch.setattr(web_snapshot, "RELOAD_CHECK_SECONDS", 0.0)
    client = TestClient(create_app(str(db)))
    assert client.get("/api/stories").json()["count"] == 2
    # The app holds no connection between loads, so a writer can update the store.
    with Store(db) as store:
        store.save_story_documents(store.story_documents()[:1])
    assert client.get("/api/stories").json()["count"] == 1


def test_run_binds_localhost_by_default() -> None:
    import inspect

    assert inspect.signature(web_app.run).parameters["host"].default == "127.0.0.1"


# ------------------------------------------------------------------ #21: the analysed sample


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample as ``newsprism analyze`` stores it (not the hand-built fixture)."""
    from story_fixture import SAMPLE, analyze_to

    db = analyze_to(tmp_path_factory.mktemp("analysed") / "out", SAMPLE)
    with Store(db, read_only=True) as store:
        docs = store.story_documents()
        articles = {a.id: a for a in store.articles()}
    by_outlet = {a.outlet: a for a in articles.values() if a.outlet}
    call = next(d for d in docs if by_outlet["Sputnik"].id in {x["id"] for x in d["articles"]})
    visit = next(
        d
        for d in docs
        if by_outlet["San Diego Union-Tribune"].id in {x["id"] for x in d["articles"]}
    )
    return {
        "client": TestClient(create_app(str(db)), raise_server_exceptions=False),
        "docs": docs,
        "articles": articles,
        "call": call,
        "visit": visit,
    }


def _ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {s["id"] for s in response.json()["stories"]}


def test_sample_membership_is_as_known(sample_app: dict[str, Any]) -> None:
    # The 20 Feb call: four articles; the 8 Feb visit: the San Diego Union-Tribune's alone.
    assert len(sample_app["call"]["articles"]) == 4
    assert [a["outlet"] for a in sample_app["visit"]["articles"]] == ["San Diego Union-Tribune"]
    assert sample_app["call"]["thread"] == sample_app["visit"]["thread"]


def test_every_page_of_the_analysed_sample_renders(sample_app: dict[str, Any]) -> None:
    client = sample_app["client"]
    urls = ["/", "/articles", "/search?q=Putin", "/api/facets", "/api/stories"]
    urls += [f"/stories/{d['id']}" for d in sample_app["docs"]]
    urls += [f"/api/stories/{d['id']}" for d in sample_app["docs"]]
    urls += [f"/articles/{a}" for a in sample_app["articles"]]  # the SDUT page was a 500
    urls += [f"/api/articles/{a}" for a in sample_app["articles"]]
    urls += [f"/threads/{sample_app['call']['thread']}"]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("params", "which"),
    [
        ({"outlet": "Sputnik"}, {"call"}),
        ({"outlet": "San Diego Union-Tribune"}, {"visit"}),
        ({"outlet": "unknown outlet"}, {"call"}),
        ({"date_from": "2022-02-15"}, {"call"}),
        ({"date_to": "2022-02-10"}, {"visit"}),
        ({"entity": "Jen Psaki"}, {"call"}),  # in the 21 Feb article only
        ({"entity": "Annalena Baerbock"}, {"visit"}),  # in the 8 Feb article only
        ({"entity": "Pavel Felgenhauer"}, {"call"}),
        ({"q": "Felgenhauer"}, {"call"}),
        ({"q": "Baerbock"}, {"visit"}),
        ({"q": "Putin"}, {"call", "visit"}),
    ],
)
def test_filters_follow_story_membership(
    sample_app: dict[str, Any], params: dict[str, str], which: set[str]
) -> None:
    expected = {sample_app[w]["id"] for w in which}
    assert _ids(sample_app["client"].get("/api/stories", params=params)) == expected
    html_page = sample_app["client"].get("/", params=params).text
    for w in ("call", "visit"):
        shown = f'href="/stories/{sample_app[w]["id"]}"' in html_page
        assert shown == (w in which), (params, w)


def test_one_outlet_count_everywhere(sample_app: dict[str, Any]) -> None:
    client, call = sample_app["client"], sample_app["call"]
    card = next(s for s in client.get("/api/stories").json()["stories"] if s["id"] == call["id"])
    # Al Jazeera, Sputnik and two files without an outlet, each an unknown outlet
    assert card["counts"]["outlets"] == len(card["outlets"]) == 4
    assert sorted(o for o in card["outlets"] if not o.startswith("unknown outlet")) == [
        "Al Jazeera",
        "Sputnik",
    ]
    page = html.unescape(client.get(f"/stories/{call['id']}").text)
    assert "<b>4</b> outlets" in page
    assert "<b>4</b> articles" in page


def test_unknown_outlet_shows_the_file_name_as_secondary(sample_app: dict[str, Any]) -> None:
    client, call = sample_app["client"], sample_app["call"]
    page = client.get(f"/stories/{call['id']}").text
    assert 'unknown outlet <span class="outlet-file">002_ff0877bd891f5005.txt</span>' in page
    assert '<span class="chip-dot" aria-hidden="true"></span>002_ff0877bd891f5005' not in page
    art = next(a for a in sample_app["articles"].values() if "002_ff08" in a.source_path)
    body = client.get(f"/api/articles/{art.id}").json()
    assert body["label"] == "unknown outlet · 002_ff0877bd891f5005.txt"
    assert "unknown outlet" in client.get("/api/facets").json()["outlets"]


def test_entity_facets_are_named_entities_with_variants_merged(sample_app: dict[str, Any]) -> None:
    entities = sample_app["client"].get("/api/facets").json()["entities"]
    for junk in ("presence", "his top diplomat", "Both leaders", "spokesperson"):
        assert junk not in entities
    assert all(e[:1].isupper() for e in entities)
    assert "Vladimir Putin" in entities and "Emmanuel Macron" in entities
    folded = [web_entities.fold(e) for e in entities]
    assert len(folded) == len(set(folded))
    assert not {"Elysee Palace", "Élysée Palace"} <= set(entities)
    assert not {"Sergey Lavrov", "Sergei Lavrov"} <= set(entities)


def test_entity_filter_matches_every_spelling(sample_app: dict[str, Any]) -> None:
    client = sample_app["client"]
    a = client.get("/api/articles", params={"entity": "Elysee Palace"}).json()["count"]
    b = client.get("/api/articles", params={"entity": "Élysée Palace"}).json()["count"]
    assert a == b >= 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("sergey lavrov", "sergei lavrov", True),
        ("volodymyr zelensky", "volodymyr zelenskyy", True),
        ("austria", "australia", False),
        ("john smith", "joan smith", False),
        ("iran", "iraq", False),
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert web_entities.variant_of(a, b) is same


def test_thread_page_lists_stories_in_time_order(sample_app: dict[str, Any]) -> None:
    client, call, visit = sample_app["client"], sample_app["call"], sample_app["visit"]
    page = client.get(f"/threads/{call['thread']}").text
    assert page.index(f"/stories/{visit['id']}") < page.index(f"/stories/{call['id']}")
    assert "12 days later" in page
    body = client.get(f"/api/threads/{call['thread']}").json()
    assert [s["id"] for s in body["stories"]] == [visit["id"], call["id"]]
    assert body["changes"][0]["days"] == 12
    story = client.get(f"/stories/{call['id']}").text
    assert f'href="/stories/{visit["id"]}"' in story  # its sibling
    assert f'href="/threads/{call["thread"]}"' in story
    index = client.get("/").text
    assert index.count(f'href="/threads/{call["thread"]}"') == 2
    assert_error_shape(client.get("/api/threads/nope"), 404)


def test_head_on_pages_answers_like_get(sample_app: dict[str, Any]) -> None:
    client, call = sample_app["client"], sample_app["call"]
    for url in ("/", f"/stories/{call['id']}", "/api/stories", "/articles"):
        r = client.head(url)
        assert r.status_code == 200, url
        assert r.content == b""
        assert r.headers["content-type"] == client.get(url).headers["content-type"]


@pytest.mark.parametrize("q", ["\x00", "!!!", "\x00\x01"])
def test_a_query_without_words_matches_nothing(sample_app: dict[str, Any], q: str) -> None:
    body = sample_app["client"].get("/api/search", params={"q": q}).json()
    assert body["stories"] == [] and body["articles"] == []
    assert sample_app["client"].get("/api/stories", params={"q": q}).json()["count"] == 0


# ------------------------------------------------------------------ #21: development corpora


@pytest.fixture(scope="module")
def dev_apps(tmp_path_factory: pytest.TempPathFactory, eval_dir: Path) -> dict[str, TestClient]:
    from story_fixture import analyze_to, dev_corpora

    base = tmp_path_factory.mktemp("dev")
    files = dev_corpora(eval_dir, base / "in")
    if len(files) < 2:
        pytest.skip("ECB+ or NewsWCL50 is missing from the evaluation folder")
    return {
        name: TestClient(create_app(str(analyze_to(base / safe, path))))
        for (name, path), safe in zip(files.items(), ("a", "b"), strict=True)
    }


def test_every_page_of_two_development_corpora_renders(dev_apps: dict[str, TestClient]) -> None:
    for name, client in dev_apps.items():
        stories = client.get("/api/stories").json()["stories"]
        articles = client.get("/api/articles", params={"limit": 100}).json()["articles"]
        assert stories and articles, name
        urls = ["/", "/articles", "/search?q=the", "/api/facets"]
        urls += [s["links"]["html"] for s in stories]
        urls += [s["links"]["thread"] for s in stories if "thread" in s["links"]]
        urls += [a["links"]["html"] for a in articles]
        for url in urls:
            assert client.get(url).status_code == 200, (name, url)
