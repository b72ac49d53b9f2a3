"""Questions over HTTP: the decks, together sessions, the question of the day with its mutual reveal,
favourites and history; the partner never reads an unrevealed answer, and a stranger gets 404 on all of it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.conftest import ApiPair, api_pair, browser_sign_up, csrf_token, signed_in, submit


def test_the_decks_are_listed_with_levels_and_themes(client: TestClient) -> None:
    every = client.get("/api/v1/questions").json()
    assert len(every) >= 300 and {"id", "level", "themes", "text"} <= set(every[0])
    deep = client.get("/api/v1/questions", params={"level": "vulnerable", "theme": "fears"}).json()
    assert deep and all(q["level"] == "vulnerable" and "fears" in q["themes"] for q in deep)
    bad = client.get("/api/v1/questions", params={"level": "abyssal"})
    assert bad.status_code == 422 and "Unknown level" in bad.json()["error"]["message"]


def test_a_together_session_over_the_api(client: TestClient) -> None:
    pair = api_pair(client)
    started = client.post(f"/api/v1/pairs/{pair.id}/together", json={"first": "other"}, headers=pair.first.auth)
    assert started.status_code == 201, started.text
    session = started.json()
    assert session["whose_turn"]["name"] == "Bo" and session["current"]["position"] == 1
    turn = {"outcome": "passed", "position": 1}
    after = client.post(f"/api/v1/together/{session['id']}/turns", json=turn, headers=pair.first.auth).json()
    assert after["whose_turn"]["name"] == "Ada" and after["current"]["position"] == 1
    stale = client.post(f"/api/v1/together/{session['id']}/turns", json={"outcome": "answered", "position": 9},
                        headers=pair.second.auth)  # fmt: skip
    assert stale.status_code == 409
    after = client.post(
        f"/api/v1/together/{session['id']}/turns", json={"outcome": "answered"}, headers=pair.second.auth
    )
    assert after.json()["current"]["position"] == 2 and after.json()["whose_turn"]["name"] == "Ada"
    ended = client.post(f"/api/v1/together/{session['id']}/end", headers=pair.second.auth).json()
    assert ended["ended_at"] and ended["current"] is None
    assert [[t["outcome"] for t in a["turns"]] for a in ended["covered"]] == [["passed", "answered"]]


def test_the_answer_of_the_day_is_hidden_from_the_partner_until_both_answer(client: TestClient) -> None:
    pair = api_pair(client)
    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    mine = client.put(
        f"/api/v1/daily/{today['id']}/answer", json={"text": "the smell of rain"}, headers=pair.first.auth
    )
    assert mine.status_code == 200 and mine.json()["mine"]["text"] == "the smell of rain"
    answer_id = mine.json()["mine"]["id"]

    for route in (f"/api/v1/pairs/{pair.id}/today", f"/api/v1/daily/{today['id']}", f"/api/v1/pairs/{pair.id}/daily"):
        seen = client.get(route, headers=pair.second.auth)
        assert seen.status_code == 200 and "smell of rain" not in seen.text, route
    reply = client.post(
        f"/api/v1/daily-answers/{answer_id}/replies", json={"reaction": "heart"}, headers=pair.second.auth
    )
    assert reply.status_code == 404
    page = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.second.auth).json()
    assert page["theirs"] is None and page["they_answered"] is True and page["revealed"] is False

    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "your laugh"}, headers=pair.second.auth)
    both = client.get(f"/api/v1/daily/{today['id']}", headers=pair.second.auth).json()
    assert both["revealed"] and both["theirs"]["text"] == "the smell of rain"
    reply = client.post(f"/api/v1/daily-answers/{answer_id}/replies", json={"reaction": "hug", "text": "same"},
                        headers=pair.second.auth)  # fmt: skip
    assert reply.status_code == 201
    seen = client.get(f"/api/v1/daily/{today['id']}", headers=pair.first.auth).json()
    assert seen["mine"]["replies"][0]["reaction"] == "hug" and seen["theirs"]["text"] == "your laugh"
    late = client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "changed"}, headers=pair.first.auth)
    assert late.status_code == 409


def test_a_stranger_gets_404_on_everything_of_the_pair(client: TestClient) -> None:
    pair = api_pair(client)
    session = client.post(f"/api/v1/pairs/{pair.id}/together", json={}, headers=pair.first.auth).json()
    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    answer = client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "x"}, headers=pair.first.auth).json()
    question = today["question"]["id"]
    stranger = pair.stranger.auth
    for method, route, body in (
        ("POST", f"/api/v1/pairs/{pair.id}/together", {}),
        ("GET", f"/api/v1/together/{session['id']}", None),
        ("POST", f"/api/v1/together/{session['id']}/turns", {"outcome": "answered"}),
        ("POST", f"/api/v1/together/{session['id']}/end", None),
        ("GET", f"/api/v1/pairs/{pair.id}/today", None),
        ("GET", f"/api/v1/daily/{today['id']}", None),
        ("PUT", f"/api/v1/daily/{today['id']}/answer", {"text": "mine now"}),
        ("POST", f"/api/v1/daily-answers/{answer['mine']['id']}/replies", {"reaction": "heart"}),
        ("GET", f"/api/v1/pairs/{pair.id}/daily", None),
        ("GET", f"/api/v1/pairs/{pair.id}/answered", None),
        ("GET", f"/api/v1/pairs/{pair.id}/favourites", None),
        ("PUT", f"/api/v1/pairs/{pair.id}/favourites/{question}", None),
        ("DELETE", f"/api/v1/pairs/{pair.id}/favourites/{question}", None),
    ):
        answered = client.request(method, route, json=body, headers=stranger)
        assert answered.status_code == 404, (method, route, answered.text)
    assert client.get(f"/api/v1/together/{session['id']}", headers=pair.first.auth).json()["ended_at"] is None


def test_favourites_and_history_are_per_person(client: TestClient) -> None:
    pair = api_pair(client)
    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "x"}, headers=pair.first.auth)
    question = today["question"]["id"]
    assert client.put(f"/api/v1/pairs/{pair.id}/favourites/{question}", headers=pair.first.auth).status_code == 204
    assert [q["id"] for q in client.get(f"/api/v1/pairs/{pair.id}/favourites", headers=pair.first.auth).json()] == [
        question
    ]
    assert client.get(f"/api/v1/pairs/{pair.id}/favourites", headers=pair.second.auth).json() == []
    history = client.get(f"/api/v1/pairs/{pair.id}/answered", headers=pair.second.auth).json()
    assert [(h["question"]["id"], h["where"], h["favourite"]) for h in history] == [(question, "today", False)]
    missing = client.put(f"/api/v1/pairs/{pair.id}/favourites/no-such-question", headers=pair.first.auth)
    assert missing.status_code == 404


def sign_in_as_pair(client: TestClient, other: TestClient) -> str:
    browser_sign_up(client, "Ada")
    start = submit(client, "/", "/pairs", {"kind": "partners"}, follow_redirects=False)
    pair_url = start.headers["location"]
    invite = submit(client, pair_url, f"{pair_url}/invites", {})
    code = invite.text.split('aria-label="Invite code">')[1].split("<")[0]
    browser_sign_up(other, "Bo")
    joined = submit(other, "/", "/join", {"code": code}, follow_redirects=False)
    assert joined.status_code == 303, joined.text
    return pair_url


def test_the_pages_walk_through_a_day_and_a_session(client: TestClient, new_client: object) -> None:
    other = new_client()  # type: ignore[operator]
    pair_url = sign_in_as_pair(client, other)
    today = client.get(f"{pair_url}/today")
    assert today.status_code == 200 and "Save my answer" in today.text
    daily_id = today.text.split('action="/daily/')[1].split("/")[0]
    saved = submit(client, f"{pair_url}/today", f"/daily/{daily_id}/answer", {"text": "a quiet walk"},
                   follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    assert "a quiet walk" not in other.get(f"{pair_url}/today").text
    assert "Ada has answered" in other.get(f"{pair_url}/today").text
    empty = submit(other, f"{pair_url}/today", f"/daily/{daily_id}/answer", {"text": "  "})
    assert empty.status_code == 422 and "a few words" in empty.text
    submit(other, f"{pair_url}/today", f"/daily/{daily_id}/answer", {"text": "the sea"})
    both = other.get(f"{pair_url}/today").text
    assert "a quiet walk" in both and "the sea" in both

    started = submit(client, f"{pair_url}/together", f"{pair_url}/together", {"first": "me", "theme": ""},
                     follow_redirects=False)  # fmt: skip
    session_url = started.headers["location"]
    page = client.get(session_url).text
    assert "Ada, read this one aloud and answer first." in page
    submit(client, session_url, f"{session_url}/turns", {"outcome": "answered", "position": "1"})
    assert "Now Bo answers the same question." in client.get(session_url).text
    submit(other, session_url, f"{session_url}/turns", {"outcome": "passed", "position": "1"})
    assert "Bo, read this one aloud and answer first." in client.get(session_url).text
    submit(client, session_url, f"{session_url}/end", {})
    summary = client.get(session_url).text
    assert "What you covered" in summary and "Bo: passed" in summary
    history = client.get(f"{pair_url}/questions")
    assert history.status_code == 200
    day_question = today.text.split('id="question">')[1].split("<")[0]
    assert day_question in history.text and "question of the day" in history.text and "together" in history.text


def test_pages_of_a_pair_are_404_for_a_stranger(client: TestClient, new_client: object) -> None:
    other = new_client()  # type: ignore[operator]
    pair_url = sign_in_as_pair(client, other)
    daily_id = client.get(f"{pair_url}/today").text.split('action="/daily/')[1].split("/")[0]
    session_url = submit(client, f"{pair_url}/together", f"{pair_url}/together", {"first": "me", "theme": ""},
                         follow_redirects=False).headers["location"]  # fmt: skip
    stranger = new_client()  # type: ignore[operator]
    browser_sign_up(stranger, "Cy")
    for route in (
        f"{pair_url}/today",
        f"/daily/{daily_id}",
        f"{pair_url}/together",
        session_url,
        f"{pair_url}/questions",
    ):
        assert stranger.get(route).status_code == 404, route


def test_api_pair_helper_is_a_real_pair(client: TestClient) -> None:
    pair: ApiPair = api_pair(client, "friends")
    listed = client.get("/api/v1/pairs", headers=pair.second.auth).json()
    assert [p["id"] for p in listed] == [pair.id] and listed[0]["complete"] is True


def test_the_data_export_holds_ones_own_answers_and_never_the_others_unrevealed_one(client: TestClient) -> None:
    pair = api_pair(client)
    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "Ada's secret hope"}, headers=pair.first.auth)
    client.put(f"/api/v1/pairs/{pair.id}/favourites/{today['question']['id']}", headers=pair.first.auth)
    mine = client.get("/api/v1/me/export", headers=pair.first.auth).json()["practice"]
    assert [a["answer"] for a in mine["answers_of_the_day"]] == ["Ada's secret hope"]
    assert [f["question_id"] for f in mine["favourite_questions"]] == [today["question"]["id"]]
    theirs = client.get("/api/v1/me/export", headers=pair.second.auth)
    assert theirs.status_code == 200 and "secret hope" not in theirs.text
    assert theirs.json()["practice"]["favourite_questions"] == []


def test_after_the_other_person_leaves_the_pages_say_so_and_invite_no_one(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    assert client.delete(f"/api/v1/pairs/{pair.id}/membership", headers=pair.second.auth).status_code == 204
    ada = signed_in(new_client, pair.first)
    for page in (f"/pairs/{pair.id}/today", f"/pairs/{pair.id}/together"):
        shown = ada.get(page)
        assert shown.status_code == 200 and "has left this pair" in shown.text and "Invite your" not in shown.text


def test_an_answer_sent_after_the_reveal_comes_back_to_be_copied(
    client: TestClient, new_client: Callable[[], TestClient]
) -> None:
    pair = api_pair(client)
    ada = signed_in(new_client, pair.first)
    today = client.get(f"/api/v1/pairs/{pair.id}/today", headers=pair.first.auth).json()
    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "first"}, headers=pair.first.auth)
    client.put(f"/api/v1/daily/{today['id']}/answer", json={"text": "Bo's"}, headers=pair.second.auth)
    late = ada.post(f"/daily/{today['id']}/answer", data={"text": "my long rewritten answer",
                    "csrf_token": csrf_token(ada), "back": f"/pairs/{pair.id}/today"})  # fmt: skip
    assert late.status_code == 409 and "be changed now" in late.text
    assert "my long rewritten answer</textarea>" in late.text
