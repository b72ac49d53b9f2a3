"""Needs for closeness: once a day, how much closeness each person needs right now and how close they feel.

- Each rates 1 to 5, as often as once a day: rating again the same day changes that day's rating.
- The two numbers are the pair's: both people see both curves. A note that goes with a rating is
  its writer's alone; nothing here hands it to anyone else (the series and the findings carry numbers only).
- Days are the local days of the machine nearer runs on (the pair's own), or of ``zone`` where given,
  so an evening rating west of Greenwich stays on that evening's day.
- Needs wax and wane at different times for each person. When one person has wanted more closeness
  than they felt on most of their recent days, or the two needs have pulled apart, the app says so
  gently and suggests one small thing from the practice features.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.errors import InvalidInput
from nearer.people import pairs
from nearer.practice.closeness_chart import draw, summarise
from nearer.practice.days import local_day
from nearer.store.models import ClosenessRating, Person

SCALE = (1, 2, 3, 4, 5)
NEED_WORDS = {1: "Hardly any", 2: "A little", 3: "Some", 4: "A lot", 5: "Very much"}
FEEL_WORDS = {1: "Far apart", 2: "A bit distant", 3: "In between", 4: "Close", 5: "Very close"}
MOST_NOTE = 1000
DAYS_SHOWN = (14, 30, 90)
# A phase: on most of someone's last RECENT rated days (at least ENOUGH of them, within WINDOW days),
# their need was GAP or more above how close they felt; or the two needs were GAP or more apart.
WINDOW, RECENT, ENOUGH, GAP = 14, 7, 4, 2


@dataclass(frozen=True)
class Point:
    day: str  # YYYY-MM-DD
    need: int
    feel: int


@dataclass(frozen=True)
class Rater:
    """One person's numbers, one slot per day of the series (None where they didn't rate)."""

    person_id: str
    name: str
    me: bool
    points: tuple[Point | None, ...]

    @property
    def rated(self) -> list[Point]:
        return [p for p in self.points if p is not None]


@dataclass(frozen=True)
class Series:
    days: tuple[str, ...]  # oldest first, the last one today
    raters: tuple[Rater, ...]  # the viewer first


@dataclass(frozen=True)
class MyRating:
    """The viewer's own rating, with their private note."""

    day: str
    need: int
    feel: int
    note: str | None
    rated_at: datetime


@dataclass(frozen=True)
class Suggestion:
    label: str
    href: str


@dataclass(frozen=True)
class Mismatch:
    """A phase worth a gentle word: whose, how often, in plain words, and one small thing to try."""

    kind: str  # both_want_more, they_want_more, i_want_more, needs_differ
    headline: str
    text: str
    days: int
    out_of: int
    suggestion: Suggestion


@dataclass(frozen=True)
class Curves:
    series: Series
    svg: str  # inline SVG, names escaped; its aria-label is ``summary``
    summary: str


def _score(value: object, field: str, question: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | str)
        or str(value).strip() not in {"1", "2", "3", "4", "5"}
    ):
        raise InvalidInput(f"Choose {question} on the scale from 1 to 5.", field=field)
    return int(str(value).strip())


def rate(
    session: Session, pair_id: str, viewer: Person, *, need: object, feel: object, note: str | None = None,
    now: datetime, zone: tzinfo | None = None,
) -> ClosenessRating:  # fmt: skip
    """Rate today, or change today's rating. ``note`` None keeps today's note as it is; "" clears it."""
    pair = pairs.complete_pair_for_member(session, pair_id, viewer)
    need_value = _score(need, "need", "how much closeness you need")
    feel_value = _score(feel, "feel", "how close you feel")
    words = None if note is None else note.strip()
    if words is not None and len(words) > MOST_NOTE:
        raise InvalidInput(f"Please keep your note under {MOST_NOTE:,} characters (it's {len(words):,}).", field="note")
    day = local_day(now, zone).isoformat()
    found = _rating_on(session, pair.id, viewer.id, day)
    if found is None:
        found = ClosenessRating(pair_id=pair.id, person_id=viewer.id, day=day, need=need_value, feel=feel_value,
                                note=words or None, rated_at=now)  # fmt: skip
        try:
            with session.begin_nested():  # a second tab may rate at the same moment
                session.add(found)
            return found
        except IntegrityError:
            found = _rating_on(session, pair.id, viewer.id, day)
            if found is None:
                raise
    found.need, found.feel, found.rated_at = need_value, feel_value, now
    if words is not None:
        found.note = words or None
    session.flush()
    return found


def _rating_on(session: Session, pair_id: str, person_id: str, day: str) -> ClosenessRating | None:
    query = select(ClosenessRating).where(
        ClosenessRating.pair_id == pair_id, ClosenessRating.person_id == person_id, ClosenessRating.day == day
    )
    return session.scalars(query).first()


def _mine(rating: ClosenessRating) -> MyRating:
    return MyRating(rating.day, rating.need, rating.feel, rating.note, rating.rated_at)


def todays_rating(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, zone: tzinfo | None = None
) -> MyRating | None:
    """The viewer's own rating of today, note and all, or None."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    found = _rating_on(session, pair.id, viewer.id, local_day(now, zone).isoformat())
    return _mine(found) if found else None


def rated_today(session: Session, pair_id: str, viewer: Person, *, now: datetime, zone: tzinfo | None = None) -> bool:
    """Whether the viewer has rated today in this pair (for the home page's nudge)."""
    return todays_rating(session, pair_id, viewer, now=now, zone=zone) is not None


def my_ratings(session: Session, pair_id: str, viewer: Person, *, limit: int = 30) -> list[MyRating]:
    """The viewer's own ratings in the pair with their notes, newest first."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    query = (
        select(ClosenessRating)
        .where(ClosenessRating.pair_id == pair.id, ClosenessRating.person_id == viewer.id)
        .order_by(ClosenessRating.day.desc())
    )
    return [_mine(r) for r in session.scalars(query.limit(max(1, min(limit, 400))))]


def series(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, days: int = 30, zone: tzinfo | None = None
) -> Series:
    """Both people's numbers over the last ``days`` days (2 to 400), the viewer first. Never a note."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    days = max(2, min(days, 400))
    last = local_day(now, zone)
    shown = tuple((last - timedelta(days=k)).isoformat() for k in range(days - 1, -1, -1))
    query = select(ClosenessRating.person_id, ClosenessRating.day, ClosenessRating.need, ClosenessRating.feel).where(
        ClosenessRating.pair_id == pair.id, ClosenessRating.day >= shown[0], ClosenessRating.day <= shown[-1]
    )
    found: dict[tuple[str, str], Point] = {
        (pid, day): Point(day, need, feel) for pid, day, need, feel in session.execute(query)
    }
    people = [m.person for m in pair.memberships]
    people.sort(key=lambda p: p.id != viewer.id)
    raters = tuple(
        Rater(p.id, p.name, p.id == viewer.id, tuple(found.get((p.id, day)) for day in shown)) for p in people
    )
    return Series(days=shown, raters=raters)


def _recent(points: Sequence[Point], today: date) -> list[Point]:
    start = (today - timedelta(days=WINDOW - 1)).isoformat()
    return [p for p in points if p.day >= start][-RECENT:]


def _most(count: int, out_of: int) -> bool:
    return out_of >= ENOUGH and count * 2 > out_of


# What each phase says, in the viewer's words: {name} is the other person, {word} what they are to the viewer.
PHASES = {
    "both_want_more": (
        "You both want more closeness than you feel",
        "Lately, both you and {name} have wanted more closeness than you felt. Time together without distractions "
        "is a good place to start.",
        ("Plan time together, devices away", "moments#plan"),
    ),
    "they_want_more": (
        "{name} may be wanting more closeness",
        "{name}, your {word}, has wanted more closeness than they felt on {days} of the last {out_of} days they "
        "rated. A small sign that you see them can go a long way.",
        ("Write {name} an appreciation", "appreciations#write"),
    ),
    "i_want_more": (
        "You've been wanting more closeness",
        "You've wanted more closeness than you felt on {days} of the last {out_of} days you rated. {name} can see "
        "your numbers; saying it in your own words may help too.",
        ("Share today's question with {name}", "today"),
    ),
    "needs_differ": (
        "Your needs for closeness differ just now",
        "On {days} of the last {out_of} days you both rated, you've needed {more} closeness than {name}, your "
        "{word}. Needs rise and fall at different times for everyone; it helps to say where each of you is.",
        ("Talk it over in your weekly talk", "week"),
    ),
}


def _phase(kind: str, days: int, out_of: int, **words: str) -> Mismatch:
    headline, text, (label, href) = PHASES[kind]
    return Mismatch(
        kind, headline.format(**words), text.format(days=days, out_of=out_of, **words), days, out_of,
        Suggestion(label.format(**words), href),
    )  # fmt: skip


def find_mismatches(raters: Sequence[Rater], *, kind: str, today: date) -> list[Mismatch]:
    """The phases worth a word, most pressing first; pure, on the numbers alone.

    Someone "wants more" when need − feel ≥ 2 on most of their last 7 rated days (at least 4 of them, in
    the last 14 days); the needs "differ" when the two are 2 or more apart on most days both rated."""
    me = next((r for r in raters if r.me), None)
    other = next((r for r in raters if not r.me), None)
    if me is None or other is None:
        return []
    words = {"name": other.name, "word": pairs.OTHER_PERSON_WORD.get(kind, "partner")}
    wanting = {}
    for rater in (me, other):
        recent = _recent(rater.rated, today)
        count = sum(1 for p in recent if p.need - p.feel >= GAP)
        if _most(count, len(recent)):
            wanting[rater.me] = (count, len(recent))
    found = []
    if wanting:
        phase = "both_want_more" if len(wanting) == 2 else "i_want_more" if True in wanting else "they_want_more"
        days, out_of = wanting.get(False) or wanting[True]  # the other person's numbers come first
        found.append(_phase(phase, days, out_of, **words))
    mine = {p.day: p for p in me.rated}
    both = _recent([p for p in other.rated if p.day in mine], today)
    apart = [mine[p.day].need - p.need for p in both if abs(mine[p.day].need - p.need) >= GAP]
    if _most(len(apart), len(both)):
        found.append(_phase("needs_differ", len(apart), len(both), more="more" if sum(apart) > 0 else "less", **words))
    return found


def _linked(found: list[Mismatch], pair_id: str) -> list[Mismatch]:
    return [
        Mismatch(m.kind, m.headline, m.text, m.days, m.out_of,
                 Suggestion(m.suggestion.label, f"/pairs/{pair_id}/{m.suggestion.href}"))
        for m in found
    ]  # fmt: skip


def mismatches(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, zone: tzinfo | None = None
) -> list[Mismatch]:
    """The pair's phases worth a word, as the viewer should hear them, with links to try something small."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    shown = series(session, pair.id, viewer, now=now, days=WINDOW, zone=zone)
    return _linked(find_mismatches(shown.raters, kind=pair.kind, today=local_day(now, zone)), pair.id)


def mismatch_for(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, zone: tzinfo | None = None
) -> Mismatch | None:
    """The most pressing phase for the home page, or None."""
    return next(iter(mismatches(session, pair_id, viewer, now=now, zone=zone)), None)


def curves(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, days: int = 30, zone: tzinfo | None = None
) -> Curves:
    """Both people's curves over the last ``days`` days: the numbers, an inline SVG, and a sentence for both."""
    shown = series(session, pair_id, viewer, now=now, days=days, zone=zone)
    return Curves(series=shown, svg=draw(shown), summary=summarise(shown))


def export_for(session: Session, person: Person) -> list[dict[str, object]]:
    """The person's own ratings in every pair, with their notes, for their data export. Nobody else's."""
    query = select(ClosenessRating).where(ClosenessRating.person_id == person.id)
    return [
        {"pair_id": r.pair_id, "day": r.day, "need": r.need, "feel": r.feel, "note": r.note,
         "rated_at": r.rated_at.isoformat()}
        for r in session.scalars(query.order_by(ClosenessRating.pair_id, ClosenessRating.day))
    ]  # fmt: skip
