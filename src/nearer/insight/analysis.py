"""Read a chat with the lens: each person's words, each reply with the message it answers.

A reply's context is the message just before it when someone else wrote that one, in the same
conversation (no gap longer than ``CONVERSATION_GAP``). Only words are read: media, calls,
deleted and system lines count as neither acts nor replies. A message the lens reads as
``safety``, or whose words may mean danger (``nearer.support``), is set apart: it is counted,
and none of its other acts or its turn are scored.

Every message is read by the fast tier. With ``reread=True`` and the accurate tier installed,
every bid and every reply to one is read again by the accurate tier, whose reading replaces the
fast one, except that ``safety`` stays wherever either tier sees it: a missed safety concern costs
far more than a false alarm.

The chat may be held (a ``Chat``) or read as it streams (a ``ChatStream``, for a file too large to
hold): either way its messages are read once, in batches of ``BATCH`` messages in words, and what the
report needs of each is kept as numbers in columns (``Analysis``), a few dozen bytes a message; words
are kept only for the few messages the report quotes (``replies``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import repeat

import numpy as np
from numpy.typing import NDArray

from nearer.chats import Chat, ChatStream, Kind, Message
from nearer.errors import ModelUnavailable
from nearer.insight.columns import Column
from nearer.insight.replies import CONVERSATION_GAP, EPOCH, KINDS, SYSTEM, Batch, Replies
from nearer.lens import ACTS, score_batch
from nearer.lens.heads import TURN_CLASSES
from nearer.support import unsafe_among

__all__ = ["BATCH", "CONVERSATION_GAP", "Analysis", "PersonCounts", "Progress", "analyze", "contexts_of", "replies_to"]

BATCH = 20_000
SAFETY = ACTS.index("safety")
BIDS = [ACTS.index(a) for a in ("disclosure", "curiosity", "appreciation")]
STEP = 1 << 20  # messages summed at a time, so that no sum needs much memory beside the columns
_MICROSECOND = timedelta(microseconds=1)

Progress = Callable[[int, int], None]  # (messages read so far, messages in all; a guess while a stream is read)


@dataclass
class PersonCounts:
    messages: int = 0
    words: int = 0
    acts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTS, 0))
    turns: dict[str, int] = field(default_factory=lambda: {"toward": 0, "away": 0, "against": 0})


@dataclass
class Analysis:
    """What the lens read, as columns. For each message: ``time`` (microseconds from 1970, as the export
    shows it), ``sender`` (an index into ``names``), ``kind`` (an index into ``replies.KINDS``), ``words``
    (of a message in words) and ``replies`` (the message that answers it, see ``replies``). For each message
    the lens read (``read_at`` indexes the messages): its acts (``present``; safety messages with only
    safety set) and its turn (``turns``, an index into TURN_CLASSES).

    ``chat`` is the chat as given: with its messages when it was held, without them when it was streamed."""

    chat: Chat
    people: dict[str, PersonCounts]
    names: list[str | None]
    time: NDArray[np.int64]
    sender: NDArray[np.int32]
    kind: NDArray[np.int8]
    words: NDArray[np.int32]
    replies: NDArray[np.int32]
    read_at: NDArray[np.int32]
    present: NDArray[np.bool_]
    turns: NDArray[np.int8]
    first: datetime | None  # the earliest and latest times of any message, as the chat gives them
    last: datetime | None
    moments: Replies  # the shares the report may quote, with their words

    @property
    def read(self) -> int:
        return int(self.read_at.size)

    @property
    def safety_lines(self) -> list[int]:
        return [int(at) for at in self.read_at[self.present[:, SAFETY]]]


def replies_to(message: Message, before: Message) -> bool:
    """Whether a message in words answers ``before``, the last message in words before it."""
    return before.sender != message.sender and message.time - before.time <= CONVERSATION_GAP


def contexts_of(chat: Chat) -> list[int | None]:
    """For each message, the index of the message it answers, or None."""
    found: list[int | None] = []
    before: int | None = None
    for at, message in enumerate(chat.messages):
        if message.kind is not Kind.text:
            found.append(None)
            continue
        found.append(before if before is not None and replies_to(message, chat.messages[before]) else None)
        before = at
    return found


@dataclass
class _Raw:
    """A batch as it is read: lists, turned into arrays once it is full."""

    times: list[datetime] = field(default_factory=list)
    senders: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    read: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    contexts: list[str | None] = field(default_factory=list)


def _batches(messages: Iterable[Message], names: list[str | None]) -> Iterator[_Raw]:
    """The messages in batches of BATCH read by the lens (the last one may hold fewer), adding each new
    sender to ``names``. The one loop over every message: it does as little as it can."""
    number: dict[str | None, int] = {}
    code = {kind: k for k, kind in enumerate(KINDS)}
    words_kind = Kind.text
    raw = _Raw()
    before: Message | None = None
    for message in messages:
        sender, kind = message.sender, message.kind
        who = number.get(sender)
        if who is None:
            who = number[sender] = len(names)
            names.append(sender)
        raw.times.append(message.time)
        raw.senders.append(who)
        raw.kinds.append(code[kind])
        if kind is not words_kind:
            raw.words.append(0)
            continue
        text = message.text
        raw.words.append(len(text.split()))
        if sender:
            raw.read.append(len(raw.times) - 1)
            raw.texts.append(text)
            raw.contexts.append(before.text if before is not None and replies_to(message, before) else None)
        before = message
        if len(raw.texts) == BATCH:
            yield raw
            raw = _Raw()
    yield raw


def _microseconds(times: list[datetime]) -> NDArray[np.int64]:
    """Times as microseconds from 1970, as the export shows them (a time with a zone, by its own clock)."""
    try:
        since = map(operator.sub, times, repeat(EPOCH))
        return np.fromiter(map(operator.floordiv, since, repeat(_MICROSECOND)), np.int64, len(times))
    except TypeError:  # a time with a zone
        return _microseconds([t.replace(tzinfo=None) for t in times])


class _Lens:
    """The lens over one batch, with the accurate tier's second reading while it is there to be had."""

    def __init__(self, reread: bool) -> None:
        self.reread = reread

    def read(self, texts: list[str], contexts: list[str | None]) -> tuple[NDArray[np.bool_], NDArray[np.int8]]:
        if not texts:
            return np.zeros((0, len(ACTS)), dtype=bool), np.zeros(0, dtype=np.int8)
        scores = score_batch(texts, contexts)
        present, turns = scores.present, scores.turns
        # Words that may mean danger count in every message, even where the lens is sure there is none:
        # it has scored "there's no point in going on" 0.002 (see nearer.support).
        present[unsafe_among(texts), SAFETY] = True
        self._read_again(texts, contexts, present, turns)
        unsafe = present[:, SAFETY]
        present[unsafe] = np.arange(len(ACTS)) == SAFETY
        turns[unsafe] = 0
        return present, turns.astype(np.int8)

    def _read_again(
        self, texts: list[str], contexts: list[str | None], present: NDArray[np.bool_], turns: NDArray[np.int64]
    ) -> None:
        """The accurate tier's second reading (see the module's docstring); nothing when it is not installed."""
        if not self.reread:
            return
        rows = np.flatnonzero(present[:, BIDS].any(axis=1) | (turns != 0)).tolist()
        if not rows:
            return
        try:
            second = score_batch([texts[r] for r in rows], [contexts[r] for r in rows], tier="accurate")
        except ModelUnavailable:
            self.reread = False
            return
        unsafe = present[rows, SAFETY] | second.present[:, SAFETY]
        present[rows] = second.present
        present[rows, SAFETY] = unsafe
        turns[rows] = second.turns


def analyze(chat: Chat | ChatStream, progress: Progress | None = None, reread: bool = False) -> Analysis:
    """Read every message of a chat with the lens; ``progress`` hears after each batch how far it has come."""
    messages: Iterable[Message] = chat.messages
    total = None if isinstance(chat, ChatStream) else sum(1 for m in chat.messages if m.kind is Kind.text and m.sender)
    reading = _Reading(progress, total, chat)
    lens = _Lens(reread)
    try:
        for raw in _batches(messages, reading.names):
            reading.add(raw, *lens.read(raw.texts, raw.contexts))
    finally:
        if isinstance(chat, ChatStream):
            chat.close()  # read to its end, or given up on: either way its file is closed now
    return reading.analysis(chat.chat if isinstance(chat, ChatStream) else chat)  # a stream's, once read


class _Reading:
    """The columns as they grow, batch by batch."""

    def __init__(self, progress: Progress | None, total: int | None, chat: Chat | ChatStream) -> None:
        self.progress, self.total, self.chat = progress, total, chat
        self.names: list[str | None] = []
        self.columns = {
            "time": Column(np.int64),
            "sender": Column(np.int32),
            "kind": Column(np.int8),
            "words": Column(np.int32),
            "read_at": Column(np.int32),
            "present": Column(np.bool_, len(ACTS)),
            "turns": Column(np.int8),
        }
        self.replies = Replies(self.names)
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.done = self.start = 0

    def add(self, raw: _Raw, present: NDArray[np.bool_], turns: NDArray[np.int8]) -> None:
        if raw.times:
            low, high = min(raw.times), max(raw.times)
            self.first = low if self.first is None or low < self.first else self.first
            self.last = high if self.last is None or high > self.last else self.last
        read = np.array(raw.read, dtype=np.int64)
        kind = np.array(raw.kinds, dtype=np.int8)
        batch = Batch(self.start, _microseconds(raw.times), np.array(raw.senders, dtype=np.int32), kind, read,
                      present, turns, raw.texts)  # fmt: skip
        self.replies.feed(batch)
        for name, values in (("time", batch.time), ("sender", batch.sender), ("kind", kind), ("words", raw.words),
                             ("read_at", self.start + read), ("present", present), ("turns", turns)):  # fmt: skip
            self.columns[name].extend(values)
        self.start += len(raw.times)
        self.done += len(raw.texts)
        if self.progress is not None and raw.texts:
            self.progress(self.done, self.total if self.total is not None else _guess(self.done, self.chat))

    def analysis(self, chat: Chat) -> Analysis:
        self.replies.finish()
        if self.progress is not None and self.total is None and self.done:
            self.progress(self.done, self.done)
        columns = {name: column.filled() for name, column in self.columns.items()}
        analysis = Analysis(chat=chat, people={}, names=self.names, replies=self.replies.column.filled(),
                            first=self.first, last=self.last, moments=self.replies, **columns)  # fmt: skip
        analysis.people = count_people(analysis)
        return analysis


def _guess(done: int, chat: Chat | ChatStream) -> int:
    """How many messages a stream will have been read in all, guessed from how far through the file it is."""
    fraction = chat.fraction_read() if isinstance(chat, ChatStream) else 1.0
    return max(done + 1, round(done / fraction)) if fraction > 0 else done + 1


def count_people(analysis: Analysis) -> dict[str, PersonCounts]:
    """Each person's messages, words, acts and turns: the chat's people first, then anyone else who wrote."""
    senders = len(analysis.names)
    messages = np.zeros(senders, dtype=np.int64)
    words = np.zeros(senders, dtype=np.int64)
    for low in range(0, analysis.time.size, STEP):
        sender, kind = analysis.sender[low : low + STEP], analysis.kind[low : low + STEP]
        spoken = kind != SYSTEM
        messages += np.bincount(sender[spoken], minlength=senders)
        words += np.bincount(
            sender[spoken], weights=analysis.words[low : low + STEP][spoken], minlength=senders
        ).astype(np.int64)
    acts = np.zeros((senders, len(ACTS)), dtype=np.int64)
    turns = np.zeros((senders, len(TURN_CLASSES)), dtype=np.int64)
    for low in range(0, analysis.read, STEP):
        sender = analysis.sender[analysis.read_at[low : low + STEP]]
        present = analysis.present[low : low + STEP]
        for act in range(len(ACTS)):
            acts[:, act] += np.bincount(sender[present[:, act]], minlength=senders)
        turned = sender.astype(np.int64) * len(TURN_CLASSES) + analysis.turns[low : low + STEP]
        turns += np.bincount(turned, minlength=senders * len(TURN_CLASSES)).reshape(senders, len(TURN_CLASSES))
    people = {name: PersonCounts() for name in analysis.chat.people}
    for who, name in enumerate(analysis.names):
        if name is not None and messages[who]:
            people.setdefault(name, PersonCounts())
    for who, name in enumerate(analysis.names):
        if name is None or name not in people:
            continue
        person = people[name]
        person.messages, person.words = int(messages[who]), int(words[who])
        person.acts = {act: int(acts[who, k]) for k, act in enumerate(ACTS)}
        person.turns = {turn: int(turns[who, k]) for k, turn in enumerate(TURN_CLASSES) if turn != "none"}
    return people
