"""Reports made from chat exports: private to their maker until shared, by every route; uploads, progress
and bad files answered plainly."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from nearer.settings import Settings
from nearer.store.database import Database
from nearer.web import create_app
from nearer.web.jobs import Job
from nearer.web.uploads import _safe_name
from tests.conftest import QUICK_PASSWORDS, ApiPerson, MovableClock, api_person, browser_sign_up, csrf_token, signed_in

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


def page_upload(browser: TestClient, pair_id: str, content: bytes, name: str = "chat.txt", **fields: str) -> Response:
    return browser.post(
        f"/pairs/{pair_id}/reports", data={"csrf_token": csrf_token(browser), **fields},
        files={"export": (name, content, "text/plain")}, follow_redirects=False,
    )  # fmt: skip


def wait_for_problem(browser: TestClient, reading: str) -> str:
    for _ in range(200):
        answer = browser.get(reading)
        if answer.status_code == 422:
            return answer.text
        assert answer.status_code == 200, answer.text
        time.sleep(0.05)
    raise AssertionError("the reading never failed")


def uploads_left(settings: Settings) -> list[str]:
    folder = settings.upload_folder
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_partner_gets_404_on_an_unshared_report_by_every_route(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, bo_api, pair_id = pair
    ada, bo = signed_in(new_client, ada_api), signed_in(new_client, bo_api)
    reading = page_upload(ada, pair_id, EXPORT.read_bytes(), me="Ren").headers["location"]
    report_url = wait_for_report(ada, reading)
    report_id = report_url.rsplit("/", 1)[-1]

    def bo_answers() -> dict[str, int]:
        token = csrf_token(bo)
        return {
            "page": bo.get(report_url).status_code,
            "download": bo.get(report_url + "/download").status_code,
            "reading": bo.get(reading, follow_redirects=False).status_code,
            "share": bo.post(report_url + "/share", data={"csrf_token": token, "shared": "yes"}).status_code,
            "stop sharing": bo.post(report_url + "/share", data={"csrf_token": token, "shared": "no"}).status_code,
            "delete": bo.post(report_url + "/delete", data={"csrf_token": token}).status_code,
            "api read": client.get(f"/api/v1/reports/{report_id}", headers=bo_api.auth).status_code,
            "api share": client.put(
                f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=bo_api.auth
            ).status_code,
            "api delete": client.delete(f"/api/v1/reports/{report_id}", headers=bo_api.auth).status_code,
        }

    assert bo_answers() == dict.fromkeys(bo_answers(), 404)
    assert client.get(f"/api/v1/pairs/{pair_id}/reports", headers=bo_api.auth).json() == []
    assert report_id not in bo.get(f"/pairs/{pair_id}").text and "chat.txt" not in bo.get(f"/pairs/{pair_id}").text
    assert ada.get(report_url).status_code == 200, "all of that left Ada's report as it was"

    ada.post(report_url + "/share", data={"csrf_token": csrf_token(ada), "shared": "yes"})
    assert bo.get(report_url).status_code == 200 and bo.get(report_url + "/download").status_code == 200
    shared = bo_answers()
    assert {k: v for k, v in shared.items() if k not in ("page", "download", "api read")} == {
        "reading": 404, "share": 404, "stop sharing": 404, "delete": 404, "api share": 404, "api delete": 404
    }, "shared to read, but still Ada's to share, stop sharing and delete; and her upload is still hers"  # fmt: skip
    assert ada.get(report_url).status_code == 200


def test_sharing_takes_an_explicit_yes(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, bo_api, pair_id = pair
    ada = signed_in(new_client, ada_api)
    report_id = upload(client, ada_api, pair_id)
    for unclear in ({}, {"shared": ""}, {"shared": "true"}, {"shared": "YES please"}):
        ada.post(f"/reports/{report_id}/share", data={"csrf_token": csrf_token(ada), **unclear})
        assert client.get(f"/api/v1/reports/{report_id}", headers=bo_api.auth).status_code == 404, unclear
    ada.post(f"/reports/{report_id}/share", data={"csrf_token": csrf_token(ada), "shared": "yes"})
    assert client.get(f"/api/v1/reports/{report_id}", headers=bo_api.auth).status_code == 200
    ada.post(f"/reports/{report_id}/share", data={"csrf_token": csrf_token(ada), "shared": "maybe"})
    assert client.get(f"/api/v1/reports/{report_id}", headers=bo_api.auth).status_code == 404, "unclear is private"


def test_a_report_cannot_be_shared_with_nobody(new_client: Callable[[], TestClient], client: TestClient) -> None:
    ada_api = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada_api.auth).json()["id"]
    report_id = upload(client, ada_api, pair_id)
    ada = signed_in(new_client, ada_api)
    page = ada.get(f"/reports/{report_id}")
    assert "Nobody else has joined this pair yet" in page.text and "invite your friend" in page.text
    assert 'name="shared" value="yes"' not in page.text, "no share button with nobody to share with"
    shared = ada.post(f"/reports/{report_id}/share", data={"csrf_token": csrf_token(ada), "shared": "yes"})
    assert shared.status_code == 409 and "nobody to share this report with" in shared.text
    api = client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=ada_api.auth)
    assert api.status_code == 409 and "Invite your friend" in api.json()["error"]["message"]
    assert client.get(f"/api/v1/reports/{report_id}", headers=ada_api.auth).json()["shared"] is False

    bo_api = api_person(client, "Bo")
    code = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada_api.auth).json()["code"]
    client.post(f"/api/v1/invites/{code}/accept", headers=bo_api.auth)
    client.delete(f"/api/v1/pairs/{pair_id}/membership", headers=bo_api.auth)
    assert "Your friend has left this pair" in ada.get(f"/reports/{report_id}").text
    api = client.put(f"/api/v1/reports/{report_id}/shared", json={"shared": True}, headers=ada_api.auth)
    assert api.status_code == 409 and "has left this pair" in api.json()["error"]["message"]


def test_a_third_report_at_once_is_asked_to_wait(
    app: FastAPI, new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str],
    settings: Settings,
) -> None:  # fmt: skip
    ada_api, bo_api, pair_id = pair
    jobs = app.state.nearer.jobs
    go_on = threading.Event()

    def slow(job: Job) -> str:
        go_on.wait(10)
        return "done"

    running = [jobs.start(ada_api.id, pair_id, slow) for _ in range(2)]
    ada = signed_in(new_client, ada_api)
    page = page_upload(ada, pair_id, EXPORT.read_bytes())
    assert page.status_code == 409 and "A report is already being read for you; wait for it" in page.text
    assert "Read the chat" in page.text, "the pair's page, with its form, says so"
    api = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", EXPORT.read_bytes())},
                      headers=ada_api.auth)  # fmt: skip
    assert api.status_code == 409 and api.json()["error"]["message"].startswith("A report is already being read")
    assert uploads_left(settings) == []
    upload(client, bo_api, pair_id)  # Bo's own reports are not held up by Ada's

    go_on.set()
    for job in running:
        for _ in range(100):
            if job.finished_at is not None:
                break
            time.sleep(0.02)
    upload(client, ada_api, pair_id)
    assert page_upload(ada, pair_id, EXPORT.read_bytes()).status_code == 303


def test_nothing_of_an_export_is_left_behind(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str], settings: Settings
) -> None:
    ada_api, _, pair_id = pair
    assert settings.upload_folder.parent == settings.home
    upload(client, ada_api, pair_id)
    for name, content in (("notes.txt", b"dear diary\n"), ("e.txt", b"")):
        answer = client.post(
            f"/api/v1/pairs/{pair_id}/reports", files={"export": (name, content)}, headers=ada_api.auth
        )
        assert answer.status_code == 422
    assert uploads_left(settings) == []

    ada = signed_in(new_client, ada_api)
    problem = wait_for_problem(ada, page_upload(ada, pair_id, b"dear diary, today was fine\n").headers["location"])
    assert "Tried whatsapp" in problem
    assert page_upload(ada, pair_id, b"").status_code == 422
    forged = ada.post(
        f"/pairs/{pair_id}/reports", data={"csrf_token": "not-the-token"},
        files={"export": ("chat.txt", EXPORT.read_bytes())}, follow_redirects=False,
    )  # fmt: skip
    assert forged.status_code == 403 and "out of date or sent from somewhere else" in forged.text
    no_token = ada.post(f"/pairs/{pair_id}/reports", files={"export": ("chat.txt", EXPORT.read_bytes())})
    assert no_token.status_code == 403, "a member's form is checked once it has arrived"
    assert uploads_left(settings) == []


def test_an_upload_over_the_limit_leaves_nothing(settings: Settings, database: Database, clock: MovableClock) -> None:
    small = replace(settings, max_upload_bytes=50_000)
    with TestClient(create_app(small, database=database, clock=clock, passwords=QUICK_PASSWORDS)) as client:
        ada = api_person(client, "Ada")
        pair_id = client.post("/api/v1/pairs", json={"kind": "partners"}, headers=ada.auth).json()["id"]
        big = EXPORT.read_bytes() * 400
        answer = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", big)}, headers=ada.auth)
        assert answer.status_code == 413 and "at most 50 KB" in answer.json()["error"]["message"]
        assert uploads_left(small) == []
        assert client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", EXPORT.read_bytes())},
                           headers=ada.auth).status_code == 201  # fmt: skip


def test_the_upload_folder_is_emptied_when_the_app_starts(
    settings: Settings, database: Database, clock: MovableClock
) -> None:
    settings.upload_folder.mkdir(parents=True, exist_ok=True)
    (settings.upload_folder / "export-from-before-a-crash.txt").write_text("Ana: my secrets", encoding="utf-8")
    (settings.upload_folder / "half").mkdir()
    create_app(settings, database=database, clock=clock, passwords=QUICK_PASSWORDS)
    assert settings.upload_folder.is_dir() and uploads_left(settings) == []


def multipart(fields: dict[str, str], content: bytes, name: str = "chat.txt") -> tuple[str, bytes]:
    boundary = "nearer-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="export"; filename="{name}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()


@dataclass
class Sent:
    status: int
    chunks_taken: int
    seen_while_sending: list[int]  # the sizes of the files in the upload folder, as each chunk was taken


def send_straight(
    app: FastAPI, path: str, headers: dict[str, str], body: bytes, folder: Path, *, break_off_after: int | None = None
) -> Sent:
    """Send a request to the app itself, 64 KB at a time, counting how much of the body it takes."""
    chunks = [body[at : at + 65_536] for at in range(0, len(body), 65_536)]
    sent = Sent(0, 0, [])

    async def receive() -> dict[str, Any]:
        if sent.chunks_taken == (len(chunks) if break_off_after is None else break_off_after):
            return {"type": "http.disconnect"}
        sent.seen_while_sending.append(sum(p.stat().st_size for p in folder.glob("*")) if folder.exists() else 0)
        sent.chunks_taken += 1
        more = sent.chunks_taken < len(chunks)
        return {"type": "http.request", "body": chunks[sent.chunks_taken - 1], "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.status = message["status"]

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80), "state": {},
        "headers": [(b"host", b"testserver"), (b"content-length", str(len(body)).encode())]
        + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }  # fmt: skip
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as own_thread:
        own_thread.submit(anyio.run, app, scope, receive, send).result()
    return sent


def test_who_is_sending_is_settled_before_a_byte_of_the_export_is_read(
    app: FastAPI, client: TestClient, new_client: Callable[[], TestClient], pair: tuple[ApiPerson, ApiPerson, str],
    settings: Settings,
) -> None:  # fmt: skip
    ada_api, _, pair_id = pair
    eve_api = api_person(client, "Eve")
    eve = signed_in(new_client, eve_api)
    cookies = f"nearer_session={eve.cookies.get('nearer_session')}; nearer_csrf={eve.cookies.get('nearer_csrf')}"
    content_type, body = multipart({"csrf_token": eve.cookies.get("nearer_csrf") or ""}, b"x" * 3_000_000)
    api, page = f"/api/v1/pairs/{pair_id}/reports", f"/pairs/{pair_id}/reports"
    asking = {
        "signed out, API": (api, {}, 401),
        "a stranger's token": (api, {"authorization": f"Bearer {eve_api.token}"}, 404),
        "a bad token": (api, {"authorization": "Bearer not-a-token"}, 401),
        "signed out, page": (page, {}, 303),
        "a stranger's browser": (page, {"cookie": cookies}, 404),
        "no such pair": ("/api/v1/pairs/no-such-pair/reports", {"authorization": f"Bearer {eve_api.token}"}, 404),
    }  # fmt: skip
    for who, (path, headers, status) in asking.items():
        sent = send_straight(app, path, {"content-type": content_type, **headers}, body, settings.upload_folder)
        assert (sent.status, sent.chunks_taken) == (status, 0), who
    assert uploads_left(settings) == []

    ada = {"authorization": f"Bearer {ada_api.token}"}
    content_type, body = multipart({"me": "Ren"}, EXPORT.read_bytes() * 2_000)  # about 1.2 MB, more than a form
    sent = send_straight(app, api, {"content-type": content_type, **ada}, body, settings.upload_folder)
    assert sent.status == 201 and sent.chunks_taken == len(body) // 65_536 + 1
    assert 0 < sent.seen_while_sending[5] < sent.seen_while_sending[-1] < len(body), (
        "written as it came, a chunk at a time"
    )
    assert uploads_left(settings) == []

    broken = send_straight(
        app, api, {"content-type": content_type, **ada}, body, settings.upload_folder, break_off_after=5
    )
    assert broken.chunks_taken == 5 and broken.seen_while_sending[-1] > 0, "the file was begun"
    assert uploads_left(settings) == [], "and removed when the sender went away"


EXPORTS = EXPORT.parent


def test_the_owner_is_told_what_the_importer_noticed(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, bo_api, pair_id = pair
    ada, bo = signed_in(new_client, ada_api), signed_in(new_client, bo_api)
    ambiguous = (EXPORTS / "whatsapp-ambiguous.txt").read_bytes()
    guessed = wait_for_report(ada, page_upload(ada, pair_id, ambiguous).headers["location"])
    page = ada.get(guessed).text
    assert "What nearer noticed while reading the file" in page and "it was read as day/month/year" in page
    assert "read it again and choose how dates are written" in page and "--date-order" not in page
    api = client.get(f"/api/v1/reports/{guessed.rsplit('/', 1)[-1]}", headers=ada_api.auth).json()["summary"]
    assert api["warnings"] and "--date-order" not in api["warnings"][0]

    broken = EXPORT.read_bytes().replace(b"Ash:", b"Ash: caf\xe9", 1)  # one line in another encoding
    report_url = wait_for_report(ada, page_upload(ada, pair_id, broken, "broken.txt").headers["location"])
    page = ada.get(report_url).text
    assert "One line of the file couldn't be read, so it is not in this report" in page
    assert re.search(r"Line \d+ has bytes that are not UTF-8", page)

    plain = wait_for_report(ada, page_upload(ada, pair_id, EXPORT.read_bytes(), date_order="dmy").headers["location"])
    assert "What nearer noticed" not in ada.get(plain).text, "nothing to say about a file read cleanly"

    ada.post(report_url + "/share", data={"csrf_token": csrf_token(ada), "shared": "yes"})
    assert "Ash" in bo.get(report_url).text and "What nearer noticed" not in bo.get(report_url).text, "the maker's"


def test_the_form_says_how_dates_are_written_and_which_chat(
    new_client: Callable[[], TestClient], client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada_api, _, pair_id = pair
    ada = signed_in(new_client, ada_api)
    form = ada.get(f"/pairs/{pair_id}").text
    assert "Dates are written" in form and 'name="date_order"' in form and 'value="mdy"' in form
    assert "Which chat" in form and 'name="chat_name"' in form

    ambiguous = (EXPORTS / "whatsapp-ambiguous.txt").read_bytes()
    told = wait_for_report(ada, page_upload(ada, pair_id, ambiguous, date_order="mdy").headers["location"])
    summary = client.get(f"/api/v1/reports/{told.rsplit('/', 1)[-1]}", headers=ada_api.auth).json()["summary"]
    assert summary["first_message_at"].startswith("2022-01-02") and summary["warnings"] == []
    assert "What nearer noticed" not in ada.get(told).text

    wrong = page_upload(ada, pair_id, ambiguous, date_order="dym", me="Sam", chat_name="x")
    assert wrong.status_code == 422 and "Choose how dates are written" in wrong.text
    assert 'value="Sam"' in wrong.text and 'value="x"' in wrong.text, "what was chosen is kept"

    account = (EXPORTS / "telegram-account.json").read_bytes()
    problem = wait_for_problem(ada, page_upload(ada, pair_id, account, "result.json").headers["location"])
    assert "say which one to read (Which chat): Robin, Mum" in problem and "--chat" not in problem
    mum = wait_for_report(ada, page_upload(ada, pair_id, account, "result.json", chat_name="Mum").headers["location"])
    assert "Mum" in ada.get(mum).text

    by_api = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("result.json", account)},
                         headers=ada_api.auth)  # fmt: skip
    assert by_api.status_code == 422 and "--chat" not in by_api.json()["error"]["message"]
    chosen = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("result.json", account)},
                         data={"chat_name": "Robin"}, headers=ada_api.auth)  # fmt: skip
    assert chosen.status_code == 201
    bad_order = client.post(f"/api/v1/pairs/{pair_id}/reports", files={"export": ("c.txt", ambiguous)},
                            data={"date_order": "dym"}, headers=ada_api.auth)  # fmt: skip
    assert bad_order.status_code == 422 and bad_order.json()["error"]["field"] == "date_order"


def test_an_unreadable_upload_is_named_as_the_person_named_it(
    client: TestClient, pair: tuple[ApiPerson, ApiPerson, str]
) -> None:
    ada, _, pair_id = pair
    made = client.post(f"/api/v1/pairs/{pair_id}/reports", headers=ada.auth,
                       files={"export": ("our chat.txt", b"\xff\xfe\x00", "text/plain")})  # fmt: skip
    assert made.status_code == 422 and "our chat.txt" in made.text and "export-" not in made.text
    long_name = "x" * 300 + ".zip"
    assert _safe_name(long_name).endswith(".zip") and len(_safe_name(long_name)) == 255
