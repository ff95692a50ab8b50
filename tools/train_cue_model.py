"""Train the learned attribution-cue detector of ``newsprism.extract.quotes`` on PolNeAR.

Usage::

    python tools/train_cue_model.py [--data ../shared/eval/polnear] [--out FILE]

Every verb, auxiliary and noun of every sentence of the PolNeAR *train* split is a
candidate; it is a positive when it lies inside the Cue span of a gold attribution (one
with a Content span). Features are :func:`newsprism.extract.quotes.cue_features` (lemma,
tags, dependency label, the labels and prepositions of its children, its subject's kind,
its head, whether it sits inside a quotation, whether the lexicon knows it). A logistic
regression (scikit-learn, L2, C=0.3) is fitted; weights below 0.05 in absolute value are
dropped to keep the file small. The dev split is never used here: it is what ``newsprism
eval quotes`` scores. The extractor uses the detector only for verbs its lexicon lacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _logistic import write_model  # noqa: E402

from newsprism.evaluate.quotes import load_polnear  # noqa: E402
from newsprism.extract.quotes import cue_features  # noqa: E402
from newsprism.extract.spacy_pass import analyse_many, parsed_sentences  # noqa: E402

THRESHOLD = 0.1  # a candidate cue; the quote verifier decides. Among 0.4/0.15/0.05 the
# verifier's cross-validated F1 on PolNeAR train was 0.8033/0.8141/0.8127 (2026-12-01);
# with the extractor of 2026-12-02, 0.15 (before the block-quotation rule)/0.1/0.05 gave
# 0.8328/0.8335/0.8328.


def features(data: Path, split: str) -> tuple[list[dict[str, float]], list[int]]:
    docs = load_polnear(data, split)
    xs, ys = [], []
    for doc, sdoc in zip(docs, analyse_many(d.text for d in docs), strict=True):
        cues = [g.cue for g in doc.attributions if g.cue]
        for sent in parsed_sentences(sdoc, lambda s: True):
            for tok in sent.parse or ():
                if tok.pos_ not in ("VERB", "AUX", "NOUN"):
                    continue
                a, b = sent.start(tok), sent.end(tok)
                xs.append(cue_features(tok, sent, doc.text))
                ys.append(int(any(x <= a and b <= z for cue in cues for x, z in cue)))
    return xs, ys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    ap.add_argument("--out", type=Path, default=ROOT / "src/newsprism/data/cue_model.json")
    args = ap.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = features(args.data, "train")
    vec = DictVectorizer()
    clf = LogisticRegression(C=0.3, max_iter=3000)
    clf.fit(vec.fit_transform(xs), ys)
    about = (
        "attribution-cue detector, logistic regression on PolNeAR train "
        f"({len(ys)} candidate tokens, {sum(ys)} in cues); see tools/train_cue_model.py"
    )
    kept = write_model(args.out, vec, clf, about=about, threshold=THRESHOLD, min_weight=0.05)
    print(f"{kept} weights -> {args.out}")


if __name__ == "__main__":
    main()
