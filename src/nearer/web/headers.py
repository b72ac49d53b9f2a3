"""The headers every answer carries, in one place: the middleware adds them, and so does the 500 page."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

# Everything the app serves is its own: no CDN, no fonts, no analytics, no frames.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def add_security_headers(headers: MutableHeaders, path: str) -> None:
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if not path.startswith("/static/"):
        # Private pages must not linger in a cache, or Back could show them after a quick exit.
        headers.setdefault("Cache-Control", "no-store")
