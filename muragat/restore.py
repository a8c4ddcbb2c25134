"""Restore a backup folder written by `muragat.backup`.

Restore checks the whole backup against its manifest before it changes anything, then replaces the
database (pg_restore --clean --if-exists; SQLite: the online backup API the other way round), migrates
it to the newest schema, writes the objects back and reads each one from the store to check its sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from muragat.backup import (
    FORMAT,
    HOME,
    HOME_FILES,
    MANIFEST,
    META,
    OBJECTS,
    BackupFailed,
    Progress,
    Report,
    database_kind,
    restore_postgresql,
    sha256_file,
    sqlite_copy,
    sqlite_path,
)
from muragat.errors import InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.settings import Settings
from storage.db import get_engine, migrate
from storage.keys import is_original_key
from storage.objects import ObjectStore, check_key, open_store


class InvalidBackup(InvalidInput):
    """A backup folder that does not agree with its manifest: nothing is restored from it."""

    code = "invalid_backup"


@dataclass(frozen=True)
class Entry:
    key: str
    size: int
    sha256: str


def _changed(path: Path) -> Message:
    return Message(Code.RESTORE_CHANGED, path=str(path))


def _load(src: Path) -> tuple[dict[str, Any], list[Entry]]:
    if not (src / META).is_file():
        raise InvalidInput(Message(Code.RESTORE_NOT_A_BACKUP, src=str(src), meta=META))
    try:
        meta = json.loads((src / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidBackup(Message(Code.CANNOT_BE_READ, file=str(src / META), error=str(e))) from e
    if meta.get("format") != FORMAT:
        found = repr(meta.get("format"))
        raise InvalidBackup(Message(Code.RESTORE_FORMAT, src=str(src), found=found, expected=FORMAT))
    manifest = src / MANIFEST
    if not manifest.is_file() or sha256_file(manifest) != meta.get("manifest_sha256"):
        raise InvalidBackup(_changed(manifest))
    entries = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        try:
            raw = json.loads(line)
            entry = Entry(str(raw["key"]), int(raw["size"]), str(raw["sha256"]))
            check_key(entry.key)
        except (ValueError, KeyError, TypeError) as e:
            where = {"manifest": str(manifest), "line": number}
            raise InvalidBackup(Message(Code.RESTORE_BAD_MANIFEST_LINE, **where, error=str(e))) from e
        entries.append(entry)
    return meta, entries


def _verify_backup(src: Path, meta: dict[str, Any], entries: list[Entry]) -> None:
    """Refuse the backup, naming the first thing that does not agree with its manifest."""
    database = src / str(meta.get("database_file"))
    if not database.is_file() or sha256_file(database) != meta.get("database_sha256"):
        raise InvalidBackup(_changed(database))
    for name, digest in meta.get("home_files", {}).items():
        if name not in HOME_FILES or sha256_file(src / HOME / name) != digest:
            raise InvalidBackup(_changed(src / HOME / name))
    listed = set()
    for entry in entries:
        path = src / OBJECTS / entry.key
        listed.add(entry.key)
        if not path.is_file():
            missing = Message(Code.RESTORE_OBJECT_MISSING, key=repr(entry.key), folder=str(src / OBJECTS))
            raise InvalidBackup(missing)
        if path.stat().st_size != entry.size or sha256_file(path) != entry.sha256:
            raise InvalidBackup(Message(Code.RESTORE_OBJECT_DIFFERS, key=repr(entry.key)))
    for path in sorted((src / OBJECTS).rglob("*")) if (src / OBJECTS).is_dir() else []:
        key = path.relative_to(src / OBJECTS).as_posix()
        if path.is_file() and key not in listed:
            raise InvalidBackup(
                Message(Code.RESTORE_OBJECT_UNLISTED, key=repr(key), folder=str(src / OBJECTS))
            )


def _objects(src: Path, entries: list[Entry]) -> Iterator[tuple[Entry, bytes]]:
    for entry in entries:
        data = (src / OBJECTS / entry.key).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.sha256:  # changed since it was verified
            raise InvalidBackup(Message(Code.RESTORE_OBJECT_DIFFERS, key=repr(entry.key)))
        yield entry, data


def restore(settings: Settings, src: Path, progress: Progress | None = None) -> Report:
    """Replace the database with the backup's, write its objects back, and check every one of them."""
    src = src.absolute()
    if not src.is_dir():
        raise InvalidInput(Message(Code.RESTORE_NO_SUCH_FOLDER, src=str(src)))
    meta, entries = _load(src)
    kind = database_kind(settings)
    if meta.get("database") != kind:
        found = str(meta.get("database"))
        raise InvalidInput(Message(Code.RESTORE_OTHER_DATABASE, src=str(src), found=found, kind=kind))
    _verify_backup(src, meta, entries)
    store = open_store(settings)

    if progress:
        progress("database", 0, 1)
    database = src / str(meta["database_file"])
    if kind == "postgresql":
        restore_postgresql(settings, database)
    else:
        target = sqlite_path(settings)
        target.parent.mkdir(parents=True, exist_ok=True)
        sqlite_copy(database, target)
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
            raise BackupFailed(Message(Code.RESTORE_NOT_IN_STORE, key=repr(entry.key))) from e
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise BackupFailed(Message(Code.RESTORE_STORE_DIFFERS, key=repr(entry.key)))
        if progress:
            progress("checking", done, len(entries))
