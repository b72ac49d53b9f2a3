"""Check-ins, intentions and help over HTTP: an unshared check-in is 404 to the partner and to a stranger by
every page and API route and left out of all they see; an intention is its writer's alone; bad input gets a
clear 4xx; the help advice shows crisis resources first where safety was seen."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from nearer.practice.checkin_items import items
from nearer.store.database import Database
from nearer.store.models import SavedReport
from nearer.support import CRISIS_RESOURCES
from tests.conftest import ApiPair, MovableClock, api_pair, browser_sign_up, csrf_token, submit
from tests.web.test_questions import sign_in_as_pair


def answers(value: int) -> dict[str, int]:
    """Every statement answered ``value`` as a sign of closeness (reverse-scored ones the other way round)."""
    return {item.id: 6 - value if item.reverse else value for item in items().items}


def take(client: TestClient, pair: ApiPair, who: str = "first", value: int = 3, shared: bool = False) -> str:
    person = getattr(pair, who)
    made = client.post(
        f"/api/v1/pairs/{pair.id}/check-ins", json={"answers": answers(value), "shared": shared}, headers=person.auth
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_a_check_in_over_the_api(client: TestClient) -> None:
    pair = api_pair(client, "friends")
    listed = client.get(f"/api/v1/pairs/{pair.id}/check-ins/items", headers=pair.first.auth).json()
    assert len(listed["items"]) == len(items().items) and listed["scale"]["1"] == "Not at all"
    assert any("Bo" in item["text"] for item in listed["items"])
    made = client.post(f"/api/v1/pairs/{pair.id}/check-ins", json={"answers": answers(2)}, headers=pair.first.auth)
    body = made.json()
    assert made.status_code == 201 and body["overall"] == 25 and body["low"] and body["shared_at"] is None
    assert body["answers"] == answers(2) and {s["area"] for s in body["scores"]} >= {"open", "close"}
    assert client.get(f"/api/v1/check-ins/{body['id']}", headers=pair.first.auth).json()["overall"] == 25

    not_yet = client.get(f"/api/v1/pairs/{pair.id}/check-ins/comparison", headers=pair.first.auth).json()
    assert not_yet["ready"] is False and not_yet["mine"] is None
    shared = client.put(f"/api/v1/check-ins/{body['id']}/shared", json={"shared": True}, headers=pair.first.auth)
    assert shared.status_code == 200 and shared.json()["shared_at"]
    take(client, pair, "second", value=4, shared=True)
    both = client.get(f"/api/v1/pairs/{pair.id}/check-ins/comparison", headers=pair.second.auth).json()
    assert both["ready"] and both["mine"]["name"] == "Bo" and both["theirs"]["answers"] is None
    assert set(both["differing"]) == {a.id for a in items().areas} and both["margin"] == 30
    seen = client.get(f"/api/v1/check-ins/{body['id']}", headers=pair.second.auth).json()
    assert seen["overall"] == 25 and seen["answers"] is None and seen["mine"] is False

    assert client.delete(f"/api/v1/check-ins/{body['id']}", headers=pair.first.auth).status_code == 204
    assert client.get(f"/api/v1/check-ins/{body['id']}", headers=pair.first.auth).status_code == 404
    assert [c["name"] for c in client.get(f"/api/v1/pairs/{pair.id}/check-ins", headers=pair.first.auth).json()] == [
        "Bo"
    ]


def test_an_unshared_check_in_is_404_to_the_partner_and_a_stranger_on_every_api_route(client: TestClient) -> None:
    pair = api_pair(client)
    private = take(client, pair, value=1)
    take(client, pair, "second", value=4, shared=True)
    missing = client.get("/api/v1/check-ins/no-such-check-in", headers=pair.second.auth).json()
    for someone in (pair.second, pair.stranger):
        for method, route, body in (
            ("GET", f"/api/v1/check-ins/{private}", None),
            ("PUT", f"/api/v1/check-ins/{private}/shared", {"shared": True}),
            ("PUT", f"/api/v1/check-ins/{private}/shared", {"shared": False}),
            ("DELETE", f"/api/v1/check-ins/{private}", None),
        ):
            answered = client.request(method, route, json=body, headers=someone.auth)
            assert answered.status_code == 404, (someone.email, method, route)
            assert answered.json() == missing, "it reads exactly as a check-in that doesn't exist"
    for route in (f"/api/v1/pairs/{pair.id}/check-ins", f"/api/v1/pairs/{pair.id}/check-ins/comparison",
                  f"/api/v1/pairs/{pair.id}/help"):  # fmt: skip
        seen = client.get(route, headers=pair.second.auth)
        assert seen.status_code == 200 and private not in seen.text, route
        assert client.get(route, headers=pair.stranger.auth).status_code == 404, route
    assert (
        client.get(f"/api/v1/pairs/{pair.id}/check-ins/comparison", headers=pair.second.auth).json()["ready"] is False
    )
    for method, route, body in (
        ("POST", f"/api/v1/pairs/{pair.id}/check-ins", {"answers": answers(3)}),
        ("GET", f"/api/v1/pairs/{pair.id}/check-ins/items", None),
        ("GET", f"/api/v1/pairs/{pair.id}/intention", None),
        ("PUT", f"/api/v1/pairs/{pair.id}/intention", {"text": "mine now"}),
        ("DELETE", f"/api/v1/pairs/{pair.id}/intention", None),
    ):
        assert client.request(method, route, json=body, headers=pair.stranger.auth).status_code == 404, route
    assert client.get(f"/api/v1/check-ins/{private}", headers=pair.first.auth).json()["overall"] == 0


def test_an_unshared_check_in_is_404_to_the_partner_and_a_stranger_on_every_page(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    bo, eve = new_client(), new_client()
    pair_url = sign_in_as_pair(client, bo)
    browser_sign_up(eve, "Eve")
    taken = submit(client, f"{pair_url}/check-ins/new", f"{pair_url}/check-ins",
                   {k: str(v) for k, v in answers(1).items()}, follow_redirects=False)  # fmt: skip
    assert taken.status_code == 303, taken.text
    result = taken.headers["location"].split("?")[0]
    check_in_id = result.rsplit("/", 1)[1]
    assert client.get(result).status_code == 200
    for someone in (bo, eve):
        token = csrf_token(someone)
        page = someone.get(result)
        assert page.status_code == 404 and "Ada" not in page.text
        for action in ("share", "delete"):
            posted = someone.post(f"{result}/{action}", data={"csrf_token": token, "shared": "yes"},
                                  follow_redirects=False)  # fmt: skip
            assert posted.status_code == 404, action
    overview = bo.get(f"{pair_url}/check-ins")
    assert overview.status_code == 200 and check_in_id not in overview.text
    for path in ("check-ins", "check-ins/new", "intention", "help"):
        assert eve.get(f"{pair_url}/{path}").status_code == 404, path
    assert client.get(result).status_code == 200, "the taker still has it"


def test_bad_input_gets_a_clear_message(client: TestClient) -> None:
    pair = api_pair(client)
    route = f"/api/v1/pairs/{pair.id}/check-ins"
    for body, status, words in (
        ({}, 422, "'answers' is required"),
        ({"answers": "all fives"}, 422, ""),
        ({"answers": {**answers(3), "open-1": 9}}, 422, "from 1 (not at all) to 5"),
        ({"answers": {"open-1": 3}}, 422, "statements are still unanswered"),
        ({"answers": {**answers(3), "nonsense": 3}}, 422, "aren't statements"),
    ):
        answered = client.post(route, json=body, headers=pair.first.auth)
        assert answered.status_code == status and words in answered.json()["error"]["message"], answered.text
    assert (
        client.put(f"/api/v1/pairs/{pair.id}/intention", json={"text": " "}, headers=pair.first.auth).status_code == 422
    )
    long = client.put(f"/api/v1/pairs/{pair.id}/intention", json={"text": "x" * 2000}, headers=pair.first.auth)
    assert long.status_code == 422 and "keep it under" in long.json()["error"]["message"]

    alone = client.post("/api/v1/pairs", json={"kind": "family"}, headers=pair.stranger.auth).json()["id"]
    lonely = client.post(f"/api/v1/pairs/{alone}/check-ins", json={"answers": answers(3), "shared": True},
                         headers=pair.stranger.auth)  # fmt: skip
    assert lonely.status_code == 409 and "Invite your family member" in lonely.json()["error"]["message"]


def test_a_half_answered_form_comes_back_with_what_was_chosen(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair_url = sign_in_as_pair(client, new_client())
    some = {k: "4" for k in list(answers(4))[:5]}
    answered = submit(client, f"{pair_url}/check-ins/new", f"{pair_url}/check-ins", some)
    assert answered.status_code == 422 and "still unanswered" in answered.text
    assert answered.text.count("checked") == 5 and answered.text.count("Not answered yet.") == len(items().items) - 5


def test_an_intention_is_private_to_its_writer(client: TestClient) -> None:
    pair = api_pair(client)
    route = f"/api/v1/pairs/{pair.id}/intention"
    written = client.put(route, json={"text": "To listen before I answer."}, headers=pair.first.auth)
    assert written.status_code == 200 and written.json()["text"] == "To listen before I answer."
    assert client.get(route, headers=pair.first.auth).json()["text"] == "To listen before I answer."
    assert client.get(route, headers=pair.second.auth).json() == {"text": None, "updated_at": None}
    assert client.get(route, headers=pair.stranger.auth).status_code == 404
    assert client.delete(route, headers=pair.second.auth).status_code == 204  # removes only Bo's (none)
    assert client.get(route, headers=pair.first.auth).json()["text"] == "To listen before I answer."


def test_an_intention_page_is_its_writers_alone(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    ada, bo = client, new_client()
    pair_url = sign_in_as_pair(ada, bo)
    saved = submit(ada, f"{pair_url}/intention", f"{pair_url}/intention", {"text": "Ask Bo more questions."},
                   follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    assert "Ask Bo more questions." in ada.get(f"{pair_url}/intention").text
    assert "Ask Bo more questions." not in bo.get(f"{pair_url}/intention").text
    assert "Ask Bo more questions." not in bo.get(f"{pair_url}/check-ins").text
    empty = submit(ada, f"{pair_url}/intention", f"{pair_url}/intention", {"text": "  "})
    assert empty.status_code == 422 and "a few words" in empty.text


def test_a_low_check_in_shows_the_intention_and_help_after_months(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    pair_url = sign_in_as_pair(client, new_client())
    submit(client, f"{pair_url}/intention", f"{pair_url}/intention", {"text": "Stay soft when things are hard."})
    clock.advance(timedelta(days=-56))  # three monthly check-ins, the last today, within the session's lifetime
    for month in range(3):
        taken = submit(client, f"{pair_url}/check-ins/new", f"{pair_url}/check-ins",
                       {k: str(v) for k, v in answers(2).items()}, follow_redirects=False)  # fmt: skip
        assert taken.status_code == 303
        clock.advance(timedelta(days=28 if month < 2 else 1))
    page = client.get(taken.headers["location"])
    assert "Stay soft when things are hard." in page.text and "That was a hard check-in." in page.text
    assert "Talking to someone could help" in page.text and "stayed low" in page.text
    assert '<svg viewBox="0 0 300' in page.text and 'role="img"' in page.text and "<table>" in page.text
    overview = client.get(f"{pair_url}/check-ins").text
    assert "Stay soft when things are hard." in overview and overview.count('class="trend"') == len(items().areas) + 1
    help_page = client.get(f"{pair_url}/help").text
    assert "stayed low" in help_page and "couples counsellor" in help_page
    assert help_page.index("What we noticed") < help_page.index("If anyone is in danger")


def test_safety_in_a_report_puts_crisis_resources_first(
    client: TestClient, database: Database, clock: MovableClock
) -> None:
    pair = api_pair(client)
    route = f"/api/v1/pairs/{pair.id}/help"
    calm = client.get(route, headers=pair.first.auth).json()
    assert calm["needed"] is False and calm["crisis_first"] is False and calm["how_to_find"]
    with database.session() as s:
        s.add(SavedReport(pair_id=pair.id, owner_id=pair.first.id, source_name="chat.txt", created_at=clock.now,
                          summary=json.dumps({"acts": {"Ada": {"safety": 1}}}), page=""))  # fmt: skip
    told = client.get(route, headers=pair.first.auth).json()
    assert told["needed"] and told["crisis_first"] and told["reasons"][0]["key"] == "safety"
    assert told["crisis_resources"] == list(CRISIS_RESOURCES)
    assert client.get(route, headers=pair.second.auth).json()["needed"] is False  # Ada's report is Ada's


def test_when_to_get_help_is_open_to_anyone(client: TestClient) -> None:
    page = client.get("/help")
    assert page.status_code == 200 and "When to get help" in page.text
    assert re.search(r"988", page.text) and "http" not in page.text.split("<main", 1)[1].split("</main>")[0]


def test_a_check_in_sent_back_for_a_missing_answer_keeps_the_choice_to_share(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    other = new_client()
    pair_url = sign_in_as_pair(client, other)
    every = items().items
    answers = {item.id: "3" for item in every[1:]}  # one statement left unanswered
    sent = client.post(f"{pair_url}/check-ins", data={**answers, "share": "yes", "csrf_token": csrf_token(client)})
    assert sent.status_code == 422
    assert re.search(r'<input type="checkbox" name="share" value="yes" checked>', sent.text)
