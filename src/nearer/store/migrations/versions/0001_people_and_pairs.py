"""people, pairs, invites and sessions

Revision ID: 0001
Revises: (none)
Created: 2026-11-22 04:01:13.280388
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nearer.store.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pairs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("completed_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_failures_email_at", ["email", "at"], unique=False)

    op.create_table(
        "auth_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_sessions_person_id"), ["person_id"], unique=False)

    op.create_table(
        "invites",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("expires_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("used_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.Column("used_by_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["used_by_id"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invites_created_by_id"), ["created_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invites_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("joined_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pair_id", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("memberships")
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invites_pair_id"))
        batch_op.drop_index(batch_op.f("ix_invites_created_by_id"))

    op.drop_table("invites")
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sessions_person_id"))

    op.drop_table("auth_sessions")
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_failures_email_at")

    op.drop_table("sign_in_failures")
    op.drop_table("people")
    op.drop_table("pairs")
