"""ledger rows a reviewer resolved as "not in the registry", kept with the document

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (as 0006): a batch would copy the table and drop its search triggers
    op.add_column("document", sa.Column("row_resolutions", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    op.drop_column("document", "row_resolutions")
