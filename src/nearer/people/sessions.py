"""Signed-in browsers and API tokens. A token is random; only its SHA-256 is stored."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nearer.errors import NotSignedIn
from nearer.people.tokens import digest
from nearer.store.models import AuthSession, Person

BROWSER = "browser"
API = "api"


def start_session(session: Session, person: Person, *, kind: str, now: datetime, lifetime: timedelta) -> str:
    """Start a session and return its token, which is shown once and never stored.

    The person's expired sessions are cleared out here, where a write is happening anyway.
    """
    session.execute(delete(AuthSession).where(AuthSession.person_id == person.id, AuthSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(
        AuthSession(token_hash=digest(token), person_id=person.id, kind=kind, created_at=now, expires_at=now + lifetime)
    )
    return token


def person_for_token(session: Session, token: str, *, kind: str, now: datetime) -> Person:
    """The person a token belongs to. Raises ``NotSignedIn`` for an unknown, ended or expired token."""
    if not token:
        raise NotSignedIn()
    row = session.scalar(select(AuthSession).where(AuthSession.token_hash == digest(token), AuthSession.kind == kind))
    if row is None:
        raise NotSignedIn()
    if row.expires_at <= now:
        raise NotSignedIn("Your session has ended. Please sign in again.")
    person = session.get(Person, row.person_id)
    if person is None:
        raise NotSignedIn()
    return person


def end_session(session: Session, token: str) -> None:
    """Sign out: the token stops working at once."""
    session.execute(delete(AuthSession).where(AuthSession.token_hash == digest(token)))


def end_all_sessions(session: Session, person: Person, *, keep: str | None = None) -> None:
    """Sign a person out everywhere, except the session ``keep`` (an API token after a password change)."""
    query = delete(AuthSession).where(AuthSession.person_id == person.id)
    if keep is not None:
        query = query.where(AuthSession.token_hash != digest(keep))
    session.execute(query)
