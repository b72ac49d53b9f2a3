"""The /api/v1 routes for moments of connection and planned time together.

Moments and plans are the pair's: both people see them, and anyone else gets 404 on every route. Only the
person who noted a moment may delete it; either person may mark a plan done or cancel it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nearer.practice import moments, planner
from nearer.web.api.moments_schemas import (
    ChoiceOut,
    ChoicesOut,
    MomentIn,
    MomentOut,
    PatternsOut,
    PlanIn,
    PlanOut,
    RhythmOut,
)
from nearer.web.api.routes import ERRORS
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["where we stand"])


@router.get("/moment-choices")
def choices() -> ChoicesOut:
    """The lists a moment's activity, place and company come from (no sign-in needed: they hold nothing of anyone's)."""
    return ChoicesOut(
        activities=[ChoiceOut(key=k, label=v[0]) for k, v in moments.ACTIVITIES.items()],
        places=[ChoiceOut(key=k, label=v[0]) for k, v in moments.PLACES.items()],
        company=[ChoiceOut(key=k, label=v[0]) for k, v in moments.COMPANY.items()],
    )


@router.post("/pairs/{pair_id}/moments", status_code=201)
def log_moment(request: Request, pair_id: str, body: MomentIn, viewer: ApiViewer) -> MomentOut:
    """Note a moment you felt close: when, doing what, where, with whom, and whether devices were away."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        made = moments.log(session, pair_id, me, now=state.clock(), **body.model_dump())
        return MomentOut.of(moments.moment_for(session, made.id, me))


@router.get("/pairs/{pair_id}/moments")
def list_moments(request: Request, pair_id: str, viewer: ApiViewer, limit: int = 200) -> list[MomentOut]:
    """The pair's moments, both people's, the most recent first."""
    with app_state(request).database.session() as session:
        return [MomentOut.of(m) for m in moments.list_moments(session, pair_id, viewer.load(session), limit=limit)]


@router.get("/pairs/{pair_id}/moments/patterns")
def patterns(request: Request, pair_id: str, viewer: ApiViewer) -> PatternsOut:
    """What the pair's moments have in common, once there are enough of them, and an idea to plan."""
    with app_state(request).database.session() as session:
        return PatternsOut.of(moments.patterns(session, pair_id, viewer.load(session)))


@router.get("/moments/{moment_id}")
def get_moment(request: Request, moment_id: str, viewer: ApiViewer) -> MomentOut:
    with app_state(request).database.session() as session:
        return MomentOut.of(moments.moment_for(session, moment_id, viewer.load(session)))


@router.delete("/moments/{moment_id}", status_code=204)
def delete_moment(request: Request, moment_id: str, viewer: ApiViewer) -> Response:
    """Delete a moment you noted. The other person's are theirs: 404."""
    with app_state(request).database.session() as session:
        moments.delete(session, moment_id, viewer.load(session))
    return Response(status_code=204)


@router.post("/pairs/{pair_id}/plans", status_code=201)
def make_plan(request: Request, pair_id: str, body: PlanIn, viewer: ApiViewer) -> PlanOut:
    """Plan time together, devices away."""
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        made = planner.plan(session, pair_id, me, planned_for=body.planned_for, what=body.what, now=now)
        return PlanOut.of(planner.plan_for(session, made.id, me, now=now))


@router.get("/pairs/{pair_id}/plans")
def list_plans(
    request: Request, pair_id: str, viewer: ApiViewer, status: str | None = None, limit: int = 100
) -> list[PlanOut]:
    """The pair's plans; ``status`` (planned, done, cancelled) narrows them. Planned ones come soonest first."""
    state = app_state(request)
    with state.database.session() as session:
        found = planner.plans(session, pair_id, viewer.load(session), now=state.clock(), status=status, limit=limit)
    return [PlanOut.of(p) for p in found]


@router.get("/pairs/{pair_id}/plans/rhythm")
def rhythm(request: Request, pair_id: str, viewer: ApiViewer) -> RhythmOut:
    """How often planned time happened, month by month for six months, and a sentence to say it."""
    state = app_state(request)
    with state.database.session() as session:
        return RhythmOut.of(planner.how_often(session, pair_id, viewer.load(session), now=state.clock()))


@router.get("/plans/{plan_id}")
def get_plan(request: Request, plan_id: str, viewer: ApiViewer) -> PlanOut:
    state = app_state(request)
    with state.database.session() as session:
        return PlanOut.of(planner.plan_for(session, plan_id, viewer.load(session), now=state.clock()))


@router.post("/plans/{plan_id}/done")
def mark_done(request: Request, plan_id: str, viewer: ApiViewer) -> PlanOut:
    """It happened. 409 if it was cancelled."""
    state = app_state(request)
    with state.database.session() as session:
        return PlanOut.of(planner.mark_done(session, plan_id, viewer.load(session), now=state.clock()))


@router.post("/plans/{plan_id}/cancel")
def cancel(request: Request, plan_id: str, viewer: ApiViewer) -> PlanOut:
    """It won't happen. 409 if it already did."""
    state = app_state(request)
    with state.database.session() as session:
        return PlanOut.of(planner.cancel(session, plan_id, viewer.load(session), now=state.clock()))
