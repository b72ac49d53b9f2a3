"""An unexpected failure shows a kind page or JSON error, never a traceback."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from nearer.store.database import Database
from tests.conftest import browser_sign_up


def test_a_broken_database_gives_a_plain_500_not_a_traceback(app: FastAPI, database: Database) -> None:
    with TestClient(app, raise_server_exceptions=False) as client:
        browser_sign_up(client, "Ada")
        with database.engine.begin() as conn:
            conn.execute(text("DROP TABLE memberships"))
        page = client.get("/")
        assert page.status_code == 500
        assert "Something went wrong on our side" in page.text
        assert "Traceback" not in page.text and "sqlite" not in page.text.lower()
        assert (
            page.headers["cache-control"] == "no-store"
            and "default-src 'self'" in page.headers["content-security-policy"]
        )
        api = client.post(
            "/api/v1/auth/signup", json={"name": "Bo", "email": "bo@example.test", "password": "long enough"}
        )
        with database.engine.begin() as conn:
            conn.execute(text("DROP TABLE people"))
        api = client.post("/api/v1/auth/token", json={"email": "bo@example.test", "password": "long enough"})
        assert api.status_code == 500
        assert api.json() == {
            "error": {
                "code": "internal_error",
                "message": "Sorry, something went wrong on our side. Please try again in a moment.",
            }
        }


def test_every_response_reports_its_server_time(client: TestClient) -> None:
    answer = client.get("/signin")
    name, _, duration = answer.headers["server-timing"].partition(";dur=")
    assert name == "app" and float(duration) >= 0
