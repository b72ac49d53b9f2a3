"""The HTML pages, through the real app: forms, what they show, and what every page carries."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import browser_sign_up, csrf_token, submit

STATIC = Path(__file__).resolve().parents[2] / "src" / "nearer" / "web" / "static"


def start_pair_with_invite(client: TestClient, kind: str = "partners") -> tuple[str, str, str]:
    """Start a pair in the browser and make an invite; returns (pair path, code, link)."""
    made = client.post("/pairs", data={"kind": kind, "csrf_token": csrf_token(client)}, follow_redirects=False)
    assert made.status_code == 303
    pair_path = made.headers["location"]
    invite = client.post(f"{pair_path}/invites", data={"csrf_token": csrf_token(client)})
    assert invite.status_code == 201
    code = re.search(r'aria-label="Invite code">([A-Z0-9-]+)<', invite.text)
    link = re.search(r'id="invite-link" type="text" readonly value="([^"]+)"', invite.text)
    assert code and link
    return pair_path, code.group(1), link.group(1)


def test_sign_up_lands_on_a_welcoming_home(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    home = client.get("/")
    assert home.status_code == 200
    assert "Hello, Ada" in home.text and "You haven't started a pair yet" in home.text


def test_sign_in_with_the_wrong_password_says_so(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    browser_sign_up(client, "Ada")
    other = new_client()
    answer = other.post(
        "/signin", data={"email": "ada@example.test", "password": "not it", "csrf_token": csrf_token(other)}
    )
    assert answer.status_code == 401 and "don&#39;t match an account" in answer.text
    assert 'value="ada@example.test"' in answer.text
    ok = other.post(
        "/signin",
        data={
            "email": "ada@example.test",
            "password": "correct horse",
            "csrf_token": csrf_token(other),
            "next": "/account",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/account"


def test_next_never_leaves_the_site(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    client.post("/signout", data={"csrf_token": csrf_token(client)})
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        answer = client.post(
            "/signin",
            data={
                "email": "ada@example.test",
                "password": "correct horse",
                "csrf_token": csrf_token(client),
                "next": target,
            },
            follow_redirects=False,
        )
        assert answer.headers["location"] == "/"
        client.post("/signout", data={"csrf_token": csrf_token(client)})


def test_invite_by_link_for_someone_signed_out(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    browser_sign_up(client, "Ada")
    pair_path, code, link = start_pair_with_invite(client, "friends")
    assert link.endswith("/join/" + code.replace("-", ""))
    assert code not in client.get(pair_path).text, "a code is shown once, when made; only its hash is kept"

    bo = new_client()
    preview = bo.get(link.replace("http://testserver", ""))
    assert preview.status_code == 200 and "Ada invited you" in preview.text and "friend" in preview.text
    assert "/signup?next=" in preview.text
    bo.post(
        "/signup",
        data={
            "name": "Bo",
            "email": "bo@example.test",
            "password": "correct horse",
            "csrf_token": csrf_token(bo),
            "next": "/join/" + code.replace("-", ""),
        },
    )
    joined = bo.post("/join", data={"code": code, "csrf_token": csrf_token(bo)}, follow_redirects=False)
    assert joined.status_code == 303 and joined.headers["location"] == f"{pair_path}?notice=joined"
    assert "You and Ada" in bo.get(pair_path).text
    assert "You and Bo" in client.get("/").text


def test_making_a_new_invite_replaces_the_old_one(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    browser_sign_up(client, "Ada")
    pair_path, old_code, _ = start_pair_with_invite(client)
    new = client.post(f"{pair_path}/invites", data={"csrf_token": csrf_token(client)})
    new_code = re.search(r'aria-label="Invite code">([A-Z0-9-]+)<', new.text)
    assert new_code and new_code.group(1) != old_code
    bo = new_client()
    assert bo.get(f"/join/{old_code}").status_code == 404


def test_leaving_a_pair_from_its_page(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    pair_path, _, _ = start_pair_with_invite(client)
    left = client.post(f"{pair_path}/leave", data={"csrf_token": csrf_token(client)})
    assert "You&#39;ve left the pair." in left.text
    assert client.get(pair_path).status_code == 404


def test_account_change_password_export_and_delete(client: TestClient, new_client: Callable[[], TestClient]) -> None:
    browser_sign_up(client, "Ada")
    start_pair_with_invite(client, "family")
    elsewhere = new_client()
    browser_sign_up_or_in(elsewhere, "ada@example.test", "correct horse")
    wrong = submit(client, "/account", "/account/password", {"current_password": "nope", "new_password": "another one"})
    assert wrong.status_code == 422 and "current password isn&#39;t right" in wrong.text
    old_cookie = client.cookies.get("nearer_session")
    changed = submit(
        client, "/account", "/account/password", {"current_password": "correct horse", "new_password": "another one"}
    )
    assert changed.status_code == 200 and "Your password is changed" in changed.text
    assert client.cookies.get("nearer_session") != old_cookie, "this browser gets a fresh session"
    assert elsewhere.get("/", follow_redirects=False).status_code == 303, "other browsers are signed out"

    export = client.get("/account/export")
    assert export.headers["content-disposition"].startswith('attachment; filename="nearer-my-data-')
    data = json.loads(export.text)
    assert data["person"]["name"] == "Ada" and data["pairs"][0]["kind"] == "family"

    kept = submit(client, "/account", "/account/delete", {"delete_password": "correct horse"})
    assert kept.status_code == 422 and "nothing was deleted" in kept.text
    gone = submit(client, "/account", "/account/delete", {"delete_password": "another one"})
    assert "Your account and everything in it have been deleted" in gone.text
    assert client.get("/", follow_redirects=False).status_code == 303
    other = new_client()
    again = other.post(
        "/signin", data={"email": "ada@example.test", "password": "another one", "csrf_token": csrf_token(other)}
    )
    assert again.status_code == 401


def browser_sign_up_or_in(client: TestClient, email: str, password: str) -> None:
    signed_in = client.post(
        "/signin", data={"email": email, "password": password, "csrf_token": csrf_token(client)}, follow_redirects=False
    )
    assert signed_in.status_code == 303


def test_every_page_has_the_quick_exit_and_the_away_page_is_neutral(client: TestClient) -> None:
    pages = [client.get("/signin"), client.get("/signup"), client.get("/no-such-page")]
    browser_sign_up(client, "Ada")
    pair_path, code, _ = start_pair_with_invite(client)
    pages += [client.get("/"), client.get("/account"), client.get(pair_path), client.get(f"/join/{code}")]
    for page in pages:
        assert 'href="/away" data-quick-exit' in page.text, page.url
    away = client.get("/away")
    assert away.status_code == 200
    assert "nearer" not in away.text.lower() and "data-quick-exit" not in away.text


def test_pages_are_private_and_load_nothing_from_outside(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    page = client.get("/")
    assert page.headers["cache-control"] == "no-store"
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert page.headers["x-frame-options"] == "DENY"
    external = re.findall(r'(?:src|href)="(https?:)?//', page.text)
    assert external == []
    for asset in STATIC.rglob("*"):
        if asset.suffix in {".css", ".js", ".html"} and "vendor" not in asset.parts:
            assert not re.search(r"https?://", asset.read_text()), asset


def test_static_assets_are_served(client: TestClient) -> None:
    for path in ("/static/nearer.css", "/static/nearer.js", "/static/vendor/htmx-2.0.11.min.js"):
        assert client.get(path).status_code == 200, path
