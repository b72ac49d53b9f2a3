"""The private journal and the coach box over HTTP: the API contract, the pages, bad input, and privacy.

A journal entry and a kept draft answer 404 to the partner and to a stranger on every page and API
route, and the partner's export holds neither; coaching a draft stores nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from nearer.settings import Settings
from nearer.store.database import Database
from nearer.store.models import Base, JournalEntry, SavedDraft
from tests.conftest import api_pair, browser_sign_up, csrf_token, submit

SECRET = "the lighthouse keeper and the blue letter"  # no quote marks: HTML would escape them
THEIRS = "I had such a rough day at work, my manager shouted at me in front of everyone"
HARSH = "you always make everything about you, get over it"


@dataclass
class Someone:
    """A person with a signed-in browser and an API token."""

    browser: TestClient
    auth: dict[str, str]


@dataclass
class Three:
    ada: Someone
    bo: Someone  # Ada's partner
    cy: Someone  # in no pair with them
    pair_id: str


def token_for(client: TestClient, name: str) -> dict[str, str]:
    answer = client.post(
        "/api/v1/auth/token", json={"email": f"{name.lower()}@example.test", "password": "correct horse"}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


@pytest.fixture
def three(client: TestClient, new_client: Callable[[], TestClient]) -> Three:
    bo, cy = new_client(), new_client()
    browser_sign_up(client, "Ada")
    pair_url = submit(client, "/", "/pairs", {"kind": "partners"}, follow_redirects=False).headers["location"]
    invite = submit(client, pair_url, f"{pair_url}/invites", {})
    code = invite.text.split('aria-label="Invite code">')[1].split("<")[0]
    browser_sign_up(bo, "Bo")
    assert submit(bo, "/", "/join", {"code": code}, follow_redirects=False).status_code == 303
    browser_sign_up(cy, "Cy")
    return Three(
        Someone(client, token_for(client, "Ada")),
        Someone(bo, token_for(client, "Bo")),
        Someone(cy, token_for(client, "Cy")),
        pair_url.rsplit("/", 1)[1],
    )


def count(database: Database, model: type[Base]) -> int:
    with database.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def everything_stored(database: Database, settings: Settings) -> str:
    """Every row of every table, and the database's raw bytes (WAL included), as one searchable text."""
    rows = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows.extend(str(row) for row in connection.execute(table.select()))
    raw = b"".join(p.read_bytes() for p in Path(settings.home).glob("nearer.db*") if p.is_file())
    return "\n".join(rows) + raw.decode("utf-8", "replace")


# The API contract


def test_the_journal_api_contract(client: TestClient) -> None:
    pair = api_pair(client)
    made = client.post("/api/v1/journal", json={"text": f"  {SECRET}  "}, headers=pair.first.auth)
    assert made.status_code == 201 and set(made.json()) == {"id"}
    entry_id = made.json()["id"]
    prompted = client.post("/api/v1/journal", json={"text": "It was my sister.", "prompt_id": "past-02"},
                           headers=pair.first.auth)  # fmt: skip
    assert prompted.status_code == 201

    mine = client.get("/api/v1/journal", headers=pair.first.auth)
    assert mine.status_code == 200 and {e["id"] for e in mine.json()} == {entry_id, prompted.json()["id"]}
    one = client.get(f"/api/v1/journal/{entry_id}", headers=pair.first.auth).json()
    assert set(one) == {"id", "prompt", "text", "created_at", "updated_at"}
    assert one["text"] == SECRET and one["prompt"] is None
    with_prompt = client.get(f"/api/v1/journal/{prompted.json()['id']}", headers=pair.first.auth).json()
    assert with_prompt["prompt"]["id"] == "past-02" and with_prompt["prompt"]["theme"] == "past"

    changed = client.put(f"/api/v1/journal/{entry_id}", json={"text": "changed my mind"}, headers=pair.first.auth)
    assert changed.status_code == 200 and changed.json()["text"] == "changed my mind"
    assert client.delete(f"/api/v1/journal/{entry_id}", headers=pair.first.auth).status_code == 204
    assert client.get(f"/api/v1/journal/{entry_id}", headers=pair.first.auth).status_code == 404
    assert client.get("/api/v1/journal", headers=pair.second.auth).json() == []


def test_the_prompts_over_the_api(client: TestClient) -> None:
    every = client.get("/api/v1/journal/prompts")
    assert every.status_code == 200 and 20 <= len(every.json()) <= 30
    assert set(every.json()[0]) == {"id", "theme", "theme_name", "text"}
    pair = api_pair(client)
    today = client.get("/api/v1/journal/prompts/today", headers=pair.first.auth)
    assert today.status_code == 200 and today.json() in every.json()
    assert client.get("/api/v1/journal/prompts/today").status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "   "}, "Write a few words first"),
        ({"text": "x" * 20_000}, "one entry holds up to 10,000"),
        ({"text": "fine", "prompt_id": "nope-01"}, "isn't one of the journal's prompts"),
        ({}, "'text' is required"),
        ({"text": 7}, "'text' must be text"),
    ],
)
def test_a_bad_entry_gets_a_clear_422(client: TestClient, body: dict[str, object], message: str) -> None:
    pair = api_pair(client)
    answer = client.post("/api/v1/journal", json=body, headers=pair.first.auth)
    assert answer.status_code == 422 and message in answer.json()["error"]["message"], answer.text
    assert client.get("/api/v1/journal", headers=pair.first.auth).json() == []


def test_the_coach_api_answers_the_cli_contract_and_stores_nothing(
    client: TestClient, database: Database, settings: Settings
) -> None:
    pair = api_pair(client)
    answer = client.post("/api/v1/coach", json={"their_message": THEIRS, "draft": HARSH}, headers=pair.first.auth)
    assert answer.status_code == 200, answer.text
    advice = answer.json()
    assert set(advice) == {"acts", "flags", "suggestions", "safety", "resources"}
    assert advice["flags"] and set(advice["flags"][0]) == {"act", "explanation", "evidence"}
    assert len(advice["suggestions"]) >= 2 and advice["safety"] is False and advice["resources"] == []

    unsafe = client.post(
        "/api/v1/coach", json={"their_message": "I want to die", "draft": "ok"}, headers=pair.first.auth
    )
    assert unsafe.json()["safety"] is True and unsafe.json()["resources"] and not unsafe.json()["suggestions"]

    for body, field in (({"draft": " "}, "draft"), ({"draft": "x" * 20_000}, "draft"),
                        ({"their_message": "y" * 20_000, "draft": "hi"}, "their_message")):  # fmt: skip
        bad = client.post("/api/v1/coach", json=body, headers=pair.first.auth)
        assert bad.status_code == 422 and bad.json()["error"]["field"] == field, bad.text
    assert client.post("/api/v1/coach", json={"draft": HARSH}).status_code == 401

    assert count(database, SavedDraft) == 0 and count(database, JournalEntry) == 0
    assert "get over it" not in everything_stored(database, settings)


def test_kept_drafts_over_the_api(client: TestClient) -> None:
    pair = api_pair(client)
    body = {"their_message": THEIRS, "draft": HARSH, "pair_id": pair.id}
    kept = client.post("/api/v1/coach/drafts", json=body, headers=pair.first.auth)
    assert kept.status_code == 201 and set(kept.json()) == {"id"}
    alone = client.post("/api/v1/coach/drafts", json={"draft": "thinking of you"}, headers=pair.first.auth)
    assert alone.status_code == 201
    every = client.get("/api/v1/coach/drafts", headers=pair.first.auth).json()
    assert {d["id"] for d in every} == {kept.json()["id"], alone.json()["id"]}
    assert set(every[0]) == {"id", "pair_id", "their_message", "draft", "created_at"}
    for_pair = client.get("/api/v1/coach/drafts", params={"pair_id": pair.id}, headers=pair.first.auth).json()
    assert [d["id"] for d in for_pair] == [kept.json()["id"]]
    one = client.get(f"/api/v1/coach/drafts/{kept.json()['id']}", headers=pair.first.auth).json()
    assert one["draft"] == HARSH and one["their_message"] == THEIRS and one["pair_id"] == pair.id
    assert client.delete(f"/api/v1/coach/drafts/{alone.json()['id']}", headers=pair.first.auth).status_code == 204

    empty = client.post("/api/v1/coach/drafts", json={"draft": "  "}, headers=pair.first.auth)
    assert empty.status_code == 422 and "no draft to keep" in empty.json()["error"]["message"]
    foreign = client.post("/api/v1/coach/drafts", json={**body, "pair_id": pair.id}, headers=pair.stranger.auth)
    assert foreign.status_code == 404
    listed = client.get("/api/v1/coach/drafts", params={"pair_id": pair.id}, headers=pair.stranger.auth)
    assert listed.status_code == 404


# Privacy: the partner and a stranger, on every route


def make_private_things(three: Three) -> tuple[str, str]:
    """Ada writes a journal entry and keeps a draft for the pair; answers their ids."""
    ada = three.ada
    entry = ada.browser.post("/api/v1/journal", json={"text": SECRET, "prompt_id": "known-02"}, headers=ada.auth)
    draft = ada.browser.post(
        "/api/v1/coach/drafts",
        json={"their_message": "the blue umbrella story", "draft": HARSH, "pair_id": three.pair_id},
        headers=ada.auth,
    )
    assert entry.status_code == 201 and draft.status_code == 201
    return entry.json()["id"], draft.json()["id"]


def test_the_partner_and_a_stranger_get_404_on_every_route_of_an_entry_and_a_kept_draft(three: Three) -> None:
    entry_id, draft_id = make_private_things(three)
    for other in (three.bo, three.cy):
        token = csrf_token(other.browser)
        for method, route, data in (
            ("GET", f"/journal/{entry_id}", None),
            ("POST", f"/journal/{entry_id}", {"text": "mine now"}),
            ("POST", f"/journal/{entry_id}/delete", {}),
            ("GET", f"/coach/drafts/{draft_id}", None),
            ("POST", f"/coach/drafts/{draft_id}/delete", {}),
        ):
            form = None if data is None else {**data, "csrf_token": token}
            answer = other.browser.request(method, route, data=form, follow_redirects=False)
            assert answer.status_code == 404, (method, route, answer.status_code)
            assert SECRET not in answer.text and "get over it" not in answer.text
        for method, route, body in (
            ("GET", f"/api/v1/journal/{entry_id}", None),
            ("PUT", f"/api/v1/journal/{entry_id}", {"text": "mine now"}),
            ("DELETE", f"/api/v1/journal/{entry_id}", None),
            ("GET", f"/api/v1/coach/drafts/{draft_id}", None),
            ("DELETE", f"/api/v1/coach/drafts/{draft_id}", None),
        ):
            answer = other.browser.request(method, route, json=body, headers=other.auth)
            assert answer.status_code == 404, (method, route, answer.status_code)
            missing = other.browser.request(method, route.replace(entry_id, "x").replace(draft_id, "x"), json=body,
                                            headers=other.auth)  # fmt: skip
            assert answer.json() == missing.json(), "someone else's reads exactly like nothing at all"

        # and it turns up in none of their lists, pages or their export
        for page in ("/", "/journal", "/coach", "/api/v1/journal", "/api/v1/coach/drafts", "/api/v1/me/export"):
            seen = other.browser.get(page, headers=other.auth)
            assert seen.status_code == 200, page
            assert SECRET not in seen.text and "get over it" not in seen.text and "umbrella" not in seen.text, page
    partner_pages = (f"/pairs/{three.pair_id}", f"/pairs/{three.pair_id}/coach")
    for page in partner_pages:
        seen = three.bo.browser.get(page)
        assert seen.status_code == 200 and "get over it" not in seen.text and SECRET not in seen.text, page
    assert three.cy.browser.get(f"/pairs/{three.pair_id}/coach").status_code == 404
    assert (
        three.bo.browser.get("/api/v1/coach/drafts", params={"pair_id": three.pair_id}, headers=three.bo.auth).json()
        == []
    )

    # Ada still has both, untouched
    assert three.ada.browser.get(f"/api/v1/journal/{entry_id}", headers=three.ada.auth).json()["text"] == SECRET
    assert SECRET in three.ada.browser.get(f"/journal/{entry_id}").text
    assert "get over it" in three.ada.browser.get(f"/coach/drafts/{draft_id}").text


def test_a_stranger_cannot_use_the_pairs_coach_box(three: Three, database: Database) -> None:
    cy = three.cy.browser
    token = csrf_token(cy)
    for route in (f"/pairs/{three.pair_id}/coach/check", f"/pairs/{three.pair_id}/coach/drafts"):
        answer = cy.post(route, data={"their_message": "", "draft": HARSH, "csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 404, route
    assert count(database, SavedDraft) == 0


# The pages


def keep(browser: TestClient, route: str, values: dict[str, str]) -> httpx2.Response:
    """Press "Keep this draft": the coach box's form, posted to the button's own address."""
    return browser.post(route, data={**values, "csrf_token": csrf_token(browser)}, follow_redirects=False)


def test_writing_reading_changing_and_deleting_in_the_journal_pages(three: Three) -> None:
    ada = three.ada.browser
    page = ada.get("/journal")
    assert page.status_code == 200 and "Today's prompt" in page.text and "Only you can read your journal" in page.text
    prompt_id = re.search(r'name="prompt_id" value="([^"]+)"', page.text)
    assert prompt_id is not None
    kept = submit(ada, "/journal", "/journal", {"text": SECRET}, follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"].startswith("/journal?done=kept")
    listed = ada.get("/journal").text
    assert SECRET in listed and "Kept in your journal" not in listed
    entry_id = re.findall(r'href="/journal/([0-9a-f]+)"', listed)[0]
    entry = ada.get(f"/journal/{entry_id}")
    assert entry.status_code == 200 and "Your entry of" in entry.text

    empty = submit(ada, f"/journal/{entry_id}", f"/journal/{entry_id}", {"text": "  "})
    assert empty.status_code == 422 and "Write a few words first" in empty.text
    too_long = submit(ada, "/journal", "/journal", {"text": "x" * 20_000})
    assert too_long.status_code == 422 and "one entry holds up to 10,000" in too_long.text

    saved = submit(ada, f"/journal/{entry_id}", f"/journal/{entry_id}", {"text": "softer now"}, follow_redirects=False)
    assert saved.status_code == 303
    assert "softer now" in ada.get(saved.headers["location"]).text
    gone = submit(ada, f"/journal/{entry_id}", f"/journal/{entry_id}/delete", {}, follow_redirects=False)
    assert gone.status_code == 303 and ada.get(f"/journal/{entry_id}").status_code == 404

    free = ada.get("/journal?prompt=none")
    assert "Write freely" in free.text and 'name="prompt_id" value=""' in free.text
    chosen = ada.get("/journal?prompt=safe-02")
    assert 'name="prompt_id" value="safe-02"' in chosen.text and "could be entirely yourself" in chosen.text
    assert ada.get("/journal?prompt=nonsense").status_code == 200
    unknown = ada.post("/journal", data={"text": "hi", "prompt_id": "nope-01", "csrf_token": csrf_token(ada)})
    assert unknown.status_code == 422 and "isn&#39;t one of the journal&#39;s prompts" in unknown.text


def test_the_coach_box_pages_coach_inline_keep_and_store_nothing_otherwise(
    three: Three, database: Database, settings: Settings
) -> None:
    ada, base = three.ada.browser, f"/pairs/{three.pair_id}/coach"
    page = ada.get(base)
    assert page.status_code == 200 and "Their message" in page.text and "Your draft" in page.text
    assert f'hx-post="{base}/check"' in page.text and "/static/coach_box.js" in page.text

    values = {"their_message": THEIRS, "draft": HARSH}
    full = submit(ada, base, f"{base}/check", values)  # without JavaScript: the whole page
    assert full.status_code == 200 and "How it might land" in full.text and 'data-copy="' in full.text
    assert "get over it" in full.text  # the typed draft is still in its box
    inline = ada.post(f"{base}/check", data={**values, "csrf_token": csrf_token(ada)}, headers={"HX-Request": "true"})
    assert inline.status_code == 200 and 'id="coaching"' in inline.text
    assert "How it might land</h2>" in inline.text and 'data-copy="' in inline.text
    unsafe = ada.post(f"{base}/check", data={"their_message": "", "draft": "I want to end it all",
                                             "csrf_token": csrf_token(ada)})  # fmt: skip
    assert "Before anything else" in unsafe.text and "How it might land</h2>" not in unsafe.text
    empty = ada.post(f"{base}/check", data={"their_message": "hi", "draft": " ", "csrf_token": csrf_token(ada)})
    assert empty.status_code == 422 and 'id="coaching"' in empty.text and "Write the reply" in empty.text
    assert count(database, SavedDraft) == 0 and "get over it" not in everything_stored(database, settings)

    assert f'formaction="{base}/drafts"' in page.text  # "Keep this draft" posts the same form elsewhere
    kept = keep(ada, f"{base}/drafts", values)
    assert kept.status_code == 303 and kept.headers["location"] == f"{base}?done=kept#drafts"
    assert count(database, SavedDraft) == 1
    assert "get over it" in everything_stored(database, settings)  # so the search above would have found it
    after = ada.get(kept.headers["location"]).text
    assert "Draft kept" in after and "get over it" in after
    draft_id = re.findall(r'href="/coach/drafts/([0-9a-f]+)"', after)[0]
    opened = ada.get(f"/coach/drafts/{draft_id}")
    assert opened.status_code == 200 and "A draft you kept on" in opened.text and "How it might land" in opened.text
    assert "for Bo" in ada.get("/coach").text
    deleted = submit(ada, f"/coach/drafts/{draft_id}", f"/coach/drafts/{draft_id}/delete", {}, follow_redirects=False)
    assert deleted.status_code == 303 and deleted.headers["location"] == f"{base}?done=deleted#drafts"
    assert count(database, SavedDraft) == 0


def test_the_coach_box_for_anyone(three: Three) -> None:
    ada = three.ada.browser
    page = ada.get("/coach")
    assert page.status_code == 200 and 'hx-post="/coach/check"' in page.text
    coached = submit(ada, "/coach", "/coach/check", {"their_message": "", "draft": HARSH})
    assert coached.status_code == 200 and "How it might land" in coached.text
    kept = keep(ada, "/coach/drafts", {"their_message": "", "draft": HARSH})
    assert kept.headers["location"] == "/coach?done=kept#drafts"
    too_long = keep(ada, "/coach/drafts", {"their_message": "", "draft": "x" * 20_000})
    assert too_long.status_code == 422 and "the coach reads up to 5,000" in too_long.text


def test_signed_out_browsers_are_sent_to_sign_in(client: TestClient) -> None:
    for path in ("/journal", "/journal/anything", "/coach", "/coach/drafts/anything", "/pairs/x/coach"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/signin"), path
