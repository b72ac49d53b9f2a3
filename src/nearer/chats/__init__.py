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

``open_chat`` reads the same exports one message at a time, for a file too large to hold: its ``ChatStream``
gives the messages as they are read, and the ``Chat`` without them (format, people, warnings, problems).
WhatsApp, Telegram (one chat's export), Signal, iMessage and Discord CSV are read as they stream; a few
formats must be held whole before their first message is known, and are given from memory: CSV (its rows
are sorted by time), Messenger (its parts are newest first), Discord JSON (it may be newest first) and each
chat of a Telegram whole-account export (ijson gives each chat whole). ``load_chat`` is ``open_chat`` with
every message kept.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

from nearer.chats import discord, generic_csv, imessage, messenger, signal, telegram, whatsapp
from nearer.chats.model import MOST_CHARACTERS, MOST_PROBLEMS_KEPT, Chat, Kind, Message, Problem
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

__all__ = ["FORMATS", "Chat", "ChatStream", "Kind", "Message", "Problem", "load_chat", "open_chat"]


def load_chat(
    path: Path, format: str | None = None, *, date_order: str | None = None, chat_name: str | None = None
) -> Chat:
    """Read an export, holding every message. ``format`` is one of FORMATS, or None to tell from the file."""
    stream = open_chat(path, format, date_order=date_order, chat_name=chat_name)
    messages = list(stream.messages)
    chat = stream.chat
    chat.messages = messages
    return chat


def open_chat(
    path: Path, format: str | None = None, *, date_order: str | None = None, chat_name: str | None = None
) -> ChatStream:
    """Start reading an export, to be read one message at a time (``ChatStream``); the format is told here,
    and an export that can't be opened or matches no format is an ``InvalidInput`` now. One that looks like
    a format but can't be read as one is an ``InvalidInput`` from its messages, as they are read.

    >>> stream = open_chat(Path("WhatsApp Chat with Sam.txt"))    # doctest: +SKIP
    >>> sum(1 for message in stream.messages), stream.chat.people   # doctest: +SKIP
    """
    if format is not None and format not in FORMATS:
        raise InvalidInput(f"Unknown format {format!r}: choose one of {', '.join(FORMATS)}.", field="format")
    try:
        source = _locate(path, format, chat_name)
        head = source.head()
    except SLIPS as exc:
        raise InvalidInput(f"Can't read {path.name}: {_slip(exc)}.") from exc
    tried = [format] if format else list(FORMATS)
    why_not = {name: _looks_like(name, head) for name in tried}
    if all(reason is not None for reason in why_not.values()):
        raise _nothing_fits(path, tried, why_not)
    return ChatStream(path, source, tried, why_not, date_order, chat_name)


class ChatStream:
    """An export being read. ``messages`` gives them one at a time, once; ``chat`` is the Chat without
    them (``chat.messages`` stays empty): its format, the warnings and problems noted so far, and, once
    every message has been read, its people. ``fraction_read`` says roughly how far through the file
    reading has come, for progress."""

    def __init__(
        self,
        path: Path,
        source: Source,
        tried: list[str],
        why_not: dict[str, str | None],
        date_order: str | None,
        chat_name: str | None,
    ) -> None:
        self.source = source
        self.chat = Chat(format=tried[0], messages=[])
        self.messages = self._read(path, tried, why_not, date_order, chat_name)
        self._held: list[Message] = []  # a format read whole: the messages not given yet, of so many
        self._held_from = 0

    def close(self) -> None:
        """Stop reading, closing the file now rather than when the stream is forgotten."""
        self.messages.close()

    def fraction_read(self) -> float:
        if self._held_from:
            return 1 - len(self._held) / self._held_from
        return self.source.fraction_read()

    def _read(
        self, path: Path, tried: list[str], why_not: dict[str, str | None], date_order: str | None,
        chat_name: str | None,
    ) -> Generator[Message, None, None]:  # fmt: skip
        unread: list[tuple[str, Chat]] = []  # formats it looked like, where no message could be read
        for name in sorted(tried, key=SNIFF_ORDER.index):
            if why_not[name] is not None:
                continue
            chat = self.chat = Chat(format=name, messages=[])
            counts: dict[str, int] = {}  # messages of each person, to tell who the people are at the end
            cut: list[int] = []  # where messages longer than MOST_CHARACTERS start (the first so many)
            number = cuts = 0
            try:  # it looks like this format: its own error says most
                for message in self._messages(name, chat, date_order, chat_name):
                    number += 1
                    if len(message.text) > MOST_CHARACTERS:
                        message.text = message.text[:MOST_CHARACTERS]
                        cuts += 1
                        if len(cut) < MOST_PROBLEMS_KEPT:
                            cut.append(message.line if message.line is not None else number)
                    if message.sender is not None and message.kind is not Kind.system:
                        counts[message.sender] = counts.get(message.sender, 0) + 1
                    yield message
            except SLIPS as exc:
                raise InvalidInput(
                    f"{path.name} looks like a {LABELS[name]} export but can't be read: {_slip(exc)}."
                ) from exc
            if not number:
                why_not[name] = "none of its messages could be read" if chat.problem_count else "it holds no messages"
                if chat.problem_count:
                    unread.append((name, chat))
                continue
            for line in cut:  # noted after the importer's own problems, as cut_long_messages does
                chat.note_cut(line)
            chat.problem_count += cuts - len(cut)
            chat.people = tuple(sorted(counts, key=lambda person: (-counts[person], person)))  # as people_of
            return
        if unread:
            name, chat = unread[0]
            raise InvalidInput(f"{path.name} looks like a {LABELS[name]} export, but none of its messages could "
                               f"be read: {_problems(chat)}.")  # fmt: skip
        raise _nothing_fits(path, tried, why_not)

    def _messages(self, name: str, chat: Chat, date_order: str | None, chat_name: str | None) -> Iterator[Message]:
        source = self.source
        if name == "whatsapp":
            return whatsapp.messages(source, chat, date_order)
        if name == "telegram":
            return telegram.messages(source, chat, chat_name)
        if name == "messenger":
            return self._all_at_once(messenger.read(source), chat)
        if name == "discord":
            return discord.messages(source, chat)
        if name == "signal":
            return signal.messages(source, chat)
        if name == "imessage":
            return imessage.messages(source, chat)
        return self._all_at_once(generic_csv.read(source), chat)

    def _all_at_once(self, read: Chat, chat: Chat) -> Iterator[Message]:
        """The messages of a format that is read whole (sorted by time, or newest first), given one at a time
        and let go as they are given; what was noted while reading it is noted on ``chat``."""
        chat.format, chat.warnings, chat.problems, chat.problem_count = (
            read.format, read.warnings, read.problems, read.problem_count,
        )  # fmt: skip
        self._held, read.messages = read.messages, []
        self._held.reverse()
        self._held_from = len(self._held)
        while self._held:
            yield self._held.pop()


def _nothing_fits(path: Path, tried: list[str], why_not: dict[str, str | None]) -> InvalidInput:
    reasons = [f"{name}: {why_not[name]}" for name in tried]
    return InvalidInput(
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
