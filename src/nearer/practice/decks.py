"""The project's own question decks: TOML files in ``decks/``, one per theme, checked when they load.

Each question has an ``id`` (``<theme>-NNN``), a ``level`` (light, personal, vulnerable: how much
trust it asks for), its ``themes`` (its file's theme first), and its ``text``, with optional
``partners`` and ``others`` wordings where a question about "us" must differ for a couple and for
friends or family.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nearer.errors import BrokenData, InvalidInput

FOLDER = Path(__file__).resolve().parent / "decks"
LEVELS = ("light", "personal", "vulnerable")
THEMES = ("everyday", "memories", "dreams", "fears", "relationship", "appreciation", "needs")
KINDS = ("partners", "friends", "family")
FIELDS = {"id", "level", "themes", "text", "partners", "others"}
MOST_CHARACTERS = 300


@dataclass(frozen=True)
class Question:
    id: str
    level: str
    themes: tuple[str, ...]
    text: str
    partners: str | None = None
    others: str | None = None

    def wording(self, kind: str | None = None) -> str:
        """The words for a pair of this kind (partners, friends, family), or the wording for anyone."""
        if kind == "partners" and self.partners:
            return self.partners
        if kind in ("friends", "family") and self.others:
            return self.others
        return self.text


def _question(raw: Any, theme: str, where: str, problems: list[str]) -> Question | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: not a table")
        return None
    at = f"{where} {raw.get('id', '?')}"
    before = len(problems)
    for unknown in sorted(set(raw) - FIELDS):
        problems.append(f"{at}: unknown field {unknown!r}")
    qid, level, themes, text = raw.get("id"), raw.get("level"), raw.get("themes"), raw.get("text")
    if not isinstance(qid, str) or not re.fullmatch(rf"{theme}-\d{{3}}", qid):
        problems.append(f"{at}: the id must look like {theme}-001")
    if level not in LEVELS:
        problems.append(f"{at}: level must be one of {', '.join(LEVELS)}")
    if not isinstance(themes, list) or not themes or themes[0] != theme or not set(themes) <= set(THEMES):
        problems.append(f"{at}: themes must start with {theme!r} and use only {', '.join(THEMES)}")
    wordings = [text, raw.get("partners"), raw.get("others")]
    for name, words in zip(("text", "partners", "others"), wordings, strict=True):
        if words is None and name != "text":
            continue
        if not isinstance(words, str) or not words.strip() or len(words) > MOST_CHARACTERS:
            problems.append(f"{at}: {name} must be words, at most {MOST_CHARACTERS} characters")
        elif not words.rstrip().endswith("?"):
            problems.append(f"{at}: {name} must be a question")
    if len(problems) > before:
        return None
    return Question(str(qid), str(level), tuple(themes or ()), str(text), raw.get("partners"), raw.get("others"))


def read_decks(folder: Path = FOLDER) -> tuple[Question, ...]:
    """Every question in ``folder``; BrokenData naming each problem when a file is not right."""
    problems: list[str] = []
    found: list[Question] = []
    for path in sorted(folder.glob("*.toml"), key=lambda p: (THEMES.index(p.stem) if p.stem in THEMES else 99, p.name)):
        theme = path.stem
        if theme not in THEMES:
            problems.append(f"{path.name}: {theme!r} is not a theme ({', '.join(THEMES)})")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        for raw in data.get("question", []):
            question = _question(raw, theme, path.name, problems)
            if question is not None:
                found.append(question)
    seen: set[str] = set()
    for question in found:
        if question.id in seen:
            problems.append(f"{question.id}: used twice")
        seen.add(question.id)
    if problems:
        raise BrokenData("The question decks have problems: " + "; ".join(problems[:20]))
    return tuple(found)


@cache
def decks() -> tuple[Question, ...]:
    return read_decks()


def questions(
    level: str | None = None, theme: str | None = None, among: Sequence[Question] | None = None
) -> list[Question]:
    """The questions of one level and/or theme, in deck order."""
    if level is not None and level not in LEVELS:
        raise InvalidInput(f"Unknown level {level!r}: choose {', '.join(LEVELS)}.", field="level")
    if theme is not None and theme not in THEMES:
        raise InvalidInput(f"Unknown theme {theme!r}: choose {', '.join(THEMES)}.", field="theme")
    pool = decks() if among is None else among
    return [q for q in pool if (level is None or q.level == level) and (theme is None or theme in q.themes)]
