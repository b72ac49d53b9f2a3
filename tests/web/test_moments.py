"""Moments of connection and planned time through the real app: the JSON API and the page, both people seeing
them, only a moment's writer deleting it, local times from the form, and a stranger who gets 404 everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import ApiPair, ApiPerson, MovableClock, api_pair, api_person, csrf_token, submit
from tests.web.test_closeness import signed_in

PARK = "The long way round the park"
WALK = {
    "happened_at": "2026-05-03T19:30:00+01:00",
    "activity": "walk",
    "place": "outdoors",
    "company": "just us",
    "devices_away": True,
    "note": PARK,
}


def log(client: TestClient, pair: ApiPair, who: ApiPerson, **change: object) -> str:
    made = client.post(f"/api/v1/pairs/{pair.id}/moments", json={**WALK, **change}, headers=who.auth)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def plan(client: TestClient, pair: ApiPair, who: ApiPerson, when: str = "2026-05-09T19:00:00+01:00") -> str:
    made = client.post(
        f"/api/v1/pairs/{pair.id}/plans", json={"planned_for": when, "what": "Dinner, phones off"}, headers=who.auth
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_moments_through_the_api(client: TestClient) -> None:
    choices = client.get("/api/v1/moment-choices").json()
    assert {"key": "walk", "label": "A walk"} in choices["activities"]
    assert [c["key"] for c in choices["company"]] == ["just us", "with others"]

    pair = api_pair(client)
    made = client.post(f"/api/v1/pairs/{pair.id}/moments", json=WALK, headers=pair.first.auth)
    assert made.status_code == 201
    body = made.json()
    assert body["happened_at"].startswith("2026-05-03T18:30:00") and body["activity_label"] == "A walk"
    assert (body["author_name"], body["mine"], body["devices_away"], body["note"]) == (
        "Ada", True, True, PARK
    )  # fmt: skip
    theirs = client.get(f"/api/v1/pairs/{pair.id}/moments", headers=pair.second.auth).json()
    assert [(m["id"], m["mine"], m["note"]) for m in theirs] == [(body["id"], False, PARK)], "both see it"
    assert client.get(f"/api/v1/moments/{body['id']}", headers=pair.second.auth).status_code == 200
    assert client.delete(f"/api/v1/moments/{body['id']}", headers=pair.second.auth).status_code == 404
    assert client.delete(f"/api/v1/moments/{body['id']}", headers=pair.first.auth).status_code == 204
    assert client.get(f"/api/v1/pairs/{pair.id}/moments", headers=pair.first.auth).json() == []


def test_patterns_through_the_api(client: TestClient) -> None:
    pair = api_pair(client)
    url = f"/api/v1/pairs/{pair.id}/moments/patterns"
    first = client.get(url, headers=pair.first.auth).json()
    assert (first["total"], first["needed"], first["found"]) == (0, 5, [])
    for day in range(1, 4):
        log(client, pair, pair.first, happened_at=f"2026-04-2{day}T18:00:00+00:00")
    log(client, pair, pair.second, happened_at="2026-04-25T18:00:00+00:00", activity="meal", place="home")
    log(client, pair, pair.second, happened_at="2026-04-26T08:00:00+00:00", activity="meal", company="with others")
    found = client.get(url, headers=pair.second.auth).json()
    assert found["needed"] == 0 and found["devices_away"] == 5
    dimensions = {p["dimension"]: p["value"] for p in found["found"]}
    assert dimensions["activity"] == "walk" and dimensions["devices"] == "away"
    assert found["idea"].startswith("A walk") and found["idea"].endswith("devices away")
    assert {"label": "A walk", "count": 3} in found["tallies"]["activity"]


def test_api_errors_name_the_field_and_save_nothing(client: TestClient) -> None:
    pair = api_pair(client)
    url = f"/api/v1/pairs/{pair.id}/moments"
    cases = [
        ({"happened_at": "2026-05-03T19:30"}, "happened_at", "time zone"),
        ({"happened_at": "2026-05-05T19:30:00+00:00"}, "happened_at", "still to come"),
        ({"happened_at": "yesterday"}, "happened_at", "'happened_at'"),
        ({"activity": "skydiving"}, "activity", "Choose what you were doing from the list: talking, meal"),
        ({"place": ""}, "place", "Choose where you were"),
        ({"company": "everyone"}, "company", "Choose whether it was just the two of you"),
        ({"note": "z" * 1001}, "note", "under 1,000 characters"),
    ]
    for change, field, words in cases:
        answer = client.post(url, json={**WALK, **change}, headers=pair.first.auth)
        assert answer.status_code == 422, change
        error = answer.json()["error"]
        assert error["field"] == field and words in error["message"], error
    without = {k: v for k, v in WALK.items() if k != "place"}
    assert client.post(url, json=without, headers=pair.first.auth).json()["error"]["message"] == "'place' is required."
    assert client.get(url, headers=pair.first.auth).json() == []

    plans = f"/api/v1/pairs/{pair.id}/plans"
    for body, field in [
        ({"planned_for": "2026-05-01T19:00:00+00:00", "what": "Dinner"}, "planned_for"),
        ({"planned_for": "2026-05-09T19:00:00+00:00", "what": " "}, "what"),
    ]:
        answer = client.post(plans, json=body, headers=pair.first.auth)
        assert answer.status_code == 422 and answer.json()["error"]["field"] == field
    assert client.get(plans + "?status=someday", headers=pair.first.auth).status_code == 422


def test_planning_through_the_api(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client)
    first, second = plan(client, pair, pair.first), plan(client, pair, pair.second, "2026-05-06T12:00:00+00:00")
    listed = client.get(f"/api/v1/pairs/{pair.id}/plans?status=planned", headers=pair.second.auth).json()
    assert [(p["id"], p["made_by"], p["mine"], p["status"]) for p in listed] == [
        (second, "Bo", True, "planned"),
        (first, "Ada", False, "planned"),
    ]
    clock.advance(timedelta(days=6))
    assert client.get(f"/api/v1/plans/{first}", headers=pair.first.auth).json()["due"] is True
    done = client.post(f"/api/v1/plans/{first}/done", headers=pair.second.auth)
    assert done.status_code == 200 and done.json()["status"] == "done"
    refused = client.post(f"/api/v1/plans/{first}/cancel", headers=pair.first.auth)
    assert refused.status_code == 409 and "already happened" in refused.json()["error"]["message"]
    assert client.post(f"/api/v1/plans/{second}/cancel", headers=pair.first.auth).json()["status"] == "cancelled"
    rhythm = client.get(f"/api/v1/pairs/{pair.id}/plans/rhythm", headers=pair.first.auth).json()
    assert rhythm["months"][-1] == {"label": "May 2026", "done": 1, "cancelled": 1}
    assert rhythm["summary"].startswith("This month you've had your planned time together once")


def test_a_stranger_gets_404_on_every_route(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    moment_id, plan_id = log(client, pair, pair.first), plan(client, pair, pair.first)
    eve = pair.stranger
    answers = [
        client.get(f"/api/v1/pairs/{pair.id}/moments", headers=eve.auth),
        client.post(f"/api/v1/pairs/{pair.id}/moments", json=WALK, headers=eve.auth),
        client.get(f"/api/v1/pairs/{pair.id}/moments/patterns", headers=eve.auth),
        client.get(f"/api/v1/moments/{moment_id}", headers=eve.auth),
        client.delete(f"/api/v1/moments/{moment_id}", headers=eve.auth),
        client.get(f"/api/v1/pairs/{pair.id}/plans", headers=eve.auth),
        client.post(f"/api/v1/pairs/{pair.id}/plans", json={"planned_for": "2026-05-09T19:00Z", "what": "x"},
                    headers=eve.auth),
        client.get(f"/api/v1/pairs/{pair.id}/plans/rhythm", headers=eve.auth),
        client.get(f"/api/v1/plans/{plan_id}", headers=eve.auth),
        client.post(f"/api/v1/plans/{plan_id}/done", headers=eve.auth),
        client.post(f"/api/v1/plans/{plan_id}/cancel", headers=eve.auth),
    ]  # fmt: skip
    assert [a.status_code for a in answers] == [404] * len(answers)
    missing_pair = client.get("/api/v1/pairs/nope/moments", headers=eve.auth).json()
    assert answers[0].json() == missing_pair
    assert answers[3].json() == client.get("/api/v1/moments/nope", headers=eve.auth).json()
    assert answers[8].json() == client.get("/api/v1/plans/nope", headers=eve.auth).json()

    browser = signed_in(new_client, eve)
    token = csrf_token(browser)
    page = browser.get(f"/pairs/{pair.id}/moments")
    assert page.status_code == 404 and PARK not in page.text and "Ada" not in page.text
    for action in (
        f"/pairs/{pair.id}/moments", f"/moments/{moment_id}/delete", f"/pairs/{pair.id}/plans",
        f"/plans/{plan_id}/done", f"/plans/{plan_id}/cancel",
    ):  # fmt: skip
        data = {"csrf_token": token, "happened_at": "2026-05-03T19:30", "activity": "walk", "place": "home",
                "company": "just us", "planned_for": "2026-05-09T19:00", "what": "Dinner"}  # fmt: skip
        assert browser.post(action, data=data).status_code == 404, action
    plan_now = client.get(f"/api/v1/plans/{plan_id}", headers=pair.second.auth).json()
    assert plan_now["status"] == "planned" and len(client.get(f"/api/v1/pairs/{pair.id}/moments",
                                                             headers=pair.second.auth).json()) == 1  # fmt: skip


def test_the_page_notes_a_moment_in_the_browsers_local_time(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    url = f"/pairs/{pair.id}/moments"
    page = ada.get(url)
    assert page.status_code == 200 and 'src="/static/local_time.js"' in page.text
    assert "Note 5 more moments" in page.text and "data-local-time" in page.text
    values = {"happened_at": "2026-05-03T20:15", "tz_offset": "120", "activity": "meal", "place": "home",
              "company": "just us", "devices_away": "yes", "note": "Pancakes at midnight"}  # fmt: skip
    sent = submit(ada, url, url, values, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == url + "?done=noted#moments"
    stored = client.get(f"/api/v1/pairs/{pair.id}/moments", headers=pair.first.auth).json()
    assert stored[0]["happened_at"].startswith("2026-05-03T18:15:00"), "read with the browser's offset"
    assert stored[0]["devices_away"] is True

    theirs = bo.get(url).text
    assert "Pancakes at midnight" in theirs and "noted by Ada" in theirs and "Devices away" in theirs
    assert f'action="/moments/{stored[0]["id"]}/delete"' not in theirs, "only the writer may delete it"
    mine = ada.get(url + "?done=noted").text
    assert "Your moment is noted. Bo can see it here too." in mine
    deleted = submit(ada, url, f"/moments/{stored[0]['id']}/delete", {}, follow_redirects=False)
    assert deleted.status_code == 303 and "That moment is deleted." in ada.get(deleted.headers["location"]).text


def test_the_page_explains_bad_input(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    ada = signed_in(new_client, pair.first)
    url = f"/pairs/{pair.id}/moments"
    later = submit(ada, url, url, {"happened_at": "2026-05-05T20:15", "tz_offset": "0", "activity": "meal",
                                   "place": "home", "company": "just us", "note": "kept"})  # fmt: skip
    assert later.status_code == 422 and "That time is still to come" in later.text
    assert "kept</textarea>" in later.text and 'value="meal" selected' in later.text
    nothing = submit(ada, url, url, {"happened_at": "", "activity": "", "place": "home", "company": "just us"})
    assert nothing.status_code == 422 and "Choose the day and time it happened." in nothing.text
    unknown = submit(ada, url, url, {"happened_at": "2026-05-03T20:15", "activity": "", "place": "home",
                                     "company": "just us"})  # fmt: skip
    assert unknown.status_code == 422 and "Choose what you were doing from the list" in unknown.text
    past = submit(ada, url, f"/pairs/{pair.id}/plans", {"planned_for": "2026-05-01T19:00", "tz_offset": "0",
                                                        "what": "Dinner"})  # fmt: skip
    assert past.status_code == 422 and "That time has passed" in past.text and 'value="Dinner"' in past.text
    assert client.get(f"/api/v1/pairs/{pair.id}/moments", headers=pair.first.auth).json() == []


def test_the_page_plans_time_and_marks_it_done(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    pair = api_pair(client, "family")
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    url = f"/pairs/{pair.id}/moments"
    assert 'value="Time together, devices away"' in ada.get(url).text, "the idea fills the plan in"
    sent = submit(ada, url, f"/pairs/{pair.id}/plans", {"planned_for": "2026-05-09T19:00", "tz_offset": "60",
                                                        "what": "Board games, phones in the drawer"},
                  follow_redirects=False)  # fmt: skip
    assert sent.status_code == 303 and sent.headers["location"] == url + "?done=planned#plan"
    plan_id = client.get(f"/api/v1/pairs/{pair.id}/plans", headers=pair.second.auth).json()[0]["id"]
    page = bo.get(url).text
    assert "Board games, phones in the drawer" in page and "planned by Ada" in page and "Mark done" in page
    assert "No planned time has been marked done yet" in page

    clock.advance(timedelta(days=6))
    due = bo.get(url).text
    assert "Its time has come. Did it happen?" in due and "Yes, it happened" in due
    done = submit(bo, url, f"/plans/{plan_id}/done", {}, follow_redirects=False)
    assert done.status_code == 303
    after = bo.get(done.headers["location"]).text
    assert "Marked as done." in after and "once" in after and "Earlier plans" in after
    again = submit(bo, url, f"/pairs/{pair.id}/plans", {"planned_for": "2026-05-20T19:00", "what": "A walk"})
    assert again.status_code == 200
    second = client.get(f"/api/v1/pairs/{pair.id}/plans?status=planned", headers=pair.first.auth).json()[0]["id"]
    cancelled = submit(ada, url, f"/plans/{second}/cancel", {}, follow_redirects=False)
    assert "That plan is cancelled." in ada.get(cancelled.headers["location"]).text


def test_a_pair_still_waiting_reads_but_does_not_write(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    dee = api_person(client, "Dee")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=dee.auth).json()["id"]
    browser = signed_in(new_client, dee)
    for page in (f"/pairs/{pair_id}/moments", f"/pairs/{pair_id}/closeness"):
        shown = browser.get(page)
        assert shown.status_code == 200 and "This takes both of you: invite your friend first" in shown.text, page
        assert '<form method="post" action="/pairs/' not in shown.text, page
    refused = client.post(f"/api/v1/pairs/{pair_id}/moments", json=WALK, headers=dee.auth)
    assert refused.status_code == 409 and "invite your friend first" in refused.json()["error"]["message"]
    plan = client.post(
        f"/api/v1/pairs/{pair_id}/plans", json={"planned_for": "2026-05-09T19:00Z", "what": "Tea"}, headers=dee.auth
    )
    assert plan.status_code == 409
