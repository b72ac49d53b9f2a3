"""The coach's phrase library (``phrases.toml``): loaded once, checked at load, and filled in.

Every phrase may hold placeholders ({feeling}, {topic}, ...). ``Library.say`` picks, among the
phrases of one kind whose every placeholder has a value, one chosen by the messages themselves
(a stable hash), so the same two messages always get the same words and different ones rarely do.
"""

from __future__ import annotations

import string
import tomllib
import zlib
from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from nearer.errors import ModelUnavailable

FILE = Path(__file__).resolve().parent / "phrases.toml"
PLACEHOLDERS = frozenset(
    {
        "feeling",
        "topic",
        "quote",
        "situation",
        "want",
        "evidence",
        "their_point",
        "own_feeling",
        "own_state",
        "strengths",
    }
)
KINDS = {
    "explain": ("brush_off", "dismissal", "stonewalling", "defensiveness", "criticism", "contempt"),
    "feelings_named": ("reflect",),
    "no_feeling_named": ("reflect",),
    "good_news": ("celebrate",),
    "curious": ("with_topic", "with_quote", "plain"),
    "gentle_start": ("with_situation_and_want", "with_situation", "with_want", "plain"),
    "honest_share": ("after_a_question", "pause"),
    "own_up": ("take_part",),
    "repair": ("ask",),
    "affirm": ("caring", "neutral"),
    "cannot_read": ("no_words", "not_english"),
}


def placeholders(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name is not None}


class Library:
    def __init__(self, data: Mapping[str, Any]) -> None:
        problems: list[str] = []
        for section, kinds in KINDS.items():
            for kind in kinds:
                phrases = data.get(section, {}).get(kind)
                if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
                    problems.append(f"[{section}] {kind} must be a non-empty list of strings")
                    continue
                for phrase in phrases:
                    unknown = placeholders(phrase) - PLACEHOLDERS
                    if unknown:
                        problems.append(f"[{section}] {kind}: unknown placeholder {sorted(unknown)} in {phrase!r}")
        strengths = data.get("strengths", {})
        if not isinstance(strengths, dict) or not all(isinstance(v, str) for v in strengths.values()):
            problems.append("[strengths] must map names to strings")
        if problems:
            raise ModelUnavailable("The coach's phrase library is broken: " + "; ".join(problems))
        self._data = data
        self.strengths: dict[str, str] = dict(strengths)

    def say(
        self, section: str, kind: str, values: Mapping[str, str | None], seed: str, besides: Collection[str] = ()
    ) -> str | None:
        """One phrase of ``[section] kind`` with its blanks filled, other than those in ``besides``; None when
        no phrase can be filled."""
        known = {name for name, value in values.items() if value}
        filled = {name: value for name, value in values.items() if value}
        phrases: list[str] = self._data[section][kind]
        usable = [p.format_map(filled) for p in phrases if placeholders(p) <= known]
        usable = [p for p in usable if p not in besides]
        if not usable:
            return None
        return usable[zlib.crc32(f"{section}.{kind}:{seed}".encode()) % len(usable)]


@cache
def library() -> Library:
    with FILE.open("rb") as handle:
        return Library(tomllib.load(handle))
