"""Score quote extraction on PolNeAR (brat standoff attribution annotations).

Layout read (``path`` may be the PolNeAR root, its ``data`` folder or a split folder)::

    data/<split>/text/<doc>.txt
    data/<split>/attributions/<doc>_<annotator>.ann

Some documents were annotated by several annotators; each document is scored against
one file only, that of the alphabetically first annotator id (deterministic, and the
same for every run). Gold attributions are the ``E`` relations with a ``Content`` span
(``Attribution`` and ``Attribution-no-source``); ``Discuss``/``Discard`` are ignored.

Matching (character offsets into the ``.txt``):

* a predicted quote is *correct* when its content span ``[start, end)`` overlaps (shares
  at least one non-space character with) any content span of any gold attribution;
  ``precision`` = correct predictions / predictions;
* a gold attribution is *found* when some predicted content overlaps one of its content
  spans; ``recall`` = found gold attributions / gold attributions; ``f1`` their harmonic
  mean;
* ``speaker_accuracy``: over found gold attributions that have a Source, the prediction
  overlapping the gold content most is taken; its speaker is right when its speaker span
  overlaps the gold Source span, or when its resolved speaker name shares a word (not a
  stop word) with the gold Source text;
* ``char_precision``/``char_recall``/``char_f1``: the stricter character-level overlap of
  all predicted content with all gold content (how well the spans' extents agree).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import EvalDataError
from newsprism.model import Article, Quote

__all__ = ["GoldAttribution", "load_polnear", "evaluate_quotes", "score_documents"]

_STOP = frozenset(
    "the a an of and to in for on at by with from his her its their our your my mr mrs ms "
    "dr who which that he she it they we i you said says".split()
)


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: content spans, (possibly empty) source and cue spans."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    source_text: str
    cue: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    annotator: str
    attributions: tuple[GoldAttribution, ...]


def _split_dir(path: Path, split: str) -> Path:
    for cand in (path / "data" / split, path / split, path):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise EvalDataError(
        f"{path}: no PolNeAR split {split!r} found (expected data/{split}/text and "
        f"data/{split}/attributions); pass the PolNeAR folder with --data"
    )


def _parse_ann(text: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) < 2:
                continue
            label, offs = head
            ranges = []
            for piece in offs.split(";"):
                a, b = piece.split()
                ranges.append((int(a), int(b)))
            spans[parts[0]] = (label, tuple(ranges), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role] = ref
            relations.append(roles)
    out = []
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        if not ("Attribution" in roles or "Attribution-no-source" in roles):
            continue
        content = spans[roles["Content"]][1]
        src = spans.get(roles.get("Source", ""), ("", (), ""))
        cue = spans.get(roles.get("Cue", ""), ("", (), ""))
        out.append(GoldAttribution(content, src[1], src[2], cue[1]))
    return tuple(out)


def load_polnear(
    path: str | Path, split: str = "dev", limit: int | None = None
) -> list[GoldDocument]:
    """Read one PolNeAR split: texts and the first annotator's attributions per document."""
    base = _split_dir(Path(path), split)
    by_doc: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        doc_id, _, annotator = ann.stem.rpartition("_")
        by_doc.setdefault(doc_id, []).append(ann)
    docs = []
    for doc_id in sorted(by_doc):
        txt = base / "text" / f"{doc_id}.txt"
        if not txt.exists():
            continue
        ann = by_doc[doc_id][0]
        text = txt.read_text(encoding="utf-8")
        docs.append(
            GoldDocument(
                doc_id,
                text,
                ann.stem.rpartition("_")[2],
                _parse_ann(ann.read_text(encoding="utf-8")),
            )
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _overlap(a: tuple[int, int], b: tuple[int, int], text: str) -> int:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi <= lo:
        return 0
    return sum(1 for c in text[lo:hi] if not c.isspace())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'’-]+", text.casefold()) if w not in _STOP}


def _speaker_right(pred: Quote, gold: GoldAttribution, text: str) -> bool:
    if pred.speaker_start is not None and pred.speaker_end is not None:
        for s in gold.source:
            if _overlap((pred.speaker_start, pred.speaker_end), s, text) > 0:
                return True
    if pred.speaker:
        return bool(_words(pred.speaker) & _words(gold.source_text))
    return False


def score_documents(docs: Iterable[tuple[GoldDocument, list[Quote]]]) -> dict[str, float | int]:
    """Precision/recall/F1 of content overlap and speaker accuracy over scored documents."""
    n_pred = n_pred_ok = n_gold = n_found = n_spk = n_spk_ok = 0
    char_pred = char_gold = char_both = 0
    n_docs = 0
    for gold_doc, preds in docs:
        n_docs += 1
        text = gold_doc.text
        golds = gold_doc.attributions
        n_gold += len(golds)
        n_pred += len(preds)
        for p in preds:
            if any(_overlap((p.start, p.end), s, text) > 0 for g in golds for s in g.content):
                n_pred_ok += 1
        for g in golds:
            best, best_ov = None, 0
            for p in preds:
                ov = sum(_overlap((p.start, p.end), s, text) for s in g.content)
                if ov > best_ov:
                    best, best_ov = p, ov
            if best is None:
                continue
            n_found += 1
            if g.source:
                n_spk += 1
                n_spk_ok += _speaker_right(best, g, text)
        # Character level: union of predicted vs union of gold content.
        mask_p = bytearray(len(text))
        mask_g = bytearray(len(text))
        for p in preds:
            mask_p[p.start : p.end] = b"\x01" * (p.end - p.start)
        for g in golds:
            for a, b in g.content:
                mask_g[a:b] = b"\x01" * (b - a)
        for i, c in enumerate(text):
            if c.isspace():
                continue
            char_pred += mask_p[i]
            char_gold += mask_g[i]
            char_both += mask_p[i] & mask_g[i]
    precision = n_pred_ok / n_pred if n_pred else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cp = char_both / char_pred if char_pred else 0.0
    cr = char_both / char_gold if char_gold else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(n_spk_ok / n_spk, 4) if n_spk else 0.0,
        "char_precision": round(cp, 4),
        "char_recall": round(cr, 4),
        "char_f1": round(2 * cp * cr / (cp + cr), 4) if cp + cr else 0.0,
        "documents": n_docs,
        "gold": n_gold,
        "predicted": n_pred,
    }


def evaluate_quotes(
    path: str | Path,
    *,
    split: str = "dev",
    limit: int | None = None,
    extractor: Callable[[Article], list[Quote]] | None = None,
    statements_only: bool = True,
) -> dict[str, float | int]:
    """Score quote extraction on a PolNeAR split (default ``dev``); see the module doc.

    ``limit`` scores only the first ``limit`` documents in name order (a fixed subset).
    ``statements_only=False`` scores PolNeAR's notion of attribution (stances and actions
    towards a noun phrase included) instead of the quotes a reader is shown.
    Returns ``precision``, ``recall``, ``f1``, ``speaker_accuracy`` and character-level
    figures, plus the counts they come from.
    """
    from newsprism.extract.entities import extract_entities
    from newsprism.extract.quotes import extract_quotes
    from newsprism.extract.spacy_pass import analyse_many

    docs = load_polnear(path, split, limit)
    articles = [Article(id=d.doc_id, source_path=d.doc_id, text=d.text) for d in docs]

    def run() -> Iterable[tuple[GoldDocument, list[Quote]]]:
        if extractor is not None:
            for d, a in zip(docs, articles, strict=True):
                yield d, extractor(a)
            return
        for d, a, sdoc in zip(docs, articles, analyse_many(a.text for a in articles), strict=True):
            ents = extract_entities(a, sdoc)
            yield d, extract_quotes(a, sdoc, ents, statements_only=statements_only)

    return score_documents(run())
