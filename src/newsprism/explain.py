"""Why a story's comparison says what it says: claim groups, evidence, scores and rules.

:func:`explain_story` recomputes one stored story's comparison with tracing on and returns
its claim groups (the sentences aligned across outlets, with their pair scores), each
conflict and change with the two claims and its confidence, each omission with the best
sentence the "omitting" outlet has for it and that sentence's score, each summary sentence
with the articles that support it and, for each other aligned sentence, whether it
supports and agrees with the sentence (its coverage of the sentence's content words; an
aligned sentence is cited when it agrees), and every candidate
pair of figures a named rule dropped (with the rule and its reason). ``newsprism explain
STORY_ID`` prints it.
"""

from __future__ import annotations

from typing import Any

from newsprism.errors import NewsprismError
from newsprism.store import Store

__all__ = ["explain_story", "UnknownStoryError"]


class UnknownStoryError(NewsprismError):
    """No story with that id is in the store."""


def _summary_evidence(
    summary: list[dict[str, Any]],
    groups: Any,
    claims_by_article: dict[str, Any],
    articles: Any,
    extractions: Any,
) -> list[dict[str, Any]]:
    """Each summary sentence with, per aligned sentence of another article, its coverage of
    the sentence's content words, whether it supports it, and whether it agrees with it
    (:meth:`Sentences.agrees`: what decides a citation)."""
    from newsprism.compare import story_persons
    from newsprism.compare.omissions import Sentences

    sentences = Sentences(
        {a.id: claims_by_article[a.id] for a in articles if not a.duplicate_of},
        persons=story_persons(articles, extractions),
    )
    member = {(c.article_id, c.start): (g, c) for g in groups for c in g.claims}
    out = []
    for s in summary:
        entry = dict(s)
        rep = next(
            (
                member[k]
                for c in s["citations"]
                if (k := (c["article"], c["start"])) in member and member[k][1].text == s["text"]
            ),
            None,
        )
        if rep is not None and not s.get("disputed"):
            group, claim = rep
            cited = {(c["article"], c["start"]) for c in s["citations"]}
            entry["members"] = [
                {
                    "article": c.article_id,
                    "start": c.start,
                    "text": c.text,
                    "cited": (c.article_id, c.start) in cited,
                    "coverage": round(float(sentences.coverage(claim, c)), 3),
                    "supports": sentences.supports(claim, c),
                    # what decides a consensus citation (#16): it carries the sentence and
                    # says about as much as it does (Sentences.agrees)
                    "agrees": sentences.agrees(claim, c),
                }
                for c in group.claims
                if c is not claim
            ]
        out.append(entry)
    return out


def explain_story(store: Store, story_id: str) -> dict[str, Any]:
    """The evidence behind one story's findings (see the module docstring)."""
    from newsprism.compare import (
        DEFAULT_COMPARE,
        align_claims,
        compare_story,
        independence_keys,
        split_claims,
    )
    from newsprism.compare.conflicts import RULE_REASONS, find_conflicts
    from newsprism.compare.text import WORD
    from newsprism.extract import entity_renamer

    stories = {s.id: s for s in store.stories()}
    story = stories.get(story_id)
    if story is None:
        matches = [k for k in stories if k.startswith(story_id)]
        if len(matches) != 1:
            known = ", ".join(sorted(stories)[:5])
            raise UnknownStoryError(
                f"no story {story_id!r} in {store.path} (stories: {known}"
                f"{', ...' if len(stories) > 5 else ''}); `newsprism stories` lists them"
            )
        story = stories[matches[0]]
    rename = entity_renamer(store.iter_extractions())
    articles = sorted(
        store.articles(ids=list(story.articles)), key=lambda a: (a.published_iso or "", a.id)
    )
    extractions = {i: rename(x) for i, x in store.extractions(list(story.articles)).items()}
    keys = independence_keys(articles)
    claims_by_article = {a.id: split_claims(a, extractions.get(a.id)) for a in articles}
    claims = [
        c
        for a in articles
        if not a.duplicate_of
        for c in claims_by_article[a.id]
        if len(WORD.findall(c.text)) >= DEFAULT_COMPARE.min_claim_words
    ]
    groups = align_claims(claims, keys)
    dropped: list[dict[str, Any]] = []
    find_conflicts(articles, extractions, claims_by_article, keys, dropped=dropped)
    doc = compare_story(articles, extractions, claims=claims_by_article)
    label = {a.id: a.outlet or f"unknown outlet ({a.id})" for a in articles}
    return {
        "story": story.id,
        "title": story.title,
        "articles": [{"id": a.id, "outlet": label[a.id], "title": a.title} for a in articles],
        "claim_groups": [
            {
                "articles": g.articles,
                "outlets": len({keys[c.article_id] for c in g.claims}),
                "claims": [
                    {"article": c.article_id, "start": c.start, "end": c.end, "text": c.text}
                    for c in g.claims
                ],
                "scores": [
                    {"a": i, "b": j, "score": round(s, 3)} for (i, j), s in sorted(g.scores.items())
                ],
            }
            for g in groups
            if len({keys[c.article_id] for c in g.claims}) >= 2
        ],
        "conflicts": doc["conflicts"],
        "quote_groups": [q for q in doc["quotes"] if len(q["articles"]) >= 2],
        "omissions": doc["omissions"],
        "summary": _summary_evidence(
            doc["summary"], groups, claims_by_article, articles, extractions
        ),
        "dropped": [
            {**d, "reason": RULE_REASONS.get(d["rule"], "")}
            for d in dropped
            if len(d["claims"]) == 2
        ],
        "dropped_figures": [
            {**d, "reason": RULE_REASONS.get(d["rule"], "")}
            for d in dropped
            if len(d["claims"]) == 1
        ],
        "rules": RULE_REASONS,
    }
