"""Bodies of the journal and coach box routes. Shape and size only: the rules (an empty entry, one too
long to keep) live in ``nearer.practice.journal`` and ``nearer.practice.coach_box`` and answer 422 there."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from nearer.lens.coach import Coaching
from nearer.practice.journal import Prompt, prompt_of
from nearer.store.models import JournalEntry, SavedDraft
from nearer.web.api.schemas import Body

# Generous, so the library's own message (which says how long is too long) is the one a person reads;
# the body size limit of the app bounds them anyway.
MOST = 100_000


class PromptOut(BaseModel):
    id: str
    theme: str = Field(description="past, opening, known, safe or now.")
    theme_name: str
    text: str

    @classmethod
    def of(cls, prompt: Prompt) -> PromptOut:
        return cls(id=prompt.id, theme=prompt.theme, theme_name=prompt.theme_name, text=prompt.text)


class EntryIn(Body):
    text: str = Field(max_length=MOST, examples=["I noticed I went quiet again when she asked about work."])
    prompt_id: str | None = Field(default=None, max_length=32, description="The prompt it answers, if any.")


class EntryEditIn(Body):
    text: str = Field(max_length=MOST)


class EntryOut(BaseModel):
    id: str
    prompt: PromptOut | None = Field(description="The prompt it answers; null for a free entry.")
    text: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, entry: JournalEntry) -> EntryOut:
        prompt = prompt_of(entry)
        return cls(
            id=entry.id,
            prompt=PromptOut.of(prompt) if prompt else None,
            text=entry.text,
            created_at=entry.created_at,
            updated_at=entry.updated_at,
        )


class CoachIn(Body):
    their_message: str = Field(default="", max_length=MOST, description="What the other person said (may be empty).")
    draft: str = Field(max_length=MOST, description="The reply you are thinking of sending.")


class FlagOut(BaseModel):
    act: str
    explanation: str
    evidence: str = Field(description="The draft's own words that carry the act.")


class CoachOut(BaseModel):
    """The same five keys as ``nearer coach --json``."""

    acts: list[str]
    flags: list[FlagOut]
    suggestions: list[str] = Field(description="Kinder ways to say it: empty when there's nothing to change.")
    safety: bool = Field(description="True when someone may be in danger: then only resources are given.")
    resources: list[str]

    @classmethod
    def of(cls, coaching: Coaching) -> CoachOut:
        return cls.model_validate(coaching.as_json())


class DraftIn(Body):
    their_message: str = Field(default="", max_length=MOST)
    draft: str = Field(max_length=MOST)
    pair_id: str | None = Field(default=None, max_length=64, description="One of your pairs, if it was for one.")


class DraftOut(BaseModel):
    id: str
    pair_id: str | None
    their_message: str
    draft: str
    created_at: datetime

    @classmethod
    def of(cls, kept: SavedDraft) -> DraftOut:
        return cls(
            id=kept.id,
            pair_id=kept.pair_id,
            their_message=kept.their_message,
            draft=kept.draft,
            created_at=kept.created_at,
        )
