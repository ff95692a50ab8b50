"""A realistic story document over the bundled sample, for the report and web tests (#6).

Until the comparison stage (#5) stores its own analyses, these tests need a story document
with real article ids and the offsets of real sentences. :func:`sample_stories` builds one
from the stored sample articles by locating hand-picked sentences in their cleaned text;
:func:`build_sample_db` ingests the sample and saves the documents. Also used by
``benchmarks/bench_web.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "ukraine-2022-02"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


def _by_file(store: Any) -> dict[str, Any]:
    return {Path(a.source_path).name[:3]: a for a in store.articles()}


def _span(article: Any, needle: str) -> dict[str, Any]:
    start = article.text.index(needle)
    return {"article": article.id, "start": start, "end": start + len(needle), "text": needle}


def _entry(a: Any) -> dict[str, Any]:
    return {
        "id": a.id,
        "source_path": a.source_path,
        "outlet": a.outlet,
        "published": a.published_iso,
        "url": a.url,
        "title": a.title,
    }


def sample_stories(store: Any) -> list[dict[str, Any]]:
    """Two story documents (the 20 Feb call, the 8 Feb visit) over the stored sample."""
    a = _by_file(store)
    aj, ri, wi, ut, sp = a["000"], a["001"], a["002"], a["003"], a["004"]
    call = [aj, ri, wi, sp]
    ids = [x.id for x in call]
    readout = (
        "Attention was drawn to ongoing effort by NATO countries to pump Ukraine full of "
        "modern weapons and ammunition, which is pushing Kiev toward a military solution to "
        "the so-called Donbass problem"
    )
    story = {
        "id": "s-macron-putin-call",
        "title": "Macron and Putin agree to intensify diplomacy in 105-minute call",
        "thread": "t-ukraine-2022-02",
        "articles": [_entry(x) for x in call],
        "first": "2022-02-20",
        "last": "2022-02-21",
        "outlets": sorted({x.outlet for x in call if x.outlet}),
        "summary": [
            {
                "text": "Putin and Macron agreed these efforts should be carried out by foreign "
                "ministers and representatives from France, Germany, Russia and Ukraine, which "
                "make up the Normandy negotiations group.",
                "articles": [aj.id, wi.id, sp.id],
            },
            {
                "text": "Further discussions are to be held between the US Secretary of State "
                "Antony Blinken and Russian Minister of Foreign Affairs Sergey Lavrov on "
                "February 24.",
                "articles": [ri.id, wi.id],
            },
            {
                "text": "In the phone conversation lasting 105 minutes, Macron’s office said he "
                "and Putin agreed on “the need to favour a diplomatic solution to the ongoing "
                "crisis and to do everything to achieve one”, adding French foreign minister "
                "Jean-Yves Le Drian and his Russian counterpart Sergey Lavrov would meet “in the "
                "coming days”.",
                "articles": [aj.id],
            },
        ],
        "timeline": [
            {
                "date": "2014",
                "text": "The so-called Minsk protocol, which in 2014 had already called for a "
                "ceasefire in eastern Ukraine.",
                "articles": [aj.id],
                "background": True,
            },
            {
                "date": "2022-02-20",
                "text": "Macron and Putin speak by phone about the crisis in eastern Ukraine.",
                "articles": [aj.id, ri.id, sp.id],
            },
            {
                "date": "2022-02-21",
                "text": "Macron calls Putin again, his second call to the Kremlin in 24 hours.",
                "articles": [wi.id],
            },
            {
                "date": "2022-02-24",
                "text": "Blinken and Lavrov are due to meet.",
                "articles": [ri.id, wi.id],
            },
            {
                "date": "2022-02-18",
                "text": "The breakaway republics announce a general mobilization.",
                "articles": [sp.id],
            },
        ],
        "conflicts": [
            {
                "subject": "Length of the 20 February call",
                "kind": "conflict",
                "claims": [
                    {
                        "value": "105 minutes",
                        **_span(aj, "In the phone conversation lasting 105 minutes"),
                    },
                    {
                        "value": "45 minutes",
                        **_span(
                            ri,
                            "The Elysée Palace described the meeting, which lasted for 45 minutes, "
                            "as Macron’s last-minute diplomatic effort to avert the Russian "
                            "invasion of Ukraine.",
                        ),
                    },  # noqa: E501
                ],
            },
            {
                "subject": "Russian troops near Ukraine",
                "kind": "change",
                "claims": [
                    {
                        "value": "over 100,000",
                        **_span(ut, "Moscow has massed over 100,000 troops near Ukraines borders"),
                    },  # noqa: E501
                    {
                        "value": "about 150,000",
                        **_span(
                            aj,
                            "which is surrounded on three sides by about 150,000 Russian soldiers, "
                            "warplanes and equipment",
                        ),
                    },  # noqa: E501
                ],
            },
        ],
        "quotes": [
            {
                "speaker": "Kremlin",
                "text": readout,
                "articles": ids,
                "variants": [
                    {"article": sp.id, "text": readout},
                    {
                        "article": wi.id,
                        "text": "Attention is drawn to the ongoing pumping by the NATO "
                        "countries of Ukraine of modern weapons and ammunition, which is pushing "
                        "Kiev towards a military solution to the so-called Donbass problem",
                    },
                    {
                        "article": aj.id,
                        "text": "A Kremlin statement said Putin and Macron discussed the supply "
                        "of weapons and ammunition by NATO countries to Ukraine, which the "
                        "Kremlin said was pushing Kyiv towards a “military solution” against "
                        "separatists in the country’s east.",
                    },
                ],
            },
            {
                "speaker": "Jen Psaki",
                "text": "We are always ready for diplomacy.",
                "articles": [ri.id],
                "variants": [{"article": ri.id, "text": "We are always ready for diplomacy."}],
            },
        ],
        "agreements": [
            {
                "text": "Blinken and Lavrov are to meet on February 24.",
                "articles": [ri.id, wi.id],
            },
            {
                "text": "Putin urged the US and NATO to take Russia's security demands seriously.",
                "articles": [aj.id, wi.id, sp.id, ri.id],
            },
        ],
        "omissions": [
            {
                "text": "Macron also spoke with US President Joe Biden on Sunday.",
                "articles": [ri.id, wi.id],
                "missing_from": [sp.id],
            }
        ],
        "exclusives": [
            {
                "text": "NATO has estimated there are 30,000 Russian troops in Belarus.",
                "articles": [aj.id],
            }
        ],
        "framing": [
            {
                "referent": "Ukraine's capital",
                "terms": {"Kyiv": [aj.id, ri.id], "Kiev": [wi.id, sp.id]},
            },
            {
                "referent": "the eastern region",
                "terms": {"Donbass": [wi.id, sp.id], "eastern Ukraine": [aj.id, ri.id]},
            },  # noqa: E501
        ],
        "coverage": {
            "facts": [
                {
                    "text": "Both leaders agreed to work for a ceasefire on the contact line.",
                    "articles": [aj.id, ri.id, sp.id],
                }
            ]
        },
    }
    visit = {
        "id": "s-macron-kyiv-visit",
        "title": "Macron says Putin told him Russia won't escalate the Ukraine crisis",
        "thread": "t-ukraine-2022-02",
        "articles": [_entry(ut)],
        "first": "2022-02-08",
        "last": "2022-02-08",
        "outlets": [ut.outlet],
        "summary": [
            {
                "text": "French President Emmanuel Macron said Tuesday that Russian President "
                "Vladimir Putin told him that Moscow would not further escalate the Ukraine "
                "crisis.",
                "articles": [ut.id],
            }
        ],
        "timeline": [
            {
                "date": "2022-02-07",
                "text": "Macron and Putin meet in Moscow for more than five hours.",
                "articles": [ut.id],
            },  # noqa: E501
            {"date": "2022-02-08", "text": "Macron meets Zelenskyy in Kyiv.", "articles": [ut.id]},
        ],
        "conflicts": [],
        "quotes": [],
        "agreements": [],
        "omissions": [],
        "framing": [],
    }
    return [story, visit]


def hostile_stories(store: Any) -> list[dict[str, Any]]:
    """A story over the hostile test articles: crafted titles, quotes, terms and URLs."""
    arts = [x for x in store.articles() if "hostile" in x.source_path]
    evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    first = arts[0]
    span = first.text.index("<script>")
    return [
        {
            "id": "s-hostile",
            "title": "Hostile " + evil,
            "thread": evil,
            "articles": [_entry(x) | {"url": "javascript:window.__pwned=3"} for x in arts],
            "summary": [{"text": "Summary " + evil, "articles": [x.id for x in arts]}],
            "timeline": [{"date": evil, "text": evil, "articles": [first.id]}],
            "conflicts": [
                {
                    "subject": evil,
                    "kind": evil,
                    "claims": [
                        {
                            "value": evil,
                            "text": evil,
                            "article": first.id,
                            "start": span,
                            "end": span + 40,
                        },  # noqa: E501
                        {
                            "value": "x",
                            "text": "y",
                            "article": "no-such-article",
                            "start": "a",
                            "end": None,
                        },  # noqa: E501
                    ],
                }
            ],
            "quotes": [
                {
                    "speaker": evil,
                    "text": evil,
                    "articles": [first.id],
                    "variants": [{"article": first.id, "text": evil}],
                }
            ],  # noqa: E501
            "agreements": [{"text": evil, "articles": [first.id]}],
            "omissions": [{"text": evil, "articles": [first.id], "missing_from": ["<b>x</b>"]}],
            "framing": [{"referent": evil, "terms": {evil: [first.id]}}],
        },
        # A story id that would escape the output folder if used as a file name.
        {"id": "../../escape<script>", "title": "Traversal", "articles": "not a list"},
    ]


def build_sample_db(out_dir: Path, *, hostile: bool = False) -> Path:
    """Ingest the sample (and the hostile files) into ``out_dir/newsprism.duckdb`` and save
    the story documents; return the database path."""
    from newsprism.pipeline import ingest
    from newsprism.store import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "newsprism.duckdb"
    paths = [SAMPLE] + ([HOSTILE] if hostile else [])
    with Store(db) as store:
        ingest(paths, store)
        docs = sample_stories(store)
        if hostile:
            docs += hostile_stories(store)
        store.save_story_documents(docs)
    return db


if __name__ == "__main__":  # python tests/story_fixture.py OUT_DIR
    import sys

    path = build_sample_db(Path(sys.argv[1]), hostile="--hostile" in sys.argv)
    print(json.dumps({"db": str(path)}))


def analyze_to(out: Path, *paths: Path) -> Path:
    """Run ``newsprism analyze`` on ``paths`` into ``out``; return the store's path (#21)."""
    from click.testing import CliRunner

    from newsprism.cli import cli

    result = CliRunner().invoke(cli, ["analyze", *map(str, paths), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "newsprism.duckdb"


def dev_corpora(eval_dir: Path, out: Path) -> dict[str, Path]:
    """JSONL files of two development corpora: ECB+ topic 1 and NewsWCL50 events 0-4."""
    from newsprism.evaluate.clustering import load_ecbplus

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    ecb = eval_dir / "ecbplus" / "ECB+"
    if ecb.is_dir():
        path = files["ecb+ topic 1"] = out / "ecb1.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for doc in load_ecbplus(ecb, topics=[1]):
                a = doc.article
                row = {"id": a.id, "title": a.title, "text": a.text, "url": a.url}
                row |= {"outlet": a.outlet, "published": a.published_iso}
                f.write(json.dumps(row) + "\n")
    wcl = eval_dir / "newswcl50" / "articles.jsonl"
    if wcl.is_file():
        path = files["newswcl50 events 0-4"] = out / "wcl.jsonl"
        rows = [json.loads(line) for line in wcl.read_text(encoding="utf-8").splitlines() if line]
        keep = [r for r in rows if str(r.get("id", "")).split("_")[0] in {"0", "1", "2", "3", "4"}]
        path.write_text("".join(json.dumps(r) + "\n" for r in keep), encoding="utf-8")
    return files
