from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace

import duckdb
import pytest

from newsprism.dedupe import Deduper
from newsprism.store import MIGRATIONS, Store


def test_migrations_are_named_ordered_and_applied_once(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
    with Store(db) as s:
        assert s.migrate() == []


def test_articles_round_trip(store, seed_articles):
    linked = list(Deduper().link_all(seed_articles.values()))
    store.add_articles([a for a, _ in linked], [s for _, s in linked])
    back = {a.id: a for a in store.articles(include_raw=True)}
    for art in seed_articles.values():
        got = back[art.id]
        assert (got.text, got.title, got.outlet, got.published, got.captions, got.raw) == (
            art.text,
            art.title,
            art.outlet,
            art.published,
            art.captions,
            art.raw,
        )
        assert got.offsets == art.offsets
    assert len(list(store.signatures())) == 5


def test_failed_batch_rolls_back_and_keeps_earlier_data(store, seed_articles):
    arts = list(seed_articles.values())
    store.add_articles(arts[:2])
    with pytest.raises(duckdb.Error):
        # the second row repeats a stored id: the whole batch must roll back
        store.add_articles([arts[2], replace(arts[0], text="changed")])
    assert store.count_articles() == 2
    assert store.article(arts[0].id).text == arts[0].text
    assert store.article(arts[2].id) is None


def _corpus(tmp_path, sample_dir, n):
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt"))]
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"Report number {i} on the talks\n\n" + texts[i % 5], encoding="utf-8"
        )
    return folder


def test_kill_9_mid_ingest_leaves_a_readable_store_and_rerun_completes(tmp_path, sample_dir):
    folder = _corpus(tmp_path, sample_dir, 150)
    db = tmp_path / "k.duckdb"
    cmd = [
        sys.executable,
        "-c",
        "from newsprism.cli import cli; cli()",
        "-v",
        "ingest",
        str(folder),
        "--db",
        str(db),
    ]
    env = {**os.environ, "NEWSPRISM_BATCH_SIZE": "5"}
    proc = subprocess.Popen(
        cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
    )
    commits = 0
    deadline = time.monotonic() + 300
    while commits < 3 and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        commits += "batch committed" in line
    assert commits == 3, "ingest did not get going"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store(db, read_only=True) as s:
        partial = s.count_articles()
    assert 15 <= partial < 150

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already stored {partial}" in rerun.stdout
    with Store(db, read_only=True) as s:
        ids = [a.id for a in s.articles()]
    assert len(ids) == 150 and len(set(ids)) == 150
