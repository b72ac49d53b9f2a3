"""The tables. Nothing here is SQLite-only, so PostgreSQL can follow."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from nearer.store.types import UTCDateTime


def new_id() -> str:
    """A random, unguessable id: ids appear in URLs, and counting ones would leak how many exist."""
    return secrets.token_hex(12)


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class Pair(Base):
    """Two people who practise closeness together: partners, friends or family."""

    __tablename__ = "pairs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the second person joined. Set once; a pair that has been complete never takes a newcomer.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="pair", cascade="all, delete-orphan", passive_deletes=True, order_by="Membership.joined_at"
    )


class Membership(Base):
    __tablename__ = "memberships"

    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())

    pair: Mapped[Pair] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships")


class Invite(Base):
    """A one-use code that lets a second person join a pair. Only its hash is kept."""

    __tablename__ = "invites"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    used_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), default=None)


class AuthSession(Base):
    """A signed-in browser or an API token. Only the token's hash is kept; signing out deletes the row."""

    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SignInFailure(Base):
    """One failed sign-in, kept a short while so repeated guessing can be slowed down."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_email_at", "email", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class SavedReport(Base):
    """A closeness report made from a chat export. Private to the person who made it until they share it
    with the pair; the export itself is never kept, only what the report shows."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    source_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    summary: Mapped[str] = mapped_column(Text)  # the JSON summary (docs/summary-schema.md)
    page: Mapped[str] = mapped_column(Text)  # the self-contained HTML report


# Practising closeness together: question sessions, the question of the day, favourites, the weekly
# conversation and appreciation notes. Everything here belongs to a pair and goes with it.


class QuestionSession(Base):
    """A together session: two people on one screen, taking turns with questions that go a little deeper."""

    __tablename__ = "question_sessions"
    # One open session per pair, even when both tap Start at the same moment.
    __table_args__ = (
        Index(
            "uq_question_sessions_open",
            "pair_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    started_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), default=None)
    theme: Mapped[str | None] = mapped_column(String(16), default=None)  # None: every theme
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    asked: Mapped[list[AskedQuestion]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True, order_by="AskedQuestion.position"
    )


class AskedQuestion(Base):
    """One question of a together session, and who reads and answers it first."""

    __tablename__ = "asked_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("question_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    first_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), default=None)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())

    session: Mapped[QuestionSession] = relationship(back_populates="asked")
    turns: Mapped[list[SessionTurn]] = relationship(
        back_populates="asked", cascade="all, delete-orphan", passive_deletes=True, order_by="SessionTurn.at"
    )


class SessionTurn(Base):
    """How one person met a question in a together session: answered it, or passed."""

    __tablename__ = "session_turns"

    asked_id: Mapped[int] = mapped_column(ForeignKey("asked_questions.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))  # "answered" or "passed"
    at: Mapped[datetime] = mapped_column(UTCDateTime())

    asked: Mapped[AskedQuestion] = relationship(back_populates="turns")


class DailyQuestion(Base):
    """The pair's question of the day, answered apart, each on their own device."""

    __tablename__ = "daily_questions"
    __table_args__ = (UniqueConstraint("pair_id", "day", name="uq_daily_questions_pair_day"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    day: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD
    question_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    answers: Mapped[list[DailyAnswer]] = relationship(
        back_populates="daily", cascade="all, delete-orphan", passive_deletes=True, order_by="DailyAnswer.answered_at"
    )


class DailyAnswer(Base):
    """One person's answer to a question of the day. Hidden from the other until both have answered."""

    __tablename__ = "daily_answers"
    __table_args__ = (UniqueConstraint("daily_id", "person_id", name="uq_daily_answers_daily_person"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    daily_id: Mapped[str] = mapped_column(ForeignKey("daily_questions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())

    daily: Mapped[DailyQuestion] = relationship(back_populates="answers")
    replies: Mapped[list[AnswerReply]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", passive_deletes=True, order_by="AnswerReply.created_at"
    )


class AnswerReply(Base):
    """A gentle reaction, and perhaps a few words, to the other person's revealed answer."""

    __tablename__ = "answer_replies"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    answer_id: Mapped[str] = mapped_column(ForeignKey("daily_answers.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    reaction: Mapped[str | None] = mapped_column(String(16), default=None)
    text: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    answer: Mapped[DailyAnswer] = relationship(back_populates="replies")


class FavouriteQuestion(Base):
    """A question one person marked to come back to, within a pair."""

    __tablename__ = "favourite_questions"

    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WeeklyPlan(Base):
    """When a pair means to have their weekly conversation (local time), for the calendar file."""

    __tablename__ = "weekly_plans"

    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 Monday ... 6 Sunday
    time: Mapped[str] = mapped_column(String(5))  # HH:MM
    minutes: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WeeklyTalk(Base):
    """One weekly conversation ("our week"): a guided agenda the two go through together."""

    __tablename__ = "weekly_talks"
    # One open talk per pair, even when both press Start at the same moment.
    __table_args__ = (
        Index(
            "uq_weekly_talks_open",
            "pair_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    step: Mapped[int] = mapped_column(Integer, default=0)  # where they are in the agenda
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resume_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)  # when they agreed to come back
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class TalkNote(Base):
    """What one person said on one topic of a weekly conversation, as they chose to note it."""

    __tablename__ = "talk_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    talk_id: Mapped[str] = mapped_column(ForeignKey("weekly_talks.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SpeakingTurn(Base):
    """One stretch of speaking in a weekly conversation, for the balance of who has spoken how long."""

    __tablename__ = "speaking_turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    talk_id: Mapped[str] = mapped_column(ForeignKey("weekly_talks.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(24))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seconds: Mapped[int | None] = mapped_column(Integer, default=None)  # None while the turn is still going
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Appreciation(Base):
    """A note of thanks to the other person, with what it meant ("because"). Seen by both of the pair."""

    __tablename__ = "appreciations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    because: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


# Knowing where the two stand: check-ins, needs for closeness, moments of connection, time planned
# together, the private journal, intentions, and coach drafts a person chose to keep.


class CheckIn(Base):
    """One person's answers to the check-in on the signs of closeness. Theirs alone until they share it."""

    __tablename__ = "check_ins"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    answers: Mapped[list[CheckInAnswer]] = relationship(
        back_populates="check_in", cascade="all, delete-orphan", passive_deletes=True
    )


class CheckInAnswer(Base):
    """The answer to one item of a check-in, on the scale (1 to 5)."""

    __tablename__ = "check_in_answers"

    check_in_id: Mapped[str] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)

    check_in: Mapped[CheckIn] = relationship(back_populates="answers")


class ClosenessRating(Base):
    """How much closeness a person needs right now and how close they feel (1 to 5), once a day.
    The two numbers are the pair's to see; the note is the writer's alone."""

    __tablename__ = "closeness_ratings"
    __table_args__ = (UniqueConstraint("pair_id", "person_id", "day", name="uq_closeness_ratings_day"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    day: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD
    need: Mapped[int] = mapped_column(Integer)
    feel: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text, default=None)  # private to the person who wrote it
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Moment(Base):
    """A moment one of the two felt close: when, doing what, where, and whether devices were away."""

    __tablename__ = "moments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    activity: Mapped[str] = mapped_column(String(32))  # one of a fixed list, for finding patterns
    place: Mapped[str] = mapped_column(String(32))  # home, outdoors, out (café, restaurant...), travelling, apart
    company: Mapped[str] = mapped_column(String(16))  # "just us" or "with others"
    devices_away: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlannedTime(Base):
    """Quality time the two planned together, with devices away, and whether it happened."""

    __tablename__ = "planned_times"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), default=None)
    planned_for: Mapped[datetime] = mapped_column(UTCDateTime())
    what: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class JournalEntry(Base):
    """A private journal entry. Its writer's alone, always: never shown to anyone else, in no shared view."""

    __tablename__ = "journal_entries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[str | None] = mapped_column(String(32), default=None)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Intention(Base):
    """What one person means to bring to a relationship, in their own words; shown back to them alone."""

    __tablename__ = "intentions"

    pair_id: Mapped[str] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SavedDraft(Base):
    """A reply drafted in the coach box that its writer chose to keep. Nothing typed there is kept otherwise."""

    __tablename__ = "saved_drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # A kept draft stays its writer's when the pair it was written in is gone.
    pair_id: Mapped[str | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"), default=None, index=True)
    their_message: Mapped[str] = mapped_column(Text)
    draft: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


__all__ = [
    "AnswerReply",
    "Appreciation",
    "AskedQuestion",
    "AuthSession",
    "Base",
    "CheckIn",
    "CheckInAnswer",
    "ClosenessRating",
    "DailyAnswer",
    "DailyQuestion",
    "FavouriteQuestion",
    "Intention",
    "Invite",
    "JournalEntry",
    "Membership",
    "Moment",
    "Pair",
    "Person",
    "PlannedTime",
    "QuestionSession",
    "SavedDraft",
    "SavedReport",
    "SessionTurn",
    "SignInFailure",
    "SpeakingTurn",
    "TalkNote",
    "WeeklyPlan",
    "WeeklyTalk",
]
