from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_ingest_then_articles_json(runner, tmp_path, sample_dir):
    db = str(tmp_path / "n.duckdb")
    result = runner.invoke(cli, ["ingest", str(sample_dir), "--db", db])
    assert result.exit_code == 0, result.output
    assert "ingested 5, duplicates 0, already stored 0, failed 0" in result.output
    again = runner.invoke(cli, ["ingest", str(sample_dir), "--db", db])
    assert (
        again.exit_code == 0 and "ingested 0" in again.output and "already stored 5" in again.output
    )
    listed = runner.invoke(cli, ["articles", "--db", db, "--json"])
    items = json.loads(listed.output)
    assert len(items) == 5
    keys = {
        "id",
        "source_path",
        "outlet",
        "published",
        "url",
        "title",
        "language",
        "text",
        "duplicate_of",
    }
    assert all(keys <= set(item) for item in items)
    by_file = {item["source_path"].rsplit("/", 1)[-1][:3]: item for item in items}
    assert by_file["004"]["published"].startswith("2022-02-20")
    assert by_file["003"]["published"] == "2022-02-08"
    plain = runner.invoke(cli, ["articles", "--db", db])
    assert plain.exit_code == 0 and "Sputnik" in plain.output


def test_bad_inputs_reported_and_rest_stored(runner, tmp_path, sample_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bin.dat").write_bytes(bytes(range(256)) * 20)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "ok.jsonl").write_text(
        '{"text": "A short but real report about the talks."}\n{nope\n', encoding="utf-8"
    )
    db = str(tmp_path / "n.duckdb")
    result = runner.invoke(
        cli, ["ingest", str(sample_dir), str(bad), str(tmp_path / "missing"), "--db", db]
    )
    assert result.exit_code == 1, (result.output, result.exception)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.output
    assert f"error: {bad / 'bin.dat'}: binary file" in result.stderr
    assert f"error: {bad / 'empty.txt'}: empty file" in result.stderr
    assert f"error: {bad / 'ok.jsonl'}: line 2: invalid JSON" in result.stderr
    assert f"error: {tmp_path / 'missing'}: no such file or directory" in result.stderr
    assert "Traceback" not in result.output
    assert "ingested 6" in result.stdout


def test_field_option_is_validated(runner, tmp_path):
    result = runner.invoke(
        cli, ["ingest", str(tmp_path), "--field", "bogus=x", "--db", str(tmp_path / "n.duckdb")]
    )
    assert result.exit_code == 2 and "unknown role 'bogus'" in result.output


def test_analyze_writes_store_and_articles_json(runner, tmp_path, sample_dir):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["analyze", str(sample_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "newsprism.duckdb").exists()
    items = json.loads((out / "articles.json").read_text(encoding="utf-8"))
    assert len(items) == 5 and all(item["text"] for item in items)


def test_articles_without_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.output


def test_every_command_has_help_with_an_example(runner):
    def walk(group, prefix):
        for name, cmd in group.commands.items():
            yield prefix + [name], cmd
            if hasattr(cmd, "commands"):
                yield from walk(cmd, prefix + [name])

    for path, cmd in walk(cli, []):
        result = runner.invoke(cli, path + ["--help"])
        assert result.exit_code == 0, path
        if not hasattr(cmd, "commands"):
            assert "Example:" in result.output, f"{' '.join(path)} --help has no example"


def test_stories_without_store_says_where_it_looked_and_suggests_the_demo(
    runner, tmp_path, monkeypatch
):
    # `make demo` wrote out/newsprism.duckdb; the default --db is elsewhere (#21 item 11)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "newsprism.duckdb").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["stories", "--db", "missing.duckdb"])
    assert result.exit_code == 1
    assert f"no store at {tmp_path / 'missing.duckdb'}" in result.output
    assert "use --db out/newsprism.duckdb" in result.output


def test_analyze_of_one_article_says_1_story_from_1_article(runner, tmp_path):
    src = tmp_path / "one.txt"
    src.write_text(
        "Airport to close\n\nThe city's main airport will close for two days next week while "
        "crews repair the runway, its operator said on Monday. Flights will move to the "
        "regional airfield, the operator said, and passengers should check with airlines.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["analyze", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 story from 1 article:" in result.output
    listed = runner.invoke(cli, ["stories", "--db", str(tmp_path / "out" / "newsprism.duckdb")])
    assert "  1 article " in listed.output and "1 articles" not in listed.output


def test_top_level_help_names_feeds_and_warc(runner):
    result = runner.invoke(cli, ["--help"])
    assert "RSS/Atom feeds" in result.output and "WARC" in result.output
