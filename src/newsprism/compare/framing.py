"""Word choice: the labels and spellings each outlet uses for one referent."""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from newsprism.compare.claims import ClaimGroup
from newsprism.compare.config import DEFAULT_COMPARE, CompareConfig
from newsprism.compare.text import STOP, WORD, content_tokens, stem
from newsprism.model import Article


def _log_odds_z(
    y_i: Counter[str], y_j: Counter[str], prior: Counter[str], term: str, alpha0: float = 10.0
) -> float:
    """Weighted log-odds ratio of ``term`` between two corpora, informative Dirichlet prior."""
    total_prior = sum(prior.values()) or 1
    a_w = alpha0 * prior[term] / total_prior + 0.01
    n_i, n_j = sum(y_i.values()), sum(y_j.values())
    a0 = alpha0 + 0.01 * len(prior)
    d = math.log((y_i[term] + a_w) / (n_i + a0 - y_i[term] - a_w)) - math.log(
        (y_j[term] + a_w) / (n_j + a0 - y_j[term] - a_w)
    )
    var = 1.0 / (y_i[term] + a_w) + 1.0 / (y_j[term] + a_w)
    return d / math.sqrt(var)


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it is above ``limit``."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b, score_cutoff=limit))


_PROPER = re.compile(r"(?<![\w'’-])[A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*\b")


def find_framing(
    articles: Sequence[Article],
    groups: Sequence[ClaimGroup],
    keys: dict[str, str],
    *,
    config: CompareConfig = DEFAULT_COMPARE,
    story: Sequence[Article] | None = None,
) -> list[dict[str, Any]]:
    """Terms each outlet chose for one referent, learned from the articles themselves.

    ``articles`` are the evidence (a story's whole thread); with ``story`` (the story's own
    articles) only the referents the story's articles name, by either term, are returned:
    the rest of the thread's framing belongs to its other stories.
    """
    originals = [a for a in articles if not a.duplicate_of]
    # Every story of a thread frames over the same thread articles: what depends only on
    # them is computed once per thread (#7). An original's source key is its outlet (or its
    # id), whatever the other articles, so it is part of the thread's articles too. One
    # object per thread, so that the per-thread caches find it by identity.
    corpus = _interned(_Corpus(tuple(originals), tuple(keys[a.id] for a in originals)))
    own = [a.text for a in story if not a.duplicate_of] if story is not None else None
    own_runs = {w for x in own for w in _RUN.findall(x)} if own is not None else set()
    candidates: dict[tuple[str, str], str] = dict(_spelling_candidates(corpus))
    # Substitutions between aligned claims: the words two outlets chose for the same slot.
    subs: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        for x in range(len(g.claims)):
            for y in range(x + 1, len(g.claims)):
                for pair in _substitutions(g.claims[x].text, g.claims[y].text):
                    subs[pair].add(gi)
    for pair, where in subs.items():
        if len(where) >= config.framing_min_count and pair not in candidates:
            candidates[pair] = "substitution"
    out: list[dict[str, Any]] = []
    for (a, b), how in candidates.items():
        if own is not None and not any(
            _runs(t) <= own_runs and any(_uses(t, x) for x in own)  # the cheap test first
            for t in (a, b)
        ):
            continue
        found = _framing_pair(a, b, corpus)
        if found is None:
            continue
        referent, terms, score, counts = found
        out.append(
            {
                "referent": referent,
                "terms": {t: list(ids) for t, ids in terms.items()},
                "kind": how,
                "score": score,
                # Uses per article (ids, like every other reference in stories.json).
                "counts": {t: dict(c) for t, c in counts.items()},
            }
        )
    out = _merge_variants(out)
    spellings = [pair for pair, how in candidates.items() if how == "spelling"]
    spelled = [set(f["terms"]) for f in out if f["kind"] == "spelling"]
    out.extend(
        f
        for f in find_labels(
            [a for a in story if not a.duplicate_of] if story is not None else originals,
            keys,
            spellings=spellings,
        )
        # A referent named only by the spellings of one name is that spelling item.
        if not any(set(f["terms"]) <= terms for terms in spelled)
    )
    out.sort(key=lambda f: (_choices(f) < 2, -f["score"]))
    return out


def _choices(item: dict[str, Any]) -> int:
    """How many of a referent's terms are a choice: not used by every article that names
    it. Items with fewer than two come last: "Europe" in all four articles and
    "Europeans" in one shows no choice of words, "separatists" against "people's
    republics" does."""
    uses = [set(ids) for ids in item["terms"].values()]
    every = set().union(*uses) if uses else set()
    return sum(1 for ids in uses if ids != every)


# A term is distinctive of an outlet when its weighted log-odds z-score against the other
# outlets' terms for the same referent is at least this (two-sided 5%).
_DISTINCT_Z = 1.96
_EXAMPLES = 3  # example sentences kept per term
# Labels are a story's: over more articles than this (a thread, a whole collection) they
# are not looked for. Tagging costs ~0.2 s per article; grouping grows faster.
_LABEL_MAX_ARTICLES = 300


def find_labels(
    articles: Sequence[Article],
    keys: Mapping[str, str],
    *,
    spellings: Iterable[tuple[str, str]] = (),
) -> list[dict[str, Any]]:
    """Descriptive labels: every term each outlet used for one referent (#17).

    A referent (:func:`newsprism.compare.referents.story_referents`) is reported when
    two or more outlets name it and they used two or more terms for it. Each term gets
    its uses per article and up to three example sentences; terms are ranked by the
    weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008) of each outlet's terms for the referent against the other outlets', the prior
    being all outlets' terms for it (none over more than 300 articles: labels are a
    story's, not a collection's). ``distinctive`` lists, per term, the articles of the
    outlets whose z-score for it is at least 1.96; ``score`` is the referent's largest
    z-score. ``examples`` gives, per term, up to three uses as ``[article id, sentence
    start, sentence end, term start, term end]`` (offsets into the article's text).
    """
    from newsprism.compare.referents import story_referents

    # The tagger is English: other languages' articles are left out (None is unknown).
    articles = [a for a in articles if a.language in (None, "en")]
    if len({keys.get(a.id, a.id) for a in articles}) < 2 or len(articles) > _LABEL_MAX_ARTICLES:
        return []
    texts = {a.id: a.text for a in articles}
    out = []
    for ref in story_referents(articles, spellings):
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for m in ref.mentions:
            forms[_term_key(m.term)][m.term] += 1
        display = {k: c.most_common(1)[0][0] for k, c in forms.items()}
        counts: dict[str, Counter[str]] = defaultdict(Counter)  # term -> article -> uses
        by_outlet: dict[str, Counter[str]] = defaultdict(Counter)  # outlet -> term -> uses
        examples: dict[str, list[list[Any]]] = defaultdict(list)
        for m in sorted(ref.mentions, key=lambda m: (m.article, m.start)):
            term = display[_term_key(m.term)]
            counts[term][m.article] += 1
            by_outlet[keys.get(m.article, m.article)][term] += 1
            s0, s1 = m.sentence
            ex = [m.article, s0, s1, m.start, m.end]
            if len(examples[term]) < _EXAMPLES and s1 > s0 and texts.get(m.article):
                examples[term].append(ex)
        if len(by_outlet) < 2 or len(counts) < 2:
            continue
        prior: Counter[str] = Counter()
        for c in by_outlet.values():
            prior.update(c)
        distinctive: dict[str, list[str]] = defaultdict(list)
        best = 0.0
        for outlet, c in by_outlet.items():
            rest = prior - c
            if not rest:
                continue
            for term in c:
                z = _log_odds_z(c, rest, prior, term)
                best = max(best, z)
                if z >= _DISTINCT_Z:
                    distinctive[term].extend(a for a in counts[term] if keys.get(a, a) == outlet)
        terms = dict(sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))
        out.append(
            {
                "referent": ref.name,
                "terms": {t: sorted(ids) for t, ids in terms.items()},
                "kind": "label",
                "score": round(best, 3),
                "counts": {t: dict(ids) for t, ids in terms.items()},
                "type": ref.label,
                "distinctive": {t: sorted(o) for t, o in distinctive.items()},
                "examples": {t: examples[t] for t in terms if examples.get(t)},
            }
        )
    return out


def _term_key(term: str) -> str:
    return re.sub(r"\s+", " ", term.replace("’", "'").lower()).strip()


def _merge_variants(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per referent: pairs of one kind that share a term are one set of variants
    (Hormozgan/Hormuzgan and Hormozgan/Hormouzgan: three spellings of one province)."""
    merged: list[dict[str, Any]] = []
    for f in sorted(found, key=lambda f: -f["score"]):
        into = next(
            (m for m in merged if m["kind"] == f["kind"] and set(m["terms"]) & set(f["terms"])),
            None,
        )
        if into is None:
            merged.append({**f, "terms": dict(f["terms"]), "counts": dict(f["counts"])})
            continue
        for term, ids in f["terms"].items():
            into["terms"].setdefault(term, ids)
            into["counts"].setdefault(term, f["counts"].get(term, {}))
    for m in merged:  # several variants: the referent is the term most used
        if len(m["terms"]) > 2:
            m["referent"] = max(m["counts"], key=lambda t: (sum(m["counts"][t].values()), t))
    return merged


class _Corpus:
    """A thread's original articles and their source keys, hashed once by ids and texts.

    It also answers, once per term, which articles use a term and how often (``uses``),
    looking only at the articles that have every word of the term.
    """

    __slots__ = ("articles", "outlets", "_ids", "_hash", "_postings", "_counts")

    def __init__(self, articles: tuple[Article, ...], outlets: tuple[str, ...]) -> None:
        self.articles = articles
        self.outlets = outlets
        # Texts too: a caller may pass an edited article under the same id. (A string
        # caches its hash, and equal strings are usually the same object: both are cheap.)
        self._ids = tuple((a.id, a.text) for a in articles) + outlets
        self._hash = hash(self._ids)
        self._postings: dict[str, list[int]] | None = None
        self._counts: dict[str, dict[str, int]] = {}

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Corpus) and self._ids == other._ids

    def uses(self, term: str) -> dict[str, int]:
        """{article id: uses of ``term``} for the articles using it, in article order."""
        found = self._counts.get(term)
        if found is None:
            if self._postings is None:
                self._postings = defaultdict(list)
                for i, a in enumerate(self.articles):
                    for w in set(_RUN.findall(a.text)):
                        self._postings[w].append(i)
            # Every word run of the term is a whole word run of the text where the term
            # is used (the pattern's edges are not word characters): the articles with
            # all of them are the only ones worth matching.
            rows = [set(self._postings.get(w, ())) for w in _runs(term)]
            found = {}
            for i in sorted(set.intersection(*rows)) if rows else range(len(self.articles)):
                a = self.articles[i]
                if n := _uses_count(term, a.text):
                    found[a.id] = n
            self._counts[term] = found
        return found


_RUN = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def _runs(term: str) -> frozenset[str]:
    """The word runs of a term (each is a whole word run of a text that uses the term)."""
    return frozenset(_RUN.findall(term))


def clear_caches() -> None:
    """Drop the per-thread caches of framing (each holds its thread's articles)."""
    _interned.cache_clear()
    _framing_pair.cache_clear()
    _spelling_candidates.cache_clear()


@functools.lru_cache(maxsize=16)
def _interned(corpus: _Corpus) -> _Corpus:
    """The first ``_Corpus`` equal to ``corpus`` still cached: one object per thread."""
    return corpus


@functools.lru_cache(maxsize=8192)
def _framing_pair(
    a: str, b: str, corpus: _Corpus
) -> tuple[str, dict[str, list[str]], float, dict[str, dict[str, int]]] | None:
    """Referent, terms, score and counts of two forms used by complementary sources, or None."""
    outlet_of = {x.id: k for x, k in zip(corpus.articles, corpus.outlets, strict=True)}
    uses_a, uses_b = corpus.uses(a), corpus.uses(b)
    sources_a = {outlet_of[i] for i in uses_a}
    sources_b = {outlet_of[i] for i in uses_b}
    if not sources_a or not sources_b:
        return None
    only_a, only_b = sources_a - sources_b, sources_b - sources_a
    # Complementary use: most sources use one form and not the other. A typo or an
    # inflection ("Micron" beside "Macron" in one outlet) is used side by side instead.
    if not only_a or not only_b or len(sources_a & sources_b) > min(len(only_a), len(only_b)):
        return None
    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    for i, n in uses_a.items():
        count_a[outlet_of[i]] += n
    for i, n in uses_b.items():
        count_b[outlet_of[i]] += n
    y_i = Counter({a: sum(count_a[s] for s in only_a), b: sum(count_b[s] for s in only_a)})
    y_j = Counter({a: sum(count_a[s] for s in only_b), b: sum(count_b[s] for s in only_b)})
    z = _log_odds_z(y_i, y_j, y_i + y_j, a)
    terms = {a: sorted(uses_a), b: sorted(uses_b)}
    referent = max((a, b), key=lambda t: sum((count_a if t == a else count_b).values()))
    counts = {a: dict(uses_a), b: dict(uses_b)}
    return referent, terms, round(abs(z), 3), counts


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


_COMMON_SHARE = 0.2  # lower-case uses per capitalised use that make a form a common word


_SHARED_CONTEXT = 0.1  # share of two lone names' context words they must have in common


@functools.lru_cache(maxsize=64)
def _spelling_candidates(corpus: _Corpus) -> tuple[tuple[tuple[str, str], str], ...]:
    """Pairs of proper-noun forms that are spelling variants of one name, in these articles."""
    originals = corpus.articles
    forms: dict[str, int] = Counter()  # proper-noun form → uses
    for article in originals:
        for m in _PROPER.finditer(article.text):
            w = m.group(0).replace("’", "'")
            w = w[:-2] if w.endswith("'s") else w
            forms[w] += 1
    # A word these articles also write in lower case is a common word capitalised at a
    # sentence start or inside a name ("Police", "Policy"), not a name of its own.
    lower = {w.lower(): 0 for w in forms}
    for article in originals:
        for m in _LOWER_WORD.finditer(article.text):
            if m.group(0) in lower:
                lower[m.group(0)] += 1
    candidates: dict[tuple[str, str], str] = {}
    eligible = {w for w in forms if lower[w.lower()] < max(1.0, _COMMON_SHARE * forms[w])}
    # Names of four letters or more, in order of first use (the output does not depend on
    # set order); not common words or titles ("Minister", "Sen").
    pool = [w for w in forms if len(w) >= 4 and w in eligible]
    by_initial: dict[str, list[str]] = defaultdict(list)
    for w in pool:
        by_initial[w[0].lower()].append(w)
    contexts, names = _contexts(originals, forms)
    beside: dict[str, set[str]] = defaultdict(set)  # name -> the names it stands beside
    for w in pool:
        for n in names.get(w, ()):
            beside[n].add(w)
    eligible_names = {side + w for w in eligible for side in "<>"}
    for words in by_initial.values():
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if a.lower() == b.lower() or abs(len(a) - len(b)) > 2:
                    continue
                shorter, longer = sorted((a, b), key=len)
                extended = len(longer) > len(shorter) and longer.startswith(shorter)
                if extended and not (len(longer) == len(shorter) + 1 and longer[-1] == shorter[-1]):
                    # A name and a word made from it ("Russia"/"Russian", "America"/
                    # "Americans"); a doubled last letter is a spelling (Donbas/Donbass).
                    continue
                if forms[a] + forms[b] < 3:
                    continue
                dist = _edit_distance(a.lower(), b.lower())
                if dist > 2:
                    continue
                ctx_a, ctx_b = contexts[a], contexts[b]
                shared = len(ctx_a & ctx_b)
                names_a, names_b = names[a] & eligible_names, names[b] & eligible_names
                # A name beside both that stands beside few others ("Gillibrand", not
                # "Trump" or "Moore", which many first names precede).
                same_name = {n for n in names_a & names_b if len(beside[n]) <= 2}
                # Each with other names beside it, none of them the same: two people or
                # places (Tom Carper / Jimmy Carter, Ivana / Ivanka Trump).
                apart = bool(names_a and names_b) and not same_name
                # Only the ending differs: a word made from the other (Zionism/Zionist,
                # Olympia/Olympic) or another surname (Jeffers/Jeffery); not Defence/Defense.
                ending = a[-1] != b[-1] and len(os.path.commonprefix([a, b])) >= len(longer) - 2
                alike = (
                    (extended and len(shorter) >= 6)  # Donbas/Donbass, not Bret/Brett
                    or (
                        not ending
                        and (
                            (shared >= 2 and shared >= _SHARED_CONTEXT * len(ctx_a | ctx_b))
                            or (dist == 1 and len(shorter) >= 7)
                        )
                    )
                )
                # One name spelled two ways: the same name beside it on the same side
                # (Sergei/Sergey Lavrov, Volodymyr Zelensky/Zelenskyy), the same word with
                # or without accents (Elysee/Elysée), or, unless apart, a doubled last
                # letter, the same words around it (Kiev/Kyiv) or one letter apart in a
                # long name (Belarus/Belorus).
                if same_name or _unaccented(a) == _unaccented(b) or (alike and not apart):
                    candidates[tuple(sorted((a, b)))] = "spelling"  # type: ignore[index]
    return tuple(candidates.items())


def _substitutions(text_a: str, text_b: str) -> Iterable[tuple[str, str]]:
    """Short phrases two renderings of one fact put in the same slot ("separatists"/"rebels")."""
    ta, tb = text_a.split(), text_b.split()
    strip = ".,;:\"“”'’()"
    sm = SequenceMatcher(
        a=[t.lower().strip(strip) for t in ta],
        b=[t.lower().strip(strip) for t in tb],
        autojunk=False,
    )
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace" or not (1 <= i2 - i1 <= 3 and 1 <= j2 - j1 <= 3):
            continue
        pa, pb = " ".join(ta[i1:i2]).strip(strip), " ".join(tb[j1:j2]).strip(strip)
        if not pa or not pb or pa.lower() == pb.lower() or any(ch.isdigit() for ch in pa + pb):
            continue
        # Both sides must name something: content words, not function words or inflections.
        if not content_tokens(pa) or not content_tokens(pb):
            continue
        if content_tokens(pa) == content_tokens(pb):
            continue
        if pa.split()[0].lower() in STOP or pb.split()[0].lower() in STOP:
            continue
        yield tuple(sorted((pa, pb)))  # type: ignore[misc]


def _contexts(
    articles: Sequence[Article], forms: Mapping[str, object]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Content words within three words of each proper-noun form, and the capitalised
    words right beside it (the other parts of a name, a title), marked with their side:
    "<Volodymyr", ">Lavrov"."""
    ctx: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        words = WORD.findall(a.text)
        for i, w in enumerate(words):
            w = w.replace("’", "'")
            w = w[:-2] if w.endswith("'s") else w
            if w in forms:
                ctx[w].update(
                    stem(x)
                    for x in words[max(0, i - 3) : i] + words[i + 1 : i + 4]
                    if x.lower() not in STOP and not x[0].isdigit() and x[0].islower()
                )
                for side, near in (("<", words[max(0, i - 1) : i]), (">", words[i + 1 : i + 2])):
                    for x in near:
                        if x[0].isupper() and x.lower() not in STOP:
                            names[w].add(side + x.replace("’", "'").removesuffix("'s"))
    return ctx, names


def _unaccented(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)
    )


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term).replace("'", "['’]") + r"(?![\w-])")


def _uses(term: str, text: str) -> bool:
    # A match contains the term itself unless it has an apostrophe (either kind matches):
    # the substring test skips the slow look-behind scan of most texts (#7).
    if "'" not in term and term not in text:
        return False
    return _term_pattern(term).search(text) is not None


def _uses_count(term: str, text: str) -> int:
    if "'" not in term and term not in text:
        return 0
    return len(_term_pattern(term).findall(text))
