"""How a weekly conversation looks to the two people in it: where they are in the agenda, who speaks,
how long each has spoken, and the notes. Built by ``weekly``, which checks who may see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.practice.weekly_agenda import TOPICS, Topic, topic
from nearer.practice.weekly_turns import (
    MOST_SECONDS,
    members_in_order,
    next_speaker,
    running_turn,
    spoken_seconds,
    turns_of,
)
from nearer.store.models import Pair, Person, TalkNote, WeeklyTalk


@dataclass(frozen=True)
class Member:
    """One of the two, and how long they have spoken in this talk (a running turn included)."""

    id: str
    name: str
    seconds: int


@dataclass(frozen=True)
class Note:
    """A note saved in a talk: whose words they are, and on which topic."""

    id: str
    talk_id: str
    topic: str
    person_id: str
    person_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class TalkView:
    """Where a talk stands, as both people see it."""

    id: str
    pair_id: str
    kind: str
    started_at: datetime
    step: int
    topic: Topic | None  # None once every topic is done
    members: tuple[Member, ...]
    speaker: Member | None  # who is speaking, or speaks next
    listener: Member | None
    speaking_since: datetime | None  # set while a turn runs
    spoken: tuple[str, ...]  # the ids of those who have spoken on the current topic
    notes: tuple[Note, ...]
    last_support: tuple[Note, ...]  # what each asked for in the pair's talk before this one
    paused_at: datetime | None
    resume_at: datetime | None
    ended_at: datetime | None
    version: str  # changes whenever anything the two see changes, so the other screen can follow

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None and self.ended_at is None

    @property
    def speaking(self) -> bool:
        return self.speaking_since is not None

    @property
    def both_spoken(self) -> bool:
        return len(self.members) > 1 and all(m.id in self.spoken for m in self.members)

    @property
    def total_seconds(self) -> int:
        return sum(m.seconds for m in self.members)

    def running_seconds(self, now: datetime) -> int:
        """How long the running turn has gone on (0 when nobody is speaking)."""
        if self.speaking_since is None:
            return 0
        return max(0, min(MOST_SECONDS, int((now - self.speaking_since).total_seconds())))

    def notes_on(self, key: str) -> list[Note]:
        return [n for n in self.notes if n.topic == key]


def names_of(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())


def notes_of(session: Session, talk: WeeklyTalk, topic_key: str | None = None) -> list[TalkNote]:
    query = select(TalkNote).where(TalkNote.talk_id == talk.id)
    if topic_key is not None:
        query = query.where(TalkNote.topic == topic_key)
    return list(session.scalars(query.order_by(TalkNote.created_at, TalkNote.id)))


def note_value(note: TalkNote, names: dict[str, str]) -> Note:
    name = names.get(note.person_id, "someone")
    return Note(note.id, note.talk_id, note.topic, note.person_id, name, note.text, note.created_at)


def support_before(session: Session, pair_id: str, before: datetime | None) -> tuple[Note, ...]:
    """The "how can I support you?" notes of the pair's last finished talk (started before ``before``)."""
    query = select(WeeklyTalk).where(WeeklyTalk.pair_id == pair_id, WeeklyTalk.ended_at.is_not(None))
    if before is not None:
        query = query.where(WeeklyTalk.started_at < before)
    last = session.scalars(query.order_by(WeeklyTalk.started_at.desc(), WeeklyTalk.id.desc())).first()
    if last is None:
        return ()
    notes = notes_of(session, last, "support")
    names = names_of(session, {n.person_id for n in notes})
    return tuple(note_value(n, names) for n in notes)


def build_view(session: Session, talk: WeeklyTalk, pair: Pair, now: datetime) -> TalkView:
    turns, notes = turns_of(session, talk), notes_of(session, talk)
    running = None if talk.ended_at else running_turn(turns)
    member_ids = members_in_order(pair)
    # Someone who has left the pair keeps their share of the balance in talks they were part of.
    spent = dict.fromkeys([*member_ids, *(t.person_id for t in turns)], 0)
    for turn in turns:
        spent[turn.person_id] += spoken_seconds(turn, now)
    names = names_of(session, set(spent) | {n.person_id for n in notes})
    members = tuple(Member(i, names.get(i, "someone"), seconds) for i, seconds in spent.items())
    speaker_id = None if talk.ended_at else next_speaker(session, talk, pair, turns)
    speaker = next((m for m in members if m.id == speaker_id), None)
    listener = next((m for m in members if speaker and m.id != speaker.id and m.id in member_ids), None)
    current = TOPICS[talk.step] if talk.step < len(TOPICS) else None
    resume = talk.resume_at.timestamp() if talk.resume_at else "-"
    stamp = (talk.step, len(turns), running.id if running else "-", len(notes), resume, talk.ended_at is not None)
    return TalkView(
        id=talk.id,
        pair_id=talk.pair_id,
        kind=pair.kind,
        started_at=talk.started_at,
        step=talk.step,
        topic=topic(current, pair.kind, listener.name if listener else "them") if current else None,
        members=members,
        speaker=speaker,
        listener=listener,
        speaking_since=running.started_at if running else None,
        spoken=tuple(dict.fromkeys(t.person_id for t in turns if t.topic == current)),
        notes=tuple(note_value(n, names) for n in notes),
        last_support=support_before(session, talk.pair_id, talk.started_at),
        paused_at=talk.paused_at,
        resume_at=talk.resume_at,
        ended_at=talk.ended_at,
        version="-".join(str(part) for part in stamp) + ("-paused" if talk.paused_at else ""),
    )
