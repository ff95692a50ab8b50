"""Train the figure-alignment model (``src/newsprism/data/figure_alignment.json``).

Supervision: the hand-checked development gold set of cross-outlet figure comparisons
(``../shared/eval/compare/conflicts-dev.json``). Every figure newsprism extracts from a
gold group's documents is matched to the gold claims (same document, same number, the
gold snippet in its sentence); a pair of figures is *the same quantity* when both match
claims of one item labelled conflict, change, agreement or compatible near-miss, and
*not the same* when they match claims of a near-miss about different things, of two
different items, or (values incompatible) of no item at all: the gold set's builders
read every group in full, so an unlisted pair of unequal figures is no conflict.

The threshold of each finding type is chosen on out-of-fold scores (folds by topic, so
no topic's pairs train the model that scores them): the highest conflict recall with
false alarms at most 0.05, then the best change recall. The figures printed are those
out-of-fold scores: the honest estimate on unseen topics. The shipped model is then
fitted on every fold.

    python tools/train_figure_alignment.py [--eval ../shared/eval] [--cache extr.pkl]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsprism.compare import independence_keys, split_claims
from newsprism.compare.figures import (
    DISPUTE_FEATURES,
    FEATURES,
    AlignmentModel,
    LogisticModel,
    candidate_mask,
    compatibility,
    decide,
    dispute_features,
    figures_of,
    pair_features,
    pair_json,
)
from newsprism.evaluate import compare as ec

OUT = (
    Path(__file__).resolve().parent.parent / "src" / "newsprism" / "data" / "figure_alignment.json"
)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _pieces(snippet: str) -> list[str]:
    return [p for p in (_norm(x) for x in snippet.split("…")) if len(p) >= 12]


data_match = {}


def group_data(items, groups, exs):
    """Per group: figures, features, candidate mask, labels (1, 0 or -1 unknown), keys."""
    by_group = defaultdict(list)
    for it in items:
        by_group[it.group].append(it)
    data = {}
    for g, arts in groups.items():
        keys = independence_keys(arts)
        figs = []
        for a in arts:
            ex = exs[a.id]
            sents = [(c.start, c.end) for c in split_claims(a, ex)]
            figs.extend(figures_of(a, ex, sents)[0])
        feats = pair_features(figs)
        cand = candidate_mask(figs, keys)
        # gold claim(s) each figure stands for
        match = defaultdict(set)  # figure index -> {(item index, same-quantity?)}
        for it in by_group[g]:
            for c in it.claims:
                primary = ec.figure_numbers(re.split(r"[,;(]", c.value)[0])
                in_doc = [
                    i
                    for i, f in enumerate(figs)
                    if f.article_id == c.doc and f.quantity.value in (primary or c.numbers)
                ]
                pieces = _pieces(c.snippet)
                exact = [
                    i for i in in_doc if any(p in _norm(figs[i].sentence_text) for p in pieces)
                ]
                for i in exact or in_doc:
                    match[i].add(it.index)
        label = np.full(cand.shape, -1, dtype=int)
        item_same = {it.index: (it.label != "different" or it.compatible) for it in by_group[g]}
        compat = compatibility(figs)
        for i, j in zip(*np.nonzero(cand), strict=True):
            shared = match[i] & match[j]
            if shared:
                label[i, j] = int(any(item_same[k] for k in shared))
            elif match[i] and match[j]:
                label[i, j] = 0
            elif not compat[i, j]:
                label[i, j] = 0
        data[g] = (figs, feats, cand, label, keys)
        data_match[g] = match
    return data


def fit(x, y, features):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=0.3, class_weight="balanced", max_iter=3000)
    clf.fit((x - mean) / scale, y)
    return LogisticModel(tuple(features), mean, scale, clf.coef_[0], float(clf.intercept_[0]))


def xy(data, groups):
    """Alignment training rows: candidate pairs with a known label."""
    xs, ys = [], []
    for g in groups:
        _, feats, cand, label, _ = data[g]
        m = cand & (label >= 0)
        xs.append(feats[m])
        ys.append(label[m])
    return np.concatenate(xs), np.concatenate(ys)


def dispute_xy(data, disputes_label, dfeats, groups):
    """Dispute training rows: candidate pairs whose values are incompatible."""
    xs, ys = [], []
    for g in groups:
        figs, _, cand, _, _ = data[g]
        m = cand & ~compatibility(figs)
        xs.append(dfeats[g][m])
        ys.append(disputes_label[g][m])
    return np.concatenate(xs), np.concatenate(ys)


def findings(data, probs, disputes, thresholds):
    out = {}
    for g, (figs, _feats, _cand, _label, keys) in data.items():
        p, d = probs[g], disputes[g]
        pairs = decide(figs, keys, np.maximum(p, p.T), np.maximum(d, d.T), thresholds)
        out[g] = [pair_json(x) for x in pairs if x.kind in ("conflict", "change")]
    return out


def topic(g):
    return g if g.startswith("wcl") else g.split("_")[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    ap.add_argument("--cache", help="pickle of extractions to reuse (written if missing)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    gold = Path(args.eval) / "compare" / "conflicts-dev.json"
    items = ec.load_gold(gold)
    groups = ec.load_group_articles(args.eval, items)
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        exs = pickle.loads(cache.read_bytes())
    else:
        exs = ec.extract_groups(groups)
        if cache:
            cache.write_bytes(pickle.dumps(exs))
    data = group_data(items, groups, exs)
    # dispute labels: both figures stand for claims of one conflict or change item
    by_index = {it.index: it for it in items}
    dlabel = {}
    for g, (_figs, _feats, cand, _label, _keys) in data.items():
        match = data_match[g]
        lab = np.zeros(cand.shape, dtype=int)
        for i, j in zip(*np.nonzero(cand), strict=True):
            shared = match[i] & match[j]
            lab[i, j] = int(any(by_index[k].label in ("conflict", "change") for k in shared))
        dlabel[g] = lab | lab.T
    x, y = xy(data, data)
    print(f"alignment pairs: {len(y)} ({int(y.sum())} same quantity)", file=sys.stderr)
    topics = sorted({topic(g) for g in data})
    fold_of = {t: k % args.folds for k, t in enumerate(topics)}
    probs, dfeats, disputes = {}, {}, {}
    for k in range(args.folds):
        train = [g for g in data if fold_of[topic(g)] != k]
        model = fit(*xy(data, train), FEATURES)
        for g in data:
            figs, feats, *_ = data[g]
            if fold_of[topic(g)] == k:
                p = model.score(feats)
                probs[g] = np.maximum(p, p.T)
                dfeats[g] = dispute_features(figs, feats, probs[g])
    for k in range(args.folds):
        train = [g for g in data if fold_of[topic(g)] != k]
        dmodel = fit(*dispute_xy(data, dlabel, dfeats, train), DISPUTE_FEATURES)
        for g in data:
            if fold_of[topic(g)] == k:
                d = dmodel.score(dfeats[g])
                disputes[g] = np.maximum(d, d.T)
    dx, dy = dispute_xy(data, dlabel, dfeats, data)
    print(f"dispute pairs: {len(dy)} ({int(dy.sum())} disagreements)", file=sys.stderr)
    best = None
    for ta in (0.3, 0.5, 0.7):
        for tc in [round(t, 3) for t in np.arange(0.5, 1.0, 0.025)]:
            th = {"align": ta, "conflict": tc, "change": tc}
            s = ec.score_findings(items, findings(data, probs, disputes, th))
            f1 = (
                2
                * s["conflict_recall"]
                * s["conflict_precision"]
                / max(1e-9, s["conflict_recall"] + s["conflict_precision"])
            )
            print(
                ta,
                tc,
                s["conflict_recall"],
                s["conflict_precision"],
                s["false_alarm_rate"],
                s["change_recall"],
                s["change_precision"],
                file=sys.stderr,
            )
            key = (s["false_alarm_rate"] <= 0.05, round(f1, 4), s["change_recall"])
            if best is None or key > best[0]:
                best = (key, th, s)
    _, thresholds, scores = best
    summary = {k: v for k, v in scores.items() if not isinstance(v, list)}
    print("chosen", thresholds, "out-of-fold:", json.dumps(summary), file=sys.stderr)
    align = fit(x, y, FEATURES)
    full = {}
    for g, (figs, feats, *_rest) in data.items():
        p = align.score(feats)
        full[g] = dispute_features(figs, feats, np.maximum(p, p.T))
    dispute = fit(*dispute_xy(data, dlabel, full, data), DISPUTE_FEATURES)
    doc = AlignmentModel(align, dispute, thresholds).to_json()
    doc["_about"] = (
        "Figure models trained by tools/train_figure_alignment.py on conflicts-dev.json; "
        f"thresholds chosen on {args.folds}-fold out-of-fold scores (folds by topic), which "
        "were: " + json.dumps(summary)
    )
    Path(args.out).write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
