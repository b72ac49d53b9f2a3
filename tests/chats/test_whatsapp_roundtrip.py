"""Random chats written in every WhatsApp variant parse back exactly (hypothesis)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.chats import Kind, load_chat
from nearer.chats.whatsapp import HEADER

NAMES = (
    st.text(alphabet=st.characters(categories=("L", "N", "So"), include_characters=" -.'"), min_size=1, max_size=18)
    .map(str.strip)
    .filter(lambda n: n and ": " not in n and not n.startswith("~") and not n[0].isdigit())
)
LINE = st.text(
    alphabet=st.characters(
        categories=("L", "N", "P", "Zs", "So"), exclude_characters="\u200e\u200f\ufeff\u2028\u2029\x85"
    ),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and not HEADER.match(t) and "<" not in t and ">" not in t and t != "null")
# "null" alone is how Android writes a view-once photo: a person typing exactly that reads as media.
TEXT = st.lists(LINE, min_size=1, max_size=3).map("\n".join)


@st.composite
def variants(draw: st.DrawFn) -> dict[str, object]:
    return {
        "phone": draw(st.sampled_from(["android", "ios"])),
        "order": draw(st.sampled_from(["dmy", "mdy", "ymd"])),
        "sep": draw(st.sampled_from(["/", ".", "-"])),
        "long_year": draw(st.booleans()),
        "twelve": draw(st.booleans()),
        "space": draw(st.sampled_from([" ", "\u00a0", "\u202f"])),
        "half": draw(st.sampled_from(["AM", "am", "a.m.", "a. m."])),
    }


def header(when: datetime, v: dict[str, object]) -> str:
    year = f"{when.year}" if v["long_year"] or v["order"] == "ymd" else f"{when.year % 100:02d}"
    parts = {
        "dmy": (when.day, when.month, year),
        "mdy": (when.month, when.day, year),
        "ymd": (year, when.month, when.day),
    }
    date = str(v["sep"]).join(str(p) for p in parts[str(v["order"])])
    if v["twelve"]:
        hour = when.hour % 12 or 12
        half = (
            str(v["half"]).replace("a", "p" if when.hour >= 12 else "a").replace("A", "P" if when.hour >= 12 else "A")
        )
        clock = f"{hour}:{when.minute:02d}"
        clock += f":{when.second:02d}" if v["phone"] == "ios" else ""
        clock += f"{v['space']}{half}"
    else:
        clock = f"{when.hour:02d}:{when.minute:02d}" + (f":{when.second:02d}" if v["phone"] == "ios" else "")
    return f"[{date}, {clock}] " if v["phone"] == "ios" else f"{date}, {clock} - "


@settings(max_examples=150, deadline=None)
@given(
    v=variants(),
    names=st.lists(NAMES, min_size=2, max_size=3, unique=True),
    rows=st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2035, 12, 31)), st.integers(0, 2), TEXT
        ),
        min_size=2,
        max_size=12,
    ),
)
def test_written_then_read_gives_the_same_messages(
    v: dict[str, object], names: list[str], rows: list[tuple[datetime, int, str]]
) -> None:
    expected = []
    for n, (when, who, text) in enumerate(sorted(rows)):
        when = when.replace(microsecond=0, second=when.second if v["phone"] == "ios" else 0)
        expected.append((when, names[(who + n) % len(names)], text))
    expected += [(expected[-1][0], name, "still here") for name in names]  # everyone writes more than once
    lines = [f"{header(when, v)}{sender}: {text}" for when, sender, text in expected]
    with TemporaryDirectory() as folder:
        export = Path(folder) / "chat.txt"
        export.write_text("\n".join(lines) + "\n", encoding="utf-8")
        chat = load_chat(export, date_order=str(v["order"]))
    assert chat.problems == []
    assert [(m.time, m.sender, m.text) for m in chat.messages] == expected
    assert all(m.kind is Kind.text for m in chat.messages)
