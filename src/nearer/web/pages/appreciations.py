"""Appreciation notes: write one (with its because), read the ones you were given, and how often each of you writes."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput
from nearer.people import pairs
from nearer.practice import appreciation
from nearer.practice.appreciation import MOST_CHARACTERS, Rhythm
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {
    "written": "Your appreciation is saved. {name} will see it marked new when they next look.",
    "deleted": "That appreciation is deleted.",
}
# Why it's worth writing, and an example to start from, in words for each kind of pair.
INTRO = {
    "partners": "Between partners, the small kindnesses are the easiest to let pass unsaid.",
    "friends": "Friends don't often tell each other what they mean to them.",
    "family": "In a family, the everyday things often go unthanked.",
}
EXAMPLES = {
    "partners": ("You made tea when I got home late.", "I felt looked after at the end of a hard day."),
    "friends": ("You called me after my interview.", "It showed me you remember what matters to me."),
    "family": ("You helped me move at the weekend.", "It reminded me I can always count on you."),
}
CHART_WIDTH, CHART_HEIGHT, BAR_TOP = 240, 72, 6


def short_date(moment: datetime) -> str:
    """4 May."""
    return f"{moment.day} {moment:%b}"


def how_many(count: int) -> str:
    return f"{count} appreciation" if count == 1 else f"{count} appreciations"


def chart_view(rhythm: Rhythm) -> dict[str, object]:
    """Bars for each person's weekly counts, on one scale so the two charts compare honestly."""
    top = max((n for w in rhythm.writers for n in w.per_week), default=0) or 1
    slot = CHART_WIDTH / len(rhythm.week_starts)
    base = CHART_HEIGHT - 2
    writers = []
    for w in rhythm.writers:
        bars = []
        for k, count in enumerate(w.per_week):
            height = round((base - BAR_TOP) * count / top, 1)
            bars.append(
                {"x": round(k * slot + 3, 1), "y": round(base - height, 1), "w": slot - 6, "h": height, "count": count}
            )
        who = "You" if w.me else w.name
        busiest = max(w.per_week)
        most = f", at most {busiest} in one week." if busiest else "."
        summary = f"{who} wrote {how_many(sum(w.per_week))} in the last {len(w.per_week)} weeks{most}"
        writers.append({"writer": w, "who": who, "bars": bars, "summary": summary})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "base": base,
        "writers": writers,
        "weeks": [short_date(start) for start in rhythm.week_starts],
    }


def render_notes(
    request: Request, viewer: PageViewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        others = [p.name for p in pairs.other_members(pair, me)]
        word = pairs.OTHER_PERSON_WORD[pair.kind]
        notes = appreciation.read_notes(session, pair.id, me, now=now)
        rhythm = appreciation.rhythm(session, pair.id, me, now=now)
    name = others[0] if others else f"your {word}"
    view = {
        "id": pair.id,
        "kind": pair.kind,
        "other_word": word,
        "other_name": name,
        "complete": pairs.is_complete(pair),
        "closed": pairs.is_closed(pair),
    }
    done = DONE.get(request.query_params.get("done", ""), "")
    extra.setdefault("values", {"text": "", "because": ""})
    return render(
        request,
        "appreciations.html",
        status_code,
        viewer={"name": viewer.name},
        pair=view,
        notes=notes,
        chart=chart_view(rhythm),
        intro=INTRO[pair.kind],
        example=EXAMPLES[pair.kind],
        most=MOST_CHARACTERS,
        done=done.format(name=name),
        **extra,
    )


@router.get("/pairs/{pair_id}/appreciations")
def notes_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_notes(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/appreciations")
def write(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {"text": form_text(form, "text"), "because": form_text(form, "because")}
    try:
        with state.database.session() as session:
            appreciation.write(session, pair_id, viewer.load(session), now=state.clock(), **values)
    except InvalidInput as exc:
        errors = {exc.field or "form": exc.message}
        return render_notes(request, viewer, pair_id, 422, errors=errors, values=values)
    except Conflict as exc:
        return render_notes(request, viewer, pair_id, 409, errors={"form": exc.message}, values=values)
    return RedirectResponse(f"/pairs/{pair_id}/appreciations?done=written", status_code=303)


@router.post("/appreciations/{note_id}/delete")
def delete(request: Request, note_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        pair_id = appreciation.delete(session, note_id, viewer.load(session))
    return RedirectResponse(f"/pairs/{pair_id}/appreciations?done=deleted#history", status_code=303)
