"""Check-ins in the library: the statements and how they load, scoring per area, taking, sharing and deleting,
who may see what, the comparison, when one is due, the export; and intentions with their reminders."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from nearer.errors import BrokenData, Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import checkins, intentions
from nearer.practice.checkin_items import items, read_items
from nearer.store.database import Database
from nearer.store.models import SavedReport
from tests.practice.conftest import NOW, LibraryPair, make_pair, person

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def answers(value: int = 3, **areas: int) -> dict[str, int]:
    """Every statement answered ``value`` as a sign of closeness (reverse-scored ones the other way round),
    with whole areas set to other values by keyword."""
    chosen = {}
    for item in items().items:
        closeness = areas.get(item.area, value)
        chosen[item.id] = 6 - closeness if item.reverse else closeness
    return chosen


def take(database: Database, pair_id: str, who: str, *, days: int = 0, shared: bool = False, **kw: int) -> str:
    with database.session() as s:
        made = checkins.take(
            s, pair_id, accounts.get_person(s, who), answers(**kw), now=NOW + timedelta(days=days), shared=shared
        )
        return made.id


# The statements


def test_the_statements_cover_the_signs_in_areas() -> None:
    found = items()
    assert 6 <= len(found.areas) <= 8 and 16 <= len(found.items) <= 20
    assert all(len(found.in_area(a.id)) >= 2 for a in found.areas)
    reverse = [i for i in found.items if i.reverse]
    assert 5 <= len(reverse) < len(found.items) / 2 + 3
    lonely = next(i for i in found.items if "lonely" in i.text)
    assert lonely.reverse and "relationship" in lonely.wording("partners", "Bo")
    assert "Bo" in lonely.wording("friends", "Bo") and "{name}" not in lonely.wording("family", "Bo")
    assert all("{" not in i.wording(kind, "Bo") for i in found.items for kind in ("partners", "friends", "family"))


def test_the_statements_are_the_projects_own_words() -> None:
    if not SEEDS.exists():
        pytest.skip("the seed articles are not here")
    seeds = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).lower()
    for item in items().items:
        words = re.findall(r"[a-z']+", item.text.replace("{name}", "").lower())
        runs = {" ".join(words[k : k + 7]) for k in range(max(1, len(words) - 6))}
        assert not any(run in seeds for run in runs if len(run.split()) >= 7), item.id


BROKEN = """
[[area]]
id = "open"
name = "Safe"
about = "Being safe."
colour = "red"

[[area]]
id = "deep"
name = "Deep"
about = "Going deep."

[[item]]
id = "deep-1"
area = "deep"
text = "We go deep."
reverse = false

[[item]]
id = "open-1"
area = "open"
text = "Do you feel safe?"
reverse = false

[[item]]
id = "open-1"
area = "open"
text = "I feel safe with {someone}."

[[item]]
id = "wrong-2"
area = "nowhere"
text = "Fine."
reverse = true
"""


def test_a_broken_statements_file_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "items.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(BrokenData) as caught:
        read_items(path)
    message = caught.value.message
    for problem in (
        "unknown field 'colour'",
        "not a question",
        "reverse must be true or false",
        "only {name} in braces",
        "area must be one of deep, open",
        "needs at least 2 statements",
    ):
        assert problem in message, problem
    path.write_text("[[area]\n", encoding="utf-8")
    with pytest.raises(BrokenData, match="can't be read"):
        read_items(path)


# Scoring


def test_areas_are_scored_from_0_to_100_with_reverse_statements_turned_round() -> None:
    assert checkins.score(answers(3)).overall == 50
    assert checkins.score(answers(5)).overall == 100 and checkins.score(answers(1)).overall == 0
    lonely = next(i for i in items().items if "lonely" in i.text)
    agreeing = {**answers(5), lonely.id: 5}  # "I feel lonely ...": completely true
    close = checkins.score(agreeing)
    assert close.of("close") < 100 and close.of("open") == 100
    scored = checkins.score(answers(3, depth=5, close=1))
    assert scored.of("depth") == 100 and scored.of("close") == 0 and scored.overall == 50
    assert scored.lowest.area.id == "close"


def test_low_means_under_half_overall_or_one_area_at_a_quarter_or_less() -> None:
    assert checkins.score(answers(2)).low  # 25 overall
    assert not checkins.score(answers(3)).low
    assert checkins.score(answers(5, support=2)).low  # 89 overall, but one area at 25
    assert not checkins.score(answers(4, support=3)).low


def test_answers_must_cover_every_statement_on_the_scale() -> None:
    full = answers(4)
    assert checkins.check_answers({k: str(v) for k, v in full.items()}) == full
    with pytest.raises(InvalidInput, match="one statement is still unanswered"):
        checkins.check_answers({k: v for k, v in list(full.items())[1:]})
    with pytest.raises(InvalidInput, match=r"from 1 .* to 5"):
        checkins.check_answers({**full, "open-1": 9})
    with pytest.raises(InvalidInput, match="aren't statements"):
        checkins.check_answers({**full, "made-up": 3})
    with pytest.raises(InvalidInput):
        checkins.check_answers({**full, "open-1": True})


# Taking, sharing, who sees what


def test_an_unshared_check_in_is_its_takers_alone(database: Database, pair: LibraryPair) -> None:
    made = take(database, pair.id, pair.ada, value=2)
    with database.session() as s:
        ada, bo, cy = (accounts.get_person(s, p) for p in (pair.ada, pair.bo, pair.cy))
        assert checkins.check_in_for(s, made, ada).id == made
        for other in (bo, cy):
            with pytest.raises(NotFound):
                checkins.check_in_for(s, made, other)
            with pytest.raises(NotFound):
                checkins.share(s, made, other, now=NOW)
            with pytest.raises(NotFound):
                checkins.delete(s, made, other)
        assert checkins.visible(s, pair.id, bo) == []
        assert checkins.compare(s, pair.id, bo) is None
        with pytest.raises(NotFound):
            checkins.visible(s, pair.id, cy)
        mine = checkins.visible(s, pair.id, ada)
        assert [v.id for v in mine] == [made] and mine[0].answers == answers(2)


def test_a_shared_check_in_shows_its_scores_to_the_pair_only(database: Database, pair: LibraryPair) -> None:
    made = take(database, pair.id, pair.ada, value=4)
    with database.session() as s:
        ada, bo, cy = (accounts.get_person(s, p) for p in (pair.ada, pair.bo, pair.cy))
        checkins.share(s, made, ada, now=NOW)
        seen = checkins.visible(s, pair.id, bo)
        assert [v.id for v in seen] == [made] and seen[0].answers is None and seen[0].scores.overall == 75
        assert not seen[0].mine and seen[0].name == "Ada"
        with pytest.raises(NotFound):
            checkins.check_in_for(s, made, cy)
        with pytest.raises(NotFound):
            checkins.share(s, made, bo, now=NOW, shared=False)  # only its taker may change it
        checkins.share(s, made, ada, now=NOW, shared=False)
        with pytest.raises(NotFound):
            checkins.check_in_for(s, made, bo)
        assert checkins.delete(s, made, ada) == pair.id
        with pytest.raises(NotFound):
            checkins.check_in_for(s, made, ada)


def test_sharing_needs_someone_to_share_with(database: Database) -> None:
    alone = person(database, "Di")
    with database.session() as s:
        di = accounts.get_person(s, alone)
        pair = pairs.create_pair(s, di, kind="friends", now=NOW)
        made = checkins.take(s, pair.id, di, answers(3), now=NOW)  # taking one alone is fine
        with pytest.raises(Conflict, match="Invite your friend"):
            checkins.share(s, made.id, di, now=NOW)
        with pytest.raises(Conflict):
            checkins.take(s, pair.id, di, answers(3), now=NOW, shared=True)


def test_the_comparison_waits_for_both_to_share_and_shows_where_they_differ(
    database: Database, pair: LibraryPair
) -> None:
    take(database, pair.id, pair.ada, value=4, speak=1, shared=True)
    bo_private = take(database, pair.id, pair.bo, value=4, days=1)
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        assert checkins.compare(s, pair.id, ada) is None  # Bo's is not shared: it is not there for Ada
        assert checkins.compare(s, pair.id, bo) is None  # nor does Bo's own unshared one count
        checkins.share(s, bo_private, bo, now=NOW)
        seen = checkins.compare(s, pair.id, ada)
        assert seen is not None and seen.mine.name == "Ada" and seen.theirs.name == "Bo"
        assert [g.area.id for g in seen.differing] == ["speak"] and seen.differing[0].gap == 75
        assert not seen.far_apart
        from_bo = checkins.compare(s, pair.id, bo)
        assert from_bo is not None and from_bo.mine.name == "Bo"
    later = take(database, pair.id, pair.ada, value=4, days=60, shared=True)
    with database.session() as s:
        seen = checkins.compare(s, pair.id, accounts.get_person(s, pair.ada))
        assert seen is not None and seen.mine.id == later and seen.differing == () and seen.far_apart


def test_a_check_in_is_due_monthly(database: Database, pair: LibraryPair) -> None:
    with database.session() as s:
        assert checkins.is_due(s, pair.id, accounts.get_person(s, pair.ada), NOW)
    take(database, pair.id, pair.ada)
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        assert not checkins.is_due(s, pair.id, ada, NOW + timedelta(days=29))
        assert checkins.is_due(s, pair.id, ada, NOW + timedelta(days=30))
        assert checkins.is_due(s, pair.id, bo, NOW)  # each person's own
        assert checkins.is_due(s, pair.id, ada, NOW + timedelta(days=8), every=timedelta(days=7))
        with pytest.raises(NotFound):
            checkins.is_due(s, pair.id, accounts.get_person(s, pair.cy), NOW)


def test_the_export_holds_ones_own_check_ins_and_intention(database: Database, pair: LibraryPair) -> None:
    take(database, pair.id, pair.ada, value=2)
    take(database, pair.id, pair.bo, value=5, shared=True)
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        intentions.set_intention(s, pair.id, ada, "Listen first.", now=NOW)
        mine = checkins.export_for(s, ada)
    assert len(mine["check_ins"]) == 1 and mine["check_ins"][0]["overall"] == 25
    assert mine["check_ins"][0]["answers"] == answers(2) and mine["check_ins"][0]["shared_at"] is None
    assert mine["intentions"] == [{"pair_id": pair.id, "text": "Listen first.", "updated_at": NOW.isoformat()}]
    json.dumps(mine)


def test_leaving_forgets_what_was_never_shared(database: Database, pair: LibraryPair) -> None:
    private = take(database, pair.id, pair.ada)
    shared = take(database, pair.id, pair.ada, shared=True)
    with database.session() as s:
        ada, bo = accounts.get_person(s, pair.ada), accounts.get_person(s, pair.bo)
        intentions.set_intention(s, pair.id, ada, "Stay curious.", now=NOW)
        checkins.forget_in_pair(s, pair.id, ada)
        assert [v.id for v in checkins.visible(s, pair.id, ada)] == [shared]
        assert intentions.intention_for(s, pair.id, ada) is None
        assert [v.id for v in checkins.visible(s, pair.id, bo)] == [shared]
    assert private != shared


# Intentions


def test_an_intention_is_its_writers_alone(database: Database, pair: LibraryPair) -> None:
    with database.session() as s:
        ada, bo, cy = (accounts.get_person(s, p) for p in (pair.ada, pair.bo, pair.cy))
        intentions.set_intention(s, pair.id, ada, "  To ask how Bo really is.  ", now=NOW)
        found = intentions.intention_for(s, pair.id, ada)
        assert found is not None and found.text == "To ask how Bo really is."
        assert intentions.intention_for(s, pair.id, bo) is None
        with pytest.raises(NotFound):
            intentions.intention_for(s, pair.id, cy)
        with pytest.raises(NotFound):
            intentions.set_intention(s, pair.id, cy, "mine now", now=NOW)
        with pytest.raises(InvalidInput, match="a few words"):
            intentions.set_intention(s, pair.id, ada, "   ", now=NOW)
        with pytest.raises(InvalidInput, match="keep it under"):
            intentions.set_intention(s, pair.id, ada, "x" * 1001, now=NOW)
        intentions.set_intention(s, pair.id, ada, "Changed.", now=NOW + timedelta(days=1))
        found = intentions.intention_for(s, pair.id, ada)
        assert found is not None and found.text == "Changed." and found.updated_at == NOW + timedelta(days=1)
        intentions.remove_intention(s, pair.id, ada)
        assert intentions.intention_for(s, pair.id, ada) is None


def remind(database: Database, pair: LibraryPair, days: int = 0) -> intentions.Reminder | None:
    with database.session() as s:
        ada = accounts.get_person(s, pair.ada)
        return intentions.moment_to_remind(s, pair.id, ada, now=NOW + timedelta(days=days))


def test_the_intention_comes_back_after_a_low_check_in(database: Database, pair: LibraryPair) -> None:
    take(database, pair.id, pair.ada, value=2)
    assert remind(database, pair) is None  # nothing to show without an intention
    with database.session() as s:
        intentions.set_intention(s, pair.id, accounts.get_person(s, pair.ada), "Be gentle.", now=NOW)
    shown = remind(database, pair, days=1)
    assert shown is not None and shown.why == intentions.LOW_CHECK_IN and shown.text == "Be gentle."
    assert remind(database, pair, days=31) is None  # long ago
    take(database, pair.id, pair.ada, value=4, days=2)
    assert remind(database, pair, days=3) is None  # the latest is not low
    take(database, pair.id, pair.bo, value=1, days=4, shared=True)
    assert remind(database, pair, days=5) is None  # the other person's low check-in is theirs


def add_report(database: Database, pair: LibraryPair, owner: str, summary: dict[str, object], *, shared: bool) -> None:
    with database.session() as s:
        s.add(
            SavedReport(
                pair_id=pair.id,
                owner_id=owner,
                source_name="chat.txt",
                created_at=NOW,
                shared_at=NOW if shared else None,
                summary=json.dumps(summary),
                page="<p>report</p>",
            )
        )


MISSED = {"turns": {"Ada": {"toward": 3, "away": 4, "against": 1}, "Bo": {"toward": 5, "away": 2, "against": 0}}}


def test_the_intention_comes_back_when_a_report_shows_many_missed_moments(database: Database) -> None:
    pair = make_pair(database)
    with database.session() as s:
        intentions.set_intention(s, pair.id, accounts.get_person(s, pair.ada), "Turn toward.", now=NOW)
    add_report(database, pair, pair.bo, MISSED, shared=False)
    assert remind(database, pair) is None  # Bo's unshared report is not Ada's to see
    add_report(database, pair, pair.ada, MISSED, shared=False)
    shown = remind(database, pair)
    assert shown is not None and shown.why == intentions.MISSED_MOMENTS
    assert remind(database, pair, days=40) is None


def test_many_missed_moments_means_enough_of_them_and_a_third_of_replies() -> None:
    assert intentions.missed_moments(MISSED) == (7, 15)
    assert intentions.many_missed(MISSED)
    assert not intentions.many_missed({"turns": {"Ada": {"toward": 30, "away": 6}}})  # most were met
    assert not intentions.many_missed({"turns": {"Ada": {"toward": 1, "away": 4}}})  # too few to say
    assert not intentions.many_missed({"turns": {"Ada": "not counts"}}) and not intentions.many_missed({})
