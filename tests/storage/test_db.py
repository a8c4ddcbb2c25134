"""Migrations run on SQLite (the embedded default) as on PostgreSQL, append-only revisions included."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from storage.db import make_engine, migrate, session_scope
from storage.models import Document
from storage.revisions import changes_by

SEARCH_INDEXES = {"ix_page_search", "ix_document_search"}


def test_sqlite_schema_and_append_only_revisions(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'home' / 'muragat.db'}")
    migrate(engine)
    migrate(engine)  # a second run finds nothing to do
    tables = set(inspect(engine).get_table_names())
    assert {
        "document",
        "page",
        "ocr_word",
        "graduate",
        "match",
        "app_user",
        "collection",
        "revision",
    } <= tables
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = Document(
            filename="a.png",
            sha256="b" * 64,
            content_type="image/png",
            size_bytes=1,
            original_key="originals/bb/" + "b" * 64,
        )
        session.add(doc)
    with session_scope(engine) as session:
        stored = session.get_one(Document, doc.id)
        assert stored.created_at.tzinfo is not None  # SQLite keeps no zone; it is UTC on read
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM revision"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM revision")).scalar() == 1


def test_migrations_match_the_models(pg_url: str) -> None:
    """The tables the migrations build are the tables the models describe: no change without a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        return name not in SEARCH_INDEXES  # expression indexes of migration 0004, not described in the models

    engine = make_engine(pg_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []
