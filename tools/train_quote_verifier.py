"""Train the learned quote verifier of ``newsprism.extract.quotes`` on PolNeAR.

Usage::

    python tools/train_quote_verifier.py [--data ../shared/eval/polnear] [--out FILE]

The rules of :func:`newsprism.extract.quotes.quote_candidates` run over the PolNeAR
*train* split; a candidate is a positive when its content shares a non-space character
with the content of a gold attribution (the precision criterion of ``newsprism eval
quotes``). Features are :func:`newsprism.extract.quotes.verify_features`. A logistic
regression (scikit-learn, L2) is fitted; its strength ``C`` and the keep threshold are
chosen by 5-fold cross-validation over documents, maximising the quote F1 of the folds'
held-out documents (``score_documents``). The dev split is never used here: it is what
``newsprism eval quotes`` scores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _logistic import write_model  # noqa: E402

from newsprism.evaluate.quotes import (  # noqa: E402
    GoldDocument,
    _overlap,
    load_polnear,
    score_documents,
)
from newsprism.extract.entities import extract_entities  # noqa: E402
from newsprism.extract.quotes import quote_candidates  # noqa: E402
from newsprism.extract.spacy_pass import analyse_many  # noqa: E402
from newsprism.model import Article, Quote  # noqa: E402

CS = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 15))


def _overlaps(q: Quote, doc: GoldDocument) -> bool:
    """Whether ``q``'s content is correct by the scorer's rule (overlaps some gold content)."""
    return any(
        _overlap((q.start, q.end), s, doc.text) > 0 for g in doc.attributions for s in g.content
    )


def candidates(data: Path, split: str) -> list[tuple[GoldDocument, list]]:
    docs = load_polnear(data, split)
    out = []
    for doc, sdoc in zip(docs, analyse_many(d.text for d in docs), strict=True):
        art = Article(id=doc.doc_id, source_path=doc.doc_id, text=doc.text)
        out.append((doc, quote_candidates(art, sdoc, extract_entities(art, sdoc))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    ap.add_argument("--out", type=Path, default=ROOT / "src/newsprism/data/quote_verifier.json")
    args = ap.parse_args()
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = candidates(args.data, "train")
    rows = [
        (di, q, f, int(_overlaps(q, d))) for di, (d, cands) in enumerate(docs) for q, f in cands
    ]
    vec = DictVectorizer()
    x = vec.fit_transform([f for _, _, f, _ in rows])
    y = np.array([lab for *_, lab in rows])
    fold = np.array([di % 5 for di, *_ in rows])
    everything = score_documents((d, [q for q, _ in c]) for d, c in docs)
    print(f"{len(rows)} candidates, {int(y.sum())} positive; all kept: F1 {everything['f1']}")
    best = (-1.0, 0.0, 0.0)
    for c in CS:
        prob = np.zeros(len(rows))
        for k in range(5):
            clf = LogisticRegression(C=c, max_iter=3000)
            clf.fit(x[fold != k], y[fold != k])
            prob[fold == k] = clf.predict_proba(x[fold == k])[:, 1]
        for t in THRESHOLDS:
            kept: dict[int, list[Quote]] = {i: [] for i in range(len(docs))}
            for (di, q, _, _), p in zip(rows, prob, strict=True):
                if p >= t:
                    kept[di].append(q)
            f1 = float(score_documents((d, kept[i]) for i, (d, _) in enumerate(docs))["f1"])
            if f1 > best[0]:
                best = (f1, c, t)
        print(f"C={c}: best so far F1 {best[0]:.4f} (C={best[1]}, threshold {best[2]})")
    f1, c, t = best
    clf = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    about = (
        "quote verifier, logistic regression on PolNeAR train candidates "
        f"({len(rows)} candidates, {int(y.sum())} overlapping gold content; cross-validated "
        f"F1 {f1:.4f} at C={c}); see tools/train_quote_verifier.py"
    )
    kept = write_model(args.out, vec, clf, about=about, threshold=t, min_weight=0.02)
    print(f"{kept} weights, threshold {t} -> {args.out}")


if __name__ == "__main__":
    main()
