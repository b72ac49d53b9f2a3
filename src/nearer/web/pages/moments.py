"""Moments of connection and quality time: log a moment, see the patterns, plan time together.

Times typed into the forms are the browser's local time: a small script (static/local_time.js) sends the
browser's offset with them, and without it the machine's own time zone is used. Times are shown, and
times of day counted, in the machine's time zone: nearer runs on the pair's own machine.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput
from nearer.people import pairs
from nearer.practice import moments, planner
from nearer.practice.planner import Rhythm
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.local_time import local_input, local_text, parse_local
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {
    "noted": "Your moment is noted. {name} can see it here too.",
    "deleted": "That moment is deleted.",
    "planned": "It's planned. {name} will see it here too.",
    "done": "Marked as done. Time together, well spent.",
    "cancelled": "That plan is cancelled. There will be another time.",
}
CHART_WIDTH, CHART_HEIGHT, BAR_TOP = 240, 64, 6
TIMES_OF_DAY_WORDS = {"morning": "Morning", "afternoon": "Afternoon", "evening": "Evening", "night": "Night"}


def month_bars(rhythm: Rhythm) -> dict[str, object]:
    """Bars for the done plans of each month, for a small inline SVG."""
    top = max((m.done for m in rhythm.months), default=0) or 1
    slot = CHART_WIDTH / len(rhythm.months)
    base = CHART_HEIGHT - 2
    bars = []
    for k, month in enumerate(rhythm.months):
        height = round((base - BAR_TOP) * month.done / top, 1)
        bars.append({"x": round(k * slot + 4, 1), "y": round(base - height, 1), "w": round(slot - 8, 1), "h": height,
                     "done": month.done})  # fmt: skip
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "base": base, "bars": bars}


def render_page(
    request: Request, viewer: PageViewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        others = [p.name for p in pairs.other_members(pair, me)]
        word = pairs.OTHER_PERSON_WORD[pair.kind]
        noted = moments.list_moments(session, pair.id, me, limit=50)
        found = moments.patterns(session, pair.id, me)
        upcoming = planner.upcoming(session, pair.id, me, now=now)
        past = [p for p in planner.plans(session, pair.id, me, now=now, limit=30) if p.status != "planned"][:10]
        rhythm = planner.how_often(session, pair.id, me, now=now)
    name = others[0] if others else f"your {word}"
    view = {"id": pair.id, "other_word": word, "other_name": name, "complete": pairs.is_complete(pair),
            "closed": pairs.is_closed(pair)}  # fmt: skip
    tomorrow_evening = (now.astimezone() + timedelta(days=1)).replace(hour=19, minute=0, second=0, microsecond=0)
    extra.setdefault("moment_values", {"happened_at": local_input(now), "company": "just us"})
    extra.setdefault("plan_values", {"planned_for": local_input(tomorrow_evening), "what": found.idea})
    done = DONE.get(request.query_params.get("done", ""), "")
    return render(
        request,
        "moments.html",
        status_code,
        viewer={"name": viewer.name},
        pair=view,
        moments=noted,
        patterns=found,
        upcoming=upcoming,
        past=past,
        rhythm=rhythm,
        bars=month_bars(rhythm),
        activities=moments.ACTIVITIES,
        places=moments.PLACES,
        company=moments.COMPANY,
        times_of_day=TIMES_OF_DAY_WORDS,
        local_text=local_text,
        most_note=moments.MOST_NOTE,
        most_what=planner.MOST_WHAT,
        done=done.format(name=name),
        **extra,
    )


@router.get("/pairs/{pair_id}/moments")
def moments_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_page(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/moments")
def log_moment(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {name: form_text(form, name) for name in ("happened_at", "activity", "place", "company", "note")}
    values["devices_away"] = "yes" if form_text(form, "devices_away") == "yes" else ""
    try:
        when = parse_local(values["happened_at"], form_text(form, "tz_offset"), field="happened_at",
                           problem="Choose the day and time it happened.")  # fmt: skip
        with state.database.session() as session:
            moments.log(
                session, pair_id, viewer.load(session), happened_at=when, activity=values["activity"],
                place=values["place"], company=values["company"], devices_away=values["devices_away"] == "yes",
                note=values["note"], now=state.clock(),
            )  # fmt: skip
    except InvalidInput as exc:
        errors = {exc.field or "moment_form": exc.message}
        return render_page(request, viewer, pair_id, 422, errors=errors, moment_values=values)
    except Conflict as exc:
        return render_page(request, viewer, pair_id, 409, errors={"moment_form": exc.message}, moment_values=values)
    return RedirectResponse(f"/pairs/{pair_id}/moments?done=noted#moments", status_code=303)


@router.post("/moments/{moment_id}/delete")
def delete_moment(request: Request, moment_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        pair_id = moments.delete(session, moment_id, viewer.load(session))
    return RedirectResponse(f"/pairs/{pair_id}/moments?done=deleted#moments", status_code=303)


@router.post("/pairs/{pair_id}/plans")
def make_plan(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {"planned_for": form_text(form, "planned_for"), "what": form_text(form, "what")}
    try:
        when = parse_local(values["planned_for"], form_text(form, "tz_offset"), field="planned_for",
                           problem="Choose a day and a time for it.")  # fmt: skip
        with state.database.session() as session:
            planner.plan(
                session, pair_id, viewer.load(session), planned_for=when, what=values["what"], now=state.clock()
            )
    except InvalidInput as exc:
        return render_page(request, viewer, pair_id, 422, errors={exc.field or "plan_form": exc.message},
                           plan_values=values)  # fmt: skip
    except Conflict as exc:
        return render_page(request, viewer, pair_id, 409, errors={"plan_form": exc.message}, plan_values=values)
    return RedirectResponse(f"/pairs/{pair_id}/moments?done=planned#plan", status_code=303)


@router.post("/plans/{plan_id}/done")
def mark_done(request: Request, plan_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        pair_id = planner.mark_done(session, plan_id, viewer.load(session), now=state.clock()).pair_id
    return RedirectResponse(f"/pairs/{pair_id}/moments?done=done#plan", status_code=303)


@router.post("/plans/{plan_id}/cancel")
def cancel_plan(request: Request, plan_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        pair_id = planner.cancel(session, plan_id, viewer.load(session), now=state.clock()).pair_id
    return RedirectResponse(f"/pairs/{pair_id}/moments?done=cancelled#plan", status_code=303)
