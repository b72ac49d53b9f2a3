"""CSRF protection for every HTML form: a random token in an HttpOnly cookie, echoed in a hidden field.

A page can only learn the token by being served by nearer, so a form posted
from another site arrives without it and is refused. The JSON API needs none:
it authenticates with a Bearer header, which a browser never adds by itself.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from nearer.errors import Forbidden

CSRF_COOKIE = "nearer_csrf"
CSRF_FIELD = "csrf_token"


def csrf_token_for(request: Request) -> str:
    """The token for this browser: the cookie's, or a new one the middleware will set."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token:
        token = getattr(request.state, "new_csrf_token", None) or secrets.token_urlsafe(32)
        request.state.new_csrf_token = token
    return token


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token has been checked."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or ""
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise Forbidden(
            "This form couldn't be accepted because it was out of date or sent from somewhere else. "
            "Please go back, reload the page and try again."
        )
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def form_text(form: FormData, name: str) -> str:
    """A text field of a form; a missing field or an uploaded file reads as empty."""
    value = form.get(name)
    return value if isinstance(value, str) else ""
