"""The /api/v1 routes for the private journal and the coach box.

A journal entry and a kept draft are their writer's alone: anyone else, the other person of a pair
included, gets 404 on them. Coaching a draft stores nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from nearer.practice import coach_box, journal
from nearer.web.api.journal_schemas import (
    CoachIn,
    CoachOut,
    DraftIn,
    DraftOut,
    EntryEditIn,
    EntryIn,
    EntryOut,
    PromptOut,
)
from nearer.web.api.routes import ERRORS
from nearer.web.api.schemas import IdOut
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["where we stand"])


# Before /journal/{entry_id}, or "prompts" would be read as an entry's id.
@router.get("/journal/prompts")
def list_prompts() -> list[PromptOut]:
    """The journal's prompts on trust (no sign-in needed: they hold nothing of anyone's)."""
    return [PromptOut.of(p) for p in journal.prompts()]


@router.get("/journal/prompts/today")
def todays_prompt(request: Request, viewer: ApiViewer) -> PromptOut:
    """Your prompt of the day: the same all day, one you haven't written on while there are any."""
    state = app_state(request)
    with state.database.session() as session:
        return PromptOut.of(journal.prompt_of_the_day(session, viewer.load(session), now=state.clock()))


@router.post("/journal", status_code=201)
def write_entry(request: Request, body: EntryIn, viewer: ApiViewer) -> IdOut:
    """Write a journal entry. Only you will ever be able to read it."""
    state = app_state(request)
    with state.database.session() as session:
        entry = journal.write(session, viewer.load(session), body.text, now=state.clock(), prompt_id=body.prompt_id)
        return IdOut(id=entry.id)


@router.get("/journal")
def list_entries(request: Request, viewer: ApiViewer) -> list[EntryOut]:
    """Your own journal entries, newest first."""
    with app_state(request).database.session() as session:
        return [EntryOut.of(entry) for entry in journal.entries(session, viewer.load(session))]


@router.get("/journal/{entry_id}")
def get_entry(request: Request, entry_id: str, viewer: ApiViewer) -> EntryOut:
    """One of your entries; 404 for anyone but its writer."""
    with app_state(request).database.session() as session:
        return EntryOut.of(journal.entry_for(session, entry_id, viewer.load(session)))


@router.put("/journal/{entry_id}")
def edit_entry(request: Request, entry_id: str, body: EntryEditIn, viewer: ApiViewer) -> EntryOut:
    state = app_state(request)
    with state.database.session() as session:
        return EntryOut.of(journal.edit(session, entry_id, viewer.load(session), body.text, now=state.clock()))


@router.delete("/journal/{entry_id}", status_code=204)
def delete_entry(request: Request, entry_id: str, viewer: ApiViewer) -> Response:
    with app_state(request).database.session() as session:
        journal.delete(session, entry_id, viewer.load(session))
    return Response(status_code=204)


@router.post("/coach")
def coach(body: CoachIn, viewer: ApiViewer) -> CoachOut:
    """How a draft reply might land, and kinder ways to say it. Nothing you send here is stored."""
    return CoachOut.of(coach_box.coach_reply(body.their_message, body.draft))


@router.post("/coach/drafts", status_code=201)
def keep_draft(request: Request, body: DraftIn, viewer: ApiViewer) -> IdOut:
    """Keep a draft (and the message it answers) for yourself; nobody else can read it."""
    state = app_state(request)
    with state.database.session() as session:
        kept = coach_box.keep(
            session, viewer.load(session), their_message=body.their_message, draft=body.draft, now=state.clock(),
            pair_id=body.pair_id or None,
        )  # fmt: skip
        return IdOut(id=kept.id)


@router.get("/coach/drafts")
def list_drafts(
    request: Request,
    viewer: ApiViewer,
    pair_id: Annotated[str | None, Query(max_length=64, description="Only the drafts for one of your pairs.")] = None,
) -> list[DraftOut]:
    """Your own kept drafts, newest first."""
    with app_state(request).database.session() as session:
        return [DraftOut.of(d) for d in coach_box.drafts(session, viewer.load(session), pair_id=pair_id or None)]


@router.get("/coach/drafts/{draft_id}")
def get_draft(request: Request, draft_id: str, viewer: ApiViewer) -> DraftOut:
    with app_state(request).database.session() as session:
        return DraftOut.of(coach_box.draft_for(session, draft_id, viewer.load(session)))


@router.delete("/coach/drafts/{draft_id}", status_code=204)
def delete_draft(request: Request, draft_id: str, viewer: ApiViewer) -> Response:
    with app_state(request).database.session() as session:
        coach_box.delete_draft(session, draft_id, viewer.load(session))
    return Response(status_code=204)
