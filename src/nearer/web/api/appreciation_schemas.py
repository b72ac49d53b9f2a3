"""Request and response bodies of the appreciation routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nearer.practice.appreciation import MOST_CHARACTERS, Note, Rhythm, Suggestion
from nearer.web.api.schemas import Body


class AppreciationIn(Body):
    text: str = Field(
        description=f"What the other person did (at most {MOST_CHARACTERS:,} characters).",
        examples=["You picked me up from the station in the rain."],
    )
    because: str = Field(
        description=f"What it meant to you; required, and not the same words again (at most {MOST_CHARACTERS:,}).",
        examples=["I felt looked after at the end of a long week."],
    )


class AppreciationOut(BaseModel):
    id: str
    pair_id: str
    author_id: str
    author_name: str
    recipient_name: str
    text: str
    because: str
    created_at: datetime
    seen_at: datetime | None = Field(description="When the person it was written to first opened it.")
    mine: bool = Field(description="True when you wrote it: only you may delete it.")
    new: bool = Field(description="Written to you and unseen until this answer, which marks it seen.")

    @classmethod
    def of(cls, note: Note) -> AppreciationOut:
        return cls(
            id=note.id,
            pair_id=note.pair_id,
            author_id=note.author_id,
            author_name=note.author_name,
            recipient_name=note.recipient_name,
            text=note.text,
            because=note.because,
            created_at=note.created_at,
            seen_at=note.seen_at,
            mine=note.mine,
            new=note.new,
        )


class WriterOut(BaseModel):
    person_id: str
    name: str
    me: bool
    last_30_days: int
    overall: int
    per_week: list[int] = Field(description="How many each week, oldest first, matching week_starts.")
    last_written_at: datetime | None


class RhythmOut(BaseModel):
    week_starts: list[datetime] = Field(description="Where each of the 12 weeks begins; the last one ends now.")
    writers: list[WriterOut] = Field(description="You first, then the other person.")
    unseen: int = Field(description="Notes written to you that you haven't opened yet.")

    @classmethod
    def of(cls, rhythm: Rhythm) -> RhythmOut:
        return cls(
            week_starts=list(rhythm.week_starts),
            writers=[
                WriterOut(
                    person_id=w.person_id,
                    name=w.name,
                    me=w.me,
                    last_30_days=w.last_30_days,
                    overall=w.overall,
                    per_week=list(w.per_week),
                    last_written_at=w.last_written_at,
                )
                for w in rhythm.writers
            ],
            unseen=rhythm.unseen,
        )


class SuggestionOut(BaseModel):
    pair_id: str
    kind: str
    other_name: str
    last_written_at: datetime | None = Field(description="When you last wrote to them; null if never.")
    days_since: int | None

    @classmethod
    def of(cls, suggestion: Suggestion) -> SuggestionOut:
        return cls(
            pair_id=suggestion.pair_id,
            kind=suggestion.kind,
            other_name=suggestion.other_name,
            last_written_at=suggestion.last_written_at,
            days_since=suggestion.days_since,
        )
