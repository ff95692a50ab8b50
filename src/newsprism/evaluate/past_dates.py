"""Past events dated after their article: the date criterion of issue #19, checked.

"No date after an article's publication for a past-tense event." For every DATE or TIME
mention of an article with a publication date, :func:`late_past_dates` flags the mention
when its resolved value lies strictly after the publication date and the verb governing
it in the spaCy parse is in the past tense. Nobody judges the flags: a past verb may
govern a future date ("announced Monday that the vote will be in November" is not one,
but "was scheduled for Tuesday" is), so the flagged sentences are for a reader.

- after publication: a day value ("2016-03-08", "2016-03-08TNI") after the publication
  day; a month, quarter, season or year value whose whole period is after the publication
  day's month or year ("2016-11" in an October 2016 article, "2017" in a 2016 one); a week
  whose Monday is after it;
- governing verb: the first verb or copula up the dependency chain from the date's head
  word ("canceled an interview Monday night", "In May, she filed", "an interview that
  aired Sunday", "clashed at Saturday's debate");
- past tense: a simple past ("canceled", "was"), a verb group with a past auxiliary ("was
  fired", "had met") or a present perfect ("has met"); never under a modal or "to" ("would
  close", "to vote").

:func:`read_dated_articles` reads the corpora the check runs on: PolNeAR (train and dev,
the date from its metadata or file name), MEANTIME (the document creation time),
NewsWCL50 (``published``), TimeML folders such as TempEval-3 (the DCT), or any folder
``analyze`` reads.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import NewsprismError
from newsprism.extract.dates import extract_dates
from newsprism.model import Article, DateMention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsprism.extract.spacy_pass import Sentence

__all__ = [
    "LatePastDate",
    "check_past_dates",
    "governing_verb",
    "is_past_tense",
    "late_past_dates",
    "read_dated_articles",
    "starts_after",
]


@dataclass(frozen=True)
class LatePastDate:
    """A date resolved after its article's publication, governed by a past-tense verb."""

    article_id: str
    published: str
    start: int
    end: int
    text: str
    value: str
    # "published" when the value was resolved against the publication date; None when the
    # text wrote it out ("May 3, 2016"): then the resolver chose nothing
    anchor: str | None
    verb: str
    tag: str  # the governing verb's tag, with its auxiliaries: "VBD", "has VBN", "was VBN"
    sentence: str


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}


def starts_after(value: str, published: dt.date) -> bool:
    """Does the period a TimeML ``value`` names lie wholly after the ``published`` day?

    A day after it; a month, quarter, half or season starting in a later month (winter
    counted from January, so as not to flag a winter that began before); a year after its
    year; an ISO week whose Monday is after it. Other values (durations, "PAST_REF",
    partial values) never are.
    """
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])) > published
        except ValueError:
            return False
    month = (published.year, published.month)
    m = re.fullmatch(r"(\d{4})-(?:(\d\d)|Q([1-4])|H([12])|(SP|SU|FA|WI))", value)
    if m:
        first = int(m[2]) if m[2] else 0
        if m[3]:
            first = 3 * int(m[3]) - 2
        elif m[4]:
            first = 6 * int(m[4]) - 5
        elif m[5]:
            first = _SEASON_START[m[5]]
        return (int(m[1]), first) > month
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return int(m[1]) > published.year
    m = re.match(r"(\d{4})-W(\d\d)", value)
    if m:
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) > published
        except ValueError:
            return False
    return False


_HAVE = frozenset({"have", "has", "had", "'ve", "’ve", "'d", "’d"})


def governing_verb(tok: Token) -> Token | None:
    """The verb (or copula) up the dependency chain from ``tok``, the head word of a date;
    None when the chain reaches the root without one (a headline's noun phrase)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "VERB" or cur.pos_ == "AUX" and cur.dep_ not in ("aux", "auxpass"):
            return cur
    return None


def is_past_tense(verb: Token) -> tuple[bool, str]:
    """Whether ``verb``'s verb group is in a past tense, and its tag with the auxiliaries
    that decided ("VBD", "was VBN", "has VBN").

    A simple past ("canceled"), a group whose finite auxiliary is past ("was fired", "had
    met", "did not say") or a present perfect ("has met") is past; a modal or "to" in the
    group ("would close", "will have met", "to have met") makes it no past.
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False, "MD"
    if verb.tag_ == "VBD":
        return True, "VBD"
    past_aux = next((a for a in auxes if a.tag_ == "VBD"), None)
    if past_aux is not None:
        return True, f"{past_aux.lower_} {verb.tag_}"
    have = next((a for a in auxes if a.lower_ in _HAVE), None)
    if have is not None and verb.tag_ == "VBN":
        return True, f"{have.lower_} VBN"
    return False, verb.tag_


def _date_head(sent: Sentence, mention: DateMention) -> Token | None:
    """The token of the date whose head lies outside it (its head word), in ``sent``'s
    parse; None when the parse has no token inside the date."""
    if sent.parse is None:
        return None
    toks = [t for t in sent.parse if mention.start <= sent.start(t) < mention.end]
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), None)


def _flag(
    article: Article, sent: Sentence, mention: DateMention, pub: dt.date
) -> LatePastDate | None:
    head = _date_head(sent, mention)
    verb = governing_verb(head) if head is not None else None
    if verb is None:
        return None
    past, tag = is_past_tense(verb)
    if not past:
        return None
    return LatePastDate(
        article_id=article.id,
        published=pub.isoformat(),
        start=mention.start,
        end=mention.end,
        text=mention.text,
        value=mention.value,
        anchor=mention.anchor,
        verb=verb.text,
        tag=tag,
        sentence=" ".join(article.text[sent.start_char : sent.end_char].split()),
    )


def _holding(starts: set[int]) -> Callable[[Span], bool]:
    """Whether a sentence holds one of ``starts`` (only those sentences are parsed)."""

    def needs(sent: Span) -> bool:
        return any(sent.start_char <= x < sent.end_char for x in starts)

    return needs


def late_past_dates(articles: Iterable[Article]) -> Iterator[LatePastDate]:
    """Yield the DATE and TIME mentions of dated ``articles`` resolved after publication
    whose governing verb is in a past tense (the criterion of issue #19, checked)."""
    from newsprism.extract.spacy_pass import analyse, char_to_sentence, parsed_sentences

    for article in articles:
        pub = article.published_date
        if pub is None:
            continue
        late = [
            d
            for d in extract_dates(article)
            if d.type in ("DATE", "TIME") and starts_after(d.value, pub)
        ]
        if not late:
            continue
        sents = parsed_sentences(analyse(article.text), _holding({d.start for d in late}))
        for mention in late:
            k = char_to_sentence(sents, mention.start)
            if k < 0 or sents[k].parse is None:
                continue
            found = _flag(article, sents[k], mention, pub)
            if found is not None:
                yield found


def check_past_dates(path: str | Path) -> dict[str, Any]:
    """Run :func:`late_past_dates` over the corpus at ``path`` (see
    :func:`read_dated_articles`): counts and the flagged dates with their sentences.

    ``flagged_resolved`` counts the flags whose value the resolver chose against the
    publication date; the others are written out in the text ("May 3, 2016")."""
    articles = read_dated_articles(path)
    dated = [a for a in articles if a.published_date is not None]
    found = list(late_past_dates(dated))
    return {
        "articles": len(articles),
        "dated_articles": len(dated),
        "date_mentions": sum(
            1 for a in dated for d in extract_dates(a) if d.type in ("DATE", "TIME")
        ),
        "flagged": len(found),
        "flagged_resolved": sum(1 for f in found if f.anchor is not None),
        "flagged_by_tag": dict(Counter(f.tag for f in found).most_common()),
        "dates": [asdict(f) for f in found],
    }


# --- the corpora --------------------------------------------------------------------------


def _polnear(root: Path) -> Iterator[Article]:
    """PolNeAR train and dev as raw text (the offsets of ``tests/data/dates_handcheck*``);
    the date from the metadata, else from the file name ("politico_2016-03-08_...")."""
    meta: dict[str, str] = {}
    for line in (root / "data" / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5:
            meta[cols[1]] = cols[5]
    for split in ("train", "dev"):
        for f in sorted((root / "data" / split / "text").glob("*.txt")):
            m = re.search(r"_(\d{4}-\d\d-\d\d)_", f.name)
            day = meta.get(f.stem) or (m[1] if m else None)
            published = dt.date.fromisoformat(day) if day else None
            text = f.read_text(encoding="utf-8")
            yield Article(id=f.stem, source_path=str(f), text=text, published=published)


_MEANTIME_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)')
_MEANTIME_TOKEN = re.compile(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')


def _meantime(root: Path) -> Iterator[Article]:
    """MEANTIME's English documents, their tokens joined into sentences, one a line."""
    for f in sorted((root / "intra-doc_annotation").glob("corpus_*/*.xml")):
        raw = f.read_text(encoding="utf-8")
        dct = _MEANTIME_DCT.search(raw)
        sents: dict[int, list[str]] = {}
        for m in _MEANTIME_TOKEN.finditer(raw):
            sents.setdefault(int(m[1]), []).append(html.unescape(m[2]))
        lines = []
        for _, toks in sorted(sents.items()):
            s = re.sub(r" ([,.;:!?%)]|'s|n't)", r"\1", " ".join(toks)).replace("( ", "(")
            lines.append(s)
        published = dt.date.fromisoformat(dct[1]) if dct else None
        yield Article(id=f.stem, source_path=str(f), text="\n".join(lines), published=published)


def _newswcl50(root: Path) -> Iterator[Article]:
    for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        published = dt.date.fromisoformat(a["published"][:10]) if a.get("published") else None
        text = a["title"] + "\n\n" + a["text"]
        yield Article(id=a["id"], source_path=str(root), text=text, published=published)


def _timeml(files: list[Path]) -> Iterator[Article]:
    from newsprism.evaluate.dates import read_timeml

    seen: set[str] = set()
    for f in files:
        if f.name not in seen:  # TBAQ-cleaned ships one file twice
            seen.add(f.name)
            text, dct, _gold = read_timeml(f)
            yield Article(id=f.stem, source_path=str(f), text=text, published=dct)


def read_dated_articles(path: str | Path) -> list[Article]:
    """The articles of the corpus at ``path``, with their publication dates.

    PolNeAR (a folder with ``data/metadata.tsv``: train and dev), MEANTIME (with
    ``intra-doc_annotation``), NewsWCL50 (with ``articles.jsonl``), a folder of TimeML
    ``.tml`` files (TempEval-3; the document creation time), else whatever ``analyze``
    reads (the publication date its metadata gives, if any).
    """
    root = Path(path)
    if (root / "data" / "metadata.tsv").exists():
        return list(_polnear(root))
    if (root / "intra-doc_annotation").is_dir():
        return list(_meantime(root))
    if (root / "articles.jsonl").exists():
        return list(_newswcl50(root))
    tml = sorted(root.rglob("*.tml")) if root.is_dir() else []
    if tml:
        return list(_timeml(tml))
    from newsprism.clean import clean_documents
    from newsprism.ingest import read_paths

    docs = [d for d in read_paths([str(root)]) if not hasattr(d, "reason")]
    articles = list(clean_documents(docs))
    if not articles:
        raise NewsprismError(f"{root}: no articles found; point --data at a corpus folder")
    return articles
