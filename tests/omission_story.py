"""A three-outlet story for the omission tests: two carriers and the article "c"."""

from __future__ import annotations

import datetime as dt

from newsprism.compare import compare_story
from newsprism.extract import extract
from newsprism.model import Article


def omitters(carrier_text: str, text_of_c: str, day: dt.date, day_of_c: dt.date) -> list[str]:
    """The articles the comparison says omit a fact, in a story of two carriers of
    ``carrier_text`` ("a", "b", published ``day``) and "c" (``text_of_c``, ``day_of_c``)."""
    arts = [
        Article(id="a", source_path="a.txt", outlet="Daily A", published=day, text=carrier_text),
        Article(id="b", source_path="b.txt", outlet="Herald B", published=day, text=carrier_text),
        Article(
            id="c", source_path="c.txt", outlet="Courier C", published=day_of_c, text=text_of_c
        ),
    ]
    exs = {x.article_id: x for x in extract(arts)}
    return [m for o in compare_story(arts, exs)["omissions"] for m in o["missing_from"]]
