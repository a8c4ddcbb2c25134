"""What an archivist hands over: files, folders and ZIPs, expanded into (name, bytes) uploads."""

from __future__ import annotations

import io
import lzma
import os
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from muragat.errors import CorruptFile, FileTooLarge, InvalidInput, UnsupportedFile
from muragat.messages import Message
from muragat.messages.catalog.files import Code
from ocr import check_head

ZIP_MAGIC = b"PK\x03\x04"
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
# A central-directory record's signature. Counting them bounds the entries before zipfile parses the
# directory into objects (a few hundred bytes each: millions of tiny entries would exhaust memory).
_CENTRAL_RECORD = b"PK\x01\x02"
# Entries of any kind allowed per file counted against max_members: folders, and the __MACOSX twins
# that a Mac adds to each file, are entries too.
_ENTRIES_PER_MEMBER = 4
# zipfile's bzip2 and LZMA readers decompress a whole read's input at once, with no bound on the output;
# ZIPs from Windows, macOS and scanners use deflate or none.
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_READ_CHUNK = 1024 * 1024
# What zipfile and its decompressors raise on damaged data (RuntimeError: an encrypted member, and
# NotImplementedError, an unsupported compression method).
_ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    RuntimeError,
    ValueError,
    IndexError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
)


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


def member_label(path: str) -> str:
    """A ZIP member's path as a label only: no `..`, `.`, empty or drive parts, no leading `/`, no control
    characters, so that nothing built from it can point outside the archive."""
    cleaned = "".join(ch for ch in path.replace("\\", "/") if unicodedata.category(ch)[0] != "C")
    parts = [p for p in cleaned.split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":  # C:
        parts = parts[1:]
    return "/".join(parts) or "unnamed"


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, label: str, max_pixels: int | None
) -> bytes:
    """The member's bytes, read in chunks: `ZipFile.read` inflates all of a member's compressed data in
    one call before cutting it to the declared size, so a member that declares 1 KB and holds a deflate
    bomb would be inflated whole. Read in chunks, zipfile stops at the declared size (then fails the
    CRC check)."""
    parts: list[bytes] = []
    with archive.open(member) as stream:
        while chunk := stream.read(_READ_CHUNK):
            parts.append(chunk)
            if len(parts) == 1 and not is_zip(chunk):
                # refused from its first bytes (not a scan, an image declaring too many pixels): the
                # rest is never unpacked, so a ZIP of huge refused members costs a chunk per member
                check_head(chunk, label, max_pixels=max_pixels)
    return b"".join(parts)


def expand_zip(
    name: str,
    data: bytes,
    *,
    max_members: int,
    max_bytes: int,
    max_member_bytes: int | None = None,
    max_pixels: int | None = None,
) -> Iterator[Upload]:
    """The files inside a ZIP, each named `archive.zip/inner/path.jpg`; limits guard against zip bombs.

    Sizes are the ones the archive declares: a member is never unpacked beyond its declared size (one
    that holds more fails its CRC check), so the declared sizes bound the memory taken. Only one level
    is unpacked: a ZIP inside the ZIP is refused, never expanded.
    """
    entries = data.count(_CENTRAL_RECORD)
    if entries > max_members * _ENTRIES_PER_MEMBER:
        yield Upload(
            name,
            None,
            FileTooLarge(Message(Code.ZIP_TOO_MANY_ENTRIES, file=name, entries=entries, limit=max_members)),
        )
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        # not ZipInfo.is_dir, which fails on an empty name
        members = [
            m
            for m in archive.infolist()
            if not m.filename.endswith("/") and not _skipped(member_label(m.filename))
        ]
    except _ZIP_ERRORS as e:
        yield Upload(name, None, CorruptFile(Message(Code.ZIP_UNREADABLE, file=name, error=str(e))))
        return
    if len(members) > max_members:
        found = Message(Code.ZIP_TOO_MANY_FILES, file=name, count=len(members), limit=max_members)
        yield Upload(name, None, FileTooLarge(found))
        return
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        yield Upload(
            name, None, FileTooLarge(Message(Code.ZIP_TOO_LARGE, file=name, size=total, limit=max_bytes))
        )
        return
    for member in members:
        inner = f"{name}/{member_label(member.filename)}"
        if max_member_bytes is not None and member.file_size > max_member_bytes:
            yield Upload(
                inner,
                None,
                FileTooLarge(
                    Message(
                        Code.ZIP_MEMBER_TOO_LARGE, file=inner, size=member.file_size, limit=max_member_bytes
                    )
                ),
            )
            continue
        if member.compress_type not in _ZIP_METHODS:
            yield Upload(
                inner,
                None,
                UnsupportedFile(Message(Code.ZIP_METHOD, file=inner, method=member.compress_type)),
            )
            continue
        try:
            content = _read_member(archive, member, inner, max_pixels)
        except InvalidInput as e:  # refused from its first bytes, as ingest would refuse it whole
            yield Upload(inner, None, e)
            continue
        except _ZIP_ERRORS as e:
            yield Upload(
                inner, None, CorruptFile(Message(Code.ZIP_MEMBER_UNREADABLE, file=inner, error=str(e)))
            )
            continue
        if is_zip(content):
            yield Upload(
                inner,
                None,
                UnsupportedFile(Message(Code.ZIP_IN_ZIP, file=inner)),
            )
            continue
        yield Upload(inner, content)


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


def largest_first(files: list[Path]) -> list[Path]:
    """The files by size, largest first, ties in their given order (so that of two copies of one file the
    first named is stored first). Queued so, the long documents are read first and the workers end
    together, rather than one of them reading a long file alone at the end while the others wait. A file
    that cannot be measured goes last (`read_uploads` reports it)."""

    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return -1

    return sorted(files, key=lambda path: -size(path))


def read_uploads(
    paths: list[Path], *, max_bytes: int, max_members: int, max_zip_bytes: int
) -> Iterator[Upload]:
    for path in walk_paths(paths):
        name = path.name
        try:
            size = path.stat().st_size
            limit = max_zip_bytes if path.suffix.lower() == ".zip" else max_bytes
            if size > limit:
                yield Upload(
                    name, None, FileTooLarge(Message(Code.TOO_LARGE, file=str(path), size=size, limit=limit))
                )
                continue
            data = path.read_bytes()
        except OSError as e:
            yield Upload(
                name,
                None,
                InvalidInput(Message(Code.PATH_UNREADABLE, file=str(path), error=e.strerror or str(e))),
            )
            continue
        if is_zip(data):
            yield from expand_zip(
                name, data, max_members=max_members, max_bytes=max_zip_bytes, max_member_bytes=max_bytes
            )
        else:
            yield Upload(name, data)
