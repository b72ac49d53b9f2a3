"""The home page (your pairs, start one, join one) and the neutral quick-exit page."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import InvalidInput
from nearer.people import pairs
from nearer.people.rules import PAIR_KINDS
from nearer.practice import appreciation
from nearer.store.models import Person
from nearer.web.auth import MaybePageViewer, PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.state import app_state
from nearer.web.templating import render, sign_in_url

router = APIRouter()


def pair_summaries(request: Request, viewer_id: str) -> list[dict[str, object]]:
    state = app_state(request)
    with state.database.session() as session:
        person = session.get(Person, viewer_id)
        if person is None:
            return []
        return [
            {
                "id": pair.id,
                "kind": pair.kind,
                "others": [p.name for p in pairs.other_members(pair, person)],
                "other_word": pairs.OTHER_PERSON_WORD[pair.kind],
            }
            for pair in pairs.pairs_of(session, person)
        ]


def appreciation_nudges(request: Request, viewer_id: str) -> dict[str, object]:
    """Where it has been a while since the person wrote an appreciation, and where one is waiting for them."""
    state = app_state(request)
    with state.database.session() as session:
        person = session.get(Person, viewer_id)
        if person is None:
            return {"suggestions": [], "unseen": {}}
        return {
            "suggestions": appreciation.suggestions(session, person, now=state.clock()),
            "unseen": appreciation.unseen_counts(session, person),
        }


def render_home(
    request: Request, viewer_id: str, viewer_name: str, status_code: int = 200, **extra: object
) -> Response:
    return render(
        request,
        "home.html",
        status_code,
        viewer={"name": viewer_name},
        pairs=pair_summaries(request, viewer_id),
        kinds=PAIR_KINDS,
        appreciations=appreciation_nudges(request, viewer_id),
        **extra,
    )


@router.get("/")
def home(request: Request, viewer: MaybePageViewer) -> Response:
    if viewer is None:
        return RedirectResponse(sign_in_url("/"), status_code=303)
    return render_home(request, viewer.person_id, viewer.name)


@router.post("/pairs")
def start_pair(request: Request, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    try:
        with state.database.session() as session:
            pair = pairs.create_pair(session, viewer.load(session), kind=form_text(form, "kind"), now=state.clock())
            pair_id = pair.id
    except InvalidInput as exc:
        return render_home(request, viewer.person_id, viewer.name, 422, errors={"kind": exc.message})
    return RedirectResponse(f"/pairs/{pair_id}", status_code=303)


@router.get("/away")
def away(request: Request) -> Response:
    """A plain page with nothing about nearer on it, for the quick-exit control."""
    return render(request, "away.html")
