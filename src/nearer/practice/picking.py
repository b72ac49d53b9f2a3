"""Choosing the next question for a pair: never one they have had before, until the deck runs out.

A pair "has had" a question when it came up in a together session or as a question of the day.
Once every question that fits (a level, perhaps a theme) has come up, the ones they had longest
ago come round again first.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.errors import NotFound
from nearer.practice.decks import Question, decks, questions
from nearer.store.models import AskedQuestion, DailyQuestion, QuestionSession

CHANCE = random.SystemRandom()


def last_had(session: Session, pair_id: str) -> dict[str, datetime]:
    """Each question the pair has had, and when it last came up."""
    had: dict[str, datetime] = {}
    asked = session.execute(
        select(AskedQuestion.question_id, AskedQuestion.asked_at)
        .join(QuestionSession, QuestionSession.id == AskedQuestion.session_id)
        .where(QuestionSession.pair_id == pair_id)
    )
    daily = session.execute(
        select(DailyQuestion.question_id, DailyQuestion.created_at).where(DailyQuestion.pair_id == pair_id)
    )
    for question_id, at in [*asked, *daily]:
        if question_id not in had or had[question_id] < at:
            had[question_id] = at
    return had


def pick_question(
    session: Session,
    pair_id: str,
    *,
    level: str | None = None,
    theme: str | None = None,
    avoid: Collection[str] = (),
    chance: random.Random = CHANCE,
) -> Question | None:
    """A question of this level and theme the pair hasn't had; else the one they had longest ago.

    ``avoid`` holds ids that must not come up at all (those already in this session). None when nothing fits."""
    pool = [q for q in questions(level=level, theme=theme) if q.id not in avoid]
    if not pool:
        return None
    had = last_had(session, pair_id)
    fresh = [q for q in pool if q.id not in had]
    if fresh:
        return chance.choice(fresh)
    oldest = min(had[q.id] for q in pool)
    return chance.choice([q for q in pool if had[q.id] == oldest])


@cache
def _by_id() -> dict[str, Question]:
    return {question.id: question for question in decks()}


def question_by_id(question_id: str) -> Question:
    found = _by_id().get(question_id)
    if found is None:
        raise NotFound("There's no question with that id in the decks.")
    return found
