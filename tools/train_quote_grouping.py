"""Train the pair model of ``newsprism.compare.quotes.group_quotes`` on judged pairs (#16).

Usage::

    python tools/train_quote_grouping.py [EVAL_DIR] [--out FILE] [--curve]

The rows of ``tests/data/quote_groups.jsonl`` are pairs of one speaker's quotes in two
articles of one event, judged by a fact-checker: one statement, or two. Each row's event is
read and extracted as ``newsprism eval quote-groups`` reads it, its quotes are put into a
:class:`~newsprism.compare.quotes.QuoteSet` as ``group_quotes`` does, and the pair's
:meth:`~newsprism.compare.quotes.QuoteSet.features` are computed. A logistic regression
(scikit-learn, L2, C=1) is fitted on the ``dev`` rows only, so the ``holdout`` rows stay a
test, and written to ``src/newsprism/data/quote_grouping.json`` with that threshold.

The threshold is the lowest of ``CURVE`` at which the dev pairs the model joins are at
least ``PRECISION`` one statement (``--curve`` prints precision and recall on both splits
at each; only dev chooses it).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from _logistic import write_model  # noqa: E402

C = 1.0
PRECISION = 0.9
CURVE = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
DATA = ROOT / "tests" / "data" / "quote_groups.jsonl"


def pair_rows(eval_dir: Path) -> list[tuple[dict[str, float], bool, str]]:
    """(features, one statement?, split) of every judged pair the model decides."""
    from newsprism.compare.quotes import QuoteSet
    from newsprism.compare.text import WORD
    from newsprism.evaluate.hand_checked import read_articles
    from newsprism.evaluate.quote_groups import read_rows
    from newsprism.extract import canonicalize_extractions, extract

    rows = read_rows(DATA)
    wanted = {(r["corpus"], d) for r in rows for d in r["docs"]}
    articles = read_articles(wanted, eval_dir)
    by_id = {a.id: a for a in articles.values()}
    exs = {e.article_id: e for e in canonicalize_extractions(extract(by_id.values()))}
    sets: dict[tuple[str, str], QuoteSet] = {}
    by_story: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by_story[(r["corpus"], r["story"])].append(r)
    out = []
    for (corpus, _story), members in by_story.items():
        story = [articles[(corpus, d)] for d in members[0]["docs"]]
        quotes = [
            q
            for a in story
            if (ex := exs.get(a.id)) is not None and not a.duplicate_of
            for q in ex.quotes
            if len(WORD.findall(q.text)) >= 4
        ]
        qs = sets.setdefault((corpus, _story), QuoteSet(quotes))

        def index(doc: str, side: dict, corpus: str = corpus, qs: QuoteSet = qs) -> int | None:
            aid = articles[(corpus, doc)].id
            return next(
                (
                    k
                    for k, q in enumerate(qs.quotes)
                    if q.article_id == aid and q.start < side["end"] and side["start"] < q.end
                ),
                None,
            )

        for r in members:
            i, j = index(r["a"]["doc"], r["a"]), index(r["b"]["doc"], r["b"])
            if i is None or j is None or not qs.candidate(i, j):
                continue
            out.append((qs.features(i, j), bool(r["same"]), r["split"]))
    return out


def scores(probs: list[float], truth: list[bool], threshold: float) -> tuple[float, float]:
    tp = sum(p >= threshold and t for p, t in zip(probs, truth, strict=True))
    fp = sum(p >= threshold and not t for p, t in zip(probs, truth, strict=True))
    fn = sum(p < threshold and t for p, t in zip(probs, truth, strict=True))
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument(
        "--out", default=str(ROOT / "src" / "newsprism" / "data" / "quote_grouping.json")
    )
    ap.add_argument("--curve", action="store_true")
    args = ap.parse_args()
    rows = pair_rows(Path(args.eval_dir))
    dev = [r for r in rows if r[2] == "dev"]
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _, _ in dev])
    clf = LogisticRegression(C=C, max_iter=1000).fit(x, [t for _, t, _ in dev])
    curves = {}
    for split in ("dev", "holdout"):
        part = [r for r in rows if r[2] == split]
        probs = list(clf.predict_proba(vec.transform([f for f, _, _ in part]))[:, 1])
        curves[split] = [scores(probs, [t for _, t, _ in part], t) for t in CURVE]
        if args.curve:
            for t, (p, r) in zip(CURVE, curves[split], strict=True):
                print(f"{split:8} threshold {t:.2f}  precision {p:.3f}  recall {r:.3f}")
    threshold = next(
        (t for t, (p, _) in zip(CURVE, curves["dev"], strict=True) if p >= PRECISION), CURVE[-1]
    )
    about = (
        "P(two renderings are one statement) for one speaker's quotes in two outlets; "
        f"tools/train_quote_grouping.py on the dev split of tests/data/quote_groups.jsonl "
        f"({len(dev)} pairs)"
    )
    kept = write_model(Path(args.out), vec, clf, about=about, threshold=threshold, min_weight=0.0)
    print(f"{len(dev)} dev pairs, {kept} weights, threshold {threshold} -> {args.out}")


if __name__ == "__main__":
    main()
