"""Read a ``Chat`` with the lens: each person's words, each reply with the message it answers.

A reply's context is the message just before it when someone else wrote that one, in the same
conversation (no gap longer than ``CONVERSATION_GAP``). Only words are read: media, calls,
deleted and system lines count as neither acts nor replies. A message the lens reads as
``safety`` is set apart: it is counted, and none of its other acts or its turn are scored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np

from nearer.chats import Chat, Kind
from nearer.lens import ACTS, score_batch
from nearer.lens.heads import TURN_CLASSES

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
    chat: Chat
    people: dict[str, PersonCounts]
    read: int  # messages the lens read (text messages)
    safety_lines: list[int]  # message indexes in chat.messages read as safety


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


def analyze(chat: Chat, progress: Progress | None = None) -> Analysis:
    people = {name: PersonCounts() for name in chat.people}
    answers = contexts_of(chat)
    readable = [at for at, m in enumerate(chat.messages) if m.kind is Kind.text and m.sender is not None]
    for message in chat.messages:
        if message.sender is not None and message.kind is not Kind.system:
            person = people.setdefault(message.sender, PersonCounts())
            person.messages += 1
            person.words += len(message.text.split()) if message.kind is Kind.text else 0
    safety_lines: list[int] = []
    done = 0
    for start in range(0, len(readable), BATCH):
        chunk = readable[start : start + BATCH]
        texts = [chat.messages[at].text for at in chunk]
        contexts = [chat.messages[c].text if (c := answers[at]) is not None else None for at in chunk]
        scores = score_batch(texts, contexts)
        for row, at in enumerate(chunk):
            person = people[chat.messages[at].sender or ""]
            present = scores.present[row]
            if present[SAFETY]:
                person.acts["safety"] += 1
                safety_lines.append(at)
                continue
            for k in np.flatnonzero(present):
                person.acts[ACTS[k]] += 1
            turn = TURN_CLASSES[int(scores.turns[row])]
            if turn != "none":
                person.turns[turn] += 1
        done += len(chunk)
        if progress is not None:
            progress(done, len(readable))
    return Analysis(chat=chat, people=people, read=len(readable), safety_lines=safety_lines)
