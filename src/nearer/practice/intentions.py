"""Intentions: what each person means to bring to the relationship, in their own words, shown back to them
at hard moments. An intention is its writer's alone: nobody else can read it, by any route.

The hard moments (``moment_to_remind``), looked at over the last ``RECENT`` days:

- the person's latest check-in in the pair is *low* (see ``checkins``: overall under 50, or an area at 25
  or under), taken within ``RECENT``;
- the newest report the person may see, made within ``RECENT``, shows *many missed moments*: at least
  ``MANY_MISSED`` replies to bids that turned away or against, and at least ``MISSED_SHARE`` of all the
  replies to bids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from nearer.errors import InvalidInput
from nearer.insight.saved import report_summary, visible_reports
from nearer.people import pairs
from nearer.practice import checkins
from nearer.store.models import CheckIn, Intention, Person

MOST_CHARACTERS = 1000
RECENT = timedelta(days=30)
MANY_MISSED = 5
MISSED_SHARE = 1 / 3
LOW_CHECK_IN = "low-check-in"
MISSED_MOMENTS = "missed-moments"


@dataclass(frozen=True)
class Reminder:
    """The person's intention, to show them now, and why now."""

    pair_id: str
    text: str
    why: str  # LOW_CHECK_IN or MISSED_MOMENTS
    check_in_id: str | None = None


def intention_for(session: Session, pair_id: str, person: Person) -> Intention | None:
    """The person's own intention in the pair (nobody else's: there is no way to ask for another's)."""
    pair = pairs.pair_for_member(session, pair_id, person)
    return session.get(Intention, (pair.id, person.id))


def set_intention(session: Session, pair_id: str, person: Person, text: str, *, now: datetime) -> Intention:
    """Write or change the person's intention for this relationship."""
    pair = pairs.pair_for_member(session, pair_id, person)
    words = text.strip()
    if not words:
        raise InvalidInput(
            "Write your intention in a few words (or remove it, if you'd rather not keep one).", field="text"
        )
    if len(words) > MOST_CHARACTERS:
        raise InvalidInput(
            f"Your intention is {len(words):,} characters; please keep it under {MOST_CHARACTERS:,}.", field="text"
        )
    found = session.get(Intention, (pair.id, person.id))
    if found is None:
        found = Intention(pair_id=pair.id, person_id=person.id, text=words, updated_at=now)
        session.add(found)
    else:
        found.text, found.updated_at = words, now
    session.flush()
    return found


def remove_intention(session: Session, pair_id: str, person: Person) -> None:
    found = intention_for(session, pair_id, person)
    if found is not None:
        session.delete(found)
        session.flush()


def missed_moments(summary: Mapping[str, Any]) -> tuple[int, int]:
    """Replies to bids that turned away or against, and all replies to bids, of everyone in a report."""
    missed = replies = 0
    people = summary.get("turns")
    for turns in people.values() if isinstance(people, Mapping) else ():
        if not isinstance(turns, Mapping):
            continue
        counts = {way: n for way, n in turns.items() if isinstance(n, int)}
        missed += counts.get("away", 0) + counts.get("against", 0)
        replies += counts.get("toward", 0) + counts.get("away", 0) + counts.get("against", 0)
    return missed, replies


def many_missed(summary: Mapping[str, Any]) -> bool:
    """Whether a report shows many missed moments (see the module's docstring).

    >>> many_missed({"turns": {"Ada": {"toward": 4, "away": 3}, "Bo": {"toward": 2, "against": 3}}})
    True
    """
    missed, replies = missed_moments(summary)
    return missed >= MANY_MISSED and missed >= replies * MISSED_SHARE


def reason_to_remind(
    latest: CheckIn | None, newest_report: tuple[datetime, Mapping[str, Any]] | None, *, now: datetime
) -> str | None:
    """Why to show the intention now (LOW_CHECK_IN first), or None."""
    recent = latest is not None and now - latest.taken_at <= RECENT
    if latest is not None and recent and checkins.score({a.item_id: a.value for a in latest.answers}).low:
        return LOW_CHECK_IN
    if newest_report is not None and now - newest_report[0] <= RECENT and many_missed(newest_report[1]):
        return MISSED_MOMENTS
    return None


def moment_to_remind(session: Session, pair_id: str, person: Person, *, now: datetime) -> Reminder | None:
    """The person's intention, where now is a hard moment to be reminded of it (after a low check-in, or when
    a recent report shows many missed moments); None if they have none or it isn't such a moment."""
    intention = intention_for(session, pair_id, person)
    if intention is None:
        return None
    latest = checkins.latest_own(session, pair_id, person)
    reports = visible_reports(session, pair_id, person)
    newest = (reports[0].created_at, report_summary(reports[0])) if reports else None
    why = reason_to_remind(latest, newest, now=now)
    if why is None:
        return None
    return Reminder(pair_id, intention.text, why, latest.id if why == LOW_CHECK_IN and latest else None)
