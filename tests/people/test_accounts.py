from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from nearer.errors import Conflict, InvalidInput, TooManyAttempts, WrongCredentials
from nearer.people import accounts, pairs, sessions
from nearer.settings import SignInLimit
from nearer.store.database import Database
from nearer.store.models import AuthSession, Invite, Membership, Pair, Person
from tests.conftest import QUICK_PASSWORDS

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def make(database: Database, name: str) -> str:
    with database.session() as s:
        return accounts.sign_up(
            s, name=name, email=f"{name}@example.test", password="long enough", passwords=QUICK_PASSWORDS, now=NOW
        ).id


def test_sign_up_stores_an_argon2id_hash_not_the_password(database: Database) -> None:
    person_id = make(database, "ada")
    with database.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        assert person.password_hash.startswith("$argon2id$")
        assert "long enough" not in person.password_hash


def test_an_email_can_only_have_one_account(database: Database) -> None:
    make(database, "ada")
    with pytest.raises(Conflict, match="already an account"), database.session() as s:
        accounts.sign_up(
            s, name="Other", email="ADA@example.test", password="long enough", passwords=QUICK_PASSWORDS, now=NOW
        )


def test_sign_in_checks_the_password(database: Database) -> None:
    make(database, "ada")
    with database.session() as s:
        person = accounts.sign_in(
            s, email="Ada@Example.test", password="long enough", passwords=QUICK_PASSWORDS, now=NOW, client="c"
        )
        assert person.name == "ada"
    with pytest.raises(WrongCredentials), database.session() as s:
        accounts.sign_in(
            s, email="ada@example.test", password="wrong guess", passwords=QUICK_PASSWORDS, now=NOW, client="c"
        )


def test_failed_sign_ins_are_limited_then_allowed_again(database: Database) -> None:
    make(database, "ada")
    limit = SignInLimit(window=timedelta(minutes=15), per_email=3, per_client=100)

    def attempt(password: str, at: datetime) -> Person:
        with database.session() as s:
            return accounts.sign_in(
                s,
                email="ada@example.test",
                password=password,
                passwords=QUICK_PASSWORDS,
                now=at,
                client="c",
                limit=limit,
            )

    for _ in range(3):
        with pytest.raises(WrongCredentials):
            attempt("wrong guess", NOW)
    with pytest.raises(TooManyAttempts) as caught:
        attempt("long enough", NOW + timedelta(minutes=1))  # even the right password waits
    assert 0 < caught.value.retry_after <= 14 * 60
    assert "wait 14 minutes" in caught.value.message
    assert attempt("long enough", NOW + timedelta(minutes=16)).name == "ada"


def test_failures_for_unknown_emails_count_per_client(database: Database) -> None:
    limit = SignInLimit(per_email=100, per_client=4)
    for n in range(4):
        with pytest.raises(WrongCredentials), database.session() as s:
            accounts.sign_in(
                s, email=f"guess{n}@example.test", password="x" * 9, passwords=QUICK_PASSWORDS, now=NOW,
                client="10.0.0.9", limit=limit,
            )  # fmt: skip
    with pytest.raises(TooManyAttempts), database.session() as s:
        accounts.sign_in(
            s, email="another@example.test", password="x" * 9, passwords=QUICK_PASSWORDS, now=NOW,
            client="10.0.0.9", limit=limit,
        )  # fmt: skip


def test_change_password_needs_the_current_one(database: Database) -> None:
    person_id = make(database, "ada")
    with pytest.raises(InvalidInput, match="current password"), database.session() as s:
        accounts.change_password(
            s, accounts.get_person(s, person_id), current="nope", new="brand new one", passwords=QUICK_PASSWORDS
        )
    with database.session() as s:
        accounts.change_password(
            s, accounts.get_person(s, person_id), current="long enough", new="brand new one", passwords=QUICK_PASSWORDS
        )
    with database.session() as s:
        accounts.sign_in(
            s, email="ada@example.test", password="brand new one", passwords=QUICK_PASSWORDS, now=NOW, client="c"
        )


def test_deleting_an_account_removes_everything_of_theirs(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    with database.session() as s:
        me = accounts.get_person(s, ada)
        shared = pairs.create_pair(s, me, kind="partners", now=NOW)
        alone = pairs.create_pair(s, me, kind="friends", now=NOW)
        code = pairs.create_invite(s, shared.id, me, now=NOW, lifetime=timedelta(days=7)).code
        pairs.create_invite(s, alone.id, me, now=NOW, lifetime=timedelta(days=7))
        sessions.start_session(s, me, kind=sessions.BROWSER, now=NOW, lifetime=timedelta(days=1))
        shared_id, alone_id = shared.id, alone.id
    with database.session() as s:
        pairs.accept_invite(s, code, accounts.get_person(s, bo), now=NOW)

    with pytest.raises(InvalidInput), database.session() as s:
        accounts.delete_account(s, accounts.get_person(s, ada), password="wrong", passwords=QUICK_PASSWORDS)
    with database.session() as s:
        accounts.delete_account(s, accounts.get_person(s, ada), password="long enough", passwords=QUICK_PASSWORDS)

    with database.session() as s:
        assert s.get(Person, ada) is None
        assert s.scalar(select(func.count()).select_from(AuthSession).where(AuthSession.person_id == ada)) == 0
        assert s.scalar(select(func.count()).select_from(Membership).where(Membership.person_id == ada)) == 0
        assert s.scalar(select(func.count()).select_from(Invite).where(Invite.created_by_id == ada)) == 0
        assert s.get(Pair, alone_id) is None, "a pair left empty is deleted"
        remaining = s.get(Pair, shared_id)
        assert remaining is not None and [m.person_id for m in remaining.memberships] == [bo]


def test_sign_in_does_not_hold_the_write_lock_while_checking_the_password(database: Database) -> None:
    """Another writer must get through while Argon2 works; if sign-in held SQLite's lock, it would time out."""
    from dataclasses import dataclass

    from sqlalchemy import create_engine, text

    from nearer.people.passwords import Passwords

    make(database, "ada")
    other = create_engine(database.engine.url, connect_args={"timeout": 0.2})
    writes: list[str] = []

    @dataclass(frozen=True)
    class WritesWhileChecking(Passwords):
        def matches(self, stored_hash: str, password: str) -> bool:
            with other.begin() as conn:  # raises "database is locked" if sign-in holds the write lock
                conn.execute(text("UPDATE people SET name = 'ada too' WHERE email = 'ada@example.test'"))
            writes.append("done")
            return super().matches(stored_hash, password)

    checking = WritesWhileChecking(QUICK_PASSWORDS.hasher)
    for password in ("long enough", "a wrong guess"):
        try:
            with database.session() as s:
                accounts.sign_in(
                    s, email="ada@example.test", password=password, passwords=checking, now=NOW, client="c"
                )
        except WrongCredentials:
            pass
    other.dispose()
    assert writes == ["done", "done"]


def test_expired_sessions_are_cleared_at_the_next_sign_in(database: Database) -> None:
    person_id = make(database, "ada")
    with database.session() as s:
        sessions.start_session(
            s, accounts.get_person(s, person_id), kind=sessions.BROWSER, now=NOW, lifetime=timedelta(hours=1)
        )
    later = NOW + timedelta(hours=2)
    with database.session() as s:
        sessions.start_session(
            s, accounts.get_person(s, person_id), kind=sessions.BROWSER, now=later, lifetime=timedelta(hours=1)
        )
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(AuthSession)) == 1
