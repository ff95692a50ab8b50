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
    monkeypatch.setattr(web_app, "RELOAD_CHECK_SECONDS", 0.0)
    client = TestClient(create_app(str(db)))
    assert client.get("/api/stories").json()["count"] == 2
    # The app holds no connection between loads, so a writer can update the store.
    with Store(db) as store:
        store.save_story_documents(store.story_documents()[:1])
    assert client.get("/api/stories").json()["count"] == 1


def test_run_binds_localhost_by_default() -> None:
    import inspect

    assert inspect.signature(web_app.run).parameters["host"].default == "127.0.0.1"
