"""Every private kind of thing, against every way in: the partner and a stranger get 404 on each route that
names it, HTML and API alike, find its words on none of the pages and lists they can open, and never get
it in their own data export. Its writer still has it.

The routes are read from the app's own routers, so a route added later for one of these kinds is checked
without anyone remembering to list it here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from nearer.web.app import API_ROUTERS, PAGE_ROUTERS
from tests.conftest import ApiPair, api_pair, csrf_token, signed_in

EXPORT = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"
# What each route is sent, where it needs a body to get as far as asking who may see the thing.
API_BODIES = {"PUT": {"shared": True, "text": "changed"}, "POST": {}}


@dataclass(frozen=True)
class Private:
    kind: str
    param: str  # the route parameter that names it
    id: str
    words: str  # what must show nowhere but to its writer
    owner_route: str  # where its writer still finds it


def every_route(param: str) -> Iterator[tuple[str, str, bool]]:
    """(method, path, is_api) for every route of the app with ``{param}`` in its path."""
    for routers, is_api in ((PAGE_ROUTERS, False), (API_ROUTERS, True)):
        for router in routers:
            for route in router.routes:
                if isinstance(route, APIRoute) and "{" + param + "}" in route.path:
                    for method in sorted(route.methods - {"HEAD"}):
                        yield method, route.path, is_api


@pytest.fixture
def made(client: TestClient) -> tuple[ApiPair, list[Private]]:
    """Ada makes one of each private kind in her pair with Bo."""
    pair = api_pair(client)
    ada = pair.first.auth
    entry = client.post("/api/v1/journal", json={"text": "journal words only Ada knows"}, headers=ada)
    items = client.get(f"/api/v1/pairs/{pair.id}/check-ins/items", headers=ada).json()["items"]
    answers = {item["id"]: 2 for item in items}
    check_in = client.post(f"/api/v1/pairs/{pair.id}/check-ins", json={"answers": answers}, headers=ada)
    rating = client.put(f"/api/v1/pairs/{pair.id}/closeness/today",
                        json={"need": 5, "feel": 1, "note": "rating note only Ada knows"}, headers=ada)  # fmt: skip
    draft = client.post("/api/v1/coach/drafts", headers=ada, json={
        "their_message": "you never call", "draft": "draft words only Ada knows", "pair_id": pair.id})  # fmt: skip
    report = client.post(f"/api/v1/pairs/{pair.id}/reports", headers=ada,
                         files={"export": ("only-ada-chat.txt", EXPORT.read_bytes(), "text/plain")})  # fmt: skip
    for answer in (entry, check_in, rating, draft, report):
        assert answer.status_code in (200, 201), answer.text
    check_in_id = check_in.json()["id"]
    return pair, [
        Private("journal entry", "entry_id", entry.json()["id"], "journal words only Ada knows", "/api/v1/journal"),
        Private("unshared check-in", "check_in_id", check_in_id, check_in_id, f"/api/v1/check-ins/{check_in_id}"),
        Private("coach draft", "draft_id", draft.json()["id"], "draft words only Ada knows", "/api/v1/coach/drafts"),
        Private(
            "unshared report", "report_id", report.json()["id"], "only-ada-chat.txt", f"/api/v1/pairs/{pair.id}/reports"
        ),
        # A rating's note has no route of its own: it must show on none of the pair's pages or lists.
        Private("rating note", "-", "-", "rating note only Ada knows", f"/api/v1/pairs/{pair.id}/closeness/today"),
    ]


def views_of(pair: ApiPair) -> list[str]:
    """Every page and list a member of the pair can open that could show any of these."""
    p = pair.id
    return [
        "/", f"/pairs/{p}", "/journal", f"/pairs/{p}/check-ins", f"/pairs/{p}/closeness", f"/pairs/{p}/coach",
        "/coach", f"/pairs/{p}/moments", f"/pairs/{p}/questions", "/account",
        "/api/v1/journal", f"/api/v1/pairs/{p}/check-ins", f"/api/v1/pairs/{p}/check-ins/comparison",
        f"/api/v1/pairs/{p}/closeness", f"/api/v1/pairs/{p}/closeness/mine", f"/api/v1/pairs/{p}/closeness/today",
        "/api/v1/coach/drafts", f"/api/v1/coach/drafts?pair_id={p}", f"/api/v1/pairs/{p}/reports",
        f"/api/v1/pairs/{p}/help", "/api/v1/me/export", "/account/export",
    ]  # fmt: skip


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_nobody_but_the_writer_reaches_a_private_thing(
    client: TestClient, new_client: Callable[[], TestClient], made: tuple[ApiPair, list[Private]], who: str
) -> None:
    pair, privates = made
    person = pair.second if who == "partner" else pair.stranger
    browser = signed_in(new_client, person)
    token = csrf_token(browser)
    checked = 0
    for private in privates:
        for method, path, is_api in every_route(private.param):
            url = path.replace("{" + private.param + "}", private.id)
            if is_api:
                answer = client.request(method, url, headers=person.auth, json=API_BODIES.get(method))
            else:
                data = {"csrf_token": token, "shared": "yes", "text": "changed"} if method == "POST" else None
                answer = browser.request(method, url, data=data, follow_redirects=False)
            assert answer.status_code == 404, (private.kind, who, method, url, answer.status_code, answer.text[:200])
            assert private.words not in answer.text
            checked += 1
    assert checked >= 20, "every private kind with an id has page and API routes"

    for url in views_of(pair):
        answer = client.get(url, headers=person.auth) if url.startswith("/api/") else browser.get(url)
        for private in privates:
            assert private.words not in answer.text, (private.kind, who, url)


def test_the_writer_still_has_every_one_of_them(client: TestClient, made: tuple[ApiPair, list[Private]]) -> None:
    pair, privates = made
    for private in privates:
        mine = client.get(private.owner_route, headers=pair.first.auth)
        assert mine.status_code == 200 and private.words in mine.text, private.kind
    export = client.get("/api/v1/me/export", headers=pair.first.auth).text
    for private in privates:
        if private.kind != "unshared report":  # a report is exported as its summary, under its own id
            assert private.words in export, private.kind


def test_a_shared_report_keeps_what_the_importer_noticed_and_who_its_maker_is_to_the_maker(
    client: TestClient,
) -> None:
    pair = api_pair(client)
    chat = EXPORT.read_bytes() + b"31/02/2024, 20:01 - Ren: money talk\n"
    made = client.post(f"/api/v1/pairs/{pair.id}/reports", headers=pair.first.auth, data={"me": "Ren"},
                       files={"export": ("ours.txt", chat, "text/plain")})  # fmt: skip
    assert made.status_code == 201, made.text
    report = made.json()["id"]
    client.put(f"/api/v1/reports/{report}/shared", json={"shared": True}, headers=pair.first.auth)
    mine = client.get(f"/api/v1/reports/{report}", headers=pair.first.auth).json()["summary"]
    assert mine["me"] == "Ren" and "money talk" in str(mine["unparsed"])
    theirs = client.get(f"/api/v1/reports/{report}", headers=pair.second.auth)
    assert theirs.status_code == 200 and "money talk" not in theirs.text
    assert {"me", "unparsed", "warnings"}.isdisjoint(theirs.json()["summary"])
    assert theirs.json()["summary"]["unparsed_lines"] == mine["unparsed_lines"] == 1
