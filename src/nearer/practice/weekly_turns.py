"""Speaking turns in the weekly conversation: who speaks next, and how long a turn lasted.

A turn is a ``SpeakingTurn`` row. While it runs, its ``seconds`` and ``ended_at`` are None and its
``started_at`` lets both devices show the same running timer. Ending it writes how long it lasted
(at least 1 second, at most ``MOST_SECONDS``, so a turn someone forgot to end doesn't skew the
balance) and when it ended. These helpers check no access: ``weekly`` does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nearer.practice.weekly_agenda import TOPICS
from nearer.store.models import Pair, SpeakingTurn, WeeklyTalk

MOST_SECONDS = 30 * 60


def members_in_order(pair: Pair) -> list[str]:
    """The pair's people, the one who joined first first (the same order on every screen)."""
    return [m.person_id for m in sorted(pair.memberships, key=lambda m: (m.joined_at, m.person_id))]


def turns_of(session: Session, talk: WeeklyTalk) -> list[SpeakingTurn]:
    """The talk's turns, oldest first."""
    return list(session.scalars(select(SpeakingTurn).where(SpeakingTurn.talk_id == talk.id).order_by(SpeakingTurn.id)))


def running_turn(turns: list[SpeakingTurn]) -> SpeakingTurn | None:
    return next((t for t in reversed(turns) if t.seconds is None), None)


def elapsed(turn: SpeakingTurn, now: datetime) -> int:
    """How long a running turn has gone on, in whole seconds, within the bounds of a turn."""
    return max(0, min(MOST_SECONDS, int((now - turn.started_at).total_seconds())))


def spoken_seconds(turn: SpeakingTurn, now: datetime) -> int:
    return elapsed(turn, now) if turn.seconds is None else turn.seconds


def finish_running(session: Session, talk: WeeklyTalk, now: datetime) -> SpeakingTurn | None:
    """End the running turn, if any (and any a double click left beside it); answers the last one ended."""
    ended = None
    for turn in turns_of(session, talk):
        if turn.seconds is None:
            turn.seconds = max(1, elapsed(turn, now))
            turn.ended_at = turn.started_at + timedelta(seconds=turn.seconds)
            ended = turn
    session.flush()
    return ended


def first_speaker(session: Session, talk: WeeklyTalk, people: list[str]) -> str:
    """Who opens the current topic: it alternates from topic to topic, and from one week's talk to the next."""
    earlier = session.scalar(
        select(func.count()).where(WeeklyTalk.pair_id == talk.pair_id, WeeklyTalk.started_at < talk.started_at)
    )
    return people[(talk.step + (earlier or 0)) % len(people)]


def next_speaker(session: Session, talk: WeeklyTalk, pair: Pair, turns: list[SpeakingTurn]) -> str | None:
    """Who is speaking, or speaks next on the current topic: after a turn, the one who listened.
    None once every topic is done, or when only one person is left in the pair."""
    people = members_in_order(pair)
    if len(people) < 2 or talk.step >= len(TOPICS):
        return None
    running = running_turn(turns)
    if running is not None:
        return running.person_id
    on_topic = [t for t in turns if t.topic == TOPICS[talk.step]]
    if not on_topic:
        return first_speaker(session, talk, people)
    return next((p for p in people if p != on_topic[-1].person_id), people[0])
