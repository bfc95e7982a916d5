"""Safe by design: one ASGI middleware in front of every route.

- Host check: on 127.0.0.1 only requests naming this address (or localhost) are answered,
  which defeats DNS rebinding (a web page whose host name suddenly points at 127.0.0.1).
- Access token: with ``--host`` every request needs the token printed at start-up, given once
  as ``?token=…`` (kept as an HttpOnly, SameSite=Strict cookie afterwards).
- CSRF: every request that can change something (POST, PUT, PATCH, DELETE) carries the
  page's CSRF token in the ``X-CSRF-Token`` header, and an Origin, when sent, must be ours.
- Size: request bodies are limited before they are read, whether or not a length is sent.
- Headers: a strict Content-Security-Policy (no inline script, nothing from elsewhere),
  no framing, no sniffing, no referrer.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException

from ..i18n import _

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
COOKIE = "booklet_studio"
CSRF_HEADER = b"x-csrf-token"
MAX_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024  # the largest upload (5 MB) plus its form
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _page(status: int, title: str, text: str) -> bytes:
    from html import escape

    return (
        f'<!doctype html><html lang="tr"><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>"
    ).encode()


class Guard:
    """Wraps the Starlette app; see the module's docstring for what it refuses and why."""

    def __init__(
        self,
        app,
        csrf_token: str,
        access_token: str | None = None,
        allowed_hosts: set[str] | None = None,
        max_body: int = MAX_BODY_BYTES,
    ):
        self.app, self.csrf_token, self.access_token = app, csrf_token, access_token
        self.allowed_hosts, self.max_body = allowed_hosts, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return await self._refuse(
                send, 400, _("Wrong address"), _("The studio answers only at the address it printed when it started.")
            )
        if self.access_token is not None:
            given = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))).get("token")
            if given is not None and secrets.compare_digest(given, self.access_token):
                return await self._enter(scope, send)
            if not self._has_cookie(headers):
                return await self._refuse(
                    send,
                    403,
                    _("Access token needed"),
                    _("Open the address with the token that 'booklet studio' printed when it started."),
                )
        if scope["method"] not in SAFE_METHODS:
            sent = headers.get(CSRF_HEADER, b"").decode("latin-1")
            origin = headers.get(b"origin", b"").decode("latin-1").lower()
            if not sent or not secrets.compare_digest(sent, self.csrf_token):
                return await self._refuse(
                    send, 403, _("Request refused"), _("The page was out of date; reload it and try again.")
                )
            if origin and origin.split("://", 1)[-1] != host:
                return await self._refuse(send, 403, _("Request refused"), _("The request came from another site."))
            length = headers.get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return await self._refuse(send, 413, _("File too large"), self._too_large_text())
        receive = self._limited(receive)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _too_large_text(self) -> str:
        return _("Uploads are limited to {limit} MB.").format(limit=self.max_body // (1024 * 1024))

    def _limited(self, receive):
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:  # a body sent without a length, or longer than it said
                    raise HTTPException(413, self._too_large_text())
            return message

        return limited

    def _has_cookie(self, headers: dict) -> bool:
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # noqa: BLE001 - a malformed cookie header is no token
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and secrets.compare_digest(morsel.value, self.access_token or "")

    async def _enter(self, scope, send):
        """The token was in the address: keep it as a cookie and drop it from the address."""
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k != "token"]
        location = scope.get("path", "/") + (("?" + urlencode(query)) if query else "")
        cookie = f"{COOKIE}={self.access_token}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode()), *HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, send, status: int, title: str, text: str):
        body = _page(status, title, text)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    *HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
