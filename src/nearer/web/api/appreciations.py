"""The /api/v1 routes for appreciation notes: write, list (which marks yours seen), read one, delete your own,
how often each of you writes, and where it has been a while.

A pair's notes are seen by both of its people and by nobody else: to anyone else every route answers 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nearer.practice import appreciation
from nearer.web.api.appreciation_schemas import AppreciationIn, AppreciationOut, RhythmOut, SuggestionOut
from nearer.web.api.routes import ERRORS
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["practice"])


@router.post("/pairs/{pair_id}/appreciations", status_code=201)
def write(request: Request, pair_id: str, body: AppreciationIn, viewer: ApiViewer) -> AppreciationOut:
    """Write an appreciation to the other person: what they did, and what it meant to you. Takes both of you."""
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        note = appreciation.write(session, pair_id, me, text=body.text, because=body.because, now=now)
        return AppreciationOut.of(appreciation.read_note(session, note.id, me, now=now))


@router.get("/pairs/{pair_id}/appreciations")
def list_notes(request: Request, pair_id: str, viewer: ApiViewer) -> list[AppreciationOut]:
    """Every note of the pair, newest first. Those written to you that you hadn't seen say ``new`` once."""
    state = app_state(request)
    with state.database.session() as session:
        notes = appreciation.read_notes(session, pair_id, viewer.load(session), now=state.clock())
    return [AppreciationOut.of(note) for note in notes]


@router.get("/pairs/{pair_id}/appreciations/rhythm")
def rhythm(request: Request, pair_id: str, viewer: ApiViewer) -> RhythmOut:
    """How often each of you writes: the last 30 days, overall, and per week. Marks nothing seen."""
    state = app_state(request)
    with state.database.session() as session:
        return RhythmOut.of(appreciation.rhythm(session, pair_id, viewer.load(session), now=state.clock()))


@router.get("/appreciations/{note_id}")
def read_note(request: Request, note_id: str, viewer: ApiViewer) -> AppreciationOut:
    """One note, for either of the pair; if it was written to you, it is now seen."""
    state = app_state(request)
    with state.database.session() as session:
        return AppreciationOut.of(appreciation.read_note(session, note_id, viewer.load(session), now=state.clock()))


@router.delete("/appreciations/{note_id}", status_code=204)
def delete(request: Request, note_id: str, viewer: ApiViewer) -> Response:
    """Delete a note you wrote. The other person's notes are theirs: 404."""
    with app_state(request).database.session() as session:
        appreciation.delete(session, note_id, viewer.load(session))
    return Response(status_code=204)


@router.get("/me/appreciation-suggestions")
def suggestions(request: Request, viewer: ApiViewer) -> list[SuggestionOut]:
    """Your pairs where you haven't written an appreciation for a week or more, or ever."""
    state = app_state(request)
    with state.database.session() as session:
        found = appreciation.suggestions(session, viewer.load(session), now=state.clock())
    return [SuggestionOut.of(s) for s in found]
