"""The story's dated events, merged across articles."""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from newsprism.compare.claims import Claim, _whole_quotations
from newsprism.compare.text import _content_tokens
from newsprism.model import Article, Extraction

_SPEECH_ACTIONS = frozenset(
    "say tell add note state mention claim stress allege report describe "
    "write quote insist argue explain reiterate believe think".split()
)


def build_timeline(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    claims_by_article: dict[str, list[Claim]] | None = None,
) -> list[dict[str, Any]]:
    """The story's dated events, merged across articles, each citing its articles.

    An event's sentence is shown as the claim holding it (``claims_by_article``, from
    :func:`split_claims`; found again when not given), so a sentence split inside a
    quotation shows whole.

    An event that ended more than ``BACKGROUND_DAYS`` before the story's first article
    ("the 2014 Minsk protocol", "last December") is marked ``background``: context the
    outlets recalled, not a development of the story.
    """
    days = [d for a in articles if (d := a.published_date) is not None]
    first = min(days) if days else None
    merged: list[dict[str, Any]] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None:
            continue
        # A sentence split inside a quotation ('"... Get. It. OUT," Noem tweeted Monday')
        # is shown whole, as the claims are.
        if claims_by_article is not None and a.id in claims_by_article:
            passages = [(c.start, c.end) for c in claims_by_article[a.id]]
        else:
            passages = _whole_quotations(a.text, ex.sentences) if ex.sentences else []
        starts = [p for p, _ in passages]
        for ev in ex.events:
            # a time of day ("12:00 UTC Monday": 2009-06-01T12:00Z) dates its day
            when = ev.date.split("T")[0] if ev.date else None
            if not when or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", when):
                continue
            if ev.action in _SPEECH_ACTIONS:
                continue
            k = bisect.bisect_right(starts, ev.start) - 1
            if (
                k >= 0
                and passages[k][0] <= ev.start < passages[k][1]
                and (passages[k][1] - passages[k][0] > ev.end - ev.start)
            ):
                ev = replace(ev, start=passages[k][0], end=passages[k][1],
                             text=a.text[passages[k][0] : passages[k][1]])  # fmt: skip
            text = ev.text.strip()
            toks = set(_content_tokens(text))
            entry = next(
                (
                    e
                    for e in merged
                    if e["date"] == when
                    and (
                        e["action"] == ev.action
                        and (e["actor"] or "").lower() == (ev.actor or "").lower()
                        or _jaccard(toks, e["_tokens"]) >= 0.5
                    )
                ),
                None,
            )
            if entry is None:
                entry = {
                    "date": when,
                    "actor": ev.actor,
                    "action": ev.action,
                    "target": ev.target,
                    "text": text,
                    "articles": [],
                    "citations": [],
                    "_tokens": toks,
                }
                merged.append(entry)
            if a.id not in entry["articles"]:
                entry["articles"].append(a.id)
                entry["citations"].append({"article": a.id, "start": ev.start, "end": ev.end})
            if len(text) < len(entry["text"]):
                entry["text"] = text
    for e in merged:
        del e["_tokens"]
        end = _period_end(e["date"])
        e["background"] = bool(first and end and end < first - timedelta(days=BACKGROUND_DAYS))
    return sorted(merged, key=lambda e: (e["date"], -len(e["articles"])))


BACKGROUND_DAYS = 30


def _period_end(value: str) -> date | None:
    """Last day of an ISO date, month or year ("2014" -> 2014-12-31)."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, calendar.monthrange(y, m)[1])
        return date.fromisoformat(value)
    except ValueError:
        return None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
