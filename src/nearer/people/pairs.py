"""Pairs: two people (partners, friends or family) and the one-use invites that bring the second in."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InviteUnusable, NotFound
from nearer.people.rules import INVITE_ALPHABET, INVITE_LENGTH, clean_invite_code, clean_pair_kind
from nearer.people.tokens import digest
from nearer.store.models import (
    CheckIn,
    ClosenessRating,
    DailyAnswer,
    DailyQuestion,
    Intention,
    Invite,
    Membership,
    Pair,
    Person,
    SavedReport,
)

PAIR_SIZE = 2
OTHER_PERSON_WORD = {"partners": "partner", "friends": "friend", "family": "family member"}
NO_SUCH_PAIR = "We couldn't find that pair. It may have been closed, or it isn't one of yours."
NO_SUCH_INVITE = "That invite code doesn't match an invite. Please check it with the person who sent it."


def create_pair(session: Session, creator: Person, *, kind: str, now: datetime) -> Pair:
    pair = Pair(kind=clean_pair_kind(kind), created_at=now)
    pair.memberships.append(Membership(person=creator, joined_at=now))
    session.add(pair)
    session.flush()
    return pair


def pairs_of(session: Session, person: Person) -> list[Pair]:
    """The pairs a person belongs to, oldest first."""
    query = (
        select(Pair)
        .join(Membership, Membership.pair_id == Pair.id)
        .where(Membership.person_id == person.id)
        .order_by(Pair.created_at, Pair.id)
    )
    return list(session.scalars(query))


def pair_for_member(session: Session, pair_id: str, person: Person) -> Pair:
    """The pair, if ``person`` is in it. Anyone else gets ``NotFound``, exactly as for a pair that doesn't exist."""
    pair = session.get(Pair, pair_id)
    if pair is None or not any(m.person_id == person.id for m in pair.memberships):
        raise NotFound(NO_SUCH_PAIR)
    return pair


def complete_pair_for_member(session: Session, pair_id: str, person: Person) -> Pair:
    """The pair, for practice that takes both people: Conflict while the second person hasn't joined (or has left)."""
    pair = pair_for_member(session, pair_id, person)
    if not is_complete(pair):
        word = OTHER_PERSON_WORD[pair.kind]
        if is_closed(pair):
            raise Conflict(f"Your {word} has left this pair, so this is something you can't do here any more.")
        raise Conflict(f"This takes both of you: invite your {word} first, from the pair's page.")
    return pair


def other_members(pair: Pair, person: Person) -> list[Person]:
    return [m.person for m in pair.memberships if m.person_id != person.id]


def is_complete(pair: Pair) -> bool:
    return len(pair.memberships) >= PAIR_SIZE


def is_closed(pair: Pair) -> bool:
    """A pair that had two people and lost one. It stays for the one left, but nobody new joins it:
    what the two shared there was shared with each other, not with whoever comes next."""
    return pair.completed_at is not None and not is_complete(pair)


@dataclass(frozen=True)
class NewInvite:
    """A freshly made invite. ``code`` exists only here: the store keeps its hash."""

    invite: Invite
    code: str


def create_invite(session: Session, pair_id: str, inviter: Person, *, now: datetime, lifetime: timedelta) -> NewInvite:
    """Make a one-use invite for the pair. Earlier unused invites for it stop working."""
    pair = pair_for_member(session, pair_id, inviter)
    if is_complete(pair):
        raise Conflict("This pair already has two people, so there's no one left to invite.")
    if is_closed(pair):
        raise Conflict("Someone has left this pair, so it can't take anyone new. Start a new pair to invite someone.")
    session.execute(delete(Invite).where(Invite.pair_id == pair.id, Invite.used_at.is_(None)))
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
    invite = Invite(
        pair_id=pair.id, code_hash=digest(code), created_by_id=inviter.id, created_at=now, expires_at=now + lifetime
    )
    session.add(invite)
    session.flush()
    return NewInvite(invite=invite, code=code)


@dataclass(frozen=True)
class InvitePreview:
    """What a person sees before joining: who invited them, and as what."""

    inviter_name: str
    kind: str
    expires_at: datetime
    pair_id: str
    member_ids: tuple[str, ...]


def _usable_invite(session: Session, code: str, now: datetime) -> Invite:
    invite = session.scalar(select(Invite).where(Invite.code_hash == digest(clean_invite_code(code))))
    if invite is None:
        raise NotFound(NO_SUCH_INVITE)
    if invite.used_at is not None:
        raise InviteUnusable("This invite has already been used. Ask the person who sent it for a new one.")
    if invite.expires_at <= now:
        when = f"{invite.expires_at.day} {invite.expires_at:%B %Y}"
        raise InviteUnusable(f"This invite expired on {when}. Ask the person who sent it for a new one.")
    return invite


def preview_invite(session: Session, code: str, *, now: datetime) -> InvitePreview:
    invite = _usable_invite(session, code, now)
    inviter = session.get(Person, invite.created_by_id)
    pair = session.get(Pair, invite.pair_id)
    if inviter is None or pair is None:
        raise NotFound(NO_SUCH_INVITE)
    return InvitePreview(
        inviter_name=inviter.name,
        kind=pair.kind,
        expires_at=invite.expires_at,
        pair_id=pair.id,
        member_ids=tuple(m.person_id for m in pair.memberships),
    )


def accept_invite(session: Session, code: str, person: Person, *, now: datetime) -> Pair:
    """Join the pair an invite is for. The invite works once, even if two people try at the same moment.

    Using it again as the person who already used it (a double click) just answers the pair.
    """
    used = session.scalar(select(Invite).where(Invite.code_hash == digest(clean_invite_code(code))))
    if used is not None and used.used_by_id == person.id:
        return pair_for_member(session, used.pair_id, person)
    invite = _usable_invite(session, code, now)
    pair = session.get(Pair, invite.pair_id)
    if pair is None:
        raise NotFound(NO_SUCH_INVITE)
    if any(m.person_id == person.id for m in pair.memberships):
        raise Conflict("You're already in this pair. You can't use your own invite; send it to the other person.")
    if is_complete(pair) or is_closed(pair):
        raise Conflict("This pair already has two people.")
    claimed = session.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None))
        .values(used_at=now, used_by_id=person.id)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise InviteUnusable("This invite has already been used. Ask the person who sent it for a new one.")
    pair.memberships.append(Membership(person=person, joined_at=now))
    pair.completed_at = now
    session.flush()
    return pair


def leave_pair(session: Session, pair_id: str, person: Person) -> None:
    """Leave a pair. A pair nobody is left in is deleted with everything in it."""
    pair = pair_for_member(session, pair_id, person)
    # What they made in the pair goes with them: a report of their chats is theirs, not the pair's.
    session.execute(delete(SavedReport).where(SavedReport.pair_id == pair.id, SavedReport.owner_id == person.id))
    # Answers of theirs the other person never saw were never shared: they go too.
    # So do their check-ins they never shared, and their intention for the pair.
    session.execute(
        delete(CheckIn).where(CheckIn.pair_id == pair.id, CheckIn.person_id == person.id, CheckIn.shared_at.is_(None))
    )
    session.execute(delete(Intention).where(Intention.pair_id == pair.id, Intention.person_id == person.id))
    # Their closeness ratings carry private notes; the numbers were the pair's, and go with them too.
    session.execute(
        delete(ClosenessRating).where(ClosenessRating.pair_id == pair.id, ClosenessRating.person_id == person.id)
    )
    pair_days = select(DailyQuestion.id).where(DailyQuestion.pair_id == pair.id)
    both_answered = select(DailyAnswer.daily_id).where(
        DailyAnswer.daily_id.in_(pair_days), DailyAnswer.person_id != person.id
    )
    session.execute(
        delete(DailyAnswer).where(
            DailyAnswer.person_id == person.id,
            DailyAnswer.daily_id.in_(pair_days),
            DailyAnswer.daily_id.not_in(both_answered),
        )
    )
    session.execute(delete(Membership).where(Membership.pair_id == pair.id, Membership.person_id == person.id))
    session.flush()
    session.expire(pair)
    delete_empty_pairs(session, [pair.id])


def delete_empty_pairs(session: Session, pair_ids: list[str]) -> None:
    for pair_id in pair_ids:
        remaining = session.scalar(select(func.count()).where(Membership.pair_id == pair_id))
        if remaining == 0:
            session.execute(delete(Pair).where(Pair.id == pair_id))
