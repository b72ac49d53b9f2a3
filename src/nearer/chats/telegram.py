"""Telegram Desktop's "Export chat history" in machine-readable JSON (``result.json``): one chat, or
the whole account's export (pick a chat with ``chat``).

``text`` is a string or a list of pieces (strings, or objects with their own ``text``), joined as
they are, without added spaces. Time is ``date_unixtime`` read in this computer's time zone, or
``date`` when there is no unixtime. Read as a stream (ijson), so a huge export stays small in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import ijson

from nearer.chats.model import Chat, Kind, Message
from nearer.chats.source import Source
from nearer.errors import InvalidInput

NAME = "telegram"
MEDIA_KEYS = ("photo", "file", "media_type", "poll", "sticker_emoji", "location_information", "contact_information")


def looks_like(head: str) -> str | None:
    start = head.lstrip()
    if not start.startswith("{"):
        return "it is not a JSON object"
    if '"messages"' not in head and '"chats"' not in head:
        return 'it has no "messages" or "chats" near its start'
    if re.search(r'"(?:sender_name|timestamp_ms)"\s*:', head):
        return "it looks like a Messenger or Instagram export (its messages have sender_name and timestamp_ms)"
    if re.search(r'"guild"\s*:', head) and re.search(r'"channel"\s*:', head):
        return "it looks like a DiscordChatExporter export (it has a guild and a channel)"
    if '"date"' not in head and '"chats"' not in head and '"type"' not in head:
        return 'its messages have no "date"'
    return None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(piece if isinstance(piece, str) else str(piece.get("text", "")) for piece in value)
    return ""


def _time(item: dict[str, Any]) -> datetime:
    if "date_unixtime" in item:
        return datetime.fromtimestamp(int(item["date_unixtime"]))
    return datetime.fromisoformat(str(item["date"]))


def _message(item: dict[str, Any], number: int, chat: Chat) -> Message | None:
    try:
        when = _time(item)
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        chat.note_problem(number, "has no readable date; skipped")
        return None
    sender = item.get("from") or item.get("actor")
    sender = str(sender) if sender is not None else None
    text = _text(item.get("text", ""))
    edited = "edited" in item or "edited_unixtime" in item
    if item.get("type") == "service":
        action = str(item.get("action", ""))
        if action in ("phone_call", "group_call"):
            return Message(when, sender, text or action.replace("_", " "), Kind.call, line=number)
        return Message(
            when, None, text or f"{sender or 'someone'}: {action.replace('_', ' ')}", Kind.system, line=number
        )
    if any(key in item for key in MEDIA_KEYS) and not text:
        described = item.get("media_type") or ("poll" if "poll" in item else "photo" if "photo" in item else "file")
        if "poll" in item:
            text = str(item["poll"].get("question", ""))
        return Message(when, sender, text or str(described).replace("_", " "), Kind.media, edited, number)
    return Message(when, sender, text, Kind.text, edited, number)


def _chats(source: Source) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Each chat's name with its messages (one for a single-chat export)."""
    head = source.head()
    if re.search(r'"chats"\s*:\s*\{', head):
        with source.binary() as handle:
            for item in ijson.items(handle, "chats.list.item", use_float=True):
                yield str(item.get("name") or f"chat {item.get('id', '?')}"), iter(item.get("messages", []))
        return
    named = re.search(r'"name"\s*:\s*"((?:[^"\\]|\\.)*)"', head)
    with source.binary() as handle:
        yield (named.group(1) if named else "this chat"), ijson.items(handle, "messages.item", use_float=True)


def read(source: Source, chat_name: str | None = None) -> Chat:
    chat = Chat(format=NAME, messages=[])
    names: list[str] = []
    try:
        for name, items in _chats(source):
            names.append(name)
            if chat_name is not None and name != chat_name:
                continue
            if chat.messages and chat_name is None:
                continue
            for number, item in enumerate(items, 1):
                if not isinstance(item, dict):
                    chat.note_problem(number, "is not a message object; skipped")
                    continue
                message = _message(item, number, chat)
                if message is not None:
                    chat.messages.append(message)
    except ijson.JSONError as exc:
        raise InvalidInput(f"{source.name} is not valid JSON ({exc}).") from exc
    if len(names) > 1 and chat_name is None:
        shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
        raise InvalidInput(f"{source.name} is a whole-account export with {len(names)} chats; pick one with "
                           f"--chat NAME: {shown}.")  # fmt: skip
    if chat_name is not None and chat_name not in names:
        raise InvalidInput(f"{source.name} has no chat called {chat_name!r}; it has: {', '.join(names[:20])}.")
    chat.people = ()
    chat.__post_init__()
    return chat
