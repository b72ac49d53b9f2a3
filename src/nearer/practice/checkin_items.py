"""The statements of the check-in (``checkin_items.toml``), in their areas, checked when they load.

An area has an ``id``, a ``name`` and a line ``about`` it. A statement has an ``id`` (``<area>-<n>``),
its ``area``, its ``text``, whether it is ``reverse``-scored (a sign that closeness is missing), and
optional ``partners`` and ``others`` (friends, family) wordings. ``{name}`` in any wording stands for the
other person's name; no other braces are allowed.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nearer.errors import BrokenData

FILE = Path(__file__).resolve().parent / "checkin_items.toml"
AREA_FIELDS = {"id", "name", "about"}
ITEM_FIELDS = {"id", "area", "text", "reverse", "partners", "others"}
MOST_CHARACTERS = 200
FEWEST_IN_AN_AREA = 2
_BRACES = re.compile(r"\{[^}]*\}|[{}]")


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    about: str

    def words(self, name: str) -> str:
        return self.about.replace("{name}", name)


@dataclass(frozen=True)
class Item:
    id: str
    area: str
    text: str
    reverse: bool
    partners: str | None = None
    others: str | None = None

    def wording(self, kind: str | None, name: str) -> str:
        """The statement for a pair of this kind (partners, friends, family), about the person named."""
        words = self.text
        if kind == "partners" and self.partners:
            words = self.partners
        elif kind in ("friends", "family") and self.others:
            words = self.others
        return words.replace("{name}", name)


@dataclass(frozen=True)
class ItemSet:
    areas: tuple[Area, ...]
    items: tuple[Item, ...]

    def in_area(self, area_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.area == area_id)

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)


def _words(value: Any, at: str, problems: list[str], *, statement: bool) -> bool:
    if not isinstance(value, str) or not value.strip() or len(value) > MOST_CHARACTERS:
        problems.append(f"{at} must be words, at most {MOST_CHARACTERS} characters")
        return False
    if any(brace != "{name}" for brace in _BRACES.findall(value)):
        problems.append(f"{at} may hold only {{name}} in braces")
        return False
    if statement and value.rstrip().endswith("?"):
        problems.append(f"{at} must be a statement to rate, not a question")
        return False
    return True


def _area(raw: Any, problems: list[str]) -> Area | None:
    if not isinstance(raw, dict):
        problems.append("an [[area]] is not a table")
        return None
    at = f"area {raw.get('id', '?')}"
    before = len(problems)
    problems.extend(f"{at}: unknown field {name!r}" for name in sorted(set(raw) - AREA_FIELDS))
    if not isinstance(raw.get("id"), str) or not re.fullmatch(r"[a-z]{2,20}", raw["id"]):
        problems.append(f"{at}: the id must be a short lowercase word")
    _words(raw.get("name"), f"{at}: name", problems, statement=True)
    _words(raw.get("about"), f"{at}: about", problems, statement=True)
    return None if len(problems) > before else Area(raw["id"], raw["name"], raw["about"])


def _item(raw: Any, areas: set[str], problems: list[str]) -> Item | None:
    if not isinstance(raw, dict):
        problems.append("an [[item]] is not a table")
        return None
    at = f"item {raw.get('id', '?')}"
    before = len(problems)
    problems.extend(f"{at}: unknown field {name!r}" for name in sorted(set(raw) - ITEM_FIELDS))
    area = raw.get("area")
    if area not in areas:
        problems.append(f"{at}: area must be one of {', '.join(sorted(areas))}")
    elif not isinstance(raw.get("id"), str) or not re.fullmatch(rf"{area}-\d{{1,2}}", raw["id"]):
        problems.append(f"{at}: the id must look like {area}-1")
    if not isinstance(raw.get("reverse"), bool):
        problems.append(f"{at}: reverse must be true or false")
    _words(raw.get("text"), f"{at}: text", problems, statement=True)
    for name in ("partners", "others"):
        if name in raw:
            _words(raw[name], f"{at}: {name}", problems, statement=True)
    if len(problems) > before:
        return None
    return Item(raw["id"], str(area), raw["text"], raw["reverse"], raw.get("partners"), raw.get("others"))


def read_items(path: Path = FILE) -> ItemSet:
    """The areas and statements in ``path``; BrokenData naming each problem when the file is not right."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BrokenData(f"The check-in statements can't be read: {path.name}: {exc}") from exc
    problems: list[str] = []
    found_areas = [a for a in (_area(raw, problems) for raw in data.get("area", [])) if a is not None]
    # Statements are checked against every area named, so one broken area doesn't hide their own problems.
    area_ids = {raw["id"] for raw in data.get("area", []) if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
    found = [i for i in (_item(raw, area_ids, problems) for raw in data.get("item", [])) if i is not None]
    problems.extend(f"{key}: used twice" for key in _twice([a.id for a in found_areas] + [i.id for i in found]))
    for area in found_areas:
        if sum(i.area == area.id for i in found) < FEWEST_IN_AN_AREA:
            problems.append(f"area {area.id}: needs at least {FEWEST_IN_AN_AREA} statements")
    if not found_areas:
        problems.append("there are no areas")
    if problems:
        raise BrokenData("The check-in statements have problems: " + "; ".join(problems[:20]))
    order = {a.id: k for k, a in enumerate(found_areas)}
    return ItemSet(tuple(found_areas), tuple(sorted(found, key=lambda i: order[i.area])))


def _twice(keys: list[str]) -> list[str]:
    return sorted(key for key, count in Counter(keys).items() if count > 1)


@cache
def items() -> ItemSet:
    return read_items()
