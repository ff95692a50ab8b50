"""One key per place however an outlet spells it: "Salonika" and "Thessaloniki", "Kiev"
and "Kyiv", "Bombay" and "Mumbai".

The other names of cities of 100,000 people or more come from GeoNames (CC BY 4.0),
shipped as ``data/place_aliases.tsv.gz`` and rebuilt by ``tools/build_place_aliases.py``
(rules there). Names are compared case-folded and without accents, so "Thessaloníki" and
"Thessaloniki" are one too.
"""

from __future__ import annotations

import functools
import gzip
import unicodedata
from importlib import resources

__all__ = ["fold", "place_key"]


def fold(name: str) -> str:
    """``name`` case-folded, without accents, its spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    data = resources.files("newsprism").joinpath("data", "place_aliases.tsv.gz")
    out: dict[str, str] = {}
    with gzip.open(str(data), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            alias, _, name = line.rstrip("\n").partition("\t")
            out.setdefault(fold(alias), fold(name))
    return out


@functools.lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """The case-folded, accent-free name of the place ``name`` is another name of, or of
    ``name`` itself when it is no known alias."""
    folded = fold(name)
    return _aliases().get(folded, folded)
