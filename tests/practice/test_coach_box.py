"""The coach box in the library: coaching stores nothing; a kept draft is its writer's alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from nearer.errors import InvalidInput, NotFound
from nearer.people import accounts
from nearer.people import pairs as pair_rules
from nearer.people.export import export_person
from nearer.practice import coach_box
from nearer.store.database import Database
from nearer.store.models import SavedDraft
from tests.practice.conftest import NOW, LibraryPair, make_pair

ROUGH_DAY = "I had such a rough day at work, my manager shouted at me in front of everyone"
HARSH = "you always make everything about you, get over it"
LATER = timedelta(minutes=5)


def kept_count(database: Database) -> int:
    with database.session() as s:
        return int(s.scalar(select(func.count()).select_from(SavedDraft)) or 0)


def test_coaching_a_harsh_draft_flags_it_and_offers_alternatives() -> None:
    advice = coach_box.coach_reply(ROUGH_DAY, HARSH)
    assert advice.flags and not advice.safety
    assert all(flag.evidence and flag.explanation for flag in advice.flags)
    assert 2 <= len(advice.suggestions) <= 3
    assert set(advice.as_json()) == {"acts", "flags", "suggestions", "safety", "resources"}


def test_coaching_uses_the_best_tier_installed() -> None:
    from nearer.doctor import model_tiers

    accurate_installed = next(f for f in model_tiers() if f.label == "accurate lens tier").ok
    advice = coach_box.coach_reply(ROUGH_DAY, "Oh no. That sounds awful, I'm sorry. Do you want to tell me about it?")
    assert advice.tier == ("accurate" if accurate_installed else "fast")
    assert advice.affirmation and not advice.flags


def test_a_message_about_safety_gets_resources_not_coaching() -> None:
    advice = coach_box.coach_reply("I don't want to be here anymore", "ok whatever")
    assert advice.safety and advice.resources and not advice.flags and not advice.suggestions


def test_their_message_may_be_left_empty() -> None:
    assert coach_box.coach_reply("", HARSH).flags


@pytest.mark.parametrize(
    ("their_message", "draft", "field", "message"),
    [
        ("hello", "   ", "draft", "Write the reply you're thinking of sending"),
        ("hello", "x" * 20_000, "draft", "Your draft is 20,000 characters; the coach reads up to 5,000"),
        ("y" * 20_000, "fine", "their_message", "Their message is 20,000 characters"),
        ("hello \ud800", "fine", "their_message", "can't be read"),
    ],
)
def test_bad_input_is_refused_with_a_clear_reason(their_message: str, draft: str, field: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        coach_box.coach_reply(their_message, draft)
    assert caught.value.field == field


def test_coaching_stores_nothing(database: Database, pair: LibraryPair) -> None:
    coach_box.coach_reply(ROUGH_DAY, HARSH)
    assert kept_count(database) == 0


def test_a_kept_draft_is_its_writers_alone(database: Database, pair: LibraryPair) -> None:
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        for_pair = coach_box.keep(s, ada, their_message=f"  {ROUGH_DAY} ", draft=HARSH, now=NOW, pair_id=pair.id).id
        alone = coach_box.keep(s, ada, their_message="", draft="Thinking of you today.", now=NOW + LATER).id
        assert coach_box.draft_for(s, for_pair, ada).their_message == ROUGH_DAY
        assert [d.id for d in coach_box.drafts(s, ada)] == [alone, for_pair]  # newest first
        assert [d.id for d in coach_box.drafts(s, ada, pair_id=pair.id)] == [for_pair]
    for other in (pair.bo, pair.cy):
        with database.session() as s:
            person = accounts.get_person(s, other)
            assert coach_box.drafts(s, person) == []
            for draft_id in (for_pair, alone):
                with pytest.raises(NotFound):
                    coach_box.draft_for(s, draft_id, person)
                with pytest.raises(NotFound):
                    coach_box.delete_draft(s, draft_id, person)
    with database.session() as s:
        bo = accounts.get_person(s, pair.bo)
        assert coach_box.drafts(s, bo, pair_id=pair.id) == []  # Bo is in the pair, but Ada's drafts are hers
        assert coach_box.export_for(s, bo) == []
        assert "get over it" not in str(export_person(s, bo, now=NOW))
        ada = accounts.get_person(s, pair.ada)
        assert [d["draft"] for d in coach_box.export_for(s, ada)] == [HARSH, "Thinking of you today."]
        coach_box.delete_draft(s, alone, ada)
        assert [d.id for d in coach_box.drafts(s, ada)] == [for_pair]


def test_a_draft_is_kept_only_for_ones_own_pair(database: Database, pair: LibraryPair) -> None:
    with database.session() as s:
        cy = accounts.get_person(s, pair.cy)
        with pytest.raises(NotFound):
            coach_box.keep(s, cy, their_message="", draft="hello", now=NOW, pair_id=pair.id)
        with pytest.raises(NotFound):
            coach_box.drafts(s, cy, pair_id=pair.id)
        with pytest.raises(InvalidInput, match="no draft to keep"):
            coach_box.keep(s, cy, their_message="hi", draft="  ", now=NOW)
    assert kept_count(database) == 0


def test_warming_up_starts_once() -> None:
    coach_box.warm_up()
    coach_box.warm_up()
    assert len(coach_box._warming) == 1
    coach_box._warming[0].join(timeout=120)
    assert not coach_box._warming[0].is_alive()


def test_a_kept_draft_outlives_the_pair_it_was_written_in(database: Database) -> None:
    made = make_pair(database)
    with database.session() as s:
        ada = accounts.get_person(s, made.ada)
        coach_box.keep(
            s, ada, their_message="you forgot again", draft="I'm sorry, that matters", pair_id=made.id, now=NOW
        )
    with database.session() as s:
        pair_rules.leave_pair(s, made.id, accounts.get_person(s, made.ada))
        pair_rules.leave_pair(s, made.id, accounts.get_person(s, made.bo))  # the pair, now empty, is deleted
    with database.session() as s:
        kept = coach_box.drafts(s, accounts.get_person(s, made.ada))
        assert [d.draft for d in kept] == ["I'm sorry, that matters"] and kept[0].pair_id is None
