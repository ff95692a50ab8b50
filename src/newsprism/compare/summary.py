"""An extractive summary: consensus first, then what is disputed; every sentence cited."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newsprism.compare.claims import Claim, ClaimGroup
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.text import WORD, content_tokens, same_figures, stands_alone


def disputed_claims(conflicts: Sequence[Mapping[str, Any]]) -> frozenset[tuple[str, int]]:
    """(article, sentence start) of every claim that is one side of a conflict or change."""
    return frozenset((c["article"], c["start"]) for x in conflicts for c in x["claims"])


def is_disputed(g: ClaimGroup, disputed: frozenset[tuple[str, int]]) -> bool:
    """Whether a member of the group states a figure another outlet contradicts."""
    return any((c.article_id, c.start) in disputed for c in g.claims)


_OPEN, _CLOSE = "\u201c", "\u201d"


def unattributed_quotation(text: str) -> bool:
    """A sentence that is someone's words alone: wholly in quotation marks, or one part of a
    quotation that runs on past it (its marks do not pair up). The summary would state
    them as fact with no speaker: '"Americans who have been fully vaccinated do not need
    a booster shot at this time.' (the FDA's and CDC's words)."""
    t = text.strip().replace("\u2019\u2019", _CLOSE).replace("\u2018\u2018", _OPEN)
    # all marks together: outlets mix them ('is “clinically doing well," said Dr. ...')
    marks = [c for c in t if c in ('"', _OPEN, _CLOSE)]
    if len(marks) % 2:
        return True
    body = t.rstrip(".!?,;: ")
    return len(marks) == 2 and t[:1] in ('"', _OPEN) and body[-1:] in ('"', _CLOSE)


def summarize(
    groups: Sequence[ClaimGroup],
    conflicts: Sequence[dict[str, Any]],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
    figures: Callable[[Claim], frozenset[float]] | None = None,
    states: Callable[[Claim, Claim], bool] | None = None,
    headlines: frozenset[tuple[str, int]] = frozenset(),
) -> list[dict[str, Any]]:
    """An extractive summary: consensus first, then what is disputed; every sentence cited.

    A consensus sentence comes from a group that no conflict touches, and cites only the
    articles whose own sentence is aligned with it and agrees with it (``states``:
    ``Sentences.agrees``, the agreements table's bar: it states it, names whom it names,
    and says about as much) and (``figures`` given: the values of the figures of a
    claim) gives the same figures; with fewer than two independent outlets
    left it is no consensus (#16: a figure one outlet gives was presented as agreed,
    citing articles that did not give it). A headline (``headlines``: (article, start) of
    the claims that repeat an article's title) is stated by a body sentence of its group,
    else left out: "How each candidate could play the battle for New York." is a title,
    not a statement (April 2016 check: 9 of the first 10 one-source sentences were titles).
    """
    disputed = disputed_claims(conflicts)

    def support(g: ClaimGroup) -> int:
        return len({keys[c.article_id] for c in g.claims})

    ranked = sorted(
        (g for g in groups if len(WORD.findall(g.claims[0].text)) >= 6),
        key=lambda g: (-support(g), min(c.position for c in g.claims)),
    )
    chosen: list[dict[str, Any]] = []
    chosen_tokens: list[set[str]] = []
    budget = config.summary_sentences - min(
        len([c for c in conflicts if c["kind"] == "conflict"]), 2
    )
    for g in ranked:
        if len(chosen) >= budget:
            break
        rep = g.representative()
        if (rep.article_id, rep.start) in headlines:
            body = [c for c in g.claims if (c.article_id, c.start) not in headlines]
            if not body:
                continue
            rep = min(body, key=lambda c: (not stands_alone(c.text), c.position))
        if not 8 <= len(WORD.findall(rep.text)) <= 50 or not stands_alone(rep.text):
            continue
        if rep.text.rstrip(" \"'”’)").endswith("?"):
            continue  # a question reports nothing ("Remember New Jersey's epic quest ...?")
        if unattributed_quotation(rep.text):
            continue  # someone's words with no one to say them (NeuS 2200, checked by hand)
        if is_disputed(g, disputed):
            continue  # stated below as disputed, never as consensus
        # Cite the articles whose own sentence carries the representative's fact (#5).
        members = g.supporting(rep, config.align_threshold)
        if figures is not None and (own := figures(rep)):
            members = [c for c in members if c is rep or same_figures(own, figures(c))]
        if states is not None:
            # cite an article only if its own sentence states the fact and names who
            # it names (aligned sentences of one event often say different things)
            members = [c for c in members if c is rep or states(rep, c)]
        if len({keys[c.article_id] for c in members}) < 2 and support(g) >= 2:
            continue  # what the others say of it differs in its figures
        toks = set(content_tokens(rep.text))
        if any(len(toks & t) / max(1, len(toks | t)) > 0.4 for t in chosen_tokens):
            continue  # redundant with a sentence already chosen (MMR-style)
        chosen_tokens.append(toks)
        chosen.append(
            {
                "text": rep.text,
                "articles": list(dict.fromkeys(c.article_id for c in members)),
                "support": len({keys[c.article_id] for c in members}),
                "citations": [
                    {"article": c.article_id, "start": c.start, "end": c.end} for c in members
                ],
            }
        )
    for conflict in [c for c in conflicts if c["kind"] == "conflict"][:2]:
        c1 = conflict["claims"][0]
        c2 = next(
            (c for c in conflict["claims"] if c["value"] != c1["value"]), conflict["claims"][-1]
        )
        chosen.append(
            {
                "text": f"Reports differ on the {conflict['subject']}: "
                f"{c1['value']} in one account, "
                f"{c2['value']} in another.",
                "articles": [c1["article"], c2["article"]],
                "support": 0,
                "disputed": True,
                "citations": [
                    {"article": c["article"], "start": c["start"], "end": c["end"]}
                    for c in (c1, c2)
                ],
            }
        )
    return chosen


def undisputed_title(
    title: str,
    other_titles: Sequence[str | None],
    conflicts: Sequence[Mapping[str, Any]],
    summary: Sequence[Mapping[str, Any]] = (),
) -> str:
    """A story title that states no disputed figure as fact (#16).

    When ``title`` gives a value that is one side of a conflict ("Fifteen injured in bus
    crash" while another outlet says twelve), another member's title without a disputed
    value is used, else the first consensus sentence of the summary, else the title with
    the figure replaced by "[disputed]".
    """
    from newsprism.compare.text import figure_numbers

    values = frozenset(
        v
        for x in conflicts
        if x.get("kind") == "conflict"
        for c in x["claims"]
        for v in figure_numbers(str(c.get("value", "")))
    )
    if not values:
        return title

    def states(text: str) -> bool:
        return bool(figure_numbers(text) & values)

    if not states(title):
        return title
    for other in other_titles:
        if other and not states(other):
            return other
    for s in summary:
        if not s.get("disputed") and not states(s["text"]):
            return str(s["text"])
    # no other wording: mark the disputed figure itself ("[disputed] injured in bus crash")
    return re.sub(
        r"\$?\d[\d,.]*(?:\s?(?:million|billion|thousand|bn|m|k)\b)?|[A-Za-z]+",
        lambda m: "[disputed]" if figure_numbers(m.group(0)) & values else m.group(0),
        title,
    )
