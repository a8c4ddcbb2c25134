"""A process forked from one that holds pooled PostgreSQL connections (a worker started by a command)
starts a pool of its own and leaves the parent's sessions alone."""

from __future__ import annotations

import gc
import multiprocessing

from sqlalchemy import text
from sqlalchemy.engine import Engine


def _child(engine: Engine, pids: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    with engine.connect() as conn:
        pids.put(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    gc.collect()  # what the child inherited would be closed here, if anything closed it


def test_a_forked_child_uses_its_own_connections(engine: Engine) -> None:
    with engine.connect() as conn:
        parent_pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    # the connection is back in the pool: a child given the same pool would take it
    context = multiprocessing.get_context("fork")
    pids: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    child = context.Process(target=_child, args=(engine, pids))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert pids.get(timeout=5) != parent_pid
    with engine.connect() as conn:  # the parent's session survived the child and its exit
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == parent_pid
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
