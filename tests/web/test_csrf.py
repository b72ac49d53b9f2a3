"""Every HTML form route refuses a post without the CSRF token; the API (Bearer tokens) needs none."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from nearer.web.app import PAGE_ROUTERS
from tests.conftest import browser_sign_up, csrf_token, submit


def html_post_routes(app: FastAPI, pair_id: str = "some-pair") -> list[str]:
    found = []
    for router in PAGE_ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and "POST" in route.methods:
                found.append(route.path.replace("{pair_id}", pair_id))
    return found


def test_there_are_form_routes_to_check(app: FastAPI) -> None:
    assert {"/signup", "/signin", "/signout", "/pairs", "/join", "/account/delete"} <= set(html_post_routes(app))


def test_every_form_route_refuses_a_missing_or_wrong_token(app: FastAPI, client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    # Her own pair: an upload route settles who is asking before it reads the form, so a stranger's pair
    # would answer 404 before the token is looked at.
    started = submit(client, "/", "/pairs", {"kind": "partners"}, follow_redirects=False)
    pair_id = started.headers["location"].rsplit("/", 1)[-1].split("?")[0]
    for path in html_post_routes(app, pair_id):
        for data in ({}, {"csrf_token": "forged"}):
            # The upload form is multipart: its route reads that as it arrives, and nothing else.
            upload = {"files": {"export": ("chat.txt", b"hi")}} if path.endswith("/reports") else {}
            answer = client.post(path, data=data, follow_redirects=False, **upload)
            assert answer.status_code == 403, f"{path} accepted {data}"
            assert "out of date or sent from somewhere else" in answer.text


def test_a_token_from_another_browser_does_not_work(client: TestClient, new_client: object) -> None:
    other = new_client()  # type: ignore[operator]
    stolen = csrf_token(other)
    own = csrf_token(client)  # this browser has its own token cookie, different from the stolen one
    assert own != stolen
    answer = client.post(
        "/signup",
        data={"name": "Ada", "email": "ada@example.test", "password": "long enough", "csrf_token": stolen},
    )
    assert answer.status_code == 403


def test_every_page_with_a_form_carries_the_token(client: TestClient) -> None:
    browser_sign_up(client, "Ada")
    token = client.cookies.get("nearer_csrf")
    for path in ("/", "/account"):
        page = client.get(path).text
        assert page.count("<form") == page.count(f'name="csrf_token" value="{token}"'), path
