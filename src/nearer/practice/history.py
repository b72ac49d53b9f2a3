"""What a pair has answered (in together sessions and as questions of the day), and each person's favourites.

Favourites are one person's own marks within a pair: the other person doesn't see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nearer.people.pairs import pair_for_member
from nearer.practice.decks import Question
from nearer.practice.picking import question_by_id
from nearer.store.models import DailyQuestion, FavouriteQuestion, Pair, Person, QuestionSession


@dataclass(frozen=True)
class Answered:
    """One question the pair met, where, and when."""

    question: Question
    text: str
    where: str  # "together" or "today"
    at: datetime
    source_id: str  # the together session or the question of the day it belongs to
    favourite: bool


def favourite_ids(session: Session, pair_id: str, person: Person) -> set[str]:
    query = select(FavouriteQuestion.question_id).where(
        FavouriteQuestion.pair_id == pair_id, FavouriteQuestion.person_id == person.id
    )
    return set(session.scalars(query))


def set_favourite(
    session: Session, pair_id: str, person: Person, question_id: str, *, now: datetime, on: bool = True
) -> None:
    pair = pair_for_member(session, pair_id, person)
    question_by_id(question_id)  # NotFound for an id that isn't in the decks
    key = (pair.id, person.id, question_id)
    existing = session.get(FavouriteQuestion, key)
    if on and existing is None:
        session.add(FavouriteQuestion(pair_id=pair.id, person_id=person.id, question_id=question_id, created_at=now))
    elif not on and existing is not None:
        session.execute(
            delete(FavouriteQuestion).where(
                FavouriteQuestion.pair_id == pair.id,
                FavouriteQuestion.person_id == person.id,
                FavouriteQuestion.question_id == question_id,
            )
        )
    session.flush()


def favourites(session: Session, pair_id: str, person: Person) -> list[Question]:
    pair = pair_for_member(session, pair_id, person)
    query = (
        select(FavouriteQuestion.question_id)
        .where(FavouriteQuestion.pair_id == pair.id, FavouriteQuestion.person_id == person.id)
        .order_by(FavouriteQuestion.created_at.desc())
    )
    return [question_by_id(question_id) for question_id in session.scalars(query)]


def answered(session: Session, pair_id: str, person: Person) -> list[Answered]:
    """Every question the pair has taken a turn on together, and every question of the day either answered,
    newest first."""
    pair: Pair = pair_for_member(session, pair_id, person)
    marked = favourite_ids(session, pair.id, person)
    found: list[Answered] = []
    sessions = session.scalars(select(QuestionSession).where(QuestionSession.pair_id == pair.id))
    for row in sessions:
        for asked in row.asked:
            if asked.turns:
                question = question_by_id(asked.question_id)
                found.append(
                    Answered(
                        question, question.wording(pair.kind), "together", asked.asked_at, row.id,
                        question.id in marked,
                    )
                )  # fmt: skip
    for daily in session.scalars(select(DailyQuestion).where(DailyQuestion.pair_id == pair.id)):
        if daily.answers:
            question = question_by_id(daily.question_id)
            found.append(
                Answered(
                    question, question.wording(pair.kind), "today", daily.created_at,
                    daily.id, question.id in marked,
                )
            )  # fmt: skip
    found.sort(key=lambda item: item.at, reverse=True)
    return found


def export_for(session: Session, person: Person) -> list[dict[str, str]]:
    query = select(FavouriteQuestion).where(FavouriteQuestion.person_id == person.id)
    return [
        {"pair_id": f.pair_id, "question_id": f.question_id, "question": question_by_id(f.question_id).text}
        for f in session.scalars(query.order_by(FavouriteQuestion.created_at))
    ]
