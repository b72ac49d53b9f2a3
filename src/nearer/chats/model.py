"""The one value every importer gives: a ``Chat`` of ``Message`` s, whatever the app that exported it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from operator import attrgetter

MOST_PROBLEMS_KEPT = 1000  # beyond this, unreadable lines are counted, not listed
MOST_CHARACTERS = 64 << 10  # of one message's text; a longer message keeps its start, and the cut is reported


class Kind(StrEnum):
    text = "text"
    media = "media"  # a photo, video, voice note, sticker, file or poll: something other than words
    deleted = "deleted"
    system = "system"  # said by the app, not a person: "Alice added Bob", encryption notices
    call = "call"


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to make, and a chat makes millions
class Message:
    time: datetime  # as the export shows it: local time, without a zone unless the format has one
    sender: str | None  # None for system messages
    text: str
    kind: Kind = Kind.text
    edited: bool = False
    line: int | None = None  # where it starts in the source, for messages about it


@dataclass(frozen=True)
class Problem:
    """A line that could not be read: counted and reported, never dropped silently."""

    line: int
    reason: str


@dataclass
class Chat:
    format: str  # "whatsapp", "telegram", ...
    messages: list[Message]
    people: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0  # every unreadable line, even those past MOST_PROBLEMS_KEPT

    def __post_init__(self) -> None:
        if not self.people:
            self.people = people_of(self.messages)

    def note_problem(self, line: int, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MOST_PROBLEMS_KEPT:
            self.problems.append(Problem(line, reason))

    def note_cut(self, line: int) -> None:
        """Note that the message starting on ``line`` was longer than MOST_CHARACTERS and was cut."""
        kb = MOST_CHARACTERS >> 10
        self.note_problem(line, f"is a message longer than {kb} KB; it was cut to its first {kb} KB")

    def cut_long_messages(self) -> None:
        """Cut each message still longer than MOST_CHARACTERS to its start, noting each cut."""
        if max(map(len, map(attrgetter("text"), self.messages)), default=0) <= MOST_CHARACTERS:
            return  # the usual case, told without a loop in Python
        for number, message in enumerate(self.messages, 1):
            if len(message.text) > MOST_CHARACTERS:
                message.text = message.text[:MOST_CHARACTERS]
                self.note_cut(message.line if message.line is not None else number)


def people_of(messages: list[Message]) -> tuple[str, ...]:
    """Everyone who wrote something, most messages first."""
    counts: dict[str, int] = {}
    for message in messages:
        if message.sender is not None and message.kind is not Kind.system:
            counts[message.sender] = counts.get(message.sender, 0) + 1
    return tuple(sorted(counts, key=lambda name: (-counts[name], name)))
