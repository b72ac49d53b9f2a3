"""The account page: change password, download my data, delete my account."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import InvalidInput
from nearer.people import accounts, sessions
from nearer.people.export import export_person
from nearer.web.auth import PageViewer, clear_session_cookie, set_session_cookie
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()


def render_account(request: Request, viewer: PageViewer, status_code: int = 200, **extra: object) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        person = {"name": me.name, "email": me.email, "created_at": me.created_at}
    return render(request, "account.html", status_code, viewer={"name": viewer.name}, person=person, **extra)


@router.get("/account")
def account_page(request: Request, viewer: PageViewer) -> Response:
    return render_account(request, viewer)


@router.post("/account/password")
def change_password(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            me = viewer.load(session)
            accounts.change_password(
                session,
                me,
                current=form_text(form, "current_password"),
                new=form_text(form, "new_password"),
                passwords=state.passwords,
            )
            # Every session ends, this one too; this browser gets a new one, so an old cookie is worth nothing.
            sessions.end_all_sessions(session, me)
            fresh = sessions.start_session(
                session, me, kind=sessions.BROWSER, now=state.clock(), lifetime=state.settings.session_lifetime
            )
    except InvalidInput as exc:
        return render_account(request, viewer, 422, errors={exc.field or "form": exc.message})
    response = RedirectResponse("/account?notice=password-changed", status_code=303)
    set_session_cookie(request, response, fresh)
    return response


@router.get("/account/export")
def export_my_data(request: Request, viewer: PageViewer) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        data = export_person(session, viewer.load(session), now=now)
    filename = f"nearer-my-data-{now:%Y-%m-%d}.json"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/account/delete")
def delete_account(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            accounts.delete_account(
                session, viewer.load(session), password=form_text(form, "delete_password"), passwords=state.passwords
            )
    except InvalidInput as exc:
        return render_account(request, viewer, 422, errors={"delete_password": exc.message})
    response = RedirectResponse("/signin?notice=account-deleted", status_code=303)
    clear_session_cookie(request, response)
    return response
