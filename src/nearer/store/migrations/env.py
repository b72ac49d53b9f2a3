"""Alembic's entry point. nearer runs migrations itself (``Database.upgrade``), handing over a connection."""

from __future__ import annotations

from alembic import context

from nearer.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("nearer's migrations run through nearer.store.open_database, not the alembic command")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
