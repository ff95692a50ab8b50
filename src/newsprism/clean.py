"""Keep only the article: strip scraper residue, find header metadata, map offsets back.

Text as scraped carries tracking snippets, metadata dumps (xpath lines, image URLs),
contact and copyright blocks, navigation crumbs, promos, photo captions and repeated
paragraphs. Lines are judged by general signals (their shape, punctuation and stop-word
ratios, what surrounds them, whether they recur across one outlet's documents), in the
manner of jusText; nothing here knows any particular site. Every kept stretch of text is
recorded as a :class:`Segment`, so offsets in the cleaned text map back to the original.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

import ftfy

from newsprism.metadata import date_from_url, outlet_from_url, parse_date
from newsprism.model import Article, OffsetMap, RawDocument, Segment, shown_path

log = logging.getLogger(__name__)

__all__ = [
    "CleanConfig",
    "CleanResult",
    "clean_document",
    "clean_documents",
    "article_id",
    "normalise_line",
    "recurring_lines",
    "outlet_key",
]

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says would could may might must shall""".split()
)

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, normalization="NFC", explain=False
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_IMAGE_URL = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|bmp|avif)(?:[?#]\S*)?$|/(?:img|image|images)/", re.I
)
_XPATH = re.compile(
    r"^/{1,2}[\w:-]+(?:\[[^\]]*\])?(?:/{1,2}(?:[\w:*-]+|@[\w:-]+)(?:\[[^\]]*\])?)+$"
)
_MARKUP = re.compile(r"<!--.*?-->|</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>")
_MARKUP_RESIDUE = re.compile(
    r"^\s*(?:<!--|!--|-->|<\s*/?\s*(?:script|style|noscript|iframe|div|span)\b)"
    r"|-->\s*$|^\s*[{}\[\]();]+\s*$|\b(?:function\s*\(|var\s+\w+\s*=|window\.\w+|"
    r"dataLayer|gtag\(|document\.write)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE_LINE = re.compile(r"^(?:(?:tel|phone|fax|call)\s*[:.]?\s*)?\+?[\d\s().\-]{7,}$", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.I)
_BULLET = re.compile(r"^[•·▪►»‣◦●■|>*-]\s*")
_TIME_TOKEN = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}"
)
_CREDIT_BRACKET = re.compile(r"\s*[\[(]([^\[\]()]{2,100})[\])]\s*$")
_CREDIT_WORDS = re.compile(
    r"/|\bvia\b|\bphoto|\bimage|\bpicture|\bcourtesy|\bgetty\b|\bafp\b|"
    r"\breuters\b|\bap\b|\bepa\b|\bfile\b|\bcredit",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^(?:image|photo|picture|video|graphic)s?\s*(?:source|credit|courtesy|by)?\s*:", re.I
)
_SOURCE_CUE = re.compile(
    r"^source\s*:\s*(?P<name>.+?)\s*(?:,|\band\b|&|\+)?\s*(?:news\s+)?"
    r"(?:agencies|wire services|wires)?\s*\.?$",
    re.I,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed(?: to this (?:report|story|article))?\.?$|"
    r"^\((?:reporting|writing|editing) by\b",
    re.I,
)
# Web-page furniture: phrases that open promo, sharing and status lines on news sites.
_PROMO = re.compile(
    r"^(?:also read|read (?:more|also|next)|related(?: (?:articles?|stories|coverage))?|see also|"
    r"more (?:from|on|stories)|recommended|don'?t miss|subscribe|sign up|newsletter|follow us|"
    r"click here|tap here|download (?:the|our) app|share (?:this|on)|advertisement|sponsored|"
    r"being updated|this (?:story|article|page) (?:is|will be) (?:being )?updated|developing story|"
    r"breaking(?: news)?:|watch(?: live)?:|listen:|live(?: updates)?:|interactive\b|video:|"
    r"photos?:|gallery:|opinion:|explainer:|trending)",
    re.I,
)
_LABEL_PREFIX = re.compile(r"^[A-Z][A-Z&]{3,}(?:\s+[A-Z&]{2,})*\s*[-–—:|]")
_TERMINAL = re.compile(r"[.!?…\"”’'»)\]:]$")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)]*$")


@dataclass(frozen=True)
class CleanConfig:
    """Thresholds of the line classifier."""

    good_min_words: int = 8
    good_min_stopword_ratio: float = 0.2
    heading_min_words: int = 3
    header_lines: int = 15  # where a title, date and URL are looked for
    title_max_words: int = 30
    coverage_min_words: int = 25  # paragraphs this long are checked for being re-posts
    coverage_threshold: float = 0.8
    recurring_max_words: int = 20
    # Metadata longer than this is cut (a URL dropped) with a warning: a 20 MB title made
    # every page that lists it 20 MB (#18).
    max_title_chars: int = 1000
    max_outlet_chars: int = 200
    max_author_chars: int = 500
    max_url_chars: int = 4000


DEFAULT_CLEAN = CleanConfig()


@dataclass
class _Line:
    start: int  # offsets of the stripped line in the original
    end: int
    text: str  # stripped, markup removed
    kind: str = "candidate"
    pieces: list[tuple[int, int, str]] = field(default_factory=list)  # joined continuations


@dataclass(frozen=True)
class CleanResult:
    """Cleaned body and what the header and footer said about the article."""

    text: str
    offsets: OffsetMap
    captions: tuple[str, ...]
    title: str | None
    published: datetime | date | None
    url: str | None
    outlet_cue: str | None
    removed: dict[str, int]


def normalise_line(text: str) -> str:
    """Lower-cased, punctuation-free form used to compare lines and paragraphs."""
    return " ".join(w.lower() for w in _WORD.findall(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _stopword_ratio(words: Sequence[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in STOPWORDS) / len(words)


def _split_lines(raw: str) -> list[_Line]:
    lines = []
    pos = 0
    for chunk in raw.splitlines(keepends=True):
        body = chunk.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            lines.append(_Line(start, start + len(stripped), stripped))
        else:
            lines.append(_Line(pos, pos, "", kind="blank"))
        pos += len(chunk)
    return lines


def _classify(line: _Line) -> str:
    """Hard-rule class of one line, or "candidate" when only context can decide."""
    t = line.text
    if _MARKUP_RESIDUE.search(t) and len(_words(_MARKUP.sub(" ", t))) < 12:
        return "markup"
    if _URL_LINE.match(t):
        return "image" if _IMAGE_URL.search(t) else "url"
    if _XPATH.match(t):
        return "xpath"
    if parse_date(t) is not None:
        return "date"
    words = _words(t)
    n = len(words)
    if _EMAIL.search(t) and n <= 8:
        return "contact"
    if _PHONE_LINE.match(t) and sum(c.isdigit() for c in t) >= 7:
        return "contact"
    if _COPYRIGHT.search(t) and n <= 25:
        return "copyright"
    if _SOURCE_CUE.match(t) and n <= 10:
        return "source"
    if _CONTRIBUTED.search(t) and n <= 60 and not re.search(r"[\"“”]", t):
        return "credit"
    if _TIME_TOKEN.search(t) and n <= 8 and not _TERMINAL.search(t.rstrip(".")):
        return "timestamp"
    if _CREDIT_LINE.match(t) and n <= 12:
        return "credit-line"
    if n <= 15 and (_PROMO.match(t) or (_LABEL_PREFIX.match(t) and n <= 12)):
        return "promo"
    if _BULLET.match(t) and n <= 4:
        return "nav"
    m = _CREDIT_BRACKET.search(t)
    if m and _CREDIT_WORDS.search(m.group(1)) and len(m.group(1).split()) <= 10:
        return "caption"
    return "candidate"


def _is_good(text: str, config: CleanConfig) -> bool:
    words = _words(text)
    if len(words) >= 30:
        return True
    return (
        len(words) >= config.good_min_words
        and _stopword_ratio(words) >= config.good_min_stopword_ratio
    )


def _caption_text(text: str) -> str:
    m = _CREDIT_BRACKET.search(text)
    if m and _CREDIT_WORDS.search(m.group(1)):
        return text[: m.start()].strip()
    return text


def recurring_lines(
    docs: Iterable[RawDocument], *, max_words: int = 20
) -> dict[str, frozenset[str]]:
    """Short lines that recur in two or more documents of the same outlet, per outlet key.

    Cross-document recurrence within one outlet is the strongest boilerplate signal there
    is (bylines, section names, sign-up boxes). The key is the outlet a reader already
    found, else the URL's domain; documents whose outlet is unknown give no evidence.
    """
    per_outlet: dict[str, Counter[str]] = {}
    for doc in docs:
        key = outlet_key(doc)
        if key is None:
            continue
        seen = set()
        for raw_line in (doc.body if doc.body is not None else doc.raw).splitlines():
            norm = normalise_line(raw_line)
            if norm and len(norm.split()) <= max_words:
                seen.add(norm)
        per_outlet.setdefault(key, Counter()).update(seen)
    return {k: frozenset(line for line, n in c.items() if n >= 2) for k, c in per_outlet.items()}


def outlet_key(doc: RawDocument) -> str | None:
    """The key under which a document's outlet-level boilerplate is counted."""
    if doc.outlet:
        return doc.outlet.lower()
    url = doc.url or _first_url(doc.raw)
    return outlet_from_url(url) if url else None


def _first_url(raw: str) -> str | None:
    for line in raw[:4000].splitlines()[:40]:
        s = line.strip()
        if _URL_LINE.match(s) and not _IMAGE_URL.search(s):
            return s
    return None


def article_id(doc: RawDocument) -> str:
    """Stable id of a record: the same file (and record) with the same content, the same id."""
    key = f"{doc.source_path}\0{doc.record}\0{doc.content_sha}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clean_documents(
    docs: Iterable[RawDocument], *, config: CleanConfig = DEFAULT_CLEAN
) -> list[Article]:
    """Clean a batch of documents, using lines that recur within an outlet as boilerplate."""
    docs = list(docs)
    recurring = recurring_lines(docs, max_words=config.recurring_max_words)
    return [
        clean_document(d, recurring=recurring.get(outlet_key(d) or "", frozenset()), config=config)
        for d in docs
    ]


def clean_document(
    doc: RawDocument,
    *,
    recurring: frozenset[str] = frozenset(),
    config: CleanConfig = DEFAULT_CLEAN,
) -> Article:
    """Turn one raw document into an :class:`Article` with a clean body and its metadata."""
    if doc.body is not None:
        result = clean_body(doc.body, recurring=recurring, config=config, header=False)
        offsets = _compose(result.offsets, doc.body_map)
    elif doc.format in ("jsonl", "json", "csv", "feed"):
        # A record's text field is already the body: no header to read, short texts are fine.
        result = clean_body(doc.raw, recurring=recurring, config=config, header=False)
        offsets = result.offsets
    else:
        result = clean_body(doc.raw, recurring=recurring, config=config, header=True)
        offsets = result.offsets
    url = doc.url or result.url
    outlet = _choose_outlet(doc.outlet, url, result.outlet_cue)
    published = doc.published or result.published or date_from_url(url)
    title = doc.title or result.title
    if title:
        # A headline ends with a word or a sentence mark, not a separator an export left
        # behind ("Sanders' winning streak continues;").
        title = ftfy.fix_text(htmllib.unescape(title), _FTFY_CONFIG).strip().rstrip(" ;,:|")
        title = strip_site_name(title, (outlet, doc.outlet), url)
    where = shown_path(doc.source_path) + (f" record {doc.record}" if doc.record else "")
    title = _capped(title, config.max_title_chars, "title", where)
    outlet = _capped(outlet, config.max_outlet_chars, "outlet", where)
    author = _capped(doc.author, config.max_author_chars, "author", where)
    if url and len(url) > config.max_url_chars:
        log.warning(
            "%s: URL of %d characters dropped (limit %d)", where, len(url), config.max_url_chars
        )
        url = None
    language = doc.language if doc.language and len(doc.language) <= 3 else None
    from newsprism.language import detect_language

    language = detect_language(result.text) or language
    return Article(
        id=article_id(doc),
        source_path=doc.source_path,
        record=doc.record,
        format=doc.format,
        text=result.text,
        title=title or None,
        url=url,
        published=published,
        outlet=outlet,
        author=author,
        language=language,
        captions=result.captions,
        offsets=offsets,
        content_sha=doc.content_sha,
        raw=doc.raw,
    )


def _capped(value: str | None, limit: int, what: str, where: str) -> str | None:
    """``value`` cut to ``limit`` characters at a word's end, with a warning, when longer."""
    if value is None or len(value) <= limit:
        return value
    log.warning("%s: %s of %d characters cut to %d", where, what, len(value), limit)
    cut = value[: limit - 1]
    space = cut.rfind(" ", limit // 2)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


# A page title often carries the site's name: "Best tech gadgets of 2019 | ZDNet",
# "... – TechCrunch", "LinkNaija | Nigeria's popular news platform: ...".
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—-]|::)\s+(?P<site>(?:(?!\s(?:[|–—-]|::)\s).){2,60})$")
_SITE_PREFIX = re.compile(r"^(?P<site>[^|–—:]{2,80}?)\s*[|:]\s+")


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _names_site(part: str, names: list[str]) -> bool:
    """``part`` of a title is the site's name: one of ``names`` (squashed), or most of one."""
    p = _squash(part)

    def close(a: str, b: str) -> bool:
        return a in b and len(a) >= 0.6 * len(b)

    return len(p) >= 3 and any(n and (p == n or close(p, n) or close(n, p)) for n in names)


def strip_site_name(title: str, outlets: Iterable[str | None], url: str | None) -> str:
    """``title`` without the site's name that a page put before or after the headline.

    Only a part that names the outlet, the reader's site name or the link's domain goes
    ("| ZDNet", "- VG247", "| Inexhibit" for "Inexhibit magazine"); a section ("Opinion |")
    or any other part stays.
    """
    names = [_squash(o) for o in outlets if o]
    host = urlsplit(url).hostname or "" if url else ""
    labels = [x for x in host.lower().split(".") if x not in ("www", "com", "co", "org", "net")]
    names += [_squash(x) for x in labels if len(x) >= 4]
    for _ in range(2):  # "Headline - Section - Site": the site, then nothing else
        m = _SITE_SUFFIX.search(title)
        if m and _names_site(m["site"], names) and len(title[: m.start()].split()) >= 3:
            title = title[: m.start()].rstrip()
            continue
        break
    m = _SITE_PREFIX.match(title)
    while m and _names_site(m["site"], names) and len(title[m.end() :].split()) >= 3:
        title = title[m.end() :]
        m = _SITE_PREFIX.match(title)
    return title


def _choose_outlet(reader_outlet: str | None, url: str | None, cue: str | None) -> str | None:
    known = outlet_from_url(url)
    if known and "." not in known:  # a readable name from the known-outlet table
        return known
    return (reader_outlet or "").strip() or cue or known


def _compose(inner: OffsetMap, outer: OffsetMap | None) -> OffsetMap:
    """Chain cleaned→body offsets with body→source offsets (HTML paragraphs, JSON fields)."""
    if outer is None:
        return inner
    segs = []
    for s in inner.segments:
        a, b = outer.to_original(s.orig_start), outer.to_original(max(s.orig_start, s.orig_end - 1))
        if a is not None and b is not None:
            segs.append(Segment(s.start, s.end, a, b + 1))
    return OffsetMap(tuple(segs))


def clean_body(
    raw: str,
    *,
    recurring: frozenset[str] = frozenset(),
    config: CleanConfig = DEFAULT_CLEAN,
    header: bool = True,
) -> CleanResult:
    """Clean scraped text. With ``header``, also read a title, date and URL from the top lines.

    The steps: classify each line, read the header, mark the title's repeat and recurring
    lines, find captions, join continuation lines, let context decide short lines, and
    assemble the body with its offset map.
    """
    lines = _split_lines(raw)
    removed: Counter[str] = Counter()
    _classify_lines(lines, header)
    url, published, title = _read_header(lines, config) if header else (None, None, None)
    title_norm = normalise_line(title) if title else None
    outlet_cue = _mark_lines(lines, title_norm, recurring, config)
    captions = _captions(lines)
    kept = _join_continuations(lines, header)
    decided = _decide_short_lines(kept, config, header, removed)
    decided = _drop_reposts(decided, config, removed)
    text, segments = _assemble(decided)
    for ln in lines:
        if ln.kind not in ("candidate", "blank"):
            removed[ln.kind] += 1
    return CleanResult(
        text=text,
        offsets=OffsetMap(tuple(segments)),
        captions=tuple(dict.fromkeys(c for c in captions if c)),
        title=title,
        published=published,
        url=url,
        outlet_cue=outlet_cue,
        removed=dict(removed),
    )


def _classify_lines(lines: list[_Line], header: bool) -> None:
    """Give each non-blank line its kind (candidate text, URL, date, caption, markup, ...)."""
    for line in lines:
        if line.kind == "blank":
            continue
        if not header:
            # Page text from trafilatura: boilerplate is already gone, and lists, tables and
            # link lines can be content. Only residue that is never article text goes.
            line.kind = (
                "markup"
                if _MARKUP_RESIDUE.search(line.text)
                and len(_words(_MARKUP.sub(" ", line.text))) < 12
                else "candidate"
            )
            if (
                line.kind == "candidate"
                and len(_words(line.text)) <= 15
                and _PROMO.match(line.text)
            ):
                line.kind = "promo"
            continue
        if "<" in line.text or "&" in line.text:
            inner = htmllib.unescape(_MARKUP.sub(" ", line.text)).strip()
            line.kind = _classify(line) if inner else "markup"
            line.text = inner or line.text
        else:
            line.kind = _classify(line)


def _read_header(
    lines: list[_Line], config: CleanConfig
) -> tuple[str | None, datetime | date | None, str | None]:
    """URL, date and title among the first non-blank lines."""
    url: str | None = None
    published: datetime | date | None = None
    title: str | None = None
    nonblank = [ln for ln in lines if ln.kind != "blank"]
    for ln in nonblank[: config.header_lines + 10]:
        if ln.kind == "url" and url is None:
            url = ln.text
        elif ln.kind == "date" and published is None:
            published = parse_date(ln.text)
        elif ln.kind == "timestamp" and published is None:
            published = _date_in(ln.text)
    for ln in nonblank[: config.header_lines]:
        if ln.kind != "candidate":
            continue
        words = _words(ln.text)
        if len(words) < 3 or len(words) > config.title_max_words:
            continue
        if ln.text.endswith(".") or _ELLIPSIS.search(ln.text):
            break  # the text starts with a sentence: no headline to read
        title = ln.text
        break
    return url, published, title


def _mark_lines(
    lines: list[_Line], title_norm: str | None, recurring: frozenset[str], config: CleanConfig
) -> str | None:
    """Mark the title's lines and the site's recurring lines; return the outlet a source
    line names ("Source: Reuters"), if any."""
    outlet_cue = None
    for ln in lines:
        if ln.kind == "source" and outlet_cue is None:
            m = _SOURCE_CUE.match(ln.text)
            outlet_cue = m.group("name").strip(" ,.") if m else None
        if ln.kind == "candidate" and title_norm and normalise_line(ln.text) == title_norm:
            ln.kind = "title"
        elif (
            ln.kind == "candidate"
            and recurring
            and normalise_line(ln.text) in recurring
            and len(_words(ln.text)) <= config.recurring_max_words
        ):
            ln.kind = "recurring"
    return outlet_cue


def _captions(lines: list[_Line]) -> list[str]:
    """Captions: a line ending in a photo credit, and a credit-only line ("Image source:
    X"); the line just above belongs to the caption when it is not a finished sentence, or
    always for a credit-only line."""
    captions: list[str] = []
    for i, ln in enumerate(lines):
        if ln.kind not in ("caption", "credit-line"):
            continue
        above = lines[i - 1] if i > 0 else None
        if (
            above is not None
            and above.kind == "candidate"
            and (ln.kind == "credit-line" or not _TERMINAL.search(above.text))
        ):
            above.kind = "caption"
            captions.append(_caption_text(above.text))
        if ln.kind == "caption":
            captions.append(_caption_text(ln.text))
    return captions


def _join_continuations(lines: list[_Line], header: bool) -> list[_Line]:
    """The candidate lines, continuation lines ("statement" / "following Sunday's call")
    and lone punctuation joined to the line they continue."""
    kept: list[_Line] = []
    prev: _Line | None = None
    for ln in lines:
        if ln.kind == "blank":
            prev = None
            continue
        if ln.kind != "candidate":
            continue
        first = ln.text[0]
        if (
            header
            and prev is not None
            and not _TERMINAL.search(prev.text)
            and (first.islower() or first in ".,;:!?)]…")
        ):
            sep = "" if first in ".,;:!?)]…" else " "
            prev.pieces.append((ln.start, ln.end, sep + ln.text))
            prev.text += sep + ln.text
            continue
        ln.pieces = [(ln.start, ln.end, ln.text)]
        kept.append(ln)
        prev = ln
    return kept


def _decide_short_lines(
    kept: list[_Line], config: CleanConfig, header: bool, removed: Counter[str]
) -> list[_Line]:
    """Context decides short lines: a heading between two real paragraphs stays."""
    good = [not header or _is_good(ln.text, config) for ln in kept]
    decided: list[_Line] = []
    for i, ln in enumerate(kept):
        if good[i]:
            decided.append(ln)
            continue
        n = len(_words(ln.text))
        before = next(
            (
                good[j]
                for j in range(i - 1, -1, -1)
                if _is_good(kept[j].text, config)
                or len(_words(kept[j].text)) >= config.heading_min_words
            ),
            False,
        )
        after = next(
            (
                good[j]
                for j in range(i + 1, len(kept))
                if _is_good(kept[j].text, config)
                or len(_words(kept[j].text)) >= config.heading_min_words
            ),
            False,
        )
        if n >= config.heading_min_words and before and after:
            decided.append(ln)
        else:
            removed["short"] += 1
    if header and not decided:
        # A short real article (a one-sentence wire brief) has no long paragraph beside its
        # short lines: its finished sentences are the article (#18).
        decided = [
            ln
            for ln in kept
            if len(_words(ln.text)) >= config.heading_min_words and _SENTENCE_END.search(ln.text)
        ]
        removed["short"] -= len(decided)
    return decided


def _assemble(decided: list[_Line]) -> tuple[str, list[Segment]]:
    """The body (paragraphs apart by a blank line) and its segments back to the source."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for ln in decided:
        if parts:
            parts.append("\n\n")
            pos += 2
        for start, _end, piece in ln.pieces:
            lead = len(piece) - len(piece.lstrip(" "))  # the joining space is not in the source
            fixed, spans = _repair(piece[lead:], start)
            if lead:
                parts.append(" ")
                pos += 1
            segments.extend(Segment(pos + a, pos + b, oa, ob) for a, b, oa, ob in spans)
            parts.append(fixed)
            pos += len(fixed)
    return "".join(parts), segments


_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")


def _repair(text: str, orig_start: int) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Repair mojibake and collapse space runs; return the text and its exact sub-spans.

    Each span is (start, end, orig_start, orig_end). Where ftfy changed the length the whole
    piece is one span (offsets are interpolated inside it); otherwise spans split at every
    collapsed run of spaces, so the map stays exact.
    """
    # A no-break space is a space to every later stage (one character for one, so the
    # offsets stay exact): "The\u00a0Republican\u00a0National Committee" was a name NER
    # cut to "National Committee" (NeuS, docs/handcheck-neus-2100.md).
    fixed = ftfy.fix_text(text, _FTFY_CONFIG).replace("\u00a0", " ")
    if len(fixed) != len(text):
        collapsed = _SPACE_RUN.sub(" ", fixed)
        return collapsed, [(0, len(collapsed), orig_start, orig_start + len(text))]
    out: list[str] = []
    spans = []
    src = pos = 0
    for m in _SPACE_RUN.finditer(fixed):
        chunk = fixed[src : m.start()] + " "
        spans.append((pos, pos + len(chunk), orig_start + src, orig_start + m.start() + 1))
        out.append(chunk)
        pos += len(chunk)
        src = m.end()
    chunk = fixed[src:]
    spans.append((pos, pos + len(chunk), orig_start + src, orig_start + len(text)))
    out.append(chunk)
    return "".join(out), spans


def _date_in(text: str) -> date | None:
    for m in _TIME_TOKEN.finditer(text):
        d = parse_date(m.group(0))
        if isinstance(d, date):
            return d
    return None


def _shingles(words: list[str], k: int = 6) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def _drop_reposts(paras: list[_Line], config: CleanConfig, removed: Counter[str]) -> list[_Line]:
    """Collapse repeated paragraphs: exact repeats, truncated teasers and re-posted blocks."""
    out: list[_Line] = []
    seen: set[str] = set()
    for ln in paras:
        norm = normalise_line(ln.text)
        if norm in seen:
            removed["repeated"] += 1
            continue
        seen.add(norm)
        out.append(ln)
    norms = [normalise_line(ln.text) for ln in out]
    # A teaser cut off with "..." whose text is in another paragraph.
    keep = [True] * len(out)
    for i, ln in enumerate(out):
        m = _ELLIPSIS.search(ln.text)
        if m:
            prefix = normalise_line(ln.text[: m.start()])
            if len(prefix) >= 40 and any(prefix in norms[j] for j in range(len(out)) if j != i):
                keep[i] = False
                removed["teaser"] += 1
    # A long block whose sentences all appear again in other paragraphs (a re-posted dump).
    words = [n.split() for n in norms]
    shingles = [_shingles(w) for w in words]
    order = sorted((i for i in range(len(out)) if keep[i]), key=lambda i: -len(words[i]))
    for i in order:
        if len(words[i]) < config.coverage_min_words:
            continue
        others: set[tuple[str, ...]] = set()
        for j in range(len(out)):
            if j != i and keep[j]:
                others |= shingles[j]
        covered = len(shingles[i] & others) / max(1, len(shingles[i]))
        if covered >= config.coverage_threshold:
            keep[i] = False
            removed["repeated"] += 1
    return [ln for i, ln in enumerate(out) if keep[i]]
