"""The weekly conversation, our week: the agenda, speaker turns with a timer, notes, pausing, a calendar file.

Every action is a plain form that posts and comes back to the talk, so it all works without script;
``weekly.js`` adds the running timer and balance, and follows the other person's screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.parsing import whole_number
from nearer.people import pairs
from nearer.practice import weekly, weekly_plan
from nearer.practice.weekly_agenda import agenda, listener_prompts
from nearer.store.models import Person, WeeklyTalk
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.errors import status_for
from nearer.web.local_time import local_input, local_text, parse_local
from nearer.web.pages.weekly_format import duration, duration_words
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

NOTE_FIELDS = {"text", "topic", "person_id"}
Action = Callable[[Session, Person, datetime], object]


def _pair_view(session: Session, pair_id: str, me: Person) -> dict[str, object]:
    pair = pairs.pair_for_member(session, pair_id, me)
    others = pairs.other_members(pair, me)
    return {
        "id": pair.id,
        "kind": pair.kind,
        "other_word": pairs.OTHER_PERSON_WORD[pair.kind],
        "others": [p.name for p in others],
        "other_id": others[0].id if others else None,
        "complete": pairs.is_complete(pair),
        "closed": pairs.is_closed(pair),
    }


def _talk_of_pair(session: Session, pair_id: str, talk_id: str, me: Person) -> WeeklyTalk:
    pairs.pair_for_member(session, pair_id, me)
    talk = weekly.talk_for(session, talk_id, me)
    if talk.pair_id != pair_id:
        raise NotFound(weekly.NO_SUCH_TALK)
    return talk


def _talk_url(pair_id: str, talk_id: str) -> str:
    return f"/pairs/{pair_id}/week/talks/{talk_id}"


HELPERS = {"duration": duration, "duration_words": duration_words, "local_text": local_text}


def render_week(
    request: Request, viewer: PageViewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        pair = _pair_view(session, pair_id, me)
        plan = weekly_plan.plan_for(session, pair_id, me)
        talk = weekly.open_talk(session, pair_id, me)
        context = {
            "pair": pair,
            "plan": plan,
            "plan_text": weekly_plan.describe(plan) if plan else None,
            "open_talk": talk and weekly.view_talk(session, talk.id, me, now=state.clock()),
            "last_support": weekly.last_support(session, pair_id, me),
            "history": weekly.past_talks(session, pair_id, me, now=state.clock()),
            "agenda": agenda(str(pair["kind"])),
            "weekdays": weekly_plan.WEEKDAYS,
        }
    return render(request, "weekly.html", status_code, viewer={"name": viewer.name}, **HELPERS, **context, **extra)


def render_talk(
    request: Request, viewer: PageViewer, pair_id: str, talk_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        _talk_of_pair(session, pair_id, talk_id, me)
        pair = _pair_view(session, pair_id, me)
        talk = weekly.view_talk(session, talk_id, me, now=now)
    context = {
        "pair": pair,
        "talk": talk,
        "me": viewer.person_id,
        "agenda": agenda(talk.kind),
        "prompts": listener_prompts(talk.speaker.name) if talk.speaker else (),
        "now": now,
        "pause_default": local_input(now + timedelta(days=1)),
        "url": _talk_url(pair_id, talk_id),
    }
    return render(request, "weekly_talk.html", status_code, viewer={"name": viewer.name}, **HELPERS, **context, **extra)


@router.get("/pairs/{pair_id}/week")
def week_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_week(request, viewer, pair_id, plan_saved=request.query_params.get("saved") == "plan")


@router.post("/pairs/{pair_id}/week/plan")
def save_plan(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {name: form_text(form, name) for name in ("weekday", "time", "minutes")}
    try:
        with state.database.session() as session:
            weekly_plan.set_plan(session, pair_id, viewer.load(session), **values, now=state.clock())
    except (InvalidInput, Conflict) as exc:
        field = getattr(exc, "field", None) or "form"
        return render_week(request, viewer, pair_id, status_for(exc)[0], plan_errors={field: exc.message}, typed=values)
    return RedirectResponse(f"/pairs/{pair_id}/week?saved=plan#plan", status_code=303)


@router.get("/pairs/{pair_id}/week.ics")
def calendar_file(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        text = weekly_plan.plan_calendar(session, pair_id, viewer.load(session), now=state.clock())
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="our-week.ics"'},
    )


@router.post("/pairs/{pair_id}/week/talks")
def start(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            talk, _ = weekly.start_talk(session, pair_id, viewer.load(session), now=state.clock())
            talk_id = talk.id
    except Conflict as exc:
        return render_week(request, viewer, pair_id, 409, start_error=exc.message)
    return RedirectResponse(_talk_url(pair_id, talk_id), status_code=303)


@router.get("/pairs/{pair_id}/week/talks/{talk_id}")
def talk_page(request: Request, pair_id: str, talk_id: str, viewer: PageViewer) -> Response:
    return render_talk(request, viewer, pair_id, talk_id)


@router.get("/pairs/{pair_id}/week/talks/{talk_id}/version")
def talk_version(request: Request, pair_id: str, talk_id: str, viewer: PageViewer) -> Response:
    """A short stamp that changes when the talk does: the other person's screen asks for it to keep up."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        _talk_of_pair(session, pair_id, talk_id, me)
        version = weekly.view_talk(session, talk_id, me, now=state.clock()).version
    return PlainTextResponse(version)


def _act(
    request: Request, viewer: PageViewer, pair_id: str, talk_id: str, action: Action, anchor: str = ""
) -> Response:
    """Do one thing to the talk and come back to it; a refusal is shown on the talk, by the form it came from."""
    state = app_state(request)
    try:
        with state.database.session() as session:
            me = viewer.load(session)
            _talk_of_pair(session, pair_id, talk_id, me)
            action(session, me, state.clock())
    except (InvalidInput, Conflict) as exc:
        field = getattr(exc, "field", None)
        where = "note_error" if field in NOTE_FIELDS else "pause_error" if field == "resume_at" else "problem"
        return render_talk(request, viewer, pair_id, talk_id, status_for(exc)[0], **{where: exc.message})
    return RedirectResponse(_talk_url(pair_id, talk_id) + anchor, status_code=303)


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/turns/start")
def start_turn(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    speaker = form_text(form, "speaker_id") or None
    return _act(
        request, viewer, pair_id, talk_id,
        lambda s, me, now: weekly.start_turn(s, talk_id, me, now=now, speaker_id=speaker), "#turn",
    )  # fmt: skip


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/turns/end")
def end_turn(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    return _act(request, viewer, pair_id, talk_id, lambda s, me, now: weekly.end_turn(s, talk_id, me, now=now), "#turn")


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/next")
def next_topic(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    shown = form_text(form, "from_step")
    from_step = whole_number(shown)
    return _act(
        request, viewer, pair_id, talk_id,
        lambda s, me, now: weekly.next_topic(s, talk_id, me, now=now, from_step=from_step),
    )  # fmt: skip


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/notes")
def add_note(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    topic, text, whose = form_text(form, "topic"), form_text(form, "text"), form_text(form, "person_id") or None
    try:
        state = app_state(request)
        with state.database.session() as session:
            me = viewer.load(session)
            _talk_of_pair(session, pair_id, talk_id, me)
            weekly.add_note(session, talk_id, me, topic_key=topic, text=text, now=state.clock(), words_of=whose)
    except (InvalidInput, Conflict) as exc:
        status = status_for(exc)[0]
        return render_talk(request, viewer, pair_id, talk_id, status, note_error=exc.message, note_text=text)
    return RedirectResponse(_talk_url(pair_id, talk_id) + "#notes", status_code=303)


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/pause")
def pause(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    typed, offset = form_text(form, "resume_at"), form_text(form, "tz_offset")

    def action(s: Session, me: Person, now: datetime) -> object:
        return weekly.pause_talk(
            s,
            talk_id,
            me,
            resume_at=parse_local(typed, offset, field="resume_at", problem="Choose a day and a time to come back."),
            now=now,
        )

    return _act(request, viewer, pair_id, talk_id, action)


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/resume")
def resume(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    return _act(request, viewer, pair_id, talk_id, lambda s, me, now: weekly.resume_talk(s, talk_id, me, now=now))


@router.post("/pairs/{pair_id}/week/talks/{talk_id}/end")
def end(request: Request, pair_id: str, talk_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    return _act(request, viewer, pair_id, talk_id, lambda s, me, now: weekly.end_talk(s, talk_id, me, now=now))
