"""Score cross-outlet figure comparison on a hand-checked gold set (``conflicts-dev.json``).

The gold file lists items, each a set of claims ``{doc, value, snippet}`` about one
quantity in one group of documents, labelled ``conflict`` (same quantity, same moment,
incompatible values), ``change`` (the value moved between publication times),
``agreement`` or ``different`` (near-misses: different things, or compatible values).

How it is scored. Each gold group (an ECB+ sub-topic ``<topic>_ecb`` /
``<topic>_ecbplus``, a NewsWCL50 event ``wcl_<n>``) is one story: its documents are read
from the corpora under the evaluation folder (``ecbplus/``, ``newswcl50/``), extracted,
and compared by :func:`newsprism.compare.compare_story` exactly as ``analyze`` compares a
story. Story clustering is scored elsewhere (``eval clustering``); here it would only
blur the comparison's own errors.

A reported conflict or change (one disagreement: two or more claims) *hits* a gold item
when two of its claims lie in two different documents of the item and each claim's figure
is a value the item gives for that document (numbers compared after reading digits and
number words). Then:

- ``conflict_recall``: gold conflicts hit by a reported conflict;
- ``conflict_precision``: reported conflicts (in the gold groups) that hit a gold conflict.
  The gold set was built by reading every group in full, so a reported conflict outside
  it is, by the gold's standard, not a certain conflict;
- ``false_alarm_rate``: gold changes, agreements and near-misses hit by a reported
  conflict, over their number;
- ``change_recall``: gold changes hit by a reported change;
- ``change_precision``: reported changes that hit a gold change.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from newsprism.compare.text import figure_numbers
from newsprism.errors import EvalDataError
from newsprism.model import Article, Extraction

if TYPE_CHECKING:
    from newsprism.compare import CompareConfig

__all__ = [
    "GoldItem",
    "load_gold",
    "load_group_articles",
    "figure_numbers",
    "score_findings",
    "evaluate_compare",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GoldClaim:
    doc: str  # article id: the ECB+ file stem ("4_3ecb") or the NewsWCL50 id ("0_L")
    value: str
    snippet: str
    numbers: frozenset[float]


@dataclass(frozen=True)
class GoldItem:
    """One hand-checked comparison: its label and the claims it compares."""

    index: int
    corpus: str
    group: str
    label: str  # conflict | change | agreement | different
    subject: str
    claims: tuple[GoldClaim, ...]
    compatible: bool = False


def _doc_id(doc: str) -> str:
    return doc.removesuffix(".xml")


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read the gold items of a ``conflicts-*.json`` file."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        items = data["items"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise EvalDataError(f"{p}: not a comparison gold file ({e})") from e
    out = []
    for i, it in enumerate(items):
        claims = tuple(
            GoldClaim(
                doc=_doc_id(c["doc"]),
                value=c["value"],
                snippet=c.get("snippet", ""),
                numbers=figure_numbers(c["value"]),
            )
            for c in it["claims"]
        )
        out.append(
            GoldItem(
                index=i,
                corpus=it["corpus"],
                group=it["group"],
                label=it["label"],
                subject=it.get("subject", ""),
                claims=claims,
                compatible=bool(it.get("compatible", False)),
            )
        )
    return out


# ECB+ text is rebuilt from tokens: "120, 000", "5. 9", "2: 56" are one number each.
_SPLIT_NUMBER = re.compile(r"(?<=\d)(?:, (?=\d{3}\b)|\. (?=\d)|: (?=\d\d\b))")


_SPLIT_AGE = re.compile(r"\b(\d+) - (year|month|week|day)s? - old\b")


def _join_numbers(text: str) -> str:
    text = _SPLIT_AGE.sub(r"\1-\2-old", text)  # "38 - year - old" is "38-year-old"
    return _SPLIT_NUMBER.sub(lambda m: m.group(0)[0], text)


def ecb_groups(root: Path, topics: set[str]) -> dict[str, list[Article]]:
    from newsprism.evaluate.clustering import load_ecbplus

    docs = load_ecbplus(root, topics=[int(t) for t in topics])
    groups: dict[str, list[Article]] = defaultdict(list)
    for d in docs:
        topic, kind = d.subtopic.split("/")
        a = replace(d.article, text=_join_numbers(d.article.text))
        if a.url:  # the outlet is the page's host, as the gold file names it
            host = urlparse(a.url).netloc.lower().removeprefix("www.")
            a = replace(a, outlet=host or None)
        groups[f"{topic}_{kind}"].append(a)
    return groups


def wcl_groups(root: Path) -> dict[str, list[Article]]:
    path = root / "articles.jsonl"
    if not path.exists():
        raise EvalDataError(f"{path}: missing (NewsWCL50 articles)")
    groups: dict[str, list[Article]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        published = None
        if r.get("published"):
            try:
                published = date.fromisoformat(str(r["published"])[:10])
            except ValueError:
                published = None
        text = "\n".join(part for part in (r.get("title"), r.get("text")) if part)
        groups[f"wcl_{r['id'].split('_')[0]}"].append(
            Article(
                id=r["id"],
                source_path=str(path),
                text=text,
                url=r.get("url"),
                outlet=r.get("outlet"),
                published=published,
            )
        )
    return groups


def load_group_articles(
    eval_root: str | Path, items: Iterable[GoldItem]
) -> dict[str, list[Article]]:
    """The articles of every group the gold items name, from the corpora under ``eval_root``."""
    root = Path(eval_root)
    wanted = {it.group for it in items}
    out: dict[str, list[Article]] = {}
    ecb_topics = {g.split("_")[0] for g in wanted if not g.startswith("wcl_")}
    if ecb_topics:
        out.update(ecb_groups(root / "ecbplus", ecb_topics))
    if any(g.startswith("wcl_") for g in wanted):
        out.update(wcl_groups(root / "newswcl50"))
    missing = sorted(wanted - set(out))
    if missing:
        raise EvalDataError(f"{root}: no documents for groups {', '.join(missing)}")
    return {g: out[g] for g in sorted(wanted)}


# --------------------------------------------------------------------------- scoring


def _claim_numbers(claim: Mapping[str, Any]) -> frozenset[float]:
    nums = figure_numbers(str(claim.get("value", "")))
    if "number" in claim and claim["number"] is not None:
        nums = nums | {float(claim["number"])}
    return nums


# approximations are no part of what a side says ("about 150 nautical miles east")
_APPROX_WORDS = frozenset(
    "about around some nearly almost more less than at least over under up to approximately "
    "roughly an estimated".split()
)


def _words(value: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", value)) - _APPROX_WORDS


def _hits(finding: Mapping[str, Any], item: GoldItem) -> bool:
    """The finding's two claims are two documents of the item, each with a value it gives."""
    by_doc: dict[str, frozenset[float]] = defaultdict(frozenset)
    words_of: dict[str, frozenset[str]] = defaultdict(frozenset)
    for g in item.claims:
        by_doc[g.doc] = by_doc[g.doc] | g.numbers
        words_of[g.doc] = words_of[g.doc] | _words(g.value)
    claims = finding["claims"]
    for i, c1 in enumerate(claims):
        for c2 in claims[i + 1 :]:
            if c1["article"] == c2["article"]:
                continue
            n1, n2 = _claim_numbers(c1), _claim_numbers(c2)
            if n1 <= n2 or n2 <= n1:
                # two claims of one side of the disagreement ("$1.2 million" and "1.2m");
                # "43-1" and "45-1" share a part, not their value. One figure told two
                # ways in words ("150 nautical miles east of Aden" / "west of Aden") is
                # two sides when each side's own words are its document's in the gold
                w1, w2 = _words(str(c1.get("value", ""))), _words(str(c2.get("value", "")))
                if not (
                    n1 == n2
                    and w1 - w2
                    and w2 - w1
                    and (w1 - w2) <= words_of.get(c1["article"], frozenset())
                    and (w2 - w1) <= words_of.get(c2["article"], frozenset())
                ):
                    continue
            if n1 & by_doc.get(c1["article"], frozenset()) and n2 & by_doc.get(
                c2["article"], frozenset()
            ):
                return True
    return False


def score_findings(
    items: Sequence[GoldItem], findings: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Score the conflicts/changes found per group (``findings[group]``) against the gold."""
    labels = defaultdict(list)
    for it in items:
        labels[it.label].append(it)
    reported = {
        kind: [(g, f) for g, fs in findings.items() for f in fs if f["kind"] == kind]
        for kind in ("conflict", "change")
    }

    def hit_items(kind: str, gold: Sequence[GoldItem]) -> list[GoldItem]:
        return [it for it in gold if any(g == it.group and _hits(f, it) for g, f in reported[kind])]

    def true_reports(kind: str, gold: Sequence[GoldItem]) -> int:
        return sum(
            1 for g, f in reported[kind] if any(it.group == g and _hits(f, it) for it in gold)
        )

    non_conflicts = labels["change"] + labels["agreement"] + labels["different"]
    found_conflicts = hit_items("conflict", labels["conflict"])
    found_changes = hit_items("change", labels["change"])
    alarms = hit_items("conflict", non_conflicts)
    n_conf, n_change = len(reported["conflict"]), len(reported["change"])

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "conflict_recall": ratio(len(found_conflicts), len(labels["conflict"])),
        "conflict_precision": ratio(true_reports("conflict", labels["conflict"]), n_conf),
        "false_alarm_rate": ratio(len(alarms), len(non_conflicts)),
        "change_recall": ratio(len(found_changes), len(labels["change"])),
        "change_precision": ratio(true_reports("change", labels["change"]), n_change),
        "counts": {
            "gold_conflicts": len(labels["conflict"]),
            "gold_changes": len(labels["change"]),
            "gold_agreements": len(labels["agreement"]),
            "gold_different": len(labels["different"]),
            "reported_conflicts": n_conf,
            "reported_changes": n_change,
            "conflicts_found": len(found_conflicts),
            "changes_found": len(found_changes),
            "false_alarms": len(alarms),
        },
        "false_alarms": [f"{it.group} {it.label}: {it.subject}" for it in alarms],
        "missed_conflicts": [
            f"{it.group}: {it.subject}" for it in labels["conflict"] if it not in found_conflicts
        ],
    }


def extract_groups(
    groups: Mapping[str, Sequence[Article]],
    *,
    extract_fn: Callable[[list[Article]], list[Extraction]] | None = None,
) -> dict[str, Extraction]:
    """Extractions of every article of the groups, keyed by article id."""
    from newsprism.extract import extract

    articles = [a for arts in groups.values() for a in arts]
    run = extract_fn or (lambda arts: list(extract(arts)))
    return {x.article_id: x for x in run(articles)}


def compare_groups(
    groups: Mapping[str, Sequence[Article]],
    extractions: Mapping[str, Extraction],
    *,
    config: CompareConfig | None = None,
) -> dict[str, dict[str, Any]]:
    """The comparison of each group, compared as one story."""
    from newsprism.compare import DEFAULT_COMPARE, compare_story

    cfg = config or DEFAULT_COMPARE
    return {
        g: compare_story(list(arts), dict(extractions), config=cfg) for g, arts in groups.items()
    }


def evaluate_compare(
    data: str | Path,
    *,
    eval_root: str | Path | None = None,
    extractions: Mapping[str, Extraction] | None = None,
    config: CompareConfig | None = None,
) -> dict[str, Any]:
    """Score conflicts and changes on a comparison gold file.

    ``eval_root`` is the folder holding the corpora the file names (``ecbplus/``,
    ``newswcl50/``); by default the folder above the gold file's folder
    (``../shared/eval`` for ``../shared/eval/compare/conflicts-dev.json``).
    """
    items = load_gold(data)
    root = Path(eval_root) if eval_root is not None else Path(data).resolve().parent.parent
    groups = load_group_articles(root, items)
    exs = dict(extractions) if extractions is not None else extract_groups(groups)
    compared = compare_groups(groups, exs, config=config)
    findings = {g: doc["conflicts"] for g, doc in compared.items()}
    scores = score_findings(items, findings)
    scores["groups"] = len(groups)
    scores["articles"] = sum(len(a) for a in groups.values())
    return scores
