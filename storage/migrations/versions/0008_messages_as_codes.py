"""reasons stored as message codes with parameters (muragat.messages) beside their English text

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("document", sa.Column("status_message", sa.JSON(), nullable=True))
    op.add_column("revision", sa.Column("reason_message", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revision") as batch_op:
        batch_op.drop_column("reason_message")
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_column("status_message")
