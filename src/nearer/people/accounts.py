"""Signing up, signing in (with a limit on failures), changing a password, and deleting an account."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound, TooManyAttempts, WrongCredentials
from nearer.people.pairs import delete_empty_pairs
from nearer.people.passwords import Passwords
from nearer.people.rules import check_new_password, clean_email, clean_name
from nearer.settings import SignInLimit
from nearer.store.models import Person, SignInFailure

DEFAULT_SIGN_IN_LIMIT = SignInLimit()


def sign_up(session: Session, *, name: str, email: str, password: str, passwords: Passwords, now: datetime) -> Person:
    """Create an account. Raises ``InvalidInput`` for a bad field and ``Conflict`` for a taken email."""
    person = Person(
        name=clean_name(name),
        email=clean_email(email),
        password_hash=passwords.hash(check_new_password(password)),
        created_at=now,
    )
    if session.scalar(select(Person.id).where(Person.email == person.email)) is not None:
        raise Conflict("There's already an account with that email. Try signing in instead.")
    session.add(person)
    try:
        session.flush()
    except IntegrityError as exc:  # two sign-ups for one email at the same moment
        raise Conflict("There's already an account with that email. Try signing in instead.") from exc
    return person


def sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    passwords: Passwords,
    now: datetime,
    client: str,
    limit: SignInLimit = DEFAULT_SIGN_IN_LIMIT,
) -> Person:
    """Check an email and password. Failures are recorded and, past the limit, refused for a while.

    A failure is committed before ``WrongCredentials`` is raised: the caller's unit of
    work will roll back, and a guess must still count.
    """
    email = email.strip().lower()
    if not email or not password:
        raise InvalidInput("Please enter your email and your password.", field="email" if not email else "password")
    # Reads and the slow hash check come first; the writes after them are quick, so a
    # sign-in never holds SQLite's write lock while Argon2 works.
    since = now - limit.window
    _refuse_if_over_limit(session, email=email, client=client, since=since, now=now, limit=limit)
    person = session.scalar(select(Person).where(Person.email == email))
    if person is None:
        passwords.spend_equal_time(password)  # so the answer's timing doesn't reveal who has an account
    ok = person is not None and passwords.matches(person.password_hash, password)
    session.execute(delete(SignInFailure).where(SignInFailure.at < since))
    if person is None or not ok:
        session.add(SignInFailure(email=email[:254], client=client[:64], at=now))
        session.commit()
        raise WrongCredentials()
    session.execute(delete(SignInFailure).where(SignInFailure.email == email))
    if passwords.needs_rehash(person.password_hash):
        person.password_hash = passwords.hash(password)
    return person


def _refuse_if_over_limit(
    session: Session, *, email: str, client: str, since: datetime, now: datetime, limit: SignInLimit
) -> None:
    for column, value, allowed in (
        (SignInFailure.email, email, limit.per_email),
        (SignInFailure.client, client, limit.per_client),
    ):
        count, oldest = session.execute(
            select(func.count(), func.min(SignInFailure.at)).where(column == value, SignInFailure.at >= since)
        ).one()
        if count >= allowed and oldest is not None:
            wait = (oldest + limit.window - now).total_seconds()
            raise TooManyAttempts(retry_after=max(1, math.ceil(wait)))


def get_person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("We couldn't find that account.")
    return person


def change_password(session: Session, person: Person, *, current: str, new: str, passwords: Passwords) -> None:
    if not passwords.matches(person.password_hash, current):
        raise InvalidInput("Your current password isn't right.", field="current_password")
    person.password_hash = passwords.hash(check_new_password(new, field="new_password"))


def delete_account(session: Session, person: Person, *, password: str, passwords: Passwords) -> None:
    """Delete a person and everything that is theirs; a pair they leave empty goes too.

    Sessions, memberships and invites go with the person through the foreign keys.
    """
    if not passwords.matches(person.password_hash, password):
        raise InvalidInput("That password isn't right, so nothing was deleted.", field="password")
    pair_ids = [m.pair_id for m in person.memberships]
    session.delete(person)
    session.flush()
    delete_empty_pairs(session, pair_ids)  # a pair with someone left stays theirs, closed to newcomers
