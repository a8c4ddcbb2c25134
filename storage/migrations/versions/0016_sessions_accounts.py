"""server-side sign-in sessions, sign-in throttling per (account, client), one-time passwords that must
be changed, expiring API tokens

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "app_user",
        sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("api_token", sa.Column("expires_at", storage.types.UTCDateTime(timezone=True)))
    op.create_table(
        "user_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(timezone=True)),
        sa.Column("ended_reason", sa.String(length=30)),
        sa.Column("client_address", sa.String(length=64)),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_user_session_user_id", "user_session", ["user_id"])
    op.create_table(
        "sign_in_throttle",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", storage.types.UTCDateTime(timezone=True)),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username", "client_address"),
    )
    op.create_index("ix_sign_in_throttle_username", "sign_in_throttle", ["username"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_throttle_username", "sign_in_throttle")
    op.drop_table("sign_in_throttle")
    op.drop_index("ix_user_session_user_id", "user_session")
    op.drop_table("user_session")
    op.drop_column("api_token", "expires_at")
    op.drop_column("app_user", "must_change_password")
