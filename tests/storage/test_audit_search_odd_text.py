"""The audit search never fails on what the log holds or on what it is asked, on PostgreSQL and SQLite:
details with control characters, a NUL, very long text, and terms with LIKE's wildcards and escape."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from storage import audit
from storage.db import session_scope

ODD_DETAILS = [
    {"note": "before\x00after"},  # a NUL: stored as the JSON escape \u0000
    {"note": "red \x1b[31malarm\x1b[0m \x07 bell \x7f del"},
    {"note": "long " + "ж" * 100_000},
    {"note": "100% sure, snake_case and C:\\archive\\1990"},
    {"note": "plain entry"},
]


def _fill(engine: Engine) -> None:
    for n, details in enumerate(ODD_DETAILS):
        with session_scope(engine) as session:
            audit.append(session, actor=f"user{n}", action="view", entity="document", details=details)


def _count(engine: Engine, term: str) -> int:
    with session_scope(engine) as session:
        found = audit.search(session, text=term, limit=50)
        assert len(found.entries) == min(found.total, 50)
        return found.total


def test_odd_stored_text_and_odd_terms_are_searched_as_text(any_engine: Engine) -> None:
    _fill(any_engine)
    assert _count(any_engine, "plain") == 1
    assert _count(any_engine, "%") == 1  # a literal percent sign, not "anything"
    assert _count(any_engine, "_") == 1
    assert _count(any_engine, "snake_case") == 1
    assert _count(any_engine, "s_ake") == 0
    assert _count(any_engine, "\\") == 1
    assert _count(any_engine, "жжжж") == 1
    assert _count(any_engine, "alarm") == 1
    assert _count(any_engine, "after") == 1
    assert _count(any_engine, "x" * 10_000) == 0
    assert _count(any_engine, "\x1b") in (0, 1)  # stored as a JSON escape or as it is: either, no error
    assert _count(any_engine, "'; DROP TABLE audit_entry; --") == 0
    with session_scope(any_engine) as session:
        assert audit.search(session).total == len(ODD_DETAILS)


def test_a_nul_an_old_version_stored_on_sqlite_does_not_break_the_search(any_engine: Engine) -> None:
    _fill(any_engine)
    sqlite = any_engine.dialect.name == "sqlite"
    if sqlite:  # SQLite takes a NUL in text, as versions before the checks did
        with session_scope(any_engine) as session:
            audit.append(session, actor="old\x00actor", action="view", details={"q": "Қалиева\x00"})
    assert _count(any_engine, "plain") == 1
    assert _count(any_engine, "ҚАЛИЕВА") == (1 if sqlite else 0)  # Kazakh letters fold on SQLite too
    assert _count(any_engine, "old\x00ACTOR") == (1 if sqlite else 0)  # NULs are left out on both sides
    assert _count(any_engine, "ACTOR") == (1 if sqlite else 0)
    assert _count(any_engine, "plain\x00") == 1
    with session_scope(any_engine) as session:
        assert audit.search(session).total == len(ODD_DETAILS) + (1 if sqlite else 0)
