"""The dates of the timeline's events, scored on MEANTIME's event-time links (#16, #19).

MEANTIME (NewsReader, English, corpora apple and gm) annotates event mentions, time
expressions and the temporal links between them (``TLINK``). An event that a link puts
inside a date (``IS_INCLUDED``) or at it (``SIMULTANEOUS``) happened at that date: "GM
filed for bankruptcy on June 1" is anchored at 2009-06-01, and an event anchored at the
article's creation time happened on the day of the article.

Every event :func:`newsprism.extract.events.extract_events` dates is matched with a gold
event mention of its sentence by its verb (the mention's token is a form of the event's
action); the score is over the matched events whose gold mention has an anchor:

- ``exact``: the event's date is the anchor's value;
- ``compatible``: one contains the other ("2009-06" and "2009-06-01");
- ``wrong``: anything else (a date of another event of the sentence, a year that only
  qualifies a noun: "ahead of the 2020 election").

``accuracy`` is (exact + compatible) / matched. The articles are rebuilt from the CAT XML
tokens (one line per sentence), published at their creation time.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from newsprism.model import Article

__all__ = ["GoldDocument", "evaluate_event_dates", "load_meantime"]

_ANCHORS = frozenset({"IS_INCLUDED", "SIMULTANEOUS"})


@dataclass(frozen=True)
class GoldDocument:
    """One MEANTIME article: its text and its anchored event mentions."""

    doc_id: str
    text: str
    published: dt.date
    anchored: tuple[tuple[int, int, str, str], ...]  # (start, end, token, anchor value)


def _document(path: Path) -> GoldDocument | None:
    root = ElementTree.parse(path).getroot()
    tokens = {
        t.get("t_id", ""): (t.get("sentence", ""), html.unescape(t.text or ""))
        for t in root.iter("token")
    }
    timex = {
        t.get("m_id", ""): t
        for t in root.iter("TIMEX3")
        if t.get("type") in {"DATE", "TIME"} and t.get("value")
    }
    dct = next(
        (
            t.get("value", "")
            for t in timex.values()
            if t.get("functionInDocument") == "CREATION_TIME"
        ),
        "",
    )
    if not tokens or not re.match(r"\d{4}-\d\d-\d\d", dct):
        return None
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, sentence = 0, None
    for t_id, (sent, word) in tokens.items():
        if parts:
            parts.append("\n" if sent != sentence else " ")
            pos += 1
        offsets[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        sentence = sent
    events = {
        e.get("m_id", ""): [a.get("t_id", "") for a in e.iter("token_anchor")]
        for e in root.iter("EVENT_MENTION")
    }
    anchored = []
    for link in root.iter("TLINK"):
        src, tgt = link.find("source"), link.find("target")
        if link.get("reltype") not in _ANCHORS or src is None or tgt is None:
            continue
        source, target = src.get("m_id", ""), tgt.get("m_id", "")
        if events.get(source) and target in timex:
            first = events[source][0]
            start, end = offsets[first]
            anchored.append((start, end, tokens[first][1], timex[target].get("value", "")))
    return GoldDocument(
        path.stem, "".join(parts), dt.date.fromisoformat(dct[:10]), tuple(sorted(anchored))
    )


def load_meantime(path: str | Path) -> Iterator[GoldDocument]:
    """The MEANTIME intra-document articles under ``path`` (the ``meantime`` folder)."""
    for f in sorted(Path(path).glob("intra-doc_annotation/corpus_*/*.xml")):
        doc = _document(f)
        if doc is not None:
            yield doc


def _forms_of(action: str, word: str) -> bool:
    """Whether ``word`` (a gold mention's token) is a form of the verb ``action``."""
    from newsprism.extract.spacy_pass import verb_lemmas

    low = word.lower()
    return action in verb_lemmas(low) or low.startswith(action[: max(3, len(action) - 1)])


def _verdict(ours: str, gold: str) -> str:
    if ours == gold:
        return "exact"
    if gold.startswith(ours) or ours.startswith(gold):
        return "compatible"
    return "wrong"


def evaluate_event_dates(path: str | Path, *, examples: int = 0) -> dict[str, Any]:
    """Score the events' dates on MEANTIME (see the module docstring); ``examples`` wrong
    ones are listed with their sentence, date and the anchor's value."""
    from newsprism.extract.events import extract_events

    counts = {"documents": 0, "dated": 0, "matched": 0, "exact": 0, "compatible": 0, "wrong": 0}
    wrong: list[dict[str, str]] = []
    for doc in load_meantime(path):
        counts["documents"] += 1
        article = Article(
            id=doc.doc_id, source_path=doc.doc_id, text=doc.text, published=doc.published
        )
        for ev in extract_events(article):
            if not ev.date:
                continue
            counts["dated"] += 1
            gold = [
                value
                for start, _end, word, value in doc.anchored
                if ev.start <= start < ev.end and _forms_of(ev.action, word)
            ]
            if not gold:
                continue
            counts["matched"] += 1
            verdict = max(
                (_verdict(ev.date, g) for g in gold), key=("wrong", "compatible", "exact").index
            )
            counts[verdict] += 1
            if verdict == "wrong" and len(wrong) < examples:
                wrong.append(
                    {"text": ev.text, "action": ev.action, "date": ev.date, "gold": gold[0]}
                )
    matched = counts["matched"] or 1
    out: dict[str, Any] = dict(counts)
    out["accuracy"] = round((counts["exact"] + counts["compatible"]) / matched, 4)
    out["exact_rate"] = round(counts["exact"] / matched, 4)
    if examples:
        out["wrong_examples"] = wrong
    return out
