"""per-word block language (kaz, rus, eng), the other readings of number-like words, and the diploma
document a supplement names

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN, not a batch: SQLite's batch mode copies the table and would drop the search
    # triggers migration 0004 put on it
    if op.get_bind().dialect.name == "sqlite":  # SQLite takes a reference only inside ADD COLUMN
        op.execute("ALTER TABLE document ADD COLUMN diploma_document_id CHAR(32) REFERENCES document (id)")
    else:
        op.add_column("document", sa.Column("diploma_document_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(
            "fk_document_diploma_document_id_document",
            "document",
            "document",
            ["diploma_document_id"],
            ["id"],
        )
    op.add_column("ocr_word", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("ocr_word", sa.Column("readings", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("ocr_word") as batch_op:
        batch_op.drop_column("readings")
        batch_op.drop_column("language")
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_constraint("fk_document_diploma_document_id_document", type_="foreignkey")
        batch_op.drop_column("diploma_document_id")
