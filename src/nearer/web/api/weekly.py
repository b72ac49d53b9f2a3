"""The /api/v1 routes for the weekly conversation ("our week"): the weekly time and its calendar file,
and talks with their turns, notes, pauses and ends.

Everything here is seen by both people of the pair; to anyone else every route answers 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nearer.practice import weekly, weekly_plan
from nearer.practice.weekly_agenda import TOPICS
from nearer.web.api.routes import ERRORS
from nearer.web.api.weekly_schemas import (
    NextIn,
    NoteIn,
    NoteOut,
    PauseIn,
    PlanIn,
    PlanOut,
    TalkOut,
    TurnIn,
    WeeklyOut,
)
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["practice"])

CALENDAR = "text/calendar; charset=utf-8"


def _talk(request: Request, talk_id: str, viewer: ApiViewer) -> TalkOut:
    state = app_state(request)
    with state.database.session() as session:
        view = weekly.view_talk(session, talk_id, viewer.load(session), now=state.clock())
    return TalkOut.of(view, TOPICS)


@router.get("/pairs/{pair_id}/weekly")
def overview(request: Request, pair_id: str, viewer: ApiViewer) -> WeeklyOut:
    """The pair's weekly time, the talk under way if any, and what each asked for last time."""
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        plan = weekly_plan.plan_for(session, pair_id, me)
        talk = weekly.open_talk(session, pair_id, me)
        return WeeklyOut(
            plan=PlanOut.of(plan) if plan else None,
            open_talk_id=talk.id if talk else None,
            last_support=[NoteOut.of(n) for n in weekly.last_support(session, pair_id, me)],
        )


@router.put("/pairs/{pair_id}/weekly/plan")
def set_plan(request: Request, pair_id: str, body: PlanIn, viewer: ApiViewer) -> PlanOut:
    """Set the pair's weekly time (local time), for either of the two."""
    state = app_state(request)
    with state.database.session() as session:
        plan = weekly_plan.set_plan(
            session,
            pair_id,
            viewer.load(session),
            weekday=body.weekday,
            time=body.time,
            minutes=body.minutes,
            now=state.clock(),
        )
        return PlanOut.of(plan)


@router.get("/pairs/{pair_id}/weekly/plan.ics", response_class=Response, responses={200: {"content": {CALENDAR: {}}}})
def plan_calendar(request: Request, pair_id: str, viewer: ApiViewer) -> Response:
    """The weekly time as an iCalendar file (text/calendar) to add to a calendar app."""
    state = app_state(request)
    with state.database.session() as session:
        text = weekly_plan.plan_calendar(session, pair_id, viewer.load(session), now=state.clock())
    return Response(text, media_type=CALENDAR, headers={"Content-Disposition": 'attachment; filename="our-week.ics"'})


@router.get("/pairs/{pair_id}/weekly/talks")
def list_talks(request: Request, pair_id: str, viewer: ApiViewer) -> list[TalkOut]:
    """The pair's finished talks with their notes, newest first."""
    state = app_state(request)
    with state.database.session() as session:
        talks = weekly.past_talks(session, pair_id, viewer.load(session), now=state.clock())
    return [TalkOut.of(t, TOPICS) for t in talks]


@router.post("/pairs/{pair_id}/weekly/talks", status_code=201)
def start_talk(request: Request, response: Response, pair_id: str, viewer: ApiViewer) -> TalkOut:
    """Start this week's talk: 201 with a new one, or 200 with the one already open."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        talk, new = weekly.start_talk(session, pair_id, me, now=state.clock())
        view = weekly.view_talk(session, talk.id, me, now=state.clock())
    response.status_code = 201 if new else 200
    return TalkOut.of(view, TOPICS)


@router.get("/weekly/talks/{talk_id}")
def get_talk(request: Request, talk_id: str, viewer: ApiViewer) -> TalkOut:
    """Where the talk stands: the topic, who speaks, the balance of speaking time, and the notes."""
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/turns")
def start_turn(request: Request, talk_id: str, viewer: ApiViewer, body: TurnIn | None = None) -> TalkOut:
    """Start a speaking turn on the current topic; the server keeps its time."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.start_turn(
            session, talk_id, viewer.load(session), now=state.clock(), speaker_id=body.speaker_id if body else None
        )
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/turns/end")
def end_turn(request: Request, talk_id: str, viewer: ApiViewer) -> TalkOut:
    """End the running turn (nothing changes when nobody is speaking)."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.end_turn(session, talk_id, viewer.load(session), now=state.clock())
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/next")
def next_topic(request: Request, talk_id: str, viewer: ApiViewer, body: NextIn | None = None) -> TalkOut:
    """Go on to the next topic."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.next_topic(
            session, talk_id, viewer.load(session), now=state.clock(), from_step=body.from_step if body else None
        )
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/notes", status_code=201)
def add_note(request: Request, talk_id: str, body: NoteIn, viewer: ApiViewer) -> NoteOut:
    """Save a note on a topic you have reached."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        note = weekly.add_note(
            session, talk_id, me, topic_key=body.topic, text=body.text, now=state.clock(), words_of=body.person_id
        )
        note_id = note.id
        view = weekly.view_talk(session, talk_id, me, now=state.clock())
    return NoteOut.of(next(n for n in view.notes if n.id == note_id))


@router.post("/weekly/talks/{talk_id}/pause")
def pause(request: Request, talk_id: str, body: PauseIn, viewer: ApiViewer) -> TalkOut:
    """Pause, with a time to come back."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.pause_talk(session, talk_id, viewer.load(session), resume_at=body.resume_at, now=state.clock())
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/resume")
def resume(request: Request, talk_id: str, viewer: ApiViewer) -> TalkOut:
    """Carry on after a pause."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.resume_talk(session, talk_id, viewer.load(session), now=state.clock())
    return _talk(request, talk_id, viewer)


@router.post("/weekly/talks/{talk_id}/end")
def end(request: Request, talk_id: str, viewer: ApiViewer) -> TalkOut:
    """End the talk; its notes stay for both of you."""
    state = app_state(request)
    with state.database.session() as session:
        weekly.end_talk(session, talk_id, viewer.load(session), now=state.clock())
    return _talk(request, talk_id, viewer)
