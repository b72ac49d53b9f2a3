"""Facebook Messenger's and Instagram's "Download your information" in JSON: a folder for each
conversation (``messages/inbox/samlee_1234567890/``) holding ``message_1.json`` ... ``message_N.json``.

Each file is one object: ``participants`` (``[{"name": ...}]``; not read, the people are those who write),
``messages``, then ``title``, ``is_still_participant``, ``thread_type`` and ``thread_path`` (newer exports add
``magic_words``, ``image``, ``joinable_mode``). Messages are newest first, and ``message_1.json`` holds the
newest; they come out oldest first. A message has ``sender_name`` and ``timestamp_ms``, often ``type``
(``Generic``, ``Share``, ``Call``, ``Subscribe``, ``Unsubscribe``) and ``is_unsent``, and then ``content``
(the words), ``photos``, ``videos``, ``audio_files``, ``gifs`` or ``files`` (lists of ``{"uri": ...}``),
``sticker`` (``{"uri": ...}``), ``share`` (``{"link": ..., "share_text": ...}``), ``call_duration``
(seconds), ``reactions`` (not messages; left out). The app writes "Sam sent an attachment." and the like
as ``content`` beside media; Instagram writes "Liked a message" and "Reacted 😂 to your message" as
messages (read as media, not words); the app's notices ("Sam named the group Picnic.") come as ordinary
messages from the person who acted, and are told apart by their words.

Every string is mojibake: its UTF-8 bytes written one ``\\u00XX`` escape each, so "é" reads "Ã©". A string
is repaired with ``s.encode("latin-1").decode("utf-8")`` only where that round trip works; correct text
(a real "é", an emoji) fails it and is left alone.

Given one ``message_N.json``, the other ``message_*.json`` in its folder are read with it; ``locate`` finds
them in a folder or a zip of one (``--chat NAME`` picks a conversation when there are several). Each file
is read as a stream (ijson), so a huge conversation stays small in memory.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import ijson

from nearer.chats.model import Chat, Kind, Message
from nearer.chats.source import Source
from nearer.errors import InvalidInput

NAME = "messenger"
MESSAGE_FILE = re.compile(r"^message_(\d+)\.json$")
MEDIA = (("photos", "photo"), ("videos", "video"), ("audio_files", "voice message"), ("gifs", "GIF"),
         ("files", "file"), ("sticker", "sticker"))  # fmt: skip
PLACEHOLDER = re.compile(
    r"^.{1,120} sent (?:an attachment|a photo|\d+ photos|a video|a voice message|a GIF|a sticker|a link|a file|"
    r"a location|a live location)\.$"
)
NOTICE = re.compile(
    r" (?:named the group|changed the group photo|removed the group photo|set the nickname for|set (?:his|her|their|"
    r"your) own nickname|set your nickname|cleared the nickname|changed the (?:chat )?theme|changed the emoji|set the "
    r"emoji|set the quick reaction|added .+ to the group|removed .+ from the group|left the group|joined the group|"
    r"joined the video chat|started a video chat|started sharing video|stopped sharing video|is now an admin|is no "
    r"longer an admin|made .+ an admin|pinned a message|turned (?:on|off) disappearing messages)",
)
REACTION = re.compile(r"^(?:Liked a message|Reacted .{1,12} to (?:your|a|their) message ?)$")
DEEPEST = 6  # how far below a folder to look for message_N.json


def looks_like(head: str) -> str | None:
    start = head.lstrip()
    if not start.startswith("{"):
        return "it is not a JSON object"
    if not re.search(r'"participants"\s*:', head) and not re.search(r'"messages"\s*:', head):
        return 'it has no "participants" or "messages" near its start'
    if not re.search(r'"sender_name"\s*:', head) and not re.search(r'"timestamp_ms"\s*:', head):
        if re.search(r'"messages"\s*:\s*\[\s*\]', head):
            return None  # a conversation with no messages; reading it says so
        return 'its messages have no "sender_name" or "timestamp_ms"'
    return None


def repair(text: str) -> str:
    """Undo Facebook's mojibake: UTF-8 read as Latin-1. Text that was never broken fails the round trip."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def locate(path: Path, chat_name: str | None = None) -> Source | None:
    """The first ``message_N.json`` of the one conversation in a folder or zip, or None when there is none."""
    if not path.exists() or (path.is_file() and not zipfile.is_zipfile(path)):
        return None
    threads: dict[str, list[tuple[int, str]]] = {}
    if path.is_dir():
        for folder, dirs, files in os.walk(path):
            depth = len(Path(folder).relative_to(path).parts)
            if depth >= DEEPEST:
                dirs.clear()
            for name in files:
                if found := MESSAGE_FILE.match(name):
                    threads.setdefault(folder, []).append((int(found[1]), name))
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None  # Source.open says what is wrong with it
        for member in names:
            where = PurePosixPath(member)
            if found := MESSAGE_FILE.match(where.name):
                threads.setdefault(str(where.parent), []).append((int(found[1]), member))
    if not threads:
        return None
    folder = _pick(path, sorted(threads), chat_name)
    first = min(threads[folder])[1]
    return Source(Path(folder) / first) if path.is_dir() else Source(path, first)


def _pick(path: Path, folders: list[str], chat_name: str | None) -> str:
    if len(folders) == 1 and chat_name is None:
        return folders[0]
    names = {folder: PurePosixPath(folder).name for folder in folders}
    if chat_name is not None:
        wanted = chat_name.casefold()
        for folder, name in names.items():
            if wanted in (name.casefold(), re.sub(r"_\d+$", "", name).casefold()):
                return folder
        raise InvalidInput(f"{path.name} has no Messenger conversation called {chat_name!r}; it has: "
                           f"{', '.join(list(names.values())[:20])}.")  # fmt: skip
    shown = ", ".join(list(names.values())[:20]) + (", ..." if len(names) > 20 else "")
    raise InvalidInput(f"{path.name} holds {len(folders)} Messenger conversations; pick one with --chat NAME: {shown}.")


def _parts(source: Source) -> list[Source]:
    """``source`` and the other ``message_N.json`` beside it, ``message_1.json`` (the newest) first."""
    own = PurePosixPath(source.member) if source.member else PurePosixPath(source.path.name)
    if not MESSAGE_FILE.match(own.name):
        return [source]
    found: list[tuple[int, Source]] = []
    if source.member is None:
        for sibling in source.path.parent.iterdir():
            if (number := MESSAGE_FILE.match(sibling.name)) and sibling.is_file():
                found.append((int(number[1]), Source(sibling)))
    else:
        with zipfile.ZipFile(source.path) as archive:
            for member in archive.namelist():
                where = PurePosixPath(member)
                if where.parent == own.parent and (number := MESSAGE_FILE.match(where.name)):
                    found.append((int(number[1]), Source(source.path, member)))
    return [part for _, part in sorted(found, key=lambda pair: pair[0])] or [source]


def _items(source: Source) -> Iterator[Any]:
    with source.json() as handle:
        yield from ijson.items(handle, "messages.item", use_float=True)


def _describe(item: dict[str, Any]) -> str | None:
    """What a message without words holds ("photo", "2 photos", "sticker"), or None when it holds nothing."""
    for key, word in MEDIA:
        value = item.get(key)
        if isinstance(value, list) and value:
            return word if len(value) == 1 else f"{len(value)} {word}s"
        if isinstance(value, dict) and value:
            return word
    if isinstance(item.get("share"), dict):
        return "link"
    return None


def _message(item: dict[str, Any], number: int, where: str, chat: Chat) -> Message | None:
    try:
        when = datetime.fromtimestamp(int(item["timestamp_ms"]) / 1000)
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        chat.note_problem(number, f"{where}has no readable timestamp_ms; skipped")
        return None
    raw_sender = item.get("sender_name")
    sender = repair(raw_sender) if isinstance(raw_sender, str) and raw_sender.strip() else None
    raw_content = item.get("content")
    content = repair(raw_content) if isinstance(raw_content, str) else ""
    kind = str(item.get("type", "Generic"))
    if item.get("is_unsent") is True:
        return Message(when, sender, content or "This message was unsent.", Kind.deleted, line=number)
    if kind == "Call" or "call_duration" in item:
        return Message(when, sender, content or "call", Kind.call, line=number)
    if kind in ("Subscribe", "Unsubscribe") or (
        content and NOTICE.search(content) and content.startswith((sender or "\0", "You "))
    ):
        return Message(when, None, content or f"{sender or 'someone'}: {kind.lower()}", Kind.system, line=number)
    described = _describe(item)
    if content and not PLACEHOLDER.match(content):
        if REACTION.match(content) and described is None:
            return Message(when, sender, content.strip(), Kind.media, line=number)
        return Message(when, sender, content, Kind.text, line=number)
    if described is not None or content:
        return Message(when, sender, described or content, Kind.media, line=number)
    chat.note_problem(number, f"{where}has no content, media or call; skipped")
    return None


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])
    parts = _parts(source)
    newest_first: list[Message] = []
    for part in parts:
        where = f"in {part.name} " if len(parts) > 1 else ""
        try:
            for number, item in enumerate(_items(part), 1):
                if not isinstance(item, dict):
                    chat.note_problem(number, f"{where}is not a message object; skipped")
                    continue
                message = _message(item, number, where, chat)
                if message is not None:
                    newest_first.append(message)
        except ijson.JSONError as exc:
            raise InvalidInput(f"{part.name} is not valid JSON ({exc}).") from exc
    chat.messages = sorted(reversed(newest_first), key=lambda message: message.time)
    chat.people = ()
    chat.__post_init__()
    return chat
