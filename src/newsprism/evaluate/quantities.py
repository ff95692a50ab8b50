"""Score quantity extraction on NewsQuant (JSON list of sentences with gold quantities).

Each gold quantity has a ``value`` (a number, or a range "low-high") and a
``normalized_unit``. :func:`newsprism.extract.quantities.find_quantities` runs on each
sentence (without the parser: ``measures`` is not scored) and system quantities are
matched one-to-one to gold quantities of the same sentence.

Matching rule (value + unit):

- value: equal within a relative tolerance of 1e-6 (absolute values: NewsQuant stores the
  direction of a change apart from the number). A gold range "a-b" matches a system range,
  i.e. the two quantities newsprism reports over one span (low "at least", high "up to")
  with the same bounds (bounds compared as a set: gold "4.8-4.7" for "from 4.8 to 4.7").
- unit: gold ``normalized_unit`` and system ``unit`` are compared after a small alias table
  for spellings that differ between the two vocabularies (newsprism says "percent" where
  NewsQuant says "percentage", "dollar" for "united states dollar"). A count (system unit
  None) matches a gold unit that is a counted noun ("customer", "people", "-", "count"),
  i.e. any gold unit that is not a unit of measurement or currency newsprism knows.

Precision = matched / system quantities, recall = matched / gold quantities.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.extract.quantities import CURRENCY_PRE, UNITS_CI, UNITS_CS, find_quantities

__all__ = ["evaluate_quantities"]

_ALIASES = {
    "percent": "percentage",
    "united states dollar": "dollar",
    "us dollar": "dollar",
    "pound": "pound-mass",
    "penny": "pence",
}
_KNOWN_UNITS = {
    *(_ALIASES.get(u, u) for u in UNITS_CI.values()),
    *(_ALIASES.get(u, u) for u in UNITS_CS.values()),
    *(_ALIASES.get(u, u) for u in CURRENCY_PRE.values()),
    "year of age",
    "month of age",
}


def _canon_unit(unit: str | None) -> str | None:
    """Canonical unit name for matching, or None for a count."""
    if unit is None:
        return None
    parts = [_ALIASES.get(part, part) for part in unit.strip().lower().split(" per ")]
    unit = " per ".join(parts)
    base = parts[0]
    if unit in _KNOWN_UNITS or base in _KNOWN_UNITS:
        return unit
    return None  # a counted noun: "customer", "people", "-", "count"


def _parse_value(value: str) -> tuple[float, ...] | None:
    text = str(value).replace(" ", "")
    try:
        return (abs(float(text)),)
    except ValueError:
        pass
    parts = [p for p in text.split("-") if p]
    try:
        return tuple(sorted(abs(float(p)) for p in parts)) if len(parts) == 2 else None
    except ValueError:
        return None


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(
        math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(a, b, strict=True)
    )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_quantities(path: str | Path, *, details: bool = False) -> dict[str, Any]:
    """Score :func:`find_quantities` on a NewsQuant JSON file (or a folder of them).

    Returns ``precision``, ``recall``, ``f1`` (value + unit, see the module docstring),
    ``value_precision/recall/f1`` (value alone) and the counts ``sentences``, ``gold``,
    ``system``, ``matched``. ``details=True`` adds the unmatched items under ``errors``.
    """
    root = Path(path)
    files = sorted(root.glob("*.json")) if root.is_dir() else [root]
    if not files:
        raise NewsprismError(f"{root}: no NewsQuant .json file found")
    n_gold = n_sys = matched = value_matched = sentences = 0
    errors: list[dict[str, Any]] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise NewsprismError(f"{file}: cannot read NewsQuant JSON ({e})") from e
        for item in data:
            sentences += 1
            text = item["text"]
            gold = []
            for q in item.get("quantities", []):
                v = _parse_value(q["value"])
                if v is not None:
                    gold.append((v, _canon_unit(q.get("normalized_unit")), q))
            # Group system quantities: one span with two values is a range.
            groups: dict[tuple[int, int], list[Any]] = {}
            for q in find_quantities(text, with_measures=False):
                if q.kind in ("ordinal", "repeat"):
                    # "the sixth straight day", "scored twice": NewsQuant annotates neither
                    continue
                groups.setdefault((q.start, q.end), []).append(q)
            system = []
            for qs in groups.values():
                values = tuple(sorted(abs(q.value) for q in qs))
                system.append((values, _canon_unit(qs[0].unit), qs[0]))
            n_gold += len(gold)
            n_sys += len(system)
            for strict in (True, False):
                used: set[int] = set()
                for g_value, g_unit, _g in gold:
                    for i, (s_value, s_unit, _s) in enumerate(system):
                        if i in used or not _same(g_value, s_value):
                            continue
                        if strict and g_unit != s_unit:
                            continue
                        used.add(i)
                        break
                if strict:
                    matched += len(used)
                    strict_used = used
                else:
                    value_matched += len(used)
            if details:
                for i, (s_value, _s_unit, s) in enumerate(system):
                    if i not in strict_used:
                        errors.append({"text": text, "system": s.text, "value": s_value,
                                       "unit": s.unit})  # fmt: skip
                errors.append({"text": text, "gold": [
                    (g["value"], g["normalized_unit"]) for _v, _u, g in gold]})  # fmt: skip
    p = matched / n_sys if n_sys else 0.0
    r = matched / n_gold if n_gold else 0.0
    vp = value_matched / n_sys if n_sys else 0.0
    vr = value_matched / n_gold if n_gold else 0.0
    result: dict[str, Any] = {
        "sentences": sentences,
        "gold": n_gold,
        "system": n_sys,
        "matched": matched,
        "precision": p,
        "recall": r,
        "f1": _f1(p, r),
        "value_precision": vp,
        "value_recall": vr,
        "value_f1": _f1(vp, vr),
    }
    if details:
        result["errors"] = errors
    return result
