"""full-text search: folded text on pages and documents, a GIN index (PostgreSQL) or FTS5 (SQLite)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from muragat.text import fold_letters as fold

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLES = {"page": "page_fts", "document": "document_fts"}


def upgrade() -> None:
    for table in FTS_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _backfill()
    if op.get_bind().dialect.name == "postgresql":
        for table in FTS_TABLES:
            op.execute(
                f"CREATE INDEX ix_{table}_search ON {table} USING gin (to_tsvector('simple', search_text))"
            )
        return
    for table, fts in FTS_TABLES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', content_rowid='rowid')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _backfill() -> None:
    """Fold what is already stored (in Python: SQLite's lower() knows no Cyrillic)."""
    bind = op.get_bind()
    pages = bind.execute(sa.text("SELECT id, text FROM page")).all()
    for page_id, page_text in pages:
        bind.execute(
            sa.text("UPDATE page SET search_text = :s WHERE id = :id"),
            {"s": fold(page_text or ""), "id": page_id},
        )
    docs = bind.execute(sa.text("SELECT id, filename, fields FROM document")).all()
    for doc_id, filename, fields in docs:
        values = json.loads(fields) if isinstance(fields, str) else (fields or {})
        words = " ".join([filename, *(str(v) for v in values.values() if v not in (None, ""))])
        bind.execute(
            sa.text("UPDATE document SET search_text = :s WHERE id = :id"), {"s": fold(words), "id": doc_id}
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in FTS_TABLES:
            op.execute(f"DROP INDEX ix_{table}_search")
    else:
        for fts in FTS_TABLES.values():
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {fts}_{suffix}")
            op.execute(f"DROP TABLE {fts}")
    for table in FTS_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_text")
