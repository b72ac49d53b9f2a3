"""The /api/v1 routes for closeness ratings: rate today, your own ratings, both curves, and phases worth a word.

The numbers are the pair's: both people read both curves. A rating's note is its writer's alone: it comes
back only in answers about your own ratings. Anyone outside the pair gets 404 on every route.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from nearer.practice import closeness
from nearer.practice.days import local_day
from nearer.web.api.closeness_schemas import MismatchOut, MyRatingOut, RatingIn, SeriesOut, TodayOut
from nearer.web.api.routes import ERRORS
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["where we stand"])


@router.put("/pairs/{pair_id}/closeness/today")
def rate_today(request: Request, pair_id: str, body: RatingIn, viewer: ApiViewer) -> MyRatingOut:
    """Rate today (1 to 5): how much closeness you need, and how close you feel. Again the same day changes it."""
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        row = closeness.rate(
            session, pair_id, viewer.load(session), need=body.need, feel=body.feel, note=body.note, now=now
        )
        return MyRatingOut(day=row.day, need=row.need, feel=row.feel, note=row.note, rated_at=row.rated_at)


@router.get("/pairs/{pair_id}/closeness/today")
def today(request: Request, pair_id: str, viewer: ApiViewer) -> TodayOut:
    """Your own rating of today, note included; null if you haven't rated yet."""
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        mine = closeness.todays_rating(session, pair_id, viewer.load(session), now=now)
    return TodayOut(day=local_day(now).isoformat(), mine=MyRatingOut.of(mine) if mine else None)


@router.get("/pairs/{pair_id}/closeness/mine")
def my_ratings(request: Request, pair_id: str, viewer: ApiViewer, limit: int = 30) -> list[MyRatingOut]:
    """Your own ratings in the pair, newest first, with your private notes."""
    with app_state(request).database.session() as session:
        found = closeness.my_ratings(session, pair_id, viewer.load(session), limit=limit)
    return [MyRatingOut.of(r) for r in found]


@router.get("/pairs/{pair_id}/closeness")
def curves(request: Request, pair_id: str, viewer: ApiViewer, days: int = 30) -> SeriesOut:
    """Both people's numbers over the last ``days`` days (2 to 400), you first. Numbers only, never a note."""
    state = app_state(request)
    with state.database.session() as session:
        return SeriesOut.of(closeness.series(session, pair_id, viewer.load(session), now=state.clock(), days=days))


@router.get("/pairs/{pair_id}/closeness/mismatches")
def mismatches(request: Request, pair_id: str, viewer: ApiViewer) -> list[MismatchOut]:
    """Phases worth a gentle word (someone wanting more closeness than they feel, needs pulling apart), with one
    small thing to try. Empty when there is nothing to say."""
    state = app_state(request)
    with state.database.session() as session:
        found = closeness.mismatches(session, pair_id, viewer.load(session), now=state.clock())
    return [MismatchOut.of(m) for m in found]
