"""The generic CSV any tool can write: a header row ``time,sender,text``, then one message a row.

``time`` is ISO 8601 (``2024-05-01 21:30``, ``2024-05-01T21:30:05``, with or without a zone; a
zone is turned into this computer's local time). Extra columns are ignored. A row that cannot be
read is reported by its line number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime

from nearer.chats.model import Chat, Kind, Message
from nearer.chats.source import Source
from nearer.errors import InvalidInput

NAME = "csv"
COLUMNS = ("time", "sender", "text")


def _header(line: str) -> list[str]:
    return [cell.strip().strip('"').lower() for cell in next(csv.reader([line]), [])]


def looks_like(head: str) -> str | None:
    first = head.splitlines()[0] if head.strip() else ""
    missing = [c for c in COLUMNS if c not in _header(first)]
    if missing:
        return f"its first row is not a header with the columns time, sender and text (missing: {', '.join(missing)})"
    return None


def _time(value: str) -> datetime:
    when = datetime.fromisoformat(value.strip())
    return when.astimezone().replace(tzinfo=None) if when.tzinfo is not None else when


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])

    def rows() -> Iterator[str]:
        for line in source.lines():
            if line.bad_bytes:
                chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
            yield line.text + "\n"

    reader = csv.reader(rows())
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise InvalidInput(f"{source.name} is empty.") from None
    if any(column not in header for column in COLUMNS):
        raise InvalidInput(f"{source.name} needs a header row with the columns time, sender and text.")
    at = {column: header.index(column) for column in COLUMNS}
    try:
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(at.values()):
                chat.note_problem(number, f"has {len(row)} columns, fewer than the header's; skipped")
                continue
            try:
                when = _time(row[at["time"]])
            except ValueError:
                chat.note_problem(number, f"has a time that is not ISO 8601 ({row[at['time']][:30]!r}); skipped")
                continue
            sender = row[at["sender"]].strip() or None
            kind = Kind.text if sender is not None else Kind.system
            chat.messages.append(Message(when, sender, row[at["text"]].strip("\n"), kind, line=number))
    except csv.Error as exc:
        raise InvalidInput(f"{source.name} stops being readable CSV at line {reader.line_num}: {exc}.") from exc
    chat.people = ()
    chat.__post_init__()
    return chat
