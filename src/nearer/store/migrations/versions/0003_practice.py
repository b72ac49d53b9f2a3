"""practising together: question sessions, the question of the day, favourites, the weekly
conversation and appreciation notes

Revision ID: 0003
Revises: 0002
Created: 2026-12-07 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nearer.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appreciations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("because", sa.Text(), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("seen_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appreciations_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appreciations_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "daily_questions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pair_id", "day", name="uq_daily_questions_pair_day"),
    )
    with op.batch_alter_table("daily_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_daily_questions_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "favourite_questions",
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pair_id", "person_id", "question_id"),
    )
    op.create_table(
        "question_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("started_by_id", sa.String(length=32), nullable=True),
        sa.Column("theme", sa.String(length=16), nullable=True),
        sa.Column("started_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["started_by_id"], ["people.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("question_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_sessions_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(
            "uq_question_sessions_open",
            ["pair_id"],
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )

    op.create_table(
        "weekly_plans",
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("updated_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pair_id"),
    )
    op.create_table(
        "weekly_talks",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.String(length=32), nullable=False),
        sa.Column("started_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("paused_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.Column("resume_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.Column("ended_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("weekly_talks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_weekly_talks_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(
            "uq_weekly_talks_open",
            ["pair_id"],
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )

    op.create_table(
        "asked_questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("first_id", sa.String(length=32), nullable=True),
        sa.Column("asked_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["first_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["session_id"], ["question_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("asked_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asked_questions_session_id"), ["session_id"], unique=False)

    op.create_table(
        "daily_answers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("daily_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answered_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["daily_id"], ["daily_questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("daily_id", "person_id", name="uq_daily_answers_daily_person"),
    )
    with op.batch_alter_table("daily_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_daily_answers_daily_id"), ["daily_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_daily_answers_person_id"), ["person_id"], unique=False)

    op.create_table(
        "speaking_turns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("talk_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("started_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("ended_at", nearer.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["talk_id"], ["weekly_talks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("speaking_turns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speaking_turns_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaking_turns_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "talk_notes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("talk_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["talk_id"], ["weekly_talks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("talk_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_notes_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_notes_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "answer_replies",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("reaction", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["daily_answers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("answer_replies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_replies_answer_id"), ["answer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_answer_replies_person_id"), ["person_id"], unique=False)

    op.create_table(
        "session_turns",
        sa.Column("asked_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("at", nearer.store.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["asked_id"], ["asked_questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("asked_id", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("session_turns")
    with op.batch_alter_table("answer_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_replies_person_id"))
        batch_op.drop_index(batch_op.f("ix_answer_replies_answer_id"))

    op.drop_table("answer_replies")
    with op.batch_alter_table("talk_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_notes_talk_id"))
        batch_op.drop_index(batch_op.f("ix_talk_notes_person_id"))

    op.drop_table("talk_notes")
    with op.batch_alter_table("speaking_turns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaking_turns_talk_id"))
        batch_op.drop_index(batch_op.f("ix_speaking_turns_person_id"))

    op.drop_table("speaking_turns")
    with op.batch_alter_table("daily_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_answers_person_id"))
        batch_op.drop_index(batch_op.f("ix_daily_answers_daily_id"))

    op.drop_table("daily_answers")
    with op.batch_alter_table("asked_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asked_questions_session_id"))

    op.drop_table("asked_questions")
    with op.batch_alter_table("weekly_talks", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_weekly_talks_open",
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_weekly_talks_pair_id"))

    op.drop_table("weekly_talks")
    op.drop_table("weekly_plans")
    with op.batch_alter_table("question_sessions", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_question_sessions_open",
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_question_sessions_pair_id"))

    op.drop_table("question_sessions")
    op.drop_table("favourite_questions")
    with op.batch_alter_table("daily_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_questions_pair_id"))

    op.drop_table("daily_questions")
    with op.batch_alter_table("appreciations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appreciations_pair_id"))
        batch_op.drop_index(batch_op.f("ix_appreciations_author_id"))

    op.drop_table("appreciations")
