"""the name blocks of each graduate, indexed, so that matching finds candidates at registry scale

`surname_key`, `first_key` and `patronymic_key` (muragat.text.name_block_keys) are kept on every write
by storage.name_keys; the indexes serve the blocks matching.candidates.SqlIndex asks for, and the
registration number with the year.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from muragat.text import name_block_keys

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    # plain ADD COLUMN (as 0006): a batch would copy the table
    op.add_column("graduate", sa.Column("surname_key", sa.String(200), nullable=False, server_default=""))
    op.add_column("graduate", sa.Column("first_key", sa.String(200), nullable=False, server_default=""))
    op.add_column("graduate", sa.Column("patronymic_key", sa.String(4), nullable=False, server_default=""))
    bind = op.get_bind()
    graduates = sa.table(
        "graduate",
        sa.column("id"),
        sa.column("last_name"),
        sa.column("first_name"),
        sa.column("patronymic"),
        sa.column("surname_key"),
        sa.column("first_key"),
        sa.column("patronymic_key"),
    )
    rows = bind.execute(
        sa.select(graduates.c.id, graduates.c.last_name, graduates.c.first_name, graduates.c.patronymic)
    ).all()
    update = (
        graduates.update()
        .where(graduates.c.id == sa.bindparam("gid"))
        .values(surname_key=sa.bindparam("s"), first_key=sa.bindparam("f"), patronymic_key=sa.bindparam("p"))
    )
    for start in range(0, len(rows), BATCH):
        keyed = []
        for gid, last, first, patronymic in rows[start : start + BATCH]:
            s, f, p = name_block_keys(last, first, patronymic)
            keyed.append({"gid": gid, "s": s, "f": f, "p": p})
        bind.execute(update, keyed)
    op.create_index("ix_graduate_surname_year", "graduate", ["surname_key", "graduation_year"])
    op.create_index("ix_graduate_surname_first", "graduate", ["surname_key", "first_key"])
    op.create_index(
        "ix_graduate_first_patronymic_year", "graduate", ["first_key", "patronymic_key", "graduation_year"]
    )
    op.create_index("ix_graduate_registration_year", "graduate", ["registration_number", "graduation_year"])


def downgrade() -> None:
    for name in (
        "ix_graduate_registration_year",
        "ix_graduate_first_patronymic_year",
        "ix_graduate_surname_first",
        "ix_graduate_surname_year",
    ):
        op.drop_index(name, "graduate")
    for column in ("patronymic_key", "first_key", "surname_key"):
        op.drop_column("graduate", column)
