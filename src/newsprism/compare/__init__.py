"""Compare the outlets of one story: agreements, conflicts, omissions, quote variants,
framing, timeline and a cited summary.

Everything is computed from the articles' cleaned text and their extractions; nothing here
knows any outlet or story. Articles that copy another article (``duplicate_of``) count
once: "independent" below means distinct outlets (or distinct articles whose outlet is
unknown), with copies mapped to their original.

- **Claims** are sentences. Claims of different articles are aligned when their TF-IDF
  cosine (content words, light stemming) is high, with entity, number and date overlap
  as extra evidence; a group never holds two claims of one article.
- **Conflicts** compare like with like (DESIGN-NOTES): two quantities of independent
  articles that measure the same kind of thing (same unit dimension, the same head noun or
  the same class of event noun, no differing place qualifier) whose value ranges, widened
  by their approximation words ("about", "more than"), do not overlap. When both articles
  have known, different publication days the pair is a ``change`` over time instead.
- **Framing** pairs are spelling or label variants for one referent learned from the data:
  proper-noun forms that differ by a small edit and are used by complementary sets of
  outlets, and substitutions found by aligning the words of claims that report one fact;
  each pair is scored with the weighted log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.compare.claims import (
    Claim,
    ClaimGroup,
    align_claims,
    independence_keys,
    split_claims,
)
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.conflicts import find_conflicts
from newsprism.compare.figures import find_figure_conflicts
from newsprism.compare.framing import clear_caches, find_framing
from newsprism.compare.omissions import Sentences, find_omissions
from newsprism.compare.quotes import group_quotes
from newsprism.compare.summary import disputed_claims, is_disputed, summarize
from newsprism.compare.text import WORD, stands_alone
from newsprism.compare.timeline import build_timeline
from newsprism.model import Article, Extraction

__all__ = [
    "DEFAULT_COMPARE",
    "Claim",
    "ClaimGroup",
    "CompareConfig",
    "align_claims",
    "build_timeline",
    "clear_caches",
    "compare_story",
    "find_framing",
    "group_quotes",
    "independence_keys",
    "split_claims",
    "story_persons",
    "stands_alone",
]


def _figure_values(articles: Sequence[Article], extractions: Mapping[str, Extraction]) -> Any:
    """A function giving the values of the figures (quantities) inside a claim."""
    by_article = {
        a.id: sorted(
            (q.start, q.value) for q in getattr(extractions.get(a.id), "quantities", ()) or ()
        )
        for a in articles
    }

    def values(claim: Claim) -> frozenset[float]:
        return frozenset(
            v
            for start, v in by_article.get(claim.article_id, [])
            if claim.start <= start < claim.end
        )

    return values


def _flat(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def headline_claims(
    articles: Sequence[Article], claims_by_article: Mapping[str, Sequence[Claim]]
) -> frozenset[tuple[str, int]]:
    """(article, start) of every claim that repeats its article's title, or a part of it
    when the text opens with the title ("Superdelegates?" "Dems have too many, the GOP too
    few.")."""
    out = set()
    for a in articles:
        title = (a.title or "").strip()
        flat = _flat(title)
        opening = a.text.find(title) if title and len(title) >= 12 else -1
        head_end = opening + len(title) if 0 <= opening <= 3 else -1
        for c in claims_by_article.get(a.id, ()):
            if flat and (_flat(c.text) == flat or c.start < head_end):
                out.add((a.id, c.start))
    return frozenset(out)


def story_persons(
    articles: Sequence[Article], extractions: Mapping[str, Extraction]
) -> frozenset[str]:
    """Canonical names the story's mentions label PERSON most often ("Donbass", once
    taken for a person, is not one)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        for e in getattr(extractions.get(a.id), "entities", ()):
            labels[e.canonical][e.label] += 1
    return frozenset(n for n, c in labels.items() if c.most_common(1)[0][0] == "PERSON")


def align_story(
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    claims_by_article: Mapping[str, Sequence[Claim]],
    keys: Mapping[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> tuple[list[ClaimGroup], Sentences]:
    """The story's claim groups (claims of independent outlets aligned as one fact) and
    the :class:`Sentences` that say which sentence states, supports or carries which."""
    aligned = [
        c
        for a in articles
        if not a.duplicate_of
        for c in claims_by_article.get(a.id, ())
        if len(WORD.findall(c.text)) >= config.min_claim_words
    ]
    groups = align_claims(aligned, dict(keys), config=config)
    sentences = Sentences(
        {a.id: list(claims_by_article.get(a.id, [])) for a in articles if not a.duplicate_of},
        persons=story_persons(articles, extractions),
    )
    return groups, sentences


def _agreeing(
    group: ClaimGroup, sentences: Sentences, headlines: frozenset[tuple[str, int]]
) -> list[Claim]:
    """The members of a claim group that agree with its representative
    (:meth:`Sentences.agrees`), the representative first; headlines are no statements of
    fact and agree with nothing. Empty when the representative is one."""
    rep = group.representative()
    if (rep.article_id, rep.start) in headlines:
        return []
    return [rep] + [
        c
        for c in group.claims
        if c is not rep and (c.article_id, c.start) not in headlines and sentences.agrees(rep, c)
    ]


def compare_story(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    *,
    framing_articles: Sequence[Article] | None = None,
    config: CompareConfig = DEFAULT_COMPARE,
    claims: Mapping[str, list[Claim]] | None = None,
) -> dict[str, Any]:
    """Compare the articles of one story; return the comparison parts of its stories.json object.

    ``framing_articles`` (e.g. the story's whole thread) widens the evidence for framing,
    whose word choices show best over more text than one story has. ``claims`` are the
    :func:`split_claims` of (some of) the articles when they were computed elsewhere
    (in parallel, #7); the others are split here.
    """
    keys = independence_keys(
        list(articles) + [a for a in framing_articles or [] if a.id not in {x.id for x in articles}]
    )
    given = claims or {}
    claims_by_article = {
        a.id: list(given[a.id]) if a.id in given else split_claims(a, extractions.get(a.id))
        for a in articles
    }
    groups, sentences = align_story(articles, extractions, claims_by_article, keys, config=config)
    quotes = group_quotes(articles, extractions, keys, config=config)
    omissions, exclusives = find_omissions(
        groups,
        claims_by_article,
        articles,
        keys,
        config=config,
        sentences=sentences,
        statements=quotes,
    )
    if config.conflicts == "model":
        conflicts = find_figure_conflicts(articles, extractions, claims_by_article, keys)
    else:
        conflicts = find_conflicts(articles, extractions, claims_by_article, keys)
    framing = find_framing(
        framing_articles or articles, groups, keys, config=config, story=articles
    )
    # A group a conflict touches is no agreement: its outlets disagree on a figure (#16).
    disputed = disputed_claims(conflicts)
    multi = [g for g in groups if len({keys[c.article_id] for c in g.claims}) >= 2]
    headlines = headline_claims(articles, claims_by_article)
    agreements = []
    for g in sorted(multi, key=lambda g: (-len(g.claims), min(c.position for c in g.claims))):
        if is_disputed(g, disputed):
            continue
        agreeing = _agreeing(g, sentences, headlines)
        outlets = {keys[c.article_id] for c in agreeing}
        if len(outlets) >= 2:
            agreements.append(
                {
                    "text": agreeing[0].text,
                    "articles": list(dict.fromkeys(c.article_id for c in agreeing)),
                    "outlets": len(outlets),
                    "citations": [
                        {"article": c.article_id, "start": c.start, "end": c.end} for c in agreeing
                    ],
                }
            )
    figures = _figure_values(articles, extractions)
    return {
        "timeline": build_timeline(articles, extractions, claims_by_article),
        "quotes": quotes,
        "agreements": agreements,
        "conflicts": conflicts,
        "omissions": omissions,
        "exclusives": exclusives,
        "framing": framing,
        "summary": summarize(
            groups,
            conflicts,
            keys,
            config=config,
            figures=figures,
            states=sentences.agrees,
            headlines=headlines,
        ),
        # the aligned claims every finding above is built from, with their offsets (#16)
        "claims": [
            {"group": k, "article": c.article_id, "start": c.start, "end": c.end, "text": c.text}
            for k, g in enumerate(sorted(multi, key=lambda g: -len(g.claims)))
            for c in g.claims
        ],
        "coverage": {
            "facts": [
                {
                    "text": g.representative().text,
                    "articles": g.articles,
                    **({"disputed": True} if is_disputed(g, disputed) else {}),
                }
                for g in sorted(multi, key=lambda g: -len(g.claims))
            ]
        },
    }
