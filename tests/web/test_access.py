"""Access: outsiders get 404 on a pair by every route, invites work once, signed-out browsers go to sign in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import MovableClock, api_person, browser_sign_up, csrf_token


@pytest.fixture
def pair_of_two(client: TestClient) -> dict[str, object]:
    ada, bo = api_person(client, "Ada"), api_person(client, "Bo")
    pair_id = client.post("/api/v1/pairs", json={"kind": "partners"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth)
    return {"ada": ada, "bo": bo, "pair_id": pair_id}


def test_a_stranger_gets_404_on_every_api_route_of_the_pair(client: TestClient, pair_of_two: dict[str, object]) -> None:
    eve = api_person(client, "Eve")
    pair_id = pair_of_two["pair_id"]
    answers = [
        client.get(f"/api/v1/pairs/{pair_id}", headers=eve.auth),
        client.post(f"/api/v1/pairs/{pair_id}/invites", headers=eve.auth),
        client.delete(f"/api/v1/pairs/{pair_id}/membership", headers=eve.auth),
    ]
    missing = client.get("/api/v1/pairs/no-such-pair", headers=eve.auth)
    for answer in answers:
        assert answer.status_code == 404
        assert answer.json() == missing.json(), "an outsider learns nothing a missing pair wouldn't tell"
    assert client.get("/api/v1/pairs", headers=eve.auth).json() == []
    assert "Ada" not in client.get("/api/v1/me/export", headers=eve.auth).text


def test_a_stranger_gets_404_on_every_page_of_the_pair(
    client: TestClient, new_client: Callable[[], TestClient], pair_of_two: dict[str, object]
) -> None:
    pair_id = pair_of_two["pair_id"]
    eve = new_client()
    browser_sign_up(eve, "Eve")
    token = csrf_token(eve)
    page = eve.get(f"/pairs/{pair_id}")
    assert page.status_code == 404
    assert "Ada" not in page.text and "Bo" not in page.text
    for path in (f"/pairs/{pair_id}/invites", f"/pairs/{pair_id}/leave"):
        answer = eve.post(path, data={"csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 404, path
    # the pair is untouched
    ada = pair_of_two["ada"]
    assert client.get(f"/api/v1/pairs/{pair_id}", headers=ada.auth).json()["complete"] is True  # type: ignore[attr-defined]


def test_an_invite_cannot_be_used_twice(client: TestClient) -> None:
    ada, bo, cy = api_person(client, "Ada"), api_person(client, "Bo"), api_person(client, "Cy")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    assert client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth).status_code == 200
    again = client.post(f"/api/v1/invites/{code}/accept", headers=cy.auth)
    assert again.status_code == 410 and "already been used" in again.json()["error"]["message"]
    assert client.get(f"/api/v1/pairs/{pair_id}", headers=cy.auth).status_code == 404


def test_an_invite_cannot_be_used_after_expiry(client: TestClient, clock: MovableClock) -> None:
    ada, bo = api_person(client, "Ada"), api_person(client, "Bo")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    clock.advance(timedelta(days=7, minutes=1))
    late = client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth)
    assert late.status_code == 410 and "expired" in late.json()["error"]["message"]
    assert client.get(f"/join/{code}").status_code == 410


@pytest.mark.parametrize("path", ["/", "/account", "/account/export", "/pairs/anything"])
def test_a_signed_out_browser_is_sent_to_sign_in(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/signin?next=")


def test_signing_out_ends_the_session(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    assert client.get("/", follow_redirects=False).status_code == 200
    stolen_cookie = client.cookies.get("nearer_session")
    client.post("/signout", data={"csrf_token": csrf_token(client)})
    assert client.get("/", follow_redirects=False).status_code == 303
    client.cookies.set("nearer_session", stolen_cookie or "")
    assert client.get("/", follow_redirects=False).status_code == 303, "the old cookie no longer works"


def test_session_cookie_is_httponly_and_samesite_lax(client: TestClient) -> None:
    token = csrf_token(client)
    answer = client.post(
        "/signup",
        data={"name": "Ada", "email": "ada@example.test", "password": "long enough", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith("nearer_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


def test_cookies_are_secure_behind_https(app: object) -> None:
    with TestClient(app, base_url="https://nearer.example") as secure:  # type: ignore[arg-type]
        token = csrf_token(secure)
        answer = secure.post(
            "/signup",
            data={"name": "Ada", "email": "ada@example.test", "password": "long enough", "csrf_token": token},
            follow_redirects=False,
        )
        cookie = next(
            v for k, v in answer.headers.multi_items() if k == "set-cookie" and v.startswith("nearer_session=")
        )
        assert "Secure" in cookie
