"""The generic CSV any tool can write: a header row ``time,sender,text``, then one message a row.

``time`` is ISO 8601 (``2024-05-01 21:30``, ``2024-05-01T21:30:05``, with or without a zone; a
zone is turned into this computer's local time). Extra columns are ignored. A row that cannot be
read is reported by the line it starts on. The messages come out in time order, whatever the order
of the rows (rows with the same time keep theirs).

A quote that opens a cell and is never closed would swallow the rows after it into one message. A
row is taken to have one when it runs to the end of the file, over more than ``LONGEST_ROW``
characters, or over a line that reads as a row of its own; it is reported and skipped, and the
lines after its first are read again as rows.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Callable, Iterator
from datetime import datetime

from nearer.chats.model import Chat, Kind, Message
from nearer.chats.source import LONGEST_LINE, Line, Source, amount
from nearer.errors import InvalidInput

NAME = "csv"
COLUMNS = ("time", "sender", "text")
LONGEST_ROW = LONGEST_LINE  # characters a row may run on past its first line before its quote is taken as never closed
MOST_UNCLOSED = 20  # quotes never closed before the file is taken as not CSV at all
_END = Line(0, "")  # fed after the last line: a row that takes it in ran to the end of the file inside a quote


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


class _Runaway(Exception):
    """A row ran on past LONGEST_ROW characters."""


class _Rows:
    """The rows of a CSV file, each with the line it starts on, with quotes never closed undone (see above)."""

    def __init__(self, source: Source, chat: Chat) -> None:
        self.name = source.name
        self.chat = chat
        self.lines = source.lines()
        self.again: deque[Line] = deque()  # lines to read again, after a quote never closed
        self.taken: list[Line] = []  # the lines of the row being read
        self.size = 0  # their characters
        self.ended = False
        self.unclosed = 0
        self.own_row: Callable[[str], bool] = lambda text: False  # whether a line reads as a row of its own
        self.reader = csv.reader(self._feed())

    def _feed(self) -> Iterator[str]:
        taken, chat = self.taken, self.chat
        while True:
            if self.again:
                line = self.again.popleft()
            elif (read := next(self.lines, None)) is not None:
                line = read
                if line.bad_bytes:
                    chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
                if line.cut:
                    chat.note_problem(line.number, f"is longer than {amount(LONGEST_LINE)}; only its start was read")
            elif self.ended:
                return
            else:
                self.ended, line = True, _END
            taken.append(line)
            if len(taken) > 1:  # a row over several lines: one line is at most LONGEST_LINE, but more may run on
                self.size += len(line.text) + 1
                if self.size > LONGEST_ROW:
                    raise _Runaway
            yield line.text + "\n"

    def _take(self) -> list[Line]:
        taken = self.taken[:]
        self.taken.clear()
        self.size = 0
        return taken

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except _Runaway:
                self._undo(self._take(), f"the row runs on for more than {amount(LONGEST_ROW)}")
                continue
            except csv.Error as exc:
                taken = self._take()
                self.chat.note_problem(taken[0].number if taken else 0, f"can't be read as CSV ({exc}); skipped")
                continue
            if len(self.taken) == 1 and self.taken[0] is not _END:  # the usual row, on a line of its own
                number = self.taken[0].number
                self.taken.clear()
                yield number, row
                continue
            taken = self._take()
            if taken[-1] is _END:
                if len(taken) > 1:
                    self._undo(taken, "the row runs to the end of the file")
            elif any(self.own_row(line.text) for line in taken[1:]):
                self._undo(taken, "the row runs over lines that read as rows of their own")
            else:
                yield taken[0].number, row

    def _undo(self, taken: list[Line], why: str) -> None:
        """Skip a row whose quote was never closed, and read the lines after its first again."""
        self.unclosed += 1
        if self.unclosed > MOST_UNCLOSED:
            raise InvalidInput(
                f"{self.name} has more than {MOST_UNCLOSED} quotes that are never closed; it may not be a CSV file, "
                'or its quotes are not written the CSV way ("" for a quote inside a cell).'
            )
        self.chat.note_problem(taken[0].number, f"opens a quote that is never closed ({why}); skipped")
        self.again.extendleft(reversed(taken[1:]))
        self.reader = csv.reader(self._feed())


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])
    csv.field_size_limit(max(csv.field_size_limit(), 2 * LONGEST_ROW))  # a row longer than that is undone first
    rows = _Rows(source, chat)
    found = iter(rows)
    _, first = next(found, (0, []))
    header = [cell.strip().lower() for cell in first]
    if not header:
        raise InvalidInput(f"{source.name} is empty.")
    if any(column not in header for column in COLUMNS):
        raise InvalidInput(f"{source.name} needs a header row with the columns time, sender and text.")
    at = {column: header.index(column) for column in COLUMNS}
    rows.own_row = lambda text: _reads_as_row(text, at)
    last = max(at.values())
    for number, row in found:
        if not "".join(row).strip():
            continue
        if len(row) <= last:
            chat.note_problem(number, f"has {len(row)} columns, fewer than the header's; skipped")
            continue
        try:
            when = _time(row[at["time"]])
        except ValueError:
            chat.note_problem(number, f"has a time that is not ISO 8601 ({row[at['time']][:30]!r}); skipped")
            continue
        except OverflowError:  # a zone that moves it past year 9999, or before year 1
            chat.note_problem(number, f"has a time out of range ({row[at['time']][:30]!r}); skipped")
            continue
        sender = row[at["sender"]].strip() or None
        kind = Kind.text if sender is not None else Kind.system
        chat.messages.append(Message(when, sender, row[at["text"]].strip("\n"), kind, line=number))
    chat.messages.sort(key=lambda message: message.time)  # stable: rows at the same time keep their order
    chat.people = ()
    chat.__post_init__()
    return chat


def _reads_as_row(text: str, at: dict[str, int]) -> bool:
    """Whether a line inside a quoted cell is a row of its own: enough cells, and a time where the time goes."""
    cells = next(csv.reader([text]), [])
    if len(cells) <= max(at.values()):
        return False
    try:
        _time(cells[at["time"]])
    except (ValueError, OverflowError):
        return False
    return True
