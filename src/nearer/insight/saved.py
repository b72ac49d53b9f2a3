"""Reports kept in the store: made by one person from their chat export, private to them until they
share it with the pair, and gone when they delete it, leave the pair, or delete their account.

Anyone who may not see a report gets NotFound, exactly as for one that doesn't exist. The export
itself is never stored: only the summary and the report page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nearer.chats import load_chat
from nearer.errors import InvalidInput, NotFound
from nearer.insight.analysis import Progress, analyze
from nearer.insight.html import render
from nearer.insight.report import build
from nearer.insight.summary import summary
from nearer.people.pairs import pair_for_member
from nearer.store.models import Membership, Person, SavedReport

NO_SUCH_REPORT = "We couldn't find that report."


@dataclass(frozen=True)
class ReadExport:
    """What reading an export gives, before it is stored."""

    source_name: str
    summary: dict[str, Any]
    page: str


def read_export(path: Path, source_name: str, me: str | None = None, progress: Progress | None = None) -> ReadExport:
    """Read an export into a summary and a report page (slow: run it outside a database session).

    The page names both people rather than saying "you": it may be shared, and then it is read by both."""
    chat = load_chat(path)
    if me and me not in chat.people:
        raise InvalidInput(f"{me!r} doesn't write in this chat; the people in it are: {', '.join(chat.people)}.")
    analysis = analyze(chat, progress)
    shown = summary(analysis)
    if me:
        shown["me"] = me
    return ReadExport(source_name, shown, render(build(analysis), source_name))


def save_report(session: Session, pair_id: str, owner: Person, read: ReadExport, *, now: datetime) -> SavedReport:
    pair = pair_for_member(session, pair_id, owner)
    report = SavedReport(
        pair_id=pair.id,
        owner_id=owner.id,
        source_name=read.source_name[:255],
        created_at=now,
        summary=json.dumps(read.summary, ensure_ascii=False),
        page=read.page,
    )
    session.add(report)
    session.flush()
    return report


def visible_reports(session: Session, pair_id: str, viewer: Person) -> list[SavedReport]:
    """The pair's reports this person may see: their own, and those the other person shared."""
    pair = pair_for_member(session, pair_id, viewer)
    query = (
        select(SavedReport)
        .where(SavedReport.pair_id == pair.id)
        .where(or_(SavedReport.owner_id == viewer.id, SavedReport.shared_at.is_not(None)))
        .order_by(SavedReport.created_at.desc())
    )
    return list(session.scalars(query))


def report_for(session: Session, report_id: str, viewer: Person) -> SavedReport:
    report = session.get(SavedReport, report_id)
    if report is None:
        raise NotFound(NO_SUCH_REPORT)
    member = session.get(Membership, (report.pair_id, viewer.id)) is not None
    if not member or (report.owner_id != viewer.id and report.shared_at is None):
        raise NotFound(NO_SUCH_REPORT)
    return report


def own_report(session: Session, report_id: str, owner: Person) -> SavedReport:
    """A report only its maker may change; to anyone else it does not exist."""
    report = report_for(session, report_id, owner)
    if report.owner_id != owner.id:
        raise NotFound(NO_SUCH_REPORT)
    return report


def share_report(session: Session, report_id: str, owner: Person, *, now: datetime, shared: bool = True) -> None:
    own_report(session, report_id, owner).shared_at = now if shared else None


def delete_report(session: Session, report_id: str, owner: Person) -> None:
    session.delete(own_report(session, report_id, owner))


def report_summary(report: SavedReport) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(report.summary)
    return loaded


def report_fragment(report: SavedReport) -> str:
    """The report's body, to show inside the app's own page (the stored page marks where it starts and ends)."""
    start, end = report.page.find("<!-- report -->"), report.page.find("<!-- /report -->")
    return report.page[start + len("<!-- report -->") : end] if 0 <= start < end else ""
