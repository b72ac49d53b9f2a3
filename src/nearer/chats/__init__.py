"""Chat exports in, one ``Chat`` value out.

>>> from nearer.chats import load_chat
>>> chat = load_chat(Path("WhatsApp Chat with Sam.zip"))        # doctest: +SKIP
>>> chat.people, len(chat.messages), chat.warnings                # doctest: +SKIP

One module per format (``whatsapp``, ``telegram``, ``generic_csv``); each says whether the start of a
file looks like its format (``looks_like``) and reads it (``read``). ``load_chat`` sniffs the
format when it is not given and, when nothing fits, says which formats it tried and why each failed.
"""

from __future__ import annotations

from pathlib import Path

from nearer.chats import generic_csv, telegram, whatsapp
from nearer.chats.model import Chat, Kind, Message, Problem
from nearer.chats.source import Source
from nearer.errors import InvalidInput

FORMATS = ("whatsapp", "telegram", "csv")

__all__ = ["FORMATS", "Chat", "Kind", "Message", "Problem", "load_chat"]


def load_chat(
    path: Path, format: str | None = None, *, date_order: str | None = None, chat_name: str | None = None
) -> Chat:
    """Read an export. ``format`` is one of FORMATS, or None to tell from the file."""
    if format is not None and format not in FORMATS:
        raise InvalidInput(f"Unknown format {format!r}: choose one of {', '.join(FORMATS)}.", field="format")
    suffixes = (".json",) if format == "telegram" else (".csv",) if format == "csv" else (".txt", ".json", ".csv")
    source = Source.open(path, suffixes)
    head = source.head()
    tried = [format] if format else list(FORMATS)
    reasons: list[str] = []
    for name in tried:
        why_not = _looks_like(name, head)
        if why_not is not None:
            reasons.append(f"{name}: {why_not}")
            continue
        chat = _read(name, source, date_order, chat_name)  # it looks like this format: its own error says most
        if not chat.messages and not chat.problem_count:
            reasons.append(f"{name}: it holds no messages")
            continue
        return chat
    raise InvalidInput(
        f"Can't read {path.name} as a chat export. Tried {', '.join(tried)}: " + "; ".join(reasons) + "."
    )


def _looks_like(name: str, head: str) -> str | None:
    if name == "whatsapp":
        return whatsapp.looks_like(head)
    if name == "telegram":
        return telegram.looks_like(head)
    return generic_csv.looks_like(head)


def _read(name: str, source: Source, date_order: str | None, chat_name: str | None) -> Chat:
    if name == "whatsapp":
        return whatsapp.read(source, date_order)
    if name == "telegram":
        return telegram.read(source, chat_name)
    return generic_csv.read(source)
