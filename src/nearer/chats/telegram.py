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
ACCOUNT = re.compile(  # how a whole-account export opens: "about", then "personal_information", "contacts", ...
    r'^\s*\{\s*"about"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"(?:personal_information|profile_pictures|stories|contacts|'
    r'frequent_contacts|sessions|chats|left_chats)"\s*:'
)
MEDIA_KEYS = frozenset(
    ("photo", "file", "media_type", "poll", "sticker_emoji", "location_information", "contact_information")
)


def whole_account(head: str) -> bool:
    """Whether the start of a file reads as a whole-account export: its chats may come far below a long
    list of contacts, past what is sniffed, so it is known by the keys it opens with."""
    return bool(re.search(r'"chats"\s*:\s*\{', head) or ACCOUNT.search(head))


def looks_like(head: str) -> str | None:
    start = head.lstrip()
    if not start.startswith("{"):
        return "it is not a JSON object"
    if whole_account(head):
        return None
    if '"messages"' not in head and '"chats"' not in head:
        return 'it has no "messages" or "chats" near its start'
    if re.search(r'"(?:sender_name|timestamp_ms)"\s*:', head):
        return "it looks like a Messenger or Instagram export (its messages have sender_name and timestamp_ms)"
    if re.search(r'"guild"\s*:', head) and re.search(r'"channel"\s*:', head):
        return "it looks like a DiscordChatExporter export (it has a guild and a channel)"
    if '"date"' not in head and '"chats"' not in head and '"type"' not in head:
        return 'its messages have no "date"'
    return None


def _text(value: Any) -> str | None:
    """A message's words from a string or a list of pieces (strings, or objects with a ``text``); None when
    ``value`` is neither, so not Telegram's."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_piece(piece) for piece in value)
    return None


def _piece(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return str(value["text"])
    return ""


def _name(value: Any) -> str | None:
    """A sender's name: a string, or a number where a name was expected; anything else is no name."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


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
    sender = _name(item.get("from")) or _name(item.get("actor"))
    text = _text(item.get("text", ""))
    if text is None:
        chat.note_problem(
            number, f'has a "text" that is neither words nor a list of pieces ({type(item["text"]).__name__}); skipped'
        )
        return None
    edited = "edited" in item or "edited_unixtime" in item
    if item.get("type") == "service":
        action = str(item.get("action", ""))
        if action in ("phone_call", "group_call"):
            return Message(when, sender, text or action.replace("_", " "), Kind.call, line=number)
        return Message(
            when, None, text or f"{sender or 'someone'}: {action.replace('_', ' ')}", Kind.system, line=number
        )
    if not text and not MEDIA_KEYS.isdisjoint(item):
        described = item.get("media_type") or ("poll" if "poll" in item else "photo" if "photo" in item else "file")
        if isinstance(poll := item.get("poll"), dict):
            text = _text(poll.get("question")) or ""
        return Message(when, sender, text or str(described).replace("_", " "), Kind.media, edited, number)
    return Message(when, sender, text, Kind.text, edited, number)


def _chats(source: Source) -> Iterator[tuple[str, Iterator[Any]]]:
    """Each chat's name with its messages (one for a single-chat export)."""
    head = source.head()
    if whole_account(head):
        with source.json() as handle:
            for number, item in enumerate(ijson.items(handle, "chats.list.item", use_float=True), 1):
                if not isinstance(item, dict):
                    raise InvalidInput(f"{source.name}: chat {number} in its list of chats is not a chat object.")
                name = str(item.get("name") or f"chat {item.get('id', '?')}")
                messages = item.get("messages", [])
                if not isinstance(messages, list):
                    raise InvalidInput(f'{source.name}: the "messages" of the chat {name!r} are not a list.')
                yield name, iter(messages)
        return
    if (shape := re.search(r'"messages"\s*:\s*(\S)', head)) and shape.group(1) != "[":
        raise InvalidInput(f'{source.name}: its "messages" are not a list, so it is not a Telegram export as expected.')
    named = re.search(r'"name"\s*:\s*"((?:[^"\\]|\\.)*)"', head)
    with source.json() as handle:
        yield (named.group(1) if named else "this chat"), ijson.items(handle, "messages.item", use_float=True)


def read(source: Source, chat_name: str | None = None) -> Chat:
    chat = Chat(format=NAME, messages=[])
    chat.messages.extend(messages(source, chat, chat_name))
    chat.people = ()
    chat.__post_init__()
    return chat


def messages(source: Source, chat: Chat, chat_name: str | None = None) -> Iterator[Message]:
    """The messages one at a time, noting unreadable ones on ``chat`` as it goes. A single chat's export is
    read as a stream; a whole-account export holds one chat at a time (ijson gives each chat whole)."""
    names: list[str] = []
    found = 0  # messages read: after the first chat with any, the others are only named
    try:
        for name, items in _chats(source):
            names.append(name)
            if chat_name is not None and name != chat_name:
                continue
            if found and chat_name is None:
                continue
            for number, item in enumerate(items, 1):
                if not isinstance(item, dict):
                    chat.note_problem(number, "is not a message object; skipped")
                    continue
                message = _message(item, number, chat)
                if message is not None:
                    found += 1
                    yield message
    except ijson.JSONError as exc:
        raise InvalidInput(f"{source.name} is not valid JSON ({exc}).") from exc
    if len(names) > 1 and chat_name is None:
        shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
        raise InvalidInput(f"{source.name} is a whole-account export with {len(names)} chats; pick one with "
                           f"--chat NAME: {shown}.")  # fmt: skip
    if chat_name is not None and chat_name not in names:
        raise InvalidInput(f"{source.name} has no chat called {chat_name!r}; it has: {', '.join(names[:20])}.")
