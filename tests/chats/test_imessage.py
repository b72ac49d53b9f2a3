"""iMessage conversations as imessage-exporter writes them with --format txt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"
DANA = EXPORTS / "imessage-Dana Whitfield.txt"


def test_every_kind_of_block() -> None:
    chat = load_chat(DANA)
    assert chat.format == "imessage"
    assert [(m.time, m.sender, m.text, m.kind, m.edited, m.line) for m in chat.messages] == [
        (datetime(2023, 4, 28, 21, 14, 5), "Dana Whitfield", "hey, are you home yet?", Kind.text, False, 1),
        (datetime(2023, 4, 28, 21, 15, 40), "Me", "almost! train got stuck at Fulton\nshould be 20 min", Kind.text,
         False, 5),
        (datetime(2023, 4, 28, 21, 16, 2), "Dana Whitfield", "IMG_4471.HEIC", Kind.media, False, 10),
        (datetime(2023, 4, 28, 21, 17, 30), "Dana Whitfield", "ok drive safe. I made soup", Kind.text, False, 14),
        (datetime(2023, 4, 28, 22, 2, 11), "Me", "i'm home, where did you park", Kind.text, True, 21),
        (datetime(2023, 4, 28, 22, 5, 45), "Dana Whitfield", "This message was unsent.", Kind.deleted, False, 27),
        (datetime(2023, 4, 28, 22, 6, 30), "Dana Whitfield", "Dana Whitfield unsent a message!", Kind.deleted, False,
         31),
        (datetime(2023, 4, 28, 22, 7, 12), "Dana Whitfield", "sorry, that was for my sister", Kind.deleted, False, 33),
        (datetime(2023, 4, 29, 7, 30), "Me", "good morning ☀️", Kind.text, False, 40),
        (datetime(2023, 4, 29, 7, 31, 10), "Dana Whitfield",
         "morning!!\n\nabout last night: I'm sorry I snapped.\ncan we talk tonight?", Kind.text, False, 45),
        (datetime(2023, 4, 29, 7, 45, 52), "Me", "of course. I'm sorry too", Kind.text, False, 56),
        (datetime(2023, 4, 29, 7, 46, 20), "Dana Whitfield", "sticker", Kind.media, False, 61),
        (datetime(2023, 4, 29, 8, 2, 41), "Me", "Audio Message.caf", Kind.media, False, 65),
        (datetime(2023, 4, 29, 8, 3), None, "Dana Whitfield kept an audio message.", Kind.system, False, 70),
    ]  # fmt: skip
    assert chat.people == ("Dana Whitfield", "Me"), "the reply indented under its message is not counted twice"
    assert [(p.line, p.reason) for p in chat.problems] == [
        (38, "is a notice imessage-exporter could not write out; skipped"),
        (72, "has a time that does not exist ('Feb 30, 2023  8:04:00 AM'); skipped"),
    ]


def test_newer_and_older_layouts_of_tapbacks_and_edits(tmp_path: Path) -> None:
    export = tmp_path / "+15551234567.txt"
    export.write_text(
        "Jan 02, 2024  9:00:00 AM\n"
        "+15551234567\n"
        "happy new year!!\n"
        "Tapbacks:\n"
        "    Loved by Me\n"
        "    Emphasized by Me\n"
        "\n"
        "Jan 02, 2024 11:59:59 PM\n"
        "Me\n"
        "Jan 02, 2024 11:59:59 PM thank yuo\n"
        "Edited 5 seconds later: thank you\n"
        "Edited 1 minute, 2 seconds later: thank you!! 🎉\n"
        "\n"
        "Jan 03, 2024 12:00:30 AM\n"
        "+15551234567\n"
        "still up?\n"
        "Reactions:\n"
        "Liked by Me\n"
        "\n"
        "Jan 03, 2024 12:01:00 AM You named the conversation New Year 🎆\n"
        "\n",
        encoding="utf-8",
    )
    chat = load_chat(export)
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == [
        (datetime(2024, 1, 2, 9, 0), "+15551234567", "happy new year!!", Kind.text, False),
        (datetime(2024, 1, 2, 23, 59, 59), "Me", "thank you!! 🎉", Kind.text, True),
        (datetime(2024, 1, 3, 0, 0, 30), "+15551234567", "still up?", Kind.text, False),
        (datetime(2024, 1, 3, 0, 1), None, "You named the conversation New Year 🎆", Kind.system, False),
    ]
    assert chat.problems == []


def test_lines_it_cannot_read_are_reported(tmp_path: Path) -> None:
    export = tmp_path / "Sam.txt"
    export.write_bytes(
        b"Messages with Sam\n"
        b"\n"
        b"Mar 01, 2024  8:00:00 PM\n"
        b"Sam\n"
        b"caf\xe9?\n"
        b"\n"
        b"Mar 01, 2024  8:01:00 PM\n"
        b"\n"
        b"Mar 01, 2024  8:02:00 PM\n"
        b"Me\n"
        b"Tapbacks:\n"
        b"Liked by Sam\n"
    )
    chat = load_chat(export)
    assert chat.format == "imessage"
    assert [(m.sender, m.text) for m in chat.messages] == [("Sam", "caf\ufffd?")]
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "comes before the first message and has no time; skipped"),
        (5, "has bytes that are not UTF-8; they show as \ufffd"),
        (7, "has a time but no sender; skipped"),
        (9, "has no words or attachment; skipped"),
    ]


def test_the_sniffer_and_wrong_files(tmp_path: Path) -> None:
    assert load_chat(DANA, "imessage").format == "imessage"
    with pytest.raises(InvalidInput, match="Tried imessage: imessage: no block starts with an imessage-exporter time"):
        load_chat(EXPORTS / "whatsapp-android-uk.txt", "imessage")
    with pytest.raises(InvalidInput, match="Tried whatsapp: whatsapp: no line starts with a WhatsApp date"):
        load_chat(DANA, "whatsapp")
    twenty_four_hour = tmp_path / "Sam.txt"
    twenty_four_hour.write_text("Mar 01, 2024 20:00:00\nSam\nhi\n\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="imessage: no block starts with an imessage-exporter time"):
        load_chat(twenty_four_hour)
