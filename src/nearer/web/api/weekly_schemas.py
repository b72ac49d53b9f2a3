"""Request and response bodies of the weekly conversation's API ("our week").

Bodies check only shape and size; the rules (a weekday, a time, a note's length, a time to come back
that is still to come) live in ``nearer.practice.weekly`` and answer 422 from there.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, Field

from nearer.practice.weekly import Member, Note, TalkView
from nearer.practice.weekly_plan import WEEKDAYS
from nearer.store.models import WeeklyPlan
from nearer.web.api.schemas import Body

NOTE_GUARD = 20_000  # far above the note limit, so the library's own message answers a long note


class PlanIn(Body):
    weekday: int = Field(description="0 for Monday up to 6 for Sunday.", examples=[6])
    time: str = Field(max_length=8, description="Local time of day, HH:MM (24-hour).", examples=["19:30"])
    minutes: int = Field(description="How long, 10 to 180 minutes.", examples=[45])


class PlanOut(BaseModel):
    weekday: int
    weekday_name: str
    time: str
    minutes: int
    updated_at: datetime

    @classmethod
    def of(cls, plan: WeeklyPlan) -> PlanOut:
        return cls(
            weekday=plan.weekday,
            weekday_name=WEEKDAYS[plan.weekday],
            time=plan.time,
            minutes=plan.minutes,
            updated_at=plan.updated_at,
        )


class NoteIn(Body):
    topic: str = Field(max_length=40, description="One of the agenda's topics.", examples=["appreciations"])
    text: str = Field(max_length=NOTE_GUARD, description="At most 5,000 characters.")
    person_id: str | None = Field(
        default=None, max_length=64, description="Whose words these are; the sender's own if left out."
    )


class NoteOut(BaseModel):
    id: str
    talk_id: str
    topic: str
    person_id: str = Field(description="Whose words these are.")
    person_name: str
    text: str
    created_at: datetime

    @classmethod
    def of(cls, note: Note) -> NoteOut:
        return cls(
            id=note.id,
            talk_id=note.talk_id,
            topic=note.topic,
            person_id=note.person_id,
            person_name=note.person_name,
            text=note.text,
            created_at=note.created_at,
        )


class TurnIn(Body):
    speaker_id: str | None = Field(
        default=None, max_length=64, description="Who speaks; whoever's turn it is if left out."
    )


class NextIn(Body):
    from_step: int | None = Field(
        default=None, description="The step you were on; if the talk has moved on already, nothing changes."
    )


class PauseIn(Body):
    resume_at: AwareDatetime = Field(description="When you'll come back, with its time zone; still to come.")


class TopicOut(BaseModel):
    key: str
    number: int
    title: str
    prompt: str


class MemberOut(BaseModel):
    id: str
    name: str
    seconds: int = Field(description="How long they have spoken in this talk.")

    @classmethod
    def of(cls, member: Member) -> MemberOut:
        return cls(id=member.id, name=member.name, seconds=member.seconds)


class TalkOut(BaseModel):
    id: str
    pair_id: str
    started_at: datetime
    step: int = Field(description="Where the two are in the agenda: 0 to 4, or 5 once every topic is done.")
    topics: list[str]
    topic: TopicOut | None
    balance: list[MemberOut]
    speaker_id: str | None = Field(description="Who is speaking, or speaks next.")
    listener_id: str | None
    speaking_since: datetime | None = Field(description="When the running turn began; null when nobody speaks.")
    spoken: list[str] = Field(description="Who has spoken on the current topic.")
    notes: list[NoteOut]
    last_support: list[NoteOut] = Field(description="What each asked for in the pair's talk before this one.")
    paused_at: datetime | None
    resume_at: datetime | None
    ended_at: datetime | None

    @classmethod
    def of(cls, view: TalkView, topics: tuple[str, ...]) -> TalkOut:
        shown = view.topic
        return cls(
            id=view.id,
            pair_id=view.pair_id,
            started_at=view.started_at,
            step=view.step,
            topics=list(topics),
            topic=TopicOut(key=shown.key, number=shown.number, title=shown.title, prompt=shown.prompt)
            if shown
            else None,
            balance=[MemberOut.of(m) for m in view.members],
            speaker_id=view.speaker.id if view.speaker else None,
            listener_id=view.listener.id if view.listener else None,
            speaking_since=view.speaking_since,
            spoken=list(view.spoken),
            notes=[NoteOut.of(n) for n in view.notes],
            last_support=[NoteOut.of(n) for n in view.last_support],
            paused_at=view.paused_at,
            resume_at=view.resume_at,
            ended_at=view.ended_at,
        )


class WeeklyOut(BaseModel):
    plan: PlanOut | None = Field(description="The pair's weekly time; null until one is set.")
    open_talk_id: str | None = Field(description="The talk under way (or paused), if any.")
    last_support: list[NoteOut] = Field(description="What each asked for in the pair's last finished talk.")
