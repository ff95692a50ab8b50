"""The bundled sample articles as raw Articles (file text, no cleaning), for extractor tests.

Extractor tests build articles straight from the files so they do not depend on the
cleaning stage; pipeline tests use the `seed_articles` fixture (cleaned) instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsprism.model import Article

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ukraine-2022-02"
# Publication dates of the bundled samples (from their outlets' pages).
PUBLISHED = {
    "000": date(2022, 2, 21),
    "001": date(2022, 2, 21),
    "002": date(2022, 2, 21),
    "003": date(2022, 2, 8),
    "004": date(2022, 2, 20),
}


def raw_seed_article(prefix: str, published: date | None = None) -> Article:
    """The sample file whose name starts with ``prefix`` ("000".."004"), as an Article."""
    path = next(SAMPLE.glob(f"{prefix}_*.txt"))
    return Article(
        id=prefix, source_path=str(path), text=path.read_text(encoding="utf-8"), published=published
    )
