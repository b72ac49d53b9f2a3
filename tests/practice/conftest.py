"""Two people in a pair (and a stranger), made through the library on a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from nearer.people import accounts, pairs
from nearer.store.database import Database
from tests.conftest import QUICK_PASSWORDS

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class LibraryPair:
    id: str
    ada: str
    bo: str
    cy: str  # in no pair with them


def person(database: Database, name: str) -> str:
    with database.session() as s:
        return accounts.sign_up(
            s, name=name, email=f"{name.lower()}@example.test", password="long enough", passwords=QUICK_PASSWORDS,
            now=NOW,
        ).id  # fmt: skip


def make_pair(database: Database, kind: str = "partners") -> LibraryPair:
    ada, bo, cy = person(database, "Ada"), person(database, "Bo"), person(database, "Cy")
    with database.session() as s:
        pair = pairs.create_pair(s, accounts.get_person(s, ada), kind=kind, now=NOW)
        code = pairs.create_invite(s, pair.id, accounts.get_person(s, ada), now=NOW, lifetime=timedelta(days=7)).code
        pairs.accept_invite(s, code, accounts.get_person(s, bo), now=NOW)
        return LibraryPair(pair.id, ada, bo, cy)


@pytest.fixture
def pair(database: Database) -> LibraryPair:
    return make_pair(database)
