"""the document list's order, indexed, so that its pages are read by key rather than counted past

`GET /api/v1/documents` and the list pages sort by (created_at, id) newest first and page with a key
(review_ui.api, storage.document_list); with a status filter, by (status, created_at, id).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_document_created_at_id", "document", ["created_at", "id"])
    op.create_index("ix_document_status_created_at_id", "document", ["status", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_document_status_created_at_id", table_name="document")
    op.drop_index("ix_document_created_at_id", table_name="document")
