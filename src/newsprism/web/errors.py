"""Errors and limits: one JSON error shape (an HTML page for browsers), the handlers that
produce it, and the middleware bounding request sizes and adding security headers."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.errors import StoreError
from newsprism.report import content_security_policy, render_page
from newsprism.web.links import LINKS

__all__ = ["MAX_BODY", "MAX_URL", "Limits", "error_body", "install_handlers", "not_found"]

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024  # bytes: the app only reads; no route takes a body
MAX_URL = 4096  # bytes of path + query string

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Too Large",
    414: "URL Too Long",
    422: "Invalid Parameters",
    500: "Internal Server Error",
    503: "Store Unavailable",
}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def error_body(
    status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The one JSON error shape of every error response."""
    return {
        "error": {
            "status": status,
            "title": TITLES.get(status, "Error"),
            "detail": detail,
            "errors": errors or [],
        }
    }


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/openapi")) and "text/html" in (
        request.headers.get("accept", "")
    )


def error_response(
    request: Request, status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> Response:
    headers = {"Allow": "GET, HEAD"} if status == 405 else None
    if _wants_html(request):
        html = render_page(
            "error.html",
            links=LINKS,
            status=status,
            title=TITLES.get(status, "Error"),
            detail=detail,
            errors=errors or [],
        )
        return HTMLResponse(html, status_code=status, headers=headers)
    return JSONResponse(error_body(status, detail, errors), status_code=status, headers=headers)


async def _raw_error(send: Send, status: int, detail: str) -> None:
    """An error sent before routing (size limits): always the JSON shape."""
    body = json.dumps(error_body(status, detail)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Limits:
    """ASGI middleware: bounded URL and body sizes, security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.csp = content_security_policy().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_size = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string") or b""
        )
        if url_size > MAX_URL:
            await _raw_error(send, 414, f"URL longer than {MAX_URL} bytes")
            return
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await _raw_error(send, 400, "invalid Content-Length")
                    return
                if size > MAX_BODY:
                    await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")
                    return
        received = 0
        too_big = False

        async def limited_receive() -> Message:
            nonlocal received, too_big
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    too_big = True
                    raise _BodyTooLarge()
            return message

        started = False
        csp = self.csp
        # HEAD is answered as GET without the body: the routes are GET-only, and the 405
        # said "Allow: GET, HEAD" (#18 item 10).
        head = scope.get("method") == "HEAD"
        if head:
            scope = dict(scope, method="GET")

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names and not scope["path"].startswith(
                    "/openapi"
                ):
                    headers.append((b"content-security-policy", csp))
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                message["headers"] = headers
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")
        if too_big and not started:  # the app swallowed the exception
            await _raw_error(send, 413, f"request body larger than {MAX_BODY} bytes")


class _BodyTooLarge(Exception):
    pass


def not_found(what: str, key: str) -> StarletteHTTPException:
    """The 404 of a story, thread or article id that is not in the store."""
    shown = key if len(key) <= 80 else key[:80] + "…"
    return StarletteHTTPException(404, f"no {what} with id {shown!r}")


def install_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` in the one shape (see :func:`error_body`)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        where = ", ".join(".".join(e["loc"]) for e in errors) or "request"
        return error_response(request, 422, f"invalid parameters: {where}", errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, "the server failed to answer this request")
