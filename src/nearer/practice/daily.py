"""The question of the day, answered apart: each on their own device, revealed when both have answered.

- One question per pair per day (the day of the app's clock); whichever of the two opens it first
  brings it up, and both get the same one.
- An answer can be changed until the other person has answered too. From then on both see both
  answers (mutual reveal), and neither can change theirs.
- Before that, the other person's answer is out of reach by every route: it reads as not there.
- Once answers are revealed, each may react to the other's answer with a gentle reaction and a few words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people.pairs import complete_pair_for_member, pair_for_member
from nearer.practice.days import local_day
from nearer.practice.decks import Question
from nearer.practice.picking import CHANCE, pick_question, question_by_id
from nearer.store.models import AnswerReply, DailyAnswer, DailyQuestion, Pair, Person

# Most days a light or personal question; every fifth day, one that asks for more trust.
LEVEL_CYCLE = ("light", "personal", "light", "personal", "vulnerable")
REACTIONS = {
    "heart": "❤️ Love this",
    "hug": "🤗 Sending a hug",
    "smile": "😊 Made me smile",
    "thanks": "🙏 Thank you for sharing",
    "same": "🤝 Me too",
}
MOST_CHARACTERS = 2000
NO_SUCH_QUESTION = "We couldn't find that question of the day."
NO_SUCH_ANSWER = "We couldn't find that answer."


@dataclass(frozen=True)
class ReplyView:
    author: str
    mine: bool
    reaction: str | None
    reaction_text: str | None
    text: str | None
    created_at: datetime


@dataclass(frozen=True)
class AnswerView:
    id: str
    author: str
    mine: bool
    text: str
    answered_at: datetime
    replies: tuple[ReplyView, ...]


@dataclass(frozen=True)
class DailyView:
    """A question of the day as one person may see it: the other's answer only once both have answered."""

    id: str
    pair_id: str
    kind: str
    day: str
    question: Question
    text: str
    other_name: str
    mine: AnswerView | None
    theirs: AnswerView | None  # None until revealed, whether or not they have answered
    they_answered: bool

    @property
    def revealed(self) -> bool:
        return self.mine is not None and self.theirs is not None


def level_for(day: date) -> str:
    return LEVEL_CYCLE[day.toordinal() % len(LEVEL_CYCLE)]


def todays_question(
    session: Session, pair_id: str, viewer: Person, *, now: datetime, chance: random.Random = CHANCE
) -> DailyQuestion:
    """Today's question for the pair, brought up now if neither has opened it yet."""
    pair = complete_pair_for_member(session, pair_id, viewer)
    day = local_day(now)  # the day where the two live, not in UTC
    found = _daily_on(session, pair.id, day.isoformat())
    if found is not None:
        return found
    question = pick_question(session, pair.id, level=level_for(day), chance=chance)
    if question is None:  # pragma: no cover - the decks always hold questions of every level
        raise Conflict("There are no questions to ask.")
    daily = DailyQuestion(pair_id=pair.id, day=day.isoformat(), question_id=question.id, created_at=now)
    try:
        with session.begin_nested():  # the other person may bring it up at the same moment
            session.add(daily)
    except IntegrityError:
        found = _daily_on(session, pair.id, day.isoformat())
        if found is None:
            raise
        return found
    return daily


def _daily_on(session: Session, pair_id: str, day: str) -> DailyQuestion | None:
    return session.scalars(
        select(DailyQuestion).where(DailyQuestion.pair_id == pair_id, DailyQuestion.day == day)
    ).first()


def daily_for(session: Session, daily_id: str, viewer: Person) -> DailyQuestion:
    daily = session.get(DailyQuestion, daily_id)
    if daily is None:
        raise NotFound(NO_SUCH_QUESTION)
    try:
        pair_for_member(session, daily.pair_id, viewer)
    except NotFound:
        raise NotFound(NO_SUCH_QUESTION) from None
    return daily


def answer(session: Session, daily_id: str, viewer: Person, text: str, *, now: datetime) -> DailyAnswer:
    """Write (or change) the viewer's answer; changes stop once both have answered."""
    daily = daily_for(session, daily_id, viewer)
    complete_pair_for_member(session, daily.pair_id, viewer)
    words = text.strip()
    if not words:
        raise InvalidInput("Write a few words as your answer (or come back to it later).", field="text")
    if len(words) > MOST_CHARACTERS:
        raise InvalidInput(
            f"Your answer is {len(words):,} characters; please keep it under {MOST_CHARACTERS:,}.", field="text"
        )
    mine = next((a for a in daily.answers if a.person_id == viewer.id), None)
    if any(a.person_id != viewer.id for a in daily.answers) and mine is not None:
        raise Conflict("You've both answered, so your answers are shown to each other and can't be changed now.")
    if mine is None:
        mine = DailyAnswer(person_id=viewer.id, text=words, answered_at=now)
        daily.answers.append(mine)
    else:
        mine.text, mine.answered_at = words, now
    session.flush()
    return mine


def reply(
    session: Session, answer_id: str, viewer: Person, *, now: datetime, reaction: str | None = None, text: str = ""
) -> AnswerReply:
    """React to the other person's revealed answer. Their unrevealed answer, or one's own, reads as not there."""
    found = session.get(DailyAnswer, answer_id)
    if found is None or found.person_id == viewer.id:
        raise NotFound(NO_SUCH_ANSWER)
    daily = daily_for(session, found.daily_id, viewer)
    if not any(a.person_id == viewer.id for a in daily.answers):
        raise NotFound(NO_SUCH_ANSWER)
    if reaction is not None and reaction not in REACTIONS:
        raise InvalidInput(f"Choose one of the reactions: {', '.join(REACTIONS)}.", field="reaction")
    words = text.strip()
    if reaction is None and not words:
        raise InvalidInput("Choose a reaction or write a few words.", field="text")
    if len(words) > MOST_CHARACTERS:
        raise InvalidInput(f"Please keep your reply under {MOST_CHARACTERS:,} characters.", field="text")
    made = AnswerReply(person_id=viewer.id, reaction=reaction, text=words or None, created_at=now)
    found.replies.append(made)
    session.flush()
    return made


def answer_daily_id(session: Session, answer_id: str, viewer: Person) -> str:
    """The question of the day an answer belongs to, for either of its pair; NotFound for anyone else."""
    found = session.get(DailyAnswer, answer_id)
    if found is None:
        raise NotFound(NO_SUCH_ANSWER)
    return daily_for(session, found.daily_id, viewer).id


def _answer_view(answer: DailyAnswer, names: dict[str, str], viewer: Person) -> AnswerView:
    replies = tuple(
        ReplyView(
            author=names.get(r.person_id, "someone who left"),
            mine=r.person_id == viewer.id,
            reaction=r.reaction,
            reaction_text=REACTIONS.get(r.reaction or ""),
            text=r.text,
            created_at=r.created_at,
        )
        for r in answer.replies
    )
    return AnswerView(
        answer.id, names.get(answer.person_id, "someone who left"), answer.person_id == viewer.id, answer.text,
        answer.answered_at, replies,
    )  # fmt: skip


def view(session: Session, daily: DailyQuestion, viewer: Person) -> DailyView:
    pair = session.get(Pair, daily.pair_id)
    if pair is None:
        raise NotFound(NO_SUCH_QUESTION)
    names = {m.person_id: m.person.name for m in pair.memberships}
    other = next((name for pid, name in names.items() if pid != viewer.id), "the other person")
    mine = next((a for a in daily.answers if a.person_id == viewer.id), None)
    theirs = next((a for a in daily.answers if a.person_id != viewer.id), None)
    question = question_by_id(daily.question_id)
    return DailyView(
        id=daily.id,
        pair_id=daily.pair_id,
        kind=pair.kind,
        day=daily.day,
        question=question,
        text=question.wording(pair.kind),
        other_name=other,
        mine=_answer_view(mine, names, viewer) if mine else None,
        theirs=_answer_view(theirs, names, viewer) if mine and theirs else None,
        they_answered=theirs is not None,
    )


def past_days(session: Session, pair_id: str, viewer: Person, *, limit: int = 60) -> list[DailyView]:
    """The pair's questions of the day, newest first, as the viewer may see them."""
    pair = pair_for_member(session, pair_id, viewer)
    query = select(DailyQuestion).where(DailyQuestion.pair_id == pair.id).order_by(DailyQuestion.day.desc())
    return [view(session, daily, viewer) for daily in session.scalars(query.limit(limit))]


def export_for(session: Session, person: Person) -> list[dict[str, object]]:
    """The person's own answers of the day and their replies, for their data export (the other's stay theirs)."""
    query = select(DailyAnswer).where(DailyAnswer.person_id == person.id).order_by(DailyAnswer.answered_at)
    mine: list[dict[str, object]] = []
    for found in session.scalars(query):
        mine.append(
            {
                "pair_id": found.daily.pair_id,
                "day": found.daily.day,
                "question": question_by_id(found.daily.question_id).text,
                "answer": found.text,
                "answered_at": found.answered_at.isoformat(),
            }
        )
    replies = select(AnswerReply).where(AnswerReply.person_id == person.id).order_by(AnswerReply.created_at)
    for made in session.scalars(replies):
        mine.append(
            {
                "pair_id": made.answer.daily.pair_id,
                "day": made.answer.daily.day,
                "reply": {"reaction": made.reaction, "text": made.text},
                "replied_at": made.created_at.isoformat(),
            }
        )
    return mine
