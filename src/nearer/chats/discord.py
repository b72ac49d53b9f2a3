"""Discord channels and DMs as DiscordChatExporter writes them, in JSON or CSV.

JSON: one object, ``guild`` (``{"id", "name", "iconUrl"}``; "Direct Messages" for DMs), ``channel``,
``dateRange``, ``exportedAt``, then ``messages`` (oldest first) and ``messageCount``. A message has ``id``,
``type`` (``Default``, ``Reply``, ``Call``, or a notice such as ``ChannelPinnedMessage``,
``RecipientAdd``, ``GuildMemberJoin``, whose ``content`` is the exporter's own sentence, "Pinned a
message."), ``timestamp`` and ``timestampEdited`` (ISO 8601 with an offset, or null), ``isPinned``,
``content``, ``author`` (``{"id", "name", "discriminator", "nickname", "isBot", ...}``), ``attachments``
(``{"id", "url", "fileName", "fileSizeBytes"}``), ``embeds``, ``stickers`` (``{"id", "name", "format",
"sourceUrl"}``), ``reactions``, ``mentions`` and, for a reply, ``reference``. The sender is the author's
``nickname`` (their name in that server), else ``name``. Read as a stream (ijson).

CSV: the header ``AuthorID,Author,Date,Content,Attachments,Reactions``, then one row a message, every
cell quoted; ``Author`` is ``name#1234`` (the ``#1234`` is dropped) or just ``name``; ``Date`` is as the
exporter was told to write it: ``dd-MMM-yy hh:mm tt`` (``05-Mar-24 09:41 PM``, its long-time default),
``3/5/2024 9:41 PM``, ``05/03/2024 21:41`` (read day-first), ``2024-03-05 21:41``, ISO 8601, or ``unix``/
``unixms`` numbers; ``Attachments`` is the files' URLs joined by commas.

Times with a zone become this computer's local time, without a zone, like the generic CSV.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

import ijson

from nearer.chats.model import Chat, Kind, Message
from nearer.chats.source import LONGEST_LINE, Source, amount
from nearer.errors import InvalidInput

NAME = "discord"
CSV_HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions"
SAID = ("Default", "Reply")  # message types written by a person; "Call" is a call; every other type is a notice
NOTICES = {  # the sentences DiscordChatExporter writes for notices in CSV, where the type is not kept
    "Added a recipient.",
    "Removed a recipient.",
    "Changed the channel name.",
    "Changed the channel icon.",
    "Pinned a message.",
    "Joined the server.",
    "Started a thread.",
}
CALL = re.compile(r"^Started a call that lasted \d+ minutes?\.$")
DISCRIMINATOR = re.compile(r"#\d{4}$")
CSV_DATES = (
    "%d-%b-%y %I:%M %p",  # 05-Mar-24 09:41 PM
    "%m/%d/%Y %I:%M %p",  # 3/5/2024 9:41 PM (en-US)
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y %H:%M",  # 05/03/2024 21:41 (en-GB, fr-FR and other day-first cultures)
    "%d/%m/%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",  # de-DE, ru-RU
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
)


def looks_like(head: str) -> str | None:
    start = head.lstrip()
    if start.startswith("{"):
        if not all(re.search(rf'"{key}"\s*:', head) for key in ("guild", "channel", "messages")):
            return 'it is JSON without "guild", "channel" and "messages" near its start'
        return None
    first = start.splitlines()[0] if start else ""
    if first.strip() != CSV_HEADER:
        return f"it is not DiscordChatExporter JSON, and its first row is not the CSV header {CSV_HEADER}"
    return None


def _local(when: datetime) -> datetime:
    return when.astimezone().replace(tzinfo=None) if when.tzinfo is not None else when


def _file_name(url: str) -> str:
    """The file's name from its URL or local path ("IMG_2231.jpg")."""
    try:
        path = urlparse(url).path if "://" in url else url.replace("\\", "/")
    except ValueError:  # not a URL after all ("http://[oops")
        return url
    return unquote(PurePosixPath(path).name) or url


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])
    chat.messages.extend(messages(source, chat))
    chat.people = ()
    chat.__post_init__()
    return chat


def messages(source: Source, chat: Chat) -> Iterator[Message]:
    """The messages one at a time, noting unreadable ones on ``chat`` as it goes. A CSV export is read as a
    stream; a JSON one is held whole, since it may be newest first, which is only known at its end."""
    if not source.head().lstrip().startswith("{"):
        yield from _from_csv(source, chat)
        return
    held = list(_from_json(source, chat))
    newest_first = len(held) > 1 and held[0].time > held[-1].time
    if not newest_first:
        held.reverse()
    while held:  # given from the end of the list, oldest first, so each is let go as it is given
        yield held.pop()


def _sender(author: Any) -> str | None:
    if not isinstance(author, dict):
        return None
    for key in ("nickname", "name"):
        value = author.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _from_json(source: Source, chat: Chat) -> Iterator[Message]:
    try:
        with source.json() as handle:
            for number, item in enumerate(ijson.items(handle, "messages.item", use_float=True), 1):
                if not isinstance(item, dict):
                    chat.note_problem(number, "is not a message object; skipped")
                    continue
                message = _json_message(item, number, chat)
                if message is not None:
                    yield message
    except ijson.JSONError as exc:
        raise InvalidInput(f"{source.name} is not valid JSON ({exc}).") from exc


def _json_message(item: dict[str, Any], number: int, chat: Chat) -> Message | None:
    try:
        when = _local(datetime.fromisoformat(str(item["timestamp"])))
    except (KeyError, ValueError, TypeError, OverflowError):  # overflow: a zone that moves it past year 9999
        chat.note_problem(number, f"has no readable timestamp ({str(item.get('timestamp'))[:40]!r}); skipped")
        return None
    sender = _sender(item.get("author"))
    if sender is None:
        chat.note_problem(number, "has no author name; skipped")
        return None
    kind = str(item.get("type", "Default"))
    content = str(item.get("content") or "")
    edited = bool(item.get("timestampEdited"))
    if kind == "Call":
        return Message(when, sender, content or "call", Kind.call, edited, number)
    if kind not in SAID:
        return Message(when, None, f"{sender}: {content or kind}", Kind.system, line=number)
    if content.strip():
        return Message(when, sender, content, Kind.text, edited, number)
    files = [str(a.get("fileName") or _file_name(str(a.get("url", "")))) for a in _dicts(item.get("attachments"))]
    stickers = [f"sticker: {s.get('name') or '?'}" for s in _dicts(item.get("stickers"))]
    embeds = [str(e.get("title") or e.get("url") or "embed") for e in _dicts(item.get("embeds"))]
    if files or stickers or embeds:
        return Message(when, sender, ", ".join(files + stickers + embeds), Kind.media, edited, number)
    chat.note_problem(number, "has no content, attachment or sticker; skipped")
    return None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _csv_time(value: str) -> datetime:
    value = value.strip()
    if value.isascii() and value.isdigit():  # --dateformat unix or unixms
        number = int(value)
        return datetime.fromtimestamp(number / 1000 if number > 10**11 else number)
    try:
        return _local(datetime.fromisoformat(value))
    except ValueError:
        pass
    for pattern in CSV_DATES:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise ValueError(value)


def _from_csv(source: Source, chat: Chat) -> Iterator[Message]:
    def rows() -> Iterator[str]:
        for line in source.lines():
            if line.bad_bytes:
                chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
            if line.cut:
                chat.note_problem(line.number, f"is longer than {amount(LONGEST_LINE)}; only its start was read")
            yield line.text + "\n"

    csv.field_size_limit(max(csv.field_size_limit(), 2 * LONGEST_LINE))  # a long message is cut, not refused
    reader = csv.reader(rows())
    try:
        header = next(reader, None)
        if header is None or ",".join(cell.strip() for cell in header) != CSV_HEADER:
            raise InvalidInput(f"{source.name} does not start with DiscordChatExporter's CSV header {CSV_HEADER}.")
        ended = reader.line_num
        for row in reader:
            number, ended = ended + 1, reader.line_num  # the line the row starts on
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < 4:
                chat.note_problem(number, f"has {len(row)} columns, fewer than the header's; skipped")
                continue
            try:
                when = _csv_time(row[2])
            except (ValueError, OverflowError, OSError):
                chat.note_problem(number, f"has a date that can't be read ({row[2][:30]!r}); skipped")
                continue
            sender = DISCRIMINATOR.sub("", row[1].strip()) or None
            content = row[3].replace("\r\n", "\n")
            files = [_file_name(url.strip()) for url in (row[4].split(",") if len(row) > 4 else []) if url.strip()]
            if sender is None:
                chat.note_problem(number, "has no author; skipped")
            elif CALL.match(content.strip()):
                yield Message(when, sender, content.strip(), Kind.call, line=number)
            elif content.strip() in NOTICES:
                yield Message(when, None, f"{sender}: {content.strip()}", Kind.system, line=number)
            elif content.strip():
                yield Message(when, sender, content, Kind.text, line=number)
            elif files:
                yield Message(when, sender, ", ".join(files), Kind.media, line=number)
            else:
                chat.note_problem(number, "has no content or attachment; skipped")
    except csv.Error as exc:
        raise InvalidInput(f"{source.name} stops being readable CSV at line {reader.line_num}: {exc}.") from exc
