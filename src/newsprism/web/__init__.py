"""The local web app: the report's views served live over a store, with search and JSON.

Needs the ``web`` extra (``pip install 'newsprism[web]'``). :func:`create_app` builds the
ASGI app; :func:`run` serves it with uvicorn (``newsprism serve``).
"""

from __future__ import annotations

from newsprism.errors import MissingExtraError

try:
    from newsprism.web.app import create_app, run
except ImportError as e:  # pragma: no cover - depends on the installed extras
    if e.name not in ("fastapi", "starlette", "uvicorn", "pydantic"):
        raise
    raise MissingExtraError("the web app needs: pip install 'newsprism[web]'") from e

__all__ = ["create_app", "run"]
