from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nearer.errors import Conflict, InvalidInput, InviteUnusable, NotFound
from nearer.people import accounts, pairs
from nearer.store.database import Database
from nearer.store.models import Pair
from tests.conftest import QUICK_PASSWORDS

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def make(database: Database, name: str) -> str:
    with database.session() as s:
        return accounts.sign_up(
            s, name=name, email=f"{name}@example.test", password="long enough", passwords=QUICK_PASSWORDS, now=NOW
        ).id


def start_pair(database: Database, person_id: str, kind: str = "partners") -> tuple[str, str]:
    with database.session() as s:
        me = accounts.get_person(s, person_id)
        pair = pairs.create_pair(s, me, kind=kind, now=NOW)
        return pair.id, pairs.create_invite(s, pair.id, me, now=NOW, lifetime=WEEK).code


def accept(database: Database, code: str, person_id: str, at: datetime = NOW) -> Pair:
    with database.session() as s:
        return pairs.accept_invite(s, code, accounts.get_person(s, person_id), now=at)


def test_an_invite_brings_the_second_person_in_once(database: Database) -> None:
    ada, bo, cy = make(database, "ada"), make(database, "bo"), make(database, "cy")
    pair_id, code = start_pair(database, ada)
    assert accept(database, code, bo).id == pair_id
    with pytest.raises(InviteUnusable, match="already been used"):
        accept(database, code, cy)
    with database.session() as s:
        pair = pairs.pair_for_member(s, pair_id, accounts.get_person(s, bo))
        assert pairs.is_complete(pair)
        assert [p.name for p in pairs.other_members(pair, accounts.get_person(s, bo))] == ["ada"]


def test_an_expired_invite_cannot_be_used(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    _, code = start_pair(database, ada)
    with pytest.raises(InviteUnusable, match="expired on 8 March 2026"):
        accept(database, code, bo, at=NOW + WEEK + timedelta(seconds=1))


def test_codes_are_accepted_however_they_are_typed(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    pair_id, code = start_pair(database, ada)
    typed = f" {code[:5].lower()} - {code[5:]} "
    assert accept(database, typed, bo).id == pair_id


def test_unknown_and_malformed_codes(database: Database) -> None:
    bo = make(database, "bo")
    with pytest.raises(NotFound, match="doesn't match an invite"):
        accept(database, "ABCDE-FGH23", bo)
    with pytest.raises(InvalidInput, match="10 letters and digits"):
        accept(database, "not a code", bo)


def test_you_cannot_join_your_own_pair_or_a_full_one(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    pair_id, code = start_pair(database, ada)
    with pytest.raises(Conflict, match="already in this pair"):
        accept(database, code, ada)
    accept(database, code, bo)
    with pytest.raises(Conflict, match="already has two people"), database.session() as s:
        pairs.create_invite(s, pair_id, accounts.get_person(s, ada), now=NOW, lifetime=WEEK)


def test_a_new_invite_replaces_the_unused_one(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    pair_id, old_code = start_pair(database, ada)
    with database.session() as s:
        new_code = pairs.create_invite(s, pair_id, accounts.get_person(s, ada), now=NOW, lifetime=WEEK).code
    with pytest.raises(NotFound):
        accept(database, old_code, bo)
    assert accept(database, new_code, bo).id == pair_id


def test_a_person_can_be_in_several_pairs(database: Database) -> None:
    ada, bo, cy = make(database, "ada"), make(database, "bo"), make(database, "cy")
    first, code1 = start_pair(database, ada, "partners")
    second, code2 = start_pair(database, ada, "friends")
    accept(database, code1, bo)
    accept(database, code2, cy)
    with database.session() as s:
        mine = pairs.pairs_of(s, accounts.get_person(s, ada))
        assert {(p.id, p.kind) for p in mine} == {(first, "partners"), (second, "friends")}


def test_outsiders_get_not_found_exactly_like_a_missing_pair(database: Database) -> None:
    ada, eve = make(database, "ada"), make(database, "eve")
    pair_id, _ = start_pair(database, ada)
    with database.session() as s:
        with pytest.raises(NotFound) as outsider:
            pairs.pair_for_member(s, pair_id, accounts.get_person(s, eve))
        with pytest.raises(NotFound) as missing:
            pairs.pair_for_member(s, "does-not-exist", accounts.get_person(s, eve))
        assert outsider.value.message == missing.value.message
        with pytest.raises(NotFound):
            pairs.create_invite(s, pair_id, accounts.get_person(s, eve), now=NOW, lifetime=WEEK)


def joined_pair(database: Database) -> tuple[str, str, str]:
    """Ada starts a pair and Bo joins it; returns (ada, bo, pair id)."""
    ada, bo = make(database, "ada"), make(database, "bo")
    pair_id, code = start_pair(database, ada)
    accept(database, code, bo)
    return ada, bo, pair_id


def test_leaving_keeps_the_pair_for_the_other_and_deletes_an_empty_one(database: Database) -> None:
    ada, bo, pair_id = joined_pair(database)
    with database.session() as s:
        pairs.leave_pair(s, pair_id, accounts.get_person(s, ada))
    with database.session() as s:
        pair = pairs.pair_for_member(s, pair_id, accounts.get_person(s, bo))
        assert not pairs.is_complete(pair)
        with pytest.raises(NotFound):
            pairs.pair_for_member(s, pair_id, accounts.get_person(s, ada))
    with database.session() as s:
        pairs.leave_pair(s, pair_id, accounts.get_person(s, bo))
    with database.session() as s:
        assert s.get(Pair, pair_id) is None


def test_a_pair_someone_left_takes_no_newcomer(database: Database) -> None:
    ada, bo, pair_id = joined_pair(database)
    with database.session() as s:
        pairs.leave_pair(s, pair_id, accounts.get_person(s, bo))
    with database.session() as s:
        me = accounts.get_person(s, ada)
        pair = pairs.pair_for_member(s, pair_id, me)
        assert pairs.is_closed(pair) and not pairs.is_complete(pair)
        with pytest.raises(Conflict, match="can't take anyone new"):
            pairs.create_invite(s, pair_id, me, now=NOW, lifetime=WEEK)


def test_joining_twice_with_the_same_code_just_answers_the_pair(database: Database) -> None:
    ada, bo = make(database, "ada"), make(database, "bo")
    pair_id, code = start_pair(database, ada)
    assert accept(database, code, bo).id == pair_id
    assert accept(database, code, bo).id == pair_id
