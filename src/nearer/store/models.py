"""The tables. Nothing here is SQLite-only, so PostgreSQL can follow."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
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


__all__ = ["AuthSession", "Base", "Invite", "Membership", "Pair", "Person", "SavedReport", "SignInFailure"]
