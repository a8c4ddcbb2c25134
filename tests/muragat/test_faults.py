"""Faults while documents are processed: Redis restarted with its queue lost, PostgreSQL restarted, S3 down
for a while. After recovery every document has reached a final state exactly once, and nothing is lost.

Each fault hits a service of the test's own (tests/muragat/fault_services.py), never CI's shared ones.
A worker killed with SIGKILL mid-document is tests/muragat/test_worker_recovery.py.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from pydantic import SecretStr
from sqlmodel import select

from ingest.service import ingest_bytes
from muragat.messages import Message
from muragat.queue import document_queue
from muragat.services import open_services
from muragat.settings import Settings
from storage.db import session_scope
from storage.keys import original_key
from storage.models import Document
from tests.muragat.fault_services import (
    FaultyLink,
    PgCluster,
    RedisServer,
    all_final,
    any_processing,
    ingest,
    postgres_binaries,
    small_documents,
    start_worker,
    statuses,
    stop_worker,
    tally,
    wait_until,
)
from tests.muragat.test_end_to_end import muragat
from tests.storage.conftest import S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY

pytestmark = pytest.mark.slow
DOCS = 3
PAGES = 6  # a document takes a few seconds: the fault lands while one is in hand
OUTAGE_SECONDS = 10


def test_redis_restarted_with_its_queue_lost(settings: Settings, tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "redis")
    server.start()
    settings = settings.model_copy(update={"redis_url": server.url})
    try:
        docs = ingest(settings, small_documents(DOCS, "redis", pages=PAGES))
        worker = start_worker(settings)
        try:
            wait_until(lambda: any_processing(settings), 90, "a document being processed")
            client = redis.Redis.from_url(server.url)
            client.set("before-the-fault", 1)
            server.kill()  # SIGKILL, no persistence: the queue and every lease are gone
            time.sleep(2)  # Redis stays away while the worker goes on with its document
            server.start()  # on the same port, empty
            # the state was lost (asked of a key of our own: the worker's reconciler may already be
            # putting the unfinished documents back on the queue, which is what it is for)
            assert not client.exists("before-the-fault")
            client.close()
            wait_until(lambda: all_final(settings, docs), 120, "every document to finish")
            assert worker.poll() is None, "the worker died with Redis"
        finally:
            log = stop_worker(worker)
    finally:
        server.kill()
    result = tally(settings, docs)
    assert (result.lost, result.duplicated) == (0, 0), log
    # Each document was processed once: the one in hand when Redis died was not taken up a second time.
    assert result.attempts == {1: DOCS}, log


@pytest.fixture
def pg_cluster() -> Iterator[PgCluster]:
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip("initdb not found (PATH, /usr/lib/postgresql/*/bin): no PostgreSQL of our own to restart")
    cluster = PgCluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def test_postgresql_restarted_mid_processing(pg_cluster: PgCluster, redis_url: str, tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "home",
        database_url=pg_cluster.url,
        redis_url=redis_url,
        queue_name=f"test-{uuid.uuid4().hex[:8]}",
        job_lease_seconds=5,
        _env_file=None,
    )
    docs = ingest(settings, small_documents(DOCS, "pg", pages=PAGES))
    worker = start_worker(settings)
    try:
        wait_until(lambda: any_processing(settings), 90, "a document being processed")
        pg_cluster.restart()  # every connection cut, mid-document
        wait_until(lambda: all_final(settings, docs), 120, "every document to finish")
        failed = [i for i, s in statuses(settings).items() if s == "failed"]
        if failed:  # a job that lost the database mid-write may end failed, with the reason
            with session_scope(open_services(settings).engine) as session:
                for doc_id in failed:
                    reason = session.get_one(Document, doc_id).status_reason or ""
                    assert "OperationalError" in reason or "connection" in reason, reason
            retried = muragat(settings, "retry", "--all-failed")
            assert retried.returncode == 0, retried.stderr
            wait_until(lambda: all_final(settings, docs), 120, "the retried documents to finish")
        assert worker.poll() is None, "the worker died with the database"
    finally:
        log = stop_worker(worker)
    result = tally(settings, docs)
    assert (result.lost, result.duplicated) == (0, 0), log
    assert set(result.attempts) <= {1, 2} and sum(result.attempts.values()) == DOCS, (result, log)


@pytest.fixture
def s3_link(s3_server: str) -> Iterator[FaultyLink]:
    link = FaultyLink(s3_server)
    link.up()
    yield link
    link.down()


def test_s3_down_for_a_while(settings: Settings, s3_link: FaultyLink) -> None:
    """S3 is away for a few seconds (as in a network cut or a restart of the S3 server): uploads are
    refused with the reason, and the documents in hand wait for it and finish once it is back, with no
    second attempt and nobody running `muragat retry` (a cut longer than MURAGAT_SERVICE_RETRY_SECONDS
    fails them with the reason: test_attempt_cap.py)."""
    settings = settings.model_copy(
        update={
            "s3_endpoint": s3_link.endpoint,
            "s3_access_key": SecretStr(S3_TEST_ACCESS_KEY),
            "s3_secret_key": SecretStr(S3_TEST_SECRET_KEY),
            "s3_bucket": f"faults-{uuid.uuid4().hex[:8]}",
            "s3_region": "us-east-1",
        }
    )
    docs = ingest(settings, small_documents(DOCS, "s3"))
    services = open_services(settings)
    worker = start_worker(settings)
    try:
        wait_until(lambda: any_processing(settings), 90, "a document being processed")
        s3_link.down()

        # An upload while S3 is down is refused with the reason, and nothing of it is written.
        [(name, data)] = small_documents(1, "s3-refused")
        connection = redis.Redis.from_url(str(settings.redis_url))
        outcome = ingest_bytes(
            engine=services.engine,
            store=services.store,
            queue=document_queue(connection, settings),
            settings=settings,
            filename=name,
            data=data,
            actor="tester",
        )
        assert outcome.result == "rejected" and outcome.error_code == "storage_unavailable", outcome
        assert isinstance(outcome.message, Message) and outcome.message.code == "service.s3_unreachable"
        assert "MURAGAT_S3_ENDPOINT" in str(outcome.message)
        sha256 = hashlib.sha256(data).hexdigest()
        with session_scope(services.engine) as session:
            assert session.exec(select(Document).where(Document.sha256 == sha256)).first() is None

        # The document in hand, and those taken while S3 is away, wait for it: their jobs try again
        # with growing pauses (MURAGAT_SERVICE_RETRY_SECONDS) rather than failing.
        time.sleep(OUTAGE_SECONDS)
        assert "failed" not in statuses(settings).values(), "a document failed while S3 was away a moment"
        s3_link.up()
        wait_until(lambda: all_final(settings, docs), 120, "every document to finish once S3 is back")
        assert set(statuses(settings).values()) <= {"processed", "needs_review"}, statuses(settings)
        assert worker.poll() is None, "the worker died with S3"
    finally:
        log = stop_worker(worker)
    result = tally(settings, docs)
    assert (result.lost, result.duplicated) == (0, 0), log
    assert result.attempts == {1: DOCS}, (result, log)  # no document needed a second attempt, nor a person
    assert not services.store.exists(original_key(sha256))  # the refused upload left nothing behind
    assert len(statuses(settings)) == DOCS
