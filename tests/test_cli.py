from __future__ import annotations

import json
import os
import subprocess
import sys

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


# --------------------------------------------------------------------------- hostile folders (#18)

BRIEF = "The city's main airport will close for two days next week, its operator said on Monday."


def _ingest(runner, tmp_path, *paths):
    db = str(tmp_path / "h.duckdb")
    result = runner.invoke(cli, ["ingest", *map(str, paths), "--db", db])
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    ), result.exception
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    listed = runner.invoke(cli, ["articles", "--db", db, "--json"])
    return result, errors, json.loads(listed.output)


def _good_file(folder):
    (folder / "good.txt").write_text(
        "Talks resume in Geneva\n\nDiplomats from both countries will meet in Geneva on "
        "Monday to resume the talks that broke down last month, officials said on Friday.\n",
        encoding="utf-8",
    )


def test_csv_row_with_more_values_than_the_header_is_stored(runner, tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    (folder / "rows.csv").write_text(f'title,text\nA,"{BRIEF}",EXTRA\n', encoding="utf-8")
    result, errors, items = _ingest(runner, tmp_path, folder)
    assert result.exit_code == 0 and errors == [], result.output
    assert sorted(a["title"] or "" for a in items) == ["A", "Talks resume in Geneva"]
    assert "row 1: 1 value(s) beyond the header's 2 columns dropped" in caplog.text


def test_csv_field_over_the_article_limit_fails_its_row_only(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    big = "word " * 1_100_000  # 5.5 MB: over the 5 MB article limit
    (folder / "rows.csv").write_text(
        f'title,text\nA,"{BRIEF}"\nB,"{big}"\n'
        'C,"The bridge opens in May, the mayor said on Tuesday."\n',
        encoding="utf-8",
    )
    result, errors, items = _ingest(runner, tmp_path, folder)
    assert errors == [f"error: {folder / 'rows.csv'} record 2: article text too large (limit 5 MB)"]
    assert sorted(a["title"] for a in items) == ["A", "C"]


def test_file_name_that_is_not_utf8_is_stored_escaped(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    (folder / os.fsdecode(b"n\xff.txt")).write_text(BRIEF + "\n", encoding="utf-8")
    result, errors, items = _ingest(runner, tmp_path, folder)
    assert result.exit_code == 0 and errors == [], result.output
    assert sorted(a["source_path"] for a in items) == [
        f'"{folder}/n\\xff.txt"',
        str(folder / "good.txt"),
    ]


def test_newline_in_a_file_name_cannot_forge_an_error_line(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    (folder / "x\nerror: forged.txt").write_bytes(b"")
    result, errors, _ = _ingest(runner, tmp_path, folder)
    assert errors == [f'error: "{folder}/x\\nerror: forged.txt": empty file']


def test_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    os.mkfifo(folder / "pipe.txt")
    cmd = [sys.executable, "-c", "from newsprism.cli import cli; cli()", "ingest", str(folder)]
    done = subprocess.run(
        [*cmd, "--db", str(tmp_path / "f.duckdb")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: {folder / 'pipe.txt'}: not a regular file (a FIFO); skipped"
    ]
    assert "ingested 1," in done.stdout


def test_links_out_of_the_folder_are_refused(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret plan will be unveiled on Monday, the minister said.\n")
    (tmp_path / "elsewhere").mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "etc").symlink_to(tmp_path / "elsewhere")
    (folder / "same.txt").symlink_to(folder / "good.txt")  # inside the folder: read
    result, errors, items = _ingest(runner, tmp_path, folder)
    assert errors == [
        f"error: {folder / 'etc'}: symbolic link to a folder outside {folder}; "
        "not read (name it on the command line to read it)",
        f"error: {folder / 'passwd.txt'}: symbolic link to a file outside {folder}; "
        "not read (name it on the command line to read it)",
    ]
    assert not any("secret" in a["text"] for a in items)
    # Named on the command line, the link is the user's choice and is read.
    _, errors, items = _ingest(runner, tmp_path, folder / "passwd.txt")
    assert errors == [] and any("secret plan" in a["text"] for a in items)


def test_link_loop_is_called_a_loop(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    _, errors, items = _ingest(runner, tmp_path, folder)
    assert errors == [f"error: {folder / 'loop.txt'}: symbolic link loop"]
    _, errors, _ = _ingest(runner, tmp_path, folder / "loop.txt")
    assert errors == [f"error: {folder / 'loop.txt'}: symbolic link loop"]


def test_unreadable_subfolder_is_one_error(runner, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    _good_file(folder)
    (folder / "locked" / "a.txt").write_text(BRIEF, encoding="utf-8")
    (folder / "locked").chmod(0)
    scandir = os.scandir

    def denied(path="."):
        # Root lists any folder whatever its mode, so the refusal is also injected.
        if os.fspath(path) == str(folder / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    try:
        result, errors, items = _ingest(runner, tmp_path, folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert errors == [
        f"error: {folder / 'locked'}: cannot list folder (Permission denied); skipped"
    ]
    assert result.exit_code == 1 and len(items) == 1


def test_one_sentence_brief_is_an_article(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "brief.txt").write_text(BRIEF + "\n", encoding="utf-8")
    (folder / "short.txt").write_text("Airport to close next week, operator says.\n")
    result, errors, items = _ingest(runner, tmp_path, folder)
    assert result.exit_code == 0 and errors == [], result.output
    assert sorted(a["text"] for a in items) == ["Airport to close next week, operator says.", BRIEF]


def test_stories_right_after_ingest_lists_the_stories(runner, tmp_path, sample_dir):
    db = str(tmp_path / "n.duckdb")
    assert runner.invoke(cli, ["ingest", str(sample_dir), "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["stories", "--db", db, "--json"])
    stories = json.loads(listed.output)
    assert stories and sum(len(s["articles"]) for s in stories) == 5


def test_titles_and_metadata_are_capped(runner, tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "title": "Huge " * 1_000_000,
        "text": BRIEF,
        "source": "Outlet " * 1000,
        "author": "A. Writer " * 1000,
        "url": "https://example.com/" + "a" * 10_000,
    }
    (folder / "big.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result, errors, (item,) = _ingest(runner, tmp_path, folder)
    assert result.exit_code == 0 and errors == []
    assert len(item["title"]) <= 1000 and item["title"].startswith("Huge Huge")
    assert len(item["outlet"]) <= 200 and len(item["author"]) <= 500 and item["url"] is None
    assert "title of 4999999 characters cut to 1000" in caplog.text
    assert "URL of 10020 characters dropped" in caplog.text


def test_one_huge_compressed_line_is_one_error_in_bounded_memory(tmp_path):
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    _good_file(folder)
    with gzip.open(folder / "huge.jsonl.gz", "wb", compresslevel=1) as fh:
        fh.write(b'{"text": "')
        chunk = b"word " * 200_000  # 1 MB
        for _ in range(400):  # one 400 MB line
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(json.dumps({"text": BRIEF}).encode() + b"\n")
    # The child reports its own peak memory (ru_maxrss, kB on Linux) when it exits.
    code = (
        "import os, resource\nfrom newsprism.cli import cli\ntry:\n    cli()\nfinally:\n"
        "    with open(os.environ['PEAK_FILE'], 'w') as fh:\n"
        "        fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    )

    def ingest(path, db):
        peak_file = tmp_path / "peak"
        done = subprocess.run(
            [sys.executable, "-c", code, "ingest", str(path), "--db", str(tmp_path / db)],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "PEAK_FILE": str(peak_file)},
        )
        return done, int(peak_file.read_text())

    _, baseline = ingest(folder / "good.txt", "b.duckdb")
    done, peak = ingest(folder, "m.duckdb")
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"error: {folder / 'huge.jsonl.gz'}: line 1: record too long (over 20 MB on one line); "
        "record skipped"
    ]
    assert "ingested 2," in done.stdout
    # Reading the line whole took over 1.2 GB more (its bytes, text and parsed JSON).
    assert peak - baseline < 200_000, f"peak {peak} kB against {baseline} kB without the line"


def test_articles_list_says_unknown_outlet(tmp_path):
    # #18 item 14: a file that names no outlet is an "unknown outlet", never "?"
    from click.testing import CliRunner

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "brief.txt").write_text(
        "The city's main airport will close for two days next week, its operator said on "
        "Monday. Flights will move to the old airfield while the runway is repaired.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path / "in"), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["articles", "--db", db])
    assert result.exit_code == 0, result.output
    assert "unknown outlet" in result.output


def test_a_record_whose_text_is_an_id_is_no_article(tmp_path):
    # an export whose "story" field holds an id, not a story: one error per record, no
    # one-word "article" (seen when analysing a folder that held such a JSON file)
    from click.testing import CliRunner

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rows.json").write_text(
        '[{"n": 1, "story": "s-8cd0eddee1df3f38"}, {"n": 2, "story": "s-9ad83543a6c854d6"}]',
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--db", db])
    assert result.exit_code == 1
    assert result.output.count("fewer than 3 words") == 2, result.output
    assert "ingested 0" in result.output
