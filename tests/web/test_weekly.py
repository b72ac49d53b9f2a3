"""The weekly conversation through the real app: the JSON API and the pages share one set of rules,
both of the pair see everything, and anyone else gets 404 on every route, the calendar file included."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx2
import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from nearer.web.api import weekly as api_weekly
from nearer.web.pages import weekly as page_weekly
from tests.conftest import ApiPair, ApiPerson, MovableClock, api_pair, api_person, browser_sign_up, csrf_token, submit
from tests.practice.test_weekly import unescape, unfold


def talk_of(client: TestClient, pair: ApiPair) -> dict[str, object]:
    made = client.post(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=pair.first.auth)
    assert made.status_code in (200, 201), made.text
    body: dict[str, object] = made.json()
    return body


def person_by_id(pair: ApiPair, person_id: object) -> ApiPerson:
    return pair.first if pair.first.id == person_id else pair.second


def test_a_weekly_talk_through_the_api(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client, "partners")
    ada, bo = pair.first, pair.second
    made = client.post(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=ada.auth)
    assert made.status_code == 201
    talk = made.json()
    talk_id = talk["id"]
    assert talk["step"] == 0 and talk["topic"]["key"] == "appreciations" and talk["speaking_since"] is None
    assert talk["topics"] == ["appreciations", "went_well", "satisfied", "hard", "support"]
    again = client.post(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=bo.auth)
    assert again.status_code == 200 and again.json()["id"] == talk_id, "one open talk per pair"
    assert client.get(f"/api/v1/pairs/{pair.id}/weekly", headers=bo.auth).json()["open_talk_id"] == talk_id

    speaker = person_by_id(pair, talk["speaker_id"])
    started = client.post(f"/api/v1/weekly/talks/{talk_id}/turns", headers=bo.auth)
    assert started.status_code == 200 and started.json()["speaking_since"] is not None
    clock.advance(timedelta(seconds=75))
    seen = client.get(f"/api/v1/weekly/talks/{talk_id}", headers=bo.auth).json()
    assert {b["id"]: b["seconds"] for b in seen["balance"]}[speaker.id] == 75
    clashing = client.post(f"/api/v1/weekly/talks/{talk_id}/turns", json={"speaker_id": talk["listener_id"]},
                           headers=ada.auth)  # fmt: skip
    assert clashing.status_code == 409 and "still speaking" in clashing.json()["error"]["message"]
    ended = client.post(f"/api/v1/weekly/talks/{talk_id}/turns/end", headers=ada.auth).json()
    assert ended["speaking_since"] is None and ended["speaker_id"] == talk["listener_id"], "the listener replies"
    assert ended["spoken"] == [speaker.id]

    note = client.post(f"/api/v1/weekly/talks/{talk_id}/notes", json={"topic": "appreciations", "text": "dinner"},
                       headers=bo.auth)  # fmt: skip
    assert note.status_code == 201 and note.json()["person_name"] == "Bo" and note.json()["text"] == "dinner"
    clock.advance(timedelta(seconds=1))
    moved = client.post(f"/api/v1/weekly/talks/{talk_id}/next", json={"from_step": 0}, headers=ada.auth).json()
    assert moved["step"] == 1 and moved["topic"]["key"] == "went_well"
    stale = client.post(f"/api/v1/weekly/talks/{talk_id}/next", json={"from_step": 0}, headers=bo.auth).json()
    assert stale["step"] == 1, "a second Next from the same step skips nothing"

    back = (clock.now + timedelta(days=1)).isoformat()
    paused = client.post(f"/api/v1/weekly/talks/{talk_id}/pause", json={"resume_at": back}, headers=bo.auth)
    assert paused.status_code == 200 and paused.json()["resume_at"] is not None
    refused = client.post(f"/api/v1/weekly/talks/{talk_id}/turns", headers=ada.auth)
    assert refused.status_code == 409 and "paused" in refused.json()["error"]["message"]
    resumed = client.post(f"/api/v1/weekly/talks/{talk_id}/resume", headers=ada.auth).json()
    assert resumed["paused_at"] is None and resumed["step"] == 1

    for step in range(1, 5):
        client.post(f"/api/v1/weekly/talks/{talk_id}/next", json={"from_step": step}, headers=ada.auth)
    asked = client.post(f"/api/v1/weekly/talks/{talk_id}/notes", json={"topic": "support", "text": "a walk, please"},
                        headers=ada.auth)  # fmt: skip
    assert asked.status_code == 201
    finished = client.post(f"/api/v1/weekly/talks/{talk_id}/end", headers=bo.auth).json()
    assert finished["ended_at"] is not None and finished["step"] == 5

    history = client.get(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=bo.auth).json()
    assert [t["id"] for t in history] == [talk_id]
    assert [n["text"] for n in history[0]["notes"]] == ["dinner", "a walk, please"]
    overview = client.get(f"/api/v1/pairs/{pair.id}/weekly", headers=bo.auth).json()
    assert overview["open_talk_id"] is None and [n["text"] for n in overview["last_support"]] == ["a walk, please"]
    clock.advance(timedelta(days=7))
    next_week = client.post(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=bo.auth).json()
    assert next_week["id"] != talk_id
    assert [(n["person_name"], n["text"]) for n in next_week["last_support"]] == [("Ada", "a walk, please")]


@pytest.mark.parametrize(
    ("kind", "words"), [("partners", "your relationship"), ("friends", "your friendship"), ("family", "as family")]
)
def test_the_prompts_fit_the_kind_of_pair(client: TestClient, kind: str, words: str) -> None:
    pair = api_pair(client, kind)
    talk_id = talk_of(client, pair)["id"]
    for step in (0, 1):
        client.post(f"/api/v1/weekly/talks/{talk_id}/next", json={"from_step": step}, headers=pair.first.auth)
    shown = client.get(f"/api/v1/weekly/talks/{talk_id}", headers=pair.second.auth).json()["topic"]
    assert shown["key"] == "satisfied" and words in shown["prompt"]


def test_bad_input_is_refused_plainly(client: TestClient, clock: MovableClock) -> None:
    pair = api_pair(client)
    auth = pair.first.auth
    talk_id = talk_of(client, pair)["id"]
    notes = f"/api/v1/weekly/talks/{talk_id}/notes"
    for body, field, words in [
        ({"topic": "gossip", "text": "x"}, "topic", "no topic 'gossip'"),
        ({"topic": "hard", "text": "x"}, "topic", "haven't reached that topic"),
        ({"topic": "appreciations", "text": "  "}, "text", "Write a few words"),
        ({"topic": "appreciations", "text": "x" * 5001}, "text", "at most 5,000 characters"),
        ({"topic": "appreciations", "text": "x", "person_id": pair.stranger.id}, "person_id", "one of you two"),
        ({"topic": "appreciations"}, "text", "'text' is required"),
    ]:
        answer = client.post(notes, json=body, headers=auth)
        assert answer.status_code == 422, body
        assert answer.json()["error"]["field"] == field and words in answer.json()["error"]["message"], answer.text
    pause = f"/api/v1/weekly/talks/{talk_id}/pause"
    past = client.post(pause, json={"resume_at": (clock.now - timedelta(hours=1)).isoformat()}, headers=auth)
    assert past.status_code == 422 and "still to come" in past.json()["error"]["message"]
    naive = client.post(pause, json={"resume_at": "2026-05-05T19:00:00"}, headers=auth)
    assert naive.status_code == 422 and naive.json()["error"]["field"] == "resume_at"
    plan = f"/api/v1/pairs/{pair.id}/weekly/plan"
    plans: list[tuple[dict[str, object], str]] = [
        ({"weekday": 7, "time": "19:30", "minutes": 45}, "weekday"),
        ({"weekday": 2, "time": "25:00", "minutes": 45}, "time"),
        ({"weekday": 2, "time": "19:30", "minutes": 600}, "minutes"),
    ]
    for plan_body, field in plans:
        answer = client.put(plan, json=plan_body, headers=auth)
        assert answer.status_code == 422 and answer.json()["error"]["field"] == field, answer.text
    missing = client.get(f"/api/v1/pairs/{pair.id}/weekly/plan.ics", headers=auth)
    assert missing.status_code == 404 and "haven't set a weekly time" in missing.json()["error"]["message"]


def test_the_calendar_file_parses_back(client: TestClient) -> None:
    zoe = api_person(client, "Zoë, the first", email="zoe@example.test")
    bo = api_person(client, "Bo; the second", email="bo@example.test")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=zoe.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=zoe.auth).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth)
    set_plan = client.put(f"/api/v1/pairs/{pair_id}/weekly/plan", json={"weekday": 3, "time": "18:45", "minutes": 30},
                          headers=bo.auth)  # fmt: skip
    assert set_plan.status_code == 200 and set_plan.json()["weekday_name"] == "Thursday"
    answer = client.get(f"/api/v1/pairs/{pair_id}/weekly/plan.ics", headers=zoe.auth)
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "attachment" in answer.headers["content-disposition"]
    text = answer.content.decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    fields = dict(line.split(":", 1) for line in unfold(text))
    assert fields["RRULE"] == "FREQ=WEEKLY;BYDAY=TH" and fields["DURATION"] == "PT30M"
    assert fields["DTSTART"] == "20260507T184500", "the first Thursday from Monday 4 May, floating local time"
    assert fields["UID"] == f"weekly-{pair_id}@nearer.invalid" and fields["DTSTAMP"] == "20260504T093000Z"
    assert "Zoë, the first" in unescape(fields["SUMMARY"]) and "Bo; the second" in unescape(fields["SUMMARY"])
    assert "\\, the first" in fields["SUMMARY"] and "\\; the second" in fields["SUMMARY"]


def routes_of(router: APIRouter) -> set[tuple[str, str]]:
    """Every (method, path) a router answers."""
    found: set[tuple[str, str]] = set()
    for route in router.routes:
        path: str = getattr(route, "path", "")
        methods: set[str] = getattr(route, "methods", set())
        found |= {(method, path) for method in methods if method != "HEAD"}
    return found


def test_a_stranger_gets_404_on_every_api_route(client: TestClient) -> None:
    pair = api_pair(client)
    talk_id = talk_of(client, pair)["id"]
    client.put(f"/api/v1/pairs/{pair.id}/weekly/plan", json={"weekday": 6, "time": "19:30", "minutes": 45},
               headers=pair.first.auth)  # fmt: skip
    client.post(f"/api/v1/weekly/talks/{talk_id}/notes", json={"topic": "appreciations", "text": "private words"},
                headers=pair.first.auth)  # fmt: skip
    eve = pair.stranger.auth
    tried: set[tuple[str, str]] = set()
    answers: list[httpx2.Response] = []
    for method, path, body in [
        ("GET", "/api/v1/pairs/{pair_id}/weekly", None),
        ("PUT", "/api/v1/pairs/{pair_id}/weekly/plan", {"weekday": 1, "time": "10:00", "minutes": 20}),
        ("GET", "/api/v1/pairs/{pair_id}/weekly/plan.ics", None),
        ("GET", "/api/v1/pairs/{pair_id}/weekly/talks", None),
        ("POST", "/api/v1/pairs/{pair_id}/weekly/talks", None),
        ("GET", "/api/v1/weekly/talks/{talk_id}", None),
        ("POST", "/api/v1/weekly/talks/{talk_id}/turns", {}),
        ("POST", "/api/v1/weekly/talks/{talk_id}/turns/end", None),
        ("POST", "/api/v1/weekly/talks/{talk_id}/next", {"from_step": 0}),
        ("POST", "/api/v1/weekly/talks/{talk_id}/notes", {"topic": "appreciations", "text": "hi"}),
        ("POST", "/api/v1/weekly/talks/{talk_id}/pause", {"resume_at": "2030-01-01T10:00:00+00:00"}),
        ("POST", "/api/v1/weekly/talks/{talk_id}/resume", None),
        ("POST", "/api/v1/weekly/talks/{talk_id}/end", None),
    ]:
        tried.add((method, path))
        url = path.format(pair_id=pair.id, talk_id=talk_id)
        answers.append(client.request(method, url, json=body, headers=eve))
    assert routes_of(api_weekly.router) == tried, "every weekly API route is tried"
    assert [a.status_code for a in answers] == [404] * len(answers), [a.text for a in answers]
    assert not any("private words" in a.text or "Ada" in a.text for a in answers)
    missing_talk = client.get("/api/v1/weekly/talks/no-such-talk", headers=eve).json()
    assert answers[5].json() == missing_talk, "a stranger learns nothing a missing talk wouldn't tell"
    own = client.get(f"/api/v1/weekly/talks/{talk_id}", headers=pair.first.auth).json()
    assert own["step"] == 0 and own["ended_at"] is None and own["paused_at"] is None, "untouched"


def browser_pair(client: TestClient, other: TestClient, kind: str = "partners") -> str:
    """Ada (``client``) starts a pair in her browser and Bo (``other``) joins with the code; the pair's id."""
    browser_sign_up(client, "Ada")
    browser_sign_up(other, "Bo")
    made = client.post("/pairs", data={"kind": kind, "csrf_token": csrf_token(client)}, follow_redirects=False)
    pair_path = made.headers["location"]
    invite = client.post(f"{pair_path}/invites", data={"csrf_token": csrf_token(client)})
    code = re.search(r'aria-label="Invite code">([A-Z0-9-]+)<', invite.text)
    assert code is not None
    joined = other.post("/join", data={"code": code.group(1), "csrf_token": csrf_token(other)}, follow_redirects=False)
    assert joined.status_code == 303
    return pair_path.rsplit("/", 1)[-1]


def test_a_weekly_talk_through_the_pages(
    client: TestClient, new_client: Callable[[], TestClient], clock: MovableClock
) -> None:
    bo = new_client()
    pair_id = browser_pair(client, bo)
    week = f"/pairs/{pair_id}/week"
    hub = client.get(week)
    assert hub.status_code == 200 and "Start our week" in hub.text and "/static/weekly.js" in hub.text
    assert "<script>" not in hub.text and " style=" not in hub.text, "nothing inline: the CSP forbids it"

    bad = submit(client, week, f"{week}/plan", {"weekday": "8", "time": "19:30", "minutes": "45"})
    assert bad.status_code == 422 and "Choose a day of the week" in bad.text
    saved = submit(client, week, f"{week}/plan", {"weekday": "6", "time": "19:30", "minutes": "45"},
                   follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    assert "Sundays at 19:30, for 45 minutes" in bo.get(week).text, "the other sees the weekly time"
    ics = bo.get(f"/pairs/{pair_id}/week.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "RRULE:FREQ=WEEKLY;BYDAY=SU\r\n" in ics.text

    started = submit(client, week, f"{week}/talks", {}, follow_redirects=False)
    assert started.status_code == 303
    talk = started.headers["location"]
    assert re.fullmatch(rf"/pairs/{pair_id}/week/talks/[0-9a-f]{{24}}", talk)
    assert f'href="{talk}">Carry on with your talk' in bo.get(week).text
    again = bo.post(f"{week}/talks", data={"csrf_token": csrf_token(bo)}, follow_redirects=False)
    assert again.headers["location"] == talk, "both land in the same talk"

    page = client.get(talk)
    assert "Appreciations" in page.text and "Topic 1 of 5" in page.text
    first_is_ada = "Your turn to speak, Ada" in page.text
    speaker, listener = (client, bo) if first_is_ada else (bo, client)
    version = client.get(f"{talk}/version").text
    submit(speaker, talk, f"{talk}/turns/start", {})
    assert client.get(f"{talk}/version").text != version, "the other screen can tell something changed"
    clock.advance(timedelta(seconds=83))
    heard = listener.get(talk).text
    assert 'role="timer"' in heard and ">1:23<" in heard
    assert "(you), you're listening" in heard and "What I heard is" in heard and "Did I get that right?" in heard
    assert "has spoken for 1 minute 23 seconds" in heard
    submit(listener, talk, f"{talk}/turns/end", {})
    replying = listener.get(talk).text
    assert "Before you reply" in replying and "the feeling you heard" in replying

    empty = submit(client, talk, f"{talk}/notes", {"text": "   "})
    assert empty.status_code == 422 and "Write a few words for the note first." in empty.text
    noted = submit(client, talk, f"{talk}/notes", {"text": "the soup on Tuesday"}, follow_redirects=False)
    assert noted.status_code == 303
    assert "the soup on Tuesday" in bo.get(talk).text

    submit(bo, talk, f"{talk}/next", {})
    submit(client, talk, f"{talk}/next", {"from_step": "0"})  # a stale page: nothing is skipped
    assert "What went well" in client.get(talk).text and "Topic 2 of 5" in client.get(talk).text

    past = submit(client, talk, f"{talk}/pause", {"resume_at": "2026-05-01T10:00"})
    assert past.status_code == 422 and "still to come" in past.text
    paused = submit(client, talk, f"{talk}/pause", {"resume_at": "2026-05-05T19:30", "tz_offset": "120"})
    assert paused.status_code == 200 and "Paused until" in paused.text and "Resume our talk" in paused.text
    assert "Your talk is paused until" in bo.get(week).text
    submit(bo, talk, f"{talk}/resume", {})
    assert "What went well" in client.get(talk).text

    ended = submit(bo, talk, f"{talk}/end", {})
    assert ended.status_code == 200 and "You've finished this week's talk" in ended.text
    assert "the soup on Tuesday" in ended.text
    assert "the soup on Tuesday" in client.get(week).text, "kept in the history"


def test_a_stranger_gets_404_on_every_page(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    bo, eve = new_client(), new_client()
    pair_id = browser_pair(client, bo)
    week = f"/pairs/{pair_id}/week"
    submit(client, week, f"{week}/plan", {"weekday": "6", "time": "19:30", "minutes": "45"})
    talk = submit(client, week, f"{week}/talks", {}, follow_redirects=False).headers["location"]
    submit(client, talk, f"{talk}/notes", {"text": "private words"})
    browser_sign_up(eve, "Eve")
    token = csrf_token(eve)
    talk_id = talk.rsplit("/", 1)[-1]
    tried: set[tuple[str, str]] = set()
    for method, path, extra in [
        ("GET", "/pairs/{pair_id}/week", {}),
        ("POST", "/pairs/{pair_id}/week/plan", {"weekday": "1", "time": "10:00", "minutes": "20"}),
        ("GET", "/pairs/{pair_id}/week.ics", {}),
        ("POST", "/pairs/{pair_id}/week/talks", {}),
        ("GET", "/pairs/{pair_id}/week/talks/{talk_id}", {}),
        ("GET", "/pairs/{pair_id}/week/talks/{talk_id}/version", {}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/turns/start", {}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/turns/end", {}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/next", {"from_step": "0"}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/notes", {"topic": "appreciations", "text": "hi"}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/pause", {"resume_at": "2030-01-01T10:00"}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/resume", {}),
        ("POST", "/pairs/{pair_id}/week/talks/{talk_id}/end", {}),
    ]:
        tried.add((method, path))
        url = path.format(pair_id=pair_id, talk_id=talk_id)
        data = {"csrf_token": token, **extra} if method == "POST" else None
        answer = eve.request(method, url, data=data, follow_redirects=False)
        assert answer.status_code == 404, (method, path, answer.status_code)
        assert "private words" not in answer.text and "Ada" not in answer.text
    assert routes_of(page_weekly.router) == tried, "every weekly page route is tried"
    # Eve's own pair doesn't open a door to theirs.
    made = eve.post("/pairs", data={"kind": "friends", "csrf_token": token}, follow_redirects=False)
    eve_pair = made.headers["location"].rsplit("/", 1)[-1]
    assert eve.get(f"/pairs/{eve_pair}/week/talks/{talk_id}").status_code == 404
    assert "private words" in client.get(talk).text, "untouched"
    assert "Appreciations" in client.get(talk).text
