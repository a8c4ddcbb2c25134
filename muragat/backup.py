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

Restore checks the whole backup against its manifest before it changes anything, then replaces the
database (pg_restore --clean --if-exists; SQLite: the online backup API the other way round), migrates
it to the newest schema, writes the objects back and reads each one from the store to check its sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from muragat.errors import Conflict, InvalidInput, MuragatError, NotFound
from muragat.settings import Settings
from storage.db import get_engine, migrate
from storage.keys import is_original_key
from storage.objects import ObjectStore, check_key, open_store

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


class InvalidBackup(InvalidInput):
    """A backup folder that does not agree with its manifest: nothing is restored from it."""

    code = "invalid_backup"


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


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _kind(settings: Settings) -> str:
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "postgresql":
        return "postgresql"
    if url.get_backend_name() == "sqlite":
        return "sqlite"
    raise InvalidInput(f"backup knows PostgreSQL and SQLite, not {url.get_backend_name()}")


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
        raise BackupFailed(
            f"{name} is not installed: install the PostgreSQL client of the server's major version "
            "(Debian: apt-get install postgresql-client)"
        )
    return found


def _major(binary: str) -> int:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if match is None:
        raise BackupFailed(f"cannot tell the version of {binary} from {out.strip()!r}")
    return int(match.group(1))


def _server_major(settings: Settings) -> int:
    with get_engine(settings.sqlalchemy_url).connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _check_client(name: str, settings: Settings) -> str:
    binary = _tool(name)
    client, server = _major(binary), _server_major(settings)
    if client < server:
        raise BackupFailed(
            f"{binary} is PostgreSQL {client}, the server is PostgreSQL {server}: install the client "
            f"of version {server} (or newer) and put it first on PATH"
        )
    return binary


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = " ".join(done.stderr.strip().splitlines()[-3:]) or f"exit code {done.returncode}"
        raise BackupFailed(f"{what} failed: {detail}")


def _dump_postgresql(settings: Settings, target: Path) -> None:
    binary = _check_client("pg_dump", settings)
    uri, env = _libpq(make_url(settings.sqlalchemy_url))
    # pg_dump reads in one repeatable-read snapshot: consistent while the archive keeps working.
    _run([binary, "--format=custom", f"--file={target}", f"--dbname={uri}"], env, "pg_dump")


def _restore_postgresql(settings: Settings, dump: Path) -> None:
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


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.sqlalchemy_url).database
    if not database or database == ":memory:":
        raise InvalidInput("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
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
        raise Conflict(f"{dest} exists; a backup never overwrites anything: name a new folder")
    if not dest.parent.is_dir():
        raise InvalidInput(f"{dest.parent}: no such folder")
    kind = _kind(settings)
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
        source = _sqlite_path(settings)
        if not source.exists():
            raise NotFound(f"no database at {source} to back up")
        _sqlite_copy(source, database_file)
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
            home_files[name] = _sha256_file(source)

    meta = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "database_file": database_file.name,
        "database_sha256": _sha256_file(database_file),
        "manifest_sha256": _sha256_file(work / MANIFEST),
        "objects": count,
        "object_bytes": size,
        "home_files": home_files,
    }
    (work / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Report(work, kind, database_file.stat().st_size, count, size)


# --- restore ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    key: str
    size: int
    sha256: str


def _load(src: Path) -> tuple[dict[str, Any], list[Entry]]:
    if not (src / META).is_file():
        raise InvalidInput(f"{src}: not a Muragat backup (no {META})")
    try:
        meta = json.loads((src / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidBackup(f"{src / META}: cannot be read ({e})") from e
    if meta.get("format") != FORMAT:
        raise InvalidBackup(f"{src}: backup format {meta.get('format')!r}, this Muragat reads {FORMAT}")
    manifest = src / MANIFEST
    if not manifest.is_file() or _sha256_file(manifest) != meta.get("manifest_sha256"):
        raise InvalidBackup(f"{manifest}: missing or changed since the backup was made")
    entries = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        try:
            raw = json.loads(line)
            entry = Entry(str(raw["key"]), int(raw["size"]), str(raw["sha256"]))
            check_key(entry.key)
        except (ValueError, KeyError, TypeError) as e:
            raise InvalidBackup(f"{manifest}, line {number}: not a manifest entry ({e})") from e
        entries.append(entry)
    return meta, entries


def _verify_backup(src: Path, meta: dict[str, Any], entries: list[Entry]) -> None:
    """Refuse the backup, naming the first thing that does not agree with its manifest."""
    database = src / str(meta.get("database_file"))
    if not database.is_file() or _sha256_file(database) != meta.get("database_sha256"):
        raise InvalidBackup(f"{database}: missing or changed since the backup was made")
    for name, digest in meta.get("home_files", {}).items():
        if name not in HOME_FILES or _sha256_file(src / HOME / name) != digest:
            raise InvalidBackup(f"{src / HOME / name}: missing or changed since the backup was made")
    listed = set()
    for entry in entries:
        path = src / OBJECTS / entry.key
        listed.add(entry.key)
        if not path.is_file():
            raise InvalidBackup(f"object {entry.key!r}: in the manifest, missing from {src / OBJECTS}")
        if path.stat().st_size != entry.size or _sha256_file(path) != entry.sha256:
            raise InvalidBackup(f"object {entry.key!r}: its bytes in the backup do not match the manifest")
    for path in sorted((src / OBJECTS).rglob("*")) if (src / OBJECTS).is_dir() else []:
        key = path.relative_to(src / OBJECTS).as_posix()
        if path.is_file() and key not in listed:
            raise InvalidBackup(f"object {key!r}: in {src / OBJECTS}, not in the manifest")


def _objects(src: Path, entries: list[Entry]) -> Iterator[tuple[Entry, bytes]]:
    for entry in entries:
        data = (src / OBJECTS / entry.key).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.sha256:  # changed since it was verified
            raise InvalidBackup(f"object {entry.key!r}: its bytes in the backup do not match the manifest")
        yield entry, data


def restore(settings: Settings, src: Path, progress: Progress | None = None) -> Report:
    """Replace the database with the backup's, write its objects back, and check every one of them."""
    src = src.absolute()
    if not src.is_dir():
        raise InvalidInput(f"{src}: no such backup folder")
    meta, entries = _load(src)
    kind = _kind(settings)
    if meta.get("database") != kind:
        raise InvalidInput(
            f"{src} holds a {meta.get('database')} database and the configured one is {kind}; "
            "restore into the same kind of database"
        )
    _verify_backup(src, meta, entries)
    store = open_store(settings)

    if progress:
        progress("database", 0, 1)
    database = src / str(meta["database_file"])
    if kind == "postgresql":
        _restore_postgresql(settings, database)
    else:
        target = _sqlite_path(settings)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(database, target)
    migrate(get_engine(settings.sqlalchemy_url))  # a backup of an older Muragat gets the newest schema
    if progress:
        progress("database", 1, 1)

    size = 0
    for done, (entry, data) in enumerate(_objects(src, entries), 1):
        if is_original_key(entry.key):
            store.put_once(entry.key, data)  # an original is never replaced; the check below reads it
        else:
            store.put(entry.key, data)
        size += entry.size
        if progress:
            progress("objects", done, len(entries))
    _verify_store(store, entries, progress)

    for name in meta.get("home_files", {}):
        settings.home.mkdir(parents=True, exist_ok=True)
        target = settings.home / name
        target.unlink(missing_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write((src / HOME / name).read_bytes())
    database_bytes = database.stat().st_size
    return Report(src, kind, database_bytes, len(entries), size)


def _verify_store(store: ObjectStore, entries: list[Entry], progress: Progress | None) -> None:
    for done, entry in enumerate(entries, 1):
        try:
            data = store.get(entry.key)
        except NotFound as e:
            raise BackupFailed(f"object {entry.key!r}: written back, yet not in the store") from e
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise BackupFailed(
                f"object {entry.key!r}: the store holds other bytes than the backup "
                "(an original is never overwritten: compare it with the backup's copy by hand)"
            )
        if progress:
            progress("checking", done, len(entries))
