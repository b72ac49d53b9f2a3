"""The question decks load, are checked when they load, and keep the issue's promises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from nearer.errors import BrokenData, InvalidInput
from nearer.practice.decks import LEVELS, THEMES, decks, questions, read_decks


def test_at_least_300_questions_in_three_levels_and_every_theme() -> None:
    every = decks()
    assert len(every) >= 300
    assert len({q.id for q in every}) == len(every)
    levels = Counter(q.level for q in every)
    assert set(levels) == set(LEVELS) and min(levels.values()) >= 60
    assert {q.themes[0] for q in every} == set(THEMES)
    for theme in THEMES:
        assert {q.level for q in questions(theme=theme)} == set(LEVELS), theme


def test_questions_about_us_are_worded_for_partners_and_for_friends_or_family() -> None:
    worded = [q for q in decks() if q.partners or q.others]
    assert len(worded) >= 20
    for q in worded:
        assert q.partners and q.others, f"{q.id} needs both wordings"
        assert q.wording("partners") == q.partners and q.wording("family") == q.others
        assert q.wording(None) == q.text


def test_filters_and_bad_filters() -> None:
    assert all(q.level == "light" and "needs" in q.themes for q in questions("light", "needs"))
    with pytest.raises(InvalidInput, match="Unknown level 'deep'"):
        questions("deep")
    with pytest.raises(InvalidInput, match="Unknown theme 'work'"):
        questions(theme="work")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[question]]\nid = "needs-001"\nlevel = "deep"\nthemes = ["needs"]\ntext = "Why?"\n', "level must be one of"),
        ('[[question]]\nid = "n-1"\nlevel = "light"\nthemes = ["needs"]\ntext = "Why?"\n', "the id must look like"),
        (
            '[[question]]\nid = "needs-001"\nlevel = "light"\nthemes = ["needs"]\ntext = "Tell me."\n',
            "must be a question",
        ),
        ('[[question]]\nid = "needs-001"\nlevel = "light"\nthemes = ["fun"]\ntext = "Why?"\n', "themes must start"),
        (
            '[[question]]\nid = "needs-001"\nlevel = "light"\nthemes = ["needs"]\ntext = "Why?"\nmood = 1\n',
            "unknown field",
        ),
        ("[[question]\n", "needs.toml"),
    ],
)
def test_a_broken_deck_is_refused_with_its_problem(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "needs.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BrokenData, match=problem):
        read_decks(tmp_path)


def test_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    one = '[[question]]\nid = "needs-001"\nlevel = "light"\nthemes = ["needs"]\ntext = "Why?"\n'
    (tmp_path / "needs.toml").write_text(one + one, encoding="utf-8")
    with pytest.raises(BrokenData, match="needs-001: used twice"):
        read_decks(tmp_path)


def test_the_command_lists_every_question_as_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nearer", "questions", "--json"], capture_output=True, text=True, timeout=60,
        env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == len(decks())
    assert all({"id", "level", "themes", "text"} <= set(row) for row in rows)
    partners = subprocess.run(
        [sys.executable, "-m", "nearer", "questions", "--theme", "relationship", "--level", "vulnerable", "--for",
         "partners"], capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "relationship, vulnerable" in partners.stdout and "questions." in partners.stdout
