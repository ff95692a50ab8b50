"""The local web app: the report's views served live over a store, with search and JSON.

Needs the ``web`` extra (``pip install 'newsprism[web]'``). :func:`create_app` builds the
ASGI app; :func:`run` serves it with uvicorn (``newsprism serve``).
"""

from __future__ import annotations

from newsprism.web.app import create_app, run

__all__ = ["create_app", "run"]
