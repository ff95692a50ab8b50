"""newsprism's command line: a thin click layer over the library."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.store import DEFAULT_DB, Store

DB_OPTION = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="DuckDB store file.",
)


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(
                f"{v!r}: expected ROLE=FIELD, e.g. text=body", param_hint="--field"
            )
        role, name = v.split("=", 1)
        from newsprism.ingest import FIELD_NAMES

        if role not in FIELD_NAMES:
            raise click.BadParameter(
                f"unknown role {role!r}; roles: {', '.join(FIELD_NAMES)}", param_hint="--field"
            )
        out[role] = name
    return out


FIELD_OPTION = click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="ROLE=FIELD",
    help="Field of JSON/CSV records to use for a role (title, text, url, date, outlet, author, "
    "language), e.g. --field text=body. Repeatable.",
)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn expected library failures into one-line messages without tracebacks."""
    try:
        yield
    except NewsprismError as e:
        raise click.ClickException(str(e)) from e


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group()
@click.version_option(__version__, prog_name="newsprism")
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or details (-vv) to stderr.")
def cli(verbose: int) -> None:
    """newsprism: understand one news event from many outlets at once.

    Feed it news articles (text, HTML, JSONL/JSON/CSV exports); it cleans, de-duplicates
    and stores them, groups them into stories and compares what each outlet reported.

    Example:

        newsprism analyze examples/ukraine-2022-02 --out out/
    """
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _run_ingest(paths: tuple[str, ...], store: Store, fields: dict[str, str]) -> Any:
    from newsprism.ingest import IngestConfig, iter_files
    from newsprism.pipeline import ingest

    config = IngestConfig(fields=fields)
    progress = None
    if sys.stderr.isatty():
        total = sum(1 for _ in iter_files(paths))
        if total > 20:
            from tqdm import tqdm

            progress = tqdm(total=total, unit="file", file=sys.stderr, leave=False)
    try:
        report = ingest(
            paths,
            store,
            config=config,
            on_progress=progress.update if progress is not None else None,
        )
    finally:
        if progress is not None:
            progress.close()
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    return report


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@FIELD_OPTION
def ingest(paths: tuple[str, ...], db: str, fields: tuple[str, ...]) -> None:
    """Read, clean, de-duplicate and store news files.

    PATHS are files or folders (read recursively; .gz files too). Each input that fails is
    reported on stderr with the reason; the rest is stored. Exit status 1 if any failed.

    Example:

        newsprism ingest examples/ukraine-2022-02 --db news.duckdb
    """
    with _errors(), Store(db) as store:
        report = _run_ingest(paths, store, _fields(fields))
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (with the cleaned text).")
def articles(db: str, as_json: bool) -> None:
    """List stored articles.

    Example:

        newsprism articles --db news.duckdb --json
    """
    from newsprism.pipeline import article_to_dict

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db} (run `newsprism ingest` first)")
    with _errors(), Store(db, read_only=True) as store:
        items = list(store.articles())
    if as_json:
        _echo_json([article_to_dict(a) for a in items])
        return
    for a in items:
        dup = f"  (duplicate of {a.duplicate_of}, {a.duplicate_kind})" if a.duplicate_of else ""
        click.echo(
            f"{a.id}  {a.published_iso or '?':10.10}  {(a.outlet or '?')[:24]:24}  "
            f"{(a.title or a.source_path)[:70]}{dup}"
        )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder for newsprism.duckdb, articles.json and the reports.",
)
@FIELD_OPTION
def analyze(paths: tuple[str, ...], out: str, fields: tuple[str, ...]) -> None:
    """Run the whole pipeline on PATHS and write the results to --out.

    Writes OUT/newsprism.duckdb and OUT/articles.json. Exit status 1 if any input failed
    (everything else is still analysed).

    Example:

        newsprism analyze examples/ukraine-2022-02 --out out/
    """
    from newsprism.pipeline import article_to_dict

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _errors(), Store(out_dir / "newsprism.duckdb") as store:
        report = _run_ingest(paths, store, _fields(fields))
        items = [article_to_dict(a) for a in store.articles()]
    (out_dir / "articles.json").write_text(
        json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    click.echo(report.summary())
    click.echo(f"wrote {out_dir / 'articles.json'} ({len(items)} articles)")
    sys.exit(0 if report.ok else 1)


@cli.group("eval")
def eval_group() -> None:
    """Score newsprism's stages on public labelled data sets."""


def _print_scores(scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _echo_json(scores)
        return
    for key, value in scores.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k:18} {v:.4f}" if isinstance(v, float) else f"  {k:18} {v}")
        else:
            click.echo(f"{key:20} {value:.4f}" if isinstance(value, float) else f"{key:20} {value}")


DATA_OPTION = click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True),
    help="Folder of the evaluation data set.",
)
JSON_FLAG = click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")


@eval_group.command("extraction")
@DATA_OPTION
@JSON_FLAG
def eval_extraction(data: str, as_json: bool) -> None:
    """Body-text precision/recall/F1 of HTML extraction (article-extraction benchmark layout).

    Example:

        newsprism eval extraction --data ../shared/eval/article-extraction --json
    """
    from newsprism.evaluate.extraction import evaluate_extraction

    with _errors():
        _print_scores(evaluate_extraction(data), as_json)


def main() -> None:  # pragma: no cover - entry point for python -m
    cli()
