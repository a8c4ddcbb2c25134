"""each graduate's folded full name kept beside its names, and the name blocks' indexes covering what
matching reads of a block, in the order it reads it

matching.candidates.SqlIndex reads a block's graduates (graduate_id and the folded full name it compares,
`muragat.text.full_name_key`, kept on every write by storage.name_keys) ordered by graduate_id. The
indexes of 0017 found a block's rows, which were then fetched from the table one by one, sorted, and
their names folded one by one in Python: at a million graduates that was most of a lookup's time. These
carry the columns read, in the block's order, so a block is one index range scan (an index-only scan on
PostgreSQL, a covering index on SQLite).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from muragat.text import full_name_key

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000
READ = ["graduate_id", "full_name_key"]
BLOCKS = {
    "ix_graduate_surname_year": ["surname_key", "graduation_year"],
    "ix_graduate_surname_first": ["surname_key", "first_key"],
    "ix_graduate_first_patronymic_year": ["first_key", "patronymic_key", "graduation_year"],
}


def upgrade() -> None:
    # plain ADD COLUMN (as 0017): a batch would copy the table
    op.add_column("graduate", sa.Column("full_name_key", sa.String(620), nullable=False, server_default=""))
    bind = op.get_bind()
    graduates = sa.table(
        "graduate",
        sa.column("id"),
        sa.column("last_name"),
        sa.column("first_name"),
        sa.column("patronymic"),
        sa.column("full_name_key"),
    )
    rows = bind.execute(
        sa.select(graduates.c.id, graduates.c.last_name, graduates.c.first_name, graduates.c.patronymic)
    ).all()
    update = (
        graduates.update()
        .where(graduates.c.id == sa.bindparam("gid"))
        .values(full_name_key=sa.bindparam("name"))
    )
    for start in range(0, len(rows), BATCH):
        keyed = [
            {"gid": gid, "name": full_name_key(last, first, patronymic)}
            for gid, last, first, patronymic in rows[start : start + BATCH]
        ]
        bind.execute(update, keyed)
    for name, keys in BLOCKS.items():
        op.drop_index(name, "graduate")
        op.create_index(name, "graduate", [*keys, *READ])


def downgrade() -> None:
    for name, keys in BLOCKS.items():
        op.drop_index(name, "graduate")
        op.create_index(name, "graduate", keys)
    op.drop_column("graduate", "full_name_key")
