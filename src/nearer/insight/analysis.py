"""Read a ``Chat`` with the lens: each person's words, each reply with the message it answers.

A reply's context is the message just before it when someone else wrote that one, in the same
conversation (no gap longer than ``CONVERSATION_GAP``). Only words are read: media, calls,
deleted and system lines count as neither acts nor replies. A message the lens reads as
``safety``, or whose words may mean danger (``nearer.support``), is set apart: it is counted,
and none of its other acts or its turn are scored.

Every message is read by the fast tier. With ``reread=True`` and the accurate tier installed,
every bid and every reply to one is read again by the accurate tier, whose reading replaces the
fast one, except that ``safety`` stays wherever either tier sees it: a missed safety concern costs
far more than a false alarm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from numpy.typing import NDArray

from nearer.chats import Chat, Kind
from nearer.errors import ModelUnavailable
from nearer.lens import ACTS, score_batch
from nearer.lens.heads import TURN_CLASSES
from nearer.support import unsafe_among

CONVERSATION_GAP = timedelta(hours=4)
BATCH = 20_000
SAFETY = ACTS.index("safety")

Progress = Callable[[int, int], None]  # (messages read so far, messages in all)


@dataclass
class PersonCounts:
    messages: int = 0
    words: int = 0
    acts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTS, 0))
    turns: dict[str, int] = field(default_factory=lambda: {"toward": 0, "away": 0, "against": 0})


@dataclass
class Analysis:
    """The chat, and for each message the lens read (``read_at`` indexes ``chat.messages``): its acts
    (``present``, safety messages with only safety set) and its turn (an index into TURN_CLASSES)."""

    chat: Chat
    people: dict[str, PersonCounts]
    answers: list[int | None]  # for every message, the index of the message it answers
    read_at: NDArray[np.int64]
    present: NDArray[np.bool_]
    turns: NDArray[np.int64]

    @property
    def read(self) -> int:
        return int(self.read_at.size)

    @property
    def safety_lines(self) -> list[int]:
        return [int(at) for at in self.read_at[self.present[:, SAFETY]]]


def contexts_of(chat: Chat) -> list[int | None]:
    """For each message, the index of the message it answers, or None."""
    answers: list[int | None] = []
    previous: int | None = None
    for at, message in enumerate(chat.messages):
        context = None
        if message.kind is Kind.text and previous is not None:
            before = chat.messages[previous]
            if before.sender != message.sender and message.time - before.time <= CONVERSATION_GAP:
                context = previous
        answers.append(context)
        if message.kind is Kind.text:
            previous = at
    return answers


def analyze(chat: Chat, progress: Progress | None = None, reread: bool = False) -> Analysis:
    answers = contexts_of(chat)
    messages = chat.messages
    read_at = np.array([at for at, m in enumerate(messages) if m.kind is Kind.text and m.sender], dtype=np.int64)
    present = np.zeros((read_at.size, len(ACTS)), dtype=bool)
    turns = np.zeros(read_at.size, dtype=np.int64)
    for start in range(0, read_at.size, BATCH):
        chunk = read_at[start : start + BATCH].tolist()
        texts = [messages[at].text for at in chunk]
        contexts = [messages[c].text if (c := answers[at]) is not None else None for at in chunk]
        scores = score_batch(texts, contexts)
        # Words that may mean danger count in every message, even where the lens is sure there is none:
        # it has scored "there's no point in going on" 0.002 (see nearer.support).
        scores.present[unsafe_among(texts), SAFETY] = True
        present[start : start + len(chunk)] = scores.present
        turns[start : start + len(chunk)] = scores.turns
        if progress is not None:
            progress(min(start + BATCH, read_at.size), int(read_at.size))
    _read_again(chat, answers, read_at, present, turns, reread)
    unsafe = present[:, SAFETY]
    present[unsafe] = np.arange(len(ACTS)) == SAFETY
    turns[unsafe] = 0
    analysis = Analysis(chat, {}, answers, read_at, present, turns)
    analysis.people = count_people(analysis)
    return analysis


def _read_again(
    chat: Chat,
    answers: list[int | None],
    read_at: NDArray[np.int64],
    present: NDArray[np.bool_],
    turns: NDArray[np.int64],
    reread: bool,
) -> None:
    """The accurate tier's second reading (see the module's docstring); nothing when it is not installed."""
    if not reread:
        return
    bids = present[:, [ACTS.index(a) for a in ("disclosure", "curiosity", "appreciation")]].any(axis=1)
    rows = np.flatnonzero(bids | (turns != 0)).tolist()
    if not rows:
        return
    positions = read_at.tolist()
    texts = [chat.messages[positions[row]].text for row in rows]
    contexts = [chat.messages[c].text if (c := answers[positions[row]]) is not None else None for row in rows]
    try:
        second = score_batch(texts, contexts, tier="accurate")
    except ModelUnavailable:
        return
    unsafe = present[rows, SAFETY] | second.present[:, SAFETY]
    present[rows] = second.present
    present[rows, SAFETY] = unsafe
    turns[rows] = second.turns


def count_people(analysis: Analysis) -> dict[str, PersonCounts]:
    people = {name: PersonCounts() for name in analysis.chat.people}
    for message in analysis.chat.messages:
        if message.sender is not None and message.kind is not Kind.system:
            person = people.setdefault(message.sender, PersonCounts())
            person.messages += 1
            person.words += len(message.text.split()) if message.kind is Kind.text else 0
    senders = np.array([analysis.chat.messages[at].sender for at in analysis.read_at.tolist()], dtype=object)
    for name, person in people.items():
        mine = senders == name
        counted = analysis.present[mine].sum(axis=0)
        person.acts = {act: int(counted[k]) for k, act in enumerate(ACTS)}
        turned = np.bincount(analysis.turns[mine], minlength=len(TURN_CLASSES))
        person.turns = {turn: int(turned[k]) for k, turn in enumerate(TURN_CLASSES) if turn != "none"}
    return people
