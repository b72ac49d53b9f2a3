"""Where nearer keeps its data and how it runs, read once from the environment.

``NEARER_HOME`` moves the data folder (default: the user's data directory);
``NEARER_DATABASE_URL`` points at another database (default: SQLite in the home);
``NEARER_SECURE_COOKIES=1`` marks cookies Secure, for a deployment behind HTTPS;
``NEARER_ALLOWED_HOSTS`` (comma-separated) adds host names the app answers to, beyond
this machine's own (which keeps other web pages from reaching it by DNS rebinding).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

Clock = Callable[[], datetime]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class SignInLimit:
    """How many failed sign-ins are allowed in a window, per email and per client address."""

    window: timedelta = timedelta(minutes=15)
    per_email: int = 5
    per_client: int = 20


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC: the one clock the app uses unless a test gives another."""
    return datetime.now(UTC)


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("nearer", appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    """Everything that varies between one install and another, or between a test and a real run."""

    home: Path
    database_url: str
    secure_cookies: bool = False
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 2_000_000_000  # a chat export, the one large thing a person sends
    session_lifetime: timedelta = timedelta(days=30)
    invite_lifetime: timedelta = timedelta(days=7)
    sign_in_window: timedelta = timedelta(minutes=15)
    sign_in_failures_allowed: int = 5
    sign_in_failures_allowed_per_client: int = 20
    sign_ups_allowed_per_client: int = 30
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS

    @property
    def upload_folder(self) -> Path:
        """Where a chat export waits while it is received and read: inside the home, emptied when the app starts."""
        return self.home / "uploads"

    @property
    def sign_in_limit(self) -> SignInLimit:
        return SignInLimit(
            window=self.sign_in_window,
            per_email=self.sign_in_failures_allowed,
            per_client=self.sign_in_failures_allowed_per_client,
        )

    @classmethod
    def for_home(cls, home: Path) -> Settings:
        """Settings for a data folder, with SQLite inside it; change the rest with ``dataclasses.replace``."""
        return cls(home=home, database_url=sqlite_url(home / "nearer.db"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env["NEARER_HOME"]).expanduser() if env.get("NEARER_HOME") else default_home()
        url = env.get("NEARER_DATABASE_URL") or sqlite_url(home / "nearer.db")
        secure = env.get("NEARER_SECURE_COOKIES", "").lower() in {"1", "true", "yes"}
        extra_hosts = tuple(h.strip() for h in env.get("NEARER_ALLOWED_HOSTS", "").split(",") if h.strip())
        return cls(home=home, database_url=url, secure_cookies=secure, allowed_hosts=LOCAL_HOSTS + extra_hosts)
