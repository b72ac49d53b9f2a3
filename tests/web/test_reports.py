"""Reports made from chat exports: private to their maker until shared, by every route; uploads, progress
and bad files answered plainly."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ApiPerson, api_person, browser_sign_up, csrf_token

EXPORT = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"


@pytest.fixture
def pair(client: TestClient) -> tuple[ApiPerson, ApiPerson, str]:
    ada, bo = api_person(client, "Ada"), api_person(client, "Bo")
    pair_id = client.post("/api/v1/pairs", json={"kind": "partners"}, headers=ada.auth).json()["id"]
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=bo.auth)
    return ada, bo, pair_id


def upload(client: TestClient, person: ApiPerson, pair_id: str, content: bytes = b"", name: str = "chat.txt") -> str:
    body = content or EXPORT.read_bytes()
    made = client.post(
        f"/api/v1/pairs/{pair_id}/reports", files={"export": (name, body, "text/plain")}, data={"me": "Ren"},
        headers=person.auth,
    )  # fmt: skip
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_a_report_is_its_makers_alone_until_shared(client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]) -> None:
    ada, bo, pair_id = pair
    report_id = upload(client, ada, pair_id)
    mine = client.get(f"/api/v1/reports/{report_id}", headers=ada.auth)
    assert mine.status_code == 200 and mine.json()["summary"]["messages"] == {"Ren": 4, "Ash": 3}
    assert mine.json()["mine"] is True and mine.json()["shared"] is False

    missing = client.get("/api/v1/reports/no-such-report", headers=bo.auth)
    assert client.get(f"/api/v1/reports/{report_id}", headers=bo.auth).json() == missing.json()
    assert client.get(f"/api/v1/pairs/{pair_id}/reports", headers=bo.auth).json() == []
    for answer in (
        client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=bo.auth),
        client.delete(f"/api/v1/reports/{report_id}", headers=bo.auth),
    ):
        assert answer.status_code == 404, "the partner can neither share nor delete it"
    assert "Ren" not in client.get("/api/v1/me/export", headers=bo.auth).text
    assert report_id in client.get("/api/v1/me/export", headers=ada.auth).text

    assert client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=ada.auth).status_code == 204
    shared = client.get(f"/api/v1/reports/{report_id}", headers=bo.auth)
    assert shared.status_code == 200 and shared.json()["mine"] is False
    assert [r["id"] for r in client.get(f"/api/v1/pairs/{pair_id}/reports", headers=bo.auth).json()] == [report_id]
    assert client.delete(f"/api/v1/reports/{report_id}", headers=bo.auth).status_code == 404, "still not Bo's"
    assert report_id not in client.get("/api/v1/me/export", headers=bo.auth).text, "shared is not Bo's own"

    client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": False}, headers=ada.auth)
    assert client.get(f"/api/v1/reports/{report_id}", headers=bo.auth).status_code == 404


def test_a_stranger_gets_404_on_every_report_route(client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]) -> None:
    ada, _, pair_id = pair
    report_id = upload(client, ada, pair_id)
    client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=ada.auth)
    eve = api_person(client, "Eve")
    answers = [
        client.get(f"/api/v1/pairs/{pair_id}/reports", headers=eve.auth),
        client.get(f"/api/v1/reports/{report_id}", headers=eve.auth),
        client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": False}, headers=eve.auth),
        client.delete(f"/api/v1/reports/{report_id}", headers=eve.auth),
        client.post(
            f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", EXPORT.read_bytes())}, headers=eve.auth
        ),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert client.get(f"/api/v1/reports/{report_id}", headers=ada.auth).status_code == 200, "untouched"


def test_leaving_the_pair_takes_your_reports_with_you(
    client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada, bo, pair_id = pair
    report_id = upload(client, ada, pair_id)
    client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=ada.auth)
    client.delete(f"/api/v1/pairs/{pair_id}/membership", headers=ada.auth)
    assert client.get(f"/api/v1/reports/{report_id}", headers=bo.auth).status_code == 404
    assert client.get(f"/api/v1/pairs/{pair_id}/reports", headers=bo.auth).json() == []


def test_bad_exports_are_refused_plainly(client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]) -> None:
    ada, _, pair_id = pair
    prose = client.post(
        f"/api/v1/pairs/{pair_id}/reports", files={"export": ("notes.txt", b"dear diary\n")}, headers=ada.auth
    )
    assert prose.status_code == 422 and "Tried whatsapp, telegram" in prose.json()["error"]["message"]
    empty = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("e.txt", b"")}, headers=ada.auth)
    assert empty.status_code == 422 and empty.json()["error"]["message"] == "e.txt is empty."
    stranger = client.post(
        f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", EXPORT.read_bytes())}, data={"me": "Pat"},
        headers=ada.auth,
    )  # fmt: skip
    assert stranger.status_code == 422 and "'Pat' doesn't write in this chat" in stranger.text
    assert client.get(f"/api/v1/pairs/{pair_id}/reports", headers=ada.auth).json() == [], "nothing half-saved"


def test_an_export_may_be_larger_than_other_requests(
    client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada, _, pair_id = pair
    lines = EXPORT.read_bytes() + b"".join(
        f"04/06/2024, {n // 60 % 24:02d}:{n % 60:02d} - Ash: a long day at work, honestly {n}\n".encode()
        for n in range(40_000)
    )
    assert len(lines) > 1_500_000
    report_id = upload(client, ada, pair_id, lines)
    assert client.get(f"/api/v1/reports/{report_id}", headers=ada.auth).json()["summary"]["messages"]["Ash"] > 40_000
    too_big = client.post(
        "/api/v1/pairs", content=b"x" * 1_500_000, headers={**ada.auth, "content-type": "application/json"}
    )
    assert too_big.status_code == 413


def wait_for_report(browser: TestClient, reading: str) -> str:
    for _ in range(200):
        answer = browser.get(reading, follow_redirects=False)
        if answer.status_code == 303:
            return str(answer.headers["location"])
        assert answer.status_code == 200, answer.text
        time.sleep(0.05)
    raise AssertionError("the report never finished")


def test_upload_progress_and_report_pages(
    client: TestClient, new_client: Callable[[], TestClient], pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, _, pair_id = pair
    ada = new_client()
    ada.post("/signin", data={"email": ada_api.email, "password": ada_api.password, "csrf_token": csrf_token(ada)})
    page = ada.get(f"/pairs/{pair_id}")
    assert 'enctype="multipart/form-data"' in page.text and "Read the chat" in page.text
    started = ada.post(
        f"/pairs/{pair_id}/reports", data={"csrf_token": csrf_token(ada), "me": "Ren"},
        files={"export": ("WhatsApp Chat with Ash.txt", EXPORT.read_bytes(), "text/plain")}, follow_redirects=False,
    )  # fmt: skip
    assert started.status_code == 303 and started.headers["location"].startswith("/reports/reading/")
    report_url = wait_for_report(ada, started.headers["location"])
    shown = ada.get(report_url)
    assert shown.status_code == 200 and "How Ren and Ash talk to each other" in shown.text
    assert "Only you can see this report." in shown.text and "Share with Bo" in shown.text
    assert "WhatsApp Chat with Ash.txt" in ada.get(f"/pairs/{pair_id}").text
    download = ada.get(report_url + "/download")
    assert download.headers["content-disposition"].startswith('attachment; filename="nearer report - WhatsApp')
    assert download.text.startswith("<!doctype html>") and "<style>" in download.text

    eve = new_client()
    browser_sign_up(eve, "Eve")
    for path in (report_url, report_url + "/download", started.headers["location"], f"/pairs/{pair_id}"):
        assert eve.get(path, follow_redirects=False).status_code == 404, path
    token = csrf_token(eve)
    for path in (report_url + "/share", report_url + "/delete", f"/pairs/{pair_id}/reports"):
        assert eve.post(path, data={"csrf_token": token}, follow_redirects=False).status_code == 404, path


def test_a_file_that_is_not_a_chat_says_why_on_the_page(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, _, pair_id = pair
    ada = new_client()
    ada.post("/signin", data={"email": ada_api.email, "password": ada_api.password, "csrf_token": csrf_token(ada)})
    empty = ada.post(
        f"/pairs/{pair_id}/reports", data={"csrf_token": csrf_token(ada)}, files={"export": ("x.txt", b"")}
    )
    assert empty.status_code == 422 and "x.txt is empty." in empty.text
    started = ada.post(
        f"/pairs/{pair_id}/reports", data={"csrf_token": csrf_token(ada)},
        files={"export": ("notes.txt", b"dear diary, today was fine\n")}, follow_redirects=False,
    )  # fmt: skip
    reading = started.headers["location"]
    for _ in range(200):
        answer = ada.get(reading)
        if answer.status_code == 422:
            break
        time.sleep(0.05)
    assert answer.status_code == 422 and "couldn't be read" in answer.text
    assert re.search(r"Tried whatsapp, telegram, csv", answer.text)
