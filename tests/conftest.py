"""Shared fixtures: a real SQLite file per test, the real app, and a clock tests can move."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nearer.people.passwords import Passwords
from nearer.settings import Settings
from nearer.store.database import Database, open_database
from nearer.web import create_app

QUICK_PASSWORDS = Passwords.quick()


@dataclass
class MovableClock:
    """A clock a test sets and moves; the app asks it the time instead of the system."""

    now: datetime = field(default_factory=lambda: datetime(2026, 5, 4, 9, 30, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


TEST_HOSTS = ("127.0.0.1", "localhost", "testserver", "nearer.example")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(Settings.for_home(tmp_path / "nearer-home"), allowed_hosts=TEST_HOSTS)


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = open_database(settings.database_url)
    yield db
    db.close()


@pytest.fixture
def app(settings: Settings, database: Database, clock: MovableClock) -> FastAPI:
    return create_app(settings, database=database, clock=clock, passwords=QUICK_PASSWORDS)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def new_client(app: FastAPI) -> Iterator[Callable[[], TestClient]]:
    """Makes more clients (more browsers or API callers) on the same app."""
    made: list[TestClient] = []

    def make() -> TestClient:
        made.append(TestClient(app).__enter__())
        return made[-1]

    yield make
    for one in made:
        one.__exit__(None, None, None)


@dataclass
class ApiPerson:
    """A person who signed up through the API, with their token."""

    id: str
    email: str
    password: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def api_person(client: TestClient, name: str, email: str | None = None, password: str = "correct horse") -> ApiPerson:
    email = email or f"{name.lower()}@example.test"
    made = client.post("/api/v1/auth/signup", json={"name": name, "email": email, "password": password})
    assert made.status_code == 201, made.text
    token = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert token.status_code == 200, token.text
    return ApiPerson(id=made.json()["id"], email=email, password=password, token=token.json()["token"])


def csrf_token(client: TestClient) -> str:
    """The CSRF token a page would carry, read from a real page's hidden field."""
    page = client.get("/signin")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if match is None:  # signed in: /signin redirects home, which carries it too
        match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert match is not None
    return match.group(1)


def browser_sign_up(client: TestClient, name: str, email: str | None = None, password: str = "correct horse") -> None:
    email = email or f"{name.lower()}@example.test"
    response = client.post(
        "/signup",
        data={"name": name, "email": email, "password": password, "csrf_token": csrf_token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def submit(client: TestClient, page: str, action: str, values: dict[str, str], **options: Any) -> httpx2.Response:
    """Post a page's form as a browser would: its own hidden fields, and only fields the form has.

    A test that posts a field the real form lacks fails here instead of passing by accident.
    """
    html = client.get(page).text
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, f"{page} has no form that posts to {action}"
    names = set(re.findall(r'name="([^"]+)"', form.group(1)))
    assert set(values) <= names, f"the form on {page} has no field {set(values) - names}"
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)))
    return client.post(action, data={**data, **values}, **options)


@dataclass
class ApiPair:
    """Two people paired through the API, and a stranger who is in no pair with them."""

    first: ApiPerson
    second: ApiPerson
    stranger: ApiPerson
    id: str


def api_pair(client: TestClient, kind: str = "partners", names: tuple[str, str] = ("Ada", "Bo")) -> ApiPair:
    first, second, stranger = api_person(client, names[0]), api_person(client, names[1]), api_person(client, "Cy")
    pair_id = client.post("/api/v1/pairs", json={"kind": kind}, headers=first.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=first.auth).json()["code"]
    accepted = client.post(f"/api/v1/invites/{code}/accept", headers=second.auth)
    assert accepted.status_code in (200, 201), accepted.text
    return ApiPair(first, second, stranger, pair_id)


def signed_in(new_client: Callable[[], TestClient], person: ApiPerson) -> TestClient:
    """A new browser, signed in through the sign-in page as a person made through the API."""
    browser = new_client()
    token = csrf_token(browser)
    browser.post("/signin", data={"email": person.email, "password": person.password, "csrf_token": token})
    return browser
