"""Appreciation notes through the real app: the JSON API and the pages, who may see and do what, and the home
page's nudge."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import ApiPair, ApiPerson, MovableClock, api_pair, api_person, csrf_token, submit

NOTE = {"text": "You made tea when I got home late.", "because": "I felt looked after after a long day."}


def signed_in(new_client: Callable[[], TestClient], person: ApiPerson) -> TestClient:
    browser = new_client()
    answer = browser.post(
        "/signin", data={"email": person.email, "password": person.password, "csrf_token": csrf_token(browser)}
    )
    assert answer.status_code == 200, answer.text
    return browser


def write(client: TestClient, pair: ApiPair, author: ApiPerson, note: dict[str, str] = NOTE) -> str:
    made = client.post(f"/api/v1/pairs/{pair.id}/appreciations", json=note, headers=author.auth)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_writing_and_receiving_through_the_api(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client)
    made = client.post(f"/api/v1/pairs/{pair.id}/appreciations", json=NOTE, headers=pair.first.auth)
    assert made.status_code == 201
    body = made.json()
    assert body["text"] == NOTE["text"] and body["because"] == NOTE["because"]
    assert (body["author_name"], body["recipient_name"], body["mine"], body["new"]) == ("Ada", "Bo", True, False)
    assert body["seen_at"] is None and body["pair_id"] == pair.id and body["author_id"] == pair.first.id

    url = f"/api/v1/pairs/{pair.id}/appreciations"
    assert [n["new"] for n in client.get(url, headers=pair.first.auth).json()] == [False], "the author sees no 'new'"
    rhythm = client.get(url + "/rhythm", headers=pair.second.auth).json()
    assert rhythm["unseen"] == 1 and len(rhythm["week_starts"]) == 12
    assert [(w["name"], w["me"], w["last_30_days"], w["overall"]) for w in rhythm["writers"]] == [
        ("Bo", True, 0, 0),
        ("Ada", False, 1, 1),
    ]
    assert rhythm["writers"][1]["per_week"][-1] == 1

    clock.advance(timedelta(hours=3))
    first_read = client.get(url, headers=pair.second.auth).json()
    assert [(n["new"], n["mine"], n["author_name"], n["recipient_name"]) for n in first_read] == [
        (True, False, "Ada", "Bo")
    ]
    again = client.get(url, headers=pair.second.auth).json()
    assert again[0]["new"] is False and again[0]["seen_at"].startswith("2026-05-04T12:30")
    one = client.get(f"/api/v1/appreciations/{body['id']}", headers=pair.second.auth)
    assert one.status_code == 200 and one.json()["text"] == NOTE["text"]
    assert client.get(url + "/rhythm", headers=pair.second.auth).json()["unseen"] == 0


def test_api_errors_name_the_field(client: TestClient) -> None:
    pair = api_pair(client)
    url = f"/api/v1/pairs/{pair.id}/appreciations"
    cases = [
        ({"text": "You cooked."}, "because", "'because' is required."),
        ({"text": "You cooked.", "because": "   "}, "because", "Add what it meant to you."),
        ({"text": "", "because": "I could rest."}, "text", "Write what your partner did, in a few words."),
        ({"text": "You cooked.", "because": "you cooked"}, "because", "The 'because' says the same"),
        ({"text": "You cooked.", "because": "z" * 1001}, "because", "keep it to 1,000 characters"),
        ({"text": ["list"], "because": "I could rest."}, "text", "'text' must be text."),
    ]
    for body, field, words in cases:
        answer = client.post(url, json=body, headers=pair.first.auth)
        assert answer.status_code == 422, body
        error = answer.json()["error"]
        assert error["code"] == "invalid_input" and error["field"] == field and words in error["message"], error
    assert client.get(url, headers=pair.second.auth).json() == [], "nothing was saved"


def test_writing_takes_both_of_you(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada.auth).json()["id"]
    answer = client.post(f"/api/v1/pairs/{pair_id}/appreciations", json=NOTE, headers=ada.auth)
    assert answer.status_code == 409 and "invite your friend first" in answer.json()["error"]["message"]
    assert client.get(f"/api/v1/pairs/{pair_id}/appreciations", headers=ada.auth).json() == []
    assert client.get("/api/v1/me/appreciation-suggestions", headers=ada.auth).json() == []


def test_a_stranger_gets_404_on_every_api_route(client: TestClient) -> None:
    pair = api_pair(client)
    note_id = write(client, pair, pair.first)
    eve = pair.stranger
    missing_pair = client.get("/api/v1/pairs/no-such-pair/appreciations", headers=eve.auth)
    answers = [
        client.get(f"/api/v1/pairs/{pair.id}/appreciations", headers=eve.auth),
        client.post(f"/api/v1/pairs/{pair.id}/appreciations", json=NOTE, headers=eve.auth),
        client.get(f"/api/v1/pairs/{pair.id}/appreciations/rhythm", headers=eve.auth),
        client.get(f"/api/v1/appreciations/{note_id}", headers=eve.auth),
        client.delete(f"/api/v1/appreciations/{note_id}", headers=eve.auth),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert answers[0].json() == missing_pair.json(), "an outsider learns nothing a missing pair wouldn't tell"
    missing_note = client.get("/api/v1/appreciations/no-such-note", headers=eve.auth)
    assert answers[3].json() == missing_note.json()
    assert client.get("/api/v1/me/appreciation-suggestions", headers=eve.auth).json() == []
    assert NOTE["because"] not in client.get("/api/v1/me/export", headers=eve.auth).text
    unread = client.get(f"/api/v1/pairs/{pair.id}/appreciations", headers=pair.second.auth).json()
    assert unread[0]["new"] is True, "untouched, and still unseen"


def test_only_the_author_deletes(client: TestClient) -> None:
    pair = api_pair(client)
    note_id = write(client, pair, pair.first)
    assert client.delete(f"/api/v1/appreciations/{note_id}", headers=pair.second.auth).status_code == 404
    assert client.get(f"/api/v1/appreciations/{note_id}", headers=pair.second.auth).status_code == 200
    assert client.delete(f"/api/v1/appreciations/{note_id}", headers=pair.first.auth).status_code == 204
    assert client.get(f"/api/v1/appreciations/{note_id}", headers=pair.first.auth).status_code == 404
    assert client.get(f"/api/v1/pairs/{pair.id}/appreciations", headers=pair.second.auth).json() == []


def test_suggestions_through_the_api(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client, "family")
    url = "/api/v1/me/appreciation-suggestions"
    assert client.get(url, headers=pair.first.auth).json() == [
        {"pair_id": pair.id, "kind": "family", "other_name": "Bo", "last_written_at": None, "days_since": None}
    ]
    write(client, pair, pair.first)
    assert client.get(url, headers=pair.first.auth).json() == []
    clock.advance(timedelta(days=7))
    assert [s["days_since"] for s in client.get(url, headers=pair.first.auth).json()] == [7]


def test_the_page_writes_reads_and_marks_new(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    pair = api_pair(client)
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    page_url = f"/pairs/{pair.id}/appreciations"
    page = ada.get(page_url)
    assert page.status_code == 200
    assert 'href="/static/appreciations.css"' in page.text
    assert "What did Bo do?" in page.text and "Because… (what it meant to you)" in page.text
    assert "small kindnesses" in page.text, "words for partners"
    assert "Nothing here yet" in page.text

    sent = submit(ada, page_url, page_url, NOTE, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == page_url + "?done=written"
    after = ada.get(sent.headers["location"])
    assert "Your appreciation is saved. Bo will see it marked new" in after.text
    assert "You to Bo" in after.text and "4 May 2026" in after.text
    assert 'class="new"' not in after.text, "the author's own note is never new to them"
    assert re.search(r'action="/appreciations/[0-9a-f]{24}/delete"', after.text), "the author may delete"

    clock.advance(timedelta(days=1))
    received = bo.get(page_url)
    assert "Ada to you" in received.text and '<strong class="new">New</strong>' in received.text
    assert "You made tea when I got home late." in received.text and "I felt looked after" in received.text
    assert "/delete" not in received.text, "Bo can't delete Ada's"
    assert received.text.index('id="history"') < received.text.index('id="write"'), "something new comes first"
    seen = bo.get(page_url).text
    assert '<strong class="new">New</strong>' not in seen, "opened once, no longer new"
    assert seen.index('id="write"') < seen.index('id="history"')

    rhythm = bo.get(page_url).text
    assert "How often each of you writes" in rhythm
    assert re.search(r'<svg viewBox="0 0 240 72" class="weeks" role="img" aria-labelledby="weeks-2">', rhythm)
    assert "Ada wrote 1 appreciation in the last 12 weeks, at most 1 in one week." in rhythm
    assert "You wrote 0 appreciations in the last 12 weeks." in rhythm
    assert "<caption>Appreciations written each week, the last 12 weeks</caption>" in rhythm


def test_the_page_keeps_your_words_when_something_needs_fixing(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client, "friends")
    ada = signed_in(new_client, pair.first)
    page_url = f"/pairs/{pair.id}/appreciations"
    copied = submit(ada, page_url, page_url, {"text": "You came to my gig.", "because": "you came to my gig"})
    assert copied.status_code == 422
    assert "says the same as what they did" in copied.text
    assert 'aria-invalid="true"' in copied.text and 'id="because-error"' in copied.text
    assert ">You came to my gig.</textarea>" in copied.text and ">you came to my gig</textarea>" in copied.text
    empty = submit(ada, page_url, page_url, {"text": "You came to my gig.", "because": ""})
    assert empty.status_code == 422 and "helps your friend feel seen" in empty.text
    assert "Friends don" in empty.text, "words for friends"
    assert "Nothing here yet" in ada.get(page_url).text


def test_a_stranger_gets_404_on_every_page(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    note_id = write(client, pair, pair.first)
    eve, bo = signed_in(new_client, pair.stranger), signed_in(new_client, pair.second)
    assert eve.get(f"/pairs/{pair.id}/appreciations").status_code == 404
    token = csrf_token(eve)
    for path, data in (
        (f"/pairs/{pair.id}/appreciations", {**NOTE, "csrf_token": token}),
        (f"/appreciations/{note_id}/delete", {"csrf_token": token}),
    ):
        answer = eve.post(path, data=data, follow_redirects=False)
        assert answer.status_code == 404 and NOTE["text"] not in answer.text, path
    refused = bo.post(f"/appreciations/{note_id}/delete", data={"csrf_token": csrf_token(bo)}, follow_redirects=False)
    assert refused.status_code == 404, "only the author may delete"
    assert '<strong class="new">New</strong>' in bo.get(f"/pairs/{pair.id}/appreciations").text, "still there"


def test_the_author_deletes_from_the_page(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    pair = api_pair(client)
    note_id = write(client, pair, pair.first)
    ada = signed_in(new_client, pair.first)
    page_url = f"/pairs/{pair.id}/appreciations"
    gone = submit(ada, page_url, f"/appreciations/{note_id}/delete", {}, follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"].startswith(page_url + "?done=deleted")
    assert "That appreciation is deleted." in ada.get(gone.headers["location"]).text
    assert client.get(f"/api/v1/appreciations/{note_id}", headers=pair.first.auth).status_code == 404


def test_a_pair_still_waiting_shows_no_form(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    ada_api = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "family"}, headers=ada_api.auth).json()["id"]
    ada = signed_in(new_client, ada_api)
    page = ada.get(f"/pairs/{pair_id}/appreciations")
    assert page.status_code == 200 and "invite your family member first" in page.text
    assert "<textarea" not in page.text
    posted = ada.post(
        f"/pairs/{pair_id}/appreciations", data={**NOTE, "csrf_token": csrf_token(ada)}, follow_redirects=False
    )
    assert posted.status_code == 409 and "This takes both of you" in posted.text


def test_the_home_page_suggests_writing_when_a_while_has_passed(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    pair = api_pair(client, "friends")
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    home = ada.get("/").text
    assert "Has Bo, your friend, done something lately that you were glad of?" in home
    assert f'href="/pairs/{pair.id}/appreciations#write">Write to Bo</a>' in home

    write(client, pair, pair.first)
    home = ada.get("/").text
    assert "Write to Bo" not in home, "just written: no nudge for a week"
    assert "Ada wrote you an appreciation." in bo.get("/").text
    assert "Write to Ada" in bo.get("/").text, "Bo hasn't written yet"

    bo.get(f"/pairs/{pair.id}/appreciations")
    assert "wrote you an appreciation" not in bo.get("/").text, "read: nothing waiting"
    clock.advance(timedelta(days=8))
    later = ada.get("/").text
    assert "It's been 8 days since your last appreciation to Bo, your friend." in later
