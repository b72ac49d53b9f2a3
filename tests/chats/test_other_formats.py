"""Telegram Desktop's JSON and the generic CSV, read from files laid out as those tools write them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from nearer.chats import Kind, load_chat
from nearer.errors import InvalidInput

EXPORTS = Path(__file__).parent / "exports"


def test_telegram_single_chat() -> None:
    chat = load_chat(EXPORTS / "telegram-result.json")
    assert chat.format == "telegram" and chat.people == ("Robin", "Kit")
    first, second = chat.messages[:2]
    assert first.time == datetime.fromtimestamp(1693599243) and first.text == "did the interview go ok?"
    assert second.text == "I think so! they said next week for news", "pieces joined as they are"
    kinds = [m.kind for m in chat.messages]
    assert kinds == [Kind.text, Kind.text, Kind.media, Kind.media, Kind.call, Kind.media, Kind.system]
    assert chat.messages[2].edited and chat.messages[2].text == "sticker"
    assert chat.messages[3].text == "voice message" and chat.messages[5].text == "breakfast?"
    assert chat.messages[6].sender is None


def test_telegram_whole_account_export_asks_which_chat() -> None:
    with pytest.raises(InvalidInput, match=r"whole-account export with 2 chats; pick one with --chat NAME: Robin, Mum"):
        load_chat(EXPORTS / "telegram-account.json")
    chat = load_chat(EXPORTS / "telegram-account.json", chat_name="Mum")
    assert [(m.sender, m.text) for m in chat.messages] == [("Mum", "call me when you can x")]
    with pytest.raises(InvalidInput, match="no chat called 'Dad'"):
        load_chat(EXPORTS / "telegram-account.json", chat_name="Dad")


def test_broken_json_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "result.json"
    broken.write_text('{"name": "Robin", "messages": [{"id": 1, "type": "message", "date": "2023-', encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid JSON"):
        load_chat(broken)


def test_generic_csv_with_a_quoted_multi_line_message_and_bad_rows() -> None:
    chat = load_chat(EXPORTS / "generic.csv")
    assert chat.format == "csv" and chat.people == ("Noa", "Eli")
    said = {m.text: m.time for m in chat.messages}
    assert said["long day, can I vent for a minute?"] == datetime(2024, 5, 1, 21, 30)
    assert said["of course. what happened"] == datetime(2024, 5, 1, 21, 31, 5)
    vented = said["my manager took credit for my work again.\nI'm so tired of it"]
    assert vented.tzinfo is None, "a zone becomes this computer's local time"
    assert [m.time for m in chat.messages] == sorted(said.values()), "in time order, wherever this computer is"
    assert [(p.line, p.reason.split(" (")[0].split(";")[0]) for p in chat.problems] == [
        (6, "has a time that is not ISO 8601"),
        (7, "has 2 columns, fewer than the header's"),
    ]
    assert chat.problem_count == 2


def test_a_format_can_be_named_and_a_wrong_one_says_why(tmp_path: Path) -> None:
    assert load_chat(EXPORTS / "generic.csv", "csv").format == "csv"
    with pytest.raises(InvalidInput, match=r"Tried telegram: telegram: it is not a JSON object"):
        load_chat(EXPORTS / "generic.csv", "telegram")
    with pytest.raises(InvalidInput, match="Unknown format 'myspace'"):
        load_chat(EXPORTS / "generic.csv", "myspace")
