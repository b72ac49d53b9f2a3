"""The question of the day, answered apart: answer, see both answers once both have, react; favourites, history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput
from nearer.people import pairs
from nearer.practice import daily, history
from nearer.store.models import DailyQuestion, Person
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.pages.together import LEVEL_NAMES, THEME_NAMES
from nearer.web.state import app_state
from nearer.web.templating import render, safe_next

router = APIRouter()


def _page(session: Session, found: DailyQuestion, me: Person, today: bool) -> dict[str, Any]:
    return {
        "daily": daily.view(session, found, me),
        "today": today,
        "reactions": daily.REACTIONS,
        "favourites": history.favourite_ids(session, found.pair_id, me),
        "back": f"/pairs/{found.pair_id}/today" if today else f"/daily/{found.id}",
        "most": daily.MOST_CHARACTERS,
    }


@router.get("/pairs/{pair_id}/today")
def today_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        if not pairs.is_complete(pair):
            word = pairs.OTHER_PERSON_WORD[pair.kind]
            return render(
                request, "today.html", viewer={"name": viewer.name}, waiting_for=word, pair_id=pair.id,
                closed=pairs.is_closed(pair),
            )  # fmt: skip
        context = _page(session, daily.todays_question(session, pair.id, me, now=state.clock()), me, True)
    return render(request, "today.html", viewer={"name": viewer.name}, **context)


@router.get("/daily/{daily_id}")
def day_page(request: Request, daily_id: str, viewer: PageViewer) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        context = _page(session, daily.daily_for(session, daily_id, me), me, False)
    return render(request, "today.html", viewer={"name": viewer.name}, **context)


@router.post("/daily/{daily_id}/answer")
def answer(request: Request, daily_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    back = safe_next(form_text(form, "back"), f"/daily/{daily_id}")
    text = form_text(form, "text")
    try:
        with state.database.session() as session:
            daily.answer(session, daily_id, viewer.load(session), text, now=state.clock())
    except (InvalidInput, Conflict) as exc:  # nothing typed is lost: the page comes back with it
        field = "text" if isinstance(exc, InvalidInput) else "form"
        return _again(request, viewer, daily_id, back, 422 if field == "text" else 409, {field: exc.message}, text)
    return RedirectResponse(back + "#answers", status_code=303)


def _again(
    request: Request, viewer: PageViewer, daily_id: str, back: str, status: int, errors: dict[str, str], typed: str
) -> Response:
    """The day's page again, saying what went wrong, with what the person wrote still in front of them."""
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        context = _page(session, daily.daily_for(session, daily_id, me), me, back.endswith("/today"))
    return render(request, "today.html", status, viewer={"name": viewer.name}, errors=errors, typed=typed, **context)


@router.post("/daily-answers/{answer_id}/replies")
def reply(request: Request, answer_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    back, text = safe_next(form_text(form, "back"), "/"), form_text(form, "text")
    try:
        with state.database.session() as session:
            daily.reply(
                session, answer_id, viewer.load(session), now=state.clock(),
                reaction=form_text(form, "reaction") or None, text=text,
            )  # fmt: skip
    except InvalidInput as exc:
        with state.database.session() as session:
            daily_id = daily.answer_daily_id(session, answer_id, viewer.load(session))
        return _again(request, viewer, daily_id, back, 422, {"form": exc.message}, text)
    return RedirectResponse(back + "#answers", status_code=303)


@router.get("/pairs/{pair_id}/questions")
def answered_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        answered = history.answered(session, pair.id, me)
        favourites = [(q, q.wording(pair.kind)) for q in history.favourites(session, pair.id, me)]
    return render(
        request, "questions.html", viewer={"name": viewer.name}, pair_id=pair_id, answered=answered,
        favourites=favourites, level_names=LEVEL_NAMES, theme_names=THEME_NAMES,
    )  # fmt: skip


@router.post("/pairs/{pair_id}/favourites/{question_id}")
def favourite(request: Request, pair_id: str, question_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        history.set_favourite(
            session, pair_id, viewer.load(session), question_id, now=state.clock(), on=form_text(form, "on") == "yes"
        )
    return RedirectResponse(safe_next(form_text(form, "back"), f"/pairs/{pair_id}/questions"), status_code=303)
