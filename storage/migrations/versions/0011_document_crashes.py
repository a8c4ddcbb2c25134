"""how many times in a row a worker stopped on a document (killed, out of memory) without a result

The attempt cap (MURAGAT_MAX_ATTEMPTS) reads it; a person's retry sets it back to 0.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (as 0006): a batch would copy the table and drop its search triggers
    op.add_column("document", sa.Column("crashes", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("document", "crashes")
