"""The store: SQLAlchemy models, Alembic migrations, and the one place that opens databases."""

from nearer.store.database import Database, open_database
from nearer.store.models import AuthSession, Base, Invite, Membership, Pair, Person, SignInFailure

__all__ = [
    "AuthSession",
    "Base",
    "Database",
    "Invite",
    "Membership",
    "Pair",
    "Person",
    "SignInFailure",
    "open_database",
]
