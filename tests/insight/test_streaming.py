"""A chat of any size is read as it streams: while it is read, no more than a handful of messages are
alive at once; what the analysis keeps is a few numbers a message; and reading it in small batches (so
that runs, shares and their replies fall across batches) gives exactly what reading it at once gives."""

from __future__ import annotations

import dataclasses
import gc
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nearer.chats import Message, load_chat, open_chat
from nearer.insight import analysis as reading
from nearer.insight import analyze, summary
from nearer.insight.analysis import Analysis
from nearer.insight.report import _answers, build
from nearer.lens import score_batch
from tests.insight.test_report_answers import answer_walking_forward, mixed_chat, rows_of

EXPORTS = Path(__file__).parent.parent / "chats" / "exports"
SAID = (
    "I've been feeling really anxious about work lately",
    "that sounds so hard, I'm sorry. what happened?",
    "ok",
    "thank you so much for listening last night, it meant a lot",
    "whatever, I don't care",
    "how was your day? tell me everything",
)


def write_export(path: Path, messages: int) -> None:
    """Two people, a few things said over and over (the lens reads each distinct one once), now and then a
    photo or a notice, minutes or hours apart."""
    when = datetime(2021, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        for n in range(messages):
            when += timedelta(minutes=(1, 3, 300)[n % 7 % 3])
            stamp = f"{when:%d/%m/%Y, %H:%M} - "
            if n % 97 == 0:
                out.write(f"{stamp}Ana changed the group description\n")
            else:
                said = "<Media omitted>" if n % 31 == 0 else SAID[n * 7 % 11 % len(SAID)]
                out.write(f"{stamp}{('Ana', 'Bo')[n % 5 % 2]}: {said}\n")


def figures(analysis: Analysis) -> tuple[Any, ...]:
    return summary(analysis), dataclasses.asdict(build(analysis)), analysis.replies.tolist()


def test_while_a_stream_is_read_only_a_handful_of_messages_are_alive(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    write_export(export, 60_000)
    alive: list[int] = []

    def count(done: int, total: int) -> None:
        alive.append(sum(type(thing) is Message for thing in gc.get_objects()))

    analysis = analyze(open_chat(export), progress=count)
    assert len(alive) >= 3 and max(alive) <= 5, "the messages are let go as they are read"
    assert analysis.chat.messages == [] and set(analysis.chat.people) == {"Ana", "Bo"}
    columns = [value for value in vars(analysis).values() if isinstance(value, np.ndarray)]
    assert len(columns) == 8 and all(column.dtype != object for column in columns)
    assert sum(column.nbytes for column in columns) < 45 * 60_000, "a few dozen bytes a message"


def test_reading_a_stream_takes_memory_for_its_columns_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small batches, so what one batch takes while it is read is small beside what every message takes.
    monkeypatch.setattr(reading, "BATCH", 1000)
    score_batch(SAID)  # the lens is loaded before memory is counted
    peaks = []
    for size in (4_000, 24_000):
        export = tmp_path / f"chat-{size}.txt"
        write_export(export, size)
        tracemalloc.start()
        analyze(open_chat(export))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    per_message = (peaks[1] - peaks[0]) / 20_000
    assert per_message < 80, f"{per_message:.0f} bytes a message (holding every message took about 1,000)"


@pytest.mark.parametrize("batch", [1, 2, 7, 64])
def test_small_batches_give_what_one_batch_gives(batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    chats = [mixed_chat(seed, size=300) for seed in range(6)]
    at_once = [figures(analyze(chat)) for chat in chats]
    monkeypatch.setattr(reading, "BATCH", batch)
    assert [figures(analyze(chat)) for chat in chats] == at_once


def test_answers_across_batches_are_what_walking_forward_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "BATCH", 2)
    for seed in range(4):
        analysis = analyze(mixed_chat(seed))
        row_of = rows_of(analysis)
        answers = _answers(analysis, row_of)
        for at, message in enumerate(analysis.chat.messages):
            if message.kind.value != "system":
                assert answers[at] == answer_walking_forward(analysis, at, row_of), (seed, at)


@pytest.mark.parametrize(
    "export", ["whatsapp-known-answers.txt", "telegram-result.json", "generic.csv", "signal-chat.md", "messenger"]
)
def test_a_stream_and_a_held_chat_give_the_same_figures(export: str) -> None:
    assert figures(analyze(open_chat(EXPORTS / export))) == figures(analyze(load_chat(EXPORTS / export)))


def test_progress_on_a_stream_guesses_the_total_and_ends_on_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "BATCH", 5_000)
    export = tmp_path / "chat.txt"
    write_export(export, 30_000)
    seen: list[tuple[int, int]] = []
    analysis = analyze(open_chat(export), progress=lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen), "it only goes forward"
    assert all(0 < done < total for done, total in seen[:-1]), "the total is a guess until the end"
    assert abs(seen[0][1] - analysis.read) < 0.2 * analysis.read, "a fair guess from how far through the file it is"
    assert seen[-1] == (analysis.read, analysis.read)
