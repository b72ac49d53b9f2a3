"""Empty, oversized and malformed input gets a clear 422 (413 for a whole body too large), never a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import api_pair, api_person, browser_sign_up, csrf_token, signed_in


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({}, "name", "'name' is required"),
        ({"name": "", "email": "a@example.test", "password": "long enough"}, "name", "tell us your name"),
        ({"name": "Ada", "email": "nope", "password": "long enough"}, "email", "doesn't look like an email"),
        ({"name": "Ada", "email": "a@example.test", "password": "short"}, "password", "at least 8"),
        ({"name": "x" * 5000, "email": "a@example.test", "password": "long enough"}, "name", "too long"),
        ({"name": "x" * 101, "email": "a@example.test", "password": "long enough"}, "name", "at most 100"),
        ({"name": 42, "email": "a@example.test", "password": "long enough"}, "name", "must be text"),
        ({"name": "Ada", "email": "a@example.test", "password": None}, "password", "must be text"),
    ],
)
def test_signup_json_fields(client: TestClient, body: dict[str, object], field: str, words: str) -> None:
    answer = client.post("/api/v1/auth/signup", json=body)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "invalid_input" and error["field"] == field
    assert words in error["message"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "needs a JSON body"),
        (b"{not json", "isn't valid JSON"),
        (b"[1, 2, 3]", "must be a JSON object"),
        (b'"just a string"', "must be a JSON object"),
    ],
)
def test_malformed_json_bodies(client: TestClient, raw: bytes, words: str) -> None:
    answer = client.post("/api/v1/auth/signup", content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert words in answer.json()["error"]["message"]


def test_a_pair_kind_outside_the_list(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    answer = client.post("/api/v1/pairs", json={"kind": "colleagues"}, headers=ada.auth)
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "kind"
    assert "partners" in answer.json()["error"]["message"]


def test_a_malformed_invite_code(client: TestClient) -> None:
    bo = api_person(client, "Bo")
    answer = client.post("/api/v1/invites/%F0%9F%98%80%20nope/accept", headers=bo.auth)
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "code"


def test_an_oversized_body_is_refused_clearly(client: TestClient) -> None:
    huge = b'{"name": "' + b"x" * 2_000_000 + b'"}'
    answer = client.post("/api/v1/auth/signup", content=huge, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert "too large" in answer.json()["error"]["message"]
    page = client.post(
        "/signup", content=b"name=" + b"x" * 2_000_000, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert page.status_code == 413 and "too large" in page.text


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"name": "", "email": "ada@example.test", "password": "long enough"}, "tell us your name"),
        ({"name": "Ada", "email": "", "password": "long enough"}, "enter your email"),
        ({"name": "Ada", "email": "not-an-email", "password": "long enough"}, "doesn&#39;t look like an email"),
        ({"name": "Ada", "email": "ada@example.test", "password": ""}, "at least 8"),
        ({"name": "A" * 400, "email": "ada@example.test", "password": "long enough"}, "at most 100"),
    ],
)
def test_signup_form_fields_get_422_with_the_message_by_the_field(
    client: TestClient, form: dict[str, str], words: str
) -> None:
    answer = client.post("/signup", data={**form, "csrf_token": csrf_token(client)})
    assert answer.status_code == 422
    assert words in answer.text
    assert 'aria-invalid="true"' in answer.text
    if form["email"]:
        assert form["email"] in answer.text, "what the person typed is kept"


def test_start_pair_form_with_a_bad_kind(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    answer = client.post("/pairs", data={"kind": "strangers", "csrf_token": csrf_token(client)})
    assert answer.status_code == 422 and "partners, friends or family" in answer.text


def test_join_form_with_a_bad_code(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    answer = client.post("/join", data={"code": "??", "csrf_token": csrf_token(client)})
    assert answer.status_code == 422 and "10 letters and digits" in answer.text
    answer = client.post("/join", data={"code": "", "csrf_token": csrf_token(client)})
    assert answer.status_code == 422


def test_unknown_pages_and_methods(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "couldn&#39;t find" in page.text and "<html" in page.text
    api = client.get("/api/v1/nothing-here")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    wrong_method = client.put("/api/v1/auth/signup", json={})
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]["code"] == "method_not_allowed"


def test_the_signup_form_says_everything_that_is_wrong_at_once(client: TestClient) -> None:
    answer = client.post(
        "/signup", data={"name": "", "email": "nope", "password": "short", "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 422
    for words in ("tell us your name", "doesn&#39;t look like an email", "at least 8"):
        assert words in answer.text
    assert answer.text.count('aria-invalid="true"') == 3


def test_a_field_that_should_hold_an_object_is_named(client: TestClient) -> None:
    pair = api_pair(client)
    answer = client.post(f"/api/v1/pairs/{pair.id}/check-ins", json={"answers": "all fine"}, headers=pair.first.auth)
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "answers" and "'answers' must be an object" in answer.text


def test_digits_from_other_scripts_and_impossible_times_are_refused_plainly(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    ada = signed_in(new_client, pair.first)
    token = csrf_token(ada)
    talk = client.post(f"/api/v1/pairs/{pair.id}/weekly/talks", headers=pair.first.auth).json()["id"]
    weekly = f"/pairs/{pair.id}/week"
    for path, fields in (
        (f"{weekly}/plan", {"weekday": "²", "time": "19:30", "minutes": "30"}),
        (f"{weekly}/plan", {"weekday": "1", "time": "١٩:٣٠", "minutes": "30"}),
        (f"{weekly}/plan", {"weekday": "1", "time": "19:30", "minutes": "²"}),
        (f"{weekly}/talks/{talk}/pause", {"resume_at": "9999-12-31T23:59", "tz_offset": "-60"}),
        (f"{weekly}/talks/{talk}/pause", {"resume_at": "0001-01-01T00:00", "tz_offset": ""}),
    ):
        answer = ada.post(path, data={"csrf_token": token, **fields}, follow_redirects=False)
        assert 400 <= answer.status_code < 500, (path, fields, answer.status_code)
    odd_offset = {"csrf_token": token, "resume_at": "2026-06-01T19:00", "tz_offset": "--60"}
    assert ada.post(f"{weekly}/talks/{talk}/pause", data=odd_offset, follow_redirects=False).status_code == 303
    for days in ("²", "9" * 5000):  # not a window nearer offers: the usual one
        shown = ada.get(f"/pairs/{pair.id}/closeness", params={"days": days})
        assert shown.status_code == 200 and "the last 30 days" in shown.text
