"""People, organisations and places, with in-article and cross-article name coreference.

Mentions come from spaCy's NER. Inside one article a short name ("Putin") joins the one
longer name it ends with ("Vladimir Putin"), and a role description ("the Russian
president", "the Russian leader", "the Kremlin spokesman") joins the person introduced
with that role ("Russian President Vladimir Putin", "Charles Michel, the president of the
European Council"). Across articles :func:`canonicalize` does the same over all names.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.model import Article, Entity

from .spacy_pass import ensure_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_entities", "canonicalize", "apply_canonical", "ENTITY_LABELS"]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})

# Role nouns that introduce a person ("Russian President Vladimir Putin").
ROLE_NOUNS = frozenset(
    """president vice-president chancellor minister secretary spokesman spokeswoman
    spokesperson leader premier king queen prince senator governor mayor ambassador
    envoy chief director chairman chairwoman chair head general commander official
    analyst adviser advisor aide candidate nominee representative
    congressman congresswoman pope prosecutor judge editor ceo founder manager""".split()
)
# "the Russian leader" may refer to whoever holds the top office.
_LEADER_ROLES = frozenset(
    {"president", "chancellor", "premier", "king", "queen", "leader", "minister"}
)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|sen|rep|gov|gen|lt|col|sgt|prof|president|chancellor|"
    r"prime minister|secretary|minister|pope|king|queen|prince|sir|dame)\.?\s+)+",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DEMONYMS = {
    "american": "united states",
    "us": "united states",
    "u.s.": "united states",
    "america": "united states",
    "british": "united kingdom",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "french": "france",
    "german": "germany",
    "russian": "russia",
    "ukrainian": "ukraine",
    "chinese": "china",
    "belarusian": "belarus",
    "polish": "poland",
    "italian": "italy",
    "spanish": "spain",
    "dutch": "netherlands",
    "turkish": "turkey",
    "israeli": "israel",
    "iranian": "iran",
    "indian": "india",
    "japanese": "japan",
    "canadian": "canada",
    "european": "europe",
}


@functools.lru_cache(maxsize=65536)  # called for every token of every article (#7)
def _fold(text: str) -> str:
    """Case- and accent-insensitive key."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _place_key(text: str) -> str:
    key = _fold(text)
    key = key[4:] if key.startswith("the ") else key
    return _DEMONYMS.get(key, key)


def clean_name(text: str, label: str) -> str:
    """Name without leading article, title or trailing possessive."""
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the ") and label != "PERSON":
        text = text[4:]
    if label == "PERSON":
        stripped = _TITLE_PREFIX.sub("", text)
        text = stripped or text
    return text.strip(" ,.;:–—-")


def _trim_span(ent: Span) -> tuple[int, int, str]:
    """Character span of the entity without leading 'the' and trailing possessive."""
    start, end = ent.start_char, ent.end_char
    text = ent.text
    m = _POSSESSIVE.search(text)
    if m and len(text) > 2:
        end -= len(m.group(0))
        text = text[: -len(m.group(0))]
    if text.lower().startswith("the ") and ent.label_ != "PERSON":
        start += 4
        text = text[4:]
    while text and text[-1] in " \n\t":
        text = text[:-1]
        end -= 1
    return start, end, text


class _Person:
    """A person introduced in one article, with the roles they were introduced with."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.roles: set[tuple[str, str]] = set()  # (role noun, modifier key or "")


def _proper(tok: Token) -> bool:
    """A proper noun: by its tag, or by its capital where the text was not tagged."""
    return tok.pos_ == "PROPN" if tok.pos_ else tok.text[:1].isupper()


def _role_before(doc: Doc, ent: Span) -> tuple[str, list[str]] | None:
    """('president', ['russia']) for 'Russian President Vladimir Putin'."""
    i = ent.start - 1
    role = None
    mods: list[str] = []
    while i >= 0 and ent.start - i <= 5:
        tok = doc[i]
        low = tok.text.lower()
        if role is None:
            if low in ROLE_NOUNS:
                role = low
            elif low in {"minister", "secretary"}:
                role = low
            else:
                return None
        elif low in ROLE_NOUNS or low in {"foreign", "prime", "defense", "defence", "press"}:
            pass
        elif tok.ent_type_ in {"NORP", "GPE", "ORG", "LOC"} or _proper(tok):
            mods.append(_place_key(tok.text))
        elif low in {"of", "state"}:
            pass
        else:
            break
        i -= 1
    if role is None:
        return None
    return role, mods


_ROLES_ALT = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
_NAME = r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*"
_APPOSITION = re.compile(
    r"^,\s+(?:the|a|an|its|his|her)\s+((?:[\w.-]+\s+){0,4}?)(?i:(" + _ROLES_ALT + r"))\b"
    r"(?:\s+of\s+(?:the\s+)?(" + _NAME + "))?"
)


def _role_after(doc: Doc, ent: Span) -> tuple[str, list[str]] | None:
    """('president', ['european council']) for 'Charles Michel, the president of the EC'."""
    # doc.text joins every token: build it once per doc, not once per name (#7).
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    tail = text[ent.end_char : ent.end_char + 120]
    m = _APPOSITION.match(tail)
    if not m:
        return None
    mods = [_place_key(w) for w in m.group(1).split() if w[:1].isupper() or _fold(w) in _DEMONYMS]
    if m.group(3):
        mods.append(_place_key(m.group(3)))
    return m.group(2).lower(), mods


_DESCRIPTION = re.compile(
    r"\b(?:(?:the|The)\s+)?((?:[A-Z][\w.-]*\s+){0,3})(?i:(" + _ROLES_ALT + r"))\b"
    r"(?:\s+of\s+(?:the\s+)?(" + _NAME + "))?"
)


def _people(doc: Doc, ents: list[Span]) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        name = clean_name(ent.text, "PERSON")
        if len(name.split()) < 2:
            continue
        person = people.setdefault(name, _Person(name))
        for found in (_role_before(doc, ent), _role_after(doc, ent)):
            if found:
                role, mods = found
                person.roles.add((role, ""))
                for mod in mods:
                    person.roles.add((role, mod))
    return people


def _resolve_short(name: str, people: dict[str, _Person]) -> str | None:
    """The one full name of the article that ends with (or starts with) ``name``."""
    key = _fold(name)
    ends = [p for p in people if _fold(p).endswith(" " + key)]
    if len(ends) == 1:
        return ends[0]
    if not ends:
        starts = [p for p in people if _fold(p).startswith(key + " ")]
        if len(starts) == 1:
            return starts[0]
    return None


def resolve_description(role: str, mods: list[str], people: dict[str, _Person]) -> str | None:
    """Person of the article introduced with ``role`` (and modifiers), if exactly one."""
    role = role.lower()
    roles = _LEADER_ROLES if role == "leader" else {role}
    mods = [m for m in mods if m]
    matches = []
    for person in people.values():
        if mods:
            ok = all(any((r, m) in person.roles for r in roles) for m in mods)
        else:
            ok = any((r, "") in person.roles for r in roles)
        if ok:
            matches.append(person.name)
    return matches[0] if len(matches) == 1 else None


def _without_opening_verbs(ents: list[Span]) -> list[Span]:
    """A person's name without the verb opening its sentence that NER ran into it
    ("Entrusting Donald Trump with the nuclear codes ...": Donald Trump), when the article
    names that person without it too ("Trump's inexperience")."""
    from spacy.tokens import Span

    from .spacy_pass import is_verb_form

    named = {e.text for e in ents}  # a surname alone is often tagged ORG ("Trump's")
    persons = {t.text for e in ents if e.label_ == "PERSON" for t in e}
    out = []
    for e in ents:
        first = e[0]
        if (
            e.label_ == "PERSON"
            and len(e) >= 3
            and first.is_sent_start
            and first.lower_.endswith("ing")
            and is_verb_form(first.text)
            and (e[1:].text in named or e[-1].text in named)
        ):
            e = Span(e.doc, e.start + 1, e.end, label="PERSON")
        out.append(_past_dateline(e, persons))
    return out


def _past_dateline(e: Span, persons: set[str]) -> Span:
    """A name without the dateline NER ran into it ("ROME - Bernie Sanders met ...":
    Bernie Sanders, a person when the article names a person so elsewhere)."""
    from spacy.tokens import Span

    dash = next((t.i for t in e if t.text in {"-", "--", "—", "–"}), None)
    if dash is None or dash == e.start or dash + 1 >= e.end:
        return e
    before = e.doc[e.start : dash]
    if not all(t.is_upper and t.is_alpha for t in before if not t.is_punct):
        return e
    label = "PERSON" if e.doc[e.end - 1].text in persons else e.label_
    return Span(e.doc, dash + 1, e.end, label=label)


def extract_entities(article: Article, doc: Doc | None = None) -> list[Entity]:
    """Return the people, organisations and places named in ``article``, in text order.

    ``canonical`` is the article-level name: the full name for a surname or a role
    description of a person introduced earlier or later in the same article.
    """
    doc = ensure_doc(article.text, doc)
    ents = _without_opening_verbs([e for e in doc.ents if e.label_ in ENTITY_LABELS | {"NORP"}])
    # A name NER also gives as an organisation or place is a surname only if it does
    # not take an article: "the Kremlin" is not a person even after "Ukraines Kremlin" (#4).
    with_det: Counter[str] = Counter()
    for ent in ents:
        if ent.label_ != "PERSON" and len(ent) == 1 or (len(ent) == 2 and ent[0].lower_ == "the"):
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            det = ent[0].lower_ == "the" or before == "the"
            with_det[_fold(ent[-1].text)] += 1 if det else -1
    people = {k: v for k, v in _people(doc, ents).items() if with_det[_fold(k.split()[-1])] <= 0}
    # Two names run together by a scraper ("Macron Putin told him ..."): not a person.
    lasts = {_fold(k.split()[-1]) for k in people}
    people = {k: v for k, v in people.items() if _fold(k.split()[0]) not in lasts}
    surnames = {_fold(p.split()[-1]) for p in people}
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for ent in ents:
        label = ent.label_
        start, end, text = _trim_span(ent)
        if not text.strip() or "\n" in text:
            continue
        name = clean_name(text, label)
        if not name or not any(c.isalpha() for c in name):
            continue
        # A surname of a person of this article, mislabelled as ORG/GPE ("Biden", "Macron's").
        if label != "PERSON" and len(name.split()) == 1 and _fold(name) in surnames:
            label = "PERSON"
        if label == "NORP":
            continue
        if label == "PERSON" and len(ent) > 1 and all(_fold(t.text) in lasts for t in ent):
            # "Macron Putin": names of two people run together; one mention each.
            for t in ent:
                full = _resolve_short(t.text, people) or t.text
                out.append(Entity(article.id, t.idx, t.idx + len(t.text), t.text, "PERSON", full))
                taken.append((t.idx, t.idx + len(t.text)))
            continue
        canonical = name
        if label == "PERSON":
            if len(name.split()) == 1:
                canonical = _resolve_short(name, people) or name
        out.append(Entity(article.id, start, end, text, label, canonical))
        taken.append((start, end))
    # Surnames of the article's people that NER missed ("Zelenskyy said ...").
    if surnames:
        for tok in doc:
            if tok.ent_type_ or not tok.text[:1].isupper() or _fold(tok.text) not in surnames:
                continue
            s, e = tok.idx, tok.idx + len(tok.text)
            if any(a < e and s < b for a, b in taken):
                continue
            resolved = _resolve_short(tok.text, people)
            if resolved is not None:
                out.append(Entity(article.id, s, e, tok.text, "PERSON", resolved))
                taken.append((s, e))
    # Role descriptions of people: "the Russian president", "the French leader".
    for m in _DESCRIPTION.finditer(article.text):
        role = m.group(2)
        mods = [_place_key(w) for w in m.group(1).split()]
        if m.group(3):
            mods.append(_place_key(m.group(3)))
        if not mods:
            continue
        target = resolve_description(role, mods, people)
        if target is None:
            continue
        s, e = m.start(1), m.end(3) if m.group(3) else m.end(2)
        if any(a < e and s < b for a, b in taken):
            continue
        text = article.text[s:e]
        out.append(Entity(article.id, s, e, text, "PERSON", target))
        taken.append((s, e))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _name_key(name: str) -> str:
    key = _fold(name)
    key = re.sub(r"[^\w\s-]", "", key)
    return " ".join(key.split())


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one multi-word name ('Sergey Lavrov' / 'Sergei Lavrov')."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    from difflib import SequenceMatcher

    if ta[-1] == tb[-1]:
        return SequenceMatcher(None, ta[0], tb[0]).ratio() >= 0.75 and ta[0][:2] == tb[0][:2]
    if ta[:-1] == tb[:-1]:
        return SequenceMatcher(None, ta[-1], tb[-1]).ratio() >= 0.8 and ta[-1][:3] == tb[-1][:3]
    return False


def canonicalize(entities: Iterable[Entity]) -> dict[tuple[str, str], str]:
    """Map ``(label, canonical)`` of entities from many articles to one name per entity.

    People: a surname maps to the single full name (most frequent spelling) that ends with
    it; spelling variants of a full name (same surname, first names alike, or same first
    names and surnames alike: "Sergey"/"Sergei", "Zelensky"/"Zelenskyy") map to the most
    frequent variant. Other labels: names equal up to case, accents and a leading "the"
    share one spelling. Ambiguous short names stay as they are.
    """
    counts: Counter[tuple[str, str]] = Counter((e.label, e.canonical) for e in entities)
    by_key: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (label, name), n in counts.items():
        group = "PERSON" if label == "PERSON" else "OTHER"
        by_key[(group, _name_key(name))][name] += n
    # Preferred spelling per key.
    spelled = {k: c.most_common(1)[0][0] for k, c in by_key.items()}
    key_count = {k: sum(c.values()) for k, c in by_key.items()}
    full = sorted(
        (k for k in spelled if k[0] == "PERSON" and len(k[1].split()) >= 2),
        key=lambda k: -key_count[k],
    )
    # Merge spelling variants of full names into the most frequent one. Only names with as
    # many words and the same surname or the same first names can be similar: index them
    # so that this is not quadratic in the number of names (#7).
    same_last: dict[tuple[int, str], list[int]] = defaultdict(list)
    same_first: dict[tuple[int, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, k in enumerate(full):
        words = k[1].split()
        same_last[(len(words), words[-1])].append(i)
        same_first[(len(words), tuple(words[:-1]))].append(i)
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for i, k in enumerate(full):
        if k in merged:
            continue
        words = k[1].split()
        near = set(same_last[(len(words), words[-1])])
        near.update(same_first[(len(words), tuple(words[:-1]))])
        for j in sorted(j for j in near if j > i):
            k2 = full[j]
            if k2 not in merged and _similar(k[1], k2[1]):
                merged[k2] = k
    heads_by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in full:
        if k not in merged:
            heads_by_surname[k[1].split()[-1]].append(k)
    result: dict[tuple[str, str], str] = {}
    for (label, name), _n in counts.items():
        group = "PERSON" if label == "PERSON" else "OTHER"
        k = (group, _name_key(name))
        k = merged.get(k, k)
        if group == "PERSON" and len(k[1].split()) == 1:
            cands = heads_by_surname.get(k[1], [])  # full names ending with " " + k[1]
            if len(cands) == 1:
                k = cands[0]
        result[(label, name)] = spelled[k]
    return result


def apply_canonical(
    entities: Iterable[Entity], mapping: dict[tuple[str, str], str]
) -> list[Entity]:
    """Entities with ``canonical`` replaced by the cross-article name from :func:`canonicalize`."""
    return [
        replace(e, canonical=mapping.get((e.label, e.canonical), e.canonical)) for e in entities
    ]
