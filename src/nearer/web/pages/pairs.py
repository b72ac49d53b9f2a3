"""A pair's page, inviting the other person, joining with a code or link, and leaving."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, InviteUnusable, NotFound
from nearer.insight import saved
from nearer.people import pairs
from nearer.people.rules import format_invite_code
from nearer.practice import closeness, due, intentions, moments, seeking_help
from nearer.store.models import Pair, Person, SavedReport
from nearer.web.auth import MaybePageViewer, PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.errors import status_for
from nearer.web.pages.home import render_home
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()


def render_pair(
    request: Request, viewer: PageViewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        view = {
            "id": pair.id,
            "kind": pair.kind,
            "other_word": pairs.OTHER_PERSON_WORD[pair.kind],
            "others": [p.name for p in pairs.other_members(pair, me)],
            "complete": pairs.is_complete(pair),
            "closed": pairs.is_closed(pair),
            "created_at": pair.created_at,
        }
        reports = [
            {
                "id": r.id,
                "source_name": r.source_name,
                "created_at": r.created_at,
                "mine": r.owner_id == me.id,
                "shared": r.shared_at is not None,
                "owner_name": next((m.person.name for m in pair.memberships if m.person_id == r.owner_id), "them"),
            }
            for r in saved.visible_reports(session, pair.id, me)
        ]
        standing = where_we_stand(session, pair, me, state.clock())
    extra.setdefault("reports", reports)
    return render(request, "pair.html", status_code, viewer={"name": viewer.name}, pair=view, **standing, **extra)


def where_we_stand(session: Session, pair: Pair, me: Person, now: datetime) -> dict[str, object]:
    """What the pair's page brings together for this person: what is waiting for them, the two closeness
    curves, recent moments, help where the signs call for it, their intention at a hard moment, and the
    latest report they may see. Each piece comes from its own practice, which applies its own privacy."""
    if not pairs.is_complete(pair):
        return {"due": [], "curves": None, "mismatch": None, "moments": [], "advice": None, "reminder": None,
                "latest_report": None}  # fmt: skip
    latest = next(iter(saved.visible_reports(session, pair.id, me)), None)
    return {
        "due": due.due_for(session, pair, me, now=now),
        "curves": closeness.curves(session, pair.id, me, now=now, days=30),
        "mismatch": closeness.mismatch_for(session, pair.id, me, now=now),
        "moments": moments.recent(session, pair.id, me, limit=3),
        "advice": seeking_help.advice_for(session, pair.id, me),
        "reminder": intentions.moment_to_remind(session, pair.id, me, now=now),
        "latest_report": latest_report_view(latest, me) if latest is not None else None,
    }


def latest_report_view(report: SavedReport, me: Person) -> dict[str, object]:
    """A few figures of a report, for the pair's page: who wrote how much, and how often replies turned toward."""
    summary = saved.report_summary(report)
    toward = {
        name: round(100 * t["toward"] / total) if (total := sum(t.values())) else None
        for name, t in summary.get("turns", {}).items()
    }
    return {
        "id": report.id,
        "source_name": report.source_name,
        "created_at": report.created_at,
        "mine": report.owner_id == me.id,
        "messages": summary.get("messages", {}),
        "toward": toward,
    }


@router.get("/pairs/{pair_id}")
def pair_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_pair(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/invites")
def make_invite(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            made = pairs.create_invite(
                session, pair_id, viewer.load(session), now=state.clock(), lifetime=state.settings.invite_lifetime
            )
            expires_at = made.invite.expires_at
    except Conflict as exc:
        return render_pair(request, viewer, pair_id, 409, invite_error=exc.message)
    invite = {
        "code": format_invite_code(made.code),
        "link": str(request.url_for("join_page", code=made.code)),
        "expires_at": expires_at,
    }
    return render_pair(request, viewer, pair_id, 201, invite=invite)


@router.post("/pairs/{pair_id}/leave")
def leave(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        pairs.leave_pair(session, pair_id, viewer.load(session))
    return RedirectResponse("/?notice=left-pair", status_code=303)


@router.get("/join/{code}", name="join_page")
def join_page(request: Request, code: str, viewer: MaybePageViewer) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            preview = pairs.preview_invite(session, code, now=state.clock())
    except (InvalidInput, NotFound, InviteUnusable) as exc:
        status = 404 if isinstance(exc, InvalidInput) else status_for(exc)[0]
        return render(request, "join.html", status, viewer=viewer and {"name": viewer.name}, problem=exc.message)
    if viewer is not None and viewer.person_id in preview.member_ids:
        return render(
            request,
            "join.html",
            viewer={"name": viewer.name},
            own_pair=preview.pair_id,
            other_word=pairs.OTHER_PERSON_WORD[preview.kind],
        )
    return render(
        request,
        "join.html",
        viewer=viewer and {"name": viewer.name},
        code=code,
        inviter=preview.inviter_name,
        other_word=pairs.OTHER_PERSON_WORD[preview.kind],
        kind=preview.kind,
    )


@router.post("/join")
def join(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    code = form_text(form, "code")
    try:
        with state.database.session() as session:
            pair = pairs.accept_invite(session, code, viewer.load(session), now=state.clock())
            pair_id = pair.id
    except (InvalidInput, NotFound, InviteUnusable, Conflict) as exc:
        status = status_for(exc)[0]
        return render_home(request, viewer.person_id, viewer.name, status, errors={"code": exc.message}, code=code)
    return RedirectResponse(f"/pairs/{pair_id}?notice=joined", status_code=303)
