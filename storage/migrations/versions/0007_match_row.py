"""the ledger row a candidate graduate was found for

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("match", sa.Column("row", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("match") as batch_op:
        batch_op.drop_column("row")
