"""The /api/v1 routes for check-ins, the intention and the when-to-seek-help advice.

A check-in nobody shared answers 404 to everyone but its taker, exactly as one that doesn't exist, and is
left out of every list and comparison the other person gets. An intention is its writer's alone.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nearer.people import pairs
from nearer.practice import checkins, intentions, seeking_help
from nearer.practice.checkin_items import items
from nearer.support import CRISIS_RESOURCES
from nearer.web.api.checkin_schemas import (
    CheckInIn,
    CheckInOut,
    ComparisonOut,
    HelpOut,
    IntentionIn,
    IntentionOut,
    ItemsOut,
    SharedIn,
)
from nearer.web.api.routes import ERRORS
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["where we stand"])


@router.get("/pairs/{pair_id}/check-ins/items")
def check_in_items(request: Request, pair_id: str, viewer: ApiViewer) -> ItemsOut:
    """The check-in's areas and statements, worded for this pair, and the answer scale."""
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        others = pairs.other_members(pair, me)
        name = others[0].name if others else f"your {pairs.OTHER_PERSON_WORD[pair.kind]}"
        return ItemsOut.of(items(), pair.kind, name, checkins.SCALE)


@router.post("/pairs/{pair_id}/check-ins", status_code=201)
def take_check_in(request: Request, pair_id: str, body: CheckInIn, viewer: ApiViewer) -> CheckInOut:
    """Take a check-in: an answer from 1 to 5 for every statement. It is yours alone unless ``shared``."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        made = checkins.take(session, pair_id, me, body.answers, now=state.clock(), shared=body.shared)
        return CheckInOut.of(checkins.view(session, made, me))


@router.get("/pairs/{pair_id}/check-ins")
def list_check_ins(request: Request, pair_id: str, viewer: ApiViewer) -> list[CheckInOut]:
    """Your check-ins and those the other person shared, newest first."""
    with app_state(request).database.session() as session:
        return [CheckInOut.of(view) for view in checkins.visible(session, pair_id, viewer.load(session))]


@router.get("/pairs/{pair_id}/check-ins/comparison")
def comparison(request: Request, pair_id: str, viewer: ApiViewer) -> ComparisonOut:
    """Each person's latest shared check-in side by side, once both have shared one."""
    with app_state(request).database.session() as session:
        return ComparisonOut.of(checkins.compare(session, pair_id, viewer.load(session)), checkins.MARGIN)


@router.get("/check-ins/{check_in_id}")
def get_check_in(request: Request, check_in_id: str, viewer: ApiViewer) -> CheckInOut:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        return CheckInOut.of(checkins.view(session, checkins.check_in_for(session, check_in_id, me), me))


@router.put("/check-ins/{check_in_id}/shared")
def share_check_in(request: Request, check_in_id: str, body: SharedIn, viewer: ApiViewer) -> CheckInOut:
    """Share your check-in with the pair (its scores by area, not the answers), or stop sharing it."""
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        found = checkins.share(session, check_in_id, me, now=state.clock(), shared=body.shared)
        return CheckInOut.of(checkins.view(session, found, me))


@router.delete("/check-ins/{check_in_id}", status_code=204)
def delete_check_in(request: Request, check_in_id: str, viewer: ApiViewer) -> Response:
    with app_state(request).database.session() as session:
        checkins.delete(session, check_in_id, viewer.load(session))
    return Response(status_code=204)


@router.get("/pairs/{pair_id}/intention")
def get_intention(request: Request, pair_id: str, viewer: ApiViewer) -> IntentionOut:
    """Your own intention for this relationship (null text if you haven't written one)."""
    with app_state(request).database.session() as session:
        found = intentions.intention_for(session, pair_id, viewer.load(session))
        return IntentionOut(text=found.text if found else None, updated_at=found.updated_at if found else None)


@router.put("/pairs/{pair_id}/intention")
def put_intention(request: Request, pair_id: str, body: IntentionIn, viewer: ApiViewer) -> IntentionOut:
    state = app_state(request)
    with state.database.session() as session:
        found = intentions.set_intention(session, pair_id, viewer.load(session), body.text, now=state.clock())
        return IntentionOut(text=found.text, updated_at=found.updated_at)


@router.delete("/pairs/{pair_id}/intention", status_code=204)
def delete_intention(request: Request, pair_id: str, viewer: ApiViewer) -> Response:
    with app_state(request).database.session() as session:
        intentions.remove_intention(session, pair_id, viewer.load(session))
    return Response(status_code=204)


@router.get("/pairs/{pair_id}/help")
def get_help(request: Request, pair_id: str, viewer: ApiViewer) -> HelpOut:
    """Whether professional help is suggested to you now, why, and what it is like and how to find it."""
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        advice = seeking_help.advice_for(session, pair.id, me)
        return HelpOut.of(advice, seeking_help.HELP_WORDS[pair.kind], CRISIS_RESOURCES)
