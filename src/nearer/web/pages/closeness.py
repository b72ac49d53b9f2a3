"""Needs for closeness: a daily rating of how much closeness you need and how close you feel, and the chart."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput
from nearer.parsing import whole_number
from nearer.people import pairs
from nearer.practice import closeness
from nearer.practice.closeness import DAYS_SHOWN, FEEL_WORDS, MOST_NOTE, NEED_WORDS, Series
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {"rated": "Saved. {name} sees your two numbers on the chart; your note stays yours alone."}
INTRO = (
    "Everyone's need for closeness comes and goes, and seldom in step with their {word}'s. Noting it takes a few "
    "seconds a day, and shows you both where each of you is, so neither of you has to guess."
)


def day_label(day: str) -> str:
    """Mon 4 May."""
    found = date.fromisoformat(day)
    return f"{found:%a} {found.day} {found:%b}"


def table_rows(series: Series) -> list[dict[str, object]]:
    """Day by day, newest first, only the days someone rated: the chart's text alternative."""
    rows: list[dict[str, object]] = []
    for k in range(len(series.days) - 1, -1, -1):
        cells = [r.points[k] for r in series.raters]
        if any(cells):
            rows.append({"day": day_label(series.days[k]), "cells": cells})
    return rows


def render_page(
    request: Request, viewer: PageViewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    state = app_state(request)
    now = state.clock()
    shown = request.query_params.get("days", "")
    days = asked if (asked := whole_number(shown)) in DAYS_SHOWN else 30
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        others = [p.name for p in pairs.other_members(pair, me)]
        word = pairs.OTHER_PERSON_WORD[pair.kind]
        today = closeness.todays_rating(session, pair.id, me, now=now)
        drawn = closeness.curves(session, pair.id, me, now=now, days=days)
        found = closeness.mismatches(session, pair.id, me, now=now)
        notes = [r for r in closeness.my_ratings(session, pair.id, me, limit=60) if r.note][:14]
    name = others[0] if others else f"your {word}"
    view = {
        "id": pair.id,
        "other_word": word,
        "other_name": name,
        "complete": pairs.is_complete(pair),
        "closed": pairs.is_closed(pair),
    }
    values = {"need": str(today.need), "feel": str(today.feel), "note": today.note or ""} if today else {}
    extra.setdefault("values", values)
    done = DONE.get(request.query_params.get("done", ""), "")
    return render(
        request,
        "closeness.html",
        status_code,
        viewer={"name": viewer.name},
        pair=view,
        intro=INTRO.format(word=word),
        today=today,
        curves=drawn,
        rows=table_rows(drawn.series),
        mismatches=found,
        notes=notes,
        days=days,
        days_shown=DAYS_SHOWN,
        need_words=NEED_WORDS,
        feel_words=FEEL_WORDS,
        most=MOST_NOTE,
        day_label=day_label,
        done=done.format(name=name),
        **extra,
    )


@router.get("/pairs/{pair_id}/closeness")
def closeness_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_page(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/closeness")
def rate(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    values = {name: form_text(form, name) for name in ("need", "feel", "note")}
    try:
        with state.database.session() as session:
            closeness.rate(
                session, pair_id, viewer.load(session), need=values["need"], feel=values["feel"], note=values["note"],
                now=state.clock(),
            )  # fmt: skip
    except InvalidInput as exc:
        return render_page(request, viewer, pair_id, 422, errors={exc.field or "form": exc.message}, values=values)
    except Conflict as exc:
        return render_page(request, viewer, pair_id, 409, errors={"form": exc.message}, values=values)
    return RedirectResponse(f"/pairs/{pair_id}/closeness?done=rated#chart", status_code=303)
