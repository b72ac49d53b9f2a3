"""The weekly conversation, "our week": a guided agenda two people go through together, on one screen
or side by side, taking turns to speak and to listen.

The rules, all here so the pages and the API share them:

- A pair has at most one open talk: starting one while another is open gives the open one.
- One topic at a time, in the order of ``weekly_agenda.TOPICS``; ``step`` is the topic's index, and
  ``step == len(TOPICS)`` means every topic is done and only ending the talk is left.
- On each topic each person speaks in turn while the other listens; who goes first alternates from
  topic to topic and from week to week, and after a turn the listener speaks next.
- A speaking turn is timed by the server, so both devices show the same timer (``weekly_turns``):
  at most 30 minutes a turn, so a forgotten one doesn't skew the balance.
- Pausing asks for a time to come back, which must be in the future. Turns and the next topic wait
  until the two resume; notes can still be saved.
- Everything in a talk is seen by both people of the pair, and by nobody else: to anyone else every
  talk answers NotFound, exactly as one that doesn't exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people.pairs import complete_pair_for_member, pair_for_member
from nearer.practice.weekly_agenda import TOPICS
from nearer.practice.weekly_turns import finish_running, next_speaker, running_turn, turns_of
from nearer.practice.weekly_view import Member, Note, TalkView, build_view, support_before
from nearer.store.models import Pair, Person, SpeakingTurn, TalkNote, WeeklyTalk

NO_SUCH_TALK = "We couldn't find that talk. It may belong to another pair."
MOST_NOTE_CHARACTERS = 5000
LONGEST_PAUSE = timedelta(days=60)


def talk_for(session: Session, talk_id: str, person: Person) -> WeeklyTalk:
    """The talk, for either person of its pair; NotFound for anyone else."""
    talk = session.get(WeeklyTalk, talk_id)
    if talk is None:
        raise NotFound(NO_SUCH_TALK)
    try:
        pair_for_member(session, talk.pair_id, person)
    except NotFound:
        raise NotFound(NO_SUCH_TALK) from None
    return talk


def _changeable(
    session: Session, talk_id: str, person: Person, *, while_paused: bool = False
) -> tuple[WeeklyTalk, Pair]:
    """The talk and its pair, for a change: both people still there, the talk not ended (nor paused)."""
    talk = talk_for(session, talk_id, person)
    pair = complete_pair_for_member(session, talk.pair_id, person)
    if talk.ended_at is not None:
        raise Conflict("This talk has ended. You can start a new one from Our week.")
    if talk.paused_at is not None and not while_paused:
        raise Conflict("This talk is paused. Resume it first, when you're both ready.")
    return talk, pair


def _open_talk(session: Session, pair_id: str) -> WeeklyTalk | None:
    query = (
        select(WeeklyTalk)
        .where(WeeklyTalk.pair_id == pair_id, WeeklyTalk.ended_at.is_(None))
        .order_by(WeeklyTalk.started_at, WeeklyTalk.id)
    )
    return session.scalars(query).first()


def open_talk(session: Session, pair_id: str, person: Person) -> WeeklyTalk | None:
    """The pair's talk that hasn't ended (paused or not), if there is one."""
    return _open_talk(session, pair_for_member(session, pair_id, person).id)


def start_talk(session: Session, pair_id: str, person: Person, *, now: datetime) -> tuple[WeeklyTalk, bool]:
    """Start this week's talk, or give the one already open; the flag says whether it is new."""
    pair = complete_pair_for_member(session, pair_id, person)
    existing = _open_talk(session, pair.id)
    if existing is not None:
        return existing, False
    talk = WeeklyTalk(pair_id=pair.id, started_at=now, step=0)
    try:
        with session.begin_nested():  # the other person may press Start at the same moment
            session.add(talk)
    except IntegrityError:
        started = _open_talk(session, pair.id)
        if started is None:
            raise
        return started, False
    return talk, True


def start_turn(
    session: Session, talk_id: str, person: Person, *, now: datetime, speaker_id: str | None = None
) -> SpeakingTurn:
    """Start a speaking turn on the current topic: by whoever's turn it is, or by ``speaker_id``.

    Pressing start again for the person already speaking changes nothing (a double click)."""
    talk, pair = _changeable(session, talk_id, person)
    if talk.step >= len(TOPICS):
        raise Conflict("You've been through every topic. End the talk when you're ready.")
    turns = turns_of(session, talk)
    speaker = speaker_id or next_speaker(session, talk, pair, turns)
    if speaker not in {m.person_id for m in pair.memberships}:
        raise InvalidInput("Only the two of you can take a turn to speak.", field="speaker_id")
    running = running_turn(turns)
    if running is not None:
        if running.person_id == speaker:
            return running
        name = next(m.person.name for m in pair.memberships if m.person_id == running.person_id)
        raise Conflict(f"{name} is still speaking. End their turn first.")
    turn = SpeakingTurn(talk_id=talk.id, person_id=speaker, topic=TOPICS[talk.step], started_at=now)
    session.add(turn)
    session.flush()
    return turn


def end_turn(session: Session, talk_id: str, person: Person, *, now: datetime) -> SpeakingTurn | None:
    """End the running turn and record how long it lasted. With nobody speaking it changes nothing."""
    talk, _ = _changeable(session, talk_id, person, while_paused=True)
    return finish_running(session, talk, now)


def next_topic(session: Session, talk_id: str, person: Person, *, now: datetime, from_step: int | None = None) -> int:
    """Go on to the next topic and answer the new step. A running turn ends first.

    ``from_step`` is the step the person was looking at: when the talk has already moved on from it
    (both pressed Next at once, or a double click), nothing changes, so no topic is skipped."""
    talk, _ = _changeable(session, talk_id, person)
    if from_step is not None and from_step != talk.step:
        return talk.step
    if talk.step >= len(TOPICS):
        raise Conflict("That was the last topic. End the talk when you're ready.")
    finish_running(session, talk, now)
    talk.step += 1
    session.flush()
    return talk.step


def clean_note(text: str) -> str:
    words = (text or "").strip()
    if not words:
        raise InvalidInput("Write a few words for the note first.", field="text")
    if len(words) > MOST_NOTE_CHARACTERS:
        raise InvalidInput(
            f"A note can be at most {MOST_NOTE_CHARACTERS:,} characters; this one has {len(words):,}.", field="text"
        )
    return words


def add_note(
    session: Session,
    talk_id: str,
    person: Person,
    *,
    topic_key: str,
    text: str,
    now: datetime,
    words_of: str | None = None,
) -> TalkNote:
    """Save a note on a topic the two have reached. ``words_of`` is whose words they are (on one
    screen, one person may write down what the other said); it defaults to the person saving it."""
    talk, pair = _changeable(session, talk_id, person, while_paused=True)
    if topic_key not in TOPICS:
        raise InvalidInput(f"There's no topic {topic_key!r}; the topics are {', '.join(TOPICS)}.", field="topic")
    if TOPICS.index(topic_key) > talk.step:
        raise InvalidInput("You haven't reached that topic yet: one topic at a time.", field="topic")
    whose = words_of or person.id
    if whose not in {m.person_id for m in pair.memberships}:
        raise InvalidInput("A note can only hold the words of one of you two.", field="person_id")
    note = TalkNote(talk_id=talk.id, person_id=whose, topic=topic_key, text=clean_note(text), created_at=now)
    session.add(note)
    session.flush()
    return note


def pause_talk(session: Session, talk_id: str, person: Person, *, resume_at: datetime, now: datetime) -> WeeklyTalk:
    """Pause, agreeing when to come back; a running turn ends. Pausing again changes the time."""
    talk, _ = _changeable(session, talk_id, person, while_paused=True)
    if resume_at.tzinfo is None:
        raise InvalidInput("Give the time to come back with its time zone.", field="resume_at")
    if resume_at <= now:
        raise InvalidInput("Choose a time to come back that is still to come.", field="resume_at")
    if resume_at > now + LONGEST_PAUSE:
        raise InvalidInput("Choose a time to come back within the next two months.", field="resume_at")
    finish_running(session, talk, now)
    talk.paused_at, talk.resume_at = talk.paused_at or now, resume_at
    session.flush()
    return talk


def resume_talk(session: Session, talk_id: str, person: Person, *, now: datetime) -> WeeklyTalk:
    """Carry on where the two left off. Resuming a talk that isn't paused changes nothing."""
    talk, _ = _changeable(session, talk_id, person, while_paused=True)
    talk.paused_at = talk.resume_at = None
    session.flush()
    return talk


def end_talk(session: Session, talk_id: str, person: Person, *, now: datetime) -> WeeklyTalk:
    """End the talk (a running turn ends too). Ending it again changes nothing."""
    talk = talk_for(session, talk_id, person)
    pair_for_member(session, talk.pair_id, person)
    if talk.ended_at is None:
        finish_running(session, talk, now)
        talk.ended_at, talk.paused_at, talk.resume_at = now, None, None
        session.flush()
    return talk


def last_support(session: Session, pair_id: str, person: Person) -> tuple[Note, ...]:
    """What each asked the other for ("how can I support you?") in the pair's last finished talk."""
    return support_before(session, pair_for_member(session, pair_id, person).id, None)


def view_talk(session: Session, talk_id: str, person: Person, *, now: datetime) -> TalkView:
    """The talk as both people see it; NotFound for anyone outside the pair."""
    talk = talk_for(session, talk_id, person)
    return build_view(session, talk, pair_for_member(session, talk.pair_id, person), now)


def past_talks(session: Session, pair_id: str, person: Person, *, now: datetime) -> list[TalkView]:
    """The pair's finished talks with their notes, newest first."""
    pair = pair_for_member(session, pair_id, person)
    query = (
        select(WeeklyTalk)
        .where(WeeklyTalk.pair_id == pair.id, WeeklyTalk.ended_at.is_not(None))
        .order_by(WeeklyTalk.started_at.desc(), WeeklyTalk.id.desc())
    )
    return [build_view(session, talk, pair, now) for talk in session.scalars(query)]


def export_for(session: Session, person: Person) -> list[dict[str, Any]]:
    """The notes that hold this person's words, for their data export."""
    query = (
        select(TalkNote, WeeklyTalk.pair_id)
        .join(WeeklyTalk, WeeklyTalk.id == TalkNote.talk_id)
        .where(TalkNote.person_id == person.id)
        .order_by(TalkNote.created_at, TalkNote.id)
    )
    return [
        {
            "id": note.id,
            "pair_id": pair_id,
            "talk_id": note.talk_id,
            "topic": note.topic,
            "text": note.text,
            "created_at": note.created_at.isoformat(),
        }
        for note, pair_id in session.execute(query)
    ]


__all__ = [
    "Member",
    "Note",
    "TalkView",
    "add_note",
    "end_talk",
    "end_turn",
    "export_for",
    "last_support",
    "next_topic",
    "open_talk",
    "past_talks",
    "pause_talk",
    "resume_talk",
    "start_talk",
    "start_turn",
    "talk_for",
    "view_talk",
]
