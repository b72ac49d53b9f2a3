"""The rules of a together session: turn order, passing, going deeper, no repeats, ending."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import together
from nearer.practice.decks import questions
from nearer.store.database import Database
from tests.practice.conftest import NOW, LibraryPair, make_pair, person


def start(database: Database, pair: LibraryPair, who: str, **options: object) -> str:
    with database.session() as s:
        row = together.start_session(s, pair.id, accounts.get_person(s, who), now=NOW, **options)  # type: ignore[arg-type]
        return row.id


def turn(
    database: Database, session_id: str, who: str, outcome: str = "answered", **options: object
) -> together.SessionView:
    with database.session() as s:
        viewer = accounts.get_person(s, who)
        row = together.take_turn(s, session_id, viewer, outcome, now=NOW, **options)  # type: ignore[arg-type]
        return together.view(s, row)


def shown(database: Database, session_id: str, who: str) -> together.SessionView:
    with database.session() as s:
        return together.view(s, together.session_for(s, session_id, accounts.get_person(s, who)))


def test_the_two_take_turns_and_whoever_went_second_reads_first_next(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    first = shown(database, session_id, pair.ada)
    assert first.whose_turn is not None and first.whose_turn.name == "Ada"
    after_one = turn(database, session_id, pair.ada)
    assert after_one.whose_turn is not None and after_one.whose_turn.name == "Bo"  # same question, Bo answers too
    assert len(after_one.asked) == 1
    after_two = turn(database, session_id, pair.bo)  # Bo is signed in now: the screen is shared
    assert len(after_two.asked) == 2
    assert [t.name for t in after_two.asked[1].turns] == ["Bo", "Ada"]
    assert after_two.whose_turn is not None and after_two.whose_turn.name == "Bo"


def test_the_other_person_can_be_chosen_to_read_first(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada, first_reader="other")
    view = shown(database, session_id, pair.bo)
    assert view.whose_turn is not None and view.whose_turn.name == "Bo"


def test_either_may_pass_and_the_pass_is_kept_without_a_reason(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    turn(database, session_id, pair.ada, "passed")
    view = turn(database, session_id, pair.ada, "answered")
    assert [(t.name, t.outcome) for t in view.asked[0].turns] == [("Ada", "passed"), ("Bo", "answered")]
    assert view.count(pair.ada, "passed") == 1 and view.count(pair.bo, "answered") == 1
    with pytest.raises(InvalidInput, match="answered or passed"):
        turn(database, session_id, pair.ada, "skipped-with-reason")


def test_it_goes_one_level_deeper_after_each_set_and_stays_at_the_deepest(
    database: Database, pair: LibraryPair
) -> None:
    session_id = start(database, pair, pair.ada)
    for _ in range(together.SET_SIZE * 3 + 2):
        turn(database, session_id, pair.ada)
        view = turn(database, session_id, pair.bo)
    levels = [a.level for a in view.asked]
    size = together.SET_SIZE
    assert levels[:size] == ["light"] * size
    assert levels[size : 2 * size] == ["personal"] * size
    assert set(levels[2 * size :]) == {"vulnerable"}


def test_a_set_counts_passes_too(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    for _ in range(together.SET_SIZE):
        turn(database, session_id, pair.ada, "passed")
        view = turn(database, session_id, pair.bo, "passed")
    assert view.level == "personal"


def test_no_question_comes_back_across_sessions_until_the_deck_runs_out(database: Database, pair: LibraryPair) -> None:
    theme_light = questions(level="light", theme="needs")
    seen: list[str] = []
    rounds = 0
    while len(seen) < len(theme_light) + 2 and rounds < 100:
        rounds += 1
        session_id = start(database, pair, pair.ada, theme="needs")
        seen.append(shown(database, session_id, pair.ada).asked[0].question.id)
        turn(database, session_id, pair.ada)
        with database.session() as s:
            together.end_session(s, session_id, accounts.get_person(s, pair.ada), now=NOW)
    first_round = seen[: len(theme_light)]
    assert len(set(first_round)) == len(theme_light), "a question came back before the deck ran out"
    assert set(first_round) == {q.id for q in theme_light}
    assert seen[len(theme_light)] in first_round  # then they come round again


def test_once_a_deck_runs_out_the_longest_ago_comes_back_first(database: Database, pair: LibraryPair) -> None:
    pool = questions(level="light", theme="needs")
    chance = random.Random(7)
    order: list[str] = []
    for step in range(len(pool) + 1):
        with database.session() as s:
            ada = accounts.get_person(s, pair.ada)
            row = together.start_session(
                s, pair.id, ada, now=NOW + timedelta(minutes=step), theme="needs", chance=chance
            )
            order.append(row.asked[0].question_id)
            together.take_turn(s, row.id, ada, "answered", now=NOW + timedelta(minutes=step))
            together.end_session(s, row.id, ada, now=NOW + timedelta(minutes=step))
    assert order[-1] == order[0]


def test_a_stale_tap_does_not_count_against_the_next_question(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    turn(database, session_id, pair.ada, position=1)
    turn(database, session_id, pair.bo, position=1)
    with pytest.raises(Conflict, match="moved on"):
        turn(database, session_id, pair.bo, position=1)
    assert all(t.outcome is None for t in shown(database, session_id, pair.ada).asked[1].turns)


def test_ending_shows_what_was_covered_and_drops_an_untouched_question(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    turn(database, session_id, pair.ada)
    turn(database, session_id, pair.bo)
    turn(database, session_id, pair.bo, "passed")
    with database.session() as s:
        row = together.end_session(s, session_id, accounts.get_person(s, pair.bo), now=NOW)
        view = together.view(s, row)
    assert view.ended_at is not None and view.current is None and view.whose_turn is None
    assert len(view.covered) == 2
    assert [t.outcome for t in view.covered[1].turns] == ["passed", None]
    with pytest.raises(Conflict, match="ended"):
        turn(database, session_id, pair.ada)


def test_ending_before_anyone_answered_covers_nothing(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    with database.session() as s:
        view = together.view(s, together.end_session(s, session_id, accounts.get_person(s, pair.ada), now=NOW))
    assert view.covered == () and view.asked == ()


def test_starting_twice_gives_the_open_session(database: Database, pair: LibraryPair) -> None:
    assert start(database, pair, pair.ada) == start(database, pair, pair.bo)


def test_a_session_is_the_pairs_alone(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    with database.session() as s, pytest.raises(NotFound):
        together.session_for(s, session_id, accounts.get_person(s, pair.cy))
    with pytest.raises(NotFound):
        turn(database, session_id, pair.cy)
    with database.session() as s, pytest.raises(NotFound):
        together.start_session(s, pair.id, accounts.get_person(s, pair.cy), now=NOW)


def test_it_takes_two(database: Database) -> None:
    alone = person(database, "Dee")
    with database.session() as s:
        dee = accounts.get_person(s, alone)
        pair_id = pairs.create_pair(s, dee, kind="friends", now=NOW).id
    with database.session() as s, pytest.raises(Conflict, match="invite your friend first"):
        together.start_session(s, pair_id, accounts.get_person(s, alone), now=NOW)


class PreferOtherWording(random.Random):
    """Picks a question that has its own wording for friends and family, when there is one."""

    def choice(self, seq):  # type: ignore[no-untyped-def]
        return next((q for q in seq if getattr(q, "others", None)), seq[0])


def test_the_wording_fits_the_kind_of_pair(database: Database) -> None:
    friends = make_pair(database, "friends")
    with database.session() as s:
        ada = accounts.get_person(s, friends.ada)
        row = together.start_session(s, friends.id, ada, now=NOW, theme="relationship", chance=PreferOtherWording())
        asked = together.view(s, row).asked[0]
        assert asked.question.others and asked.text == asked.question.others != asked.question.text
        with pytest.raises(InvalidInput, match="Unknown theme"):
            together.start_session(s, friends.id, ada, now=NOW, theme="gossip")


def test_a_second_tap_does_not_take_the_other_persons_turn(database: Database, pair: LibraryPair) -> None:
    session_id = start(database, pair, pair.ada)
    turn(database, session_id, pair.ada, position=1, whose=pair.ada)
    with pytest.raises(Conflict, match="taken already"):
        turn(database, session_id, pair.ada, position=1, whose=pair.ada)
    assert [t.outcome for t in shown(database, session_id, pair.bo).asked[0].turns] == ["answered", None]
