"""Which message answers which: one pass from the end gives exactly what walking forward from each
message gave, and a long run by one person is not read over and over."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from nearer.chats import Chat, Kind, Message, load_chat
from nearer.insight import analyze
from nearer.insight.analysis import CONVERSATION_GAP, Analysis
from nearer.insight.report import _answers, build
from nearer.lens import ACTS

KNOWN = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"
WORDS = (
    "I've been feeling really anxious about work lately",
    "honestly I miss you, I feel so alone when you're away",
    "how was your day? tell me everything",
    "ok",
    "haha",
    "thank you so much for listening last night, it meant a lot",
    "whatever, I don't care",
    "can you pick up milk",
)


def answer_walking_forward(analysis: Analysis, at: int, row_of: dict[int, int]) -> tuple[int | None, bool]:
    """The answer as nearer first worked it out, walking forward from each message (quadratic on long runs)."""
    messages = analysis.chat.messages
    sharer, last = messages[at].sender, messages[at].time
    disclosure = ACTS.index("disclosure")
    for later in range(at + 1, len(messages)):
        message = messages[later]
        if message.time - last > CONVERSATION_GAP:
            return None, False
        if message.kind.value == "system":
            continue
        if message.sender != sharer:
            return later, False
        row = row_of.get(later)
        if row is not None and analysis.present[row, disclosure]:
            return None, True
        last = message.time
    return None, False


def mixed_chat(seed: int, size: int = 400) -> Chat:
    """Two people and system lines, with long gaps, runs by one person, and now and then a clock that goes back."""
    chance = random.Random(seed)
    when, messages = datetime(2024, 3, 1, 8, 0), []
    for _ in range(size):
        when += timedelta(minutes=chance.choice((1, 2, 5, 30, 200, 250, 600)))
        if chance.random() < 0.03:
            when -= timedelta(hours=chance.choice((1, 5)))
        roll = chance.random()
        if roll < 0.08:  # a system line, sometimes stamped hours ahead of the messages around it
            stamped = when + timedelta(hours=6) if chance.random() < 0.4 else when
            messages.append(Message(stamped, None, "Ana changed the subject", Kind.system))
            continue
        sender = "Ana" if chance.random() < 0.7 else "Bo"  # Ana writes most, in runs
        kind = Kind.media if roll < 0.14 else Kind.text
        messages.append(Message(when, sender, chance.choice(WORDS) if kind is Kind.text else "<Media omitted>", kind))
    return Chat("whatsapp", messages)


def rows_of(analysis: Analysis) -> dict[int, int]:
    return {int(at): row for row, at in enumerate(analysis.read_at.tolist())}


def test_one_pass_gives_what_walking_forward_gave() -> None:
    seen: set[str] = set()
    for analysis in [analyze(load_chat(KNOWN))] + [analyze(mixed_chat(seed)) for seed in range(4)]:
        row_of = rows_of(analysis)
        answers = _answers(analysis, row_of)
        for at, message in enumerate(analysis.chat.messages):
            if message.kind is Kind.system:
                continue
            expected = answer_walking_forward(analysis, at, row_of)
            assert answers[at] == expected, (at, message)
            seen.add("answered" if expected[0] is not None else "spoken for" if expected[1] else "unanswered")
    assert seen == {"answered", "spoken for", "unanswered"}, "the chats try every kind of answer"


class CountedMessages(list[Message]):
    """The chat's messages, counting each look at one by its index; too many looks fail the test at once."""

    def __init__(self, messages: list[Message], most: int) -> None:
        super().__init__(messages)
        self.looks, self.most = 0, most

    def __getitem__(self, at: Any) -> Any:
        self.looks += 1
        if self.looks > self.most:
            raise AssertionError(f"looked at messages more than {self.most:,} times: read over and over")
        return super().__getitem__(at)


def test_a_long_run_by_one_person_is_read_once() -> None:
    size = 20_000
    start = datetime(2024, 1, 1, 8, 0)
    messages = [
        Message(start + timedelta(minutes=k), "Ana", f"how was your day? tell me everything {k}") for k in range(size)
    ]
    messages.append(Message(start + timedelta(minutes=size), "Bo", "ok"))
    analysis = analyze(Chat("whatsapp", messages))
    analysis.chat.messages = CountedMessages(analysis.chat.messages, most=20 * size)
    report = build(analysis)
    assert report.messages == {"Ana": [size], "Bo": [1]}
    assert report.reply_minutes["Bo"] is not None, "every question in the run waits for Bo's one reply"
