"""Helpers of the concurrency tests: both databases, and calls released at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from storage.db import make_engine, migrate


@pytest.fixture(params=["postgresql", "sqlite"])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """The run's PostgreSQL database, or a migrated SQLite file of the test's own."""
    if request.param == "postgresql":
        yield request.getfixturevalue("engine")
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'muragat.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def at_once(*calls: Callable[[], Any]) -> list[BaseException]:
    """Run the calls in threads released together; the errors they raised."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            call()
        except BaseException as e:  # noqa: BLE001  (reported to the test)
            errors.append(e)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors
