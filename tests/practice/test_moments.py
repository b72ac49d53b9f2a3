"""Moments of connection and planned time in the library: noting, patterns with minimum counts, and the planner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import moments, planner
from nearer.store.database import Database
from nearer.store.models import Moment
from tests.practice.conftest import NOW, LibraryPair

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
EVENING = NOW.replace(hour=19)  # NOW is midday, 1 March 2026, UTC


def note(
    database: Database, pair: LibraryPair, who: str, *, at: datetime = EVENING - DAY, activity: str = "walk",
    place: str = "outdoors", company: str = "just us", devices_away: bool = True, text: str = "",
) -> str:  # fmt: skip
    with database.session() as s:
        return moments.log(
            s, pair.id, accounts.get_person(s, who), happened_at=at, activity=activity, place=place, company=company,
            devices_away=devices_away, note=text, now=NOW,
        ).id  # fmt: skip


def made(
    at: datetime, activity: str = "talking", place: str = "home", company: str = "just us", away: bool = False
) -> Moment:
    """A moment as the pattern finder sees it, without the store."""
    return Moment(happened_at=at, activity=activity, place=place, company=company, devices_away=away)


def test_both_see_every_moment_and_only_its_writer_deletes_it(database: Database, pair: LibraryPair) -> None:
    first = note(database, pair, pair.ada, at=EVENING - 2 * DAY, text="Sunset by the river")
    second = note(database, pair, pair.bo, activity="meal", place="home", company="with others", devices_away=False)
    with database.session() as s:
        bo = accounts.get_person(s, pair.bo)
        seen = moments.list_moments(s, pair.id, bo)
        assert [(m.id, m.author_name, m.mine) for m in seen] == [(second, "Bo", True), (first, "Ada", False)]
        assert seen[1].note == "Sunset by the river" and seen[1].activity_label == "A walk"
        assert (seen[0].place_label, seen[0].company_label, seen[0].devices_away) == ("At home", "With others", False)
        assert [m.id for m in moments.recent(s, pair.id, bo, 1)] == [second]
        assert moments.moment_for(s, first, bo).author_name == "Ada"
        with pytest.raises(NotFound):
            moments.delete(s, first, bo)
        with pytest.raises(NotFound):
            moments.moment_for(s, first, accounts.get_person(s, pair.cy))
        with pytest.raises(NotFound):
            moments.delete(s, first, accounts.get_person(s, pair.cy))
        assert moments.delete(s, first, accounts.get_person(s, pair.ada)) == pair.id
        assert [m.id for m in moments.list_moments(s, pair.id, bo)] == [second]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"activity": "skydiving"}, "activity", "Choose what you were doing from the list"),
        ({"place": "moon"}, "place", "Choose where you were"),
        ({"company": "crowd"}, "company", "just the two of you"),
        ({"at": NOW + HOUR}, "happened_at", "still to come"),
        ({"at": NOW - 21 * 366 * DAY}, "happened_at", "last 20 years"),
        ({"at": datetime(2026, 2, 1, 19, 0)}, "happened_at", "time zone"),
        ({"text": "z" * 1001}, "note", "1,000 characters"),
    ],
)
def test_a_moment_that_cannot_be_used_is_refused(
    database: Database, pair: LibraryPair, change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        note(database, pair, pair.ada, **change)  # type: ignore[arg-type]
    assert caught.value.field == field and words in caught.value.message
    with database.session() as s:
        assert moments.list_moments(s, pair.id, accounts.get_person(s, pair.ada)) == []


def test_moments_take_both_people_and_outsiders_get_not_found(database: Database, pair: LibraryPair) -> None:
    with pytest.raises(NotFound):
        note(database, pair, pair.cy)
    with database.session() as s:
        cy = accounts.get_person(s, pair.cy)
        with pytest.raises(NotFound):
            moments.patterns(s, pair.id, cy)
        alone = pairs.create_pair(s, cy, kind="family", now=NOW)
        with pytest.raises(Conflict, match="invite your family member first"):
            moments.log(s, alone.id, cy, happened_at=NOW, activity="walk", place="home", company="just us",
                        devices_away=True, now=NOW)  # fmt: skip


def test_times_of_day_are_read_where_the_pair_lives() -> None:
    assert moments.time_of_day(datetime(2026, 3, 1, 7, tzinfo=UTC), UTC) == "morning"
    assert moments.time_of_day(datetime(2026, 3, 1, 12, tzinfo=UTC), UTC) == "afternoon"
    assert moments.time_of_day(datetime(2026, 3, 1, 21, 59, tzinfo=UTC), UTC) == "evening"
    assert moments.time_of_day(datetime(2026, 3, 1, 23, tzinfo=UTC), UTC) == "night"
    assert moments.time_of_day(datetime(2026, 3, 1, 3, tzinfo=UTC), UTC) == "night"
    tokyo = timezone(timedelta(hours=9))
    assert moments.time_of_day(datetime(2026, 3, 1, 10, tzinfo=UTC), tokyo) == "evening"


def test_no_pattern_is_claimed_before_there_are_enough_moments() -> None:
    four = [made(EVENING - k * DAY, "walk", away=True) for k in range(4)]
    found = moments.find_patterns(four, UTC)
    assert (found.total, found.needed, found.found) == (4, 1, ())
    assert found.tallies["activity"] == (("A walk", 4),), "the counts are shown all the same"
    assert found.idea == "Time together, devices away"


def test_patterns_need_a_clear_lead_a_fair_share_and_a_minimum_count() -> None:
    evenings = [made(EVENING - k * DAY, "walk", "outdoors", away=True) for k in range(4)]
    others = [
        made(NOW.replace(hour=8) - DAY, "meal", "home", "with others"),
        made(NOW.replace(hour=13) - DAY, "talking", "out", "with others"),
        made(NOW.replace(hour=9) - 2 * DAY, "meal", "home", "with others", away=True),
    ]
    found = moments.find_patterns(evenings + others, UTC)
    assert found.needed == 0 and found.devices_away == 5
    said = {p.dimension: (p.value, p.count, p.text) for p in found.found}
    assert said["time"] == ("evening", 4, "4 of your 7 moments were in the evening.")
    assert said["activity"] == ("walk", 4, "4 of your 7 moments came while out on a walk.")
    assert said["place"] == ("outdoors", 4, "4 of your 7 moments were outdoors.")
    assert said["company"] == ("just us", 4, "4 of your 7 moments were just the two of you.")
    assert said["devices"] == ("away", 5, "5 of your 7 moments were with devices away.")
    assert found.idea == "A walk in the evening, just the two of you, devices away"

    tied = [made(EVENING - k * DAY, "walk" if k % 2 else "meal") for k in range(6)]
    claimed = {p.dimension for p in moments.find_patterns(tied, UTC).found}
    assert "activity" not in claimed, "a tie is no pattern"
    spread = ["walk", "walk", "meal", "talking", "game", "cooking", "call", "outing"]
    scattered = [made(EVENING - k * DAY, a) for k, a in enumerate(spread)]
    assert "activity" not in {p.dimension for p in moments.find_patterns(scattered, UTC).found}, "2 of 8 is too few"
    unknown = [made(EVENING - k * DAY, "other") for k in range(6)]
    assert "activity" not in {p.dimension for p in moments.find_patterns(unknown, UTC).found}
    few_away = moments.find_patterns([made(EVENING - k * DAY, away=k < 2) for k in range(6)], UTC)
    assert "devices" not in {p.dimension for p in few_away.found} and few_away.devices_away == 2


def test_patterns_from_the_store_count_both_people(database: Database, pair: LibraryPair) -> None:
    for k in range(3):
        note(database, pair, pair.ada, at=EVENING - (k + 1) * DAY)
    for k in range(2):
        note(database, pair, pair.bo, at=EVENING - (k + 5) * DAY, activity="walk", place="outdoors")
    with database.session() as s:
        found = moments.patterns(s, pair.id, accounts.get_person(s, pair.bo), zone=UTC)
    assert found.total == 5 and {p.dimension for p in found.found} == {
        "time",
        "activity",
        "place",
        "company",
        "devices",
    }
    assert found.idea == "A walk in the evening, just the two of you, devices away"


def plan(database: Database, pair: LibraryPair, who: str, at: datetime, what: str = "A walk, phones at home") -> str:
    with database.session() as s:
        return planner.plan(s, pair.id, accounts.get_person(s, who), planned_for=at, what=what, now=NOW).id


def test_planning_marking_done_and_cancelling(database: Database, pair: LibraryPair) -> None:
    soon, later = plan(database, pair, pair.ada, NOW + DAY), plan(database, pair, pair.bo, NOW + 3 * DAY, "Dinner")
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        upcoming = planner.upcoming(s, pair.id, bo, now=NOW)
        assert [(p.id, p.made_by, p.mine, p.status, p.due) for p in upcoming] == [
            (soon, "Ada", False, "planned", False),
            (later, "Bo", True, "planned", False),
        ]
        assert planner.upcoming(s, pair.id, bo, now=NOW + 2 * DAY)[0].due, "its time came: did it happen?"
        done = planner.mark_done(s, soon, bo, now=NOW + 2 * DAY)
        assert (done.status, done.done_at) == ("done", NOW + 2 * DAY)
        assert planner.mark_done(s, soon, ada, now=NOW + 3 * DAY).done_at == NOW + 2 * DAY, "marking again is a no-op"
        with pytest.raises(Conflict, match="already happened"):
            planner.cancel(s, soon, ada, now=NOW)
        cancelled = planner.cancel(s, later, ada, now=NOW + DAY)
        assert cancelled.status == "cancelled"
        with pytest.raises(Conflict, match="was cancelled"):
            planner.mark_done(s, later, bo, now=NOW)
        assert planner.upcoming(s, pair.id, ada, now=NOW) == []
        assert [p.id for p in planner.plans(s, pair.id, ada, now=NOW, status="done")] == [soon]
        assert [p.id for p in planner.plans(s, pair.id, ada, now=NOW)] == [later, soon]
        with pytest.raises(InvalidInput, match="planned, done or cancelled"):
            planner.plans(s, pair.id, ada, now=NOW, status="maybe")
        cy = accounts.get_person(s, pair.cy)
        for call in (planner.mark_done, planner.cancel, planner.plan_for):
            with pytest.raises(NotFound):
                call(s, later, cy, now=NOW)
        with pytest.raises(NotFound):
            planner.how_often(s, pair.id, cy, now=NOW)


@pytest.mark.parametrize(
    ("at", "what", "field", "words"),
    [
        (NOW + DAY, "  ", "what", "what you'd like to do"),
        (NOW + DAY, "x" * 301, "what", "under 300"),
        (NOW - HOUR, "A walk", "planned_for", "That time has passed"),
        (NOW + 400 * DAY, "A walk", "planned_for", "within the next year"),
        (datetime(2026, 3, 5, 19), "A walk", "planned_for", "time zone"),
    ],
)
def test_a_plan_that_cannot_be_used_is_refused(
    database: Database, pair: LibraryPair, at: datetime, what: str, field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        plan(database, pair, pair.ada, at, what)
    assert caught.value.field == field and words in caught.value.message


def test_how_often_counts_done_plans_by_the_month_they_were_for(database: Database, pair: LibraryPair) -> None:
    for at in (NOW + DAY, NOW + 2 * DAY, NOW + 3 * DAY):  # 2, 3 and 4 March
        plan(database, pair, pair.ada, at)
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        empty = planner.how_often(s, pair.id, ada, now=NOW, zone=UTC)
        assert [m.label for m in empty.months] == [
            "October 2025", "November 2025", "December 2025", "January 2026", "February 2026", "March 2026"
        ]  # fmt: skip
        assert empty.summary.startswith("No planned time has been marked done yet")
        ids = [p.id for p in planner.upcoming(s, pair.id, ada, now=NOW)]
        planner.mark_done(s, ids[0], ada, now=NOW + 2 * DAY)
        planner.mark_done(s, ids[1], ada, now=NOW + 3 * DAY)
        planner.cancel(s, ids[2], ada, now=NOW + 3 * DAY)
        later = NOW + 40 * DAY  # into April
        rhythm = planner.how_often(s, pair.id, ada, now=later, months=3, zone=UTC)
    assert [(m.label, m.done, m.cancelled) for m in rhythm.months] == [
        ("February 2026", 0, 0),
        ("March 2026", 2, 1),
        ("April 2026", 0, 0),
    ]
    assert rhythm.average == 1.0
    assert rhythm.summary == "None yet this month; over the 2 months before, about 1 a month."
    with database.session() as s:
        march = planner.how_often(s, pair.id, accounts.get_person(s, pair.bo), now=NOW + 5 * DAY, zone=UTC)
    assert march.summary == "This month you've had your planned time together twice; none in the months before."


def test_the_export_holds_the_moments_and_plans_the_person_made(database: Database, pair: LibraryPair) -> None:
    note(database, pair, pair.ada, text="Ada's moment")
    note(database, pair, pair.bo, text="Bo's moment")
    plan(database, pair, pair.ada, NOW + DAY, "Ada's plan")
    plan(database, pair, pair.bo, NOW + DAY, "Bo's plan")
    with database.session() as s:
        exported = moments.export_for(s, accounts.get_person(s, pair.ada))
    assert [m["note"] for m in exported["moments"]] == ["Ada's moment"]
    assert exported["moments"][0]["activity"] == "walk" and exported["moments"][0]["devices_away"] is True
    assert [p["what"] for p in exported["planned_time"]] == ["Ada's plan"]
    assert "Bo's" not in repr(exported)
