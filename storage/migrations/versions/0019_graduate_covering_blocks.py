"""the name blocks' indexes covering what matching reads of a block, in the order it reads it

matching.candidates.SqlIndex reads a block's graduates (id, graduate_id, last, first and patronymic
name) ordered by graduate_id. The indexes of 0017 found a block's rows, which were then fetched from the
table one by one and sorted: at a million graduates, where the table no longer stays in memory, that
was most of a lookup's time on PostgreSQL. These carry the columns read, in the block's order, so a
block is one index range scan (an index-only scan on PostgreSQL, a covering index on SQLite).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READ = ["graduate_id", "id", "last_name", "first_name", "patronymic"]
BLOCKS = {
    "ix_graduate_surname_year": ["surname_key", "graduation_year"],
    "ix_graduate_surname_first": ["surname_key", "first_key"],
    "ix_graduate_first_patronymic_year": ["first_key", "patronymic_key", "graduation_year"],
}


def upgrade() -> None:
    for name, keys in BLOCKS.items():
        op.drop_index(name, "graduate")
        op.create_index(name, "graduate", [*keys, *READ])


def downgrade() -> None:
    for name, keys in BLOCKS.items():
        op.drop_index(name, "graduate")
        op.create_index(name, "graduate", keys)
