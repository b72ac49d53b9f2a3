"""The coach box: the other person's message and a draft reply, read by the lens's coach before it is sent.

Coaching stores nothing: the two messages go to the lens and back, and are forgotten. Only a draft
the person chooses to keep is written down, and a kept draft is its writer's alone: anyone else (the
other person of the pair included) gets NotFound on it, exactly as for a draft that doesn't exist.

The web app coaches with the accurate tier where it is installed, else the fast one ("auto", as
``nearer coach`` does). The lens loads a tier once per process and keeps it; ``warm_up`` starts that
beside the requests when someone opens the coach box, so their first reading need not wait for it.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.errors import InvalidInput, ModelUnavailable, NotFound
from nearer.lens.coach import MOST_CHARACTERS, Coaching, coach
from nearer.people.pairs import pair_for_member
from nearer.store.models import Person, SavedDraft

log = logging.getLogger("nearer.coach_box")

TIER = "auto"  # the accurate tier when installed, else the fast one
NO_SUCH_DRAFT = "We couldn't find that draft. It may have been deleted."
NAMES = {"their_message": "Their message", "draft": "Your draft"}

_warm = threading.Lock()
_warming: list[threading.Thread] = []


def _check(text: str, field: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"{NAMES[field]} must be text.", field=field)
    if len(text) > MOST_CHARACTERS:
        raise InvalidInput(
            f"{NAMES[field]} is {len(text):,} characters; the coach reads up to {MOST_CHARACTERS:,}. "
            "Try the part that matters most.",
            field=field,
        )
    return text


def coach_reply(their_message: str, draft: str, *, tier: str = TIER) -> Coaching:
    """Coach ``draft``, a reply to ``their_message`` (which may be empty). Nothing is stored.

    >>> coach_reply("I had such a rough day", "you always complain", tier="fast").flags[0].act
    'dismissal'
    """
    their_message, draft = _check(their_message, "their_message"), _check(draft, "draft")
    if not draft.strip():
        raise InvalidInput("Write the reply you're thinking of sending, and we'll look at it with you.", field="draft")
    try:
        return coach(draft, their_message if their_message.strip() else None, tier=tier)
    except InvalidInput as exc:  # the coach calls the other person's message its context
        raise InvalidInput(exc.message, field="their_message" if exc.field == "context" else exc.field) from exc


def warm_up() -> None:
    """Start loading the coach's models beside the requests, once per process (it takes a few seconds)."""
    with _warm:
        if _warming:
            return
        # Not a daemon: a process that ends while torch is half-imported can crash on its way out.
        thread = threading.Thread(target=_load, name="nearer-coach-warm-up")
        _warming.append(thread)
    thread.start()


def _load() -> None:
    from nearer.lens.accurate import accurate_tier
    from nearer.lens.coach.library import library
    from nearer.lens.fast import fast_tier

    try:
        fast_tier()
        library()
        if TIER in ("auto", "accurate"):
            accurate_tier()
    except ModelUnavailable:
        log.info("the coach box uses the fast tier: the accurate one is not installed")
    except Exception:  # a failure here shows again, as a proper error, when someone asks for coaching
        log.exception("loading the coach's models failed")


def _kept_text(their_message: str, draft: str) -> tuple[str, str]:
    their_message, draft = _check(their_message, "their_message"), _check(draft, "draft")
    if not draft.strip():
        raise InvalidInput("There's no draft to keep yet: write your reply first.", field="draft")
    return their_message.strip(), draft.strip()


def keep(
    session: Session, person: Person, *, their_message: str, draft: str, now: datetime, pair_id: str | None = None
) -> SavedDraft:
    """Keep a draft the person chose to save; ``pair_id`` (one of their pairs) says whom it was for."""
    if pair_id is not None:
        pair_id = pair_for_member(session, pair_id, person).id
    their_message, draft = _kept_text(their_message, draft)
    kept = SavedDraft(person_id=person.id, pair_id=pair_id, their_message=their_message, draft=draft, created_at=now)
    session.add(kept)
    session.flush()
    return kept


def drafts(session: Session, person: Person, *, pair_id: str | None = None) -> list[SavedDraft]:
    """The person's own kept drafts, newest first: all of them, or those for one of their pairs."""
    query = select(SavedDraft).where(SavedDraft.person_id == person.id)
    if pair_id is not None:
        query = query.where(SavedDraft.pair_id == pair_for_member(session, pair_id, person).id)
    return list(session.scalars(query.order_by(SavedDraft.created_at.desc(), SavedDraft.id)))


def draft_for(session: Session, draft_id: str, person: Person) -> SavedDraft:
    """The kept draft, if ``person`` kept it; anyone else gets NotFound."""
    found = session.get(SavedDraft, draft_id)
    if found is None or found.person_id != person.id:
        raise NotFound(NO_SUCH_DRAFT)
    return found


def delete_draft(session: Session, draft_id: str, person: Person) -> None:
    session.delete(draft_for(session, draft_id, person))
    session.flush()


def export_for(session: Session, person: Person) -> list[dict[str, object]]:
    """The person's own kept drafts, for their own data export (and nobody else's)."""
    return [
        {
            "id": kept.id,
            "pair_id": kept.pair_id,
            "their_message": kept.their_message,
            "draft": kept.draft,
            "created_at": kept.created_at.isoformat(),
        }
        for kept in session.scalars(
            select(SavedDraft).where(SavedDraft.person_id == person.id).order_by(SavedDraft.created_at, SavedDraft.id)
        )
    ]
