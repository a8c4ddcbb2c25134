"""Backup and restore: a consistent database dump, every object of the store, and a manifest to check them.

A backup is a folder:
    backup.json          what it holds: format, when, which database, counts, the sha256 of each file below
    database.pgdump      PostgreSQL: `pg_dump --format=custom` of the configured database
    database.sqlite3     or SQLite: a copy made with SQLite's online backup API
    manifest.jsonl       one object a line: {"key", "size", "sha256"}, sorted by key
    objects/<key>        the objects' bytes
    home/<name>          the keys Muragat made itself in MURAGAT_HOME (session.key, verification.key)

The database is dumped first, then the objects listed: originals are never changed or deleted and derived
objects are only replaced, so every object a dumped row names is in the backup, even while the archive
keeps working. A backup is written under a temporary name and renamed when complete; an existing
destination is never overwritten.

Restoring a backup is in `muragat.restore`; this module holds the format, the database tools both ways
(pg_dump and pg_restore, SQLite's online backup API) and the writing of a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from muragat.errors import Conflict, InvalidInput, MuragatError, NotFound
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.settings import Settings
from storage.db import get_engine
from storage.objects import ObjectStore, open_store

FORMAT = 1
META = "backup.json"
MANIFEST = "manifest.jsonl"
OBJECTS = "objects"
HOME = "home"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
HOME_FILES = ("session.key", "verification.key")
Progress = Callable[[str, int, int], None]  # (what, done, total)


class BackupFailed(MuragatError):
    """A backup or restore that a tool or the store could not complete."""

    code = "backup_failed"


@dataclass
class Report:
    path: Path
    database: str  # postgresql | sqlite
    database_bytes: int
    objects: int
    object_bytes: int

    def summary(self, verb: str) -> str:
        return (
            f"{verb} {self.path}: {self.database} database ({self.database_bytes} bytes), "
            f"{self.objects} objects ({self.object_bytes} bytes)"
        )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def database_kind(settings: Settings) -> str:
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "postgresql":
        return "postgresql"
    if url.get_backend_name() == "sqlite":
        return "sqlite"
    raise InvalidInput(Message(Code.BACKUP_UNKNOWN_DATABASE, backend=url.get_backend_name()))


# --- PostgreSQL -------------------------------------------------------------------------------------


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and an environment that carries it (not visible in `ps`)."""
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(Message(Code.BACKUP_TOOL_MISSING, tool=name))
    return found


def _major(binary: str) -> int:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if match is None:
        raise BackupFailed(Message(Code.BACKUP_TOOL_VERSION_UNKNOWN, tool=binary, output=repr(out.strip())))
    return int(match.group(1))


def _server_major(settings: Settings) -> int:
    with get_engine(settings.sqlalchemy_url).connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _check_client(name: str, settings: Settings) -> str:
    binary = _tool(name)
    client, server = _major(binary), _server_major(settings)
    if client < server:
        raise BackupFailed(Message(Code.BACKUP_CLIENT_TOO_OLD, tool=binary, client=client, server=server))
    return binary


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        said = " ".join(done.stderr.strip().splitlines()[-3:])
        detail = said or Message(Code.BACKUP_EXIT_CODE, code=done.returncode)
        raise BackupFailed(Message(Code.BACKUP_TOOL_FAILED, tool=what, error=detail))


def _dump_postgresql(settings: Settings, target: Path) -> None:
    binary = _check_client("pg_dump", settings)
    uri, env = _libpq(make_url(settings.sqlalchemy_url))
    # pg_dump reads in one repeatable-read snapshot: consistent while the archive keeps working.
    _run([binary, "--format=custom", f"--file={target}", f"--dbname={uri}"], env, "pg_dump")


def restore_postgresql(settings: Settings, dump: Path) -> None:
    binary = _check_client("pg_restore", settings)
    uri, env = _libpq(make_url(settings.sqlalchemy_url))
    get_engine(settings.sqlalchemy_url).dispose()  # no pooled connection of ours holds a lock on a table
    _run(
        [
            binary,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={uri}",
            str(dump),
        ],
        env,
        "pg_restore",
    )


# --- SQLite -----------------------------------------------------------------------------------------


def sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.sqlalchemy_url).database
    if not database or database == ":memory:":
        raise InvalidInput(Message(Code.BACKUP_SQLITE_IN_MEMORY))
    return Path(database)


def sqlite_copy(source: Path, target: Path) -> None:
    # The online backup API copies a consistent snapshot page by page, WAL included, while other
    # connections read and write; it also replaces a live database's content in place.
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(target, timeout=60)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


# --- backup -----------------------------------------------------------------------------------------


def backup(settings: Settings, dest: Path, progress: Progress | None = None) -> Report:
    """Write a backup folder at `dest`, which must not exist yet."""
    dest = dest.absolute()
    if dest.exists() or dest.is_symlink():
        raise Conflict(Message(Code.BACKUP_DESTINATION_EXISTS, dest=str(dest)))
    if not dest.parent.is_dir():
        raise InvalidInput(Message(Code.BACKUP_NO_SUCH_FOLDER, folder=str(dest.parent)))
    kind = database_kind(settings)
    store = open_store(settings)
    work = dest.with_name(f".{dest.name}.part-{os.getpid()}")
    work.mkdir()
    try:
        report = _write_backup(settings, kind, store, work, progress)
        work.rename(dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report.path = dest
    return report


def _write_backup(
    settings: Settings, kind: str, store: ObjectStore, work: Path, progress: Progress | None
) -> Report:
    database_file = work / (PG_DUMP if kind == "postgresql" else SQLITE_DUMP)
    if progress:
        progress("database", 0, 1)
    if kind == "postgresql":
        _dump_postgresql(settings, database_file)
    else:
        source = sqlite_path(settings)
        if not source.exists():
            raise NotFound(Message(Code.BACKUP_NO_DATABASE, path=str(source)))
        sqlite_copy(source, database_file)
    if progress:
        progress("database", 1, 1)

    keys = list(store.list_keys())
    count = size = 0
    with (work / MANIFEST).open("w", encoding="utf-8") as manifest:
        for key in keys:
            data = store.get(key)
            target = work / OBJECTS / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            entry = {"key": key, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
            count, size = count + 1, size + len(data)
            if progress:
                progress("objects", count, len(keys))

    home_files = {}
    for name in HOME_FILES:
        source = settings.home / name
        if source.is_file():
            (work / HOME).mkdir(exist_ok=True)
            shutil.copy2(source, work / HOME / name)
            home_files[name] = sha256_file(source)

    meta = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "database_file": database_file.name,
        "database_sha256": sha256_file(database_file),
        "manifest_sha256": sha256_file(work / MANIFEST),
        "objects": count,
        "object_bytes": size,
        "home_files": home_files,
    }
    (work / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Report(work, kind, database_file.stat().st_size, count, size)
