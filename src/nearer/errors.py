"""Every error nearer raises on purpose, in one hierarchy.

Library code raises these; the CLI turns each into one plain line and a non-zero
exit, and the web app turns each into a status page or a JSON error. Foreign
errors (SQLAlchemy, Argon2, the file system) are translated where they enter,
with ``raise ... from exc``, so nothing else reaches a person.

    NearerError
    ├── InvalidInput          a value a person gave is not usable (422)
    ├── NotSignedIn           no valid session or token (401, or a redirect to sign in)
    ├── WrongCredentials      email or password did not match (401)
    ├── TooManyAttempts       sign-in failures are being rate limited (429)
    ├── NotFound              missing, or not yours to see: the two look the same (404)
    ├── Forbidden             a request we refuse outright, such as a bad CSRF token (403)
    ├── Conflict              the request clashes with what exists (409)
    ├── InviteUnusable        an invite that was used already or has expired (410)
    ├── StoreError            the database cannot be opened or migrated
    ├── ModelUnavailable      a lens model or tier is not installed
    ├── BrokenData            a data file that ships with nearer is broken (a question deck)
    └── CannotStart           the app cannot start, such as a port already in use
"""

from __future__ import annotations


class NearerError(Exception):
    """The root of every error nearer raises on purpose; its message is for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(NearerError):
    """A value a person gave cannot be used; ``field`` names it when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotSignedIn(NearerError):
    """The request carries no valid session or token."""

    def __init__(self, message: str = "Please sign in to continue.") -> None:
        super().__init__(message)


class WrongCredentials(NearerError):
    """The email and password do not match an account."""

    def __init__(self, message: str = "That email and password don't match an account.") -> None:
        super().__init__(message)


class TooManyAttempts(NearerError):
    """Too many failed sign-ins; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int, what: str = "sign-in attempts") -> None:
        minutes = max(1, (retry_after + 59) // 60)
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"Too many {what}. To keep accounts safe, please wait {minutes} {unit} and try again.")
        self.retry_after = retry_after


class NotFound(NearerError):
    """The thing does not exist, or it is not yours: both answer the same, so nothing leaks."""

    def __init__(self, message: str = "We couldn't find that page.") -> None:
        super().__init__(message)


class Forbidden(NearerError):
    """A request we refuse outright."""


class Conflict(NearerError):
    """The request clashes with something that already exists."""


class InviteUnusable(NearerError):
    """An invite that was used already or has expired."""


class StoreError(NearerError):
    """The database could not be opened, read or migrated."""


class BrokenData(NearerError):
    """A data file that ships with nearer does not load; the message names each problem."""


class CannotStart(NearerError):
    """The app cannot start here, such as when its port is already in use."""


class ModelUnavailable(NearerError):
    """A lens model or tier is not installed."""
