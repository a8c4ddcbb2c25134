"""Row locks that hold on SQLite as on PostgreSQL.

PostgreSQL locks the rows a `SELECT ... FOR UPDATE` reads until the transaction ends. SQLite ignores
FOR UPDATE, and its driver runs reads outside any transaction until the first write: two reviewers
could read a document, each change another field, and the second write would put back the field the
first changed. SQLite has one write lock for the whole database, so the equivalent of a row lock is to
take that lock before reading. Every locking read (`with_for_update`, `session.get(...,
with_for_update=True)`) does that here: on SQLite a write that changes nothing first takes the lock
(waiting `busy_timeout` for it), and the read then sees the latest commit. Locked reads also refresh
objects the session already holds, on both databases, so nothing decides on a value read before the lock.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def write_lock(session: Session) -> None:
    """On SQLite, take the database's write lock for the rest of the transaction (no-op elsewhere).
    The statement matches no row, so no trigger fires and nothing changes."""
    if is_sqlite(session):
        session.execute(text("UPDATE audit_entry SET seq = seq WHERE 0"))


@event.listens_for(Session, "do_orm_execute")
def _lock_before_locking_reads(state: ORMExecuteState) -> None:
    if not state.is_select or getattr(state.statement, "_for_update_arg", None) is None:
        return
    state.update_execution_options(populate_existing=True)
    if is_sqlite(state.session):
        write_lock(state.session)
