"""Needs for closeness in the library: rating once a day, the two curves, the private note, and noticing phases."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import closeness
from nearer.practice.closeness import Point, Rater
from nearer.practice.days import local_day
from nearer.store.database import Database
from tests.practice.conftest import NOW, LibraryPair, make_pair, person

DAY = timedelta(days=1)
TODAY = NOW.date()


def rate(
    database: Database, pair: LibraryPair, who: str, need: object, feel: object, *, days_ago: int = 0,
    note: str | None = None,
) -> None:  # fmt: skip
    with database.session() as s:
        closeness.rate(
            s, pair.id, accounts.get_person(s, who), need=need, feel=feel, note=note, now=NOW - days_ago * DAY, zone=UTC
        )


def rater(me: bool, values: dict[int, tuple[int, int]], days: int = 14, name: str = "Bo") -> Rater:
    """A person's numbers by days ago: {0: (need, feel)} is today."""
    shown = [TODAY - timedelta(days=k) for k in range(days - 1, -1, -1)]
    points = tuple(
        Point(d.isoformat(), *values[(TODAY - d).days]) if (TODAY - d).days in values else None for d in shown
    )
    return Rater(person_id="me" if me else "other", name="Ada" if me else name, me=me, points=points)


def test_rating_again_the_same_day_changes_it_and_the_next_day_is_new(database: Database, pair: LibraryPair) -> None:
    rate(database, pair, pair.ada, 4, 2, note="Missing our walks.")
    rate(database, pair, pair.ada, "5", "3")  # the form's strings; None keeps the note
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        today = closeness.todays_rating(s, pair.id, ada, now=NOW, zone=UTC)
        assert today is not None and (today.day, today.need, today.feel) == (TODAY.isoformat(), 5, 3)
        assert today.note == "Missing our walks."
        assert closeness.rated_today(s, pair.id, ada, now=NOW, zone=UTC)
        assert not closeness.rated_today(s, pair.id, accounts.get_person(s, pair.bo), now=NOW, zone=UTC)
    rate(database, pair, pair.ada, 3, 3, note="  ")  # an empty note clears it
    rate(database, pair, pair.ada, 2, 2, days_ago=1, note="Tired.")
    with database.session() as s:
        mine = closeness.my_ratings(s, pair.id, accounts.get_person(s, pair.ada))
    assert [(r.day, r.need, r.feel, r.note) for r in mine] == [
        (TODAY.isoformat(), 3, 3, None),
        ((TODAY - DAY).isoformat(), 2, 2, "Tired."),
    ]


@pytest.mark.parametrize(
    ("need", "feel", "field"),
    [(0, 3, "need"), (6, 3, "need"), ("x", 3, "need"), (True, 3, "need"), (3.5, 3, "need"), (3, "", "feel"),
     (3, None, "feel")],
)  # fmt: skip
def test_numbers_outside_the_scale_are_refused(
    database: Database, pair: LibraryPair, need: object, feel: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        rate(database, pair, pair.ada, need, feel)
    assert caught.value.field == field and "on the scale from 1 to 5" in caught.value.message


def test_a_long_note_is_refused_and_nothing_is_saved(database: Database, pair: LibraryPair) -> None:
    with pytest.raises(InvalidInput) as caught:
        rate(database, pair, pair.ada, 3, 3, note="z" * 1001)
    assert caught.value.field == "note" and "1,000" in caught.value.message
    with database.session() as s:
        assert closeness.my_ratings(s, pair.id, accounts.get_person(s, pair.ada)) == []


def test_outsiders_get_not_found_and_a_pair_of_one_waits(database: Database, pair: LibraryPair) -> None:
    with pytest.raises(NotFound):
        rate(database, pair, pair.cy, 3, 3)
    with database.session() as s:
        cy = accounts.get_person(s, pair.cy)
        for call in (
            lambda: closeness.series(s, pair.id, cy, now=NOW),
            lambda: closeness.mismatches(s, pair.id, cy, now=NOW),
            lambda: closeness.my_ratings(s, pair.id, cy),
            lambda: closeness.curves(s, pair.id, cy, now=NOW),
        ):
            with pytest.raises(NotFound):
                call()
        alone = pairs.create_pair(s, cy, kind="friends", now=NOW)
        with pytest.raises(Conflict, match="invite your friend first"):
            closeness.rate(s, alone.id, cy, need=3, feel=3, now=NOW)


def test_the_day_is_the_local_day() -> None:
    evening_in_new_york = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)  # 22:30 on 1 March at UTC-5
    assert local_day(evening_in_new_york, timezone(timedelta(hours=-5))) == date(2026, 3, 1)
    assert local_day(evening_in_new_york, UTC) == date(2026, 3, 2)


def test_the_series_holds_both_people_by_day_and_never_a_note(database: Database, pair: LibraryPair) -> None:
    rate(database, pair, pair.ada, 4, 2, days_ago=2, note="A secret worry")
    rate(database, pair, pair.bo, 3, 4, days_ago=0, note="Bo's own thought")
    rate(database, pair, pair.bo, 1, 1, days_ago=40)  # outside the days shown
    with database.session() as s:
        shown = closeness.series(s, pair.id, accounts.get_person(s, pair.bo), now=NOW, days=7, zone=UTC)
    assert shown.days[-1] == TODAY.isoformat() and len(shown.days) == 7
    assert [(r.name, r.me) for r in shown.raters] == [("Bo", True), ("Ada", False)]
    assert shown.raters[0].rated == [Point(TODAY.isoformat(), 3, 4)]
    assert shown.raters[1].points[-3] == Point((TODAY - 2 * DAY).isoformat(), 4, 2)
    assert "secret" not in repr(shown) and "thought" not in repr(shown)


def test_someone_else_wanting_more_for_most_of_a_week() -> None:
    other = rater(False, {0: (5, 2), 1: (4, 2), 2: (5, 3), 3: (4, 4), 4: (5, 2), 5: (4, 2), 6: (3, 3)})
    me = rater(True, {0: (3, 3), 2: (3, 4)})
    found = closeness.find_mismatches([me, other], kind="partners", today=TODAY)
    assert [m.kind for m in found] == ["they_want_more"]
    assert (found[0].days, found[0].out_of) == (5, 7)
    assert found[0].headline == "Bo may be wanting more closeness"
    assert "Bo, your partner, has wanted more closeness than they felt on 5 of the last 7 days they rated" in (
        found[0].text
    )
    assert found[0].suggestion.label == "Write Bo an appreciation"
    friends = closeness.find_mismatches([me, other], kind="family", today=TODAY)
    assert "Bo, your family member," in friends[0].text


@pytest.mark.parametrize(
    "values",
    [
        {0: (5, 2), 1: (5, 2), 2: (5, 2)},  # three days rated: too few to call it a phase
        {0: (5, 2), 1: (5, 2), 2: (5, 2), 3: (3, 3), 4: (3, 3), 5: (3, 3), 6: (3, 3)},  # 3 of 7: not most
        {0: (5, 2), 1: (5, 2), 2: (3, 3), 3: (3, 3)},  # 2 of 4: not most
        {0: (4, 3), 1: (4, 3), 2: (4, 3), 3: (4, 3), 4: (4, 3)},  # a gap of one is everyday life
    ],
)
def test_no_phase_without_enough_days(values: dict[int, tuple[int, int]]) -> None:
    assert closeness.find_mismatches([rater(True, {}), rater(False, values)], kind="partners", today=TODAY) == []


def test_old_days_fall_out_of_the_window() -> None:
    long_ago = {k: (5, 1) for k in range(15, 25)}
    assert (
        closeness.find_mismatches([rater(True, {}), rater(False, long_ago, days=30)], kind="friends", today=TODAY) == []
    )
    only_the_last_seven = {**{k: (5, 1) for k in range(7, 13)}, **{k: (2, 2) for k in range(7)}}
    found = closeness.find_mismatches([rater(True, {}), rater(False, only_the_last_seven)], kind="friends", today=TODAY)
    assert found == []


def test_wanting_more_oneself_and_both_at_once() -> None:
    wanting = {k: (5, 2) for k in range(5)}
    mine = closeness.find_mismatches([rater(True, wanting), rater(False, {})], kind="friends", today=TODAY)
    assert [m.kind for m in mine] == ["i_want_more"]
    assert "You've wanted more closeness than you felt on 5 of the last 5 days you rated" in mine[0].text
    assert mine[0].suggestion.href == "today"
    both = closeness.find_mismatches([rater(True, wanting), rater(False, wanting)], kind="friends", today=TODAY)
    assert [m.kind for m in both] == ["both_want_more"]
    assert both[0].suggestion.href == "moments#plan" and "devices away" in both[0].suggestion.label


def test_needs_pulling_apart() -> None:
    me = rater(True, {k: (5, 4) for k in range(6)})
    other = rater(False, {**{k: (2, 2) for k in range(5)}, 5: (4, 4), 9: (1, 1)})
    found = closeness.find_mismatches([me, other], kind="friends", today=TODAY)
    assert [m.kind for m in found] == ["needs_differ"]
    assert (found[0].days, found[0].out_of) == (5, 6)
    assert "you've needed more closeness than Bo, your friend" in found[0].text
    assert found[0].suggestion.href == "week"
    theirs = closeness.find_mismatches([other_as_me(other), other_as_them(me)], kind="friends", today=TODAY)
    assert "you've needed less closeness than Bo" in theirs[0].text


def other_as_me(found: Rater) -> Rater:
    return Rater("me", "Ada", True, found.points)


def other_as_them(found: Rater) -> Rater:
    return Rater("other", "Bo", False, found.points)


def test_mismatches_from_the_store_link_to_the_practice(database: Database, pair: LibraryPair) -> None:
    for k in range(5):
        rate(database, pair, pair.ada, 5, 2, days_ago=k, note="I miss us")
    with database.session() as s:
        bo, ada = accounts.get_person(s, pair.bo), accounts.get_person(s, pair.ada)
        seen_by_bo = closeness.mismatch_for(s, pair.id, bo, now=NOW, zone=UTC)
        seen_by_ada = closeness.mismatches(s, pair.id, ada, now=NOW, zone=UTC)
    assert seen_by_bo is not None and seen_by_bo.kind == "they_want_more"
    assert seen_by_bo.headline == "Ada may be wanting more closeness"
    assert seen_by_bo.suggestion.href == f"/pairs/{pair.id}/appreciations#write"
    assert "miss us" not in repr(seen_by_bo), "the note is never part of a finding"
    assert [m.kind for m in seen_by_ada] == ["i_want_more"]
    assert seen_by_ada[0].suggestion.href == f"/pairs/{pair.id}/today"


def test_the_curves_draw_both_people_with_gaps_where_a_day_was_not_rated(database: Database) -> None:
    pair = make_pair(database)
    with database.session() as s:
        accounts.get_person(s, pair.bo).name = 'Bo <b>"B"</b>'
    for k in (0, 1, 2, 5):
        rate(database, pair, pair.ada, 4, 3, days_ago=k, note="never drawn")
    rate(database, pair, pair.bo, 2, 5, days_ago=3)
    with database.session() as s:
        drawn = closeness.curves(s, pair.id, accounts.get_person(s, pair.ada), now=NOW, days=14, zone=UTC)
    svg = drawn.svg
    assert svg.startswith("<svg") and svg.endswith("</svg>") and 'role="img"' in svg
    assert "<b>" not in svg and "Bo &lt;b&gt;&quot;B&quot;&lt;/b&gt;" in svg, "names are escaped"
    assert "never drawn" not in svg
    mine = re.findall(r'<g class="person me need".*?</g>', svg)[0]
    assert mine.count("<circle") == 4 and mine.count("<polyline") == 1, "days 2-0 joined; day 5 stands alone"
    theirs = re.findall(r'<g class="person other feel".*?</g>', svg)[0]
    assert theirs.count("<circle") == 1 and "<polyline" not in theirs
    assert "stroke-dasharray" in svg, "the other person's line is dashed, not told apart by colour alone"
    assert drawn.summary.startswith("Closeness over the last 14 days. You last rated need 4 and closeness 3")
    assert "didn't rate" not in drawn.summary


def test_the_export_holds_only_the_persons_own_ratings_with_notes(database: Database, pair: LibraryPair) -> None:
    rate(database, pair, pair.ada, 4, 2, note="Ada's private words")
    rate(database, pair, pair.bo, 3, 3, note="Bo's private words")
    other = make_pair_with(database, pair.ada)
    rate(database, other, pair.ada, 2, 5)
    with database.session() as s:
        exported = closeness.export_for(s, accounts.get_person(s, pair.ada))
    assert sorted((e["pair_id"], e["need"], e["note"]) for e in exported) == sorted(
        [(pair.id, 4, "Ada's private words"), (other.id, 2, None)]
    )
    assert "Bo's private words" not in repr(exported)


def make_pair_with(database: Database, ada: str) -> LibraryPair:
    dee = person(database, "Dee")
    with database.session() as s:
        me = accounts.get_person(s, ada)
        made = pairs.create_pair(s, me, kind="friends", now=NOW)
        code = pairs.create_invite(s, made.id, me, now=NOW, lifetime=7 * DAY).code
        pairs.accept_invite(s, code, accounts.get_person(s, dee), now=NOW)
        return LibraryPair(made.id, ada, dee, ada)
