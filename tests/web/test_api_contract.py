"""The /api/v1 routes the issue names are a public contract: exact paths, statuses and keys."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import MovableClock, api_person


def test_the_whole_pairing_flow_through_the_api(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    made = client.post("/api/v1/pairs", json={"kind": "partners"}, headers=ada.auth)
    assert made.status_code == 201 and set(made.json()) == {"id"}
    pair_id = made.json()["id"]

    invite = client.post(f"/api/v1/pairs/{pair_id}/invites", headers=ada.auth)
    assert invite.status_code == 201 and set(invite.json()) == {"code"}

    bo = api_person(client, "Bo")
    joined = client.post(f"/api/v1/invites/{invite.json()['code']}/accept", headers=bo.auth)
    assert joined.status_code == 200 and joined.json() == {"pair_id": pair_id}

    for person in (ada, bo):
        seen = client.get(f"/api/v1/pairs/{pair_id}", headers=person.auth)
        assert seen.status_code == 200
        body = seen.json()
        assert body["id"] == pair_id and body["kind"] == "partners" and body["complete"] is True
        assert sorted(m["name"] for m in body["members"]) == ["Ada", "Bo"]


def test_signup_answers_201_with_an_id_and_token_works_as_bearer(client: TestClient) -> None:
    made = client.post(
        "/api/v1/auth/signup", json={"name": "Ada", "email": "ada@example.test", "password": "long enough"}
    )
    assert made.status_code == 201 and set(made.json()) == {"id"}
    token = client.post("/api/v1/auth/token", json={"email": "ada@example.test", "password": "long enough"})
    assert token.status_code == 200 and set(token.json()) == {"token"}
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.json()['token']}"})
    assert me.status_code == 200 and me.json()["id"] == made.json()["id"]


def test_without_a_token_the_api_answers_401_json(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}):
        answer = client.get("/api/v1/me", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "not_signed_in"
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_revoking_a_token_signs_it_out(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    assert client.delete("/api/v1/auth/token", headers=ada.auth).status_code == 204
    assert client.get("/api/v1/me", headers=ada.auth).status_code == 401


def test_tokens_expire(client: TestClient, clock: MovableClock) -> None:
    from datetime import timedelta

    ada = api_person(client, "Ada")
    clock.advance(timedelta(days=31))
    answer = client.get("/api/v1/me", headers=ada.auth)
    assert answer.status_code == 401 and "ended" in answer.json()["error"]["message"]


def test_wrong_password_then_rate_limit(client: TestClient) -> None:
    api_person(client, "Ada")
    for _ in range(5):
        wrong = client.post("/api/v1/auth/token", json={"email": "ada@example.test", "password": "nope nope"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "wrong_credentials"
    limited = client.post("/api/v1/auth/token", json={"email": "ada@example.test", "password": "correct horse"})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0


def test_password_change_signs_out_other_tokens(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    other = client.post("/api/v1/auth/token", json={"email": ada.email, "password": ada.password}).json()["token"]
    changed = client.put(
        "/api/v1/me/password", json={"current_password": ada.password, "new_password": "a new one!"}, headers=ada.auth
    )
    assert changed.status_code == 204
    assert client.get("/api/v1/me", headers=ada.auth).status_code == 200
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {other}"}).status_code == 401


def test_export_and_delete_account(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "friends"}, headers=ada.auth).json()["id"]
    exported = client.get("/api/v1/me/export", headers=ada.auth).json()
    assert exported["person"]["email"] == "ada@example.test"
    assert [p["id"] for p in exported["pairs"]] == [pair_id]
    assert "password_hash" not in str(exported)

    refused = client.post("/api/v1/me/delete", json={"password": "wrong"}, headers=ada.auth)
    assert refused.status_code == 422
    assert client.post("/api/v1/me/delete", json={"password": ada.password}, headers=ada.auth).status_code == 204
    assert client.get("/api/v1/me", headers=ada.auth).status_code == 401
    again = client.post("/api/v1/auth/token", json={"email": ada.email, "password": ada.password})
    assert again.status_code == 401


def test_leaving_through_the_api(client: TestClient) -> None:
    ada = api_person(client, "Ada")
    pair_id = client.post("/api/v1/pairs", json={"kind": "family"}, headers=ada.auth).json()["id"]
    assert client.delete(f"/api/v1/pairs/{pair_id}/membership", headers=ada.auth).status_code == 204
    assert client.get(f"/api/v1/pairs/{pair_id}", headers=ada.auth).status_code == 404
    assert client.get("/api/v1/pairs", headers=ada.auth).json() == []


def test_openapi_documents_the_contract(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/auth/signup", "post"),
        ("/api/v1/auth/token", "post"),
        ("/api/v1/pairs", "post"),
        ("/api/v1/pairs/{pair_id}/invites", "post"),
        ("/api/v1/invites/{code}/accept", "post"),
        ("/api/v1/pairs/{pair_id}", "get"),
    ]:
        assert method in paths[path], f"{method.upper()} {path} is missing from the OpenAPI document"
    assert not any(not p.startswith("/api/") for p in paths), "HTML pages stay out of the API document"


def test_a_readable_api_reference_is_served_from_the_package(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "<code>POST /api/v1/pairs/{pair_id}/invites</code>" in page.text
    assert "<code>kind</code>" in page.text and "one of partners, friends, family" in page.text
    assert "cdn" not in page.text.lower()
