"""A person's own data, as one JSON-ready dictionary ("export my data")."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer import __version__
from nearer.people.pairs import pairs_of
from nearer.practice import appreciation, checkins, closeness, coach_box, daily, history, journal, moments, weekly
from nearer.store.models import Person, SavedReport


def export_person(session: Session, person: Person, *, now: datetime) -> dict[str, Any]:
    """Everything that is the person's own. Of a partner it holds only what the person already sees: a name.
    Reports are the person's own only: a report the partner shared stays the partner's. Of practice, it holds
    what the person wrote (answers, replies, notes, appreciations) and appreciations written to them."""
    pairs = []
    for pair in pairs_of(session, person):
        mine = next(m for m in pair.memberships if m.person_id == person.id)
        pairs.append(
            {
                "id": pair.id,
                "kind": pair.kind,
                "created_at": pair.created_at.isoformat(),
                "joined_at": mine.joined_at.isoformat(),
                "others": [{"name": m.person.name} for m in pair.memberships if m.person_id != person.id],
            }
        )
    return {
        "format": "nearer-export",
        "nearer_version": __version__,
        "exported_at": now.isoformat(),
        "person": {
            "id": person.id,
            "name": person.name,
            "email": person.email,
            "created_at": person.created_at.isoformat(),
        },
        "pairs": pairs,
        "reports": [
            {
                "id": report.id,
                "pair_id": report.pair_id,
                "source_name": report.source_name,
                "created_at": report.created_at.isoformat(),
                "shared_at": report.shared_at.isoformat() if report.shared_at else None,
                "summary": json.loads(report.summary),
            }
            for report in session.scalars(select(SavedReport).where(SavedReport.owner_id == person.id))
        ],
        "practice": {
            "answers_of_the_day": daily.export_for(session, person),
            "favourite_questions": history.export_for(session, person),
            "weekly_notes": weekly.export_for(session, person),
            "appreciations": appreciation.export_for(session, person),
            **checkins.export_for(session, person),
            "closeness_ratings": closeness.export_for(session, person),
            **moments.export_for(session, person),
        },
        # Private to the person always: in their own export, and in no one else's.
        "journal": journal.export_for(session, person),
        "coach_drafts": coach_box.export_for(session, person),
    }
