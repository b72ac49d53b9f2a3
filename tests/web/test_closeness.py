"""Needs for closeness through the real app: the JSON API and the page, the private note by every route,
phases noticed, and a stranger who gets 404 everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import ApiPair, ApiPerson, MovableClock, api_pair, api_person, csrf_token, submit

SECRET = "I feel lonely when you work late"


def signed_in(new_client: Callable[[], TestClient], person: ApiPerson) -> TestClient:
    browser = new_client()
    answer = browser.post(
        "/signin", data={"email": person.email, "password": person.password, "csrf_token": csrf_token(browser)}
    )
    assert answer.status_code == 200, answer.text
    return browser


def rate(client: TestClient, pair: ApiPair, who: ApiPerson, need: int, feel: int, note: str | None = None) -> None:
    body: dict[str, object] = {"need": need, "feel": feel}
    if note is not None:
        body["note"] = note
    answer = client.put(f"/api/v1/pairs/{pair.id}/closeness/today", json=body, headers=who.auth)
    assert answer.status_code == 200, answer.text


def test_rating_through_the_api(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client)
    url = f"/api/v1/pairs/{pair.id}/closeness"
    assert client.get(url + "/today", headers=pair.first.auth).json()["mine"] is None
    made = client.put(url + "/today", json={"need": 4, "feel": 2, "note": SECRET}, headers=pair.first.auth)
    assert made.status_code == 200
    body = made.json()
    assert (body["need"], body["feel"], body["note"]) == (4, 2, SECRET) and body[
        "day"
    ] == clock.now.astimezone().date().isoformat()
    changed = client.put(url + "/today", json={"need": 5, "feel": 3}, headers=pair.first.auth).json()
    assert (changed["need"], changed["note"]) == (5, SECRET), "leaving the note out keeps it"
    assert client.get(url + "/today", headers=pair.first.auth).json()["mine"]["feel"] == 3

    clock.advance(timedelta(days=1))
    rate(client, pair, pair.first, 2, 4, note="")
    rate(client, pair, pair.second, 3, 3)
    mine = client.get(url + "/mine", headers=pair.first.auth).json()
    assert [(r["need"], r["note"]) for r in mine] == [(2, None), (5, SECRET)]

    series = client.get(url + "?days=7", headers=pair.second.auth).json()
    assert len(series["days"]) == 7
    assert [(r["name"], r["me"]) for r in series["raters"]] == [("Bo", True), ("Ada", False)]
    ada = series["raters"][1]["points"]
    assert ada[-1] == {"day": series["days"][-1], "need": 2, "feel": 4}
    assert ada[-2] == {"day": series["days"][-2], "need": 5, "feel": 3} and ada[0] is None
    assert client.get(url + "/mismatches", headers=pair.second.auth).json() == []


def test_api_errors_name_the_field_and_save_nothing(client: TestClient) -> None:
    pair = api_pair(client)
    url = f"/api/v1/pairs/{pair.id}/closeness/today"
    cases = [
        ({"need": 7, "feel": 3}, "need", "Choose how much closeness you need on the scale from 1 to 5."),
        ({"need": 3, "feel": 0}, "feel", "Choose how close you feel on the scale from 1 to 5."),
        ({"need": "3", "feel": 3}, "need", "valid integer"),
        ({"need": 3}, "feel", "'feel' is required."),
        ({"need": 3, "feel": 3, "note": "z" * 1001}, "note", "under 1,000 characters"),
        ({"need": 3, "feel": 3, "note": ["a list"]}, "note", "'note' must be text."),
    ]
    for body, field, words in cases:
        answer = client.put(url, json=body, headers=pair.first.auth)
        assert answer.status_code == 422, body
        error = answer.json()["error"]
        assert error["code"] == "invalid_input" and error["field"] == field and words in error["message"], error
    assert client.get(url, headers=pair.first.auth).json()["mine"] is None

    ada = api_person(client, "Dee")
    alone = client.post("/api/v1/pairs", json={"kind": "family"}, headers=ada.auth).json()["id"]
    waiting = client.put(f"/api/v1/pairs/{alone}/closeness/today", json={"need": 3, "feel": 3}, headers=ada.auth)
    assert waiting.status_code == 409 and "invite your family member first" in waiting.json()["error"]["message"]


def test_the_note_never_reaches_the_partner_by_any_route(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    pair = api_pair(client)
    for _ in range(5):  # enough days for a phase, so the findings have something to say too
        rate(client, pair, pair.first, 5, 2, note=SECRET)
        clock.advance(timedelta(days=1))
    rate(client, pair, pair.first, 5, 2, note=SECRET)
    bo = signed_in(new_client, pair.second)
    api = f"/api/v1/pairs/{pair.id}/closeness"
    seen = [
        client.get(api + "/today", headers=pair.second.auth),
        client.get(api + "/mine", headers=pair.second.auth),
        client.get(api, headers=pair.second.auth),
        client.get(api + "?days=400", headers=pair.second.auth),
        client.get(api + "/mismatches", headers=pair.second.auth),
        client.get("/api/v1/me/export", headers=pair.second.auth),
        bo.get(f"/pairs/{pair.id}/closeness"),
        bo.get(f"/pairs/{pair.id}/closeness?days=90"),
        bo.get(f"/pairs/{pair.id}"),
        bo.get("/"),
        bo.get("/account/export"),
    ]
    for answer in seen:
        assert answer.status_code == 200, answer.url
        assert SECRET not in answer.text and "lonely" not in answer.text, answer.url
    assert client.get(api + "/mine", headers=pair.second.auth).json() == []
    page = seen[6].text
    assert "Ada may be wanting more closeness" in page, "the numbers are the pair's"
    assert f'href="/pairs/{pair.id}/appreciations#write">Write Ada an appreciation' in page
    assert SECRET in client.get(api + "/mine", headers=pair.first.auth).text, "the writer reads their own note"


def test_a_stranger_gets_404_on_every_route(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    rate(client, pair, pair.first, 4, 2, note=SECRET)
    eve = pair.stranger
    api = f"/api/v1/pairs/{pair.id}/closeness"
    answers = [
        client.get(api, headers=eve.auth),
        client.get(api + "/today", headers=eve.auth),
        client.put(api + "/today", json={"need": 3, "feel": 3}, headers=eve.auth),
        client.get(api + "/mine", headers=eve.auth),
        client.get(api + "/mismatches", headers=eve.auth),
    ]
    missing = client.get("/api/v1/pairs/no-such-pair/closeness", headers=eve.auth)
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert all(a.json() == missing.json() for a in answers), "an outsider learns nothing a missing pair wouldn't tell"
    browser = signed_in(new_client, eve)
    page = browser.get(f"/pairs/{pair.id}/closeness")
    assert page.status_code == 404 and "Ada" not in page.text and SECRET not in page.text
    posted = browser.post(
        f"/pairs/{pair.id}/closeness", data={"need": "3", "feel": "3", "csrf_token": csrf_token(browser)}
    )
    assert posted.status_code == 404
    assert client.get(api + "/today", headers=pair.first.auth).json()["mine"]["need"] == 4, "untouched"


def test_the_page_rates_and_draws_both_people(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client, "friends")
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    url = f"/pairs/{pair.id}/closeness"
    page = ada.get(url)
    assert page.status_code == 200 and 'href="/static/closeness.css"' in page.text
    assert "How close do you feel to Bo?" in page.text and "seldom in step with their friend" in page.text
    assert page.text.count('type="radio" name="need"') == 5 and "Save today's numbers" in page.text

    sent = submit(ada, url, url, {"need": "4", "feel": "2", "note": SECRET}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == url + "?done=rated#chart"
    after = ada.get(url + "?done=rated").text
    assert "Saved. Bo sees your two numbers on the chart; your note stays yours alone." in after
    assert SECRET in after and "Change today's numbers" in after
    assert re.search(r'name="need" value="4" required checked', after), "today's numbers are filled in"
    assert submit(bo, url, url, {"need": "3", "feel": "4"}, follow_redirects=False).status_code == 303

    theirs = bo.get(url).text
    assert SECRET not in theirs
    svg = re.search(r"<svg[^>]*closeness-chart.*?</svg>", theirs, re.S)
    assert svg is not None
    assert ">You</text>" in svg.group(0) and ">Ada</text>" in svg.group(0)
    assert svg.group(0).count('<g class="person me') == 2 and svg.group(0).count('<g class="person other') == 2
    assert "<td>need 3, close 4</td><td>need 4, close 2</td>" in theirs, "the table says what the chart draws"


def test_the_page_explains_bad_input(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    ada = signed_in(new_client, pair.first)
    url = f"/pairs/{pair.id}/closeness"
    token = csrf_token(ada)
    answer = ada.post(url, data={"need": "9", "feel": "2", "note": "kept as typed", "csrf_token": token})
    assert answer.status_code == 422
    assert "Choose how much closeness you need on the scale from 1 to 5." in answer.text
    assert "kept as typed</textarea>" in answer.text and 'aria-describedby="need-error"' in answer.text
    missing = ada.post(url, data={"need": "3", "csrf_token": token})
    assert missing.status_code == 422 and "Choose how close you feel" in missing.text
    assert client.get(f"/api/v1/pairs/{pair.id}/closeness/today", headers=pair.first.auth).json()["mine"] is None
    assert ada.get(url + "?days=abc").status_code == 200
    assert "the last 30 days" in ada.get(url + "?days=abc").text
    assert "the last 90 days" in ada.get(url + "?days=90").text
