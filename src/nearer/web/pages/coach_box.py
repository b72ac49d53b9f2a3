"""The coach box: paste their message, draft a reply, see the coaching; nothing is kept unless saved.

``/pairs/{id}/coach`` is the box for one pair (its drafts are kept for that pair); ``/coach`` is the
same box for anyone. "See how it might land" answers inline through htmx, or as a whole page without
JavaScript; "Keep this draft" saves both messages for the person alone.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from nearer.errors import InvalidInput
from nearer.lens.coach import Coaching
from nearer.people import pairs
from nearer.practice import coach_box
from nearer.store.models import Person, SavedDraft
from nearer.web.auth import PageViewer, Viewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# The coach's names for what a draft may do without meaning to, in the words the page uses.
ACT_NAMES = {
    "brush_off": "Brushing it off",
    "dismissal": "Waving their feelings away",
    "stonewalling": "Shutting the conversation down",
    "defensiveness": "Defending instead of hearing",
    "criticism": "Criticism of who they are",
    "contempt": "Contempt",
}
# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {
    "kept": "Draft kept. Only you can see it, under Drafts you kept.",
    "deleted": "That draft is deleted.",
}


def _names(session: Session, me: Person) -> dict[str, str]:
    """The other person's name in each of the viewer's pairs (what a kept draft says it was for)."""
    return {
        pair.id: " and ".join(p.name for p in pairs.other_members(pair, me))
        or f"your {pairs.OTHER_PERSON_WORD[pair.kind]}"
        for pair in pairs.pairs_of(session, me)
    }


def _draft_view(kept: SavedDraft, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": kept.id,
        "their_message": kept.their_message,
        "draft": kept.draft,
        "created_at": kept.created_at,
        "for_name": names.get(kept.pair_id or ""),
    }


def render_box(
    request: Request,
    viewer: Viewer,
    pair_id: str | None,
    status_code: int = 200,
    *,
    values: dict[str, str] | None = None,
    coaching: Coaching | None = None,
    kept_id: str | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    """The box, for one pair or for anyone; with the coaching to show, or a kept draft opened in it."""
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        names = _names(session, me)
        kept = None
        if kept_id is not None:
            found = coach_box.draft_for(session, kept_id, me)
            kept = _draft_view(found, names)
            pair_id = found.pair_id if found.pair_id in names else None
            values = {"their_message": found.their_message, "draft": found.draft}
        pair = pairs.pair_for_member(session, pair_id, me) if pair_id else None
        drafts = [_draft_view(d, names) for d in coach_box.drafts(session, me, pair_id=pair.id if pair else None)]
        pair_view = None
        if pair is not None:
            pair_view = {"id": pair.id, "other_name": names[pair.id], "other_word": pairs.OTHER_PERSON_WORD[pair.kind]}
    if kept is not None and coaching is None:
        try:
            coaching = coach_box.coach_reply(kept["their_message"], kept["draft"])
        except InvalidInput:  # kept under older rules; it can still be read and changed here
            coaching = None
    base = f"/pairs/{pair.id}/coach" if pair else "/coach"
    coach_box.warm_up()
    return render(
        request,
        "coach_box.html",
        status_code,
        viewer={"name": viewer.name},
        pair=pair_view,
        base=base,
        values=values or {"their_message": "", "draft": ""},
        coaching=coaching,
        act_names=ACT_NAMES,
        drafts=drafts,
        kept=kept,
        errors=errors or {},
        done=DONE.get(request.query_params.get("done", ""), ""),
    )


def _check(request: Request, viewer: Viewer, pair_id: str | None, form: Any) -> Response:
    values = {"their_message": form_text(form, "their_message"), "draft": form_text(form, "draft")}
    if pair_id is not None:  # an outsider learns nothing, not even whether their words were fine
        with app_state(request).database.session() as session:
            pairs.pair_for_member(session, pair_id, viewer.load(session))
    try:
        coaching = coach_box.coach_reply(values["their_message"], values["draft"])
    except InvalidInput as exc:
        return render_box(request, viewer, pair_id, 422, values=values, errors={exc.field or "form": exc.message})
    return render_box(request, viewer, pair_id, values=values, coaching=coaching)


def _keep(request: Request, viewer: Viewer, pair_id: str | None, form: Any) -> Response:
    state = app_state(request)
    values = {"their_message": form_text(form, "their_message"), "draft": form_text(form, "draft")}
    try:
        with state.database.session() as session:
            coach_box.keep(session, viewer.load(session), now=state.clock(), pair_id=pair_id, **values)
    except InvalidInput as exc:
        return render_box(request, viewer, pair_id, 422, values=values, errors={exc.field or "form": exc.message})
    base = f"/pairs/{pair_id}/coach" if pair_id else "/coach"
    return RedirectResponse(f"{base}?done=kept#drafts", status_code=303)


@router.get("/coach")
def box_page(request: Request, viewer: PageViewer) -> Response:
    return render_box(request, viewer, None)


@router.post("/coach/check")
def check(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    return _check(request, viewer, None, form)


@router.post("/coach/drafts")
def keep(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    return _keep(request, viewer, None, form)


@router.get("/pairs/{pair_id}/coach")
def pair_box_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_box(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/coach/check")
def pair_check(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    return _check(request, viewer, pair_id, form)


@router.post("/pairs/{pair_id}/coach/drafts")
def pair_keep(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    return _keep(request, viewer, pair_id, form)


@router.get("/coach/drafts/{draft_id}")
def draft_page(request: Request, draft_id: str, viewer: PageViewer) -> Response:
    """A kept draft, opened in the box with its coaching."""
    return render_box(request, viewer, None, kept_id=draft_id)


@router.post("/coach/drafts/{draft_id}/delete")
def delete(request: Request, draft_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair_id = coach_box.draft_for(session, draft_id, me).pair_id
        coach_box.delete_draft(session, draft_id, me)
        still_theirs = pair_id is not None and pair_id in _names(session, me)
    back = f"/pairs/{pair_id}/coach" if still_theirs else "/coach"
    return RedirectResponse(f"{back}?done=deleted#drafts", status_code=303)
