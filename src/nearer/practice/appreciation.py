"""Appreciation notes: telling the other person what they did and what it meant ("because").

A note belongs to the pair: both of its people read every note written there, and nobody else
can (they get NotFound, exactly as for a pair that doesn't exist). Only its author may delete one.
The person a note is for sees it marked new until they have opened the notes; the author opening
them changes nothing. Writing takes both people, so a pair still waiting for its second person,
or one that someone has left, can be read but not written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from nearer.errors import InvalidInput, NotFound
from nearer.people import pairs
from nearer.store.models import Appreciation, Membership, Pair, Person

MOST_CHARACTERS = 1000
RECENT = timedelta(days=30)
WEEKS = 12
# After this long without writing one, the home page suggests it.
SUGGEST_AFTER = timedelta(days=7)
NO_SUCH_NOTE = "We couldn't find that appreciation. It may have been deleted."

_LEADING_BECAUSE = re.compile(r"^\s*(because|since|as)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    """One appreciation as one person of the pair sees it."""

    id: str
    pair_id: str
    author_id: str
    author_name: str
    recipient_name: str
    text: str
    because: str
    created_at: datetime
    seen_at: datetime | None
    mine: bool  # the viewer wrote it
    new: bool  # written to the viewer, and unseen until this reading


@dataclass(frozen=True)
class Writer:
    """How often one person of the pair has written appreciations."""

    person_id: str
    name: str
    me: bool
    last_30_days: int
    overall: int
    per_week: tuple[int, ...]  # oldest week first, the last one ending now
    last_written_at: datetime | None


@dataclass(frozen=True)
class Rhythm:
    """How often each of the two writes, over the weeks that ``week_starts`` begin."""

    writers: tuple[Writer, ...]  # the viewer first
    week_starts: tuple[datetime, ...]
    unseen: int  # notes to the viewer they haven't opened yet


@dataclass(frozen=True)
class Suggestion:
    """A nudge for the home page: it has been a while (or never) since the person wrote to this pair."""

    pair_id: str
    kind: str
    other_name: str
    other_word: str
    last_written_at: datetime | None
    days_since: int | None


def _comparable(words: str) -> str:
    return "".join(ch for ch in _LEADING_BECAUSE.sub("", words).casefold() if ch.isalnum())


def _too_long(what: str, words: str) -> str:
    return f"{what} is a little long: please keep it to {MOST_CHARACTERS:,} characters (it's {len(words):,} now)."


def clean_note(text: str, because: str, kind: str = "partners") -> tuple[str, str]:
    """The two fields, trimmed, or InvalidInput naming the field to fix.

    >>> clean_note(" You made soup. ", "I felt cared for.")
    ('You made soup.', 'I felt cared for.')
    """
    word = pairs.OTHER_PERSON_WORD.get(kind, "partner")
    text, because = text.strip(), because.strip()
    if not any(ch.isalnum() for ch in text):
        raise InvalidInput(f"Write what your {word} did, in a few words.", field="text")
    if len(text) > MOST_CHARACTERS:
        raise InvalidInput(_too_long("What they did", text), field="text")
    if not any(ch.isalnum() for ch in because):
        raise InvalidInput(
            f"Add what it meant to you. The 'because' is the part that helps your {word} feel seen.", field="because"
        )
    if len(because) > MOST_CHARACTERS:
        raise InvalidInput(_too_long("What it meant", because), field="because")
    if _comparable(because) == _comparable(text):
        raise InvalidInput(
            "The 'because' says the same as what they did. Say what it meant to you: how it made you feel, "
            "or why it mattered.",
            field="because",
        )
    return text, because


def write(session: Session, pair_id: str, author: Person, *, text: str, because: str, now: datetime) -> Appreciation:
    """Write an appreciation to the other person of the pair. Takes both people (Conflict otherwise)."""
    pair = pairs.complete_pair_for_member(session, pair_id, author)
    text, because = clean_note(text, because, pair.kind)
    note = Appreciation(pair_id=pair.id, author_id=author.id, text=text, because=because, created_at=now)
    session.add(note)
    session.flush()
    return note


def _names(session: Session, pair: Pair, notes: list[Appreciation]) -> dict[str, str]:
    """Everyone a note of the pair may name: its people now, and authors who have since left."""
    names = {m.person_id: m.person.name for m in pair.memberships}
    missing = {n.author_id for n in notes} - set(names)
    if missing:
        names.update(
            (pid, name) for pid, name in session.execute(select(Person.id, Person.name).where(Person.id.in_(missing)))
        )
    return names


def _note(note: Appreciation, viewer: Person, names: dict[str, str], word: str, *, new: bool) -> Note:
    someone = f"your {word}"  # a person who has left the pair and whose name no note carries
    others = [name for pid, name in names.items() if pid != viewer.id]
    author = names.get(note.author_id, someone)
    recipient = next(iter(others), someone) if note.author_id == viewer.id else viewer.name
    return Note(
        id=note.id,
        pair_id=note.pair_id,
        author_id=note.author_id,
        author_name=author,
        recipient_name=recipient,
        text=note.text,
        because=note.because,
        created_at=note.created_at,
        seen_at=note.seen_at,
        mine=note.author_id == viewer.id,
        new=new,
    )


def _pair_notes(session: Session, pair_id: str) -> list[Appreciation]:
    query = (
        select(Appreciation)
        .where(Appreciation.pair_id == pair_id)
        .order_by(Appreciation.created_at.desc(), Appreciation.id)
    )
    return list(session.scalars(query))


def read_notes(session: Session, pair_id: str, viewer: Person, *, now: datetime) -> list[Note]:
    """Every note of the pair, newest first. Notes to the viewer that they hadn't seen come back with
    ``new`` set, once: reading them marks them seen."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    notes = _pair_notes(session, pair.id)
    names = _names(session, pair, notes)
    word = pairs.OTHER_PERSON_WORD[pair.kind]
    unseen = {n.id for n in notes if n.author_id != viewer.id and n.seen_at is None}
    for note in notes:
        if note.id in unseen:
            note.seen_at = now
    return [_note(n, viewer, names, word, new=n.id in unseen) for n in notes]


def _visible(session: Session, note_id: str, viewer: Person) -> Appreciation:
    note = session.get(Appreciation, note_id)
    if note is None or session.get(Membership, (note.pair_id, viewer.id)) is None:
        raise NotFound(NO_SUCH_NOTE)
    return note


def read_note(session: Session, note_id: str, viewer: Person, *, now: datetime) -> Note:
    """One note, for either person of its pair; the person it was written to has now seen it."""
    note = _visible(session, note_id, viewer)
    pair = pairs.pair_for_member(session, note.pair_id, viewer)
    new = note.author_id != viewer.id and note.seen_at is None
    if new:
        note.seen_at = now
    return _note(note, viewer, _names(session, pair, [note]), pairs.OTHER_PERSON_WORD[pair.kind], new=new)


def delete(session: Session, note_id: str, author: Person) -> str:
    """Delete a note its author wrote; answers its pair's id. To anyone else, the note does not exist."""
    note = _visible(session, note_id, author)
    if note.author_id != author.id:
        raise NotFound(NO_SUCH_NOTE)
    pair_id = note.pair_id
    session.delete(note)
    session.flush()
    return pair_id


def rhythm(session: Session, pair_id: str, viewer: Person, *, now: datetime) -> Rhythm:
    """How often each of the two has written: the last 30 days, overall, and per week for 12 weeks.

    Reading it marks nothing seen."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    notes = _pair_notes(session, pair.id)
    names = _names(session, pair, notes)
    people = [viewer.id] + [pid for pid in names if pid != viewer.id]
    first = now - WEEKS * timedelta(days=7)
    week_starts = tuple(first + k * timedelta(days=7) for k in range(WEEKS))
    writers = []
    for pid in people:
        theirs = [n for n in notes if n.author_id == pid]
        per_week = [0] * WEEKS
        for n in theirs:
            if first <= n.created_at <= now:
                per_week[min(int((n.created_at - first) / timedelta(days=7)), WEEKS - 1)] += 1
        writers.append(
            Writer(
                person_id=pid,
                name=names[pid],
                me=pid == viewer.id,
                last_30_days=sum(1 for n in theirs if n.created_at > now - RECENT),
                overall=len(theirs),
                per_week=tuple(per_week),
                last_written_at=theirs[0].created_at if theirs else None,
            )
        )
    unseen = sum(1 for n in notes if n.author_id != viewer.id and n.seen_at is None)
    return Rhythm(writers=tuple(writers), week_starts=week_starts, unseen=unseen)


def unseen_counts(session: Session, person: Person) -> dict[str, int]:
    """For each of the person's pairs with notes to them they haven't opened yet: how many."""
    query = (
        select(Appreciation.pair_id, func.count())
        .join(Membership, and_(Membership.pair_id == Appreciation.pair_id, Membership.person_id == person.id))
        .where(Appreciation.author_id != person.id, Appreciation.seen_at.is_(None))
        .group_by(Appreciation.pair_id)
    )
    return {pair_id: count for pair_id, count in session.execute(query)}


def suggestions(session: Session, person: Person, *, now: datetime) -> list[Suggestion]:
    """The person's complete pairs where they haven't written an appreciation for a week or more, or ever."""
    latest = (
        select(Appreciation.pair_id, func.max(Appreciation.created_at))
        .where(Appreciation.author_id == person.id)
        .group_by(Appreciation.pair_id)
    )
    last_by_pair = {pair_id: last for pair_id, last in session.execute(latest)}
    found = []
    for pair in pairs.pairs_of(session, person):
        others = pairs.other_members(pair, person)
        if not pairs.is_complete(pair) or not others:
            continue
        last = last_by_pair.get(pair.id)
        if last is not None and now - last < SUGGEST_AFTER:
            continue
        found.append(
            Suggestion(
                pair_id=pair.id,
                kind=pair.kind,
                other_name=others[0].name,
                other_word=pairs.OTHER_PERSON_WORD[pair.kind],
                last_written_at=last,
                days_since=None if last is None else (now - last).days,
            )
        )
    return found


def export_for(session: Session, person: Person) -> list[dict[str, Any]]:
    """The notes the person wrote, and those written to them in their pairs, for their data export.

    Of the other person it holds only their name, which the person already sees on every note."""
    member_of = select(Membership.pair_id).where(Membership.person_id == person.id)
    query = (
        select(Appreciation, Person.name)
        .join(Person, Person.id == Appreciation.author_id)
        .where(or_(Appreciation.author_id == person.id, Appreciation.pair_id.in_(member_of)))
        .order_by(Appreciation.created_at, Appreciation.id)
    )
    exported = []
    for note, author_name in session.execute(query):
        wrote = note.author_id == person.id
        exported.append(
            {
                "id": note.id,
                "pair_id": note.pair_id,
                "direction": "written" if wrote else "received",
                "from": person.name if wrote else author_name,
                "text": note.text,
                "because": note.because,
                "created_at": note.created_at.isoformat(),
                "seen_at": note.seen_at.isoformat() if note.seen_at else None,
            }
        )
    return exported
