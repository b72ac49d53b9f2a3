"""Request and response bodies of the closeness routes. A note appears only in bodies of the writer's own ratings."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nearer.practice.closeness import MOST_NOTE, Mismatch, MyRating, Series
from nearer.web.api.schemas import Body


class RatingIn(Body):
    need: int = Field(
        strict=True, description="How much closeness you need right now: 1 (hardly any) to 5 (very much)."
    )
    feel: int = Field(strict=True, description="How close you feel: 1 (far apart) to 5 (very close).")
    note: str | None = Field(
        default=None,
        max_length=10_000,
        description=f"Private: only you ever see it (at most {MOST_NOTE:,} characters). Leave it out to keep "
        'today\'s note as it is; send "" to remove it.',
        examples=["Busy week; I miss our evenings."],
    )


class MyRatingOut(BaseModel):
    day: str = Field(description="The local day, YYYY-MM-DD.")
    need: int
    feel: int
    note: str | None = Field(description="Your private note: nobody else can read it.")
    rated_at: datetime

    @classmethod
    def of(cls, rating: MyRating) -> MyRatingOut:
        return cls(day=rating.day, need=rating.need, feel=rating.feel, note=rating.note, rated_at=rating.rated_at)


class TodayOut(BaseModel):
    day: str
    mine: MyRatingOut | None = Field(description="Your rating of today, or null if you haven't rated yet.")


class PointOut(BaseModel):
    day: str
    need: int
    feel: int


class RaterOut(BaseModel):
    person_id: str
    name: str
    me: bool
    points: list[PointOut | None] = Field(description="One per day of ``days``; null where they didn't rate.")


class SeriesOut(BaseModel):
    days: list[str] = Field(description="The days shown, oldest first; the last is today.")
    raters: list[RaterOut] = Field(description="You first, then the other person. Numbers only, never a note.")

    @classmethod
    def of(cls, series: Series) -> SeriesOut:
        return cls(
            days=list(series.days),
            raters=[
                RaterOut(
                    person_id=r.person_id,
                    name=r.name,
                    me=r.me,
                    points=[PointOut(day=p.day, need=p.need, feel=p.feel) if p else None for p in r.points],
                )
                for r in series.raters
            ],
        )


class SuggestionOut(BaseModel):
    label: str
    href: str = Field(description="A page of the app with something small to try.")


class MismatchOut(BaseModel):
    kind: str = Field(description="both_want_more, they_want_more, i_want_more or needs_differ.")
    headline: str
    text: str
    days: int = Field(description="On how many of the recent rated days it showed...")
    out_of: int = Field(description="...out of how many.")
    suggestion: SuggestionOut

    @classmethod
    def of(cls, found: Mismatch) -> MismatchOut:
        return cls(
            kind=found.kind,
            headline=found.headline,
            text=found.text,
            days=found.days,
            out_of=found.out_of,
            suggestion=SuggestionOut(label=found.suggestion.label, href=found.suggestion.href),
        )
