"""A document that stops its worker every time ends failed after `max_attempts`, naming the page, while the
others go on; a service that fails a job for a while (a store that refuses writes, then accepts them) is
tried again by the job itself, with backoff, before anything is marked failed."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlmodel import select

from ingest.retry import retry_document
from ingest.service import ingest_bytes
from muragat.errors import CorruptFile, ServiceStillDown, StorageUnavailable
from muragat.jobs import _process, with_backoff
from muragat.queue import Progress, document_queue
from muragat.reconcile import reconcile
from muragat.services import Services, open_services
from muragat.settings import Settings
from storage.db import session_scope
from storage.models import Document, DocumentStatus, Revision
from storage.objects import DEFAULT_CONTENT_TYPE, LocalObjectStore
from storage.revisions import changes_by
from tests.pages import DIPLOMA_LINES, encode, render_page


@pytest.fixture
def services(settings: Settings) -> Services:
    return open_services(settings.model_copy(update={"max_attempts": 3}))


@pytest.fixture
def connection(settings: Settings) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(str(settings.redis_url))
    yield client
    client.close()


def _processing(services: Services, n: int) -> uuid.UUID:
    """A document a worker took (attempt raised, processing), as the job's first transaction leaves it."""
    with session_scope(services.engine) as session, changes_by(session, "system:worker", "test: taken"):
        doc = Document(filename=f"poison-{n}.pdf", sha256=f"{n:064x}", content_type="application/pdf",
                       size_bytes=1, original_key=f"originals/{n}", status=DocumentStatus.processing,
                       attempts=1)  # fmt: skip
        session.add(doc)
    return doc.id


def _taken_again(services: Services, doc_id: uuid.UUID) -> None:
    with session_scope(services.engine) as session, changes_by(session, "system:worker", "test: taken"):
        doc = session.get_one(Document, doc_id)
        assert doc.status == DocumentStatus.queued
        doc.status, doc.attempts = DocumentStatus.processing, doc.attempts + 1


def test_a_document_that_stops_every_worker_fails_after_the_cap(
    services: Services, connection: redis.Redis
) -> None:
    queue = document_queue(connection, services.settings)
    poison, other = _processing(services, 1), _processing(services, 2)
    for sweep in range(1, 4):
        Progress(connection, services.settings, poison).at("page:4")  # what the job said before it died
        if sweep == 3:
            Progress(connection, services.settings, other).at("page:1")
        result = reconcile(services, queue)
        with session_scope(services.engine) as session:
            doc = session.get_one(Document, poison)
        if sweep < 3:
            assert doc.status == DocumentStatus.queued
            assert doc.status_reason == (
                f"the worker stopped while reading page 4 (attempt {sweep} of 3); queued again"
            )
            _taken_again(services, poison)
            if sweep == 1:
                _taken_again(services, other)  # its worker died too; requeued at the next sweep
        else:
            assert doc.status == DocumentStatus.failed
            assert [r.document_id for r in result.failed] == [poison]
            assert str(doc.status_reason).startswith("the worker stopped while reading page 4, 3 times;")
    with session_scope(services.engine) as session:
        assert session.get_one(Document, other).status == DocumentStatus.queued  # 2 of 3: not at the cap
        history = session.exec(
            select(Revision.new_value).where(Revision.entity_id == poison, Revision.field == "status")
        ).all()
    assert history[-1] == "failed"
    jobs = queue.job_ids  # two requeues each; none of the poison document once at the cap
    assert sorted(j.rsplit("-", 1)[1] for j in jobs if str(poison) in j) == ["2", "3"] and len(jobs) == 4

    # a person's retry starts the count again
    retry_document(services.engine, queue, poison, actor="dana")
    with session_scope(services.engine) as session:
        doc = session.get_one(Document, poison)
    assert (doc.status, doc.crashes) == (DocumentStatus.queued, 0)


def test_backoff_tries_a_service_again_and_gives_up_with_the_reason(settings: Settings) -> None:
    settings = settings.model_copy(update={"service_retry_seconds": 3})
    calls: list[float] = []

    def flaky() -> str:
        calls.append(time.monotonic())
        if len(calls) < 3:
            raise StorageUnavailable("object store away (test)")
        return "done"

    assert with_backoff(settings, flaky) == "done" and len(calls) == 3
    assert calls[2] - calls[1] > calls[1] - calls[0]  # the pause grows

    def down() -> None:
        raise StorageUnavailable("object store away (test)")

    with pytest.raises(ServiceStillDown, match=r"object store away \(test\) \(still so after \d+ tries"):
        with_backoff(settings, down)

    def unreadable() -> None:
        calls.append(time.monotonic())
        raise CorruptFile("not a PDF (test)")

    calls.clear()
    with pytest.raises(CorruptFile):
        with_backoff(settings, unreadable)
    assert len(calls) == 1  # a file that cannot be read is not tried again


class StoreBackLater(LocalObjectStore):
    """A local store whose writes fail, as on a full disk, until `until` (monotonic seconds)."""

    def __init__(self, root: Path, until: float) -> None:
        super().__init__(root)
        self.until = until
        self.refused = 0

    def put(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> None:
        if time.monotonic() < self.until:
            self.refused += 1
            raise StorageUnavailable(f"no space left on device (test): {key}")
        super().put(key, data, content_type)


def test_a_full_disk_for_a_while_delays_a_document_but_does_not_fail_it(
    services: Services, connection: redis.Redis, tmp_path: Path
) -> None:
    data = encode([render_page(DIPLOMA_LINES)], "PNG")
    outcome = ingest_bytes(engine=services.engine, store=services.store, queue=None,
                           settings=services.settings, filename="diploma.png", data=data,
                           actor="tester")  # fmt: skip
    assert outcome.document_id is not None
    store = StoreBackLater(services.settings.objects_dir, until=time.monotonic() + 2.5)
    flaky = Services(services.settings, services.engine, store)
    result = _process(flaky, outcome.document_id)
    assert store.refused >= 2, "the store never refused a write"
    assert not result.startswith("failed"), result
    with session_scope(services.engine) as session:
        doc = session.get_one(Document, outcome.document_id)
    assert doc.status in (DocumentStatus.processed, DocumentStatus.needs_review) and doc.attempts == 1
