"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 02:35:00.340320
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("request_reference", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_user_username"), ["username"], unique=True)

    op.create_table(
        "collection",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("collection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collection_name"), ["name"], unique=True)

    op.create_table(
        "graduate",
        sa.Column("graduate_id", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("iin", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("last_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("first_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("patronymic", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("gender", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("institution", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("program_code", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
        sa.Column("program_name", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("degree", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("study_form", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("study_language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("enrollment_year", sa.Integer(), nullable=True),
        sa.Column("graduation_year", sa.Integer(), nullable=False),
        sa.Column("diploma_series", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("diploma_number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("registration_number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("honors", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("graduate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_graduate_diploma_number"), ["diploma_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_graduate_graduate_id"), ["graduate_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_graduate_iin"), ["iin"], unique=False)
        batch_op.create_index(batch_op.f("ix_graduate_last_name"), ["last_name"], unique=False)

    op.create_table(
        "revision",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.create_index("ix_revision_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("collection_id", sa.Uuid(), nullable=True),
        sa.Column("original_key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("other_filenames", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_collection_id"), ["collection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_sha256"), ["sha256"], unique=True)
        batch_op.create_index(batch_op.f("ix_document_status"), ["status"], unique=False)

    op.create_table(
        "match",
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("graduate_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduate.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "graduate_id"),
    )
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_match_graduate_id"), ["graduate_id"], unique=False)

    op.create_table(
        "page",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("image_key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "number"),
    )
    with op.batch_alter_table("page", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_document_id"), ["document_id"], unique=False)

    op.create_table(
        "ocr_word",
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("left", sa.Integer(), nullable=False),
        sa.Column("top", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("page_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["page.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ocr_word", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ocr_word_page_order", ["page_id", "block", "line", "position"], unique=False
        )

    _forbid_revision_changes()


def _forbid_revision_changes() -> None:
    """The revision table is append-only in the database itself, not only in the ORM."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION revision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'revisions are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER revision_append_only BEFORE UPDATE OR DELETE ON revision "
            "FOR EACH ROW EXECUTE FUNCTION revision_append_only()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER revision_no_{action.lower()} BEFORE {action} ON revision "
                "BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER revision_append_only ON revision")
        op.execute("DROP FUNCTION revision_append_only()")
    with op.batch_alter_table("ocr_word", schema=None) as batch_op:
        batch_op.drop_index("ix_ocr_word_page_order")

    op.drop_table("ocr_word")
    with op.batch_alter_table("page", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_document_id"))

    op.drop_table("page")
    with op.batch_alter_table("match", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_graduate_id"))
        batch_op.drop_index(batch_op.f("ix_match_document_id"))

    op.drop_table("match")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_status"))
        batch_op.drop_index(batch_op.f("ix_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_collection_id"))

    op.drop_table("document")
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.drop_index("ix_revision_entity")

    op.drop_table("revision")
    with op.batch_alter_table("graduate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graduate_last_name"))
        batch_op.drop_index(batch_op.f("ix_graduate_iin"))
        batch_op.drop_index(batch_op.f("ix_graduate_graduate_id"))
        batch_op.drop_index(batch_op.f("ix_graduate_diploma_number"))

    op.drop_table("graduate")
    with op.batch_alter_table("collection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collection_name"))

    op.drop_table("collection")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_username"))

    op.drop_table("app_user")
