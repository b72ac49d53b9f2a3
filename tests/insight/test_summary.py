"""The summary of a small chat whose answers are known by hand, and ``nearer analyze`` around it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.chats import load_chat
from nearer.insight import SCHEMA_VERSION, analyze, summary
from nearer.insight.analysis import contexts_of

KNOWN = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"
CONTRACT = {"schema_version", "format", "people", "messages", "first_message_at", "last_message_at",
            "unparsed_lines", "acts", "turns"}  # fmt: skip


def test_replies_answer_the_other_persons_message_just_before() -> None:
    chat = load_chat(KNOWN)
    # 0 Ren shares; 1 Ash answers 0; 2 Ren answers 1; 3 media; 4 system; 5 Ash asks (new morning, after
    # media and a notice); 6 Ren answers 5; 7 Ren again, hours later: answers nothing.
    assert contexts_of(chat) == [None, 0, 1, None, None, None, 5, None]


def test_the_figures_match_what_a_person_counts_by_hand() -> None:
    shown = summary(analyze(load_chat(KNOWN)))
    assert set(shown) >= CONTRACT and shown["schema_version"] == SCHEMA_VERSION
    assert shown["format"] == "whatsapp-android" and shown["people"] == ["Ren", "Ash"]
    assert shown["messages"] == {"Ren": 4, "Ash": 3}, "the encryption notice is nobody's message"
    assert shown["first_message_at"] == "2024-06-02T20:01:00" and shown["last_message_at"] == "2024-06-03T19:00:00"
    assert shown["unparsed_lines"] == 0
    said = {name: {act for act, n in acts.items() if n} for name, acts in shown["acts"].items()}
    assert said == {"Ren": {"disclosure", "appreciation", "brush_off", "criticism"}, "Ash": {"validation", "curiosity"}}
    assert shown["turns"] == {
        "Ren": {"toward": 1, "away": 1, "against": 0},
        "Ash": {"toward": 1, "away": 0, "against": 0},
    }


def test_safety_is_counted_and_not_scored(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(
        "01/05/2024, 22:00 - Kai: you never listen to me\n"
        "01/05/2024, 22:01 - Sol: some nights I think everyone would be better off if I wasn't here at all\n",
        encoding="utf-8",
    )
    analysis = analyze(load_chat(export))
    assert analysis.safety_lines == [1]
    sol = analysis.people["Sol"]
    assert sol.acts["safety"] == 1 and sum(sol.acts.values()) == 1 and sum(sol.turns.values()) == 0


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nearer", "analyze", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEARER_HOME": "/nonexistent-not-needed"},
    )


def test_the_command_prints_a_short_summary_and_writes_the_json(tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    done = run(str(KNOWN), "--me", "Ren", "--json", str(out))
    assert done.returncode == 0, done.stderr
    assert "7 messages from 2024-06-02 to 2024-06-03" in done.stdout
    assert "Ren: 4 messages; turned toward 50% of the bids they answered" in done.stdout
    written = json.loads(out.read_text(encoding="utf-8"))
    assert set(written) >= CONTRACT and written["me"] == "Ren"


def test_the_command_refuses_bad_input_plainly(tmp_path: Path) -> None:
    stranger = run(str(KNOWN), "--me", "Pat")
    assert stranger.returncode == 1 and "'Pat' doesn't write in this chat" in stranger.stderr
    prose = tmp_path / "notes.txt"
    prose.write_text("just some words\n", encoding="utf-8")
    unknown = run(str(prose))
    assert unknown.returncode == 1 and "Tried whatsapp, telegram, csv" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_progress_is_reported_up_to_every_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nearer.insight import analysis

    monkeypatch.setattr(analysis, "BATCH", 2)
    seen: list[tuple[int, int]] = []
    analyze(load_chat(KNOWN), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 6), (4, 6), (6, 6)], "six text messages, read two at a time"
