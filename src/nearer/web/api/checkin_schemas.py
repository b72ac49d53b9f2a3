"""Bodies of the check-in routes: the statements, check-ins and their scores, the comparison, the intention and
the help advice."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nearer.practice.checkin_items import ItemSet
from nearer.practice.checkins import CheckInView, Comparison
from nearer.practice.seeking_help import Advice, HelpWords
from nearer.web.api.schemas import Body


class AreaOut(BaseModel):
    id: str
    name: str
    about: str


class ItemOut(BaseModel):
    id: str
    area: str
    text: str = Field(description="The statement, worded for this pair.")
    reverse: bool = Field(description="A sign that closeness is missing: scored the other way round.")


class ItemsOut(BaseModel):
    areas: list[AreaOut]
    items: list[ItemOut]
    scale: dict[int, str]

    @classmethod
    def of(cls, found: ItemSet, kind: str, name: str, scale: dict[int, str]) -> ItemsOut:
        return cls(
            areas=[AreaOut(id=a.id, name=a.name, about=a.words(name)) for a in found.areas],
            items=[ItemOut(id=i.id, area=i.area, text=i.wording(kind, name), reverse=i.reverse) for i in found.items],
            scale=scale,
        )


class CheckInIn(Body):
    answers: dict[str, int] = Field(
        max_length=100, description="Every statement's id, each with an answer from 1 (not at all) to 5 (completely)."
    )
    shared: bool = Field(default=False, description="Share it with the other person straight away.")


class SharedIn(Body):
    shared: bool


class AreaScoreOut(BaseModel):
    area: str
    name: str
    score: int = Field(description="0 to 100: higher means more of the signs of closeness.")


class CheckInOut(BaseModel):
    id: str
    pair_id: str
    person_id: str
    name: str
    mine: bool
    taken_at: datetime
    shared_at: datetime | None
    overall: int
    low: bool
    scores: list[AreaScoreOut]
    answers: dict[str, int] | None = Field(description="The answers: for the person who took it, else null.")

    @classmethod
    def of(cls, view: CheckInView) -> CheckInOut:
        return cls(
            id=view.id, pair_id=view.pair_id, person_id=view.person_id, name=view.name, mine=view.mine,
            taken_at=view.taken_at, shared_at=view.shared_at, overall=view.scores.overall, low=view.scores.low,
            scores=[AreaScoreOut(area=a.area.id, name=a.area.name, score=a.score) for a in view.scores.areas],
            answers=view.answers,
        )  # fmt: skip


class GapOut(BaseModel):
    area: str
    name: str
    mine: int
    theirs: int
    differs: bool


class ComparisonOut(BaseModel):
    ready: bool = Field(description="False until both people have shared a check-in.")
    margin: int = Field(description="Areas this many points apart or more count as seen differently.")
    mine: CheckInOut | None = None
    theirs: CheckInOut | None = None
    areas: list[GapOut] = []
    differing: list[str] = Field(default=[], description="The areas seen differently, the widest gap first.")
    far_apart: bool = False

    @classmethod
    def of(cls, found: Comparison | None, margin: int) -> ComparisonOut:
        if found is None:
            return cls(ready=False, margin=margin)
        return cls(
            ready=True, margin=margin, mine=CheckInOut.of(found.mine), theirs=CheckInOut.of(found.theirs),
            areas=[GapOut(area=g.area.id, name=g.area.name, mine=g.mine, theirs=g.theirs, differs=g.differs)
                   for g in found.gaps],
            differing=[g.area.id for g in found.differing], far_apart=found.far_apart,
        )  # fmt: skip


class IntentionIn(Body):
    text: str = Field(max_length=10_000)


class IntentionOut(BaseModel):
    text: str | None
    updated_at: datetime | None


class ReasonOut(BaseModel):
    key: str
    words: str


class HelpOut(BaseModel):
    needed: bool = Field(description="Whether the help rule suggests professional help to the asker now.")
    crisis_first: bool = Field(description="A safety concern was seen: the crisis resources come first.")
    reasons: list[ReasonOut]
    crisis_resources: list[str]
    who: str
    what_it_is_like: list[str]
    how_to_find: list[str]
    not_safe: str

    @classmethod
    def of(cls, advice: Advice | None, words: HelpWords, crisis: tuple[str, ...]) -> HelpOut:
        return cls(
            needed=advice is not None,
            crisis_first=bool(advice and advice.crisis_first),
            reasons=[ReasonOut(key=r.key, words=r.words) for r in advice.reasons] if advice else [],
            crisis_resources=list(crisis),
            who=words.who,
            what_it_is_like=list(words.what_it_is_like),
            how_to_find=list(words.how_to_find),
            not_safe=words.not_safe,
        )
