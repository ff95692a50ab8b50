"""Score date extraction on TimeML (.tml) files with the TempEval-3 definitions.

For each document the text inside ``<TEXT>`` is recovered with its ``<TIMEX3>`` spans, the
document creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``, never scored)
becomes the reference date, and :func:`newsprism.extract.dates.find_dates` runs on the text.

- strict: a system mention matches a gold one when both extents are identical;
- relaxed: when the extents overlap (each gold and system mention is matched at most once);
- value/type: over relaxed matches, ``value_accuracy`` is the share with the gold value;
  ``value_f1`` uses precision = correct values / system mentions and recall = correct
  values / gold mentions (TempEval-3's attribute F1 = relaxed F1 × attribute accuracy).
  Values are compared after canonical spelling (ISO week numbers zero-padded, "198X" = "198").

Files with the same name found twice under ``path`` (TBAQ-cleaned ships a copy of one
TimeBank file in ``testpipeline/``) are scored once.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.extract.dates import find_dates

__all__ = ["evaluate_dates", "read_timeml"]

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: extent in the recovered text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


def _unescape_with_offsets(raw: str, out: list[str]) -> int:
    """Append the unescaped ``raw`` to ``out``; return the number of characters added."""
    pos = 0
    added = 0
    for m in _ENTITY.finditer(raw):
        out.append(raw[pos : m.start()])
        added += m.start() - pos
        ch = html.unescape(m.group())
        out.append(ch)
        added += len(ch)
        pos = m.end()
    out.append(raw[pos:])
    return added + len(raw) - pos


def read_timeml(path: str | Path) -> tuple[str, dt.date | None, list[GoldTimex]]:
    """Return the plain text of ``<TEXT>``, the creation date and the gold TIMEX3s."""
    source = Path(path).read_text(encoding="utf-8")
    dct: dt.date | None = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", source):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            value = attrs.get("value", "")
            try:
                dct = dt.date.fromisoformat(value[:10])
            except ValueError:
                dct = None
            break
    a = source.find("<TEXT>")
    b = source.find("</TEXT>")
    if a == -1 or b == -1:
        raise NewsprismError(f"{path}: no <TEXT> element; not a TimeML document")
    body = source[a + len("<TEXT>") : b]
    out: list[str] = []
    length = 0
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        length += _unescape_with_offsets(body[pos : m.start()], out)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    _unescape_with_offsets(body[pos:], out)
    text = "".join(out)
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    return text, dct, gold


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _norm_value(value: str) -> str:
    """Canonical spelling of a TimeML value, so equal values written differently match.

    The gold data writes some ISO weeks without zero padding ("2000-W7") and some decades
    with a trailing X ("198X"); both mean the same as "2000-W07" and "198".
    """
    value = value.strip().upper()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


def evaluate_dates(path: str | Path, *, details: bool = False) -> dict[str, Any]:
    """Score :func:`find_dates` on every ``.tml`` file under ``path`` (TempEval-3 metrics).

    Returns ``strict_precision/recall/f1``, ``relaxed_precision/recall/f1``, ``value_f1``,
    ``value_accuracy``, ``type_accuracy`` and the counts ``documents``, ``gold``,
    ``system``. With ``details=True`` a list of value errors is added under ``errors``.
    """
    root = Path(path)
    files = sorted(root.rglob("*.tml")) if root.is_dir() else [root]
    if not files:
        raise NewsprismError(f"{root}: no .tml files found; point --data at a TimeML folder")
    seen: set[str] = set()
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = docs = 0
    errors: list[dict[str, str]] = []
    for file in files:
        if file.name in seen:
            continue
        seen.add(file.name)
        text, dct, gold = read_timeml(file)
        system = find_dates(text, dct)
        docs += 1
        n_gold += len(gold)
        n_sys += len(system)
        used: set[int] = set()
        gold_exact = {(g.start, g.end) for g in gold}
        strict += sum(1 for s in system if (s.start, s.end) in gold_exact)
        for g in gold:
            # Prefer the exact extent, then the largest overlap.
            best, best_overlap = None, 0
            for i, s in enumerate(system):
                if i in used:
                    continue
                overlap = min(g.end, s.end) - max(g.start, s.start)
                if overlap > 0 and (s.start, s.end) == (g.start, g.end):
                    best = i
                    break
                if overlap > best_overlap:
                    best, best_overlap = i, overlap
            if best is None:
                if details:
                    errors.append({"file": file.name, "gold": g.text, "gold_value": g.value,
                                   "system": "", "system_value": "MISSED"})  # fmt: skip
                continue
            used.add(best)
            relaxed += 1
            s = system[best]
            if _norm_value(s.value) == _norm_value(g.value):
                value_ok += 1
            elif details:
                errors.append({"file": file.name, "gold": g.text, "gold_value": g.value,
                               "system": s.text, "system_value": s.value})  # fmt: skip
            type_ok += s.type == g.type
        if details:
            for i, s in enumerate(system):
                if i not in used:
                    errors.append({"file": file.name, "gold": "", "gold_value": "SPURIOUS",
                                   "system": s.text, "system_value": s.value})  # fmt: skip
    sp = strict / n_sys if n_sys else 0.0
    sr = strict / n_gold if n_gold else 0.0
    rp = relaxed / n_sys if n_sys else 0.0
    rr = relaxed / n_gold if n_gold else 0.0
    vp = value_ok / n_sys if n_sys else 0.0
    vr = value_ok / n_gold if n_gold else 0.0
    result: dict[str, Any] = {
        "documents": docs,
        "gold": n_gold,
        "system": n_sys,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": _f1(sp, sr),
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": _f1(rp, rr),
        "value_precision": vp,
        "value_recall": vr,
        "value_f1": _f1(vp, vr),
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
    }
    if details:
        result["errors"] = errors
    return result
