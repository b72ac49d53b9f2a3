"""Signal Desktop chats as signal-export (``sigexport``, github.com/carderne/signal-export) writes them: a
folder for each chat holding ``chat.md``, ``data.json``, ``index.html`` and ``media/``.

``data.json`` is JSON Lines, one message a line: ``{"date": "2024-03-02T19:41:07.512000", "sender": "Aya",
"body": "hi  ", "quote": "", "sticker": null, "reactions": [["Me", "❤️"]], "attachments": [{"name": ...,
"path": "media/..."}], "deleted": false, "call": false, "missed": false, "edits": [{"date": ..., "body":
...}]}``. ``date`` is this computer's local time without a zone; ``body`` ends with two spaces (a Markdown
line break); older versions have no ``deleted``/``call``/``missed``/``edits`` and a ``sticker`` that is the
emoji itself. Your own messages are from ``Me``; ``No-Sender`` marks the app's own notices.

``chat.md`` has a line ``[2024-03-02 19:41:07] Aya: hi  `` starting each message, and a blank line after
it; older versions wrote ``[2019-05-29, 15:04] Aya: hi`` or ``[2019-05-29 15:04] ...`` (minutes only), with
no blank line. After the name come a quote (a blank line, ``> `` lines, a blank line), the words, a line
``(- Me: ❤️, Aya: 👍 -)`` of reactions, a line ``(( 🐺 ))`` for a sticker, and attachments as Markdown
links (``![IMG.jpg](./media/IMG.jpg)``) right after. A deleted message reads ``(This message was deleted)``;
a call "Incoming voice call (accepted, 4m 12s)", "Missed voice call", "Outgoing call". A message runs on
until the next line that starts with a date.

``locate`` finds ``data.json`` (else ``chat.md``) in a chat's folder, or in a zip of one; given the whole
export, ``--chat NAME`` picks the chat's folder.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from nearer.chats.model import MOST_CHARACTERS, Chat, Kind, Message
from nearer.chats.source import LONGEST_LINE, Line, Source, amount
from nearer.errors import InvalidInput

NAME = "signal"
FILES = ("data.json", "chat.md")  # in the order they are preferred
HEADER = re.compile(
    r"^\[(?P<date>\d{4}-\d{2}-\d{2}),? (?P<time>\d{2}:\d{2}(?::\d{2})?)\] (?P<sender>.+?): (?P<rest>.*)$"
)
JSON_LINE = re.compile(r'^\{"date": "\d{4}-\d{2}-\d{2}T[^"]*", "sender": ')
DELETED = "(This message was deleted)"
CALL = re.compile(r"^(?:Incoming|Outgoing|Missed) (?:voice |video |audio )?call(?: \(.+\))?$")
LINK = re.compile(r"!?\[(?P<name>[^\]\n]*)\]\((?P<path>\.{1,2}/[^)\s]*)\) {0,2}")
REACTIONS = re.compile(r"^\(- .* -\)$")
STICKER = re.compile(r"^\(\( (?P<emoji>.*) \)\)$")
NO_SENDER = "No-Sender"


def looks_like(head: str) -> str | None:
    lines = [line for line in head.splitlines()[:200] if line.strip()]
    if not lines:
        return "the file is empty"
    if JSON_LINE.match(lines[0]) and '"body": ' in lines[0]:
        return None
    headers = [found for line in lines if (found := HEADER.match(line))]
    if not headers:
        return "no line is a signal-export message (like '[2024-03-02 19:41:07] Aya: ' or JSON Lines with \"date\")"
    marks = any(found[0].endswith("  ") or found["rest"] == DELETED for found in headers)
    minutes_only = any(found["time"].count(":") == 1 for found in headers)
    if not (marks or minutes_only):
        return "its lines look like a date and a name, but not signal-export's (no line ends with two spaces)"
    return None


def locate(path: Path, chat_name: str | None = None) -> Source | None:
    """``data.json`` (else ``chat.md``) of the one chat in a folder or zip, or None when there is none."""
    if not path.exists():
        return None
    chats: dict[str, list[Source]] = {}
    if path.is_dir():
        for folder in (path, *sorted(p for p in path.iterdir() if p.is_dir())):
            found = [Source(folder / name) for name in FILES if (folder / name).is_file()]
            if found:
                chats[folder.name if folder != path else ""] = found
    elif zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        for name in FILES:
            for member in names:
                where = PurePosixPath(member)
                if where.name == name and len(where.parts) <= 3:
                    chats.setdefault(where.parent.name, []).append(Source(path, member))
    usable = {folder: [s for s in found if looks_like(s.head()) is None] for folder, found in chats.items()}
    usable = {folder: found for folder, found in usable.items() if found}
    if not usable:
        return None
    if len(usable) == 1 and (chat_name is None or "" in usable):  # one chat, or the chat's own folder
        return next(iter(usable.values()))[0]
    if chat_name is not None:
        for name, found in usable.items():
            if name.casefold() == chat_name.casefold():
                return found[0]
        raise InvalidInput(f"{path.name} has no Signal chat called {chat_name!r}; it has: {', '.join(usable)}.")
    shown = ", ".join(list(usable)[:20]) + (", ..." if len(usable) > 20 else "")
    raise InvalidInput(f"{path.name} holds {len(usable)} Signal chats; pick one with --chat NAME: {shown}.")


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])
    chat.messages.extend(messages(source, chat))
    chat.people = ()
    chat.__post_init__()
    return chat


def messages(source: Source, chat: Chat) -> Iterator[Message]:
    """The messages one at a time, noting unreadable lines on ``chat`` as it goes."""
    head = source.head().lstrip()
    lines = [line for line in head.splitlines() if line.strip()]
    if lines and lines[0].startswith("{"):
        yield from _from_json_lines(source, chat)
    else:
        yield from _from_markdown(source, chat)


def _message(when: datetime, sender: str, body: str, kind: Kind | None, edited: bool, number: int) -> Message:
    """A message from its parts, its kind told from its words when the export does not say."""
    if sender == NO_SENDER:
        return Message(when, None, body, Kind.system, line=number)
    if kind is None:
        kind = Kind.deleted if body == DELETED else Kind.call if CALL.match(body) else Kind.text
    return Message(when, sender, body, kind, edited, number)


def _from_json_lines(source: Source, chat: Chat) -> Iterator[Message]:
    for line in source.lines():
        if line.bad_bytes:
            chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
        if not line.text.strip():
            continue
        if line.cut:
            chat.note_problem(line.number, f"is longer than {amount(LONGEST_LINE)}; skipped")
            continue
        try:
            item = json.loads(line.text)
        except (ValueError, RecursionError):  # recursion: nested too deep to be a message
            chat.note_problem(line.number, "is not valid JSON; skipped")
            continue
        if not isinstance(item, dict):
            chat.note_problem(line.number, "is not a message object; skipped")
            continue
        message = _json_message(item, line.number, chat)
        if message is not None:
            yield message


def _json_message(item: dict[str, Any], number: int, chat: Chat) -> Message | None:
    try:
        when = datetime.fromisoformat(str(item["date"]))
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
    except (KeyError, ValueError, OverflowError):  # overflow: a zone that moves it past year 9999
        chat.note_problem(number, f"has no readable date ({str(item.get('date'))[:40]!r}); skipped")
        return None
    sender = item.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        chat.note_problem(number, "has no sender; skipped")
        return None
    body = str(item.get("body") or "").rstrip()
    edited = bool(item.get("edits"))
    if item.get("deleted") is True:
        return _message(when, sender, body or DELETED, Kind.deleted, edited, number)
    if item.get("call") is True:
        return _message(when, sender, body or "call", Kind.call, edited, number)
    if body:
        return _message(when, sender, body, None, edited, number)
    attachments = item.get("attachments")
    listed = attachments if isinstance(attachments, list) else []
    files = [str(a.get("name") or a.get("path") or "attachment") for a in listed if isinstance(a, dict)]
    sticker = item.get("sticker")
    if isinstance(sticker, dict):
        files.append(f"sticker {sticker.get('emoji') or ''}".strip())
    elif isinstance(sticker, str) and sticker:
        files.append(f"sticker {sticker}")
    if files:
        return _message(when, sender, ", ".join(files), Kind.media, edited, number)
    chat.note_problem(number, "has no text, attachment or sticker; skipped")
    return None


def _from_markdown(source: Source, chat: Chat) -> Iterator[Message]:
    pending: tuple[Line, re.Match[str], list[str]] | None = None
    size = 0  # characters kept of the pending message's later lines
    for line in source.lines():
        if line.bad_bytes:
            chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
        match = HEADER.match(line.text)
        if match:
            if pending is not None and (message := _md_message(*pending, chat)) is not None:
                yield message
            pending, size = (line, match, [match["rest"]]), 0
        elif pending is not None:
            if size <= MOST_CHARACTERS:  # past it the message is cut (and that is reported): memory stays flat
                pending[2].append(line.text)
                size += len(line.text) + 1
        elif line.text.strip():
            chat.note_problem(line.number, "comes before the first message and has no date; skipped")
    if pending is not None and (message := _md_message(*pending, chat)) is not None:
        yield message


def _md_message(line: Line, match: re.Match[str], parts: list[str], chat: Chat) -> Message | None:
    stamp = f"{match['date']} {match['time']}"
    try:
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S" if stamp.count(":") == 2 else "%Y-%m-%d %H:%M")
    except ValueError:
        chat.note_problem(line.number, f"has a date or time that does not exist ({stamp!r}); skipped")
        return None
    cut = sum(map(len, parts)) + len(parts) - 1 > MOST_CHARACTERS
    if cut:
        chat.note_cut(line.number)
    while parts and not parts[-1].strip():
        parts.pop()  # the blank line after each message
    if len(parts) > 2 and parts[0] == "" and parts[1] == "" and parts[2].startswith("> "):
        end = 2  # a quote: a blank line, "> " lines, a blank line, then the words
        while end < len(parts) and parts[end].startswith(">"):
            end += 1
        parts = parts[end + 1 :]
    text = "\n".join(parts)
    files = [found["name"] if found["path"].startswith("./") else f"sticker {found['name']}".strip()
             for found in LINK.finditer(text)]  # fmt: skip
    text = LINK.sub("", text)
    kept: list[str] = []
    for part in text.split("\n"):
        if sticker := STICKER.match(part):
            files.append(f"sticker {sticker['emoji']}".strip())
        elif not REACTIONS.match(part):
            kept.append(part)
    body = "\n".join(kept).rstrip()[: MOST_CHARACTERS if cut else None]
    sender = match["sender"]
    if body:
        return _message(when, sender, body, None, False, line.number)
    if files:
        return _message(when, sender, ", ".join(files), Kind.media, False, line.number)
    chat.note_problem(line.number, "has no text, attachment or sticker; skipped")
    return None
