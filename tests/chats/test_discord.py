"""Discord DMs as DiscordChatExporter writes them, in JSON and in CSV."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"
HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions\r\n"


def local(iso: str) -> datetime:
    """This computer's local time for a time with a zone, as the importer gives it."""
    return datetime.fromisoformat(iso).astimezone().replace(tzinfo=None)


def test_json_every_kind_of_message() -> None:
    chat = load_chat(EXPORTS / "discord-dm.json")
    assert chat.format == "discord"
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == [
        (local("2024-03-04T21:15:08.412+01:00"), "Mira", "hey you. rough day?", Kind.text, False),
        (
            local("2024-03-04T21:16:55.070+01:00"),
            "Jonah",
            "kind of. the interview went sideways\nI blanked on the easiest question",
            Kind.text,
            False,
        ),
        (
            local("2024-03-04T21:17:31.200+01:00"),
            "Mira",
            "that happens to everyone, honestly. want to talk it through?",
            Kind.text,
            True,
        ),
        (local("2024-03-04T21:19:40.883+01:00"), "Jonah", "IMG_2231.jpg", Kind.media, False),
        (local("2024-03-04T21:21:17.950+01:00"), "Mira", "sticker: Wave", Kind.media, False),
        (local("2024-03-04T21:24:16.334+01:00"), "Jonah", "Started a call that lasted 23 minutes.", Kind.call, False),
        (local("2024-03-04T21:49:07.760+01:00"), None, "Mira: Pinned a message.", Kind.system, False),
        (
            local("2024-03-04T21:49:49.910+01:00"),
            "Jonah",
            'thank you for listening "properly" ❤️ I feel lighter',
            Kind.text,
            False,
        ),
    ]
    assert all(m.time.tzinfo is None for m in chat.messages), "a zone becomes this computer's local time"
    assert chat.people == ("Jonah", "Mira"), "nicknames, not user names; the pin notice is nobody's"
    assert [(p.line, p.reason) for p in chat.problems] == [(7, "has no readable timestamp ('yesterday-ish'); skipped")]


def test_csv_with_quoted_multi_line_content_and_windows_line_endings() -> None:
    chat = load_chat(EXPORTS / "discord-dm.csv")
    assert chat.format == "discord"
    assert [(m.time, m.sender, m.text, m.kind, m.edited, m.line) for m in chat.messages] == [
        (datetime(2021, 2, 14, 19, 2), "Mira", "happy valentine's, you goof", Kind.text, False, 2),
        (
            datetime(2021, 2, 14, 19, 5),
            "Jonah",
            "you remembered!!\nok I have a confession\nI forgot to book the table",
            Kind.text,
            False,
            3,
        ),
        (datetime(2021, 2, 14, 19, 6), "Jonah", "sorry_flowers.jpg", Kind.media, False, 6),
        (datetime(2021, 2, 14, 19, 9), "Mira", "Started a call that lasted 41 minutes.", Kind.call, False, 7),
        (datetime(2021, 2, 14, 19, 51), None, "Mira: Pinned a message.", Kind.system, False, 8),
        (datetime(2021, 2, 14, 21, 30), "Mira", 'she said "yes" to pizza instead 🍕', Kind.text, False, 10),
    ]
    assert chat.people == ("Mira", "Jonah"), "the #1234 discriminator goes"
    assert [(p.line, p.reason) for p in chat.problems] == [
        (9, "has a date that can't be read ('31-Feb-21 08:00 PM'); skipped")
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("05-Mar-24 09:41 PM", datetime(2024, 3, 5, 21, 41)),
        ("3/5/2024 9:41 PM", datetime(2024, 3, 5, 21, 41)),
        ("05/03/2024 21:41", datetime(2024, 3, 5, 21, 41)),
        ("05.03.2024 21:41", datetime(2024, 3, 5, 21, 41)),
        ("2024-03-05T21:41:00+00:00", local("2024-03-05T21:41:00+00:00")),
        ("1709674860", datetime.fromtimestamp(1709674860)),
        ("1709674860250", datetime.fromtimestamp(1709674860.25)),
    ],
)
def test_csv_dates_in_each_form_the_exporter_can_write(tmp_path: Path, written: str, read: datetime) -> None:
    export = tmp_path / "Direct Messages - Private - sam [1187423300194568192].csv"
    export.write_text(HEADER + f'"1","sam","{written}","hi","",""\r\n', encoding="utf-8")
    assert [(m.time, m.sender) for m in load_chat(export).messages] == [(read, "sam")]


def test_newest_first_json_comes_out_oldest_first(tmp_path: Path) -> None:
    def message(n: int, when: str) -> str:
        author = '{"id": "1", "name": "sam", "nickname": "Sam"}'
        return (f'{{"id": "{n}", "type": "Default", "timestamp": "{when}", "timestampEdited": null, '
                f'"content": "m{n}", "author": {author}, "attachments": [], "stickers": []}}')  # fmt: skip

    export = tmp_path / "dm.json"
    export.write_text(
        '{"guild": {"id": "0", "name": "Direct Messages"}, "channel": {"id": "9", "name": "sam"}, "messages": ['
        + message(2, "2024-01-02T10:00:00+00:00")
        + ", "
        + message(1, "2024-01-01T10:00:00+00:00")
        + "]}",
        encoding="utf-8",
    )
    assert [m.text for m in load_chat(export).messages] == ["m1", "m2"]


def test_the_sniffer_and_broken_or_wrong_files(tmp_path: Path) -> None:
    assert load_chat(EXPORTS / "discord-dm.json", "discord").format == "discord"
    with pytest.raises(InvalidInput, match="Tried telegram: telegram: it looks like a DiscordChatExporter export"):
        load_chat(EXPORTS / "discord-dm.json", "telegram")
    with pytest.raises(InvalidInput, match="Tried discord: discord: it is not DiscordChatExporter JSON, and its first"):
        load_chat(EXPORTS / "generic.csv", "discord")
    with pytest.raises(InvalidInput, match=r'discord: it is JSON without "guild", "channel" and "messages"'):
        load_chat(EXPORTS / "telegram-result.json", "discord")
    broken = tmp_path / "dm.json"
    broken.write_text('{"guild": {"id": "0"}, "channel": {"id": "9"}, "messages": [{"id": "1", "timestamp', "utf-8")
    with pytest.raises(InvalidInput, match=r"dm\.json is not valid JSON"):
        load_chat(broken)
    short = tmp_path / "dm.csv"
    short.write_text(HEADER + '"1","sam"\r\n"2","kit","05-Mar-24 09:41 PM","","",""\r\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_chat(short)
    assert caught.value.message == (
        "dm.csv looks like a Discord export, but none of its messages could be read: line 2 has 2 columns, fewer "
        "than the header's; line 3 has no content or attachment."
    ), "no message read: not an empty chat, but the problems, quoted"
