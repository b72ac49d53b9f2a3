"""The /api/v1 routes for questions: the decks, together sessions, the question of the day, favourites and history.

Everything of a pair answers 404 to anyone outside it; the other person's answer of the day is
null until both have answered.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from nearer.practice import daily, decks, history, together
from nearer.web.api.question_schemas import (
    AnsweredOut,
    AnswerIn,
    DailyOut,
    QuestionOut,
    ReplyIn,
    SessionOut,
    TogetherIn,
    TurnIn,
)
from nearer.web.api.routes import ERRORS
from nearer.web.api.schemas import IdOut
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["practice"])


@router.get("/questions")
def list_questions(
    level: Annotated[str | None, Query(description="light, personal or vulnerable")] = None,
    theme: Annotated[str | None, Query(description="one of the themes")] = None,
) -> list[QuestionOut]:
    """The project's question decks (no sign-in needed: they hold nothing of anyone's)."""
    return [QuestionOut.of(q) for q in decks.questions(level=level, theme=theme)]


@router.post("/pairs/{pair_id}/together", status_code=201)
def start_together(request: Request, pair_id: str, body: TogetherIn, viewer: ApiViewer) -> SessionOut:
    """Start a together session (or get the pair's open one)."""
    state = app_state(request)
    with state.database.session() as session:
        row = together.start_session(
            session, pair_id, viewer.load(session), now=state.clock(), theme=body.theme or None, first_reader=body.first
        )
        return SessionOut.of(together.view(session, row))


@router.get("/together/{session_id}")
def get_together(request: Request, session_id: str, viewer: ApiViewer) -> SessionOut:
    with app_state(request).database.session() as session:
        return SessionOut.of(together.view(session, together.session_for(session, session_id, viewer.load(session))))


@router.post("/together/{session_id}/turns")
def take_turn(request: Request, session_id: str, body: TurnIn, viewer: ApiViewer) -> SessionOut:
    """Record the turn of whoever's turn it is: answered, or passed (no reason needed)."""
    state = app_state(request)
    with state.database.session() as session:
        row = together.take_turn(
            session, session_id, viewer.load(session), body.outcome, now=state.clock(), position=body.position,
            whose=body.person_id,
        )  # fmt: skip
        return SessionOut.of(together.view(session, row))


@router.post("/together/{session_id}/end")
def end_together(request: Request, session_id: str, viewer: ApiViewer) -> SessionOut:
    """End the session; the answer lists what the two covered."""
    state = app_state(request)
    with state.database.session() as session:
        row = together.end_session(session, session_id, viewer.load(session), now=state.clock())
        return SessionOut.of(together.view(session, row))


@router.get("/pairs/{pair_id}/today")
def get_today(request: Request, pair_id: str, viewer: ApiViewer) -> DailyOut:
    """Today's question; ``theirs`` stays null until both have answered."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        return DailyOut.of(daily.view(session, daily.todays_question(session, pair_id, me, now=state.clock()), me))


@router.get("/daily/{daily_id}")
def get_daily(request: Request, daily_id: str, viewer: ApiViewer) -> DailyOut:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        return DailyOut.of(daily.view(session, daily.daily_for(session, daily_id, me), me))


@router.put("/daily/{daily_id}/answer")
def answer_daily(request: Request, daily_id: str, body: AnswerIn, viewer: ApiViewer) -> DailyOut:
    """Write or change one's answer (until both have answered)."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        daily.answer(session, daily_id, me, body.text, now=state.clock())
        return DailyOut.of(daily.view(session, daily.daily_for(session, daily_id, me), me))


@router.post("/daily-answers/{answer_id}/replies", status_code=201)
def reply_to_answer(request: Request, answer_id: str, body: ReplyIn, viewer: ApiViewer) -> IdOut:
    """React to the other person's revealed answer (heart, hug, smile, thanks, same) and/or write a few words."""
    state = app_state(request)
    with state.database.session() as session:
        made = daily.reply(
            session, answer_id, viewer.load(session), now=state.clock(), reaction=body.reaction, text=body.text
        )
        return IdOut(id=made.id)


@router.get("/pairs/{pair_id}/daily")
def list_daily(request: Request, pair_id: str, viewer: ApiViewer) -> list[DailyOut]:
    """The pair's questions of the day, newest first, as the asker may see them."""
    with app_state(request).database.session() as session:
        return [DailyOut.of(view) for view in daily.past_days(session, pair_id, viewer.load(session))]


@router.get("/pairs/{pair_id}/answered")
def answered(request: Request, pair_id: str, viewer: ApiViewer) -> list[AnsweredOut]:
    """Every question the pair has met, together or as a question of the day, newest first."""
    with app_state(request).database.session() as session:
        return [
            AnsweredOut(
                question=QuestionOut.of(item.question).model_copy(update={"text": item.text}),
                where=item.where,
                at=item.at,
                source_id=item.source_id,
                favourite=item.favourite,
            )
            for item in history.answered(session, pair_id, viewer.load(session))
        ]


@router.get("/pairs/{pair_id}/favourites")
def list_favourites(request: Request, pair_id: str, viewer: ApiViewer) -> list[QuestionOut]:
    """The asker's own favourite questions in this pair (the other person's are theirs)."""
    with app_state(request).database.session() as session:
        return [QuestionOut.of(q) for q in history.favourites(session, pair_id, viewer.load(session))]


@router.put("/pairs/{pair_id}/favourites/{question_id}", status_code=204)
def add_favourite(request: Request, pair_id: str, question_id: str, viewer: ApiViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        history.set_favourite(session, pair_id, viewer.load(session), question_id, now=state.clock())
    return Response(status_code=204)


@router.delete("/pairs/{pair_id}/favourites/{question_id}", status_code=204)
def remove_favourite(request: Request, pair_id: str, question_id: str, viewer: ApiViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        history.set_favourite(session, pair_id, viewer.load(session), question_id, now=state.clock(), on=False)
    return Response(status_code=204)
