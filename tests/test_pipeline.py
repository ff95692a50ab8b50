"""The whole pipeline through the library and the `analyze` command."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.pipeline import analyze, cluster_store
from newsprism.store import Store

STORY_KEYS = {
    "id",
    "title",
    "thread",
    "articles",
    "timeline",
    "quotes",
    "agreements",
    "conflicts",
    "omissions",
    "framing",
    "summary",
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory, sample_dir):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["analyze", str(sample_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _by_file(doc):
    return {a["source_path"].rsplit("/", 1)[-1][:3] for a in doc["articles"]}


def test_analyze_writes_everything(analyzed):
    for name in ("newsprism.duckdb", "stories.json", "articles.json", "report.html"):
        assert (analyzed / name).is_file(), name
    assert "<script" not in (analyzed / "stories.json").read_text(encoding="utf-8")[:1]


def test_stories_json_schema(analyzed):
    docs = json.loads((analyzed / "stories.json").read_text(encoding="utf-8"))
    assert docs and all(STORY_KEYS <= set(d) for d in docs)
    ids = {a["id"] for d in docs for a in d["articles"]}
    for d in docs:
        for a in d["articles"]:
            assert {"id", "source_path", "outlet", "published", "url", "title"} <= set(a)
        for e in d["timeline"]:
            assert {"date", "text", "articles"} <= set(e) and set(e["articles"]) <= ids
        for q in d["quotes"]:
            assert {"speaker", "text", "articles", "variants"} <= set(q)
            assert all({"article", "text"} <= set(v) for v in q["variants"])
        for c in d["conflicts"]:
            assert c["kind"] in ("conflict", "change")
            assert all({"value", "text", "article", "start", "end"} <= set(x) for x in c["claims"])
        for o in d["omissions"]:
            assert {"text", "articles", "missing_from"} <= set(o)
        for f in d["framing"]:
            assert {"referent", "terms"} <= set(f)
        for s in d["summary"]:
            assert {"text", "articles"} <= set(s) and s["articles"] and set(s["articles"]) <= ids


def test_seeds_cluster_into_the_call_story(analyzed):
    docs = json.loads((analyzed / "stories.json").read_text(encoding="utf-8"))
    call = [d for d in docs if {"000", "001", "002", "004"} <= _by_file(d)]
    assert len(call) == 1
    # 003 (the 8 Feb visit) is its own story or in the call story; either way same thread.
    with_003 = [d for d in docs if "003" in _by_file(d)]
    assert with_003[0]["thread"] == call[0]["thread"]


def test_store_holds_the_analysis(analyzed):
    with Store(analyzed / "newsprism.duckdb", read_only=True) as store:
        stories = store.stories()
        docs = store.story_documents()
        assert [s.id for s in stories] == [d["id"] for d in docs]
        assert len(store.extracted_ids()) == 5


def test_stories_command(analyzed):
    result = CliRunner().invoke(
        cli, ["stories", "--db", str(analyzed / "newsprism.duckdb"), "--json"]
    )
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert all(
        {"id", "title", "articles", "outlets", "first", "last", "thread"} <= set(i) for i in items
    )
    big = max(items, key=lambda i: len(i["articles"]))
    assert big["first"] == "2022-02-20" and big["last"] == "2022-02-21"


def test_two_batches_give_the_stories_of_one(tmp_path, sample_dir):
    files = sorted(sample_dir.glob("*.txt"))
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, (first if i % 2 == 0 else second) / f.name)
    with Store(":memory:") as once, Store(":memory:") as twice:
        analyze([first, second], once)
        analyze([first], twice)
        analyze([second], twice)

        def members(store):
            by_name = {a.id: a.source_path.rsplit("/", 1)[-1] for a in store.articles()}
            return sorted(sorted(by_name[i] for i in s.articles) for s in store.stories())

        assert members(once) == members(twice)


def test_recluster_rebuilds_the_same_stories(tmp_path, sample_dir):
    db = tmp_path / "r.duckdb"
    with Store(db) as store:
        analyze([sample_dir], store)
        before = sorted(sorted(s.articles) for s in store.stories())
    result = CliRunner().invoke(cli, ["recluster", "--db", str(db)])
    assert result.exit_code == 0 and "stories" in result.output
    with Store(db) as store:
        assert sorted(sorted(s.articles) for s in store.stories()) == before
        assert cluster_store(store) == store.stories()  # nothing new to place


def test_extract_command_json(sample_dir):
    path = next(sample_dir.glob("001_*.txt"))
    result = CliRunner().invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert item["published"] == "2022-02-21"
    for key in ("entities", "quotes", "dates", "quantities", "events"):
        assert isinstance(item[key], list) and item[key], key
    speakers = {q["speaker"] for q in item["quotes"]}
    assert any("Psaki" in (s or "") for s in speakers)
    feb24 = [d for d in item["dates"] if d["text"] == "February 24"]
    assert feb24 and feb24[0]["value"] == "2022-02-24"


@pytest.mark.parametrize("threads", [0, 2])
def test_meanwhile_runs_once_while_tasks_are_in_flight(threads):
    from concurrent.futures import ThreadPoolExecutor

    from newsprism.pipeline import _ordered_map

    calls: list[int] = []
    executor = ThreadPoolExecutor(threads) if threads else None
    try:
        out = list(
            _ordered_map(
                executor, lambda x: x * x, range(10), window=3, meanwhile=lambda: calls.append(1)
            )
        )
    finally:
        if executor is not None:
            executor.shutdown()
    assert out == [x * x for x in range(10)]
    assert calls == [1]


def test_comparing_a_few_threads_at_a_time_changes_nothing(tmp_path, monkeypatch, eval_dir):
    """compare_store reads threads in batches; the batch size must not change a story."""
    from newsprism import pipeline
    from newsprism.evaluate.clustering import load_ecbplus
    from newsprism.pipeline import compare_store, extract_store

    docs = load_ecbplus(eval_dir / "ecbplus" / "ECB+", topics=[3, 20])
    with Store(tmp_path / "ecb.duckdb") as store:
        store.add_articles([d.article for d in docs])
        cluster_store(store)
        extract_store(store)
        assert len({s.thread for s in store.stories()}) >= 2
        whole = compare_store(store)
        monkeypatch.setattr(pipeline, "COMPARE_BATCH", 1)  # one thread per batch
        assert compare_store(store) == whole
    assert any(d["agreements"] for d in whole) and any(d["framing"] for d in whole)


# ---------------------------------------------------------------- workers die with the parent (#18)


def _state(pid: int) -> str | None:
    """A process's state letter from /proc (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _wait_gone(pids: list[int], seconds: float = 60) -> list[int]:
    """The processes of ``pids`` still running (not gone, not a zombie) after ``seconds``."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if _state(p) not in (None, "Z", "X")]
    return alive


POOL_SCRIPT = """
import sys, time
from newsprism.pipeline import process_pool

if __name__ == "__main__":
    pool = process_pool(2)
    running = [pool.submit(time.sleep, 3600) for _ in range(2)]
    while len(pool._processes) < 2:
        time.sleep(0.1)
    time.sleep(2)  # both workers started and took their hour-long task
    print(*pool._processes, flush=True)
    time.sleep(3600)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_busy_workers_exit_when_the_parent_is_killed():
    proc = subprocess.Popen([sys.executable, "-c", POOL_SCRIPT], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2 and all(_state(p) in ("R", "S") for p in workers)
    finally:
        proc.kill()
        proc.wait()
    # Each worker sleeps for an hour: it is gone only because its parent is.
    assert _wait_gone(workers) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_analyze_workers_exit_when_analyze_is_killed(tmp_path, sample_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt"))]
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(f"Report {i}\n\n" + texts[i % 5], encoding="utf-8")
    cmd = [sys.executable, "-c", "from newsprism.cli import cli; cli()", "-v", "analyze"]
    proc = subprocess.Popen(
        [*cmd, str(folder), "--out", str(tmp_path / "out"), "--workers", "2"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NEWSPRISM_BATCH_SIZE": "5"},
    )
    try:
        for line in proc.stderr:
            if "clustered" in line:  # extraction is under way on the workers
                break
        workers = _children(proc.pid)
        assert len(workers) >= 2, "no workers started"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _wait_gone(workers) == []
