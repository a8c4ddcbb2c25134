"""field evidence on documents, QR codes on pages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch_op:
        batch_op.add_column(sa.Column("field_evidence", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("page") as batch_op:
        batch_op.add_column(sa.Column("qr_codes", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("page") as batch_op:
        batch_op.drop_column("qr_codes")
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_column("field_evidence")
