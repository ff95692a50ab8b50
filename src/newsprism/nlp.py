"""Old name of :mod:`newsprism.spacy_model`, kept only for ``extract/quantities.py``.

That module is being changed on another branch; once it imports
``newsprism.spacy_model``, delete this file.
"""

from __future__ import annotations

from newsprism.spacy_model import load_nlp

__all__ = ["load_nlp"]
