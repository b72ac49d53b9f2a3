"""Signal chats as signal-export writes them: data.json (JSON Lines) and chat.md, newer and older."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"

FROM_JSON = [
    (datetime(2024, 3, 2, 19, 41, 7, 512000), "Aya", "are you still up?", Kind.text, False),
    (datetime(2024, 3, 2, 19, 42, 30, 4000), "Me", "yeah, can't sleep. you?", Kind.text, False),
    (datetime(2024, 3, 2, 19, 44, 3, 771000), "Aya", "same. thinking about the move\nwhat if we hate the new place",
     Kind.text, False),
    (datetime(2024, 3, 2, 19, 46, 51, 260000), "Me", "then we make it ours. one shelf at a time", Kind.text, False),
    (datetime(2024, 3, 2, 19, 52, 40, 118000), "Aya", "2024-03-02T19-52-40.118_00_IMG_0412.jpg", Kind.media, False),
    (datetime(2024, 3, 2, 19, 54, 48, 990000), "Aya", "ok *two* shelves", Kind.text, True),
    (datetime(2024, 3, 2, 19, 58, 13), "Me", "(This message was deleted)", Kind.deleted, False),
    (datetime(2024, 3, 2, 21, 3, 29, 655000), "Aya", "Incoming voice call (accepted, 4m 12s)", Kind.call, False),
    (datetime(2024, 3, 3, 8, 15, 0, 20000), "Aya", "Missed voice call", Kind.call, False),
    (datetime(2024, 3, 3, 8, 21, 5, 901000), "Aya", "sticker 🐺", Kind.media, False),
]  # fmt: skip


def rows(path: Path, chat_name: str | None = None) -> list[tuple[datetime, str | None, str, Kind, bool]]:
    return [(m.time, m.sender, m.text, m.kind, m.edited) for m in load_chat(path, chat_name=chat_name).messages]


def test_data_json_lines_with_edits_calls_deletions_and_stickers() -> None:
    chat = load_chat(EXPORTS / "signal-data.json")
    assert chat.format == "signal"
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == FROM_JSON
    assert chat.people == ("Aya", "Me")
    assert [(p.line, p.reason) for p in chat.problems] == [
        (8, "is not valid JSON; skipped"),
        (11, "has no text, attachment or sticker; skipped"),
    ]


def test_chat_md_newer_form_quotes_reactions_links_and_blank_lines() -> None:
    chat = load_chat(EXPORTS / "signal-chat.md")
    assert chat.format == "signal"
    expected = [(when.replace(microsecond=0), sender, text, kind, False) for when, sender, text, kind, _ in FROM_JSON]
    expected.append((datetime(2024, 3, 3, 8, 22, 10), "Aya", "sticker 🦦", Kind.media, False))
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == expected
    assert [m.line for m in chat.messages] == [1, 3, 6, 9, 16, 18, 20, 22, 24, 28, 30]
    assert chat.people == ("Aya", "Me")
    assert [(p.line, p.reason) for p in chat.problems] == [(26, "has no text, attachment or sticker; skipped")]


def test_chat_md_older_form_minutes_only_and_no_blank_lines() -> None:
    chat = load_chat(EXPORTS / "signal-chat-old.md")
    assert [(m.time, m.sender, m.text, m.kind) for m in chat.messages] == [
        (datetime(2020, 8, 14, 22, 31), "Me", "did you get home ok?", Kind.text),
        (datetime(2020, 8, 14, 22, 40), "Aya", "yes! sorry, phone died on the bus", Kind.text),
        (datetime(2020, 8, 14, 22, 41), "Aya", "tonight was really lovely\nthank you for planning it", Kind.text),
        (datetime(2020, 8, 14, 22, 45), "Me", "2020-08-14_00_signal-2020-08-14-224501.jpg", Kind.media),
        (datetime(2020, 8, 15, 9, 10), "Aya", "can we do it again soon?", Kind.text),
    ]
    assert [(p.line, p.reason) for p in chat.problems] == [(6, "has no text, attachment or sticker; skipped")]


def test_the_oldest_form_without_a_comma_and_lines_it_cannot_read(tmp_path: Path) -> None:
    export = tmp_path / "index.md"
    export.write_text(
        "exported from Signal\n"
        "[2019-05-29 15:04] Me: How is everyone?  \n"
        "[2019-02-30 15:10] Aya: a day that never was  \n"
        "[2019-05-29 15:20] No-Sender: Aya changed the group name.  \n",
        encoding="utf-8",
    )
    chat = load_chat(export)
    assert chat.format == "signal"
    assert [(m.time, m.sender, m.text, m.kind) for m in chat.messages] == [
        (datetime(2019, 5, 29, 15, 4), "Me", "How is everyone?", Kind.text),
        (datetime(2019, 5, 29, 15, 20), None, "Aya changed the group name.", Kind.system),
    ]
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "comes before the first message and has no date; skipped"),
        (3, "has a date or time that does not exist ('2019-02-30 15:10'); skipped"),
    ]


def test_a_chat_folder_the_whole_export_or_a_zip_of_it(tmp_path: Path) -> None:
    export = tmp_path / "signal-export"
    for name, files in {"Aya": ("signal-data.json", "signal-chat.md"), "Sam": ("signal-chat-old.md",)}.items():
        (export / name / "media").mkdir(parents=True)
        for file in files:
            shutil.copy(EXPORTS / file, export / name / ("data.json" if file.endswith(".json") else "chat.md"))
    assert rows(export / "Aya") == FROM_JSON, "data.json is preferred to chat.md"
    assert rows(export / "Aya" / "chat.md")[0][2] == "are you still up?"
    with pytest.raises(InvalidInput, match="signal-export holds 2 Signal chats; pick one with --chat NAME: Aya, Sam"):
        load_chat(export)
    assert rows(export, chat_name="sam")[0][2] == "did you get home ok?"
    packed = tmp_path / "aya.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for file in sorted((export / "Aya").iterdir()):
            if file.is_file():
                archive.write(file, f"Aya/{file.name}")
    assert rows(packed) == FROM_JSON


def test_the_sniffer_keeps_signal_and_whatsapp_apart(tmp_path: Path) -> None:
    assert load_chat(EXPORTS / "signal-chat.md", "signal").format == "signal"
    iphone = tmp_path / "_chat.txt"
    iphone.write_text("[2021-03-05 23:02:10] Ana: hola\n[2021-03-05 23:03:00] Luis: hola!\n", encoding="utf-8")
    assert load_chat(iphone).format == "whatsapp-ios", "a WhatsApp line never ends with two spaces"
    with pytest.raises(InvalidInput, match="Tried signal: signal: its lines look like a date and a name, but not"):
        load_chat(iphone, "signal")
    with pytest.raises(InvalidInput, match="Tried signal: signal: no line is a signal-export message"):
        load_chat(EXPORTS / "generic.csv", "signal")
    empty = tmp_path / "chat.md"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="signal: the file is empty"):
        load_chat(empty)
