"""Ingest: one document per unique file, clear rejections, and a batch that goes on past bad files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
import redis
from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import select

from ingest.retry import retry_document
from ingest.service import ingest_bytes
from ingest.sources import largest_first, read_uploads, walk_paths
from muragat.errors import Conflict
from muragat.messages import Message, render
from muragat.messages.catalog.files_read import Code as ReadCode
from muragat.queue import document_queue
from muragat.settings import Settings
from storage.db import session_scope
from storage.keys import original_key
from storage.models import Document, DocumentStatus, Revision
from storage.objects import LocalObjectStore
from storage.revisions import changes_by
from tests.conftest import SAMPLES
from tests.storage.conftest import RefusingStore


def png_bytes(size: tuple[int, int] = (200, 100)) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 255).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def queue(settings: Settings):  # type: ignore[no-untyped-def]
    connection = redis.Redis.from_url(str(settings.redis_url))
    yield document_queue(connection, settings)
    connection.close()


def _ingest(settings: Settings, engine: Engine, store, queue, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return ingest_bytes(
        engine=engine, store=store, queue=queue, settings=settings, filename=name, data=data, actor="tester"
    )


def test_same_bytes_under_two_names_are_one_document(settings: Settings, engine: Engine, queue) -> None:  # type: ignore[no-untyped-def]
    store = LocalObjectStore(settings.objects_dir)
    data = (SAMPLES / "scans" / "doc0008.jpg").read_bytes()
    first = _ingest(settings, engine, store, queue, "doc0008.jpg", data)
    second = _ingest(settings, engine, store, queue, "again_doc0008.jpg", data)
    assert first.result == "created" and first.status == DocumentStatus.queued
    assert second.result == "exists"
    assert second.document_id == first.document_id
    assert "already in the archive as doc0008.jpg" in str(second.message)
    with session_scope(engine) as session:
        [doc] = session.exec(select(Document)).all()
        assert doc.other_filenames == ["again_doc0008.jpg"]
        assert store.get(doc.original_key) == data
    assert len(queue.get_job_ids()) == 1


def test_bad_files_are_rejected_by_name_and_the_batch_goes_on(
    settings: Settings,
    engine: Engine,
    queue,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    store = LocalObjectStore(settings.objects_dir)
    folder = tmp_path / "batch"
    folder.mkdir()
    jpeg = (SAMPLES / "scans" / "doc0008.jpg").read_bytes()
    (folder / "good.jpg").write_bytes(jpeg)
    (folder / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (folder / "notes.pdf").write_text("these are my notes, not a PDF\n")
    (folder / "empty.png").write_bytes(b"")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("inner/small.png", png_bytes())
        zf.writestr("inner/broken.png", png_bytes()[:40])
    (folder / "box.zip").write_bytes(archive.getvalue())

    outcomes = {}
    for upload in read_uploads(
        [folder], max_bytes=settings.max_upload_bytes, max_members=10, max_zip_bytes=10_000_000
    ):
        assert upload.data is not None
        outcomes[upload.name] = _ingest(settings, engine, store, queue, upload.name, upload.data)

    assert {n for n, o in outcomes.items() if o.result == "created"} == {
        "good.jpg",
        "box.zip/inner/small.png",
    }
    rejected = {n: o for n, o in outcomes.items() if o.result == "rejected"}
    assert set(rejected) == {"truncated.jpg", "notes.pdf", "empty.png", "box.zip/inner/broken.png"}
    for name, outcome in rejected.items():
        assert name in str(outcome.message), outcome.message
    assert rejected["empty.png"].error_code == "invalid_input"
    assert rejected["notes.pdf"].error_code == "unsupported_file"
    assert rejected["truncated.jpg"].error_code == "corrupt_file"
    with session_scope(engine) as session:
        assert sorted(d.filename for d in session.exec(select(Document))) == [
            "box.zip/inner/small.png",
            "good.jpg",
        ]


def test_a_store_that_refuses_writes_leaves_nothing_half_written(
    settings: Settings,
    engine: Engine,
    queue,  # type: ignore[no-untyped-def]
) -> None:
    store = RefusingStore(LocalObjectStore(settings.objects_dir))
    data = png_bytes()
    outcome = _ingest(settings, engine, store, queue, "scan.png", data)
    assert outcome.result == "rejected" and outcome.error_code == "storage_unavailable"
    with session_scope(engine) as session:
        assert session.exec(select(Document)).all() == []
    assert queue.get_job_ids() == []
    assert not LocalObjectStore(settings.objects_dir).exists(original_key(hashlib.sha256(data).hexdigest()))


def test_oversized_upload_is_refused_before_reading_it(settings: Settings, engine: Engine, queue) -> None:  # type: ignore[no-untyped-def]
    small = settings.model_copy(update={"max_upload_bytes": 100})
    outcome = _ingest(small, engine, LocalObjectStore(settings.objects_dir), queue, "big.png", png_bytes())
    assert outcome.result == "rejected" and outcome.error_code == "file_too_large"
    assert "big.png" in str(outcome.message)


def test_a_file_that_vanishes_while_a_folder_is_read_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.png").write_bytes(png_bytes())
    (folder / "b.png").write_bytes(png_bytes())
    uploads = read_uploads([folder], max_bytes=10_000_000, max_members=10, max_zip_bytes=10_000_000)
    first = next(uploads)
    (folder / "sub" / "a.png").unlink()  # gone between listing and reading
    rest = list(uploads)
    names = [first.name, *(u.name for u in rest)]
    assert names == ["b.png", "a.png"]
    vanished = rest[-1]
    assert vanished.data is None and vanished.error is not None
    assert "a.png" in vanished.error.message and "cannot be read" in vanished.error.message


def test_results_and_refusals_are_messages_in_the_readers_language(
    settings: Settings, engine: Engine, queue
) -> None:  # type: ignore[no-untyped-def]
    store = LocalObjectStore(settings.objects_dir)
    small = settings.model_copy(update={"max_upload_bytes": 100})
    refused = _ingest(small, engine, store, queue, "big.png", png_bytes())
    assert isinstance(refused.message, Message) and refused.to_dict()["message"] == str(refused.message)
    kazakh, russian = refused.message.render("kk"), refused.message.render("ru")
    assert "big.png" in kazakh and "байттан көп" in kazakh and "больше допустимых" in russian
    created = _ingest(settings, engine, store, queue, "ok.png", png_bytes())
    assert str(created.message) == "ok.png: stored, 1 page(s), queued"
    assert render(created.message, "ru") == "ok.png: сохранён, страниц: 1, поставлен в очередь"


def test_a_retry_names_the_failure_in_the_readers_language(settings: Settings, engine: Engine) -> None:
    outcome = _ingest(settings, engine, LocalObjectStore(settings.objects_dir), None, "f.png", png_bytes())
    assert outcome.document_id is not None
    with pytest.raises(Conflict) as not_failed:
        retry_document(engine, None, outcome.document_id, actor="tester")
    assert "only failed documents are retried" in not_failed.value.message
    assert "повторно обрабатываются только документы с ошибкой" in not_failed.value.render("ru")
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = session.get_one(Document, outcome.document_id)
        doc.status = DocumentStatus.failed
        doc.explain(Message(ReadCode.EMPTY, file="f.png"))
    retry_document(engine, None, outcome.document_id, actor="tester")
    with session_scope(engine) as session:
        doc = session.get_one(Document, outcome.document_id)
        assert doc.status == DocumentStatus.queued and doc.status_message is doc.status_reason is None
        reasons = session.exec(select(Revision).where(Revision.entity_id == doc.id)).all()
    retried = next(r for r in reasons if r.reason.startswith("retry requested after"))  # one per field
    assert retried.reason == "retry requested after: f.png: empty file (0 bytes). " + (
        "Check that the upload finished and send it again."
    )
    assert render(retried.reason_message, "kk").startswith("қайта өңдеу сұралды, себебі: f.png: бос файл")


def test_largest_files_are_queued_first_and_copies_keep_their_order(tmp_path: Path) -> None:
    sizes = {"a_small.png": 10, "b_large.pdf": 300, "c_copy.jpg": 200, "d_copy.jpg": 200, "e_mid.tif": 100}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    files = list(walk_paths([tmp_path]))
    assert [p.name for p in files] == sorted(sizes)
    gone = tmp_path / "gone.png"
    order = [p.name for p in largest_first([*files, gone])]
    assert order == ["b_large.pdf", "c_copy.jpg", "d_copy.jpg", "e_mid.tif", "a_small.png", "gone.png"]
