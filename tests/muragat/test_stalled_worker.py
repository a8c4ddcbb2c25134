"""A worker that stalls past its lease (SIGSTOP, as a paused VM or heavy swapping would) wakes after a
second worker finished the document and a reviewer corrected it: its results are refused, never written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path

import pytest
import redis
from sqlmodel import col, select

from ingest.service import ingest_bytes
from muragat.match_stage import WORKER
from muragat.queue import document_queue
from muragat.services import Services, open_services
from muragat.settings import Settings
from review_ui.field_edits import set_fields
from storage.db import session_scope
from storage.keys import page_image_key
from storage.models import Document, Revision
from tests.muragat.test_worker_recovery import PAGES, descendants, kill_tree, start_worker, wait_for_status
from tests.pages import DIPLOMA_LINES, encode, render_page

pytestmark = pytest.mark.slow
FINISHED = {"processed", "needs_review", "failed"}


def signal_tree(pid: int, signum: int) -> None:
    for process in [pid, *descendants(pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process, signum)


def _attempt_1_wrote(services: Services, doc_id: uuid.UUID) -> bool:
    with session_scope(services.engine) as session:
        return session.get_one(Document, doc_id).fields.get("last_name") != "Исправлено"


def test_a_stalled_workers_results_are_refused(settings: Settings) -> None:
    services = open_services(settings)
    pages = [render_page(DIPLOMA_LINES * 3 + [f"бет {n}"]) for n in range(1, PAGES + 1)]
    connection = redis.Redis.from_url(str(settings.redis_url))
    outcome = ingest_bytes(
        engine=services.engine, store=services.store, queue=document_queue(connection, settings),
        settings=settings, filename="stalls.tif", data=encode(pages, "TIFF"), actor="tester",
    )  # fmt: skip
    doc_id = outcome.document_id
    assert doc_id is not None
    log = settings.home / "worker.log"
    first = start_worker(settings)
    second = None
    try:
        wait_for_status(settings, doc_id, {"processing"}, timeout=60)
        deadline = time.monotonic() + 30
        while not services.store.exists(page_image_key(doc_id, 1)) and time.monotonic() < deadline:
            time.sleep(0.02)
        horses = descendants(first.pid)  # RQ's work horse, reading the pages
        signal_tree(first.pid, signal.SIGSTOP)  # stalled mid-document, holding attempt 1
        time.sleep(settings.job_lease_seconds + 1)  # its lease lapses: nobody renews it
        second = start_worker(settings)
        final = wait_for_status(settings, doc_id, FINISHED, timeout=180)
        with session_scope(services.engine) as session:
            set_fields(session, doc_id, {"last_name": "Исправлено"}, {}, "reviewer1", "read from the scan")
        size = log.stat().st_size
        signal_tree(first.pid, signal.SIGCONT)  # attempt 1 wakes and finishes its pages
        deadline = time.monotonic() + 180
        # until its write is refused, or (were it not fenced) its job ended with the write made; the
        # worker's own processes stay, so the wait is for the document's attempt-2 state to be touched
        while time.monotonic() < deadline and b"refused" not in log.read_bytes()[size:]:
            if _attempt_1_wrote(services, doc_id) or not any(Path(f"/proc/{p}").exists() for p in horses):
                break
            time.sleep(0.5)
        woke = log.read_bytes()[size:].decode(errors="replace")
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                signal_tree(worker.pid, signal.SIGCONT)
                kill_tree(worker.pid)
    assert horses, "the first worker had no work horse to stall"
    with session_scope(services.engine) as session:
        doc = session.get_one(Document, doc_id)
        assert doc.fields["last_name"] == "Исправлено"  # the reviewer's correction stands
        assert doc.status == final and doc.attempts == 2
        edit = session.exec(
            select(Revision).where(Revision.entity_id == doc_id, Revision.actor == "reviewer1")
        ).one()
        later = session.exec(
            select(Revision).where(
                Revision.entity_id == doc_id,
                Revision.actor == WORKER,
                col(Revision.created_at) > edit.created_at,
            )
        ).all()
        assert later == [], f"the stalled worker wrote after the reviewer: {[r.field for r in later]}"
    assert "refused a stale job's write" in woke and "attempt 1 no longer owns document" in woke, woke[-3000:]
