"""Database engine, sessions and migrations (Alembic, on PostgreSQL and SQLite alike)."""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

import storage.auth_changes  # noqa: F401  (tells every process that accounts or tokens changed)
import storage.institutions  # noqa: F401  (the scope of an account limited to one institution)
import storage.locks  # noqa: F401  (locking reads hold on SQLite too)
import storage.name_keys  # noqa: F401  (each graduate's name blocks, kept on every write)
import storage.revisions  # noqa: F401  (registers the revision hook on every session)
import storage.search  # noqa: F401  (keeps the folded search text current on every flush)
from muragat.errors import StorageUnavailable
from muragat.messages import Message
from muragat.messages.catalog.files_services import Code

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


PRIVATE = 0o600


def keep_private(path: Path) -> None:
    """The database file readable by its owner only: it holds the archive's personal data. SQLite
    creates the -wal and -shm files beside it with the database's own mode, so they follow; a file made
    before this (0644 under the usual umask) is narrowed, with any -wal and -shm beside it."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(PRIVATE)


def unicode_lower(value: str | None) -> str | None:
    """lower() for SQLite, whose own folds ASCII letters only (Қ and Ж stay capitals). A NUL is left out:
    SQLite's LIKE would stop reading at it (the audit search drops it from the term likewise)."""
    return None if value is None else str(value).lower().replace("\x00", "")


def json_text_lower(value: str | None) -> str | None:
    """A JSON document as lower-case text with its escapes (\\u049a, \\u0000) spelled out as the
    letters they stand for, as PostgreSQL's jsonb writes it; text that is no JSON (a raw NUL an old
    version stored) as it is."""
    if value is None:
        return None
    try:
        return json.dumps(json.loads(value), ensure_ascii=False).lower()
    except (ValueError, RecursionError):
        return unicode_lower(value)


_engines: weakref.WeakSet[Engine] = weakref.WeakSet()
_inherited: list[object] = []  # a forked child's copies of its parent's pools, never closed nor collected


def _forget_parent_connections() -> None:
    """In a forked child (a worker started from a command's process): every engine starts a pool of
    its own. The parent's connections are kept referenced rather than closed: closing a copy of a
    PostgreSQL connection would end the parent's session on the shared socket."""
    for engine in list(_engines):
        _inherited.append(engine.pool)
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_parent_connections)


def make_engine(url: str) -> Engine:
    engine = _make_engine(url)
    _engines.add(engine)
    return engine


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != url and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            keep_private(Path(path))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()
            dbapi_conn.create_function("unicode_lower", 1, unicode_lower, deterministic=True)
            dbapi_conn.create_function("json_text_lower", 1, json_text_lower, deterministic=True)

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    return make_engine(url)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    try:
        with engine.begin() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as e:
        url = engine.url.render_as_string()
        raise StorageUnavailable(Message(Code.DATABASE_UNREACHABLE, url=url, error=str(e.orig))) from e


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits at the end of the block, or rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
