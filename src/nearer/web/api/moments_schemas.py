"""Request and response bodies of the routes for moments of connection and planned time together."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nearer.practice.moments import ACTIVITIES, COMPANY, MOST_NOTE, PLACES, MomentView, Patterns
from nearer.practice.planner import MOST_WHAT, PlanView, Rhythm
from nearer.web.api.schemas import Body


class MomentIn(Body):
    happened_at: datetime = Field(
        description="When it was, with its time zone offset; not in the future.", examples=["2026-05-03T19:30+01:00"]
    )
    activity: str = Field(max_length=64, description="One of: " + ", ".join(ACTIVITIES) + ".", examples=["walk"])
    place: str = Field(max_length=64, description="One of: " + ", ".join(PLACES) + ".", examples=["outdoors"])
    company: str = Field(max_length=64, description="One of: " + ", ".join(COMPANY) + ".", examples=["just us"])
    devices_away: bool = Field(default=False, description="Were phones and screens put away?")
    note: str = Field(default="", max_length=10_000, description=f"A few words (at most {MOST_NOTE:,}); both see it.")


class MomentOut(BaseModel):
    id: str
    pair_id: str
    author_name: str
    mine: bool = Field(description="True when you noted it: only you may delete it.")
    happened_at: datetime
    activity: str
    activity_label: str
    place: str
    place_label: str
    company: str
    company_label: str
    devices_away: bool
    note: str | None
    created_at: datetime

    @classmethod
    def of(cls, view: MomentView) -> MomentOut:
        return cls(**{name: getattr(view, name) for name in cls.model_fields})


class ChoiceOut(BaseModel):
    key: str
    label: str


class ChoicesOut(BaseModel):
    activities: list[ChoiceOut]
    places: list[ChoiceOut]
    company: list[ChoiceOut]


class PatternOut(BaseModel):
    dimension: str = Field(description="time, activity, place, company or devices.")
    value: str
    count: int
    total: int
    text: str


class TallyOut(BaseModel):
    label: str
    count: int


class PatternsOut(BaseModel):
    total: int
    needed: int = Field(description="How many more moments before patterns are claimed; 0 once there are enough.")
    found: list[PatternOut]
    tallies: dict[str, list[TallyOut]] = Field(description="Counts for time, activity, place and company.")
    devices_away: int
    idea: str = Field(description="Something to plan from the patterns, always with devices away.")

    @classmethod
    def of(cls, found: Patterns) -> PatternsOut:
        claimed = [PatternOut(dimension=p.dimension, value=p.value, count=p.count, total=p.total, text=p.text)
                   for p in found.found]  # fmt: skip
        tallies = {d: [TallyOut(label=label, count=n) for label, n in counted] for d, counted in found.tallies.items()}
        return cls(
            total=found.total,
            needed=found.needed,
            found=claimed,
            tallies=tallies,
            devices_away=found.devices_away,
            idea=found.idea,
        )


class PlanIn(Body):
    planned_for: datetime = Field(
        description="When, with its time zone offset; from now to a year ahead.", examples=["2026-05-09T19:00+01:00"]
    )
    what: str = Field(max_length=10_000, description=f"What you'll do (at most {MOST_WHAT} characters).")


class PlanOut(BaseModel):
    id: str
    pair_id: str
    planned_for: datetime
    what: str
    made_by: str
    mine: bool
    status: str = Field(description="planned, done or cancelled.")
    due: bool = Field(description="Still planned and its time has come: did it happen?")
    created_at: datetime
    done_at: datetime | None
    cancelled_at: datetime | None

    @classmethod
    def of(cls, view: PlanView) -> PlanOut:
        return cls(**{name: getattr(view, name) for name in cls.model_fields})


class MonthOut(BaseModel):
    label: str
    done: int
    cancelled: int


class RhythmOut(BaseModel):
    months: list[MonthOut] = Field(description="Oldest first; the last is this month.")
    average: float = Field(description="Done per month over the months before this one.")
    summary: str

    @classmethod
    def of(cls, rhythm: Rhythm) -> RhythmOut:
        months = [MonthOut(label=m.label, done=m.done, cancelled=m.cancelled) for m in rhythm.months]
        return cls(months=months, average=rhythm.average, summary=rhythm.summary)
