"""Turning errors into pages and JSON. No traceback ever reaches a person.

Paths under /api/ answer JSON: ``{"error": {"code": ..., "message": ..., "field": ...}}``.
Every other path answers a page in plain words, or sends a signed-out browser to sign in.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException

from nearer.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    InviteUnusable,
    NearerError,
    NotFound,
    NotSignedIn,
    StoreError,
    TooManyAttempts,
    WrongCredentials,
)
from nearer.web.headers import add_security_headers
from nearer.web.templating import render, sign_in_url

log = logging.getLogger("nearer.web")

STATUS: dict[type[NearerError], tuple[int, str]] = {
    InvalidInput: (422, "invalid_input"),
    NotSignedIn: (401, "not_signed_in"),
    WrongCredentials: (401, "wrong_credentials"),
    TooManyAttempts: (429, "too_many_attempts"),
    NotFound: (404, "not_found"),
    Forbidden: (403, "forbidden"),
    Conflict: (409, "conflict"),
    InviteUnusable: (410, "invite_unusable"),
    StoreError: (503, "store_unavailable"),
}

TITLES = {
    400: "That request didn't make sense",
    401: "Please sign in",
    403: "That wasn't allowed",
    404: "We couldn't find that",
    405: "That isn't something this page does",
    409: "That clashes with something",
    410: "That invite can't be used",
    413: "That's too large",
    422: "Something in that needs another look",
    429: "Let's slow down for a moment",
    500: "Something went wrong on our side",
    503: "nearer can't reach its data right now",
}

HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 400: "bad_request"}


def status_for(exc: NearerError) -> tuple[int, str]:
    """The HTTP status and error code for one of nearer's errors."""
    return next((value for kind, value in STATUS.items() if isinstance(exc, kind)), (400, "bad_request"))


def page_to_return_to(request: Request) -> str:
    """Where to go after signing in: the page itself for a GET, the page a form was on for a POST."""
    path = request.url.path
    if request.method in {"GET", "HEAD"}:
        return path
    return path.rsplit("/", 1)[0] or "/"  # /pairs/x/invites -> /pairs/x, /join -> /


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str, *, field: str | None = None) -> Response:
    headers: dict[str, str] = {}
    if wants_json(request):
        body: dict[str, Any] = {"code": code, "message": message}
        if field:
            body["field"] = field
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    title = TITLES.get(status, "Something went wrong")
    return render(request, "error.html", status_code=status, title=title, message=message, status=status)


def _describe_validation(exc: RequestValidationError) -> tuple[str, str | None]:
    """One readable sentence from pydantic's list of errors, and the field it names."""
    errors = list(exc.errors())
    if not errors:
        return "The request couldn't be read.", None
    first = errors[0]
    kind = first.get("type", "")
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    field = ".".join(location) or None
    if kind == "json_invalid":
        return "The request body isn't valid JSON.", None
    if kind == "missing" and not location:
        return "The request needs a JSON body.", None
    if kind in {"model_attributes_type", "dict_type"}:
        if location:  # a field that should hold an object, such as {"answers": {...}}
            return f"'{field}' must be an object (a set of names and values).", field
        return "The request body must be a JSON object.", None
    if kind == "missing":
        return f"'{field}' is required.", field
    if kind == "string_type":
        return f"'{field}' must be text.", field
    if kind == "string_too_long":
        limit = first.get("ctx", {}).get("max_length")
        return f"'{field}' is too long (at most {limit} characters).", field
    if kind in {"literal_error", "enum"}:
        return f"'{field}' must be one of: {first.get('ctx', {}).get('expected', '')}.", field
    return f"'{field}': {first.get('msg', 'is not valid')}.", field


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NearerError)
    async def nearer_error(request: Request, exc: NearerError) -> Response:
        if isinstance(exc, NotSignedIn) and not wants_json(request):
            target = sign_in_url(page_to_return_to(request))
            if request.headers.get("HX-Request"):  # htmx follows this header instead of swapping in a page
                return Response(status_code=204, headers={"HX-Redirect": target})
            return RedirectResponse(target, status_code=303)
        status, code = status_for(exc)
        if isinstance(exc, StoreError):
            log.error("store error: %s", exc.message)
        response = error_response(request, status, code, exc.message, field=getattr(exc, "field", None))
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        message, field = _describe_validation(exc)
        return error_response(request, 422, "invalid_input", message, field=field)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        status = exc.status_code
        if status == 404:
            message = "There's no page here. It may have moved, or the link may be mistyped."
        elif status == 405:
            message = "That address doesn't take this kind of request."
        else:
            message = str(exc.detail)
        return error_response(request, status, HTTP_CODES.get(status, "error"), message)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        response = error_response(
            request,
            500,
            "internal_error",
            "Sorry, something went wrong on our side. Please try again in a moment.",
        )
        # This answer is made outside the middleware, so it gets its headers here.
        add_security_headers(response.headers, request.url.path)
        return response
