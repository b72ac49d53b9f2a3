"""The pair's page brings it together: what is waiting, the closeness curves, recent moments, the latest
report, and help where the signs call for it, each only as its privacy allows."""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import api_pair, signed_in

EXPORT = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"


def test_the_pair_page_shows_what_is_waiting_and_how_things_stand(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    ada, bo = signed_in(new_client, pair.first), signed_in(new_client, pair.second)
    page = unescape(ada.get(f"/pairs/{pair.id}").text)
    assert "You last rated" not in page
    assert "Waiting for you" in page and "Today's question is waiting" in page and "monthly check-in" in page

    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "the garden at dusk"}, headers=pair.first.auth)
    client.put(f"/api/v1/pairs/{pair.id}/closeness/today", json={"need": 4, "feel": 2, "note": "tired, miss Bo"},
               headers=pair.first.auth)  # fmt: skip
    client.post(f"/api/v1/pairs/{pair.id}/moments", headers=pair.first.auth, json={
        "happened_at": "2026-05-03T19:00:00+00:00", "activity": "walk", "place": "outdoors", "company": "just us",
        "devices_away": True})  # fmt: skip
    client.post(f"/api/v1/pairs/{pair.id}/reports", headers=pair.first.auth,
                files={"export": ("our-chat.txt", EXPORT.read_bytes(), "text/plain")})  # fmt: skip

    page = unescape(ada.get(f"/pairs/{pair.id}").text)
    assert "Today's question is waiting" not in page and "How close you've felt" in page
    assert "<svg" in page and "Recent moments of connection" in page
    assert "You last rated need 4 and closeness 2" in page
    assert "our-chat.txt" in page and "only you can see it" in page
    theirs = unescape(bo.get(f"/pairs/{pair.id}").text)
    assert "Ada has answered today's question" in theirs
    for private in ("the garden at dusk", "tired, miss Bo", "our-chat.txt"):
        assert private not in theirs
    assert "Recent moments of connection" in theirs  # moments are the pair's


def test_safety_in_a_report_puts_crisis_resources_first_on_the_pair_page(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    chat = (
        b"12/03/2024, 21:14 - Ren: I don't want to be here anymore\n"
        b"12/03/2024, 21:20 - Ash: what do you mean? talk to me\n"
        b"13/03/2024, 09:02 - Ren: sorry, rough night\n"
    )
    made = client.post(f"/api/v1/pairs/{pair.id}/reports", headers=pair.first.auth,
                       files={"export": ("night.txt", chat, "text/plain")})  # fmt: skip
    assert made.status_code == 201, made.text
    page = unescape(signed_in(new_client, pair.first).get(f"/pairs/{pair.id}").text)
    assert "If anyone is in danger" in page
    assert page.index("If anyone is in danger") < page.index("Waiting for you")
    assert "If anyone is in danger" not in signed_in(new_client, pair.second).get(f"/pairs/{pair.id}").text
