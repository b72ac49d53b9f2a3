"""The one place that opens databases.

SQLite is set up so that a write a person saw acknowledged survives a crash:
WAL journal, ``synchronous=FULL``, foreign keys on, and a busy timeout so two
writers wait for each other instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from nearer.errors import Conflict, StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Database:
    """An open database: an engine, a session factory, and its migrations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except IntegrityError as exc:
            # Two requests changed the same thing at the same moment (a double tap, two devices): the
            # later one is refused whole, and asked to try again on what is there now.
            session.rollback()
            raise Conflict("Something changed at the same moment, so nothing was saved. Please try again.") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def upgrade(self) -> None:
        """Bring the schema to the newest migration; a no-op when it is there already."""
        try:
            with self.engine.begin() as connection:
                config = _alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"Could not update the database at {self.url}: {exc.__class__.__name__}") from exc

    def schema_version(self) -> str | None:
        """The migration the database is at, or None for an empty database."""
        try:
            with self.engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        except SQLAlchemyError as exc:
            raise StoreError(f"Could not read the database at {self.url}: {exc.__class__.__name__}") from exc

    @staticmethod
    def newest_schema_version() -> str | None:
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url``, creating the folder of a SQLite file and migrating it.

    >>> db = open_database("sqlite://")   # an in-memory database, migrated
    >>> db.schema_version() == Database.newest_schema_version()
    True
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"The database address {url!r} is not one nearer understands.") from exc
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().resolve().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Could not create the data folder {folder}: {exc.strerror}") from exc
        else:
            # One shared connection, or every session would see its own empty memory database.
            from sqlalchemy.pool import StaticPool

            options["poolclass"] = StaticPool
        options["connect_args"] = {"check_same_thread": False}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"Could not open the database at {parsed.render_as_string(hide_password=True)}.") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    database = Database(engine)
    if migrate:
        database.upgrade()
    return database
