"""Link exact and near-duplicate articles (MinHash/LSH with datasketch).

Duplicates are kept and linked to the first copy seen (``duplicate_of``), never dropped.
A copy of another outlet's text is ``syndicated`` (a wire story run by several outlets);
a copy from the same or an unknown outlet is ``exact`` or ``near``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsprism.clean import normalise_line
from newsprism.model import Article, Signature

# The hashing scheme is pinned so signatures stored by one run stay valid in the next.
_SCHEME = "affine32"

__all__ = ["DedupeConfig", "Deduper", "Signature", "text_fingerprint", "minhash_of"]


@dataclass(frozen=True)
class DedupeConfig:
    """MinHash parameters and the Jaccard similarity above which two texts are one."""

    num_perm: int = 64
    shingle: int = 5
    threshold: float = 0.8


DEFAULT_DEDUPE = DedupeConfig()


def text_fingerprint(text: str) -> str:
    """Hash of the normalised text: equal for texts that differ only in case and punctuation."""
    return hashlib.sha1(normalise_line(text).encode("utf-8")).hexdigest()


def minhash_of(text: str, config: DedupeConfig = DEFAULT_DEDUPE) -> MinHash:
    """MinHash of the word ``config.shingle``-grams of ``text``."""
    words = normalise_line(text).split()
    k = config.shingle
    grams = {" ".join(words[i : i + k]).encode("utf-8") for i in range(max(1, len(words) - k + 1))}
    m = MinHash(num_perm=config.num_perm, seed=1, scheme=_SCHEME)
    m.update_batch(list(grams))
    return m


class Deduper:
    """Finds, for each new article, an earlier article it copies (exactly or nearly)."""

    def __init__(self, known: Iterable[Signature] = (), *, config: DedupeConfig = DEFAULT_DEDUPE):
        self.config = config
        self._lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        self._by_sha: dict[str, str] = {}
        self._sigs: dict[str, Signature] = {}
        for sig in known:
            self._remember(sig)

    def _remember(self, sig: Signature) -> None:
        self._sigs[sig.article_id] = sig
        self._by_sha.setdefault(sig.text_sha, sig.article_id)
        if sig.article_id not in self._lsh:
            self._lsh.insert(
                sig.article_id,
                MinHash(
                    num_perm=self.config.num_perm, seed=1, scheme=_SCHEME, hashvalues=sig.minhash
                ),
            )

    def _root(self, article_id: str) -> str:
        sig = self._sigs[article_id]
        return sig.duplicate_of or article_id

    def link(self, article: Article) -> tuple[Article, Signature]:
        """Return ``article`` with ``duplicate_of``/``duplicate_kind`` set, and its signature."""
        sha = text_fingerprint(article.text)
        mh = minhash_of(article.text, self.config)
        original: str | None = None
        kind: str | None = None
        if sha in self._by_sha and self._by_sha[sha] != article.id:
            original, kind = self._root(self._by_sha[sha]), "exact"
        else:
            best, best_sim = None, 0.0
            for cand in self._lsh.query(mh):
                if cand == article.id:
                    continue
                other = MinHash(
                    num_perm=self.config.num_perm,
                    seed=1,
                    scheme=_SCHEME,
                    hashvalues=self._sigs[cand].minhash,
                )
                sim = mh.jaccard(other)
                if sim >= self.config.threshold and (
                    sim > best_sim or (sim == best_sim and best is not None and cand < best)
                ):
                    best, best_sim = cand, sim
            if best is not None:
                original, kind = self._root(best), "near"
        if original is not None:
            other_outlet = self._sigs[original].outlet
            if article.outlet and other_outlet and article.outlet.lower() != other_outlet.lower():
                kind = "syndicated"
            article = replace(article, duplicate_of=original, duplicate_kind=kind)
        sig = Signature(
            article.id, article.outlet, sha, mh.hashvalues.astype(np.uint64), duplicate_of=original
        )
        self._remember(sig)
        return article, sig

    def link_all(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Signature]]:
        """Link each article in order; earlier articles are the originals of later copies."""
        for article in articles:
            yield self.link(article)
