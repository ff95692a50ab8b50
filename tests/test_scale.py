"""Parallel and distributed runs give the single-process output (#7)."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from newsprism.cli import cli


def _analyze(out, sample_dir, *extra):
    result = CliRunner().invoke(cli, ["analyze", str(sample_dir), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    articles = json.loads((out / "articles.json").read_text(encoding="utf-8"))
    return stories, articles


@pytest.fixture(scope="module")
def single(tmp_path_factory, sample_dir):
    return _analyze(tmp_path_factory.mktemp("single"), sample_dir, "--workers", "1")


def _as_json(data):
    """The objects as stories.json holds them (tuples become lists)."""
    return json.loads(json.dumps(data))


def test_workers_equal_single_process(single, tmp_path, sample_dir):
    stories, articles = _analyze(tmp_path / "w2", sample_dir, "--workers", "2")
    assert stories == single[0]
    assert articles == single[1]


def test_dask_local_cluster_equals_single_machine(single, tmp_path, sample_dir):
    distributed = pytest.importorskip("dask.distributed")
    from newsprism.pipeline import analyze
    from newsprism.scale import dask_executor
    from newsprism.store import Store

    # One in-process worker thread: spaCy pipelines are not shared between threads.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        with dask_executor(cluster) as executor, Store(tmp_path / "d.duckdb") as store:
            _, docs = analyze([sample_dir], store, executor=executor)
    assert _as_json(docs) == single[0]


def test_dask_option_runs_on_a_scheduler_address(single, tmp_path, sample_dir):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        stories, _ = _analyze(tmp_path / "d", sample_dir, "--dask", cluster.scheduler_address)
    assert stories == single[0]


def test_missing_dask_names_the_extra(tmp_path, sample_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails
    result = CliRunner().invoke(
        cli, ["analyze", str(sample_dir), "--out", str(tmp_path), "--dask", "tcp://x:8786"]
    )
    assert result.exit_code == 1
    assert "pip install 'newsprism[scale]'" in result.output


def test_workers_must_not_be_negative(tmp_path, sample_dir):
    result = CliRunner().invoke(
        cli, ["analyze", str(sample_dir), "--out", str(tmp_path), "--workers", "-1"]
    )
    assert result.exit_code == 2 and "--workers" in result.output


@pytest.mark.parametrize("extra", [(), ("--workers", "0")])
def test_workers_default_to_the_cores_with_the_same_results(
    single, tmp_path, sample_dir, monkeypatch, extra
):
    import newsprism.pipeline

    # A first `analyze` used one core of two (#18): the default is every core we may use.
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    started = []
    real = newsprism.pipeline.process_pool
    monkeypatch.setattr(newsprism.pipeline, "process_pool", lambda n: started.append(n) or real(n))
    stories, articles = _analyze(tmp_path / "auto", sample_dir, *extra)
    assert started == [2]
    assert (stories, articles) == single
