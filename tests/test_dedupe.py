from __future__ import annotations

from dataclasses import replace

from newsprism.dedupe import Deduper


def test_exact_near_and_syndicated(seed_articles):
    original = seed_articles["000"]
    exact = replace(original, id="copy1", source_path="elsewhere/000.txt")
    paragraphs = original.text.split("\n\n")
    near = replace(
        original, id="copy2", text="\n\n".join(paragraphs[:-1] + ["A new closing line."])
    )
    synd = replace(original, id="copy3", outlet="Another Outlet", text=original.text + " Extra.")
    other = seed_articles["001"]
    d = Deduper()
    results = {a.id: a for a, _ in d.link_all([original, exact, near, synd, other])}
    assert results[original.id].duplicate_of is None
    assert (results["copy1"].duplicate_of, results["copy1"].duplicate_kind) == (
        original.id,
        "exact",
    )
    assert (results["copy2"].duplicate_of, results["copy2"].duplicate_kind) == (original.id, "near")
    assert (results["copy3"].duplicate_of, results["copy3"].duplicate_kind) == (
        original.id,
        "syndicated",
    )
    assert results[other.id].duplicate_of is None


def test_seeds_are_not_duplicates_of_each_other(seed_articles):
    d = Deduper()
    assert all(a.duplicate_of is None for a, _ in d.link_all(seed_articles.values()))


def test_signatures_restore_a_deduper(seed_articles):
    a = seed_articles["002"]
    _, sig = Deduper().link(a)
    fresh = Deduper([sig])
    copy, _ = fresh.link(replace(a, id="again"))
    assert copy.duplicate_of == a.id
