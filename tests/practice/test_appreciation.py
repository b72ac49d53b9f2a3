"""Appreciation notes in the library: writing with a because, reading (and seeing), deleting, how often, nudges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import appreciation
from nearer.store.database import Database
from tests.conftest import QUICK_PASSWORDS

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
DAY = timedelta(days=1)


@dataclass
class Pair:
    id: str
    ada: str
    bo: str
    cy: str  # in no pair with them


def make(database: Database, name: str) -> str:
    with database.session() as s:
        return accounts.sign_up(
            s, name=name, email=f"{name}@example.test", password="long enough", passwords=QUICK_PASSWORDS, now=NOW
        ).id


def paired(database: Database, kind: str = "partners", *, complete: bool = True) -> Pair:
    ada, bo, cy = make(database, "Ada"), make(database, "Bo"), make(database, "Cy")
    with database.session() as s:
        me = accounts.get_person(s, ada)
        pair = pairs.create_pair(s, me, kind=kind, now=NOW)
        code = pairs.create_invite(s, pair.id, me, now=NOW, lifetime=7 * DAY).code
        if complete:
            pairs.accept_invite(s, code, accounts.get_person(s, bo), now=NOW)
        return Pair(pair.id, ada, bo, cy)


def write(database: Database, pair: Pair, author: str, text: str, because: str, at: datetime = NOW) -> str:
    with database.session() as s:
        person = accounts.get_person(s, author)
        return appreciation.write(s, pair.id, person, text=text, because=because, now=at).id


def read(database: Database, pair: Pair, viewer: str, at: datetime = NOW) -> list[appreciation.Note]:
    with database.session() as s:
        return appreciation.read_notes(s, pair.id, accounts.get_person(s, viewer), now=at)


def test_both_read_every_note_and_the_recipient_sees_new_ones_once(database: Database) -> None:
    pair = paired(database)
    first = write(database, pair, pair.ada, "You made tea when I got in.", "I felt looked after.")
    second = write(database, pair, pair.bo, "You listened all evening.", "I didn't feel alone with it.", NOW + DAY)

    ada_sees = read(database, pair, pair.ada, NOW + 2 * DAY)
    assert [n.id for n in ada_sees] == [second, first], "newest first"
    assert [(n.author_name, n.recipient_name, n.mine) for n in ada_sees] == [("Bo", "Ada", False), ("Ada", "Bo", True)]
    assert [n.new for n in ada_sees] == [True, False], "only the note to Ada is new to her; her own never is"
    assert [n.new for n in read(database, pair, pair.ada, NOW + 3 * DAY)] == [False, False], "new just once"

    bo_sees = read(database, pair, pair.bo, NOW + 4 * DAY)
    assert [n.new for n in bo_sees] == [False, True], "Ada reading didn't mark her note to Bo seen"
    assert bo_sees[1].seen_at == NOW + 4 * DAY and bo_sees[1].because == "I felt looked after."
    with database.session() as s:
        one = appreciation.read_note(s, second, accounts.get_person(s, pair.bo), now=NOW + 5 * DAY)
        assert one.mine and not one.new and one.seen_at == NOW + 2 * DAY


def test_reading_one_note_marks_it_seen_for_its_recipient_only(database: Database) -> None:
    pair = paired(database)
    note = write(database, pair, pair.ada, "You fixed my bike.", "I could ride to work again.")
    with database.session() as s:
        assert not appreciation.read_note(s, note, accounts.get_person(s, pair.ada), now=NOW).new
        assert appreciation.unseen_counts(s, accounts.get_person(s, pair.bo)) == {pair.id: 1}
        assert appreciation.read_note(s, note, accounts.get_person(s, pair.bo), now=NOW).new
    with database.session() as s:
        assert appreciation.unseen_counts(s, accounts.get_person(s, pair.bo)) == {}


@pytest.mark.parametrize(
    ("text", "because", "field", "words"),
    [
        ("", "I felt cared for.", "text", "Write what your partner did"),
        ("   \n ", "I felt cared for.", "text", "Write what your partner did"),
        ("You cooked.", "", "because", "Add what it meant to you"),
        ("You cooked.", " ... ", "because", "Add what it meant to you"),
        ("You cooked dinner.", "you cooked dinner", "because", "says the same as what they did"),
        ("You cooked dinner.", "Because you cooked dinner!", "because", "says the same"),
        ("x" * 1001, "I felt cared for.", "text", "keep it to 1,000 characters (it's 1,001 now)"),
        ("You cooked.", "y" * 1001, "because", "keep it to 1,000 characters"),
    ],
)
def test_a_note_needs_what_they_did_and_what_it_meant(
    database: Database, text: str, because: str, field: str, words: str
) -> None:
    pair = paired(database)
    with pytest.raises(InvalidInput, match=re.escape(words)) as raised:
        write(database, pair, pair.ada, text, because)
    assert raised.value.field == field
    assert read(database, pair, pair.bo) == [], "nothing half-saved"


def test_words_are_trimmed_and_the_limit_is_for_what_is_kept(database: Database) -> None:
    pair = paired(database)
    write(database, pair, pair.ada, "  You waited for me.  ", "\n" + "z" * 1000 + "\n")
    note = read(database, pair, pair.bo)[0]
    assert note.text == "You waited for me." and len(note.because) == 1000


def test_errors_speak_of_the_kind_of_pair(database: Database) -> None:
    pair = paired(database, "family")
    with pytest.raises(InvalidInput, match="your family member feel seen"):
        write(database, pair, pair.ada, "You drove me.", "")


def test_writing_takes_both_people_and_strangers_find_nothing(database: Database) -> None:
    alone = paired(database, complete=False)
    with pytest.raises(Conflict, match="invite your partner first"):
        write(database, alone, alone.ada, "You came.", "It meant a lot.")
    assert read(database, alone, alone.ada) == [], "an incomplete pair can still be read, and is empty"

    pair = paired_again(database)
    note = write(database, pair, pair.ada, "You came.", "It meant a lot.")
    with database.session() as s:
        cy = accounts.get_person(s, pair.cy)
        for attempt in (
            lambda: appreciation.write(s, pair.id, cy, text="Hi.", because="Just because.", now=NOW),
            lambda: appreciation.read_notes(s, pair.id, cy, now=NOW),
            lambda: appreciation.rhythm(s, pair.id, cy, now=NOW),
            lambda: appreciation.read_note(s, note, cy, now=NOW),
            lambda: appreciation.delete(s, note, cy),
        ):
            with pytest.raises(NotFound):
                attempt()
        assert appreciation.export_for(s, cy) == []
        assert appreciation.unseen_counts(s, cy) == {}
    assert read(database, pair, pair.bo)[0].new, "a stranger's try marks nothing seen"


def paired_again(database: Database) -> Pair:
    """A second, complete pair in the same database, with its own three people."""
    ids = [make(database, name) for name in ("Dee", "Eli", "Fay")]
    with database.session() as s:
        dee = accounts.get_person(s, ids[0])
        made = pairs.create_pair(s, dee, kind="friends", now=NOW)
        code = pairs.create_invite(s, made.id, dee, now=NOW, lifetime=7 * DAY).code
        pairs.accept_invite(s, code, accounts.get_person(s, ids[1]), now=NOW)
        return Pair(made.id, ids[0], ids[1], ids[2])


def test_only_the_author_deletes_a_note(database: Database) -> None:
    pair = paired(database)
    note = write(database, pair, pair.ada, "You remembered my mum's birthday.", "I felt part of your life.")
    with database.session() as s, pytest.raises(NotFound):
        appreciation.delete(s, note, accounts.get_person(s, pair.bo))
    assert len(read(database, pair, pair.bo)) == 1
    with database.session() as s:
        assert appreciation.delete(s, note, accounts.get_person(s, pair.ada)) == pair.id
    assert read(database, pair, pair.bo) == []
    with database.session() as s, pytest.raises(NotFound):
        appreciation.delete(s, note, accounts.get_person(s, pair.ada))


def test_how_often_each_writes(database: Database) -> None:
    pair = paired(database)
    now = NOW + 100 * DAY
    for days_ago in (0, 1, 8, 29, 31, 83, 85, 99):
        write(database, pair, pair.ada, f"Thing {days_ago}.", f"It mattered {days_ago}.", now - days_ago * DAY)
    write(database, pair, pair.bo, "You stayed.", "I felt chosen.", now - 2 * DAY)
    with database.session() as s:
        shown = appreciation.rhythm(s, pair.id, accounts.get_person(s, pair.bo), now=now)
    assert len(shown.week_starts) == appreciation.WEEKS and shown.week_starts[-1] == now - 7 * DAY
    bo, ada = shown.writers
    assert (bo.name, bo.me, bo.last_30_days, bo.overall) == ("Bo", True, 1, 1)
    assert (ada.name, ada.me, ada.last_30_days, ada.overall) == ("Ada", False, 4, 8)
    # 12 weeks back from now is 84 days: the notes 85 and 99 days ago fall before the chart.
    assert ada.per_week == (1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 2)
    assert bo.per_week == (0,) * 11 + (1,)
    assert ada.last_written_at == now and shown.unseen == 8, "Bo hasn't opened Ada's notes, and rhythm marks none"


def test_the_home_page_nudge_after_a_week_or_never(database: Database) -> None:
    pair = paired(database, "friends")
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        never = appreciation.suggestions(s, ada, now=NOW)
        assert [(n.pair_id, n.other_name, n.other_word, n.days_since) for n in never] == [
            (pair.id, "Bo", "friend", None)
        ]
    write(database, pair, pair.ada, "You came to my play.", "I felt you were proud of me.")
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        assert appreciation.suggestions(s, ada, now=NOW + 6 * DAY) == []
        later = appreciation.suggestions(s, ada, now=NOW + 9 * DAY)
        assert [(n.days_since, n.last_written_at) for n in later] == [(9, NOW)]
        assert len(appreciation.suggestions(s, accounts.get_person(s, pair.bo), now=NOW)) == 1, "Bo hasn't written"
    alone = paired_again_alone(database)
    with database.session() as s:
        assert appreciation.suggestions(s, accounts.get_person(s, alone), now=NOW) == [], "no one to write to yet"


def paired_again_alone(database: Database) -> str:
    person = make(database, "Gus")
    with database.session() as s:
        pairs.create_pair(s, accounts.get_person(s, person), kind="partners", now=NOW)
    return person


def test_when_one_leaves_the_other_keeps_reading_but_cannot_write(database: Database) -> None:
    pair = paired(database)
    write(database, pair, pair.bo, "You held my hand at the clinic.", "I wasn't scared any more.")
    write(database, pair, pair.ada, "You trusted me with it.", "I felt close to you.", NOW + DAY)
    with database.session() as s:
        pairs.leave_pair(s, pair.id, accounts.get_person(s, pair.bo))
    notes = read(database, pair, pair.ada, NOW + 2 * DAY)
    assert [(n.author_name, n.recipient_name) for n in notes] == [("Ada", "Bo"), ("Bo", "Ada")]
    with pytest.raises(Conflict, match="has left this pair"):
        write(database, pair, pair.ada, "You were kind.", "It helped.")
    with database.session() as s, pytest.raises(NotFound):
        appreciation.read_notes(s, pair.id, accounts.get_person(s, pair.bo), now=NOW)


def test_export_holds_what_you_wrote_and_what_was_written_to_you(database: Database) -> None:
    pair = paired(database)
    write(database, pair, pair.ada, "You cooked.", "I could rest.")
    write(database, pair, pair.bo, "You noticed.", "I felt seen.", NOW + DAY)
    other = paired_again(database)
    write(database, other, other.ada, "Not for Ada.", "Someone else's.")
    with database.session() as s:
        exported = appreciation.export_for(s, accounts.get_person(s, pair.ada))
    assert [(e["direction"], e["from"], e["text"], e["because"]) for e in exported] == [
        ("written", "Ada", "You cooked.", "I could rest."),
        ("received", "Bo", "You noticed.", "I felt seen."),
    ]
    assert exported[0]["created_at"] == NOW.isoformat() and exported[1]["seen_at"] is None
    assert {e["pair_id"] for e in exported} == {pair.id}


def test_clean_note_keeps_the_words() -> None:
    assert appreciation.clean_note(" You sang. ", "Because I laughed all day. ") == (
        "You sang.",
        "Because I laughed all day.",
    )
