"""The private journal in the library: the prompts and their checks, writing, changing, deleting, the
prompt of the day, and entries that nobody but their writer can reach, not even in an export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from nearer.errors import BrokenData, InvalidInput, NotFound
from nearer.people import accounts
from nearer.people.export import export_person
from nearer.practice import journal
from nearer.store.database import Database
from tests.practice.conftest import NOW, LibraryPair

DAY = timedelta(days=1)


def write(database: Database, writer: str, text: str, prompt_id: str | None = None) -> str:
    with database.session() as s:
        return journal.write(s, accounts.get_person(s, writer), text, now=NOW, prompt_id=prompt_id).id


def test_the_prompts_are_about_trust_and_load_cleanly() -> None:
    every = journal.read_prompts()
    assert 20 <= len(every) <= 30
    assert {p.theme for p in every} == set(journal.THEMES)
    assert len({p.id for p in every}) == len(every)
    assert all(p.text.endswith(("?", ".")) and len(p.text) <= journal.MOST_PROMPT_CHARACTERS for p in every)
    assert journal.prompt_by_id("safe-01").theme_name == "When you felt safe"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('[[prompt]]\nid = "past-01"\ntheme = "past"\ntext = "Why?"\n' * 2, "past-01: used twice"),
        ('[[prompt]]\nid = "past-1"\ntheme = "past"\ntext = "Why?"\n', "the id must look like past-01"),
        ('[[prompt]]\nid = "fun-01"\ntheme = "fun"\ntext = "Why?"\n', "theme must be one of"),
        ('[[prompt]]\nid = "now-01"\ntheme = "now"\ntext = ""\n', "text must be words"),
        ('[[prompt]]\nid = "now-01"\ntheme = "now"\ntext = "Why"\n', "must end with a question mark"),
        ('[[prompt]]\nid = "now-01"\ntheme = "now"\ntext = "Why?"\nlevel = 3\n', "unknown field 'level'"),
        ("[[prompt]]\nid = ", "can't be read"),
        ("", "no prompts"),
    ],
)
def test_a_broken_prompts_file_is_refused_with_each_problem_named(tmp_path: Path, toml: str, problem: str) -> None:
    path = tmp_path / "prompts.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(BrokenData, match=problem):
        journal.read_prompts(path)


def test_an_entry_is_written_changed_and_deleted_by_its_writer(database: Database, pair: LibraryPair) -> None:
    entry_id = write(database, pair.ada, "  I went quiet again when work came up.  ", "opening-02")
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        entry = journal.entry_for(s, entry_id, ada)
        assert entry.text == "I went quiet again when work came up." and entry.prompt_id == "opening-02"
        assert journal.prompt_of(entry) == journal.prompt_by_id("opening-02")
        changed = journal.edit(s, entry_id, ada, "I went quiet, and I know why.", now=NOW + DAY)
        assert changed.updated_at == NOW + DAY and changed.created_at == NOW
    free = write(database, pair.ada, "No prompt today, just a thought.")
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        assert {e.id for e in journal.entries(s, ada)} == {entry_id, free}
        assert journal.prompt_of(journal.entry_for(s, free, ada)) is None
        journal.delete(s, entry_id, ada)
        assert [e.id for e in journal.entries(s, ada)] == [free]
        with pytest.raises(NotFound):
            journal.entry_for(s, entry_id, ada)


def test_entries_list_newest_first(database: Database, pair: LibraryPair) -> None:
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        first = journal.write(s, ada, "first", now=NOW).id
        second = journal.write(s, ada, "second", now=NOW + DAY).id
        assert [e.id for e in journal.entries(s, ada)] == [second, first]


@pytest.mark.parametrize(
    ("text", "prompt_id", "message"),
    [
        ("   ", None, "Write a few words first"),
        ("x" * 20_000, None, "20,000 characters; one entry holds up to 10,000"),
        ("fine words", "no-such-prompt", "isn't one of the journal's prompts"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_reason(
    database: Database, pair: LibraryPair, text: str, prompt_id: str | None, message: str
) -> None:
    with database.session() as s, pytest.raises(InvalidInput, match=message):
        journal.write(s, accounts.get_person(s, pair.ada), text, now=NOW, prompt_id=prompt_id)
    with database.session() as s:
        assert journal.entries(s, accounts.get_person(s, pair.ada)) == []


def test_nobody_but_the_writer_reaches_an_entry(database: Database, pair: LibraryPair) -> None:
    entry_id = write(database, pair.ada, "What I would want Bo to know.")
    for other in (pair.bo, pair.cy):
        with database.session() as s:
            person = accounts.get_person(s, other)
            assert journal.entries(s, person) == []
            with pytest.raises(NotFound) as caught:
                journal.entry_for(s, entry_id, person)
            assert caught.value.message == journal.NO_SUCH_ENTRY  # the same as for no entry at all
            with pytest.raises(NotFound):
                journal.edit(s, entry_id, person, "mine now", now=NOW)
            with pytest.raises(NotFound):
                journal.delete(s, entry_id, person)
    with database.session() as s:
        assert journal.entry_for(s, entry_id, accounts.get_person(s, pair.ada)).text == "What I would want Bo to know."


def test_the_export_holds_the_writers_own_entries_only(database: Database, pair: LibraryPair) -> None:
    write(database, pair.ada, "A secret about the lighthouse.", "known-04")
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        mine = journal.export_for(s, ada)
        assert [(e["text"], e["prompt_id"]) for e in mine] == [("A secret about the lighthouse.", "known-04")]
        assert mine[0]["prompt"] == journal.prompt_by_id("known-04").text
        assert journal.export_for(s, bo) == []
        assert "lighthouse" not in str(export_person(s, bo, now=NOW))


def test_the_prompt_of_the_day_stays_all_day_and_moves_on_to_unwritten_ones(
    database: Database, pair: LibraryPair
) -> None:
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        morning = journal.prompt_of_the_day(s, ada, now=NOW)
        assert journal.prompt_of_the_day(s, ada, now=NOW + timedelta(hours=5)) == morning
        days = {journal.prompt_of_the_day(s, ada, now=NOW + k * DAY).id for k in range(10)}
        assert len(days) > 1
        for prompt in journal.prompts()[:-1]:  # written on all but one: that one is today's
            journal.write(s, ada, "done", now=NOW, prompt_id=prompt.id)
        assert journal.prompt_of_the_day(s, ada, now=NOW) == journal.prompts()[-1]
        journal.write(s, ada, "done", now=NOW, prompt_id=journal.prompts()[-1].id)
        assert journal.prompt_of_the_day(s, ada, now=NOW) in journal.prompts()  # then any of them again


def test_another_prompt_goes_round_them_all() -> None:
    every = journal.prompts()
    assert journal.following(every[0].id) == every[1]
    assert journal.following(every[-1].id) == every[0]
    assert journal.following(None) == every[0]
