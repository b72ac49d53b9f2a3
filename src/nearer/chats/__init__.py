"""Chat exports in, one ``Chat`` value out.

>>> from nearer.chats import load_chat
>>> chat = load_chat(Path("WhatsApp Chat with Sam.zip"))        # doctest: +SKIP
>>> chat.people, len(chat.messages), chat.warnings                # doctest: +SKIP

One module per format (``whatsapp``, ``telegram``, ``generic_csv``, ``messenger``, ``discord``, ``signal``,
``imessage``); each says whether the start of a file looks like its format (``looks_like``) and reads it
(``read``). ``load_chat`` sniffs the format when it is not given, asking the most particular formats first
(a signal-export ``chat.md`` would pass for a WhatsApp export, Messenger JSON for Telegram's), and, when
nothing fits, says which formats it tried and why each failed. Messenger and Signal exports are folders:
one may be given as the folder, or a zip of it, as well as the file.
"""

from __future__ import annotations

from pathlib import Path

from nearer.chats import discord, generic_csv, imessage, messenger, signal, telegram, whatsapp
from nearer.chats.model import Chat, Kind, Message, Problem
from nearer.chats.source import Source
from nearer.errors import InvalidInput

FORMATS = ("whatsapp", "telegram", "csv", "messenger", "discord", "signal", "imessage")
SNIFF_ORDER = ("signal", "imessage", "messenger", "discord", "whatsapp", "telegram", "csv")  # most particular first
ZIP_SUFFIXES = {  # what the chat is inside a zip, for each format
    "whatsapp": (".txt",),
    "telegram": (".json",),
    "csv": (".csv",),
    "messenger": (".json",),
    "discord": (".json", ".csv"),
    "signal": (".json", ".md"),
    "imessage": (".txt",),
}
ANY_SUFFIX = (".txt", ".json", ".csv", ".md")
LABELS = {"whatsapp": "WhatsApp", "telegram": "Telegram", "csv": "CSV", "messenger": "Messenger",
          "discord": "Discord", "signal": "Signal", "imessage": "iMessage"}  # fmt: skip
# What a parser may slip on when a file is shaped unlike the export it looks like, or can't be read from
# the disk: each becomes an InvalidInput naming the file and the format, never a traceback.
SLIPS = (ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RecursionError, OSError)

__all__ = ["FORMATS", "Chat", "Kind", "Message", "Problem", "load_chat"]


def load_chat(
    path: Path, format: str | None = None, *, date_order: str | None = None, chat_name: str | None = None
) -> Chat:
    """Read an export. ``format`` is one of FORMATS, or None to tell from the file."""
    if format is not None and format not in FORMATS:
        raise InvalidInput(f"Unknown format {format!r}: choose one of {', '.join(FORMATS)}.", field="format")
    try:
        source = _locate(path, format, chat_name)
        head = source.head()
    except SLIPS as exc:
        raise InvalidInput(f"Can't read {path.name}: {_slip(exc)}.") from exc
    tried = [format] if format else list(FORMATS)
    why_not = {name: _looks_like(name, head) for name in tried}
    unread: list[tuple[str, Chat]] = []  # formats it looked like, where no message could be read
    for name in sorted(tried, key=SNIFF_ORDER.index):
        if why_not[name] is not None:
            continue
        try:
            chat = _read(name, source, date_order, chat_name)  # it looks like this format: its own error says most
        except SLIPS as exc:
            raise InvalidInput(
                f"{path.name} looks like a {LABELS[name]} export but can't be read: {_slip(exc)}."
            ) from exc
        if not chat.messages:
            why_not[name] = "none of its messages could be read" if chat.problem_count else "it holds no messages"
            if chat.problem_count:
                unread.append((name, chat))
            continue
        chat.cut_long_messages()
        return chat
    if unread:
        name, chat = unread[0]
        raise InvalidInput(f"{path.name} looks like a {LABELS[name]} export, but none of its messages could be read: "
                           f"{_problems(chat)}.")  # fmt: skip
    reasons = [f"{name}: {why_not[name]}" for name in tried]
    raise InvalidInput(
        f"Can't read {path.name} as a chat export. Tried {', '.join(tried)}: " + "; ".join(reasons) + "."
    )


def _slip(exc: BaseException) -> str:
    """What went wrong, in a few words, for an error no importer expected."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    return f"it is shaped unlike any export nearer knows ({type(exc).__name__}: {str(exc)[:200]})"


def _problems(chat: Chat, shown: int = 3) -> str:
    """The first few problems, quoted, and how many more there are."""
    said = "; ".join(f"line {p.line} {p.reason.removesuffix('; skipped')}" for p in chat.problems[:shown])
    more = chat.problem_count - min(shown, len(chat.problems))
    return said + (f"; and {more:,} more" if more > 0 else "")


def _locate(path: Path, format: str | None, chat_name: str | None) -> Source:
    """The file to read: ``path``, the chat inside a zip, or the chat's file inside a folder."""
    if format in (None, "messenger") and (found := messenger.locate(path, chat_name)) is not None:
        return found
    if format in (None, "signal") and (found := signal.locate(path, chat_name)) is not None:
        return found
    return Source.open(path, ZIP_SUFFIXES[format] if format else ANY_SUFFIX)


def _looks_like(name: str, head: str) -> str | None:
    if name == "whatsapp":
        return whatsapp.looks_like(head)
    if name == "telegram":
        return telegram.looks_like(head)
    if name == "messenger":
        return messenger.looks_like(head)
    if name == "discord":
        return discord.looks_like(head)
    if name == "signal":
        return signal.looks_like(head)
    if name == "imessage":
        return imessage.looks_like(head)
    return generic_csv.looks_like(head)


def _read(name: str, source: Source, date_order: str | None, chat_name: str | None) -> Chat:
    if name == "whatsapp":
        return whatsapp.read(source, date_order)
    if name == "telegram":
        return telegram.read(source, chat_name)
    if name == "messenger":
        return messenger.read(source)
    if name == "discord":
        return discord.read(source)
    if name == "signal":
        return signal.read(source)
    if name == "imessage":
        return imessage.read(source)
    return generic_csv.read(source)
