"""Build a mixed benchmark corpus (text, HTML, JSONL) of N articles from real news text.

Sources (all real articles, read from ``../shared/eval`` and the bundled sample):

* **text**: the five sample articles in ``examples/ukraine-2022-02`` and the 509 ECB+
  documents (tokens joined back into sentences, with their URL / headline / dateline
  lines on top, exactly as the ECB+ scrapes carry them), one ``.txt`` file each;
* **HTML**: the 90 pages of the article-extraction benchmark, one ``.html`` file each;
* **JSONL**: the 924 PolNeAR articles (train + dev) as one news-API style export
  ``polnear.jsonl`` with title, publisher, date, author and text from ``metadata.tsv``.

The mix is 45% text, 30% JSONL, 25% HTML. Every real article is used once before any
copy is made; copy ``k >= 1`` of an article (needed for the HTML part from about 400
articles, and for everything at 10k) is perturbed so that it is a new, distinct article
and not a near-duplicate the de-duplicator would link (which would skip its extraction):

* every capitalised word of 3+ letters and every number is replaced by a pseudo-word or
  number drawn from a hash of (word, k), so the copy has the same shape, vocabulary and
  sentence structure but other names, places and figures (in HTML only text between tags
  is touched, scripts and styles are left alone);
* in text and JSONL copies each sentence is dropped with probability 0.2 (seeded by k);
* the URL gets a ``/copy-k`` suffix and the headline the pseudo-names, so outlets and
  stories stay plausible.

The de-duplicator's verdicts are reported by the benchmark, so the share of articles it
still links is visible.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "ukraine-2022-02"
EVAL = ROOT.parent / "shared" / "eval"
HTML_DIR = EVAL / "article-extraction" / "html"
ECB_DIR = EVAL / "ecbplus"
POLNEAR = EVAL / "polnear" / "data"

_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b|\b\d+\b")
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_TAG = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.S | re.I)
_SYLL = ["ka", "lo", "mi", "ren", "sta", "vo", "dru", "pel", "zin", "ta", "bor", "qui", "esh"]


def _pseudo(word: str, k: int) -> str:
    h = int.from_bytes(hashlib.blake2b(f"{word}|{k}".encode(), digest_size=8).digest(), "big")
    if word.isdigit():
        return str(h % (10 ** len(word))).zfill(len(word)) if len(word) > 1 else str(h % 10)
    n = 2 + h % 2
    out = "".join(_SYLL[(h >> (4 * i)) % len(_SYLL)] for i in range(n))
    return out.capitalize()


def perturb_text(text: str, k: int, *, drop: float = 0.2) -> str:
    """Copy ``k`` of ``text``: other names and numbers, some sentences dropped (k=0: as is)."""
    if k == 0:
        return text
    rng = random.Random(k * 7919 + len(text))
    paras = []
    for para in text.split("\n"):
        sents = _SENT.split(para)
        kept = [s for s in sents if len(sents) == 1 or rng.random() >= drop]
        paras.append(" ".join(kept))
    return _CAP.sub(lambda m: _pseudo(m.group(), k), "\n".join(paras))


def perturb_html(html: str, k: int) -> str:
    """Copy ``k`` of an HTML page: names and numbers replaced in text between tags only."""
    if k == 0:
        return html
    parts = _TAG.split(html)
    return "".join(
        p if i % 2 else _CAP.sub(lambda m: _pseudo(m.group(), k), p) for i, p in enumerate(parts)
    )


@dataclass
class Corpus:
    """What was written: counts per format, and the HTML pages (for the trafilatura reference)."""

    counts: dict[str, int]
    html_files: list[Path]
    text_chars: int = 0


def _ecb_texts() -> list[str]:
    if not ECB_DIR.is_dir():
        return []
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.evaluate.clustering import load_ecbplus

    out = []
    for doc in load_ecbplus(ECB_DIR):
        a = doc.article
        head = [
            a.url or "",
            a.title or "",
            a.published.strftime("%B %d, %Y") if a.published else "",
        ]
        out.append("\n".join([h for h in head if h] + [a.text]))
    return out


def _polnear_records() -> list[dict[str, str]]:
    meta_path = POLNEAR / "metadata.tsv"
    if not meta_path.is_file():
        return []
    with open(meta_path, encoding="utf-8") as fh:
        meta = {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}
    out = []
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        m = meta.get(path.stem, {})
        out.append(
            {
                "title": m.get("title") or path.stem,
                "publisher": m.get("publisher") or "",
                "published_at": m.get("publication_date") or "",
                "author": m.get("author") or "",
                "url": f"https://{m.get('publisher') or 'news'}.example/{path.stem}",
                "text": path.read_text(encoding="utf-8"),
            }
        )
    return out


def build_corpus(folder: Path, n: int) -> Corpus:
    """Write about ``n`` articles (45% text, 30% JSONL, 25% HTML) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))] + _ecb_texts()
    pages = sorted(HTML_DIR.glob("*.html.gz")) if HTML_DIR.is_dir() else []
    records = _polnear_records()
    n_html = n // 4 if pages else 0
    n_jsonl = n * 3 // 10 if records else 0
    n_text = n - n_html - n_jsonl
    chars = 0
    for i in range(n_text):
        k, j = divmod(i, len(texts))
        text = perturb_text(texts[j], k)
        chars += len(text)
        (folder / f"t{i:05d}.txt").write_text(text, encoding="utf-8")
    html_files = []
    for i in range(n_html):
        k, j = divmod(i, len(pages))
        html = gzip.decompress(pages[j].read_bytes()).decode("utf-8", "replace")
        html = perturb_html(html, k)
        if k:  # a distinct canonical URL per copy
            html = re.sub(
                r'(<link[^>]+rel="canonical"[^>]+href=")([^"]+)"', rf'\1\2/copy-{k}"', html
            )
        path = folder / f"h{i:05d}.html"
        path.write_text(html, encoding="utf-8")
        html_files.append(path)
    with open(folder / "polnear.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n_jsonl):
            k, j = divmod(i, len(records))
            rec = dict(records[j])
            if k:
                rec["text"] = perturb_text(rec["text"], k)
                rec["title"] = perturb_text(rec["title"], k, drop=0.0)
                rec["url"] += f"/copy-{k}"
            chars += len(rec["text"])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return Corpus({"text": n_text, "jsonl": n_jsonl, "html": n_html}, html_files, chars)
