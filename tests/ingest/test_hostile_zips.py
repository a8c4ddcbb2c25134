"""Hostile ZIPs through the real ingest path: bombs, members that lie about their size, too many
members, nesting, paths that try to leave the archive, unbounded compression and damage, each refused
(or contained) with an error that names the file and the limit from settings, nothing stored, in
bounded time and memory.

Decided here: a ZIP inside a ZIP is never expanded (one level only): the inner ZIP is refused by name; a
ZIP member's path is only a label (`..`, `.`, drive and leading `/` parts dropped); nothing of an upload
is written to disk but the object named by its sha256.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import hypothesis
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import select

from ingest.sources import expand_zip, read_uploads
from muragat.settings import Settings
from storage.db import session_scope
from storage.keys import original_key
from storage.models import Document
from tests.ingest import hostile
from tests.ingest.hostile import (
    FLIPS,
    FUZZ,
    ZIP_LIMIT,
    MiB,
    assert_nothing_stored,
    bounded,
    declaring,
    flipped,
    png,
    stored_objects,
    upload,
    zip_of,
    zip_of_zeros,
)

# the fixtures of these tests: settings with a lowered ZIP limit, the signed-in web clients
settings = hostile.settings
archivist = hostile.archivist
app_client = hostile.app_client
client_as = hostile.client_as

# --- ZIP bombs, member counts, nesting and paths ------------------------------------------------------


def test_zip_bomb_over_the_unpacked_limit_is_refused_unread(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    bomb = zip_of_zeros("scan.png", 4 * ZIP_LIMIT)  # 64 MiB of zeros in ~64 KB
    assert len(bomb) < ZIP_LIMIT // 100
    with bounded(seconds=5, python_mib=8):  # unpacking it would take 64 MiB
        [result] = upload(archivist, ("bomb.zip", bomb))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert (
        result["message"] == f"bomb.zip: {4 * ZIP_LIMIT} bytes unpacked, more than {settings.max_zip_bytes}"
    )
    assert_nothing_stored(settings, engine)


def test_zip_member_that_unpacks_to_more_than_it_declares_is_cut_at_its_declared_size(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    liar = declaring(zip_of_zeros("scan.png", 4 * ZIP_LIMIT), 1000)  # declares 1000 bytes
    with bounded(seconds=5, python_mib=8):
        [result] = upload(archivist, ("liar.zip", liar))
    assert result["result"] == "rejected" and result["error_code"] == "corrupt_file"
    assert result["message"].startswith("liar.zip/scan.png: cannot be read from the ZIP (Bad CRC-32")
    assert_nothing_stored(settings, engine)


def test_zip_member_over_the_upload_limit_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    """The folder/CLI path: a member is held to the per-file limit, judged by its declared size."""
    (tmp_path / "big.zip").write_bytes(zip_of_zeros("scan.png", 8 * MiB) + b"")
    with bounded(seconds=5, python_mib=4):  # unpacking would take 8 MiB
        [found] = read_uploads([tmp_path / "big.zip"], max_bytes=MiB, max_members=10, max_zip_bytes=ZIP_LIMIT)
    assert found.data is None and found.error is not None and found.error.code == "file_too_large"
    assert found.error.message == f"big.zip/scan.png: {8 * MiB} bytes unpacked, more than the {MiB} allowed"


def test_zip_with_more_members_than_allowed_is_refused(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    count = settings.max_zip_members + 1
    many = zip_of([(f"p{i}.png", b"") for i in range(count)], zipfile.ZIP_STORED)
    with bounded(seconds=10, python_mib=64):
        [result] = upload(archivist, ("many.zip", many))
    assert result["result"] == "rejected" and result["error_code"] == "file_too_large"
    assert result["message"] == f"many.zip: {count} files in the ZIP, more than {settings.max_zip_members}"
    assert_nothing_stored(settings, engine)


def test_zip_of_countless_entries_is_refused_before_its_directory_is_parsed(
    settings: Settings, tmp_path: Path
) -> None:
    """Folder entries are not files, but zipfile would parse each into an object (~5x the ZIP's size, so
    ~10 GiB for a 2 GiB ZIP): they are counted from their signatures first."""
    entries = 4 * settings.max_zip_members + 1
    folders = zip_of([(f"d{i}/", b"") for i in range(entries)], zipfile.ZIP_STORED)
    (tmp_path / "folders.zip").write_bytes(folders)
    limits = {"max_bytes": settings.max_upload_bytes, "max_zip_bytes": settings.max_zip_bytes}
    with bounded(seconds=5, python_mib=len(folders) / MiB + 1):  # parsed: +9.8 MiB
        [found] = read_uploads([tmp_path / "folders.zip"], max_members=settings.max_zip_members, **limits)
    assert found.data is None and found.error is not None and found.error.code == "file_too_large"
    assert found.error.message == (
        f"folders.zip: about {entries} entries in the ZIP, more than {settings.max_zip_members} files allowed"
    )


def test_nested_zip_is_not_expanded(settings: Settings, engine: Engine, archivist: TestClient) -> None:
    inner = zip_of([("deep.png", png(10))])
    results = upload(archivist, ("outer.zip", zip_of([("inner.zip", inner), ("page.png", png(20))])))
    by_name = {r["filename"]: r for r in results}
    assert set(by_name) == {"outer.zip/inner.zip", "outer.zip/page.png"}
    assert by_name["outer.zip/page.png"]["result"] == "created"
    refused = by_name["outer.zip/inner.zip"]
    assert refused["result"] == "rejected" and refused["error_code"] == "unsupported_file"
    assert refused["message"].startswith("outer.zip/inner.zip: a ZIP inside a ZIP is not unpacked")
    with session_scope(engine) as session:
        assert session.exec(select(Document.filename)).all() == ["outer.zip/page.png"]


def test_zip_member_paths_are_labels_that_cannot_leave_the_archive(
    settings: Settings, engine: Engine, archivist: TestClient, tmp_path: Path
) -> None:
    paths = {
        "../../escape.png": "paths.zip/escape.png",
        "/etc/absolute.png": "paths.zip/etc/absolute.png",
        "..\\..\\windows.png": "paths.zip/windows.png",
        "C:/Temp/drive.png": "paths.zip/Temp/drive.png",
        "ok/./../n.png": "paths.zip/ok/n.png",
    }
    members = [(name, png(40 * i)) for i, name in enumerate(paths)]
    results = upload(archivist, ("paths.zip", zip_of(members)))
    assert sorted(r["filename"] for r in results) == sorted(paths.values())
    assert all(r["result"] == "created" for r in results), results
    with session_scope(engine) as session:
        docs = session.exec(select(Document)).all()
        assert sorted(d.filename for d in docs) == sorted(paths.values())
        assert all(".." not in d.filename.split("/") and "\\" not in d.filename for d in docs)
        keys = {settings.objects_dir / original_key(d.sha256) for d in docs}
    # what reached the disk: one object per document under its sha256, nothing else anywhere
    assert set(stored_objects(settings)) == keys
    everything = {p.name for p in tmp_path.parent.rglob("*")}
    assert not {"escape.png", "absolute.png", "windows.png", "drive.png"} & everything
    assert not Path("/etc/absolute.png").exists()


def test_zip_member_compressed_without_an_output_bound_is_refused(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    """zipfile inflates a bzip2 or LZMA read whole, however much it expands to: such members are refused."""
    [result] = upload(archivist, ("bz.zip", zip_of([("a.png", png(5))], zipfile.ZIP_BZIP2)))
    assert result["result"] == "rejected" and result["error_code"] == "unsupported_file"
    assert result["message"].startswith("bz.zip/a.png: compressed with method 12, which is not accepted")
    assert_nothing_stored(settings, engine)


def test_zip_member_with_an_empty_name_is_labelled_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    [result] = upload(archivist, ("blank.zip", zip_of([("", png(3))])))
    assert result["filename"] == "blank.zip/unnamed" and result["result"] == "created", result


def test_damaged_zip_members_are_named_not_a_server_error(
    settings: Settings, engine: Engine, archivist: TestClient
) -> None:
    good = zip_of([("a.png", png(1, (300, 200)))])
    flipped = bytearray(good)
    start = flipped.index(b"a.png") + len("a.png") + 4
    flipped[start : start + 16] = bytes(b ^ 0xFF for b in flipped[start : start + 16])
    [result] = upload(archivist, ("flipped.zip", bytes(flipped)))
    assert result["result"] == "rejected" and result["error_code"] == "corrupt_file"
    assert result["message"].startswith("flipped.zip/a.png: cannot be read from the ZIP")
    assert_nothing_stored(settings, engine)


# --- damaged ZIPs: every corruption is a named refusal, never an exception ----------------------------


@FUZZ
@hypothesis.given(flips=FLIPS)
def test_damaged_zip_is_named_never_raised(flips: list[tuple[int, int]]) -> None:
    archive = zip_of([("a/one.png", png(1)), ("two.png", png(2)), ("three.png", b"x" * 300)])
    for found in expand_zip(
        "f.zip", flipped(archive, flips), max_members=10, max_bytes=MiB, max_member_bytes=MiB
    ):
        assert (found.data is None) != (found.error is None)
        assert found.name.startswith("f.zip") and ".." not in found.name.split("/")
        assert found.error is None or found.error.message.startswith(found.name)
