"""Exports read one message at a time (``open_chat``): the message comes out before the file is read
through, and reading it all gives exactly what ``load_chat`` gives."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import astuple
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nearer.chats import Chat, load_chat, open_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"
FIXTURES = [*sorted(p for p in EXPORTS.rglob("*") if p.is_file()), EXPORTS / "messenger", EXPORTS / "instagram"]


def whatsapp_lines(count: int) -> str:
    start = datetime(2022, 3, 14, 8, 0)
    return "".join(
        f"{start + timedelta(minutes=3 * n):%d/%m/%Y, %H:%M} - {('Ana', 'Bo')[n % 2]}: message number {n}\n"
        for n in range(count)
    )


def header(chat: Chat) -> tuple[object, ...]:
    return chat.format, chat.people, chat.warnings, chat.problems, chat.problem_count


@pytest.mark.parametrize("export", FIXTURES, ids=lambda p: str(p.relative_to(EXPORTS)))
def test_reading_it_through_gives_what_load_chat_gives(export: Path) -> None:
    try:
        held = load_chat(export)
    except InvalidInput as exc:  # an export the project keeps to be refused: refused the same way
        with pytest.raises(InvalidInput, match=re.escape(exc.message)):
            list(open_chat(export).messages)
        return
    stream = open_chat(export)
    messages = list(stream.messages)
    assert [astuple(m) for m in messages] == [astuple(m) for m in held.messages]
    assert header(stream.chat) == header(held) and stream.chat.messages == []
    assert stream.fraction_read() == 1.0


def test_a_whatsapp_message_comes_out_long_before_the_end_of_the_file(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(whatsapp_lines(100_000), encoding="utf-8")  # about 5 MB
    stream = open_chat(export)
    assert stream.chat.people == (), "who the people are is known only at the end"
    first = next(stream.messages)
    assert first.text == "message number 0" and stream.fraction_read() < 0.05
    assert sum(1 for _ in stream.messages) == 99_999 and stream.chat.people == ("Ana", "Bo")


def test_a_zipped_whatsapp_export_streams_too(tmp_path: Path) -> None:
    export = tmp_path / "WhatsApp Chat with Bo.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("WhatsApp Chat with Bo.txt", whatsapp_lines(100_000))
    stream = open_chat(export)
    next(stream.messages)
    assert 0 < stream.fraction_read() < 0.05
    assert sum(1 for _ in stream.messages) == 99_999 and stream.fraction_read() == 1.0


def test_a_telegram_export_streams(tmp_path: Path) -> None:
    start = 1_700_000_000
    items = [{"id": n, "type": "message", "date_unixtime": str(start + 60 * n), "from": ("Ana", "Bo")[n % 2],
              "text": f"message number {n}"} for n in range(60_000)]  # fmt: skip
    export = tmp_path / "result.json"
    export.write_text(json.dumps({"name": "Bo", "type": "personal_chat", "id": 1, "messages": items}), encoding="utf-8")
    stream = open_chat(export)
    assert next(stream.messages).text == "message number 0" and stream.fraction_read() < 0.1
    assert sum(1 for _ in stream.messages) == 59_999 and stream.chat.people == ("Ana", "Bo")


def test_a_format_read_whole_is_still_given_in_time_order(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text(
        "time,sender,text\n2024-05-02 10:00,Bo,later\n2024-05-01 09:00,Ana,earlier\n2024-05-01 09:00,Bo,same time\n",
        encoding="utf-8",
    )
    stream = open_chat(export)
    assert [m.text for m in stream.messages] == ["earlier", "same time", "later"]
    assert stream.chat.format == "csv" and stream.chat.people == ("Bo", "Ana") and stream.fraction_read() == 1.0
