"""knowing where the two stand: check-ins, needs for closeness, moments, planned time, the private
journal, intentions, and kept coach drafts

Revision ID: 0004
Revises: 0003
Created: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nearer.store.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("taken_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("shared_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_ins_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_ins_person_id"), ["person_id"], unique=False)

    op.create_table(
        "closeness_ratings",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("need", sa.Integer(), nullable=False),
        sa.Column("feel", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("rated_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pair_id", "person_id", "day", name="uq_closeness_ratings_day"),
    )
    with op.batch_alter_table("closeness_ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closeness_ratings_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_closeness_ratings_person_id"), ["person_id"], unique=False)

    op.create_table(
        "intentions",
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pair_id", "person_id"),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("prompt_id", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_entries_person_id"), ["person_id"], unique=False)

    op.create_table(
        "moments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("happened_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("activity", sa.String(length=32), nullable=False),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.Column("company", sa.String(length=16), nullable=False),
        sa.Column("devices_away", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moments_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_moments_person_id"), ["person_id"], unique=False)

    op.create_table(
        "planned_times",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("created_by_id", sa.String(length=32), nullable=True),
        sa.Column("planned_for", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("done_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("planned_times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_times_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "saved_drafts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=True),
        sa.Column("their_message", sa.Text(), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("saved_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_drafts_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_saved_drafts_person_id"), ["person_id"], unique=False)

    op.create_table(
        "check_in_answers",
        sa.Column("check_in_id", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["check_in_id"], ["check_ins.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("check_in_id", "item_id"),
    )


def downgrade() -> None:
    op.drop_table("check_in_answers")
    with op.batch_alter_table("saved_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_drafts_person_id"))
        batch_op.drop_index(batch_op.f("ix_saved_drafts_pair_id"))

    op.drop_table("saved_drafts")
    with op.batch_alter_table("planned_times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_times_pair_id"))

    op.drop_table("planned_times")
    with op.batch_alter_table("moments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moments_person_id"))
        batch_op.drop_index(batch_op.f("ix_moments_pair_id"))

    op.drop_table("moments")
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_entries_person_id"))

    op.drop_table("journal_entries")
    op.drop_table("intentions")
    with op.batch_alter_table("closeness_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closeness_ratings_person_id"))
        batch_op.drop_index(batch_op.f("ix_closeness_ratings_pair_id"))

    op.drop_table("closeness_ratings")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_ins_person_id"))
        batch_op.drop_index(batch_op.f("ix_check_ins_pair_id"))

    op.drop_table("check_ins")
