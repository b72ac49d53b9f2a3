from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from nearer.errors import StoreError
from nearer.store.database import Database, open_database

TABLES = {
    "people",
    "pairs",
    "memberships",
    "invites",
    "auth_sessions",
    "sign_in_failures",
    "reports",
    "question_sessions",
    "asked_questions",
    "session_turns",
    "daily_questions",
    "daily_answers",
    "answer_replies",
    "favourite_questions",
    "weekly_plans",
    "weekly_talks",
    "talk_notes",
    "speaking_turns",
    "appreciations",
    "check_ins",
    "check_in_answers",
    "closeness_ratings",
    "moments",
    "planned_times",
    "journal_entries",
    "intentions",
    "saved_drafts",
    "alembic_version",
}


def test_migrations_create_the_schema_on_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "nearer.db"
    assert not path.exists()
    db = open_database(f"sqlite:///{path}")
    assert path.exists()
    assert set(inspect(db.engine).get_table_names()) == TABLES
    assert db.schema_version() == Database.newest_schema_version() == "0004"
    db.close()


def test_a_second_start_is_a_no_op_and_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nearer.db'}"
    first = open_database(url)
    with first.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (id, name, email, password_hash, created_at) "
                "VALUES ('p1', 'Ada', 'ada@example.test', 'x', '2026-01-01 00:00:00')"
            )
        )
        schema_before = conn.execute(text("SELECT sql FROM sqlite_master ORDER BY name")).all()
    first.close()

    second = open_database(url)
    with second.engine.connect() as conn:
        assert conn.execute(text("SELECT sql FROM sqlite_master ORDER BY name")).all() == schema_before
        assert conn.execute(text("SELECT name FROM people")).scalar_one() == "Ada"
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    assert second.schema_version() == "0004"
    second.close()


def test_sqlite_is_opened_for_durability(database: Database) -> None:
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO memberships (pair_id, person_id, joined_at) VALUES ('nope', 'nobody', '2026-01-01')")
        )


def test_a_bad_database_address_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not one nearer understands"):
        open_database("this is not a url")


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="Could not create the data folder"):
        open_database(f"sqlite:///{blocker / 'sub' / 'nearer.db'}")


def test_the_migrations_build_exactly_the_models(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from nearer.store.models import Base

    with database.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == [], "a model changed without a migration"
