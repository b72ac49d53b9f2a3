"""Sign up, sign in and sign out."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput, TooManyAttempts, WrongCredentials
from nearer.people import accounts, rules, sessions
from nearer.web.auth import SESSION_COOKIE, MaybePageViewer, clear_session_cookie, set_session_cookie
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.errors import status_for
from nearer.web.state import app_state, client_of
from nearer.web.templating import render, safe_next

router = APIRouter()


def _signed_in_redirect(request: Request, person_id: str, next_path: str) -> Response:
    """Start a fresh browser session (ending any this browser had) and go on."""
    state = app_state(request)
    with state.database.session() as session:
        earlier = request.cookies.get(SESSION_COOKIE)
        if earlier:
            sessions.end_session(session, earlier)
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
        state.sign_ups.record(client_of(request), state.clock())
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
    except (InvalidInput, Conflict, TooManyAttempts) as exc:
        field = "email" if isinstance(exc, Conflict) else getattr(exc, "field", None) or "form"
        response = render(
            request, "signup.html", status_for(exc)[0], next=next_path, values=values, errors={field: exc.message}
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
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
                client=client_of(request),
                limit=state.settings.sign_in_limit,
            )
            person_id = person.id
    except (InvalidInput, WrongCredentials, TooManyAttempts) as exc:
        response = render(
            request, "signin.html", status_for(exc)[0], next=next_path, values=values, errors={"form": exc.message}
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return _signed_in_redirect(request, person_id, next_path)


@router.post("/quick-exit", status_code=204)
def quick_exit(request: Request, form: CheckedForm) -> Response:
    """Sent by the quick-exit control as it leaves: signs this browser out, so Back shows nothing private."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if token:
        with app_state(request).database.session() as session:
            sessions.end_session(session, token)
    response = Response(status_code=204)
    clear_session_cookie(request, response)
    return response


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
