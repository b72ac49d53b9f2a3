"""Facebook Messenger and Instagram exports, laid out as "Download your information" writes them."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.chats.messenger import repair
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"
NINA = EXPORTS / "messenger" / "inbox" / "ninaokafor_10158342210954321"
REN = EXPORTS / "instagram" / "inbox" / "renwatanabe_17843901234567890"


def at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000)


NINA_MESSAGES = [
    (at(1700316131482), "Nina Okafor", "hey! are we still on for saturday?", Kind.text, False),
    (at(1700316190117), "Tomás Ruiz", "yes!! can't wait 😊", Kind.text, False),
    (at(1700316254903), "Tomás Ruiz", "2 photos", Kind.media, False),
    (at(1700316302350), "Nina Okafor", "that view 😍\nwhere is that?", Kind.text, False),
    (at(1700316400000), None, "Tomás Ruiz set the nickname for Nina Okafor to Nini.", Kind.system, False),
    (at(1700380800000), "Nina Okafor", "Nina Okafor called you.", Kind.call, False),
    (at(1700381655210), "Tomás Ruiz", "voice message", Kind.media, False),
    (at(1700381702001), "Nina Okafor", "sticker", Kind.media, False),
    (at(1700382010560), "Tomás Ruiz", "https://www.openstreetmap.org/#map=17/40.41536/-3.70739", Kind.text, False),
    (at(1700382066999), "Nina Okafor", "This message was unsent.", Kind.deleted, False),
    (at(1700382100432), "Nina Okafor", "file", Kind.media, False),
    (at(1700382200789), "Tomás Ruiz", "sí, me encanta 🥘 see you at 7", Kind.text, False),
]


def rows(path: Path, chat_name: str | None = None) -> list[tuple[datetime, str | None, str, Kind, bool]]:
    chat = load_chat(path, chat_name=chat_name)
    return [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages]


def test_one_file_brings_its_siblings_oldest_first_and_repaired() -> None:
    chat = load_chat(NINA / "message_2.json")
    assert chat.format == "messenger"
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == NINA_MESSAGES
    assert chat.people == ("Nina Okafor", "Tomás Ruiz"), "the system notice is nobody's message"
    assert [(p.line, p.reason) for p in chat.problems] == [
        (4, "in message_1.json has no readable timestamp_ms; skipped")
    ]
    assert chat.problem_count == 1
    assert rows(NINA / "message_1.json") == NINA_MESSAGES, "either file brings the whole conversation"


def test_the_folder_or_a_zip_of_it_reads_the_same(tmp_path: Path) -> None:
    assert rows(NINA) == NINA_MESSAGES
    assert rows(EXPORTS / "messenger") == NINA_MESSAGES, "the one conversation below the folder given"
    export = tmp_path / "facebook-tomasruiz-2023-11-20.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for part in sorted(NINA.iterdir()):
            archive.write(part, f"your_activity_across_facebook/messages/inbox/{NINA.name}/{part.name}")
        archive.writestr("your_activity_across_facebook/messages/autofill_information.json", '{"autofill": []}')
    assert rows(export) == NINA_MESSAGES


def test_several_conversations_ask_which_one(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(NINA, inbox / NINA.name)
    shutil.copytree(REN, inbox / REN.name)
    with pytest.raises(InvalidInput, match=r"holds 2 Messenger conversations; pick one with --chat NAME: ninaokafor_"):
        load_chat(inbox)
    assert rows(inbox, chat_name="renwatanabe")[0][1:3] == ("Kaito", "café at 10? my treat")
    assert rows(inbox, chat_name="ninaokafor_10158342210954321") == NINA_MESSAGES
    with pytest.raises(InvalidInput, match="no Messenger conversation called 'sam'"):
        load_chat(inbox, chat_name="sam")


def test_instagram_likes_reactions_and_shared_posts() -> None:
    chat = load_chat(REN / "message_1.json")
    assert chat.format == "messenger" and chat.problems == []
    assert [(m.time, m.sender, m.text, m.kind, m.edited) for m in chat.messages] == [
        (at(1712345688300), "Kaito", "café at 10? my treat", Kind.text, False),
        (at(1712345712904), "Ren Watanabe", "Liked a message", Kind.media, False),
        (at(1712345901630), "Kaito", "link", Kind.media, False),
        (at(1712345940077), "Kaito", "ok that's exactly us on monday mornings 😂😂", Kind.text, False),
        (at(1712345990215), "Ren Watanabe", "Reacted 😂 to your message", Kind.media, False),
    ]
    assert chat.people == ("Kaito", "Ren Watanabe")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("caf\u00c3\u00a9", "café"),  # mojibake: repaired
        ("\u00f0\u009f\u0098\u008a", "😊"),
        ("café", "café"),  # a real é is not UTF-8 when encoded as Latin-1: left alone
        ("naïve 😊", "naïve 😊"),  # an emoji is not Latin-1 at all: left alone
        ("plain words", "plain words"),
        ("\u00c3", "\u00c3"),  # half a character: the round trip fails, so it stays
    ],
)
def test_only_text_that_round_trips_is_repaired(stored: str, shown: str) -> None:
    assert repair(stored) == shown


def test_unreadable_items_are_reported_and_broken_files_named(tmp_path: Path) -> None:
    odd = tmp_path / "message_1.json"
    odd.write_text(
        '{"participants": [{"name": "Ana"}, {"name": "Bo"}], "messages": ['
        '{"sender_name": "Bo", "timestamp_ms": 1600000000000, "content": "hi", "is_geoblocked_for_viewer": false},'
        ' "not a message", {"sender_name": "Ana", "timestamp_ms": 1599999000000}], "title": "Bo"}',
        encoding="utf-8",
    )
    chat = load_chat(odd)
    assert [(m.sender, m.text) for m in chat.messages] == [("Bo", "hi")]
    assert [(p.line, p.reason) for p in chat.problems] == [
        (2, "is not a message object; skipped"),
        (3, "has no content, media or call; skipped"),
    ]
    broken = tmp_path / "broken" / "message_1.json"
    broken.parent.mkdir()
    broken.write_text('{"participants": [{"name": "Ana"}], "messages": [{"sender_name": "Ana", "timestamp', "utf-8")
    with pytest.raises(InvalidInput, match=r"message_1\.json is not valid JSON"):
        load_chat(broken)


def test_the_sniffer_tells_it_from_telegram_and_a_wrong_file_says_why() -> None:
    assert load_chat(NINA / "message_1.json", "messenger").format == "messenger"
    with pytest.raises(InvalidInput, match=r"Tried telegram: telegram: it looks like a Messenger or Instagram export"):
        load_chat(NINA / "message_1.json", "telegram")
    with pytest.raises(InvalidInput, match=r'Tried messenger: messenger: its messages have no "sender_name"'):
        load_chat(EXPORTS / "telegram-result.json", "messenger")
    with pytest.raises(InvalidInput, match=r"Tried messenger: messenger: it is not a JSON object"):
        load_chat(EXPORTS / "generic.csv", "messenger")
