"""Pure ASGI middleware: security headers and the CSRF cookie on every response, and a cap on request size.

Pure ASGI rather than ``BaseHTTPMiddleware``: the latter runs the app in a task
group, which wraps exceptions and would hide the app's own error pages.
"""

from __future__ import annotations

import time

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nearer.web.auth import secure_cookies
from nearer.web.csrf import CSRF_COOKIE
from nearer.web.errors import error_response
from nearer.web.headers import add_security_headers


class SecurityHeaders:
    """Adds the security headers, forbids caching private pages, and sets a new CSRF cookie when one was made.

    It also reports the server's own time on each request as ``Server-Timing: app;dur=<ms>``,
    which the page benchmark reads (``make bench``).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("Server-Timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}")
                add_security_headers(headers, scope["path"])
                new_token = scope.get("state", {}).get("new_csrf_token")
                if new_token:
                    request = Request(scope)
                    if not request.cookies.get(CSRF_COOKIE):
                        secure = "; Secure" if secure_cookies(request) else ""
                        headers.append(
                            "Set-Cookie", f"{CSRF_COOKIE}={new_token}; HttpOnly; Path=/; SameSite=lax{secure}"
                        )
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses a request body over ``max_bytes``, whether or not it announces its length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    @property
    def message(self) -> str:
        return f"That request is too large: nearer accepts at most {self.max_bytes // 1000:,} KB here."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        announced = Request(scope).headers.get("content-length", "")
        if announced.isdigit() and int(announced) > self.max_bytes:
            response = error_response(Request(scope), 413, "too_large", self.message)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            incoming = await receive()
            if incoming["type"] == "http.request":
                received += len(incoming.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes its own HTTPException through body parsing, so the 413 page answers.
                    raise HTTPException(status_code=413, detail=self.message)
            return incoming

        await self.app(scope, counting_receive, send)
