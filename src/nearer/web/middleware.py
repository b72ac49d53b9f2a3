"""Pure ASGI middleware: security headers and the CSRF cookie on every response, and a cap on request size.

Pure ASGI rather than ``BaseHTTPMiddleware``: the latter runs the app in a task
group, which wraps exceptions and would hide the app's own error pages.
"""

from __future__ import annotations

import re
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


UPLOADS = re.compile(r"^/(?:api/v1/)?pairs/[^/]+/reports$")  # where a chat export is sent
UPLOAD_ALLOWED = "nearer.upload_allowed"


def allow_upload(request: Request) -> None:
    """Let this request's body be as large as a chat export may be (``upload_bytes``).

    Call it only once the request is known to come from a member of the pair it sends to: until then an
    upload has the small limit of every other request, and the route reads none of it."""
    request.scope[UPLOAD_ALLOWED] = True


class BodySizeLimit:
    """Refuses a request body over ``max_bytes`` (``upload_bytes`` where a chat export is sent, once the route
    has said who may send it with ``allow_upload``), whether or not it announces its length."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = upload_bytes or max_bytes

    @staticmethod
    def message_for(limit: int) -> str:
        size = (
            f"{limit / 1e9:,.1f} GB"
            if limit >= 1e9
            else f"{limit / 1e6:,.0f} MB"
            if limit >= 1e6
            else f"{limit // 1000:,} KB"
        )
        return f"That request is too large: nearer accepts at most {size} here."

    @property
    def message(self) -> str:
        return self.message_for(self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = bool(UPLOADS.match(scope["path"]))
        # An upload's announced length is checked against the larger limit: who sends it is not known yet.
        announced = Request(scope).headers.get("content-length", "")
        if (
            announced.isascii()
            and announced.isdigit()
            and int(announced) > (self.upload_bytes if upload else self.max_bytes)
        ):
            message = self.message_for(self.upload_bytes if upload else self.max_bytes)
            response = error_response(Request(scope), 413, "too_large", message)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            incoming = await receive()
            if incoming["type"] == "http.request":
                received += len(incoming.get("body", b""))
                limit = self.upload_bytes if upload and scope.get(UPLOAD_ALLOWED) else self.max_bytes
                if received > limit:
                    # FastAPI passes its own HTTPException through body parsing, so the 413 page answers.
                    raise HTTPException(status_code=413, detail=self.message_for(limit))
            return incoming

        await self.app(scope, counting_receive, send)
