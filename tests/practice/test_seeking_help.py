"""When to suggest professional help: the rule over check-ins and reports, safety first, and what it reads
from the store (only what the asker may see)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from nearer.errors import NotFound
from nearer.people import accounts
from nearer.practice import checkins, seeking_help
from nearer.practice.seeking_help import HELP_WORDS, ScorePoint, advise
from nearer.store.database import Database
from nearer.store.models import SavedReport
from nearer.support import CRISIS_RESOURCES
from tests.practice.conftest import NOW, LibraryPair
from tests.practice.test_checkins import take


def points(*scores: int, every: int = 30) -> list[ScorePoint]:
    """Monthly check-ins with these overall scores, oldest first (low as checkins defines it, for whole areas)."""
    return [ScorePoint(NOW + timedelta(days=every * k), s, s < checkins.LOW_OVERALL) for k, s in enumerate(scores)]


def keys(advice: seeking_help.Advice | None) -> list[str]:
    return [r.key for r in advice.reasons] if advice else []


def test_nothing_is_suggested_when_things_are_well() -> None:
    assert advise([]) is None
    assert advise(points(70, 65, 72, 68)) is None
    assert advise(points(80), [{"acts": {"Ada": {"validation": 40, "contempt": 2}}}]) is None


def test_check_ins_that_stay_low_for_a_few_months() -> None:
    assert keys(advise(points(40, 35, 45))) == ["stays-low"]
    assert advise(points(40, 35, 45, every=10)) is None  # three in a month is a hard month, not months
    assert advise(points(40, 35)) is None
    assert advise(points(40, 35, 45, 60)) is None  # the latest is no longer low
    assert keys(advise(points(70, 40, 35, 45))) == ["stays-low", "falling"]


def test_check_ins_that_fall_over_a_few_months() -> None:
    assert keys(advise(points(85, 80, 60, 58))) == ["falling"]
    falling = advise(points(85, 80, 60, 58))
    assert falling is not None and "from 85 to 58" in falling.reasons[0].words
    assert advise(points(85, 80, 82, 55)) is None  # one hard month only
    assert advise(points(85, 80, 70, 68)) is None  # a smaller change
    assert advise(points(85, 60, 58, every=10)) is None  # within weeks, not months
    assert advise(points(85, 62, 61, 60, 62, 61, 60, 60, 58)) is None  # the high point was too long ago


def test_contempt_and_stonewalling_dominating_a_report() -> None:
    harsh = {"acts": {"Ada": {"contempt": 4, "validation": 2}, "Bo": {"stonewalling": 5, "appreciation": 3}}}
    assert keys(advise([], [harsh])) == ["harsh"]
    assert advise([], [{"acts": {"Ada": {"contempt": 3, "stonewalling": 1}}}]) is None  # too few to say
    warm = {"acts": {"Ada": {"contempt": 6, "curiosity": 4}, "Bo": {"disclosure": 5}}}
    assert advise([], [warm]) is None
    assert advise([], [{"acts": "garbled"}, {}]) is None


def test_safety_anywhere_puts_crisis_resources_first() -> None:
    advice = advise(points(40, 35, 45), [{"acts": {"Bo": {"safety": 1}}}])
    assert advice is not None and advice.crisis_first and advice.crisis_resources == CRISIS_RESOURCES
    assert keys(advice) == ["safety", "stays-low"]
    told = advise([], safety_seen=True)
    assert told is not None and told.crisis_first
    calm = advise(points(40, 35, 45))
    assert calm is not None and not calm.crisis_first and calm.crisis_resources == ()


def test_the_other_persons_shared_check_ins_count_in_their_name() -> None:
    advice = advise(points(70, 72), theirs=points(40, 35, 45), other_name="Bo")
    assert keys(advice) == ["stays-low-theirs"] and advice is not None
    assert advice.reasons[0].words.startswith("Bo's shared check-ins")


@pytest.mark.parametrize("kind", ["partners", "friends", "family"])
def test_the_words_about_help_are_kind_and_advertise_nothing(kind: str) -> None:
    words = HELP_WORDS[kind]
    everything = " ".join([words.who, words.lead, words.not_safe, *words.what_it_is_like, *words.how_to_find])
    assert "http" not in everything and "www." not in everything and "$" not in everything and "%" not in everything
    assert any("doctor" in line for line in words.how_to_find)
    assert any("employee assistance" in line for line in words.how_to_find)
    advice = advise(points(40, 35, 45), kind=kind)
    assert advice is not None and advice.words is words
    assert ("couples" in words.who) == (kind == "partners") and ("family" in words.who) == (kind == "family")


def add_report(database: Database, pair: LibraryPair, owner: str, acts: dict[str, object], *, shared: bool) -> None:
    with database.session() as s:
        s.add(
            SavedReport(
                pair_id=pair.id,
                owner_id=owner,
                source_name="chat.txt",
                created_at=NOW,
                shared_at=NOW if shared else None,
                summary=json.dumps({"acts": acts}),
                page="<p>report</p>",
            )
        )


def advice_for(database: Database, pair: LibraryPair, who: str) -> seeking_help.Advice | None:
    with database.session() as s:
        return seeking_help.advice_for(s, pair.id, accounts.get_person(s, who))


def test_from_the_store_it_reads_only_what_the_asker_may_see(database: Database, pair: LibraryPair) -> None:
    for month in range(3):
        take(database, pair.id, pair.bo, value=2, days=30 * month)
    assert keys(advice_for(database, pair, pair.bo)) == ["stays-low"]
    assert advice_for(database, pair, pair.ada) is None  # Bo's check-ins are Bo's until shared
    with database.session() as s:
        bo = accounts.get_person(s, pair.bo)
        for seen in checkins.visible(s, pair.id, bo):
            checkins.share(s, seen.id, bo, now=NOW)
    assert keys(advice_for(database, pair, pair.ada)) == ["stays-low-theirs"]

    add_report(database, pair, pair.bo, {"Bo": {"safety": 2}}, shared=False)
    assert "safety" not in keys(advice_for(database, pair, pair.ada))
    advice = advice_for(database, pair, pair.bo)
    assert advice is not None and advice.crisis_first
    add_report(database, pair, pair.bo, {"Bo": {"safety": 1}}, shared=True)
    advice = advice_for(database, pair, pair.ada)
    assert advice is not None and advice.crisis_first and keys(advice)[0] == "safety"
    with database.session() as s, pytest.raises(NotFound):
        seeking_help.advice_for(s, pair.id, accounts.get_person(s, pair.cy))
