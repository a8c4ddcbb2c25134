"""revision refuses TRUNCATE on PostgreSQL, as audit_entry does (UPDATE and DELETE were refused already)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite has no TRUNCATE: its DELETE trigger (0001) already refuses emptying the table
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER revision_no_truncate BEFORE TRUNCATE ON revision "
            "FOR EACH STATEMENT EXECUTE FUNCTION revision_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER revision_no_truncate ON revision")
