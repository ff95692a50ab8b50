"""Renderings of one statement by different outlets, grouped."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsprism.compare.claims import _tfidf
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.text import _WORD, _content_tokens
from newsprism.model import Article, Extraction, Quote

_PRONOUNS = frozenset("he she they it we i you".split())


_SPEAKER_STOP = frozenset("the a an of office".split())


def _speaker_words(speaker: str | None) -> frozenset[str]:
    """The words naming a quote's speaker (none for a pronoun or no speaker)."""
    if not speaker or speaker.lower() in _PRONOUNS:
        return frozenset()
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", speaker.lower()))
    return frozenset(w for w in words if w not in _SPEAKER_STOP)


def _capitalised(text: str) -> set[str]:
    """Content tokens of the capitalised words of ``text`` past its first word: names."""
    caps = re.findall(r"(?<=\s)[A-Z][\w’'-]*", text)
    return set(_content_tokens(" ".join(caps)))


def group_quotes(
    articles: Sequence[Article],
    extractions: dict[str, Extraction],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
) -> list[dict[str, Any]]:
    """Group the renderings of one statement by different outlets (translations, paraphrases)."""
    quotes: list[Quote] = []
    for a in articles:
        ex = extractions.get(a.id)
        if ex is not None and not a.duplicate_of:
            quotes.extend(q for q in ex.quotes if len(_WORD.findall(q.text)) >= 4)
    if not quotes:
        return []
    matrix = _tfidf([q.text for q in quotes])
    sims = (matrix @ matrix.T).toarray() if matrix is not None else np.eye(len(quotes))
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def speaker_key(q: Quote) -> str:
        return (q.speaker or "").lower().removeprefix("the ")

    # A short fragment ("the terrorist attacks in Orlando") looks like many statements; it
    # joins another speaker's quote only when both name the same speaker, else it would
    # chain two people's different statements into one group.
    short = [len(_WORD.findall(q.text)) < config.quote_fragment_words for q in quotes]
    names = [_speaker_words(q.speaker) for q in quotes]
    # Speaker words are no evidence of one statement: "Sanders" in two of his quotes.
    words = [set(_content_tokens(q.text)) - names[i] for i, q in enumerate(quotes)]
    # Nor, between two speakers, are the story's names: "Qeshm", "Bandar Abbas" are in
    # every quote of a quake story.
    plain = [w - _capitalised(q.text) for w, q in zip(words, quotes, strict=True)]

    def shares_substance(i: int, j: int, bags: list[set[str]] = words) -> bool:
        """Two renderings of one statement share several content words, not one or two
        ("the end game" / "wanted it to end")."""
        both = bags[i] & bags[j]
        shorter = min(len(bags[i]), len(bags[j])) or 1
        return len(both) >= config.quote_shared_words and len(both) / shorter >= 0.3

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            qi, qj = quotes[i], quotes[j]
            if keys[qi.article_id] == keys[qj.article_id]:
                continue
            s = sims[i, j]
            same_speaker = speaker_key(qi) and speaker_key(qi) == speaker_key(qj)
            if (short[i] or short[j]) and not (same_speaker or names[i] & names[j]):
                continue
            # "Clinton" and "Hillary Clinton" are one speaker: names count as words then.
            bags = words if names[i] & names[j] else plain
            if (
                s >= config.quote_same_threshold and (same_speaker or shares_substance(i, j, bags))
            ) or (same_speaker and s >= config.quote_speaker_threshold and shares_substance(i, j)):
                parent[find(i)] = find(j)
    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
    out = []
    for members in groups.values():
        speakers = Counter(
            q.speaker for q in members if q.speaker and q.speaker.lower() not in _PRONOUNS
        )
        speaker = speakers.most_common(1)[0][0] if speakers else (members[0].speaker or None)
        representative = max(members, key=lambda q: len(q.text))
        out.append(
            {
                "speaker": speaker,
                "text": representative.text,
                "kind": representative.kind,
                "articles": list(dict.fromkeys(q.article_id for q in members)),
                "variants": [
                    {
                        "article": q.article_id,
                        "text": q.text,
                        "speaker": q.speaker,
                        "cue": q.cue,
                        "kind": q.kind,
                        "start": q.start,
                        "end": q.end,
                    }
                    for q in members
                ],
            }
        )
    out.sort(key=lambda g: (-len({keys[a] for a in g["articles"]}), -len(g["text"])))
    return out
