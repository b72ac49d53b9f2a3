"""What is waiting for a person: each practice in turn, gone once done, nothing of the other's words."""

from __future__ import annotations

from datetime import timedelta

from nearer.people import accounts
from nearer.practice import appreciation, checkins, closeness, daily, due, weekly
from nearer.practice.checkin_items import items
from nearer.store.database import Database
from nearer.store.models import Pair
from tests.practice.conftest import NOW, LibraryPair


def waiting(database: Database, pair: LibraryPair, who: str, when: object = NOW) -> dict[str, str]:
    with database.session() as s:
        person = accounts.get_person(s, who)
        found = due.due_for(s, s.get(Pair, pair.id), person, now=when)  # type: ignore[arg-type]
        return {item.key: item.text for item in found}


def test_everything_is_waiting_at_first_and_each_goes_once_done(database: Database, pair: LibraryPair) -> None:
    assert set(waiting(database, pair, pair.ada)) == {"today", "closeness", "week", "check-in", "appreciation"}
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        today = daily.todays_question(s, pair.id, ada, now=NOW)
        daily.answer(s, today.id, ada, "the garden", now=NOW)
        closeness.rate(s, pair.id, ada, need=4, feel=3, now=NOW)
        answers = {item.id: 4 for item in items().items}
        checkins.take(s, pair.id, ada, answers, now=NOW)
        appreciation.write(s, pair.id, ada, text="made dinner", because="I felt looked after", now=NOW)
        talk, _ = weekly.start_talk(s, pair.id, ada, now=NOW)
        weekly.end_talk(s, talk.id, ada, now=NOW)
    assert waiting(database, pair, pair.ada) == {}
    bo_sees = waiting(database, pair, pair.bo)
    assert bo_sees["today"].startswith("Ada has answered today's question")
    assert "the garden" not in str(bo_sees)
    later = waiting(database, pair, pair.ada, NOW + timedelta(days=8))
    assert {"today", "closeness", "week", "appreciation"} <= set(later)
