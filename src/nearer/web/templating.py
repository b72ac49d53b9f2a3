"""Rendering pages: one Jinja2 environment, and the values every template can count on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from nearer import __version__
from nearer.web.csrf import CSRF_FIELD, csrf_token_for

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))


def long_date(moment: datetime) -> str:
    """22 November 2026 (strftime's %-d is not portable)."""
    return f"{moment.day} {moment:%B %Y}"


def weekday_date(moment: datetime) -> str:
    """Sunday 22 November."""
    return f"{moment:%A} {moment.day} {moment:%B}"


TEMPLATES.env.filters["long_date"] = long_date
TEMPLATES.env.filters["weekday_date"] = weekday_date

# Messages shown after a redirect, chosen by key so a link can't put words on our page.
NOTICES = {
    "signed-out": "You've signed out. See you soon.",
    "left-pair": "You've left the pair.",
    "password-changed": "Your password is changed. Other devices have been signed out.",
    "account-deleted": "Your account and everything in it have been deleted. Take care.",
    "joined": "You've joined. Welcome!",
    "report-deleted": "The report is deleted.",
}


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    notice_key = request.query_params.get("notice", "")
    values = {
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token_for(request),
        "version": __version__,
        "notice": NOTICES.get(notice_key),
        "viewer": None,
        "errors": {},
        **context,
    }
    return TEMPLATES.TemplateResponse(request, template, values, status_code=status_code)


def safe_next(target: str | None, default: str = "/") -> str:
    """A place to go after signing in, only ever on this site (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def sign_in_url(next_path: str) -> str:
    return "/signin?next=" + quote(safe_next(next_path), safe="/")
