"""Check-ins on the signs of closeness: take one, see your scores over time, compare once both have shared;
your intention, shown back at hard moments; and when to get help."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from nearer.errors import Conflict, InvalidInput
from nearer.people import pairs
from nearer.practice import checkins, intentions, seeking_help
from nearer.practice.checkin_items import items
from nearer.store.models import Pair, Person
from nearer.support import CRISIS_RESOURCES
from nearer.web.auth import MaybePageViewer, PageViewer, Viewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.pages.checkin_charts import area_chart, trend_charts
from nearer.web.state import app_state
from nearer.web.templating import render

router = APIRouter()

# Shown after a redirect, chosen by key so a link can't put words on the page.
DONE = {
    "taken": "Your check-in is saved. Only you can see it unless you share it.",
    "taken-shared": "Your check-in is saved and shared with {name}.",
    "shared": "You've shared this check-in with {name}.",
    "unshared": "This check-in is yours alone again.",
    "deleted": "That check-in is deleted.",
    "intention-saved": "Your intention is saved. Only you will see it.",
    "intention-removed": "Your intention is removed.",
}
INTRO = {
    "partners": "A few minutes on your own with how things feel between you and {name} lately.",
    "friends": "A few minutes on your own with how your friendship with {name} feels lately.",
    "family": "A few minutes on your own with how things feel between you and {name} lately.",
}
INTENTION_EXAMPLES = {
    "partners": "I want to be someone {name} can tell anything to, and to stay curious about them.",
    "friends": "I want to be the friend who asks how {name} really is, and listens to the answer.",
    "family": "I want {name} to feel heard by me, even when we see things differently.",
}


def pair_words(pair: Pair, me: Person) -> dict[str, Any]:
    word = pairs.OTHER_PERSON_WORD[pair.kind]
    others = pairs.other_members(pair, me)
    return {
        "id": pair.id, "kind": pair.kind, "other_word": word, "complete": pairs.is_complete(pair),
        "other_name": others[0].name if others else f"your {word}",
    }  # fmt: skip


def done_words(request: Request, name: str) -> str:
    return DONE.get(request.query_params.get("done", ""), "").format(name=name)


@router.get("/pairs/{pair_id}/check-ins")
def overview(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        words = pair_words(pair, me)
        seen = checkins.visible(session, pair.id, me)
        mine = [v for v in seen if v.mine]
        comparison = checkins.compare(session, pair.id, me)
        context: dict[str, Any] = {
            "pair": words,
            "intro": INTRO[pair.kind].format(name=words["other_name"]),
            "check_ins": seen,
            "due": checkins.is_due(session, pair.id, me, now),
            "next_due": mine[0].taken_at + checkins.EVERY if mine else None,
            "comparison": comparison,
            "advice": seeking_help.advice_for(session, pair.id, me),
            "reminder": intentions.moment_to_remind(session, pair.id, me, now=now),
            "has_intention": intentions.intention_for(session, pair.id, me) is not None,
        }
    if comparison is not None:
        context["compare_chart"] = area_chart(
            [("You", "me", comparison.mine.scores), (comparison.theirs.name, "them", comparison.theirs.scores)]
        )
    context["trends"] = trend_charts(seen, words["other_name"])
    return render(
        request, "checkins.html", viewer={"name": viewer.name}, done=done_words(request, words["other_name"]),
        margin=checkins.MARGIN, crisis=CRISIS_RESOURCES, **context,
    )  # fmt: skip


def render_take(request: Request, viewer: Viewer, pair_id: str, status_code: int = 200, **extra: object) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        words = pair_words(pair, me)
    found = items()
    areas = [
        (area, [(item, item.wording(pair.kind, words["other_name"])) for item in found.in_area(area.id)])
        for area in found.areas
    ]
    extra.setdefault("chosen", {})
    return render(
        request, "checkin_take.html", status_code, viewer={"name": viewer.name}, pair=words, areas=areas,
        scale=checkins.SCALE, **extra,
    )  # fmt: skip


@router.get("/pairs/{pair_id}/check-ins/new")
def take_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_take(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/check-ins")
def take(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    chosen = {item.id: form_text(form, item.id) for item in items().items if form_text(form, item.id)}
    shared = form_text(form, "share") == "yes"
    try:
        with state.database.session() as session:
            made = checkins.take(session, pair_id, viewer.load(session), chosen, now=state.clock(), shared=shared)
            made_id = made.id
    except (InvalidInput, Conflict) as exc:
        status = 422 if isinstance(exc, InvalidInput) else 409
        return render_take(request, viewer, pair_id, status, errors={"form": exc.message}, chosen=chosen, shared=shared)
    return RedirectResponse(f"/check-ins/{made_id}?done={'taken-shared' if shared else 'taken'}", status_code=303)


@router.get("/check-ins/{check_in_id}")
def result(request: Request, check_in_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    now = state.clock()
    with state.database.session() as session:
        me = viewer.load(session)
        found = checkins.check_in_for(session, check_in_id, me)
        pair = pairs.pair_for_member(session, found.pair_id, me)
        words = pair_words(pair, me)
        shown = checkins.view(session, found, me)
        context: dict[str, Any] = {"pair": words, "check_in": shown}
        if shown.mine:
            intention = intentions.intention_for(session, pair.id, me)
            context["intention"] = intention.text if intention else None
            context["advice"] = seeking_help.advice_for(session, pair.id, me)
            context["recent"] = now - shown.taken_at <= intentions.RECENT
            context["answers"] = [
                (item.wording(pair.kind, words["other_name"]), checkins.SCALE[(shown.answers or {})[item.id]])
                for item in items().items
                if item.id in (shown.answers or {})
            ]
        context["compared"] = checkins.compare(session, pair.id, me) is not None
    who = "You" if shown.mine else shown.name
    chart = area_chart([(who, "me" if shown.mine else "them", shown.scores)])
    return render(
        request, "checkin.html", viewer={"name": viewer.name}, chart=chart, crisis=CRISIS_RESOURCES,
        done=done_words(request, words["other_name"]), **context,
    )  # fmt: skip


@router.post("/check-ins/{check_in_id}/share")
def share(request: Request, check_in_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    on = form_text(form, "shared") == "yes"
    with state.database.session() as session:
        checkins.share(session, check_in_id, viewer.load(session), now=state.clock(), shared=on)
    return RedirectResponse(f"/check-ins/{check_in_id}?done={'shared' if on else 'unshared'}", status_code=303)


@router.post("/check-ins/{check_in_id}/delete")
def delete(request: Request, check_in_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        pair_id = checkins.delete(session, check_in_id, viewer.load(session))
    return RedirectResponse(f"/pairs/{pair_id}/check-ins?done=deleted", status_code=303)


def render_intention(
    request: Request, viewer: Viewer, pair_id: str, status_code: int = 200, **extra: object
) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        words = pair_words(pair, me)
        found = intentions.intention_for(session, pair.id, me)
        saved = {"text": found.text, "updated_at": found.updated_at} if found else None
    extra.setdefault("typed", saved["text"] if saved else "")
    return render(
        request, "intention.html", status_code, viewer={"name": viewer.name}, pair=words, saved=saved,
        example=INTENTION_EXAMPLES[pair.kind].format(name=words["other_name"]), most=intentions.MOST_CHARACTERS,
        done=done_words(request, words["other_name"]), **extra,
    )  # fmt: skip


@router.get("/pairs/{pair_id}/intention")
def intention_page(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    return render_intention(request, viewer, pair_id)


@router.post("/pairs/{pair_id}/intention")
def write_intention(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    text = form_text(form, "text")
    try:
        with state.database.session() as session:
            intentions.set_intention(session, pair_id, viewer.load(session), text, now=state.clock())
    except InvalidInput as exc:
        return render_intention(request, viewer, pair_id, 422, errors={"text": exc.message}, typed=text)
    return RedirectResponse(f"/pairs/{pair_id}/intention?done=intention-saved", status_code=303)


@router.post("/pairs/{pair_id}/intention/delete")
def remove_intention(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    with app_state(request).database.session() as session:
        intentions.remove_intention(session, pair_id, viewer.load(session))
    return RedirectResponse(f"/pairs/{pair_id}/intention?done=intention-removed", status_code=303)


@router.get("/pairs/{pair_id}/help")
def pair_help(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        pair = pairs.pair_for_member(session, pair_id, me)
        words = pair_words(pair, me)
        advice = seeking_help.advice_for(session, pair.id, me)
    return render(
        request, "help.html", viewer={"name": viewer.name}, pair=words, advice=advice, crisis=CRISIS_RESOURCES,
        help=seeking_help.HELP_WORDS[pair.kind],
    )  # fmt: skip


@router.get("/help")
def general_help(request: Request, viewer: MaybePageViewer) -> Response:
    """When to get help, for anyone: it holds nothing of anyone's, so it needs no sign-in."""
    return render(
        request, "help.html", viewer={"name": viewer.name} if viewer else None, pair=None, advice=None,
        crisis=CRISIS_RESOURCES, help=seeking_help.HELP_WORDS["partners"],
    )  # fmt: skip
