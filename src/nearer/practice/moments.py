"""Moments of connection: either person notes a time they felt close, and the app finds what those times share.

- A moment is the pair's: both people see every moment either of them noted; only its writer may delete it.
  Anyone outside the pair gets NotFound, exactly as for a moment that doesn't exist.
- What they were doing, where, and with whom come from fixed lists, so patterns can be counted.
- Patterns wait for enough moments (``MIN_MOMENTS``), and a value is claimed only when it holds at least
  ``MIN_COUNT`` moments, a fair share of them, and more than any other value. Times of day are read in the
  time zone of the machine nearer runs on (the pair's own), or in ``zone`` where given.
- From the patterns comes an idea for planning more of them, with devices away (see ``planner``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.errors import InvalidInput, NotFound
from nearer.people import pairs
from nearer.practice import planner
from nearer.store.models import Membership, Moment, Pair, Person

# key: (what the list says, "came while ...", what the planner's idea says)
ACTIVITIES = {
    "talking": ("Talking", "talking", "time to talk"),
    "meal": ("A meal together", "sharing a meal", "a meal together"),
    "walk": ("A walk", "out on a walk", "a walk"),
    "cooking": ("Cooking", "cooking", "cooking together"),
    "game": ("A game or play", "playing", "a game"),
    "watching": ("A film, a show or music", "watching or listening to something", "a film or some music"),
    "outing": ("Going out somewhere", "out somewhere together", "an outing"),
    "exercise": ("Exercise or sport", "moving together", "some exercise together"),
    "making": ("Making or fixing something", "making or fixing something", "making something together"),
    "helping": ("Helping each other", "helping each other", "a task you do together"),
    "affection": ("A hug, being close", "simply being close", "time just being close"),
    "call": ("A call or messages", "on a call or in messages", "a long call"),
    "other": ("Something else", "", "time together"),
}
# key: (what the list says, "4 of your 7 moments ...")
PLACES = {
    "home": ("At home", "were at home"),
    "outdoors": ("Outdoors", "were outdoors"),
    "out": ("Out (a café, a restaurant, a show)", "were out somewhere"),
    "travelling": ("Travelling", "came while travelling"),
    "apart": ("Apart (a call or messages)", "came while you were apart"),
}
COMPANY = {
    "just us": ("Just the two of us", "were just the two of you"),
    "with others": ("With others", "were with others around"),
}
LISTS: Mapping[str, Mapping[str, tuple[str, ...]]] = {"activity": ACTIVITIES, "place": PLACES, "company": COMPANY}
TIMES_OF_DAY = {"morning": (5, 12), "afternoon": (12, 17), "evening": (17, 22), "night": (22, 5)}
MIN_MOMENTS, MIN_COUNT, MIN_SHARE = 5, 3, 0.4
MOST_NOTE = 1000
OLDEST = timedelta(days=20 * 366)
NO_SUCH_MOMENT = "We couldn't find that moment. It may have been deleted."


@dataclass(frozen=True)
class MomentView:
    id: str
    pair_id: str
    author_name: str
    mine: bool
    happened_at: datetime
    activity: str
    activity_label: str
    place: str
    place_label: str
    company: str
    company_label: str
    devices_away: bool
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class Pattern:
    """Something most of the pair's moments share, in a sentence."""

    dimension: str  # time, activity, place, company, devices
    value: str
    count: int
    total: int
    text: str


@dataclass(frozen=True)
class Patterns:
    total: int
    needed: int  # more moments to note before any pattern is claimed; 0 once there are enough
    found: tuple[Pattern, ...]
    tallies: dict[str, tuple[tuple[str, int], ...]]  # per dimension: (label, count), most first
    devices_away: int
    idea: str  # something to plan, from the patterns: "A walk in the evening, just the two of you, devices away"


def time_of_day(moment: datetime, zone: tzinfo | None = None) -> str:
    """morning (5–12), afternoon (12–17), evening (17–22) or night, where the pair lives."""
    hour = moment.astimezone(zone).hour
    return next((name for name, (start, end) in TIMES_OF_DAY.items() if start <= hour < end), "night")  # 22–5


def _choice(value: str, choices: dict[str, Any], field: str, what: str) -> str:
    value = value.strip()
    if value not in choices:
        raise InvalidInput(f"Choose {what} from the list: {', '.join(choices)}.", field=field)
    return value


def log(
    session: Session, pair_id: str, author: Person, *, happened_at: datetime, activity: str, place: str,
    company: str, devices_away: bool, note: str = "", now: datetime,
) -> Moment:  # fmt: skip
    """Note a moment you felt close. Takes both people (Conflict otherwise)."""
    pair = pairs.complete_pair_for_member(session, pair_id, author)
    if happened_at.tzinfo is None:
        raise InvalidInput("Give the time with its time zone, such as 2026-05-04T19:30+01:00.", field="happened_at")
    if happened_at > now + timedelta(minutes=5):
        raise InvalidInput(
            "That time is still to come. Note a moment that has happened, or plan one below.", field="happened_at"
        )
    if happened_at < now - OLDEST:
        raise InvalidInput("Choose a time within the last 20 years.", field="happened_at")
    words = note.strip()
    if len(words) > MOST_NOTE:
        raise InvalidInput(f"Please keep the note under {MOST_NOTE:,} characters (it's {len(words):,}).", field="note")
    moment = Moment(
        pair_id=pair.id,
        person_id=author.id,
        happened_at=happened_at.astimezone(UTC),  # as the store gives it back
        activity=_choice(activity, ACTIVITIES, "activity", "what you were doing"),
        place=_choice(place, PLACES, "place", "where you were"),
        company=_choice(company, COMPANY, "company", "whether it was just the two of you"),
        devices_away=bool(devices_away),
        note=words or None,
        created_at=now,
    )
    session.add(moment)
    session.flush()
    return moment


def _view(moment: Moment, viewer: Person, names: dict[str, str], word: str) -> MomentView:
    return MomentView(
        id=moment.id, pair_id=moment.pair_id, author_name=names.get(moment.person_id, f"your {word}"),
        mine=moment.person_id == viewer.id, happened_at=moment.happened_at, activity=moment.activity,
        activity_label=ACTIVITIES.get(moment.activity, ("Something else",))[0], place=moment.place,
        place_label=PLACES.get(moment.place, (moment.place,))[0], company=moment.company,
        company_label=COMPANY.get(moment.company, (moment.company,))[0], devices_away=moment.devices_away,
        note=moment.note, created_at=moment.created_at,
    )  # fmt: skip


def _pair_moments(session: Session, pair: Pair, limit: int | None = None) -> list[Moment]:
    query = select(Moment).where(Moment.pair_id == pair.id).order_by(Moment.happened_at.desc(), Moment.id)
    return list(session.scalars(query if limit is None else query.limit(limit)))


def list_moments(session: Session, pair_id: str, viewer: Person, *, limit: int = 200) -> list[MomentView]:
    """The pair's moments, both people's, the most recent first."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    names = {m.person_id: m.person.name for m in pair.memberships}
    word = pairs.OTHER_PERSON_WORD[pair.kind]
    return [_view(m, viewer, names, word) for m in _pair_moments(session, pair, max(1, min(limit, 1000)))]


def recent(session: Session, pair_id: str, viewer: Person, limit: int = 3) -> list[MomentView]:
    """The pair's latest few moments, for the home page."""
    return list_moments(session, pair_id, viewer, limit=limit)


def _visible(session: Session, moment_id: str, viewer: Person) -> Moment:
    moment = session.get(Moment, moment_id)
    if moment is None or session.get(Membership, (moment.pair_id, viewer.id)) is None:
        raise NotFound(NO_SUCH_MOMENT)
    return moment


def moment_for(session: Session, moment_id: str, viewer: Person) -> MomentView:
    """One moment, for either person of its pair."""
    moment = _visible(session, moment_id, viewer)
    pair = pairs.pair_for_member(session, moment.pair_id, viewer)
    names = {m.person_id: m.person.name for m in pair.memberships}
    return _view(moment, viewer, names, pairs.OTHER_PERSON_WORD[pair.kind])


def delete(session: Session, moment_id: str, author: Person) -> str:
    """Delete a moment you noted; answers its pair's id. Someone else's reads as not there."""
    moment = _visible(session, moment_id, author)
    if moment.person_id != author.id:
        raise NotFound(NO_SUCH_MOMENT)
    pair_id = moment.pair_id
    session.delete(moment)
    session.flush()
    return pair_id


def _claim(counts: Counter[str], total: int) -> tuple[str, int] | None:
    ranked = counts.most_common()
    if not ranked or total < MIN_MOMENTS:
        return None
    value, count = ranked[0]
    tied = len(ranked) > 1 and ranked[1][1] == count
    if tied or count < MIN_COUNT or count < MIN_SHARE * total:
        return None
    return value, count


def find_patterns(moments: Sequence[Moment], zone: tzinfo | None = None) -> Patterns:
    """What the moments share: time of day, activity, place, company and devices away. Pure."""
    total = len(moments)
    counts = {
        "time": Counter(time_of_day(m.happened_at, zone) for m in moments),
        "activity": Counter(m.activity for m in moments if m.activity != "other"),
        "place": Counter(m.place for m in moments),
        "company": Counter(m.company for m in moments),
    }
    away = sum(1 for m in moments if m.devices_away)
    found = []
    for dimension, counted in counts.items():
        claimed = _claim(counted, total)
        if claimed is None:
            continue
        value, count = claimed
        said = {
            "time": f"in the {value}" if value != "night" else "at night",
            "activity": f"came while {ACTIVITIES.get(value, ('', value))[1]}",
            "place": PLACES.get(value, ("", value))[1],
            "company": COMPANY.get(value, ("", value))[1],
        }[dimension]
        verb = "were " if dimension == "time" else ""
        found.append(Pattern(dimension, value, count, total, f"{count} of your {total} moments {verb}{said}."))
    if total >= MIN_MOMENTS and away >= MIN_COUNT and away * 2 >= total:
        found.append(Pattern("devices", "away", away, total, f"{away} of your {total} moments were with devices away."))
    labels: dict[str, dict[str, str]] = {"time": {k: k.capitalize() for k in TIMES_OF_DAY}}
    labels.update((d, {k: v[0] for k, v in c.items()}) for d, c in LISTS.items())
    tallies = {d: tuple((labels[d].get(v, v), n) for v, n in c.most_common()) for d, c in counts.items()}
    return Patterns(total, max(0, MIN_MOMENTS - total), tuple(found), tallies, away, idea_from(found))


def idea_from(found: Sequence[Pattern]) -> str:
    """Something to plan from what the moments share, always with devices away.

    >>> idea_from([])
    'Time together, devices away'
    """
    claimed = {p.dimension: p.value for p in found}
    idea = ACTIVITIES.get(claimed.get("activity", "other"), ACTIVITIES["other"])[2]
    if "time" in claimed:
        idea += " at night" if claimed["time"] == "night" else f" in the {claimed['time']}"
    if claimed.get("company") == "just us":
        idea += ", just the two of you"
    return idea[0].upper() + idea[1:] + ", devices away"


def patterns(session: Session, pair_id: str, viewer: Person, *, zone: tzinfo | None = None) -> Patterns:
    """The patterns in all the pair's moments, and an idea for planning more of them."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    return find_patterns(_pair_moments(session, pair), zone)


def export_for(session: Session, person: Person) -> dict[str, list[dict[str, Any]]]:
    """The moments the person noted and the time together they planned, for their data export."""
    query = select(Moment).where(Moment.person_id == person.id).order_by(Moment.happened_at, Moment.id)
    moments = [
        {
            "id": m.id, "pair_id": m.pair_id, "happened_at": m.happened_at.isoformat(), "activity": m.activity,
            "place": m.place, "company": m.company, "devices_away": m.devices_away, "note": m.note,
            "created_at": m.created_at.isoformat(),
        }
        for m in session.scalars(query)
    ]  # fmt: skip
    return {"moments": moments, "planned_time": planner.export_for(session, person)}
