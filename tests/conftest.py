"""Shared fixtures: the bundled sample corpus, the evaluation data (when present), stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "ukraine-2022-02"
EVAL = Path(os.environ.get("NEWSPRISM_EVAL_DIR", ROOT.parent / "shared" / "eval"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present (evaluation data lives outside the repo)")
    return EVAL


@pytest.fixture(scope="session")
def seed_articles():
    """The five sample articles, cleaned by the real pipeline, keyed by file prefix (000..004)."""
    from newsprism.clean import clean_documents
    from newsprism.ingest import read_paths

    docs = [d for d in read_paths([SAMPLE]) if not hasattr(d, "reason")]
    return {Path(a.source_path).name[:3]: a for a in clean_documents(docs)}


@pytest.fixture
def store():
    from newsprism.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def polnear_articles(eval_dir: Path) -> list:
    """PolNeAR's 924 texts as dated articles of 7 outlets (a year of US campaign news).

    File names are ``<outlet>_<yyyy-mm-dd>_<slug>.txt``; the first line is the headline.
    """
    from datetime import date

    from newsprism.model import Article

    base = eval_dir / "polnear" / "data"
    if not base.is_dir():
        pytest.skip("polnear is not in the evaluation folder")
    out = []
    for path in sorted(base.glob("*/text/*.txt")):
        outlet, day, _ = path.stem.split("_", 2)
        text = path.read_text(encoding="utf-8")
        out.append(
            Article(
                id=path.stem,
                source_path=str(path),
                text=text,
                title=text.strip().split("\n", 1)[0],
                outlet=outlet,
                published=date.fromisoformat(day),
            )
        )
    return out
