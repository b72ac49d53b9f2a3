"""What the review of the foundation found, each pinned by a test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fastapi.testclient import TestClient

from nearer.settings import Settings
from nearer.store.database import Database
from nearer.web import create_app
from tests.conftest import QUICK_PASSWORDS, MovableClock, api_person, browser_sign_up, csrf_token, submit


def test_other_host_names_get_nothing(client: TestClient) -> None:
    answer = client.get("/signin", headers={"Host": "rebound.example"})
    assert answer.status_code == 400 and "nearer" not in answer.text
    assert client.get("/signin", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_the_default_hosts_are_only_this_machine() -> None:
    assert Settings.from_env({"NEARER_HOME": "/tmp/x"}).allowed_hosts == ("127.0.0.1", "localhost", "::1", "[::1]")
    extra = Settings.from_env({"NEARER_HOME": "/tmp/x", "NEARER_ALLOWED_HOSTS": "nearer.home.arpa, 192.168.1.5"})
    assert extra.allowed_hosts[-2:] == ("nearer.home.arpa", "192.168.1.5")


def test_a_signed_out_form_post_returns_to_its_page_after_sign_in(client: TestClient) -> None:
    token = csrf_token(client)
    for action, page in [("/pairs/abc/invites", "/pairs/abc"), ("/account/password", "/account"), ("/join", "/")]:
        answer = client.post(action, data={"csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/signin?next=" + page


def test_htmx_is_told_to_go_and_sign_in(client: TestClient) -> None:
    answer = client.post("/pairs/abc/invites", data={"csrf_token": csrf_token(client)}, headers={"HX-Request": "true"})
    assert answer.status_code == 204
    assert answer.headers["HX-Redirect"] == "/signin?next=/pairs/abc"


def test_sign_ups_from_one_place_are_limited(settings: Settings, database: Database, clock: MovableClock) -> None:
    app = create_app(
        replace(settings, sign_ups_allowed_per_client=2), database=database, clock=clock, passwords=QUICK_PASSWORDS
    )
    with TestClient(app) as client:
        api_person(client, "Ada")
        api_person(client, "Bo")
        third = client.post(
            "/api/v1/auth/signup", json={"name": "Cy", "email": "cy@example.test", "password": "long enough"}
        )
        assert third.status_code == 429 and "Too many new accounts" in third.json()["error"]["message"]
        page = client.post(
            "/signup",
            data={
                "name": "Di",
                "email": "di@example.test",
                "password": "long enough",
                "csrf_token": csrf_token(client),
            },
        )
        assert page.status_code == 429 and int(page.headers["Retry-After"]) > 0


def test_signing_in_again_ends_the_earlier_session(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    browser_sign_up(client, "Ada")
    first = client.cookies.get("nearer_session") or ""
    client.post(  # as a second tab would, straight to the form
        "/signin",
        data={"email": "ada@example.test", "password": "correct horse", "csrf_token": csrf_token(client)},
    )
    assert client.cookies.get("nearer_session") not in {None, first}
    assert client.get("/", follow_redirects=False).status_code == 200
    replay = new_client()
    replay.cookies.set("nearer_session", first)
    assert replay.get("/", follow_redirects=False).status_code == 303, "the earlier session no longer works"


def test_your_own_invite_link_says_so(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "partners"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    client.post("/signin", data={"email": ada.email, "password": ada.password, "csrf_token": csrf_token(client)})
    page = client.get(f"/join/{code}")
    assert "This is your own invite" in page.text and f"/pairs/{pair_id}" in page.text
    assert "Join Ada" not in page.text


def test_a_pair_someone_left_says_so_and_offers_no_invite(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    ada, bo = api_person(client, "Ada"), api_person(client, "Bo")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth)
    assert client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth).json() == {"pair_id": pair_id}
    client.delete(f"/api/v1/pairs/{pair_id}/membership", headers=bo.auth)
    assert client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).status_code == 409
    browser = new_client()
    browser.post("/signin", data={"email": ada.email, "password": ada.password, "csrf_token": csrf_token(browser)})
    page = browser.get(f"/pairs/{pair_id}")
    assert "Your friend has left" in page.text and "Make an invite" not in page.text


def test_quick_exit_signs_the_browser_out(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    answer = submit_quick_exit(client)
    assert answer.status_code == 204
    assert client.get("/", follow_redirects=False).status_code == 303


def submit_quick_exit(client: TestClient):  # type: ignore[no-untyped-def]
    token = client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]
    return client.post("/quick-exit", data={"csrf_token": token})


def test_submit_refuses_a_field_the_form_lacks(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    try:
        submit(client, "/account", "/account/delete", {"password": "x"})
    except AssertionError as exc:
        assert "has no field {'password'}" in str(exc)
    else:
        raise AssertionError("submit accepted a field the form does not have")
