"""WhatsApp exports as phones write them: each fixture file with the messages it holds."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"


def test_android_in_the_uk_every_kind_of_line() -> None:
    chat = load_chat(EXPORTS / "whatsapp-android-uk.txt")
    assert chat.format == "whatsapp-android" and chat.problems == [] and chat.warnings == []
    assert chat.people == ("Priya", "Tom Walsh-Byrne", "Dr. Ana: María", "Dee")
    kinds = [(m.sender, m.kind) for m in chat.messages]
    assert kinds[:2] == [(None, Kind.system), (None, Kind.system)], "encryption notice and group creation"
    long = chat.messages[3]
    assert long.time == datetime(2023, 4, 3, 19, 5) and long.sender == "Tom Walsh-Byrne"
    assert long.text == (
        "on the train now\nhonestly today was rough\n18/04/2023 was meant to be the deadline and they moved it"
    ), "a continuation line that starts with a date is still part of the message"
    assert chat.messages[5].kind is Kind.media and chat.messages[6].kind is Kind.deleted
    edited = chat.messages[7]
    assert edited.edited and edited.text == "tell you when I'm in"
    assert chat.messages[8].sender == "Dee", "an unsaved contact's '~ ' goes"
    assert chat.messages[9].sender == "Dr. Ana: María" and chat.messages[9].text == "the appointment is at nine"
    assert chat.messages[11].kind is Kind.call
    poll = chat.messages[12]
    assert poll.kind is Kind.media and poll.text.startswith("POLL:\nTakeaway tonight?")
    assert chat.messages[-1].text == "thank you for listening last night. it meant a lot"


def test_the_zip_the_phone_makes_reads_like_its_text() -> None:
    from_zip = load_chat(EXPORTS / "WhatsApp Chat with Tom.zip")
    from_text = load_chat(EXPORTS / "whatsapp-android-uk.txt")
    assert from_zip.messages == from_text.messages
    ios = load_chat(EXPORTS / "ios-export.zip")
    assert ios.format == "whatsapp-ios" and ios.people == ("Mama", "Lukas")


def test_us_twelve_hour_clock_with_narrow_no_break_spaces() -> None:
    chat = load_chat(EXPORTS / "whatsapp-android-us-12h.txt")
    assert [m.time for m in chat.messages[1:]] == [
        datetime(2024, 1, 15, 21, 59),
        datetime(2024, 1, 15, 22, 1),
        datetime(2024, 1, 15, 22, 1),
        datetime(2024, 1, 16, 0, 4),
        datetime(2024, 1, 16, 12, 30),
    ]
    assert chat.messages[3].kind is Kind.media and chat.people == ("Casey 🌵", "Jordan")


def test_iphone_in_german_notices_credited_to_the_chat() -> None:
    chat = load_chat(EXPORTS / "whatsapp-ios-de.txt")
    assert chat.format == "whatsapp-ios"
    first = chat.messages[0]
    assert first.kind is Kind.system and first.sender is None and first.text.startswith("Nachrichten und Anrufe")
    assert "Familie Becker" not in chat.people
    assert [m.kind for m in chat.messages[1:]] == [Kind.text, Kind.media, Kind.text, Kind.media, Kind.deleted]
    assert chat.messages[1].time == datetime(2022, 12, 24, 18, 0, 5)


def test_spanish_a_m_p_m_day_first_and_windows_line_endings() -> None:
    chat = load_chat(EXPORTS / "whatsapp-ios-es-ampm.txt")
    assert [m.time for m in chat.messages] == [
        datetime(2021, 3, 5, 23, 2, 10),
        datetime(2021, 3, 5, 23, 15),
        datetime(2021, 3, 6, 8, 1),
        datetime(2021, 3, 13, 12, 30),
    ]
    assert chat.messages[1].text == "sí, todo bien. cansado" and chat.messages[3].kind is Kind.media


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("whatsapp-hr-year-dot.txt", datetime(2018, 6, 13, 23, 59)),
        ("whatsapp-year-first.txt", datetime(2020, 12, 31, 23, 58)),
    ],
)
def test_other_date_forms(name: str, first: datetime) -> None:
    chat = load_chat(EXPORTS / name)
    assert chat.messages[0].time == first and chat.warnings == []


def test_a_guessed_order_warns_and_can_be_overridden() -> None:
    guessed = load_chat(EXPORTS / "whatsapp-ambiguous.txt")
    assert guessed.messages[0].time == datetime(2022, 2, 1, 10, 0)
    assert len(guessed.warnings) == 1 and "--date-order" in guessed.warnings[0]
    told = load_chat(EXPORTS / "whatsapp-ambiguous.txt", date_order="mdy")
    assert told.messages[0].time == datetime(2022, 1, 2, 10, 0) and told.warnings == []


def test_the_order_in_which_dates_move_decides(tmp_path: Path) -> None:
    lines = ["12/01/2022, 10:00 - Sam: hi", "01/02/2022, 10:00 - Alex: hey", "03/02/2022, 10:00 - Sam: you ok?"]
    export = tmp_path / "chat.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chat = load_chat(export)
    assert [m.time.date().isoformat() for m in chat.messages] == ["2022-01-12", "2022-02-01", "2022-02-03"]
    assert chat.warnings == [], "the dates only move forward read day-first: not a guess"


def test_bad_lines_are_reported_by_number_never_dropped(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_bytes(
        b"some preamble with no date\n"
        b"31/12/2020, 23:59 - Sam: happy new year \xff\xfe\n"
        b"31/02/2021, 10:00 - Alex: a day that does not exist\n"
        b"01/01/2021, 00:01 - Alex: you too\n"
    )
    chat = load_chat(export)
    assert [(p.line, p.reason.split(";")[0]) for p in chat.problems] == [
        (1, "comes before the first message and has no date"),
        (2, "has bytes that are not UTF-8"),
        (3, "has a date or time that does not exist ('31/02/2021, 10:00 - Alex: a day that doe')"),
    ]
    assert [m.text for m in chat.messages] == ["happy new year \ufffd\ufffd", "you too"]


def test_near_the_export_cap_it_says_messages_may_be_missing(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    with export.open("w", encoding="utf-8") as out:
        for n in range(40_000):
            out.write(
                f"{1 + n // 2000:02d}/01/2021, {n // 60 % 24:02d}:{n % 60:02d} - {'Sam' if n % 2 else 'Alex'}: m{n}\n"
            )
    chat = load_chat(export)
    assert len(chat.messages) == 40_000
    assert any("40,000" in w and "missing" in w for w in chat.warnings)


def test_unknown_and_malformed_files_say_what_was_tried(tmp_path: Path) -> None:
    prose = tmp_path / "notes.txt"
    prose.write_text("Dear diary,\ntoday was fine.\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_chat(prose)
    message = caught.value.message
    assert "Tried whatsapp, telegram, csv" in message and "no line starts with a WhatsApp date" in message
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="the file is empty"):
        load_chat(empty)
    with pytest.raises(InvalidInput, match="There is no file"):
        load_chat(tmp_path / "missing.txt")
    with pytest.raises(InvalidInput, match="is a folder"):
        load_chat(tmp_path)
    photos = tmp_path / "photos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("IMG-1.jpg", b"\xff\xd8")
    with pytest.raises(InvalidInput, match="has no chat file inside"):
        load_chat(photos)
    with pytest.raises(InvalidInput, match="Unknown date order"):
        load_chat(EXPORTS / "whatsapp-ambiguous.txt", date_order="dym")


def test_a_long_message_keeps_its_first_64_kb_and_says_so(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    body = "so much to say " * 70_000  # about 1 MB on one line
    export.write_text(f"01/01/2021, 10:00 - Sam: {body}\n01/01/2021, 10:01 - Alex: wow\n", encoding="utf-8")
    chat = load_chat(export)
    assert chat.messages[0].text == body[: 64 * 1024]
    assert chat.messages[1].text == "wow"
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "is a message longer than 64 KB; it was cut to its first 64 KB")
    ]


@pytest.mark.parametrize(
    ("name", "format", "people", "times"),
    [
        (
            "whatsapp-android-ko.txt",
            "whatsapp-android",
            ("민지", "준호"),
            ["2023-05-12 15:04", "2023-05-12 15:04", "2023-05-12 15:10", "2023-05-12 23:58", "2023-05-13 00:05",
             "2023-05-13 09:30"],
        ),
        (
            "whatsapp-android-zh.txt",
            "whatsapp-android",
            ("小明", "小红"),
            ["2023-05-12 12:30", "2023-05-12 12:30", "2023-05-12 15:04", "2023-05-13 00:01", "2023-05-13 08:15"],
        ),
        (
            "whatsapp-ios-ja.txt",
            "whatsapp-ios",
            ("由美", "健太"),
            ["2023-05-12 12:30:00", "2023-05-12 12:30:00", "2023-05-12 15:04:05", "2023-05-12 15:05:40",
             "2023-05-13 00:10:00", "2023-05-13 11:59:59"],
        ),
    ],
)  # fmt: skip
def test_korean_chinese_and_japanese_put_am_pm_before_the_time(
    name: str, format: str, people: tuple[str, ...], times: list[str]
) -> None:
    chat = load_chat(EXPORTS / name)
    assert chat.format == format and chat.people == people
    assert chat.problems == [] and chat.warnings == []
    shown = [m.time.isoformat(" ", "seconds" if ":" in times[0][14:] else "minutes") for m in chat.messages]
    assert shown == times
    assert chat.messages[0].kind is Kind.system and chat.messages[0].sender is None
    assert [m.kind for m in chat.messages[1:]] == [Kind.text] * (len(times) - 1)


def test_korean_messages_run_on_over_their_lines() -> None:
    chat = load_chat(EXPORTS / "whatsapp-android-ko.txt")
    assert (chat.messages[3].sender, chat.messages[3].text) == ("민지", "오늘 고마웠어\n내일 봐")


def test_only_the_apps_own_call_log_lines_are_calls(tmp_path: Path) -> None:
    said = [
        "Missed voice call",
        "Missed video call",
        "Missed group video call",
        "\u200eVoice call, \u200e12 min",
        "\u200eVideo call, \u200e1 hr",
        "\u200eMissed voice call, \u200eTap to call back",
        "Voice call",
        "video call tonight?",
        "Video call was great, thanks",
        "voice call me later",
        "Missed voice call again and again?",
    ]
    export = tmp_path / "chat.txt"
    export.write_text(
        "".join(f"[01/01/2021, 10:{n:02d}:00] {'Sam' if n % 2 else 'Alex'}: {text}\n" for n, text in enumerate(said)),
        encoding="utf-8",
    )
    kinds = [m.kind for m in load_chat(export).messages]
    assert kinds == [Kind.call] * 7 + [Kind.text] * 4


def test_a_poll_is_the_apps_own_layout_not_a_word_that_starts_one(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(
        "01/01/2021, 10:00 - Sam: ENCUESTA:\n"
        "01/01/2021, 10:01 - Alex: POLL:\nwhere are we going\n"
        "01/01/2021, 10:02 - Sam: POLL:\nDinner?\nOPTION: Thai (1 vote)\nOPTION: Pizza (0 votes)\n",
        encoding="utf-8",
    )
    assert [m.kind for m in load_chat(export).messages] == [Kind.text, Kind.text, Kind.media]
