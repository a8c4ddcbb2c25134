"""A worker killed with SIGKILL in the middle of a document: a new worker finishes it, once."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import func
from sqlmodel import col, select

from ingest.service import ingest_bytes
from muragat.queue import document_queue
from muragat.services import open_services
from muragat.settings import Settings
from storage.db import session_scope
from storage.keys import page_image_key
from storage.models import Document, DocumentStatus, OcrWord, Page, Revision
from tests.muragat.test_end_to_end import env_for
from tests.pages import DIPLOMA_LINES, encode, render_page

pytestmark = pytest.mark.slow
PAGES = 8


def start_worker(settings: Settings) -> subprocess.Popen[bytes]:
    settings.home.mkdir(parents=True, exist_ok=True)
    log = (settings.home / "worker.log").open("ab")  # a file, not a pipe nobody reads: a full pipe blocks
    return subprocess.Popen(
        [sys.executable, "-m", "muragat", "worker", "--count", "1"],
        env=env_for(settings),
        cwd=settings.home.parent,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, found through /proc (RQ's work horse runs in a session of its own)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL a worker with all its processes at once, as a crashed machine would."""
    for victim in [pid, *descendants(pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)


def wait_for_status(settings: Settings, doc_id: object, wanted: set[str], timeout: float) -> str:
    services = open_services(settings)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(services.engine) as session:
            status = session.get_one(Document, doc_id).status
        if status in wanted:
            return status
        time.sleep(0.2)
    raise AssertionError(f"document still {status} after {timeout} s")


def test_sigkilled_worker_mid_document(settings: Settings, tmp_path: Path) -> None:
    services = open_services(settings)
    pages = [render_page(DIPLOMA_LINES * 3 + [f"бет {n}"]) for n in range(1, PAGES + 1)]
    data = encode(pages, "TIFF")
    connection = redis.Redis.from_url(str(settings.redis_url))
    outcome = ingest_bytes(
        engine=services.engine,
        store=services.store,
        queue=document_queue(connection, settings),
        settings=settings,
        filename="many_pages.tif",
        data=data,
        actor="tester",
    )
    assert outcome.result == "created"

    first = start_worker(settings)
    try:
        wait_for_status(settings, outcome.document_id, {"processing"}, timeout=60)
        first_page = page_image_key(outcome.document_id, 1)  # type: ignore[arg-type]
        deadline = time.monotonic() + 30
        while not services.store.exists(first_page) and time.monotonic() < deadline:
            time.sleep(0.02)  # into the document: its first page is read, the rest are not
        kill_tree(first.pid)
        first.wait(10)
    finally:
        if first.poll() is None:
            kill_tree(first.pid)
    with session_scope(services.engine) as session:
        assert session.get_one(Document, outcome.document_id).status == DocumentStatus.processing

    second = start_worker(settings)
    try:
        final = wait_for_status(
            settings, outcome.document_id, {"processed", "needs_review", "failed"}, timeout=120
        )
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(30)
    assert final == "needs_review"  # a diploma whose graduate is not in the (empty) registry

    with session_scope(services.engine) as session:
        doc = session.get_one(Document, outcome.document_id)
        assert doc.attempts == 2 and doc.page_count == PAGES
        numbers = session.exec(
            select(Page.number).where(Page.document_id == doc.id).order_by(col(Page.number))
        )
        assert list(numbers) == list(range(1, PAGES + 1))
        for page in session.exec(select(Page).where(Page.document_id == doc.id)):
            words = session.exec(select(func.count()).where(OcrWord.page_id == page.id)).one()
            assert words == len(page.text.split()), f"page {page.number}: words stored twice or partly"
            assert page.text.count("0421208") == 3, f"page {page.number} read wrongly: {page.text!r}"
        revisions = session.exec(select(Revision).where(Revision.entity_id == doc.id)).all()
        stopped = [r.reason for r in revisions if r.field == "status" and "worker stopped while" in r.reason]
        assert len(stopped) == 1 and stopped[0].endswith("(attempt 1 of 3); queued again"), stopped
        assert sorted(r.new_value for r in revisions if r.field == "attempts") == [1, 2]
        assert len(session.exec(select(Document)).all()) == 1
    assert services.store.exists(doc.original_key)
