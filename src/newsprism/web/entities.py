"""Names to filter by: the articles' named entities, spelling variants merged (#21 item 4)."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["FACET_ENTITIES", "entity_groups", "facet_name", "fold", "variant_of"]

# Entity labels worth a facet: people, organisations, places, groups (#21 item 4).
_FACET_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
FACET_ENTITIES = 50


def fold(text: str) -> str:
    """Lower case without accents, so "Élysée" and "Elysee" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def variant_of(a: str, b: str) -> bool:
    """Whether two folded names are spelling variants ("sergey lavrov", "sergei lavrov"):
    the same number of words, each equal or nearly so, and nearly equal overall."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return a == b
    for x, y in zip(wa, wb, strict=True):
        if x == y:
            continue
        if x[:1] != y[:1] or min(len(x), len(y)) < 5:
            return False
        if difflib.SequenceMatcher(a=x, b=y).ratio() < 0.8:
            return False
    return difflib.SequenceMatcher(a=a, b=b).ratio() >= 0.9


def entity_groups(
    mentions: Mapping[str, Iterable[str]], spellings: Iterable[Iterable[str]] = ()
) -> list[tuple[str, list[str], set[str]]]:
    """Named entities grouped with their spelling variants, most-mentioned first.

    ``mentions`` maps an article id to the entity names it mentions; ``spellings`` are
    sets of names known to be one thing (the framing stage's spelling groups). Returns
    ``(shown name, all spellings, article ids)`` per entity.
    """
    forms: dict[str, Counter[str]] = {}
    where: dict[str, set[str]] = {}
    for aid, names in mentions.items():
        for name in set(names):
            key = fold(name)
            forms.setdefault(key, Counter())[name] += 1
            where.setdefault(key, set()).add(aid)
    parent = {k: k for k in forms}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for group in spellings:
        keys = [k for k in (fold(n) for n in group) if k in parent]
        for k in keys[1:]:
            union(keys[0], k)
    by_words: dict[tuple[int, str], list[str]] = {}
    for k in forms:  # only names of as many words, starting alike, can be variants
        by_words.setdefault((len(k.split()), k[:1]), []).append(k)
    for keys in by_words.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if variant_of(a, b):
                    union(a, b)
    merged: dict[str, list[str]] = {}
    for k in forms:
        merged.setdefault(find(k), []).append(k)
    out = []
    for keys in merged.values():
        spelled: Counter[str] = Counter()
        ids: set[str] = set()
        for k in keys:
            spelled.update(forms[k])
            ids |= where[k]
        # The most used spelling; on a tie, the one with accents (usually the proper one).
        shown = max(spelled, key=lambda n: (spelled[n], not n.isascii(), n))
        out.append((shown, sorted(spelled), ids))
    out.sort(key=lambda g: (-len(g[2]), g[0]))
    return out


def facet_name(name: str, label: str) -> bool:
    """A named entity worth offering as a filter: a proper name, not "his top diplomat"."""
    text = name.strip()
    return (
        label in _FACET_LABELS
        and len(text) >= 2
        and text[:1].isupper()
        and any(c.isalpha() for c in text)
        and all(
            w[:1].isupper() or not w[:1].isalpha() or w in _NAME_PARTICLES for w in text.split()
        )
    )


_NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "of",
        "al",
        "bin",
        "the",
        "and",
        "for",
    }
)
