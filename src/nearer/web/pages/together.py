"""Together sessions on one screen: start, take turns with questions, pass, end, and see what was covered."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import InvalidInput
from nearer.parsing import whole_number
from nearer.people import pairs
from nearer.practice import history, together
from nearer.practice.decks import LEVELS, THEMES
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

THEME_NAMES = {
    "everyday": "Everyday life",
    "memories": "Memories",
    "dreams": "Dreams",
    "fears": "Fears and worries",
    "relationship": "Us",
    "appreciation": "Appreciation",
    "needs": "Needs",
}
LEVEL_NAMES = {"light": "Light", "personal": "Personal", "vulnerable": "Deep"}


@router.get("/pairs/{pair_id}/together")
def start_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        running = together.open_session(session, pair.id, me)
        if running is not None:
            return RedirectResponse(f"/together/{running.id}", status_code=303)
        others = [p.name for p in pairs.other_members(pair, me)]
        view = {
            "id": pair.id,
            "complete": pairs.is_complete(pair),
            "closed": pairs.is_closed(pair),
            "other_word": pairs.OTHER_PERSON_WORD[pair.kind],
        }
    return render(
        request, "together_start.html", viewer={"name": viewer.name}, pair=view, other=others[0] if others else "",
        themes=THEME_NAMES, set_size=together.SET_SIZE,
    )  # fmt: skip


@router.post("/pairs/{pair_id}/together")
def start(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    theme = form_text(form, "theme") or None
    if theme is not None and theme not in THEMES:
        raise InvalidInput("Choose one of the themes, or all of them.", field="theme")
    with state.database.session() as session:
        row = together.start_session(
            session, pair_id, viewer.load(session), now=state.clock(), theme=theme,
            first_reader=form_text(form, "first") or "me",
        )  # fmt: skip
        return RedirectResponse(f"/together/{row.id}", status_code=303)


@router.get("/together/{session_id}")
def session_page(request: Request, session_id: str, viewer: PageViewer) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        row = together.session_for(session, session_id, me)
        view = together.view(session, row)
        favourites = history.favourite_ids(session, row.pair_id, me)
    depth = LEVELS.index(view.level) + 1
    return render(
        request, "together.html", viewer={"name": viewer.name}, session=view, favourites=favourites,
        level_names=LEVEL_NAMES, theme_names=THEME_NAMES, depth=depth, levels=len(LEVELS), set_size=together.SET_SIZE,
    )  # fmt: skip


@router.post("/together/{session_id}/turns")
def take_turn(request: Request, session_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    position = form_text(form, "position")
    try:
        with state.database.session() as session:
            together.take_turn(
                session, session_id, viewer.load(session), form_text(form, "outcome"), now=state.clock(),
                position=whole_number(position), whose=form_text(form, "whose") or None,
            )  # fmt: skip
    except together.MovedOn:
        pass  # a second tap on a question that has already moved on: show where they are now
    return RedirectResponse(f"/together/{session_id}", status_code=303)


@router.post("/together/{session_id}/end")
def end(request: Request, session_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        together.end_session(session, session_id, viewer.load(session), now=state.clock())
    return RedirectResponse(f"/together/{session_id}", status_code=303)
