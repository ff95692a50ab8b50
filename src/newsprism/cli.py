"""newsprism's command line: a thin click layer over the library."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.store import DEFAULT_DB, Store

if TYPE_CHECKING:
    from newsprism.pipeline import IngestReport

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


def _require_store(db: str, command: str) -> None:
    """Fail with a clear message when the store file does not exist (instead of creating it)."""
    if not Path(db).exists():
        message = f"no store at {Path(db).resolve()} (run `newsprism {command}` first)"
        demo = Path("out") / "newsprism.duckdb"  # where `make demo` writes (#21 item 11)
        if demo.is_file() and Path(db).resolve() != demo.resolve():
            message += f"; found {demo}: use --db {demo}"
        raise click.ClickException(message)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn expected library failures into one-line messages without tracebacks."""
    try:
        yield
    except NewsprismError as e:
        raise click.ClickException(str(e)) from e


def _plural(n: int, one: str, many: str) -> str:
    """``1 story``, ``2 stories`` (#21 item 11)."""
    return f"{n} {one if n == 1 else many}"


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group()
@click.version_option(__version__, prog_name="newsprism")
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or details (-vv) to stderr.")
def cli(verbose: int) -> None:
    """newsprism: understand one news event from many outlets at once.

    Feed it news articles (text, HTML, JSONL/JSON/CSV exports, RSS/Atom feeds, WARC
    archives); it cleans, de-duplicates and stores them, groups them into stories and
    compares what each outlet reported.

    Example:

        newsprism analyze examples/ukraine-2022-02 --out out/
    """
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@contextmanager
def _progress(paths: tuple[str, ...]) -> Iterator[Callable[[int], None] | None]:
    """A progress bar's update function over the files of ``paths`` (on a terminal, for
    more than 20 files), else None."""
    from newsprism.ingest import iter_files

    progress = None
    if sys.stderr.isatty():
        total = sum(1 for _ in iter_files(paths))
        if total > 20:
            from tqdm import tqdm

            progress = tqdm(total=total, unit="file", file=sys.stderr, leave=False)
    try:
        yield progress.update if progress is not None else None
    finally:
        if progress is not None:
            progress.close()


def _report_failures(report: IngestReport) -> None:
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@FIELD_OPTION
def ingest(paths: tuple[str, ...], db: str, fields: tuple[str, ...]) -> None:
    """Read, clean, de-duplicate and store news files.

    PATHS are files or folders (read recursively; .gz files too). New articles are placed
    in stories. Each input that fails is reported on stderr with the reason; the rest is
    stored. Exit status 1 if any failed.

    Example:

        newsprism ingest examples/ukraine-2022-02 --db news.duckdb
    """
    from newsprism.ingest import IngestConfig
    from newsprism.pipeline import cluster_store
    from newsprism.pipeline import ingest as run_ingest

    with _errors(), Store(db) as store:
        with _progress(paths) as on_progress:
            report = run_ingest(
                paths, store, config=IngestConfig(fields=_fields(fields)), on_progress=on_progress
            )
        _report_failures(report)
        # New articles join their stories now, so `stories` right after shows them (#18).
        cluster_store(store)
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
    from newsprism.views import article_to_dict

    _require_store(db, "ingest")
    with _errors(), Store(db, read_only=True) as store:
        items = list(store.articles())
    if as_json:
        _echo_json([article_to_dict(a) for a in items])
        return
    for a in items:
        dup = f"  (duplicate of {a.duplicate_of}, {a.duplicate_kind})" if a.duplicate_of else ""
        click.echo(
            f"{a.id}  {a.published_iso or '?':10.10}  {(a.outlet or 'unknown outlet')[:24]:24}  "
            f"{(a.title or a.source_path)[:70]}{dup}"
        )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder for newsprism.duckdb, stories.json, articles.json and report.html.",
)
@FIELD_OPTION
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Processes for the per-article stages (reading, cleaning, extraction); "
    "0 (the default) uses every core this process may run on. The results are the same "
    "for any number.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="SCHEDULER_ADDRESS",
    help="Run the per-article stages on a Dask cluster, e.g. tcp://10.0.0.5:8786 "
    "(needs pip install 'newsprism[scale]'; workers must see PATHS under the same names).",
)
def analyze(
    paths: tuple[str, ...],
    out: str,
    fields: tuple[str, ...],
    workers: int,
    dask_address: str | None,
) -> None:
    """Run the whole pipeline on PATHS and write the results to --out.

    Ingests, clusters stories, extracts quotes, dates, quantities and events, compares the
    outlets of each story, and writes OUT/newsprism.duckdb, OUT/stories.json,
    OUT/articles.json and OUT/report.html (one page per story under OUT/stories/). Running
    it again with more files adds them incrementally. Exit status 1 if any input failed
    (everything else is still analysed).

    Example:

        newsprism analyze examples/ukraine-2022-02 --out out/ --workers 2
    """
    from newsprism.ingest import IngestConfig
    from newsprism.pipeline import analyze as run_pipeline
    from newsprism.views import article_to_dict

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = workers or _cores()
    config = IngestConfig(fields=_fields(fields))
    with _errors(), _executor(workers, dask_address) as executor:
        with Store(out_dir / "newsprism.duckdb") as store:
            with _progress(paths) as on_progress:
                report, docs = run_pipeline(
                    paths, store, config=config, executor=executor, on_progress=on_progress
                )
            _report_failures(report)
            items = [article_to_dict(a) for a in store.articles()]
            _write_json(out_dir / "articles.json", items)
            _write_json(out_dir / "stories.json", docs)
            written = _write_report(store, out_dir)
    click.echo(report.summary())
    click.echo(
        f"{_plural(len(docs), 'story', 'stories')} from "
        f"{_plural(len(items), 'article', 'articles')}: {out_dir / 'stories.json'}"
    )
    if written:
        click.echo(f"report: {written}")
    sys.exit(0 if report.ok else 1)


def _cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    import os

    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def _executor(workers: int, dask_address: str | None) -> Iterator[Any]:
    """The pool the per-article stages run on: none, local processes, or a Dask cluster."""
    if dask_address:
        from newsprism.scale import dask_executor

        with dask_executor(dask_address) as executor:
            yield executor
    elif workers > 1:
        from newsprism.pipeline import process_pool

        with process_pool(workers) as executor:
            yield executor
    else:
        yield None


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    tmp.replace(path)  # readers never see a half-written file


def _write_report(store: Store, out_dir: Path) -> Path | None:
    from newsprism.report import write_report

    paths = write_report(store, out_dir)
    return paths[0] if paths else None


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def stories(db: str, as_json: bool) -> None:
    """List stories (articles grouped by the event they report), largest first.

    Example:

        newsprism stories --db news.duckdb --json
    """
    _require_store(db, "ingest")
    with _errors(), Store(db, read_only=True) as store:
        items = store.stories()
    if as_json:
        _echo_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "articles": list(s.articles),
                    "outlets": list(s.outlets),
                    "first": s.first.isoformat() if s.first else None,
                    "last": s.last.isoformat() if s.last else None,
                    "thread": s.thread,
                }
                for s in items
            ]
        )
        return
    for s in items:
        span = f"{s.first or '?'}..{s.last or '?'}"
        n = len(s.articles)
        click.echo(
            f"{s.id}  {n:3d} {'article ' if n == 1 else 'articles'}  {span:22}  {s.title[:70]}"
        )


@cli.command()
@click.argument("story_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.option(
    "--dropped/--no-dropped",
    default=True,
    show_default=True,
    help="List the candidate figure pairs a named rule dropped.",
)
def explain(story_id: str, db: str, as_json: bool, dropped: bool) -> None:
    """Show why a story's comparison says what it says.

    Prints the story's claim groups (sentences aligned across outlets, with their
    scores), each conflict and change with its evidence and confidence, each omission,
    each summary sentence with the articles that support it, and the candidate figure
    pairs that a named rule dropped, with the rule and its reason. STORY_ID may be a
    unique prefix of an id from `newsprism stories`.

    Example:

        newsprism explain s-3f2a --db out/newsprism.duckdb
    """
    from newsprism.explain import explain_story

    _require_store(db, "analyze")
    with _errors(), Store(db, read_only=True) as store:
        info = explain_story(store, story_id)
    if as_json:
        _echo_json(info)
        return
    name = {a["id"]: a["outlet"] for a in info["articles"]}

    def show(text: str, width: int = 160) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= width else flat[: width - 1] + "…"

    click.echo(f"story {info['story']}: {show(info['title'] or '', 100)}")
    click.echo(f"{len(info['articles'])} articles: " + "; ".join(sorted(set(name.values()))))
    click.echo(f"\nclaim groups carried by two or more outlets: {len(info['claim_groups'])}")
    for g in info["claim_groups"]:
        best = max((s["score"] for s in g["scores"]), default=0.0)
        click.echo(f"  [{g['outlets']} outlets, best pair score {best:.2f}]")
        for c in g["claims"]:
            click.echo(f"    {name.get(c['article'], c['article'])}: {show(c['text'])}")
    click.echo(f"\nconflicts and changes: {len(info['conflicts'])}")
    for c in info["conflicts"]:
        click.echo(f"  {c['kind']} (confidence {c['confidence']}): {c['subject']}")
        for x in c["claims"]:
            click.echo(
                f"    {x['value']!r} in {name.get(x['article'], x['article'])}: {show(x['text'])}"
            )
    click.echo(f"\nstatements rendered by two or more articles: {len(info['quote_groups'])}")
    for q in info["quote_groups"]:
        flag = ", renderings differ in meaning" if q.get("differing") else ""
        click.echo(f"  {q['speaker'] or 'unknown speaker'}{flag}")
        for k, v in enumerate(q["variants"]):
            click.echo(f"    [{k}] {name.get(v['article'], v['article'])}: {show(v['text'])}")
        links = "; ".join(f"{x}-{y} {s:.2f}" for x, y, s in q.get("links", []))
        click.echo(f"    linked (pair score): {links or 'none'}")
    click.echo(f"\nomissions: {len(info['omissions'])}")
    for o in info["omissions"]:
        missing = ", ".join(name.get(m, m) for m in o["missing_from"])
        click.echo(f"  missing in {missing}: {show(o['text'])}")
        for e in o.get("evidence", []):
            click.echo(
                f"    closest in {name.get(e['article'], e['article'])} "
                f"(score {e['score']}): {show(e['text'] or '')}"
            )
    click.echo(f"\nsummary sentences: {len(info['summary'])}")
    for s in info["summary"]:
        cited = ", ".join(sorted({name.get(a, a) for a in s["articles"]}))
        tag = "disputed" if s.get("disputed") else f"support {s.get('support', 0)}"
        click.echo(f"  [{tag}; cites {cited}] {show(s['text'])}")
        for m in s.get("members", []):
            verdict = "cited" if m["cited"] else "not cited"
            click.echo(
                f"      {verdict}: {name.get(m['article'], m['article'])}, coverage "
                f"{m['coverage']:.2f}{'' if m['agrees'] else ' (does not agree with it)'}: "
                f"{show(m['text'])}"
            )
    if dropped:
        click.echo(f"\ncandidate figure pairs dropped by a rule: {len(info['dropped'])}")
        for d in info["dropped"]:
            a, b = d["claims"]
            where_a, where_b = (
                name.get(a["article"], a["article"]),
                name.get(b["article"], b["article"]),
            )
            click.echo(
                f"  {d['rule']} ({d['reason']}): {a['value']!r} in {where_a}"
                f" / {b['value']!r} in {where_b}"
            )


@cli.command()
@DB_OPTION
def recluster(db: str) -> None:
    """Re-cluster every stored article from scratch, in publication order.

    Ingest places each new article incrementally; this rebuilds all stories and threads
    in one batch (e.g. after changing thresholds).

    Example:

        newsprism recluster --db news.duckdb
    """
    from newsprism.pipeline import cluster_store

    _require_store(db, "ingest")
    with _errors(), Store(db) as store:
        items = cluster_store(store, rebuild=True)
    click.echo(f"{len(items)} stories")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (the only format; accepted for clarity)."
)
@FIELD_OPTION
def extract(paths: tuple[str, ...], as_json: bool, fields: tuple[str, ...]) -> None:
    """Print entities, quotes, dates, quantities and events of each article as JSON.

    Nothing is stored. One object per article: source_path, published, entities, quotes,
    dates, quantities, events; offsets are into the cleaned text, printed as `text`.

    Example:

        newsprism extract examples/ukraine-2022-02/000_831b8eded2297ba4.txt --json
    """
    from newsprism.clean import clean_documents
    from newsprism.extract import canonicalize_extractions, extraction_to_dict
    from newsprism.extract import extract as run_extract
    from newsprism.ingest import IngestConfig, read_paths
    from newsprism.model import IngestFailure, RawDocument

    docs: list[RawDocument] = []
    failed = False
    for item in read_paths(paths, config=IngestConfig(fields=_fields(fields))):
        if isinstance(item, IngestFailure):
            click.echo(f"error: {item}", err=True)
            failed = True
        else:
            docs.append(item)
    with _errors():
        articles = clean_documents(docs)
        extractions = canonicalize_extractions(run_extract(articles))
    out = [
        {
            "source_path": article.source_path,
            "published": article.published_iso,
            "title": article.title,
            "outlet": article.outlet,
            "text": article.text,
            **extraction_to_dict(ex),
        }
        for article, ex in zip(articles, extractions, strict=True)
    ]
    _echo_json(out)
    sys.exit(1 if failed else 0)


@cli.command()
@DB_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind. The default serves this machine only; binding 0.0.0.0 shows "
    "the store to the whole network (it is read-only, but the articles may not be yours to share).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the stories, articles and search of a store as a local web app (read-only).

    Every page has a JSON twin under /api/... (/api/stories, /api/stories/{id},
    /api/articles/{id}); the OpenAPI schema is at /openapi.json.

    Example:

        newsprism serve --db out/newsprism.duckdb --port 8000
    """
    _require_store(db, "analyze")
    try:
        from newsprism.web.app import run
    except ImportError as e:
        raise click.ClickException(
            f"serve needs the web extra: pip install 'newsprism[web]' ({e})"
        ) from e
    click.echo(f"serving {db} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    with _errors():
        run(db, host=host, port=port)


@cli.group("eval")
def eval_group() -> None:
    """Score newsprism's stages on public labelled data sets."""


def _print_scores(scores: dict[str, Any], as_json: bool, indent: int = 0) -> None:
    if as_json:
        _echo_json(scores)
        return
    pad = "  " * indent
    for key, value in scores.items():
        if isinstance(value, dict):
            click.echo(f"{pad}{key}:")
            _print_scores(value, False, indent + 1)
        elif isinstance(value, float):
            click.echo(f"{pad}{key:20} {value:.4f}")
        else:
            click.echo(f"{pad}{key:20} {value}")


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


@eval_group.command("clustering")
@DATA_OPTION
@JSON_FLAG
def eval_clustering(data: str, as_json: bool) -> None:
    """Story and thread clustering on ECB+ (sub-topic = story, topic = thread), or on
    NeuS (a folder with ``train.jsonl``: the first 500 events, one story each).

    Reports B-cubed precision/recall/F1, pairwise F1 and cluster counts per level, and
    (ECB+) the TF-IDF + average-linkage baseline.

    Example:

        newsprism eval clustering --data ../shared/eval/ecbplus --json
        newsprism eval clustering --data ../shared/eval/neus
    """
    from newsprism.evaluate.clustering import evaluate_clustering, evaluate_neus

    if (Path(data) / "train.jsonl").exists():  # NeuS: the first 500 events
        with _errors():
            _print_scores(evaluate_neus(data), as_json)
        return

    with _errors():
        _print_scores(evaluate_clustering(data), as_json)


@eval_group.command("quotes")
@DATA_OPTION
@JSON_FLAG
@click.option("--split", default="dev", show_default=True, help="PolNeAR split to score.")
@click.option(
    "--attributions",
    is_flag=True,
    help="Score PolNeAR's notion of attribution (stances, actions) instead of statements.",
)
def eval_quotes(data: str, as_json: bool, split: str, attributions: bool) -> None:
    """Quote content-span precision/recall/F1 and speaker accuracy on PolNeAR.

    By default the quotes a reader is shown are scored (reported quotes need a clausal
    complement); --attributions scores PolNeAR's wider notion (stances and actions
    towards a noun phrase too).

    Example:

        newsprism eval quotes --data ../shared/eval/polnear --json
    """
    from newsprism.evaluate.quotes import evaluate_quotes

    with _errors():
        scores = evaluate_quotes(data, split=split, statements_only=not attributions)
        _print_scores(scores, as_json)


@eval_group.command("dates")
@DATA_OPTION
@JSON_FLAG
def eval_dates(data: str, as_json: bool) -> None:
    """Temporal expressions on TimeML folders (TempEval-3 strict/relaxed/value scores).

    Example:

        newsprism eval dates --data ../shared/eval/tempeval3 --json
    """
    from newsprism.evaluate.dates import evaluate_dates

    with _errors():
        _print_scores(evaluate_dates(data), as_json)


@eval_group.command("past-dates")
@DATA_OPTION
@JSON_FLAG
def eval_past_dates(data: str, as_json: bool) -> None:
    """Dates resolved after their article's publication under a past-tense verb (#19).

    Reads PolNeAR (train and dev), MEANTIME, NewsWCL50, a TimeML folder or any folder
    ``analyze`` reads; prints the counts and each flagged date with its sentence, for a
    reader to tell the resolver's errors from a past verb governing a future date.

    Example:

        newsprism eval past-dates --data ../shared/eval/polnear --json
    """
    from newsprism.evaluate.past_dates import check_past_dates

    with _errors():
        result = check_past_dates(data)
    if as_json:
        _echo_json(result)
        return
    flagged = result.pop("dates")
    _print_scores(result, False)
    for f in flagged:
        click.echo(f"\n{f['article_id']} ({f['published']}): {f['text']!r} = {f['value']}")
        click.echo(f"  governed by {f['verb']!r} ({f['tag']}): {f['sentence']}")


@eval_group.command("events")
@DATA_OPTION
@JSON_FLAG
def eval_events(data: str, as_json: bool) -> None:
    """The dates of the timeline's events on MEANTIME's event-time links: of the dated
    events whose verb is an anchored gold event mention, the share dated at (exact) or
    within (compatible) the anchor.

    Example:

        newsprism eval events --data ../shared/eval/meantime --json
    """
    from newsprism.evaluate.event_dates import evaluate_event_dates

    with _errors():
        _print_scores(evaluate_event_dates(data), as_json)


@eval_group.command("quantities")
@DATA_OPTION
@JSON_FLAG
def eval_quantities(data: str, as_json: bool) -> None:
    """Quantity value+unit precision/recall/F1 on NewsQuant JSON.

    Example:

        newsprism eval quantities --data ../shared/eval/newsquant --json
    """
    from newsprism.evaluate.quantities import evaluate_quantities

    with _errors():
        _print_scores(evaluate_quantities(data), as_json)


@eval_group.command("compare")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold file of cross-outlet figure comparisons (conflicts-dev.json).",
)
@JSON_FLAG
@click.option(
    "--conflicts",
    type=click.Choice(["rules", "model"]),
    default="rules",
    show_default=True,
    help="How figures are compared: the default rules, or the trained figure models "
    "(experimental; trained on this very file, so its score here is in-sample).",
)
def eval_compare(data: str, as_json: bool, conflicts: str) -> None:
    """Conflicts and changes between outlets, scored on a hand-checked gold set.

    Each gold group (an ECB+ sub-topic, a NewsWCL50 event) is compared as one story;
    the documents are read from the corpora beside the gold file's folder
    (../shared/eval/ecbplus, ../shared/eval/newswcl50). Prints conflict recall and
    precision, false alarms on changes, agreements and near-misses, and change recall.

    Example:

        newsprism eval compare --data ../shared/eval/compare/conflicts-dev.json
    """
    from newsprism.compare import CompareConfig
    from newsprism.evaluate.compare import evaluate_compare

    with _errors():
        scores = evaluate_compare(data, config=CompareConfig(conflicts=conflicts))
    if not as_json:
        scores.pop("false_alarms", None)
        scores.pop("missed_conflicts", None)
    _print_scores(scores, as_json)


def _verdicts_option(help_: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--data``: a JSON-lines file of hand-checked verdicts."""
    return click.option(
        "--data",
        "data",
        required=True,
        type=click.Path(exists=True, dir_okay=False),
        help=help_,
    )


# ``--eval-root`` of the evaluations on hand-checked verdicts, where their rows' articles are.
EVAL_ROOT_OPTION = click.option(
    "--eval-root",
    default="../shared/eval",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding ecbplus/, newswcl50/ and polnear/ (the sample: ../corpus/seeds), "
    "where the rows' articles are read from.",
)


@eval_group.command("citations")
@_verdicts_option(
    "Hand-checked verdicts on summary or agreement citations "
    "(tests/data/summary_citations.jsonl, tests/data/agreement_citations.jsonl)."
)
@EVAL_ROOT_OPTION
@JSON_FLAG
def eval_citations(data: str, eval_root: str, as_json: bool) -> None:
    """Summary and agreement citations, scored on a fact-checker's verdicts.

    Each row is a summary sentence, the article it comes from and another article it
    cited, with the verdict: does that article state the sentence? A row of the
    agreements table also gives the cited sentence, which is judged alone. The pair is
    compared as one story, as the summary and the agreements table cite. Prints
    accuracy, precision (kept citations that are supported), recall (supported citations
    kept) and the unsupported ones kept.

    Example:

        newsprism eval citations --data tests/data/summary_citations.jsonl
    """
    from newsprism.evaluate.citations import evaluate_citations

    with _errors():
        _print_scores(evaluate_citations(data, eval_root), as_json)


@eval_group.command("omissions")
@_verdicts_option("Hand-checked verdicts on omissions (tests/data/omissions.jsonl).")
@EVAL_ROOT_OPTION
@JSON_FLAG
def eval_omissions(data: str, eval_root: str, as_json: bool) -> None:
    """Omissions, scored on a fact-checker's verdicts.

    Each row is an omission once reported: a fact, the articles that carried it, the
    article said to leave it out and the verdict (a real omission, or the fact stated in
    other words, another event in the same story, no fact two outlets share). The
    carriers and the article are compared as one story. Prints precision (reported rows
    that are real omissions), recall (real omissions reported) and the false ones
    reported, by kind.

    Example:

        newsprism eval omissions --data tests/data/omissions.jsonl
    """
    from newsprism.evaluate.omissions import evaluate_omissions

    with _errors():
        _print_scores(evaluate_omissions(data, eval_root), as_json)


@eval_group.command("quote-groups")
@_verdicts_option("Hand-checked pairs of quotes (tests/data/quote_groups.jsonl).")
@EVAL_ROOT_OPTION
@JSON_FLAG
def eval_quote_groups(data: str, eval_root: str, as_json: bool) -> None:
    """Quote groups (one statement rendered by several outlets), scored on judged pairs.

    Each row is a pair of one speaker's quotes in two articles of one event and a
    fact-checker's verdict: one statement, or two different ones on the same matter. The
    event's articles are compared as one story. Prints, for the dev and holdout splits
    and overall, precision (grouped pairs that are one statement) and recall
    (one-statement pairs grouped).

    Example:

        newsprism eval quote-groups --data tests/data/quote_groups.jsonl
    """
    from newsprism.evaluate.quote_groups import evaluate_quote_groups

    with _errors():
        _print_scores(evaluate_quote_groups(data, eval_root), as_json)


@eval_group.command("framing")
@DATA_OPTION
@JSON_FLAG
def eval_framing(data: str, as_json: bool) -> None:
    """Word choice on NewsWCL50: coded concepts found, referent precision, story B-cubed.

    The articles are clustered into stories and each story's framing found as in
    ``analyze``; a coded concept (ACTOR, COUNTRY, GROUP, OBJECT, MISC; two or more phrases
    from two or more outlets) is found when one referent holds two or more of its phrases
    used by two or more outlets.

    On an ECB+ folder it scores the referents' cross-article pass against ECB+'s
    cross-document entity coreference instead (pair precision and recall).

    Example:

        newsprism eval framing --data ../shared/eval/newswcl50 --json
        newsprism eval framing --data ../shared/eval/ecbplus
    """
    from newsprism.evaluate.framing import evaluate_ecb_referents, evaluate_framing

    with _errors():
        if not (Path(data) / "concepts.json").exists():  # ECB+: cross-document entities
            _print_scores(evaluate_ecb_referents(data), as_json)
            return
        scores = evaluate_framing(data)
    if not as_json:
        scores.pop("missed", None)
    _print_scores(scores, as_json)


def main() -> None:  # pragma: no cover - entry point for python -m
    cli()


if __name__ == "__main__":  # pragma: no cover - python -m newsprism.cli
    main()
