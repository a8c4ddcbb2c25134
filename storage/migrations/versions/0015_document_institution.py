"""the institution a document belongs to, and the folded institution keys the access scope compares

`document.institution` is the uploader's institution, else the one of the graduate the document was matched
to, else the one read from the scan (storage.institutions.document_institution). `institution_key` on
document and graduate is that name folded (case, spaces), the value an account limited to one institution is
compared with. `collection.institution` is the institution of the account that made the batch, with its key.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(name: object) -> str | None:
    text = " ".join(str(name or "").split()).casefold()
    return text[:500] or None


def upgrade() -> None:
    # plain ADD COLUMN (as 0006): a batch would copy the table and drop its search triggers
    op.add_column("document", sa.Column("institution", sa.String(500), nullable=True))
    op.add_column("document", sa.Column("institution_key", sa.String(500), nullable=True))
    op.create_index("ix_document_institution_key", "document", ["institution_key"])
    op.add_column("document", sa.Column("institution_source", sa.String(20), nullable=True))
    op.add_column("graduate", sa.Column("institution_key", sa.String(500), nullable=True))
    op.create_index("ix_graduate_institution_key", "graduate", ["institution_key"])
    op.add_column("collection", sa.Column("institution", sa.String(500), nullable=True))
    op.add_column("collection", sa.Column("institution_key", sa.String(500), nullable=True))
    op.create_index("ix_collection_institution_key", "collection", ["institution_key"])

    bind = op.get_bind()
    for gid, institution in bind.execute(sa.text("SELECT id, institution FROM graduate")).all():
        bind.execute(
            sa.text("UPDATE graduate SET institution_key = :k WHERE id = :id"),
            {"k": _key(institution), "id": gid},
        )
    # old documents: the settled match's graduate, else what was read from the scan
    settled = dict(
        bind.execute(
            sa.text(
                "SELECT m.document_id, g.institution FROM match m JOIN graduate g ON g.id = m.graduate_id "
                "WHERE m.decision IN ('confirmed', 'auto_matched') ORDER BY m.score"
            )
        ).all()
    )
    documents = sa.table("document", sa.column("id"), sa.column("fields", sa.JSON()))
    for doc_id, fields in bind.execute(sa.select(documents.c.id, documents.c.fields)).all():
        read = (fields or {}).get("institution") if isinstance(fields, dict) else None
        name, source = (settled[doc_id], "registry") if doc_id in settled else (read, "scan")
        if isinstance(name, str) and name.strip():
            bind.execute(
                sa.text(
                    "UPDATE document SET institution = :n, institution_key = :k, institution_source = :s "
                    "WHERE id = :id"
                ),
                {"n": " ".join(name.split())[:500], "k": _key(name), "s": source, "id": doc_id},
            )


def downgrade() -> None:
    op.drop_index("ix_collection_institution_key", "collection")
    op.drop_column("collection", "institution_key")
    op.drop_column("collection", "institution")
    op.drop_column("document", "institution_source")
    op.drop_index("ix_graduate_institution_key", "graduate")
    op.drop_column("graduate", "institution_key")
    op.drop_index("ix_document_institution_key", "document")
    op.drop_column("document", "institution_key")
    op.drop_column("document", "institution")
