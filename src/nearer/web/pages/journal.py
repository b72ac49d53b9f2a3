"""The private journal: write with a prompt on trust (or without one), read back, change or delete.
Every page here shows the signed-in person's own entries only; anyone else's entry is a 404."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import InvalidInput
from nearer.practice import journal
from nearer.practice.journal import Prompt
from nearer.store.models import JournalEntry
from nearer.web.auth import PageViewer, Viewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {
    "kept": "Kept in your journal. Only you can read it.",
    "saved": "Your changes are saved.",
    "deleted": "That entry is deleted.",
}
EXCERPT = 280


def excerpt(text: str) -> str:
    """The start of an entry for the list, cut at a word."""
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def _entry_view(entry: JournalEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "prompt": journal.prompt_of(entry),
        "text": entry.text,
        "excerpt": excerpt(entry.text),
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "edited": entry.updated_at > entry.created_at,
    }


def _chosen_prompt(asked: str | None, today: Prompt) -> Prompt | None:
    """The prompt the page was asked for ("none" for none); today's when it names none nearer has."""
    if asked == "none":
        return None
    return next((p for p in journal.prompts() if p.id == asked), today)


def render_journal(
    request: Request, viewer: Viewer, asked: str | None, status_code: int = 200, **extra: Any
) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        today = journal.prompt_of_the_day(session, me, now=state.clock())
        entries = [_entry_view(e) for e in journal.entries(session, me)]
    prompt = _chosen_prompt(asked, today)
    groups = [(journal.THEMES[theme], list(items)) for theme, items in groupby(journal.prompts(), lambda p: p.theme)]
    return render(
        request,
        "journal.html",
        status_code,
        viewer={"name": viewer.name},
        prompt=prompt,
        today=prompt == today,
        another=journal.following(prompt.id if prompt else today.id),
        groups=groups,
        entries=entries,
        done=DONE.get(request.query_params.get("done", ""), ""),
        **extra,
    )


@router.get("/journal")
def journal_page(request: Request, viewer: PageViewer) -> Response:
    return render_journal(request, viewer, request.query_params.get("prompt"))


@router.post("/journal")
def write(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    text, prompt_id = form_text(form, "text"), form_text(form, "prompt_id")
    try:
        with state.database.session() as session:
            journal.write(session, viewer.load(session), text, now=state.clock(), prompt_id=prompt_id or None)
    except InvalidInput as exc:
        errors = {"text" if exc.field == "text" else "form": exc.message}  # a bad prompt is the form's
        return render_journal(request, viewer, prompt_id or "none", 422, errors=errors, typed=text)
    return RedirectResponse("/journal?done=kept#entries", status_code=303)


def render_entry(request: Request, viewer: Viewer, entry_id: str, status_code: int = 200, **extra: Any) -> Response:
    with app_state(request).database.session() as session:
        entry = _entry_view(journal.entry_for(session, entry_id, viewer.load(session)))
    return render(
        request,
        "journal_entry.html",
        status_code,
        viewer={"name": viewer.name},
        entry=entry,
        done=DONE.get(request.query_params.get("done", ""), ""),
        **extra,
    )


@router.get("/journal/{entry_id}")
def entry_page(request: Request, entry_id: str, viewer: PageViewer) -> Response:
    return render_entry(request, viewer, entry_id)


@router.post("/journal/{entry_id}")
def edit(request: Request, entry_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    text = form_text(form, "text")
    try:
        with state.database.session() as session:
            journal.edit(session, entry_id, viewer.load(session), text, now=state.clock())
    except InvalidInput as exc:
        return render_entry(request, viewer, entry_id, 422, errors={exc.field or "form": exc.message}, typed=text)
    return RedirectResponse(f"/journal/{entry_id}?done=saved", status_code=303)


@router.post("/journal/{entry_id}/delete")
def delete(request: Request, entry_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        journal.delete(session, entry_id, viewer.load(session))
    return RedirectResponse("/journal?done=deleted#entries", status_code=303)
