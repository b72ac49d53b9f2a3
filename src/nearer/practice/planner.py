"""Quality time, planned: the two choose a time to be together with devices away, then mark it done.

- A plan is the pair's: either person makes one, marks it done or cancels it, and both see it.
  Anyone outside the pair gets NotFound, exactly as for a plan that doesn't exist.
- A plan is planned, done or cancelled; a done plan can't be cancelled, nor a cancelled one done.
- How often it happens counts done plans by the month they were planned for, in the time zone of
  the machine nearer runs on (the pair's own), or ``zone`` where given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import pairs
from nearer.store.models import Membership, Pair, Person, PlannedTime

MOST_WHAT = 300
GRACE = timedelta(minutes=10)  # a form filled in a little before it was sent
FURTHEST = timedelta(days=366)
MONTHS = 6
NO_SUCH_PLAN = "We couldn't find that plan. It may belong to another pair."


@dataclass(frozen=True)
class PlanView:
    id: str
    pair_id: str
    planned_for: datetime
    what: str
    made_by: str
    mine: bool  # the viewer made it
    status: str  # planned, done or cancelled
    due: bool  # still planned, and its time has come: did it happen?
    created_at: datetime
    done_at: datetime | None
    cancelled_at: datetime | None


@dataclass(frozen=True)
class Month:
    label: str  # May 2026
    done: int
    cancelled: int


@dataclass(frozen=True)
class Rhythm:
    """How often the pair's planned time happened, month by month, the current month last."""

    months: tuple[Month, ...]
    average: float  # done per month over the months before this one
    summary: str


def plan(
    session: Session, pair_id: str, viewer: Person, *, planned_for: datetime, what: str, now: datetime
) -> PlannedTime:
    """Plan time together. Takes both people (Conflict otherwise)."""
    pair = pairs.complete_pair_for_member(session, pair_id, viewer)
    words = what.strip()
    if not any(ch.isalnum() for ch in words):
        raise InvalidInput("Say in a few words what you'd like to do together.", field="what")
    if len(words) > MOST_WHAT:
        raise InvalidInput(f"Please keep it under {MOST_WHAT} characters (it's {len(words):,}).", field="what")
    if planned_for.tzinfo is None:
        raise InvalidInput("Give the time with its time zone, such as 2026-05-09T19:00+01:00.", field="planned_for")
    if planned_for < now - GRACE:
        raise InvalidInput("That time has passed. Choose a time that's still to come.", field="planned_for")
    if planned_for > now + FURTHEST:
        raise InvalidInput("Choose a time within the next year.", field="planned_for")
    made = PlannedTime(pair_id=pair.id, created_by_id=viewer.id, planned_for=planned_for.astimezone(UTC), what=words,
                       created_at=now)  # fmt: skip
    session.add(made)
    session.flush()
    return made


def _status(found: PlannedTime) -> str:
    return "done" if found.done_at else "cancelled" if found.cancelled_at else "planned"


def _view(found: PlannedTime, viewer: Person, names: dict[str, str], word: str, now: datetime) -> PlanView:
    status = _status(found)
    return PlanView(
        id=found.id, pair_id=found.pair_id, planned_for=found.planned_for, what=found.what,
        made_by=names.get(found.created_by_id or "", f"your {word}"), mine=found.created_by_id == viewer.id,
        status=status, due=status == "planned" and found.planned_for <= now, created_at=found.created_at,
        done_at=found.done_at, cancelled_at=found.cancelled_at,
    )  # fmt: skip


def _names(pair: Pair) -> dict[str, str]:
    return {m.person_id: m.person.name for m in pair.memberships}


def _visible(session: Session, plan_id: str, viewer: Person) -> tuple[PlannedTime, Pair]:
    found = session.get(PlannedTime, plan_id)
    if found is None or session.get(Membership, (found.pair_id, viewer.id)) is None:
        raise NotFound(NO_SUCH_PLAN)
    return found, pairs.pair_for_member(session, found.pair_id, viewer)


def plan_for(session: Session, plan_id: str, viewer: Person, *, now: datetime) -> PlanView:
    """One plan, for either person of its pair."""
    found, pair = _visible(session, plan_id, viewer)
    return _view(found, viewer, _names(pair), pairs.OTHER_PERSON_WORD[pair.kind], now)


def mark_done(session: Session, plan_id: str, viewer: Person, *, now: datetime) -> PlanView:
    """It happened. Marking it again changes nothing."""
    found, _ = _visible(session, plan_id, viewer)
    if found.cancelled_at is not None:
        raise Conflict("This plan was cancelled, so it can't be marked done. Plan it again instead.")
    if found.done_at is None:
        found.done_at = now
        session.flush()
    return plan_for(session, plan_id, viewer, now=now)


def cancel(session: Session, plan_id: str, viewer: Person, *, now: datetime) -> PlanView:
    """It won't happen (or didn't). Cancelling again changes nothing."""
    found, _ = _visible(session, plan_id, viewer)
    if found.done_at is not None:
        raise Conflict("This time together already happened, so it can't be cancelled.")
    if found.cancelled_at is None:
        found.cancelled_at = now
        session.flush()
    return plan_for(session, plan_id, viewer, now=now)


def plans(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, status: str | None = None, limit: int = 100
) -> list[PlanView]:
    """The pair's plans. Still-planned ones come soonest first; done and cancelled ones the latest first."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    if status not in (None, "planned", "done", "cancelled"):
        raise InvalidInput("Choose the status: planned, done or cancelled.", field="status")
    query = select(PlannedTime).where(PlannedTime.pair_id == pair.id)
    if status == "planned":
        query = query.where(PlannedTime.done_at.is_(None), PlannedTime.cancelled_at.is_(None))
    elif status == "done":
        query = query.where(PlannedTime.done_at.is_not(None))
    elif status == "cancelled":
        query = query.where(PlannedTime.cancelled_at.is_not(None))
    order = PlannedTime.planned_for.asc() if status == "planned" else PlannedTime.planned_for.desc()
    names, word = _names(pair), pairs.OTHER_PERSON_WORD[pair.kind]
    found = session.scalars(query.order_by(order, PlannedTime.id).limit(max(1, min(limit, 1000))))
    return [_view(p, viewer, names, word, now) for p in found]


def upcoming(session: Session, pair_id: str, viewer: Person, *, now: datetime) -> list[PlanView]:
    """Plans still to happen (or waiting to be marked), soonest first."""
    return plans(session, pair_id, viewer, now=now, status="planned")


def _month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def times(count: int) -> str:
    """once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def how_often(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, months: int = MONTHS, zone: tzinfo | None = None
) -> Rhythm:
    """Done and cancelled plans per month for the last ``months`` months (this one last), and a sentence."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    months = max(2, min(months, 24))
    today = now.astimezone(zone).date()
    starts = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    done = dict.fromkeys(starts, 0)
    cancelled = dict.fromkeys(starts, 0)
    query = select(PlannedTime).where(
        PlannedTime.pair_id == pair.id,
        # a day early, so the first month is whole in any time zone
        PlannedTime.planned_for >= datetime.combine(starts[0], time(), UTC) - timedelta(days=1),
    )
    for found in session.scalars(query):
        start = _month_start(found.planned_for.astimezone(zone).date())
        if start in done and found.done_at is not None:
            done[start] += 1
        elif start in cancelled and found.cancelled_at is not None:
            cancelled[start] += 1
    shown = tuple(Month(f"{start:%B %Y}", done[start], cancelled[start]) for start in starts)
    earlier = [m.done for m in shown[:-1]]
    average = sum(earlier) / len(earlier)
    this_month = shown[-1].done
    usual = f"{average:.1f}".rstrip("0").rstrip(".")
    before = f"over the {len(earlier)} months before, about {usual} a month" if average else "none in the months before"
    if not any(m.done for m in shown):
        summary = "No planned time has been marked done yet. Plan something small, and mark it done when it happens."
    elif this_month == 0:
        summary = f"None yet this month; {before}."
    else:
        summary = f"This month you've had your planned time together {times(this_month)}; {before}."
    return Rhythm(months=shown, average=average, summary=summary)


def export_for(session: Session, person: Person) -> list[dict[str, Any]]:
    """The time together the person planned, for their data export."""
    query = select(PlannedTime).where(PlannedTime.created_by_id == person.id)
    return [
        {
            "id": p.id, "pair_id": p.pair_id, "planned_for": p.planned_for.isoformat(), "what": p.what,
            "created_at": p.created_at.isoformat(), "done_at": p.done_at.isoformat() if p.done_at else None,
            "cancelled_at": p.cancelled_at.isoformat() if p.cancelled_at else None,
        }
        for p in session.scalars(query.order_by(PlannedTime.planned_for, PlannedTime.id))
    ]  # fmt: skip
