"""The private journal: prompts on trust, and entries that belong to their writer alone, always.

An entry is never shown to anyone but its writer: not to the other person of any pair they are in,
not in a pair's views, not in anyone else's data export. Anyone else asking for it gets NotFound,
exactly as for an entry that doesn't exist. The prompts ship with nearer in ``journal_prompts.toml``
and are checked when they load; each writer gets a prompt of the day, chosen among the ones they
haven't written on yet.

>>> [p.theme for p in prompts()][:1]
['past']
"""

from __future__ import annotations

import re
import tomllib
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.errors import BrokenData, InvalidInput, NotFound
from nearer.practice.days import local_day
from nearer.store.models import JournalEntry, Person

PROMPTS_FILE = Path(__file__).resolve().parent / "journal_prompts.toml"
THEMES = {
    "past": "What came before",
    "opening": "What makes opening up hard",
    "known": "What you'd like them to know",
    "safe": "When you felt safe",
    "now": "Trust, now",
}
FIELDS = {"id", "theme", "text"}
MOST_PROMPT_CHARACTERS = 300
MOST_CHARACTERS = 10_000
NO_SUCH_ENTRY = "We couldn't find that journal entry. It may have been deleted."


@dataclass(frozen=True)
class Prompt:
    id: str
    theme: str
    text: str

    @property
    def theme_name(self) -> str:
        return THEMES[self.theme]


def _prompt(raw: Any, where: str, problems: list[str]) -> Prompt | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: not a table")
        return None
    at = f"{where} {raw.get('id', '?')}"
    before = len(problems)
    for unknown in sorted(set(raw) - FIELDS):
        problems.append(f"{at}: unknown field {unknown!r}")
    pid, theme, text = raw.get("id"), raw.get("theme"), raw.get("text")
    if theme not in THEMES:
        problems.append(f"{at}: theme must be one of {', '.join(THEMES)}")
    elif not isinstance(pid, str) or not re.fullmatch(rf"{theme}-\d{{2}}", pid):
        problems.append(f"{at}: the id must look like {theme}-01")
    if not isinstance(text, str) or not text.strip() or len(text) > MOST_PROMPT_CHARACTERS:
        problems.append(f"{at}: text must be words, at most {MOST_PROMPT_CHARACTERS} characters")
    elif text != text.strip() or text.rstrip()[-1] not in "?.":
        problems.append(f"{at}: text must end with a question mark or a full stop, with no spaces around it")
    if len(problems) > before:
        return None
    return Prompt(str(pid), str(theme), str(text))


def read_prompts(path: Path = PROMPTS_FILE) -> tuple[Prompt, ...]:
    """Every prompt in the file, in its order; BrokenData naming each problem when it is not right."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BrokenData(f"The journal prompts can't be read from {path.name}: {exc}") from exc
    problems: list[str] = []
    for unknown in sorted(set(data) - {"prompt"}):
        problems.append(f"{path.name}: unknown table {unknown!r}")
    raw_prompts = data.get("prompt", [])
    found = [p for i, raw in enumerate(raw_prompts, 1) if (p := _prompt(raw, f"prompt {i}", problems)) is not None]
    seen: set[str] = set()
    for prompt in found:
        if prompt.id in seen:
            problems.append(f"{prompt.id}: used twice")
        seen.add(prompt.id)
    if not found and not problems:
        problems.append(f"{path.name}: no prompts")
    if problems:
        raise BrokenData("The journal prompts have problems: " + "; ".join(problems[:20]))
    return tuple(found)


@cache
def prompts() -> tuple[Prompt, ...]:
    return read_prompts()


def prompt_by_id(prompt_id: str) -> Prompt:
    """One of nearer's prompts; InvalidInput for an id that isn't one."""
    found = next((p for p in prompts() if p.id == prompt_id), None)
    if found is None:
        raise InvalidInput(
            "That isn't one of the journal's prompts. Choose another, or write without one.", field="prompt_id"
        )
    return found


def following(prompt_id: str | None) -> Prompt:
    """The prompt after this one (the first after the last): "show me another"."""
    every = prompts()
    at = next((i for i, p in enumerate(every) if p.id == prompt_id), -1)
    return every[(at + 1) % len(every)]


def prompt_of_the_day(session: Session, writer: Person, *, now: datetime) -> Prompt:
    """The writer's prompt for today: the same all day, one they haven't written on while there are any."""
    used = set(session.scalars(select(JournalEntry.prompt_id).where(JournalEntry.person_id == writer.id)))
    pool = [p for p in prompts() if p.id not in used] or list(prompts())
    return pool[zlib.crc32(f"{writer.id}:{local_day(now).isoformat()}".encode()) % len(pool)]


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput("A journal entry must be text.", field="text")
    words = text.strip()
    if not words:
        raise InvalidInput("Write a few words first. Even one line is enough.", field="text")
    if len(words) > MOST_CHARACTERS:
        raise InvalidInput(
            f"This entry is {len(words):,} characters; one entry holds up to {MOST_CHARACTERS:,}. "
            "You could split it into two.",
            field="text",
        )
    return words


def write(session: Session, writer: Person, text: str, *, now: datetime, prompt_id: str | None = None) -> JournalEntry:
    """A new entry, the writer's alone; ``prompt_id`` names the prompt it answers, if any."""
    words = _clean(text)
    prompt = prompt_by_id(prompt_id) if prompt_id else None
    entry = JournalEntry(
        person_id=writer.id, prompt_id=prompt.id if prompt else None, text=words, created_at=now, updated_at=now
    )
    session.add(entry)
    session.flush()
    return entry


def entry_for(session: Session, entry_id: str, viewer: Person) -> JournalEntry:
    """The entry, if ``viewer`` wrote it; anyone else gets NotFound, exactly as for no entry at all."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.person_id != viewer.id:
        raise NotFound(NO_SUCH_ENTRY)
    return entry


def edit(session: Session, entry_id: str, writer: Person, text: str, *, now: datetime) -> JournalEntry:
    entry = entry_for(session, entry_id, writer)
    entry.text, entry.updated_at = _clean(text), now
    session.flush()
    return entry


def delete(session: Session, entry_id: str, writer: Person) -> None:
    session.delete(entry_for(session, entry_id, writer))
    session.flush()


def entries(session: Session, writer: Person) -> list[JournalEntry]:
    """The writer's own entries, newest first."""
    query = (
        select(JournalEntry)
        .where(JournalEntry.person_id == writer.id)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id)
    )
    return list(session.scalars(query))


def prompt_of(entry: JournalEntry) -> Prompt | None:
    """The prompt an entry answers; None for a free entry (or a prompt nearer no longer ships)."""
    return next((p for p in prompts() if p.id == entry.prompt_id), None)


def export_for(session: Session, person: Person) -> list[dict[str, object]]:
    """The person's own journal, for their own data export (and nobody else's)."""
    mine: list[dict[str, object]] = []
    query = select(JournalEntry).where(JournalEntry.person_id == person.id)
    for entry in session.scalars(query.order_by(JournalEntry.created_at, JournalEntry.id)):
        prompt = prompt_of(entry)
        mine.append(
            {
                "id": entry.id,
                "prompt_id": entry.prompt_id,
                "prompt": prompt.text if prompt else None,
                "text": entry.text,
                "created_at": entry.created_at.isoformat(),
                "updated_at": entry.updated_at.isoformat(),
            }
        )
    return mine
