"""Bodies of the question routes: the decks, together sessions, the question of the day, favourites."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from nearer.practice.daily import AnswerView, DailyView
from nearer.practice.decks import Question
from nearer.practice.together import AskedView, SessionView
from nearer.web.api.schemas import Body


class QuestionOut(BaseModel):
    id: str
    level: str
    themes: list[str]
    text: str  # the wording for the pair's kind, where the route knows it
    partners: str | None = None
    others: str | None = None

    @classmethod
    def of(cls, question: Question, kind: str | None = None) -> QuestionOut:
        return cls(
            id=question.id,
            level=question.level,
            themes=list(question.themes),
            text=question.wording(kind),
            partners=question.partners,
            others=question.others,
        )


class TogetherIn(Body):
    theme: str | None = Field(default=None, max_length=32, description="One theme, or none for every theme.")
    first: Literal["me", "other"] = Field(default="me", description="Who reads and answers first.")


class TurnIn(Body):
    outcome: Literal["answered", "passed"]
    position: int | None = Field(default=None, description="The question the screen showed; refused if it moved on.")
    person_id: str | None = Field(
        default=None, max_length=32, description="Whose turn the screen showed; refused if that turn was taken."
    )


class TurnOut(BaseModel):
    person_id: str
    name: str
    outcome: str | None


class AskedOut(BaseModel):
    position: int
    question: QuestionOut
    level: str
    turns: list[TurnOut]


class SessionOut(BaseModel):
    id: str
    pair_id: str
    theme: str | None
    level: str
    started_at: datetime
    ended_at: datetime | None
    current: AskedOut | None
    whose_turn: TurnOut | None
    covered: list[AskedOut]

    @classmethod
    def of(cls, view: SessionView) -> SessionOut:
        def asked(item: AskedView) -> AskedOut:
            return AskedOut(
                position=item.position,
                question=QuestionOut.of(item.question, view.kind),
                level=item.level,
                turns=[TurnOut(person_id=t.person_id, name=t.name, outcome=t.outcome) for t in item.turns],
            )

        turn = view.whose_turn
        return cls(
            id=view.id,
            pair_id=view.pair_id,
            theme=view.theme,
            level=view.level,
            started_at=view.started_at,
            ended_at=view.ended_at,
            current=asked(view.current) if view.current else None,
            whose_turn=TurnOut(person_id=turn.person_id, name=turn.name, outcome=None) if turn else None,
            covered=[asked(item) for item in view.covered],
        )


class AnswerIn(Body):
    text: str = Field(max_length=10_000)


class ReplyIn(Body):
    reaction: str | None = Field(default=None, max_length=32)
    text: str = Field(default="", max_length=10_000)


class ReplyOut(BaseModel):
    author: str
    mine: bool
    reaction: str | None
    text: str | None
    created_at: datetime


class AnswerOut(BaseModel):
    id: str
    author: str
    mine: bool
    text: str
    answered_at: datetime
    replies: list[ReplyOut]

    @classmethod
    def of(cls, answer: AnswerView) -> AnswerOut:
        replies = [ReplyOut(author=r.author, mine=r.mine, reaction=r.reaction, text=r.text, created_at=r.created_at)
                   for r in answer.replies]  # fmt: skip
        return cls(
            id=answer.id, author=answer.author, mine=answer.mine, text=answer.text, answered_at=answer.answered_at,
            replies=replies,
        )  # fmt: skip


class DailyOut(BaseModel):
    id: str
    pair_id: str
    day: str
    question: QuestionOut
    mine: AnswerOut | None
    theirs: AnswerOut | None = Field(description="The other person's answer: null until both have answered.")
    they_answered: bool
    revealed: bool

    @classmethod
    def of(cls, view: DailyView) -> DailyOut:
        return cls(
            id=view.id,
            pair_id=view.pair_id,
            day=view.day,
            question=QuestionOut.of(view.question, view.kind),
            mine=AnswerOut.of(view.mine) if view.mine else None,
            theirs=AnswerOut.of(view.theirs) if view.theirs else None,
            they_answered=view.they_answered,
            revealed=view.revealed,
        )


class AnsweredOut(BaseModel):
    question: QuestionOut
    where: str
    at: datetime
    source_id: str
    favourite: bool
