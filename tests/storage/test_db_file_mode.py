"""The embedded database holds the archive's personal data: its file, and the -wal and -shm files SQLite
makes beside it, are the owner's only (0600), whatever the umask; so are the home's key files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from muragat.accounts import kept_key
from storage.db import make_engine, migrate


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual one, under which files are made 0644
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_a_new_database_and_its_wal_files_are_the_owners_only(tmp_path: Path) -> None:
    path = tmp_path / "home" / "muragat.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as conn:  # the WAL files exist while a connection is open
        conn.execute(text("SELECT count(*) FROM audit_entry")).one()
        files = [path, path.with_name("muragat.db-wal"), path.with_name("muragat.db-shm")]
        assert all(f.exists() for f in files), [f.name for f in files if not f.exists()]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    engine.dispose()


@pytest.mark.usefixtures("open_umask")
def test_a_database_made_readable_by_others_before_is_narrowed(tmp_path: Path) -> None:
    path = tmp_path / "muragat.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    path.chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


@pytest.mark.usefixtures("open_umask")
def test_the_homes_key_files_are_the_owners_only(tmp_path: Path) -> None:
    kept_key(tmp_path / "session.key")
    assert mode(tmp_path / "session.key") == 0o600
