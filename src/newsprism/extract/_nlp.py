"""Old name of :mod:`newsprism.extract.spacy_pass`, kept only for ``extract/quantities.py``.

That module is being changed on another branch; once it imports ``.spacy_pass``, delete
this file.
"""

from __future__ import annotations

from .spacy_pass import char_to_sentence, parsed_sentences

__all__ = ["char_to_sentence", "parsed_sentences"]
