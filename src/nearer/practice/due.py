"""What is waiting for one person in a pair right now, for the pair's page and the home page.

Each practice says for itself when it is due; this module only asks each in turn, and words the
answer for the person who will read it. Nothing here is shown to anyone but that person, and it
only ever mentions what they may see: "Bo has answered" never says what Bo wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.people import pairs
from nearer.practice import appreciation, checkins, closeness
from nearer.practice.days import local_day
from nearer.store.models import DailyAnswer, DailyQuestion, Pair, Person, WeeklyTalk

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Due:
    """One thing to do, in plain words, and where to do it."""

    key: str  # today, closeness, week, check-in, appreciation
    text: str
    action: str  # the words of the link
    link: str


def _daily(session: Session, pair: Pair, person: Person, other: str, now: datetime) -> Due | None:
    today = session.scalars(
        select(DailyQuestion).where(DailyQuestion.pair_id == pair.id, DailyQuestion.day == local_day(now).isoformat())
    ).first()
    answered = (
        set(session.scalars(select(DailyAnswer.person_id).where(DailyAnswer.daily_id == today.id))) if today else set()
    )
    if person.id in answered:
        return None
    link = f"/pairs/{pair.id}/today"
    if answered:
        text = f"{other} has answered today's question. Answer it too, and you'll see each other's answers."
        return Due("today", text, "Answer today's question", link)
    return Due("today", "Today's question is waiting for the two of you.", "See today's question", link)


def _weekly(session: Session, pair: Pair, now: datetime) -> Due | None:
    talks = list(
        session.scalars(select(WeeklyTalk).where(WeeklyTalk.pair_id == pair.id).order_by(WeeklyTalk.started_at.desc()))
    )
    link = f"/pairs/{pair.id}/week"
    open_talk = next((t for t in talks if t.ended_at is None), None)
    if open_talk is not None and open_talk.paused_at is not None:
        if open_talk.resume_at is not None and open_talk.resume_at > now:
            return None  # they said when they'd come back, and it isn't then yet
        return Due(
            "week", "You paused your weekly talk, and the time you chose to come back has come.", "Carry on", link
        )
    if open_talk is not None:
        return Due("week", "Your weekly talk is under way.", "Carry on your talk", link)
    last_ended = next((t.ended_at for t in talks if t.ended_at is not None), None)
    if last_ended is not None and now - last_ended < WEEK:
        return None
    if last_ended is not None:
        return Due("week", "It's been a week or more since your last weekly talk.", "Open Our week", link)
    return Due(
        "week", "You haven't had a weekly talk yet: half an hour for the week you've had.", "Open Our week", link
    )


def due_for(session: Session, pair: Pair, person: Person, *, now: datetime) -> list[Due]:
    """What is waiting for ``person`` in ``pair``: nothing until the pair is complete."""
    others = pairs.other_members(pair, person)
    if not pairs.is_complete(pair) or not others:
        return []
    other = others[0].name
    found = [_daily(session, pair, person, other, now)]
    if not closeness.rated_today(session, pair.id, person, now=now):
        text = "How close do you feel today, and how much closeness do you need?"
        found.append(Due("closeness", text, "Note it", f"/pairs/{pair.id}/closeness"))
    found.append(_weekly(session, pair, now))
    if checkins.is_due(session, pair.id, person, now=now):
        text = "It's time for your monthly check-in: a few questions, yours alone unless you share them."
        found.append(Due("check-in", text, "Take the check-in", f"/pairs/{pair.id}/check-ins/new"))
    if any(s.pair_id == pair.id for s in appreciation.suggestions(session, person, now=now)):
        text = f"Has {other} done something lately you were glad of? Tell them."
        found.append(Due("appreciation", text, f"Write to {other}", f"/pairs/{pair.id}/appreciations#write"))
    return [item for item in found if item is not None]
