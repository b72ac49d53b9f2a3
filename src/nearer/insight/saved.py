"""Reports kept in the store: made by one person from their chat export, private to them until they
share it with the pair, and gone when they delete it, leave the pair, or delete their account.

Anyone who may not see a report gets NotFound, exactly as for one that doesn't exist. The export
itself is never stored: only the summary and the report page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nearer.chats import open_chat
from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.insight.analysis import Progress, analyze
from nearer.insight.html import render
from nearer.insight.report import build
from nearer.insight.summary import summary
from nearer.people.pairs import OTHER_PERSON_WORD, is_closed, is_complete, pair_for_member
from nearer.store.models import Membership, Person, SavedReport

NO_SUCH_REPORT = "We couldn't find that report."
DATE_ORDERS = ("dmy", "mdy", "ymd")  # day first, month first, year first
NOTES_SHOWN = 10  # unreadable lines listed on the report page; the rest are counted

# The importers speak to the command line; a person on the web has a form instead of flags.
FOR_THE_WEB = (
    (
        re.compile(r"import it again with --date-order \w+ or --date-order \w+"),
        "read it again and choose how dates are written",
    ),
    (re.compile(r"--date-order(?: \w+)?"), "the choice of how dates are written"),
    (re.compile(r"pick one with --chat NAME"), "say which one to read (Which chat)"),
    (re.compile(r"--chat(?: NAME)?"), "Which chat"),
)


def web_words(message: str) -> str:
    """An importer's message or warning, with the command line's flags put as what to do on the web.

    >>> web_words("It holds 2 Signal chats; pick one with --chat NAME: Ana, Bo.")
    'It holds 2 Signal chats; say which one to read (Which chat): Ana, Bo.'
    """
    for flag, words in FOR_THE_WEB:
        message = flag.sub(words, message)
    return message


@dataclass(frozen=True)
class ReadExport:
    """What reading an export gives, before it is stored."""

    source_name: str
    summary: dict[str, Any]
    page: str


def check_date_order(date_order: str | None) -> str | None:
    """How the export writes its dates (WhatsApp): one of DATE_ORDERS, or None to let nearer tell."""
    if date_order and date_order not in DATE_ORDERS:
        raise InvalidInput("Choose how dates are written: day first, month first or year first.", field="date_order")
    return date_order or None


def read_export(
    path: Path,
    source_name: str,
    me: str | None = None,
    progress: Progress | None = None,
    *,
    date_order: str | None = None,
    chat_name: str | None = None,
) -> ReadExport:
    """Read an export into a summary and a report page (slow: run it outside a database session).

    The page names both people rather than saying "you": it may be shared, and then it is read by both.
    The importer's errors and warnings are put in the web's words (``web_words``)."""
    try:  # read as it streams: an export of any size fits in memory
        stream = open_chat(path, date_order=check_date_order(date_order), chat_name=chat_name or None)
        analysis = analyze(stream, progress)
    except InvalidInput as exc:  # about the file the person chose, not the copy nearer read it from
        raise InvalidInput(web_words(exc.message.replace(path.name, source_name)), field=exc.field) from exc
    people = analysis.chat.people
    if me and me not in people:
        raise InvalidInput(f"{me!r} doesn't write in this chat; the people in it are: {', '.join(people)}.")
    shown = summary(analysis)
    shown["warnings"] = [web_words(warning) for warning in shown["warnings"]]
    if me:
        shown["me"] = me
    report = build(analysis)
    del analysis  # its columns are let go before the report is drawn
    return ReadExport(source_name, shown, render(report, source_name))


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
    """Share a report with the pair, or stop sharing it; Conflict while there is nobody else in the pair."""
    report = own_report(session, report_id, owner)
    if shared:
        pair = pair_for_member(session, report.pair_id, owner)
        if not is_complete(pair):
            word = OTHER_PERSON_WORD[pair.kind]
            if is_closed(pair):
                raise Conflict(f"Your {word} has left this pair, so there is nobody to share this report with.")
            raise Conflict(
                f"Nobody else has joined this pair yet, so there is nobody to share this report with. "
                f"Invite your {word} from the pair's page; once they have joined, you can share it."
            )
    report.shared_at = now if shared else None


def delete_report(session: Session, report_id: str, owner: Person) -> None:
    session.delete(own_report(session, report_id, owner))


def report_summary(report: SavedReport) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(report.summary)
    return loaded


# What the importer noticed quotes the chat's raw lines, and "me" says which person the maker is: both
# stay with the report's maker, even once the report is shared.
MAKERS_ONLY = ("unparsed", "warnings", "me")


def summary_for(report: SavedReport, viewer: Person) -> dict[str, Any]:
    """The summary as ``viewer`` may see it: whole for its maker, without ``MAKERS_ONLY`` for the other."""
    shown = report_summary(report)
    if report.owner_id != viewer.id:
        for key in MAKERS_ONLY:
            shown.pop(key, None)
    return shown


def reading_notes(report: SavedReport) -> dict[str, Any]:
    """What the importer noticed about the file, for its owner: warnings, and the lines it could not read."""
    shown = report_summary(report)
    unparsed = [p for p in shown.get("unparsed", []) if isinstance(p, dict)]
    count = int(shown.get("unparsed_lines") or len(unparsed))
    return {
        "warnings": [web_words(str(w)) for w in shown.get("warnings", [])],
        "unparsed_lines": count,
        "unparsed": unparsed[:NOTES_SHOWN],
        "more": max(0, count - NOTES_SHOWN),
    }


def report_fragment(report: SavedReport) -> str:
    """The report's body, to show inside the app's own page (the stored page marks where it starts and ends)."""
    start, end = report.page.find("<!-- report -->"), report.page.find("<!-- /report -->")
    return report.page[start + len("<!-- report -->") : end] if 0 <= start < end else ""
