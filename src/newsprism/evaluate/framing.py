"""Word choice scored on NewsWCL50 (``newsprism eval framing``, #17).

NewsWCL50's coders marked, per event and outlet, the phrases that name one concept
("ACTOR:PRK\\Jong Un": "Kim Jong-un", "Mr. Kim", "North Korean dictator", ...). The
articles are clustered into stories as the tool does (``recluster``), each story's framing
is found as in ``analyze`` (spelling variants, substitutions in aligned claims, labels of
referents), and three figures are given:

- **concepts found**: of the coded concepts of types ACTOR, COUNTRY, GROUP, OBJECT and
  MISC with two or more distinct phrases from two or more outlets, the share for which one
  framing item (a referent) holds two or more of its coded phrases used by two or more
  outlets;
- **referent precision**: of the framing items with at least one term that is a coded
  phrase of their event, the share whose coded terms all belong to one concept
  (``referent_precision_strict`` asks it of all their terms: a term the coders did not
  mark counts as wrong there);
- **story B-cubed** of the stories against the events.

Phrases and terms are compared in lower case, without dots, hyphens or a leading article.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError
from newsprism.model import Article

__all__ = ["evaluate_framing", "load_concepts", "phrase_key", "score_framing"]

FOUND_TYPES = frozenset({"ACTOR", "COUNTRY", "GROUP", "OBJECT", "MISC"})


def phrase_key(text: str) -> str:
    """Comparison key of a coded phrase or a framing term."""
    t = text.replace("’", "'").replace("‘", "'").replace("``", "").replace("''", "")
    t = t.lower().replace(".", "").strip(" \"'“”,;:")
    t = re.sub(r"[-‐–]", " ", t)
    t = re.sub(r"'s$", "", t)
    words = t.split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def load_concepts(path: str | Path) -> dict[str, dict[str, dict[str, list[str]]]]:
    """``concepts.json``: {event: {"TYPE:concept": {outlet code: [phrases]}}}."""
    p = Path(path)
    if not p.exists():
        raise EvalDataError(f"{p}: missing (NewsWCL50 concepts)")
    data = json.loads(p.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise EvalDataError(f"{p}: not a JSON object")
    return data


def _outlet_code(article_id: str) -> str:
    return article_id.split("_", 1)[1] if "_" in article_id else article_id


def score_framing(
    items_by_event: Mapping[str, Sequence[Mapping[str, Any]]],
    concepts: Mapping[str, Mapping[str, Mapping[str, Sequence[str]]]],
) -> dict[str, Any]:
    """Concepts found and referent precision of framing items, grouped by their event."""
    eligible = found = judged = precise = strict = total = 0
    missed: list[str] = []
    per_event: dict[str, dict[str, Any]] = {}
    for event, coded in sorted(concepts.items()):
        items = list(items_by_event.get(event, ()))
        owner: dict[str, set[str]] = defaultdict(set)  # phrase key -> concepts
        for concept, by_outlet in coded.items():
            for phrases in by_outlet.values():
                for ph in phrases:
                    if k := phrase_key(ph):
                        owner[k].add(concept)
        # Terms of each item, with the outlets that used them.
        item_terms = []
        for it in items:
            terms: dict[str, set[str]] = defaultdict(set)
            for term, ids in (it.get("terms") or {}).items():
                terms[phrase_key(term)] |= {_outlet_code(str(a)) for a in ids}
            item_terms.append(terms)
        ev_found = ev_eligible = 0
        for concept, by_outlet in coded.items():
            if concept.split(":", 1)[0] not in FOUND_TYPES:
                continue
            keys = {phrase_key(p) for ps in by_outlet.values() for p in ps} - {""}
            outlets = {o for o, ps in by_outlet.items() if any(phrase_key(p) for p in ps)}
            if len(keys) < 2 or len(outlets) < 2:
                continue
            ev_eligible += 1
            hit = False
            for terms in item_terms:
                held = {t for t in terms if t in keys}
                used = set().union(*(terms[t] for t in held)) if held else set()
                if len(held) >= 2 and len(used) >= 2:
                    hit = True
                    break
            ev_found += hit
            if not hit:
                missed.append(f"{event} {concept}")
        ev_judged = ev_precise = ev_strict = 0
        for terms in item_terms:
            sets = [owner[t] for t in terms if t in owner]
            one = bool(sets) and bool(set.intersection(*sets))
            if sets:
                ev_judged += 1
                ev_precise += one
            ev_strict += one and len(sets) == len(terms)
        per_event[event] = {
            "concepts": ev_eligible,
            "found": ev_found,
            "referents": len(items),
            "judged": ev_judged,
            "precise": ev_precise,
        }
        eligible += ev_eligible
        found += ev_found
        judged += ev_judged
        precise += ev_precise
        strict += ev_strict
        total += len(items)
    return {
        "concepts": eligible,
        "concepts_found": round(found / eligible, 4) if eligible else 0.0,
        "found": found,
        "referents": total,
        "judged": judged,
        "referent_precision": round(precise / judged, 4) if judged else 0.0,
        "referent_precision_strict": round(strict / total, 4) if total else 0.0,
        "events": per_event,
        "missed": missed,
    }


def load_newswcl50(path: str | Path) -> list[Article]:
    from newsprism.evaluate.compare import wcl_groups

    groups = wcl_groups(Path(path))
    return [a for g in sorted(groups) for a in groups[g]]


def frame_stories(
    articles: Sequence[Article], stories: Iterable[Sequence[str]]
) -> list[list[dict[str, Any]]]:
    """The framing items of each story (as ``analyze`` finds them, claims aligned on the
    story's own sentences; no extraction stage)."""
    from newsprism.compare import align_claims, find_framing, independence_keys, split_claims

    by_id = {a.id: a for a in articles}
    out = []
    for ids in stories:
        members = [by_id[i] for i in ids]
        keys = independence_keys(members)
        claims = [c for a in members for c in split_claims(a, None)]
        groups = align_claims(claims, keys)
        out.append(find_framing(members, groups, keys, story=members))
    return out


def evaluate_framing(path: str | Path) -> dict[str, Any]:
    """Score story clustering and framing on NewsWCL50 under ``path`` (see the module)."""
    from newsprism.cluster import recluster
    from newsprism.evaluate.clustering import score_clusters

    root = Path(path)
    concepts = load_concepts(root / "concepts.json")
    articles = load_newswcl50(root)
    stories = recluster(articles)
    story_of = {aid: s.id for s in stories for aid in s.articles}
    event = {a.id: a.id.split("_", 1)[0] for a in articles}
    clustering = score_clusters([story_of[a.id] for a in articles], [event[a.id] for a in articles])
    framed = frame_stories(articles, [s.articles for s in stories])
    items_by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    for s, items in zip(stories, framed, strict=True):
        majority = Counter(event[a] for a in s.articles).most_common(1)[0][0]
        items_by_event[majority].extend(items)
        kinds.update(str(it.get("kind")) for it in items)
    scores = score_framing(items_by_event, concepts)
    return {
        "concepts_found": scores["concepts_found"],
        "referent_precision": scores["referent_precision"],
        "referent_precision_strict": scores["referent_precision_strict"],
        "story_b3_f1": clustering["b3_f1"],
        "concepts": scores["concepts"],
        "found": scores["found"],
        "referents": scores["referents"],
        "judged": scores["judged"],
        "items": dict(sorted(kinds.items())),
        "stories": clustering["clusters"],
        "events": scores["events"],
        "missed": scores["missed"],
        "articles": len(articles),
    }


# --------------------------------------------------------------------------- ECB+

_ECB_ENTITY = ("HUMAN_PART", "LOC_", "NON_HUMAN_PART")


def ecb_entity_mentions(path: Path) -> list[tuple[str, str]]:
    """ECB+ entity mentions of one document with a cross-document cluster:
    ``[(mention text, cluster id)]`` (people, organisations, places, objects; generic
    ones left out)."""
    from xml.etree import ElementTree

    root = ElementTree.parse(path).getroot()
    tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
    spans: dict[str, list[str]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        if not m.tag.startswith(_ECB_ENTITY) or m.tag.endswith("GENERIC"):
            continue
        anchors = [a.get("t_id") for a in m.iter("token_anchor")]
        if anchors:
            spans[m.get("m_id", "")] = [tokens.get(a, "") for a in anchors]
    out = []
    relations = root.find("Relations")
    for rel in relations.iter("CROSS_DOC_COREF") if relations is not None else []:
        cluster = rel.get("note", "")
        for src in rel.iter("source"):
            words = spans.get(src.get("m_id", ""))
            if words:
                from newsprism.evaluate.clustering import detokenize

                out.append((detokenize(words), cluster))
    return out


def evaluate_ecb_referents(
    path: str | Path, *, topics: Iterable[int] | None = None
) -> dict[str, Any]:
    """The cross-article pass of the referents against ECB+ cross-document entity
    coreference: each sub-topic's documents are one story; gold mentions are matched to
    the referents' mentions of the same document by their words; over the pairs of
    matched mentions of *different* documents, precision (pairs put in one referent that
    are one gold entity) and recall (pairs of one gold entity put in one referent)."""
    from newsprism.compare.referents import story_referents
    from newsprism.evaluate.clustering import load_ecbplus

    docs = load_ecbplus(path, topics=topics)
    files = {p.stem: p for p in Path(path).rglob("*.xml")}
    by_story: dict[str, list[Article]] = defaultdict(list)
    for d in docs:
        by_story[d.subtopic].append(d.article)
    gold_total = 0
    matched: list[tuple[str, str, str, str]] = []  # (doc, gold cluster, referent, words)
    for story, articles in sorted(by_story.items()):
        refs = story_referents(articles)
        mine: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for i, ref in enumerate(refs):
            for m in ref.mentions:
                mine[(m.article, phrase_key(m.term))][f"{story}#{i}"] += 1
        for a in articles:
            for text, cluster in ecb_entity_mentions(files[a.id]):
                gold_total += 1
                hit = mine.get((a.id, phrase_key(text)))
                if hit:
                    key = f"{story}#{phrase_key(text)}"
                    matched.append((a.id, cluster, hit.most_common(1)[0][0], key))
    same_gold = 0
    pred = {"referents": [0, 0], "same_words": [0, 0]}  # [same prediction, both]
    for i, (doc_a, gold_a, ref_a, key_a) in enumerate(matched):
        for doc_b, gold_b, ref_b, key_b in matched[i + 1 :]:
            if doc_a == doc_b:
                continue
            g = gold_a == gold_b
            same_gold += g
            for name, same in (("referents", ref_a == ref_b), ("same_words", key_a == key_b)):
                pred[name][0] += same
                pred[name][1] += same and g

    def prf(name: str) -> dict[str, float]:
        said, right = pred[name]
        p = right / said if said else 0.0
        r = right / same_gold if same_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"pair_precision": round(p, 4), "pair_recall": round(r, 4), "pair_f1": round(f, 4)}

    return {
        **prf("referents"),
        # The same mentions grouped by their words alone: what the pass adds to that.
        "baseline_same_words": prf("same_words"),
        "gold_mentions": gold_total,
        "matched_mentions": len(matched),
        "stories": len(by_story),
        "documents": len(docs),
    }
