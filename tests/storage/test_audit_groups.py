"""Appends of many threads written together (storage.audit.GroupAppender): on both databases, from two
appenders at once (as two API processes would), the chain stays whole and numbered without a gap, and a
write that fails is reported to every caller whose entry it held, with nothing half-written."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from storage import audit
from storage.db import make_engine, migrate, session_scope
from storage.models import AuditEntry
from tests.concurrency import at_once

THREADS = 24
EACH = 8


def _entries(engine: Engine) -> list[AuditEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))


def test_concurrent_appends_from_two_processes_keep_one_whole_chain(any_engine: Engine) -> None:
    # a second engine on the same database has a GroupAppender of its own: another API process
    other = make_engine(any_engine.url.render_as_string(hide_password=False))
    returned: list[int] = []
    lock = threading.Lock()

    def appends(engine: Engine, who: int) -> None:
        for n in range(EACH):
            entry = audit.record(engine, actor=f"client-{who}", action="view", details={"n": n})
            with lock:
                returned.append(entry.seq)

    errors = at_once(*(lambda w=w: appends(any_engine if w % 2 else other, w) for w in range(THREADS)))
    other.dispose()
    assert errors == []
    entries = _entries(any_engine)
    assert [e.seq for e in entries] == list(range(1, THREADS * EACH + 1))
    assert sorted(returned) == [e.seq for e in entries]  # each caller was told its own entry
    with session_scope(any_engine) as session:
        assert audit.verify(session).ok
    # one client's entries in its own order
    for who in range(THREADS):
        assert [e.details["n"] for e in entries if e.actor == f"client-{who}"] == list(range(EACH))
    # written together: entries of one write share its time
    assert max(Counter(e.at for e in entries).values()) > 1


def test_a_request_with_several_entries_gets_them_consecutive(any_engine: Engine) -> None:
    audit.record(any_engine, actor="a", action="view")
    first, second = audit.record_many(
        any_engine, [{"actor": "v", "action": "verification.lookup"}, {"actor": "v", "action": "iin.shown"}]
    )
    assert (first.seq, second.seq) == (2, 3) and second.prev_hash == first.hash
    assert audit.record_many(any_engine, []) == []


def test_a_failed_write_fails_every_caller_and_leaves_nothing(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'refusing.db'}")
    migrate(engine)
    with engine.begin() as conn:  # a database that refuses every new entry
        conn.execute(
            text(
                "CREATE TRIGGER refuse_entries BEFORE INSERT ON audit_entry "
                "BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END"
            )
        )
    errors = at_once(*(lambda: audit.record(engine, actor="x", action="view") for _ in range(6)))
    assert len(errors) == 6
    assert all(isinstance(e, DBAPIError) and "disk quota exceeded" in str(e) for e in errors)
    assert _entries(engine) == []
    engine.dispose()


@pytest.mark.parametrize("count", [1, audit.GROUP_LIMIT + 5])
def test_more_waiting_than_one_write_takes_are_all_written(any_engine: Engine, count: int) -> None:
    appender = audit.GroupAppender(any_engine)
    errors = at_once(*(lambda: appender.record([{"actor": "x", "action": "view"}]) for _ in range(count)))
    assert errors == []
    assert len(_entries(any_engine)) == count
