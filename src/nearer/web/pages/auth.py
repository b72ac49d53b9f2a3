"""Sign up, sign in and sign out."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput, TooManyAttempts, WrongCredentials
from nearer.people import accounts, rules, sessions
from nearer.web.auth import SESSION_COOKIE, MaybePageViewer, clear_session_cookie, set_session_cookie
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render, safe_next

router = APIRouter()


def _signed_in_redirect(request: Request, person_id: str, next_path: str) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        person = accounts.get_person(session, person_id)
        token = sessions.start_session(
            session, person, kind=sessions.BROWSER, now=state.clock(), lifetime=state.settings.session_lifetime
        )
    response = RedirectResponse(safe_next(next_path), status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.get("/signup")
def signup_page(request: Request, viewer: MaybePageViewer, next: str = "/") -> Response:
    if viewer is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "signup.html", next=safe_next(next), values={})


@router.post("/signup")
def signup(request: Request, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {"name": form_text(form, "name"), "email": form_text(form, "email")}
    password = form_text(form, "password")
    next_path = safe_next(form_text(form, "next"))
    errors = rules.problems(
        {
            "name": lambda: rules.clean_name(values["name"]),
            "email": lambda: rules.clean_email(values["email"]),
            "password": lambda: rules.check_new_password(password),
        }
    )
    if errors:
        return render(request, "signup.html", 422, next=next_path, values=values, errors=errors)
    try:
        with state.database.session() as session:
            person = accounts.sign_up(
                session,
                name=values["name"],
                email=values["email"],
                password=password,
                passwords=state.passwords,
                now=state.clock(),
            )
            person_id = person.id
    except InvalidInput as exc:
        errors = {exc.field or "form": exc.message}
        return render(request, "signup.html", 422, next=next_path, values=values, errors=errors)
    except Conflict as exc:
        return render(request, "signup.html", 409, next=next_path, values=values, errors={"email": exc.message})
    return _signed_in_redirect(request, person_id, next_path)


@router.get("/signin")
def signin_page(request: Request, viewer: MaybePageViewer, next: str = "/") -> Response:
    if viewer is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "signin.html", next=safe_next(next), values={})


@router.post("/signin")
def signin(request: Request, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {"email": form_text(form, "email")}
    next_path = safe_next(form_text(form, "next"))
    try:
        with state.database.session() as session:
            person = accounts.sign_in(
                session,
                email=values["email"],
                password=form_text(form, "password"),
                passwords=state.passwords,
                now=state.clock(),
                client=request.client.host if request.client else "unknown",
                limit=accounts.SignInLimit(
                    window=state.settings.sign_in_window, per_email=state.settings.sign_in_failures_allowed
                ),
            )
            person_id = person.id
    except (InvalidInput, WrongCredentials, TooManyAttempts) as exc:
        status = 422 if isinstance(exc, InvalidInput) else 429 if isinstance(exc, TooManyAttempts) else 401
        return render(request, "signin.html", status, next=next_path, values=values, errors={"form": exc.message})
    return _signed_in_redirect(request, person_id, next_path)


@router.post("/signout")
def signout(request: Request, form: CheckedForm) -> Response:
    state = app_state(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    if token:
        with state.database.session() as session:
            sessions.end_session(session, token)
    response = RedirectResponse("/signin?notice=signed-out", status_code=303)
    clear_session_cookie(request, response)
    return response
