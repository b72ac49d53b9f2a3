"""The question of the day: one per pair per day, hidden answers until both have answered, then reactions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import daily, history
from nearer.store.database import Database
from tests.practice.conftest import NOW, LibraryPair


def today(database: Database, who: str, pair: LibraryPair, when: object = NOW) -> daily.DailyView:
    with database.session() as s:
        viewer = accounts.get_person(s, who)
        return daily.view(s, daily.todays_question(s, pair.id, viewer, now=when), viewer)  # type: ignore[arg-type]


def write(database: Database, who: str, daily_id: str, text: str) -> str:
    with database.session() as s:
        return daily.answer(s, daily_id, accounts.get_person(s, who), text, now=NOW).id


def test_both_get_the_same_question_and_a_new_one_the_next_day(database: Database, pair: LibraryPair) -> None:
    mine, theirs = today(database, pair.ada, pair), today(database, pair.bo, pair)
    assert mine.id == theirs.id and mine.question == theirs.question
    tomorrow = today(database, pair.ada, pair, NOW + timedelta(days=1))
    assert tomorrow.id != mine.id and tomorrow.question != mine.question
    assert tomorrow.question.level == daily.level_for((NOW + timedelta(days=1)).date())


def test_an_answer_stays_hidden_until_both_have_answered(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    write(database, pair.ada, question.id, "Walking to the bakery with you.")
    ada_sees, bo_sees = today(database, pair.ada, pair), today(database, pair.bo, pair)
    assert ada_sees.mine is not None and ada_sees.theirs is None and not ada_sees.they_answered
    assert bo_sees.mine is None and bo_sees.theirs is None and bo_sees.they_answered
    assert "bakery" not in repr(bo_sees)
    write(database, pair.bo, question.id, "The rain on the tent.")
    ada_sees, bo_sees = today(database, pair.ada, pair), today(database, pair.bo, pair)
    assert ada_sees.revealed and bo_sees.revealed
    assert ada_sees.theirs is not None and ada_sees.theirs.text == "The rain on the tent."
    assert bo_sees.theirs is not None and bo_sees.theirs.text == "Walking to the bakery with you."


def test_an_answer_can_change_until_the_reveal_and_not_after(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    first = write(database, pair.ada, question.id, "first thought")
    assert write(database, pair.ada, question.id, "better thought") == first
    write(database, pair.bo, question.id, "mine")
    assert today(database, pair.bo, pair).theirs.text == "better thought"  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="can't be changed"):
        write(database, pair.ada, question.id, "third thought")


def test_empty_and_overlong_answers_are_refused(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    with pytest.raises(InvalidInput, match="a few words"):
        write(database, pair.ada, question.id, "   \n ")
    with pytest.raises(InvalidInput, match="under 2,000"):
        write(database, pair.ada, question.id, "x" * 2001)


def test_reactions_only_to_the_others_revealed_answer(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    ada_answer = write(database, pair.ada, question.id, "the bakery")
    with database.session() as s, pytest.raises(NotFound):  # Bo hasn't answered: Ada's answer isn't there for him
        daily.reply(s, ada_answer, accounts.get_person(s, pair.bo), now=NOW, reaction="heart")
    write(database, pair.bo, question.id, "the tent")
    with database.session() as s:
        bo = accounts.get_person(s, pair.bo)
        daily.reply(s, ada_answer, bo, now=NOW, reaction="hug", text="I remember that morning")
        with pytest.raises(NotFound):  # not to one's own answer
            daily.reply(s, daily.view(s, daily.daily_for(s, question.id, bo), bo).mine.id, bo, now=NOW, reaction="hug")  # type: ignore[union-attr]
        with pytest.raises(InvalidInput, match="reactions"):
            daily.reply(s, ada_answer, bo, now=NOW, reaction="thumbs-down")
        with pytest.raises(InvalidInput, match="a reaction or write"):
            daily.reply(s, ada_answer, bo, now=NOW, text="  ")
    seen = today(database, pair.ada, pair)
    assert seen.mine is not None
    assert [(r.author, r.reaction, r.text) for r in seen.mine.replies] == [("Bo", "hug", "I remember that morning")]


def test_a_stranger_reaches_nothing(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    answer_id = write(database, pair.ada, question.id, "private words")
    write(database, pair.bo, question.id, "other words")
    with database.session() as s:
        cy = accounts.get_person(s, pair.cy)
        with pytest.raises(NotFound):
            daily.todays_question(s, pair.id, cy, now=NOW)
        with pytest.raises(NotFound):
            daily.daily_for(s, question.id, cy)
        with pytest.raises(NotFound):
            daily.reply(s, answer_id, cy, now=NOW, reaction="heart")
        with pytest.raises(NotFound):
            daily.past_days(s, pair.id, cy)


def test_leaving_takes_unrevealed_answers_along(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    write(database, pair.ada, question.id, "never seen by Bo")
    with database.session() as s:
        pairs.leave_pair(s, pair.id, accounts.get_person(s, pair.ada))
    with database.session() as s:
        bo = accounts.get_person(s, pair.bo)
        assert daily.past_days(s, pair.id, bo)[0].they_answered is False


def test_history_lists_answered_questions_and_favourites_are_ones_own(database: Database, pair: LibraryPair) -> None:
    question = today(database, pair.ada, pair)
    write(database, pair.ada, question.id, "an answer")
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        history.set_favourite(s, pair.id, ada, question.question.id, now=NOW)
        history.set_favourite(s, pair.id, ada, question.question.id, now=NOW)  # twice is once
        assert [q.id for q in history.favourites(s, pair.id, ada)] == [question.question.id]
        assert history.favourites(s, pair.id, bo) == []
        answered = history.answered(s, pair.id, ada)
        assert [(a.question.id, a.where, a.favourite) for a in answered] == [(question.question.id, "today", True)]
        assert history.answered(s, pair.id, bo)[0].favourite is False
        history.set_favourite(s, pair.id, ada, question.question.id, now=NOW, on=False)
        assert history.favourites(s, pair.id, ada) == []
        with pytest.raises(NotFound):
            history.set_favourite(s, pair.id, ada, "everyday-999", now=NOW)
        with pytest.raises(NotFound):
            history.favourites(s, pair.id, accounts.get_person(s, pair.cy))
