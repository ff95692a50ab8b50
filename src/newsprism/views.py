"""View data: one story document (an object of ``stories.json``) and its articles as plain
data the templates render, shared by the static report (:mod:`newsprism.report`) and the
web app (:mod:`newsprism.web`).

:func:`story_view` resolves every citation to an anchor that wraps exactly the cited span
of the article text, and builds the page's sections, one builder each: summary, timeline,
conflicts, quotes (with their variants' differences), coverage (the fact matrix,
agreements, omissions, exclusives), framing and the articles. :func:`index_view` gives the
index cards, :func:`thread_views` the threads, :func:`article_to_dict` an article's JSON
form. Article text, titles and URLs are hostile input: only http(s) URLs become links
(:func:`safe_url`), and nothing here marks text safe for HTML.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.model import Article

__all__ = [
    "FRAMING_OUTSIDE_CITES",
    "KIND_LABEL",
    "UNKNOWN_OUTLET",
    "Citation",
    "Mark",
    "article_entry",
    "article_label",
    "article_to_dict",
    "cited_ids",
    "date_range",
    "format_date",
    "index_view",
    "layout",
    "paraphrase",
    "safe_id",
    "safe_url",
    "split_label",
    "story_view",
    "thread_views",
    "unique_slugs",
]

# Mark kinds in the order they win when two cited spans partially overlap.
_KIND_PRIORITY = ("claim", "quote", "summary", "event", "fact", "term")
KIND_LABEL = {
    "claim": "disputed claim",
    "quote": "quote",
    "summary": "summary sentence",
    "event": "timeline event",
    "fact": "reported fact",
    "term": "word choice",
}
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


# ---------------------------------------------------------------------------- helpers


def safe_url(url: object) -> str | None:
    """Return ``url`` if it is an absolute http(s) URL safe to put in ``href``, else None.

    ``javascript:``, ``data:``, relative, scheme-relative and URLs with whitespace or
    control characters (which browsers strip before reading the scheme) are refused.
    """
    if not isinstance(url, str) or not url or len(url) > 2048:
        return None
    if _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def safe_id(value: object) -> str:
    """A string usable in an HTML id and a file name: ``value`` itself when it is plain
    (letters, digits, ``_``, ``-``), otherwise a stable hash of it."""
    text = str(value)
    if _SAFE_ID.fullmatch(text):
        return text
    return "h" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _host(url: str | None) -> str | None:
    good = safe_url(url)
    if not good:
        return None
    host = urlsplit(good).hostname or ""
    return host.removeprefix("www.") or None


UNKNOWN_OUTLET = "unknown outlet"
_UNKNOWN_PREFIX = UNKNOWN_OUTLET + " · "


def article_label(article: Mapping[str, Any] | Article | None, fallback: str = "?") -> str:
    """A short name for an article's source: its outlet or the URL's host.

    An article whose file gives neither is labelled ``unknown outlet · <file name>``: one
    label per file, so two such articles count as two (unknown) outlets and the file name
    stays visible as a secondary label (#18 item 14, #21 item 3); :func:`split_label`
    separates the two parts for display.
    """
    if article is None:
        return fallback
    get = article.get if isinstance(article, Mapping) else lambda k: getattr(article, k, None)
    outlet = get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        return outlet.strip()
    host = _host(get("url"))
    if host:
        return host
    path = get("source_path")
    if isinstance(path, str) and path:
        return _UNKNOWN_PREFIX + (Path(path).name or path)
    return fallback


def split_label(label: object) -> tuple[str, str]:
    """``(name, secondary)`` of an outlet label: ``("unknown outlet", "002_ff08.txt")``."""
    text = _str(label)
    if text.startswith(_UNKNOWN_PREFIX):
        return UNKNOWN_OUTLET, text[len(_UNKNOWN_PREFIX) :]
    return text, ""


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def format_date(value: object, *, weekday: bool = False) -> str:
    """``2022-02-20`` as ``20 Feb 2022`` (``Sun 20 Feb 2022``); other values unchanged."""
    if value is None or value == "":
        return ""
    d = _as_date(value)
    if d is None:
        text = str(value)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return f"{_MONTHS[int(text[5:]) - 1]} {text[:4]}" if 1 <= int(text[5:]) <= 12 else text
        return text
    out = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{d.strftime('%a')} {out}" if weekday else out


def date_range(first: object, last: object) -> str:
    """A compact human date range: ``8–21 Feb 2022``, ``8 Feb – 2 Mar 2022``."""
    a, b = _as_date(first), _as_date(last)
    if a and b and a > b:
        a, b = b, a
    if a and b and a != b:
        if a.year == b.year and a.month == b.month:
            return f"{a.day}–{b.day} {_MONTHS[a.month - 1]} {a.year}"
        if a.year == b.year:
            return f"{a.day} {_MONTHS[a.month - 1]} – {format_date(b)}"
        return f"{format_date(a)} – {format_date(b)}"
    if a or b:
        return format_date(a or b)
    return "date unknown"


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _ids(value: object) -> list[str]:
    out: list[str] = []
    for v in _list(value):
        if isinstance(v, str | int) and str(v) not in out:
            out.append(str(v))
    return out


# ---------------------------------------------------------------------------- marks


@dataclass(eq=False)
class Mark:
    """A highlighted span of one article's text that citations link to."""

    article: str
    start: int
    end: int
    kinds: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    n: int = 0
    alias: Mark | None = None  # when dropped for overlapping a stronger mark

    @property
    def anchor(self) -> str:
        """The id of the element that wraps this span (or the span it was merged into)."""
        target = self
        while target.alias is not None:
            target = target.alias
        return f"m{target.n}-{target.start}-{target.end}"

    @property
    def priority(self) -> int:
        return min((_KIND_PRIORITY.index(k) for k in self.kinds if k in _KIND_PRIORITY), default=9)

    @property
    def css(self) -> str:
        return " ".join(f"hl-{k}" for k in sorted(self.kinds, key=_kind_order))

    @property
    def title(self) -> str:
        labels = [KIND_LABEL.get(k, k) for k in sorted(self.kinds, key=_kind_order)]
        return "; ".join(labels + self.notes[:3])


def _kind_order(kind: str) -> int:
    return _KIND_PRIORITY.index(kind) if kind in _KIND_PRIORITY else 9


@dataclass
class Citation:
    """A link from an analysis item to an article (and a span of its text when known)."""

    article: str
    n: int
    label: str
    title: str
    mark: Mark | None = None
    known: bool = True

    @property
    def href(self) -> str:
        if self.mark is not None:
            return "#" + self.mark.anchor
        return f"#art{self.n}" if self.known else "#articles"

    @property
    def precise(self) -> bool:
        return self.mark is not None


def layout(text: str, marks: Iterable[Mark]) -> list[Any]:
    """Nest ``marks`` over ``text``: a list of strings and ``{"mark", "children"}`` nodes.

    Marks that partially overlap a stronger mark are not drawn; their citations point to
    the stronger mark instead (an element cannot wrap two crossing spans).
    """
    accepted: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.priority, m.start, -m.end)):
        clash = next(
            (a for a in accepted if a.start < m.end and m.start < a.end and not _nests(a, m)),
            None,
        )
        if clash is not None:
            m.alias = clash
            continue
        accepted.append(m)
    accepted.sort(key=lambda m: (m.start, -m.end))
    root: dict[str, Any] = {"mark": None, "children": [], "end": len(text)}
    stack = [root]
    pos = [0]

    def close_until(limit: int) -> None:
        while len(stack) > 1 and stack[-1]["end"] <= limit:
            node = stack.pop()
            if pos[0] < node["end"]:
                node["children"].append(text[pos[0] : node["end"]])
                pos[0] = node["end"]

    for m in accepted:
        close_until(m.start)
        parent = stack[-1]
        if pos[0] < m.start:
            parent["children"].append(text[pos[0] : m.start])
            pos[0] = m.start
        node = {"mark": m, "children": [], "end": m.end}
        parent["children"].append(node)
        stack.append(node)
    close_until(len(text) + 1)
    if pos[0] < len(text):
        root["children"].append(text[pos[0] :])
    children: list[Any] = root["children"]
    return children


def _nests(a: Mark, b: Mark) -> bool:
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?\s+|\n+")
_STOP = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been has have "
    "had that this these those it its he she they them his her their said says will would "
    "could should not no also which who whom after before over into about than then there "
    "what when where while".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in (t.lower() for t in re.findall(r"\w+", text)) if w not in _STOP}


def _similar_sentence(text: str, needle: str) -> tuple[int, int] | None:
    """The sentence of ``text`` that shares most content words with ``needle`` (a paraphrase
    of the same fact in another outlet), when it shares enough of them."""
    want = _content_words(needle)
    if len(want) < 3:
        return None
    best: tuple[float, int, int] | None = None
    start = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("”\"’'"))) if m else len(text)
        chunk = text[start:end]
        if chunk.strip():
            shared = len(want & _content_words(chunk))
            score = shared / len(want)
            if shared >= 3 and score >= 0.34 and (best is None or score > best[0]):
                lead = len(chunk) - len(chunk.lstrip())
                best = (score, start + lead, start + len(chunk.rstrip()))
        if m is not None:
            start = m.end()
    return (best[1], best[2]) if best else None


def _find(text: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text``: exactly, then ignoring case and spacing."""
    needle = needle.strip().strip("\"'“”‘’").strip()
    if len(needle) < 8:
        return None
    i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    words = _WORD.findall(needle)
    if not words:
        return None
    pattern = r"\W*".join(re.escape(w) for w in words[:200])
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


# ---------------------------------------------------------------------------- views


# Citations of a framing term into articles outside the story, at most, per term.
FRAMING_OUTSIDE_CITES = 3


def _word_choice_columns(fr: Mapping[str, Any], r: _Resolver) -> list[dict[str, Any]]:
    """One column per outlet for a referent's word-choice table (#17): the terms that
    outlet used for it, most used first, with their uses, whether the term is
    distinctive of the outlet (weighted log-odds, ``distinctive`` in stories.json) and
    citations of its uses (the example sentences' exact spans when given)."""
    counts = _mapping(fr.get("counts"))
    distinctive = {t: set(_ids(ids)) for t, ids in _mapping(fr.get("distinctive")).items()}
    examples = _mapping(fr.get("examples"))
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for term, ids in _mapping(fr.get("terms")).items():
        term = _str(term)
        per_article = _mapping(counts.get(term))
        spans = {}
        for ex in examples.get(term) or []:
            if isinstance(ex, list) and len(ex) == 5 and _str(ex[0]) not in spans:
                spans[_str(ex[0])] = (ex[3], ex[4])
        for a in _ids(ids):
            if not r.in_story(a):
                continue
            cell = cells.setdefault(r.label(a), {}).setdefault(
                term, {"term": term, "uses": 0, "distinctive": False, "cites": []}
            )
            n = per_article.get(a)
            cell["uses"] += n if isinstance(n, int) and not isinstance(n, bool) else 1
            cell["distinctive"] |= a in distinctive.get(term, set())
            start, end = spans.get(a, (None, None))
            cell["cites"].append(
                r.cite(a, start=start, end=end, quote=term, kind="term", note=f"term: {term}"[:80])
            )
    return [
        {
            "outlet": outlet,
            "terms": sorted(terms.values(), key=lambda c: (-c["uses"], c["term"].lower())),
        }
        for outlet, terms in sorted(cells.items(), key=lambda kv: kv[0].lower())
    ]


class _Resolver:
    """Collects citations and the marks they need, per article of one story."""

    def __init__(self, doc: Mapping[str, Any], articles: Mapping[str, Article]) -> None:
        self.order: list[str] = []
        self.index: dict[str, int] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        for entry in _dicts(doc.get("articles")):
            aid = _str(entry.get("id"))
            if aid and aid not in self.meta:
                self.index[aid] = len(self.order) + 1
                self.order.append(aid)
                self.meta[aid] = entry
        self.articles = articles
        # The story's own articles; others (a thread's, cited for a word) are listed and
        # linked, but their text is left to their own story's page.
        self.members = set(self.meta)
        self.kinds: dict[str, set[str]] = {}  # what each article is cited for
        self.marks: dict[str, dict[tuple[int, int], Mark]] = {}
        self.unknown: list[str] = []

    def number(self, aid: str) -> int:
        if aid not in self.meta:
            # Cited but not listed in the story's articles: list it at the end.
            self.index[aid] = len(self.order) + 1
            self.order.append(aid)
            art = self.articles.get(aid)
            self.meta[aid] = {"id": aid} | (
                {
                    "outlet": art.outlet,
                    "title": art.title,
                    "url": art.url,
                    "published": art.published_iso,
                    "source_path": art.source_path,
                }
                if art
                else {}
            )
        return self.index[aid]

    def label(self, aid: str) -> str:
        meta = dict(self.meta.get(aid) or {})
        art = self.articles.get(aid)
        if art is not None:
            for key in ("outlet", "url", "source_path", "title"):
                meta.setdefault(key, getattr(art, key))
                if not meta.get(key):
                    meta[key] = getattr(art, key)
        return article_label(meta, fallback=f"{_UNKNOWN_PREFIX}article {aid}")

    def text(self, aid: str, kind: str = "") -> str | None:
        """The text a citation of ``kind`` is placed in (None: link to the article only).

        Another story's article cited only for a word ("term") is not shown in full.
        """
        art = self.articles.get(aid)
        if art is None or (kind == "term" and not self.shows_text(aid)):
            return None
        return art.text

    def in_story(self, aid: str) -> bool:
        """Whether ``aid`` is one of the story's own articles (all are, when none are listed)."""
        return not self.members or aid in self.members

    def shows_text(self, aid: str) -> bool:
        """Whether the article's text is on this page: the story's own, or cited for a fact."""
        return self.in_story(aid) or bool(self.kinds.get(aid, set()) - {"term"})

    def cite(
        self,
        aid: object,
        *,
        start: object = None,
        end: object = None,
        quote: object = None,
        kind: str = "fact",
        note: str = "",
    ) -> Citation:
        aid = _str(aid)
        n = self.number(aid)
        self.kinds.setdefault(aid, set()).add(kind)
        text = self.text(aid, kind)
        meta = self.meta.get(aid, {})
        title = _str(meta.get("title")) or _str(getattr(self.articles.get(aid), "title", ""))
        known = text is not None or aid in self.articles
        cit = Citation(aid, n, self.label(aid), title, known=known)
        if text is None:
            return cit
        span: tuple[int, int] | None = None
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and not isinstance(start, bool)
            and 0 <= start < end <= len(text)
        ):
            span = (start, end)
        elif isinstance(quote, str) and quote and kind == "term":
            m = re.search(r"(?<!\w)" + re.escape(quote.strip()) + r"(?!\w)", text)
            span = (m.start(), m.end()) if m and m.end() > m.start() else None
        elif isinstance(quote, str) and quote:
            span = _find(text, quote)
            if span is None and kind in ("summary", "fact", "event"):
                span = _similar_sentence(text, quote)
                if span is not None:
                    note = note or "same fact, in this outlet's words"
        if span is None:
            return cit
        marks = self.marks.setdefault(aid, {})
        mark = marks.get(span)
        if mark is None:
            mark = marks[span] = Mark(aid, span[0], span[1], n=n)
        mark.kinds.add(kind)
        if note and note not in mark.notes:
            mark.notes.append(note)
        cit.mark = mark
        return cit

    def cite_all(
        self, item: Mapping[str, Any], *, kind: str, key: str = "articles", note: str = ""
    ) -> list[Citation]:
        """Cite every article of ``item[key]`` for ``item["text"]``; exact offsets, when the
        item has them (``"citations"`` or ``"spans"``: ``[{"article", "start", "end"}]``),
        win over text search."""
        spans: dict[str, dict[str, Any]] = {}
        for sp in _dicts(item.get("citations")) + _dicts(item.get("spans")):
            spans.setdefault(_str(sp.get("article")), sp)
        return [
            self.cite(
                a,
                start=spans.get(a, {}).get("start"),
                end=spans.get(a, {}).get("end"),
                quote=item.get("text"),
                kind=kind,
                note=note,
            )
            for a in _ids(item.get(key))
        ]


def _outlet_keys(resolver: _Resolver, ids: Iterable[str]) -> list[str]:
    out: list[str] = []
    for aid in ids:
        label = resolver.label(aid)
        if label not in out:
            out.append(label)
    return out


_QUOTE_CHARS = "\"'“”‘’«»„ \n\t"


def _bare_quote(text: str) -> str:
    """A quotation without its surrounding quote marks and trailing comma (for display)."""
    bare = text.strip().rstrip(",").strip(_QUOTE_CHARS).rstrip(",").strip()
    return bare or text.strip()


def _diff(canonical: str, variant: str) -> tuple[list[tuple[str, bool]], int]:
    """Tokens of ``variant`` flagged when they differ from ``canonical``; words dropped."""
    a = [t.lower() for t in _WORD.findall(canonical)]
    tokens = re.findall(r"\s+|\w+|[^\w\s]", variant)
    words = [(i, t) for i, t in enumerate(tokens) if not t.isspace()]
    b = [t.lower() for _, t in words]
    changed = [True] * len(b)
    dropped = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                changed[j] = False
        elif tag in ("delete", "replace"):
            dropped += sum(1 for t in a[i1:i2] if t[:1].isalnum())
    flags = {words[j][0]: changed[j] and bool(re.match(r"\w", words[j][1])) for j in range(len(b))}
    return [(t, flags.get(i, False)) for i, t in enumerate(tokens)], dropped


def _quote_kind(value: object) -> str:
    """``"indirect"`` for reported speech, else ``"direct"`` (a verbatim quotation)."""
    return "indirect" if value == "indirect" else "direct"


def paraphrase(text: str) -> str:
    """Reported speech without its leading "that", to show after "said that" (#21 item 5)."""
    bare = text.strip()
    return bare[5:].lstrip() if bare[:5].lower() == "that " else bare


def _fact_status(
    carried: list[str], missing: list[str], unmatched: list[str] | None = None
) -> dict[str, Any]:
    """One status per fact, in words: all outlets, n of N (missing in ..., or not matched
    in ... when the omission check did not confirm it), or only X."""
    unmatched = unmatched or []
    total = len(carried) + len(missing) + len(unmatched)
    if not missing and not unmatched:
        tone = "all"
    elif len(carried) == 1:
        tone = "only"
    else:
        tone = "some"
    return {
        "tone": tone,
        "carried": carried,
        "missing": missing,
        "unmatched": unmatched,
        "count": len(carried),
        "total": total,
    }


def story_view(doc: Mapping[str, Any], articles: Mapping[str, Article]) -> dict[str, Any]:
    """Plain view data for one story document (see the module docstring).

    ``articles`` maps article ids to stored articles (their text is needed to place
    citations); ids the document cites but the store lacks are shown without text. The
    sections are built in page order, articles last: every citation has registered its
    mark by then.
    """
    r = _Resolver(doc, articles)
    sid = _str(doc.get("id")) or "story"
    summary = summary_section(r, doc)
    timeline = timeline_section(r, doc)
    conflicts = conflicts_section(r, doc)
    quotes, quotes_single = quotes_section(r, doc)
    coverage = coverage_section(r, doc)
    framing = framing_section(r, doc)
    arts, dates = articles_section(r)
    first = doc.get("first") or (min(dates).isoformat() if dates else None)
    last = doc.get("last") or (max(dates).isoformat() if dates else None)
    for i, c in enumerate(conflicts, 1):
        c["id"] = f"cf{i}"
    # Framing draws on the whole thread, so an article of another story of the thread may
    # be cited for its word choice: it is listed, but not counted as this story's.
    for entry in arts:
        entry["in_story"] = r.in_story(entry["id"])
    own = [entry for entry in arts if entry["in_story"]]
    outlet_counts: dict[str, int] = {}
    for entry in own:
        label = str(entry["label"])
        outlet_counts[label] = outlet_counts.get(label, 0) + 1
    facts, agreements = coverage["facts"], coverage["agreements"]
    statements = [st for q in quotes + quotes_single for st in q["statements"]]
    return {
        "id": sid,
        "slug": safe_id(sid),
        "title": _str(doc.get("title")) or "Untitled story",
        "thread": _str(doc.get("thread")),
        "dates": date_range(first, last),
        "first": _str(first),
        "last": _str(last),
        "outlets": [{"name": k, "articles": v} for k, v in outlet_counts.items()],
        "summary": summary,
        "timeline": timeline,
        "conflicts": conflicts,
        "quotes": quotes,
        "quotes_single": quotes_single,
        "exclusive_groups": coverage["exclusive_groups"],
        "facts": facts,
        "matrix_outlets": coverage["matrix_outlets"],
        "agreements": agreements,
        "omissions": coverage["omissions"],
        "exclusives": coverage["exclusives"],
        "framing": framing,
        "articles": arts,
        "digest": _digest(conflicts, facts, quotes, framing),
        "counts": {
            "direct_quotes": sum(1 for st in statements if st["kind"] == "direct"),
            "indirect_quotes": sum(1 for st in statements if st["kind"] == "indirect"),
            "articles": len(own),
            "outlets": len(outlet_counts),
            "events": len(timeline),
            "conflicts": sum(1 for c in conflicts if c["kind"] == "conflict"),
            "changes": sum(1 for c in conflicts if c["kind"] == "change"),
            "quotes": len(statements),
            "agreements": len(agreements),
            "facts": len(facts),
        },
    }


def summary_section(r: _Resolver, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The summary sentences, each with its citations."""
    return [
        {
            "text": _str(s.get("text")),
            "cites": r.cite_all(s, kind="summary"),
        }
        for s in _dicts(doc.get("summary"))
        if s.get("text")
    ]


def timeline_section(r: _Resolver, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The dated events in time order (undated last), each with its citations."""
    timeline = []
    for ev in _dicts(doc.get("timeline")):
        cites = r.cite_all(ev, kind="event")
        timeline.append(
            {
                "date": _str(ev.get("date")),
                "label": format_date(ev.get("date"), weekday=True) or "undated",
                "text": _str(ev.get("text")),
                "background": ev.get("background") is True,
                "cites": cites,
                "outlets": _outlet_keys(r, [c.article for c in cites]),
                "who": " · ".join(
                    x for x in (_str(ev.get(k)) for k in ("actor", "action", "target")) if x
                ),
            }
        )
    timeline.sort(key=lambda e: (e["date"] == "", e["date"]))
    # One sentence reporting two dated events shows twice: say which event each one is.
    repeated = Counter(e["text"] for e in timeline)
    for e in timeline:
        if repeated[e["text"]] < 2:
            e["who"] = ""
    return timeline


def conflicts_section(r: _Resolver, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Conflicts and changes, each claim cited with its quantity set off."""
    conflicts = []
    for c in _dicts(doc.get("conflicts")):
        kind = "change" if c.get("kind") == "change" else "conflict"
        subject = _str(c.get("subject"))
        claims = []
        for cl in _dicts(c.get("claims")):
            aid = _str(cl.get("article"))
            if not aid:
                continue
            cit = r.cite(
                aid,
                start=cl.get("start"),
                end=cl.get("end"),
                quote=cl.get("text"),
                kind="claim",
                note=f"{'changed' if kind == 'change' else 'disputed'}: {subject}"[:120],
            )
            meta = r.meta.get(aid, {})
            art = r.articles.get(aid)
            published = meta.get("published") or getattr(art, "published_iso", None)
            evidence = _str(cl.get("text"))
            text = r.text(aid)
            parts = [(evidence, False)]
            if cit.mark is not None and text is not None:
                m0, m1 = cit.mark.start, cit.mark.end
                evidence = text[m0:m1]
                parts = [(evidence, False)]
                qs, qe = cl.get("quantity_start"), cl.get("quantity_end")
                if isinstance(qs, int) and isinstance(qe, int) and m0 <= qs < qe <= m1:
                    parts = [(text[m0:qs], False), (text[qs:qe], True), (text[qe:m1], False)]
            claims.append(
                {
                    "value": _str(cl.get("value")),
                    "text": evidence,
                    "parts": parts,
                    "cite": cit,
                    "published": format_date(published),
                }
            )
        if claims:
            conflicts.append({"subject": subject, "kind": kind, "claims": claims})
    return conflicts


def quotes_section(
    r: _Resolver, doc: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Statements by speaker: those several outlets carry (the board, widest first) and
    the rest (listed compactly)."""
    shared: dict[str, list[dict[str, Any]]] = {}
    single: dict[str, list[dict[str, Any]]] = {}
    for qi, q in enumerate(_dicts(doc.get("quotes"))):
        canonical = _str(q.get("text"))
        seen: set[str] = set()
        variants = [
            _quote_variant(r, canonical, v, seen)
            for v in _dicts(q.get("variants"))
            if _str(v.get("article")) and _str(v.get("text"))
        ]
        others = [
            r.cite(a, quote=canonical, kind="quote")
            for a in _ids(q.get("articles"))
            if a not in seen
        ]
        spread = len(seen | {c.article for c in others})
        speaker = _str(q.get("speaker")) or "Unattributed"
        statement: dict[str, Any] = {
            "id": f"st{qi + 1}",
            "speaker": speaker,
            "kind": _quote_kind(q.get("kind")),
            "text": _bare_quote(canonical),
            "variants": variants,
            "cites": others,
            "spread": spread,
        }
        (shared if spread >= 2 else single).setdefault(speaker, []).append(statement)
    quotes: list[dict[str, Any]] = [
        {"speaker": k, "statements": sorted(v, key=lambda st: -st["spread"])}
        for k, v in sorted(shared.items(), key=lambda kv: -max(st["spread"] for st in kv[1]))
    ]
    quotes_single: list[dict[str, Any]] = [
        {"speaker": k, "statements": v} for k, v in single.items()
    ]
    return quotes, quotes_single


def _quote_variant(
    r: _Resolver, canonical: str, v: Mapping[str, Any], seen: set[str]
) -> dict[str, Any]:
    """One outlet's rendering of a statement, its words flagged where they differ."""
    aid = _str(v.get("article"))
    vtext = _str(v.get("text"))
    seen.add(aid)
    tokens, dropped = _diff(_bare_quote(canonical), _bare_quote(vtext))
    if _quote_kind(v.get("kind")) == "indirect" and tokens and tokens[0][0].lower() == "that":
        # shown after "said that" (#21 item 5)
        tokens = tokens[1:]
        while tokens and tokens[0][0].isspace():
            tokens = tokens[1:]
    return {
        "kind": _quote_kind(v.get("kind")),
        "cue": _str(v.get("cue")),
        "cite": r.cite(aid, start=v.get("start"), end=v.get("end"), quote=vtext, kind="quote"),
        "tokens": tokens,
        "changed": sum(1 for _, ch in tokens if ch),
        "dropped": dropped,
        # how this rendering's meaning departs from the group's reference (#16)
        "differs": _ids(v.get("differs")),
    }


def coverage_section(r: _Resolver, doc: Mapping[str, Any]) -> dict[str, Any]:
    """The coverage matrix: its facts with agreements, omissions and exclusives.

    Columns are the story's own outlets: a thread article cited for a word is no column.
    Returns ``facts``, ``matrix_outlets``, ``agreements``, ``omissions``, ``exclusives``
    and ``exclusive_groups`` (the exclusives by outlet).
    """
    outlets = _outlet_keys(r, [a for a in r.order if r.in_story(a)])
    facts: list[dict[str, Any]] = []
    by_text: dict[str, dict[str, Any]] = {}

    def add_fact(item: dict[str, Any], kind: str) -> dict[str, Any] | None:
        text = _str(item.get("text"))
        if not text:
            return None
        fact = by_text.get(text)
        cites = r.cite_all(item, kind="fact")
        if fact is None:
            fact = by_text[text] = {"text": text, "kinds": [], "cites": [], "missing": []}
            facts.append(fact)
        if kind not in fact["kinds"]:
            fact["kinds"].append(kind)
        known = {c.article for c in fact["cites"]}
        fact["cites"] += [c for c in cites if c.article not in known]
        for m in _ids(item.get("missing_from")):
            label = r.label(m) if m in r.meta or m in r.articles else m
            if label not in fact["missing"]:
                fact["missing"].append(label)
        return fact

    for item in _dicts(_mapping(doc.get("coverage")).get("facts")):
        add_fact(item, "fact")
    agreements = [f for f in (add_fact(i, "agreement") for i in _dicts(doc.get("agreements"))) if f]
    omissions = [f for f in (add_fact(i, "omission") for i in _dicts(doc.get("omissions"))) if f]
    exclusives: list[dict[str, Any]] = []
    by_outlet_only: dict[str, list[dict[str, Any]]] = {}
    for item in _dicts(doc.get("exclusives")):
        text = _str(item.get("text"))
        cites = r.cite_all(item, kind="fact") if text else []
        if not cites:
            continue
        only: dict[str, Any] = {"text": text, "cites": cites}
        exclusives.append(only)
        by_outlet_only.setdefault(cites[0].label, []).append(only)
    for fact in facts:
        carried = _outlet_keys(r, [c.article for c in fact["cites"]])
        first_cite: dict[str, Citation] = {}
        for c in fact["cites"]:
            first_cite.setdefault(r.label(c.article), c)
        # an outlet whose sentence was not aligned with the fact left it out only if the
        # omission check, which reads the outlet's whole text, says so; else it may say
        # it in other words (#16)
        fact["cells"] = [
            {
                "outlet": o,
                "carried": o in carried,
                "left_out": o not in carried and o in fact["missing"],
                "cite": first_cite.get(o),
            }
            for o in outlets
        ]
        fact["count"] = len([o for o in outlets if o in carried])
        fact["status"] = _fact_status(
            [c["outlet"] for c in fact["cells"] if c["carried"]],
            [c["outlet"] for c in fact["cells"] if c["left_out"]],
            [c["outlet"] for c in fact["cells"] if not c["carried"] and not c["left_out"]],
        )
    for i, fact in enumerate(facts, 1):
        fact["id"] = f"fact{i}"
    return {
        "facts": facts,
        "matrix_outlets": outlets,
        "agreements": agreements,
        "omissions": omissions,
        "exclusives": exclusives,
        "exclusive_groups": [{"outlet": k, "items": v} for k, v in by_outlet_only.items()],
    }


def framing_section(r: _Resolver, doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Framing groups: each term with its uses per outlet and a few citations."""
    framing: list[dict[str, Any]] = []
    for fr in _dicts(doc.get("framing")):
        rows = []
        counts = _mapping(fr.get("counts"))
        for term, ids in _mapping(fr.get("terms")).items():
            # Framing is learned over the whole thread: every use is counted, but only the
            # story's own articles and a few of the thread's others are cited, so a story
            # page stays the size of its story however large its thread grows.
            all_ids = _ids(ids)
            inside = [a for a in all_ids if r.in_story(a)]
            outside = [a for a in all_ids if not r.in_story(a)]
            cited = inside + outside[: max(0, FRAMING_OUTSIDE_CITES - len(inside))]
            term_cites = [
                r.cite(a, quote=_str(term), kind="term", note=f"term: {_str(term)}"[:80])
                for a in cited
            ]
            by_outlet: dict[str, int] = {}
            for a in all_ids:
                label = r.label(a)
                by_outlet[label] = by_outlet.get(label, 0) + 1
            per_article = _mapping(counts.get(term))
            uses = sum(n for n in per_article.values() if isinstance(n, int))
            rows.append(
                {
                    "term": _str(term),
                    "cites": term_cites,
                    "outlets": by_outlet,
                    "own_outlets": _outlet_keys(r, inside),
                    "uses": uses,
                }
            )
        if rows:
            framing.append(
                {
                    "id": f"fr{len(framing) + 1}",
                    "referent": _str(fr.get("referent")),
                    "kind": _str(fr.get("kind")),
                    "terms": rows,
                    "columns": _word_choice_columns(fr, r),
                }
            )
    return framing


def articles_section(r: _Resolver) -> tuple[list[dict[str, Any]], list[date]]:
    """The cited articles with their marked-up text, and their publication dates.

    Built last: every citation of the other sections has registered its mark by now.
    """
    arts = []
    dates: list[date] = []
    for aid in list(r.order):
        meta = r.meta.get(aid, {})
        art = r.articles.get(aid)
        published = meta.get("published") or (art.published_iso if art else None)
        day = _as_date(published)
        if day is not None:
            dates.append(day)
        # An article of another story of the thread, cited for a word: its own story's
        # page shows its text; here it is listed with its citations' targets only.
        text = art.text if art is not None and r.shows_text(aid) else None
        marks = list(r.marks.get(aid, {}).values())
        arts.append(article_entry(aid, art, meta, n=r.number(aid), label=r.label(aid),
                                  text=text, marks=marks))  # fmt: skip
    return arts, dates


def article_entry(
    aid: str,
    art: Article | None,
    meta: Mapping[str, Any],
    *,
    n: int,
    label: str,
    text: str | None,
    marks: list[Mark],
) -> dict[str, Any]:
    """One article as a page lists it: what the story document says of it (``meta``) over
    what the store has (``art``), and ``text`` laid out with its ``marks`` (None: no text)."""
    published = meta.get("published") or (art.published_iso if art else None)
    return {
        "id": aid,
        "n": n,
        "label": label,
        "title": _str(meta.get("title")) or (_str(art.title) if art else "") or aid,
        "url": safe_url(meta.get("url") or (art.url if art else None)),
        "raw_url": _str(meta.get("url") or (art.url if art else "")),
        "published": format_date(published),
        "source_path": _str(meta.get("source_path") or (art.source_path if art else "")),
        "duplicate_of": art.duplicate_of if art else None,
        "duplicate_kind": art.duplicate_kind if art else None,
        "nodes": layout(text, marks) if text is not None else None,
        "marks": len(marks),
    }


def article_to_dict(article: Article, *, text: bool = True) -> dict[str, Any]:
    """The JSON form of an article used by ``articles --json``, ``articles.json`` and the
    web app's API."""
    out: dict[str, Any] = {
        "id": article.id,
        "source_path": article.source_path,
        "record": article.record,
        "outlet": article.outlet,
        "published": article.published_iso,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "author": article.author,
        "duplicate_of": article.duplicate_of,
        "duplicate_kind": article.duplicate_kind,
        "captions": list(article.captions),
    }
    if text:
        out["text"] = article.text
    return out


def unique_slugs(cards: Iterable[dict[str, Any]]) -> None:
    """Give every card a slug of its own: two ids hashing to one file name or URL would
    otherwise hide a page (a taken slug gets ``~`` appended and is hashed again)."""
    used: set[str] = set()
    for card in cards:
        slug = card["slug"]
        while slug in used:
            slug = safe_id(slug + "~")
        used.add(slug)
        card["slug"] = slug


# Items per part of the digest, at most: the digest is a page's first screen, not a copy.
DIGEST_ITEMS = 3


def _digest(
    conflicts: list[dict[str, Any]],
    facts: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    framing: list[dict[str, Any]],
) -> dict[str, Any]:
    """What differs between the outlets, briefly, each item pointing at its evidence (#21)."""
    left_out: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        status = fact.get("status") or {}
        # An outlet "left out" a fact that at least two others carried.
        if status.get("tone") == "some" and status.get("count", 0) >= 2:
            # only what the omission check confirmed against the outlet's whole text
            for outlet in status["missing"]:
                left_out.setdefault(outlet, []).append(fact)
    renderings = []
    for sp in quotes:
        for st in sp["statements"]:
            variants = st["variants"]
            kinds = {v["kind"] for v in variants}
            differ = [v for v in variants if v["changed"] + v["dropped"] >= 3]
            if len(kinds) > 1 or differ:
                score = max((v["changed"] + v["dropped"] for v in variants), default=0)
                # One way per outlet: paraphrased beats reworded beats verbatim.
                how: dict[str, str] = {}
                for v in variants:
                    way = (
                        "paraphrased by"
                        if v["kind"] == "indirect"
                        else "reworded by"
                        if v["changed"] + v["dropped"] >= 3
                        else "quoted verbatim by"
                    )
                    rank = ("paraphrased by", "reworded by", "quoted verbatim by")
                    label = v["cite"].label
                    if label not in how or rank.index(way) < rank.index(how[label]):
                        how[label] = way
                ways = [
                    (w, [o for o, x in how.items() if x == w])
                    for w in ("quoted verbatim by", "reworded by", "paraphrased by")
                    if w in how.values()
                ]
                renderings.append(
                    {
                        "ways": ways,
                        "statement": st,
                        "speaker": sp["speaker"],
                        "mixed": len(kinds) > 1,
                        "score": score + (10 if len(kinds) > 1 else 0),
                    }
                )
    renderings.sort(key=lambda x: -x["score"])
    words = []
    for fr in framing:
        used = [t for t in fr["terms"] if t["own_outlets"]]
        if fr.get("kind") == "label":  # a referent's many terms: the distinctive ones only
            marked = {
                t["term"] for c in fr.get("columns", []) for t in c["terms"] if t["distinctive"]
            }
            used = [t for t in used if t["term"] in marked]
        if len(used) >= 2 and len({tuple(t["own_outlets"]) for t in used}) >= 2:
            words.append({"group": fr, "terms": used})
    groups = sorted(left_out.items(), key=lambda kv: -len(kv[1]))
    return {
        "conflicts": conflicts[:DIGEST_ITEMS],
        "more_conflicts": max(0, len(conflicts) - DIGEST_ITEMS),
        "left_out": [{"outlet": o, "facts": fs} for o, fs in groups[:DIGEST_ITEMS]],
        "renderings": renderings[:DIGEST_ITEMS],
        "more_renderings": max(0, len(renderings) - DIGEST_ITEMS),
        "words": words[:DIGEST_ITEMS],
        "more_words": max(0, len(words) - DIGEST_ITEMS),
        "empty": not (conflicts or left_out or renderings or words),
    }


def cited_ids(doc: Mapping[str, Any]) -> set[str]:
    """Every article id a story document lists or cites."""
    ids = {_str(a.get("id")) for a in _dicts(doc.get("articles"))}
    for key in ("summary", "timeline", "quotes", "agreements", "omissions", "exclusives"):
        for item in _dicts(doc.get(key)):
            ids.update(_ids(item.get("articles")))
            ids.update(_ids(item.get("missing_from")))
            ids.update(_str(v.get("article")) for v in _dicts(item.get("variants")))
    for c in _dicts(doc.get("conflicts")):
        ids.update(_str(cl.get("article")) for cl in _dicts(c.get("claims")))
    for fr in _dicts(doc.get("framing")):
        for v in _mapping(fr.get("terms")).values():
            ids.update(_ids(v))
    for f in _dicts(_mapping(doc.get("coverage")).get("facts")):
        ids.update(_ids(f.get("articles")))
    ids.discard("")
    return ids


def index_view(docs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One summary card per story document (no article text needed)."""
    cards = []
    for doc in docs:
        sid = _str(doc.get("id")) or "story"
        arts = _dicts(doc.get("articles"))
        outlets: list[str] = []
        for a in arts:
            label = article_label(a, fallback=_str(a.get("id")))
            if label not in outlets:
                outlets.append(label)
        for o in _list(doc.get("outlets")):
            if isinstance(o, str) and o and o not in outlets and not arts:
                outlets.append(o)
        dates = [d for d in (_as_date(a.get("published")) for a in arts) if d]
        first = doc.get("first") or (min(dates).isoformat() if dates else None)
        last = doc.get("last") or (max(dates).isoformat() if dates else None)
        conflicts = _dicts(doc.get("conflicts"))
        summary = _dicts(doc.get("summary"))
        cards.append(
            {
                "id": sid,
                "slug": safe_id(sid),
                "title": _str(doc.get("title")) or "Untitled story",
                "dates": date_range(first, last),
                "first": _str(first),
                "last": _str(last),
                "thread": _str(doc.get("thread")),
                "outlets": outlets,
                "lede": _str(summary[0].get("text")) if summary else "",
                "counts": {
                    "articles": len(arts),
                    "outlets": len(outlets),
                    "events": len(_dicts(doc.get("timeline"))),
                    "conflicts": sum(1 for c in conflicts if c.get("kind") != "change"),
                    "changes": sum(1 for c in conflicts if c.get("kind") == "change"),
                    "quotes": len(_dicts(doc.get("quotes"))),
                    "agreements": len(_dicts(doc.get("agreements"))),
                },
            }
        )
    return cards


def thread_views(
    docs: Sequence[Mapping[str, Any]], cards: Sequence[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """One view per thread of two or more stories: its stories in time order and what
    changed from each to the next (#21 item 7). Keys are thread ids; each card of a
    threaded story gets ``thread_slug``."""
    by_thread: dict[str, list[tuple[Mapping[str, Any], dict[str, Any]]]] = {}
    for doc, card in zip(docs, cards, strict=True):
        if card.get("thread"):
            by_thread.setdefault(card["thread"], []).append((doc, card))
    views: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for tid, members in by_thread.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda dc: (dc[1]["first"] or "9999", dc[1]["last"], dc[1]["title"]))
        slug = safe_id(tid)
        while slug in used:
            slug = safe_id(slug + "~")
        used.add(slug)
        steps = []
        for (_, before), (doc, after) in zip(members, members[1:], strict=False):
            since = _as_date(before["last"] or before["first"])
            events = []
            for ev in _dicts(doc.get("timeline")):
                day = _as_date(ev.get("date"))
                if ev.get("background") is True or day is None or (since and day <= since):
                    continue
                events.append({"date": format_date(ev.get("date")), "text": _str(ev.get("text"))})
            start = _as_date(after["first"])
            steps.append(
                {
                    "before": before,
                    "after": after,
                    "days": (start - since).days if start and since else None,
                    "new_outlets": [o for o in after["outlets"] if o not in before["outlets"]],
                    "gone_outlets": [o for o in before["outlets"] if o not in after["outlets"]],
                    "events": events[:5],
                    "more_events": max(0, len(events) - 5),
                }
            )
        stories = [card for _, card in members]
        for card in stories:
            card["thread_slug"] = slug
            card["thread_size"] = len(stories)
        firsts = [c["first"] for c in stories if c["first"]]
        lasts = [c["last"] or c["first"] for c in stories if c["last"] or c["first"]]
        views[tid] = {
            "id": tid,
            "slug": slug,
            "title": stories[-1]["title"],
            "dates": date_range(min(firsts) if firsts else None, max(lasts) if lasts else None),
            "stories": stories,
            "steps": steps,
        }
    return views
