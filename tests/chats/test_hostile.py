"""Files no app writes, made to break a reader: each is an InvalidInput that says what is wrong, or
problems counted in the chat, never a traceback, and never memory that grows with the file."""

from __future__ import annotations

import io
import itertools
import json
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nearer.chats import Kind, Problem, load_chat, source, whatsapp
from nearer.chats.source import Source
from nearer.errors import InvalidInput

CHAT = "01/01/2021, 10:00 - Sam: hi\n01/01/2021, 10:01 - Alex: hey\n" * 50


def _zip(path: Path, text: str = CHAT, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("WhatsApp Chat with Sam.txt", text)
    return path


def _patch(path: Path, patch: Callable[[bytearray, int, int], object]) -> Path:
    """Change the zip's bytes: ``patch`` gets them and where the local and the central header start."""
    data = bytearray(path.read_bytes())
    patch(data, data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02"))
    path.write_bytes(bytes(data))
    return path


def _peak(read: Callable[[], Any]) -> tuple[Any, int]:
    """What ``read`` gives, and the most memory (bytes) Python held at once while it ran."""
    tracemalloc.start()
    try:
        return read(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# Zips


def test_a_zip_member_bigger_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _zip(tmp_path / "chat.zip", "x" * 100_000)  # packs to a few hundred bytes
    monkeypatch.setattr(source, "MEMBER_LIMIT", 50_000)
    with pytest.raises(InvalidInput, match=r"unpacks to more than 48\.8 KB, the most nearer reads from one file"):
        load_chat(bomb)
    assert source.amount(4 << 30) == "4 GB", "the limit the app runs with, as people say it"


def test_a_zip_header_that_lies_about_the_size_is_caught_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "MEMBER_LIMIT", 2_000)
    liar = _patch(  # both headers say 100 bytes; the member unpacks to 2,900
        _zip(tmp_path / "chat.zip"),
        lambda data, local, central: (data.__setitem__(slice(local + 22, local + 26), struct.pack("<I", 100)),
                                      data.__setitem__(slice(central + 24, central + 28), struct.pack("<I", 100))),
    )  # fmt: skip
    with pytest.raises(InvalidInput, match=r"chat\.zip:WhatsApp Chat with Sam\.txt is damaged"):
        load_chat(liar)  # zipfile stops at the 100 bytes it was told of, and the CRC no longer fits
    counted = source._Member(zipfile.ZipFile(liar), io.BytesIO(b"x" * 5_000), "chat.zip:chat.txt", 2_000)
    with pytest.raises(InvalidInput, match=r"chat\.zip:chat\.txt unpacks to more than 1\.95 KB"):
        io.BufferedReader(counted).read()  # whatever the header said, reading stops at the limit


@pytest.mark.parametrize(
    ("broken", "says"),
    [
        (lambda d, local, central: (d.__setitem__(local + 6, d[local + 6] | 1),
                                    d.__setitem__(central + 8, d[central + 8] | 1)), "is protected by a password"),
        (lambda d, local, central: (d.__setitem__(slice(local + 14, local + 18), b"\0\0\0\0"),
                                    d.__setitem__(slice(central + 16, central + 20), b"\0\0\0\0")),
         r"is damaged and can't be unpacked \(Bad CRC-32"),
        (lambda d, local, central: (d.__setitem__(slice(local + 8, local + 10), struct.pack("<H", 99)),
                                    d.__setitem__(slice(central + 10, central + 12), struct.pack("<H", 99))),
         "is compressed in a way nearer can't unpack"),
        (lambda d, local, central: d.__setitem__(slice(local + 56, local + 60), b"\xff" * 4),
         r"is damaged and can't be unpacked \(Error -3 while decompressing"),
    ],
    ids=["encrypted", "bad-crc", "unknown-compression", "broken-deflate"],
)  # fmt: skip
def test_a_broken_zip_says_what_is_wrong(
    tmp_path: Path, broken: Callable[[bytearray, int, int], object], says: str
) -> None:
    damaged = _patch(_zip(tmp_path / "chat.zip"), broken)
    with pytest.raises(InvalidInput, match=rf"chat\.zip:WhatsApp Chat with Sam\.txt {says}"):
        load_chat(damaged)


# Huge lines and messages


def test_a_file_of_one_endless_line_keeps_memory_flat(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text("01/01/2021, 10:00 - Sam: " + "a" * 24_000_000 + "\n01/01/2021, 10:01 - Alex: ok\n", "utf-8")
    lines = list(Source(export).lines())
    assert [(line.number, len(line.text), line.cut) for line in lines] == [
        (1, source.LONGEST_LINE, True),
        (2, 28, False),
    ]
    chat, peak = _peak(lambda: load_chat(export))
    assert peak < 16_000_000, f"a 24 MB line took {peak / 1e6:.0f} MB"
    assert [len(m.text) for m in chat.messages] == [64 * 1024, 2]
    assert chat.problem_count == 1 and "cut to its first 64 KB" in chat.problems[0].reason


def test_a_message_that_runs_on_forever_keeps_memory_flat(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    with export.open("w", encoding="utf-8") as out:
        out.write("01/01/2021, 10:00 - Sam: it starts here\n")
        out.writelines("and goes on and on and on and on and on\n" for _ in range(150_000))  # 6 MB
        out.write("01/01/2021, 10:01 - Alex: finally\n")
    chat, peak = _peak(lambda: load_chat(export))
    assert peak < 3_000_000, f"a 6 MB message took {peak / 1e6:.1f} MB"
    assert len(chat.messages[0].text) == 64 * 1024 and chat.messages[0].text.startswith("it starts here\nand goes on")
    assert chat.messages[1].text == "finally"
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "is a message longer than 64 KB; it was cut to its first 64 KB")
    ]


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("result.json", {"name": "R", "messages": [{"id": 1, "type": "message", "date_unixtime": "1693599243",
                                                    "from": "Robin", "text": "x" * 200_000}]}),
        ("dm.json", {"guild": {"id": "0"}, "channel": {"id": "9"}, "messages": [
            {"id": "1", "type": "Default", "timestamp": "2024-03-05T21:41:00+00:00", "author": {"name": "sam"},
             "content": "x" * 200_000}]}),
    ],
)  # fmt: skip
def test_a_long_json_message_is_cut_too(tmp_path: Path, name: str, written: dict[str, Any]) -> None:
    export = tmp_path / name
    export.write_text(json.dumps(written), encoding="utf-8")
    chat = load_chat(export)
    assert len(chat.messages[0].text) == 64 * 1024
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "is a message longer than 64 KB; it was cut to its first 64 KB")
    ]


# JSON of the wrong shape

TG = {"name": "Robin", "type": "personal_chat", "id": 1}
OK = {"id": 9, "type": "message", "date_unixtime": "1693599243", "from": "Robin", "text": "still here"}


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ({**TG, "messages": {"1": OK}}, r'result\.json: its "messages" are not a list'),
        ({**TG, "messages": "none"}, r'result\.json: its "messages" are not a list'),
        ({"about": "data", "chats": {"list": ["Robin"]}}, "chat 1 in its list of chats is not a chat object"),
        ({"about": "data", "chats": {"list": [{"name": "Robin", "messages": 5}]}},
         "the \"messages\" of the chat 'Robin' are not a list"),
        ({**TG, "messages": [{**OK, "text": {"bold": "hi"}}]},
         'none of its messages could be read: line 1 has a "text" that is neither words nor a list of pieces'),
    ],
)  # fmt: skip
def test_telegram_json_of_the_wrong_shape_says_so(tmp_path: Path, written: dict[str, Any], says: str) -> None:
    export = tmp_path / "result.json"
    export.write_text(json.dumps(written), encoding="utf-8")
    with pytest.raises(InvalidInput, match=says):
        load_chat(export)


def test_telegram_messages_of_the_wrong_shape_are_counted(tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    odd = [
        "a string",
        {**OK, "from": 42},
        {**OK, "text": ["hi ", 5, None, {"type": "bold", "text": "there"}, {"type": "link"}]},
        {**OK, "text": "", "poll": "what?"},
        {**OK, "text": 7},
        {**OK, "date_unixtime": "99999999999999999"},
        OK,
    ]
    export.write_text(json.dumps({**TG, "messages": odd}), encoding="utf-8")
    chat = load_chat(export)
    assert [(m.sender, m.text, m.kind) for m in chat.messages] == [
        ("42", "still here", Kind.text),
        ("Robin", "hi there", Kind.text),
        ("Robin", "poll", Kind.media),
        ("Robin", "still here", Kind.text),
    ]
    assert [(p.line, p.reason) for p in chat.problems] == [
        (1, "is not a message object; skipped"),
        (5, 'has a "text" that is neither words nor a list of pieces (int); skipped'),
        (6, "has no readable date; skipped"),
    ]


def test_other_json_of_the_wrong_shape_is_counted(tmp_path: Path) -> None:
    messenger = tmp_path / "message_1.json"
    messenger.write_text(json.dumps({"participants": [], "messages": [
        {"sender_name": "Ana", "timestamp_ms": 1e300, "content": "x"},
        {"sender_name": ["Ana"], "timestamp_ms": 1599999000000, "content": {"a": 1}, "photos": "x", "share": 5},
        {"sender_name": "Bo", "timestamp_ms": 1599999000000, "content": "hi"}]}), "utf-8")  # fmt: skip
    chat = load_chat(messenger)
    assert [m.text for m in chat.messages] == ["hi"] and chat.problem_count == 2
    discord = tmp_path / "dm.json"
    discord.write_text(json.dumps({"guild": {}, "channel": {}, "messages": [
        {"timestamp": "0001-01-01T00:00:00+05:00", "author": {"name": "sam"}, "content": "x"},
        {"timestamp": "2024-01-01T00:00:00+00:00", "author": {"name": "sam"}, "attachments": [{"url": "http://[x/a.png"}]},
        {"timestamp": "2024-01-01T00:00:00+00:00", "author": "sam", "content": 5, "attachments": "x"},
        {"timestamp": "2024-01-01T00:01:00+00:00", "author": {"name": "kit"}, "content": "hi"}]}), "utf-8")  # fmt: skip
    chat = load_chat(discord)
    assert [(m.sender, m.text) for m in chat.messages] == [("sam", "http://[x/a.png"), ("kit", "hi")]
    assert [p.line for p in chat.problems] == [1, 3]
    signal = tmp_path / "data.json"
    signal.write_text(
        '{"date": "0001-01-01T00:00:00+05:00", "sender": "Aya", "body": "x"}\n'
        + "[" * 100_000
        + "\n"
        + '{"date": "2024-03-02T19:41:07", "sender": "Aya", "body": "hi  "}\n',
        encoding="utf-8",
    )
    chat = load_chat(signal)
    assert [m.text for m in chat.messages] == ["hi"]
    assert [(p.line, p.reason.split(" (")[0]) for p in chat.problems] == [
        (1, "has no readable date"),
        (2, "is not valid JSON; skipped"),
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ('{"name": "R", "messages": [{"id": 1, "date": "2023-01-01T00:00:00", "from": "A", "text": ', "}]}"),
        ('{"participants": [], "messages": [{"sender_name": "A", "timestamp_ms": 1, "content": ', "}]}"),
        ('{"guild": {}, "channel": {}, "messages": [{"timestamp": "2024-01-01T00:00:00", "content": ', "}]}"),
    ],
    ids=["telegram", "messenger", "discord"],
)
@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("[" * 5_000 + "]" * 5_000, "is nested more than 64 levels deep"),  # ijson would keep 5,000 growing paths
        ('"' + 'a\\"' * 1_500_000 + '"', r"has a value longer than 4 MB"),
        ("1" * 5_000_000, r"has a value longer than 4 MB"),
    ],
    ids=["deep", "long-string", "long-number"],
)
def test_json_that_would_take_memory_out_of_all_proportion_is_refused(
    tmp_path: Path, start: str, end: str, value: str, says: str
) -> None:
    export = tmp_path / "export.json"
    export.write_text(start + value + end, encoding="utf-8")
    with pytest.raises(InvalidInput, match=rf"export\.json {says}"):
        load_chat(export)


@pytest.mark.parametrize(
    "written",
    [
        {"a": 'x"y\\', "b": [1, {"c": ']]]]\\"[[[{'}], "d": '\\"', "e": [[[]]], "f": "ends on \\"},
        {"messages": [{"text": ["a", {"text": '"}'}], "n": -1.5e10, "t": True, "z": None}], "q": "é\n\t\u2028"},
    ],
)
def test_the_json_guard_follows_strings_and_escapes_across_any_chunks(written: dict[str, Any]) -> None:
    text = json.dumps(written).encode()
    for cuts in itertools.combinations(range(len(text) + 1), 2):
        assert _scanned(text, *cuts) == (0, False, False), cuts
    many = json.dumps({"text": '\\"x' * 100, "list": [["]"] * 100]}).encode()  # past 64 escapes in a chunk
    for cut in range(len(many) + 1):
        assert _scanned(many, cut) == (0, False, False), cut


def _scanned(text: bytes, *cuts: int) -> tuple[int, bool, bool]:
    """The JSON guard's depth, whether in a string, and whether after a backslash, once ``text`` is read in the
    chunks ``cuts`` make of it."""
    guard = source.JsonGuard(io.BytesIO(), "x.json")
    for start, end in itertools.pairwise([0, *cuts, len(text)]):
        if end > start:
            guard._scan(text[start:end])
    return guard._depth, guard._in_string, guard._skip


# CSV


def test_csv_times_out_of_range_are_counted(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text(
        "time,sender,text\n9999-12-31T23:59:59-05:00,Noa,x\n2024-05-01 21:30,Eli,hi\n0001-01-01T00:00+05:00,Noa,y\n",
        encoding="utf-8",
    )
    chat = load_chat(export)
    assert [m.text for m in chat.messages] == ["hi"]
    assert [(p.line, p.reason.split(" (")[0]) for p in chat.problems] == [
        (2, "has a time out of range"),
        (4, "has a time out of range"),
    ]


def test_csv_rows_come_out_in_time_order(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text(
        "time,sender,text\n2024-05-02 09:00,Noa,third\n2024-05-01 21:30,Eli,first\n2024-05-02 09:00,Eli,fourth\n"
        "2024-05-01 21:31,Noa,second\n",
        encoding="utf-8",
    )
    chat = load_chat(export)
    assert [m.text for m in chat.messages] == ["first", "second", "third", "fourth"], "stable: same time, same order"
    assert [m.line for m in chat.messages] == [3, 5, 2, 4]


def test_a_csv_quote_never_closed_is_reported_and_the_rows_after_it_read(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text(
        'time,sender,text\n2024-05-01 21:30,Noa,"this quote never closes\n2024-05-01 21:31,Eli,"quoted, fine"\n'
        '2024-05-01 21:32,Noa,also fine\n2024-05-01 21:33,Eli,"another one that never closes\n'
        "2024-05-01 21:34,Noa,swallowed?\n2024-05-01 21:35,Eli,not swallowed\n",
        encoding="utf-8",
    )
    chat = load_chat(export)
    assert [(m.line, m.text) for m in chat.messages] == [
        (3, "quoted, fine"),
        (4, "also fine"),
        (6, "swallowed?"),
        (7, "not swallowed"),
    ]
    assert [(p.line, p.reason) for p in chat.problems] == [
        (2, "opens a quote that is never closed (the row runs over lines that read as rows of their own); skipped"),
        (5, "opens a quote that is never closed (the row runs to the end of the file); skipped"),
    ]


def test_a_csv_quote_that_runs_on_for_megabytes_is_undone(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    with export.open("w", encoding="utf-8") as out:
        out.write('time,sender,text\n2024-05-01 21:30,Noa,"a quote that never closes\n')
        out.writelines("just words and nothing like a row\n" for _ in range(40_000))  # 1.4 MB
        out.write("2024-05-01 21:31,Eli,the last row\n")
    chat, peak = _peak(lambda: load_chat(export))
    assert peak < 16_000_000, f"a 1.4 MB quote took {peak / 1e6:.0f} MB"
    assert [m.text for m in chat.messages] == ["the last row"]
    assert chat.problems[0] == Problem(
        2, "opens a quote that is never closed (the row runs on for more than 1 MB); skipped"
    )
    assert chat.problems[1] == Problem(3, "has 1 columns, fewer than the header's; skipped")
    assert chat.problem_count == 1 + 40_000, "every line it swallowed is read again, and counted"


def test_a_csv_full_of_quotes_never_closed_is_not_csv(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    export.write_text("time,sender,text\n" + "".join(f'2024-05-01 21:{n:02d},Noa,"oh\n' for n in range(30)), "utf-8")
    with pytest.raises(InvalidInput, match=r"chat\.csv has more than 20 quotes that are never closed"):
        load_chat(export)


def test_a_csv_field_longer_than_the_csv_module_allows_is_read_and_cut(tmp_path: Path) -> None:
    export = tmp_path / "chat.csv"
    long = "word " * 60_000  # 300,000 characters: over csv's own limit of 131,072
    export.write_text(f'time,sender,text\n2024-05-01 21:30,Noa,"{long}"\n2024-05-01 21:31,Eli,ok\n', "utf-8")
    chat = load_chat(export)
    assert [m.text for m in chat.messages] == [long[: 64 * 1024], "ok"]
    assert [p.reason for p in chat.problems] == ["is a message longer than 64 KB; it was cut to its first 64 KB"]


# Telegram whole-account exports, and chats with nothing readable


def test_a_whole_account_export_is_known_past_a_long_list_of_contacts(tmp_path: Path) -> None:
    contacts = [{"first_name": f"Friend {n}", "last_name": "", "phone_number": f"+44 7700 {n:06d}",
                 "date": "2020-01-01T00:00:00", "date_unixtime": "1577836800"} for n in range(2_000)]  # fmt: skip
    written = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't use your data for ads.",
        "personal_information": {"user_id": 1, "first_name": "Kit", "phone_number": "+44 7700 000000"},
        "contacts": {"about": "This is your contact list.", "list": contacts},
        "frequent_contacts": {"about": "Frequent contacts.", "list": []},
        "chats": {"about": "This page lists all chats from this export.", "list": [
            {"name": "Mum", "type": "personal_chat", "id": 2, "messages": [
                {"id": 1, "type": "message", "date_unixtime": "1693599243", "from": "Mum", "text": "call me x"}]}]},
    }  # fmt: skip
    export = tmp_path / "result.json"
    export.write_text(json.dumps(written, indent=1), encoding="utf-8")
    assert export.stat().st_size > 4 * 65536, '"chats" comes far past what is sniffed'
    chat = load_chat(export)
    assert chat.format == "telegram" and [(m.sender, m.text) for m in chat.messages] == [("Mum", "call me x")]


def test_a_chat_where_nothing_can_be_read_is_an_error_that_quotes_the_problems(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text("".join(f"31/02/2021, 10:{n:02d} - Sam: hi\n" for n in range(5)), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_chat(export)
    assert caught.value.message == (
        "chat.txt looks like a WhatsApp export, but none of its messages could be read: "
        "line 1 has a date or time that does not exist ('31/02/2021, 10:00 - Sam: hi'); "
        "line 2 has a date or time that does not exist ('31/02/2021, 10:01 - Sam: hi'); "
        "line 3 has a date or time that does not exist ('31/02/2021, 10:02 - Sam: hi'); and 2 more."
    )


def test_a_slip_no_reader_expected_is_an_error_naming_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")

    def slips(*_: object) -> None:
        raise KeyError("group")

    monkeypatch.setattr(whatsapp, "_message", slips)
    with pytest.raises(InvalidInput, match=r"chat\.txt looks like a WhatsApp export but can't be read: it is shaped "
                                           r"unlike any export nearer knows \(KeyError: 'group'\)"):  # fmt: skip
        load_chat(export)
