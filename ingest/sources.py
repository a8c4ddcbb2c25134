"""What an archivist hands over: files, folders and ZIPs, expanded into (name, bytes) uploads."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from muragat.errors import CorruptFile, FileTooLarge, InvalidInput

ZIP_MAGIC = b"PK\x03\x04"
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes | None  # None where the upload could not be read; error says why
    error: InvalidInput | None = None


def is_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _skipped(name: str) -> bool:
    parts = Path(name).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or Path(name).name in SKIPPED_NAMES


def expand_zip(name: str, data: bytes, *, max_members: int, max_bytes: int) -> Iterator[Upload]:
    """The files inside a ZIP, each named `archive.zip/inner/path.jpg`; limits guard against zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir() and not _skipped(m.filename)]
    except (zipfile.BadZipFile, OSError) as e:
        yield Upload(name, None, CorruptFile(f"{name}: not a readable ZIP archive ({e})"))
        return
    if len(members) > max_members:
        yield Upload(
            name, None, FileTooLarge(f"{name}: {len(members)} files in the ZIP, more than {max_members}")
        )
        return
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        yield Upload(name, None, FileTooLarge(f"{name}: {total} bytes unpacked, more than {max_bytes}"))
        return
    for member in members:
        inner = f"{name}/{member.filename}"
        try:
            yield Upload(inner, archive.read(member))
        except (zipfile.BadZipFile, RuntimeError, OSError) as e:  # RuntimeError: encrypted member
            yield Upload(inner, None, CorruptFile(f"{inner}: cannot be read from the ZIP ({e})"))


def walk_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the files under folders named, in a stable order. A folder that vanishes or
    cannot be listed during the walk is passed over (os.walk ignores it); a file that vanishes before
    it is read is reported by `read_uploads` with its name."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not _skipped(d))
            base = Path(folder)
            found.extend(base / f for f in files if not _skipped(str((base / f).relative_to(path))))
        yield from sorted(found)


def read_uploads(
    paths: list[Path], *, max_bytes: int, max_members: int, max_zip_bytes: int
) -> Iterator[Upload]:
    for path in walk_paths(paths):
        name = path.name
        try:
            size = path.stat().st_size
            if size > max_bytes and path.suffix.lower() != ".zip":
                yield Upload(
                    name, None, FileTooLarge(f"{path}: {size} bytes, more than the {max_bytes} allowed")
                )
                continue
            data = path.read_bytes()
        except OSError as e:
            yield Upload(name, None, InvalidInput(f"{path}: cannot be read ({e.strerror})"))
            continue
        if is_zip(data):
            yield from expand_zip(name, data, max_members=max_members, max_bytes=max_zip_bytes)
        else:
            yield Upload(name, data)
