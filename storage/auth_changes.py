"""Telling every process that accounts or API tokens changed, so that what a process remembers of them
(review_ui.token_cache) is forgotten at once: a revoked token, a locked or disabled account, a changed
role or institution.

A commit that changed an `ApiToken` or a `User` (other than a token's last use) bumps a generation:
in this process at once; in the others through PostgreSQL's NOTIFY, sent in the same transaction (so
only on commit), which a listening thread of each process receives; on SQLite, whose processes share
one machine, by new content in a file beside the database, which each check reads. A process that
cannot tell (its listener lost its connection) reports no generation, and nothing may be remembered
until it can again.
"""

from __future__ import annotations

import contextlib
import select
import threading
import time
import uuid
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from storage.models import ApiToken, User

CHANNEL = "muragat_auth"
_CHANGED = "auth_changed"
_UNTRACKED = {ApiToken: {"last_used_at"}, User: set()}  # a token's use is not a change of it
RECONNECT_SECONDS = 1.0

_local_generation = 0
_local_lock = threading.Lock()


def _changes_auth(obj: Any) -> bool:
    for kind, untracked in _UNTRACKED.items():
        if isinstance(obj, kind):
            state = inspect(obj)
            changed = {a.key for a in state.attrs if a.history.has_changes()}
            return bool(changed - untracked) or state.deleted
    return False


@event.listens_for(Session, "before_flush")
def _note(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_CHANGED):
        return
    if any(isinstance(o, ApiToken | User) for o in (*session.new, *session.deleted)) or any(
        _changes_auth(o) for o in session.dirty
    ):
        session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _notify(session: Session) -> None:
    if session.info.get(_CHANGED) or any(_changes_auth(o) for o in session.dirty):
        session.info[_CHANGED] = True
        bind = session.get_bind()
        if bind.dialect.name == "postgresql":
            session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if not session.info.pop(_CHANGED, False):
        return
    global _local_generation
    with _local_lock:
        _local_generation += 1
    marker = _marker(session.get_bind().engine)
    if marker is not None:
        # new content, put in place whole: a file's time can stay the same across two quick changes
        draft = marker.with_name(f".{marker.name}.{uuid.uuid4().hex}")
        with contextlib.suppress(OSError):
            draft.write_text(uuid.uuid4().hex)
            draft.replace(marker)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:
        session.info.pop(_CHANGED, None)


def _marker(engine: Engine) -> Path | None:
    """The file whose content tells SQLite processes of a change (None for PostgreSQL or in-memory)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).with_name(Path(database).name + ".auth-changed")


class Watcher:
    """The generation of account and token changes one process knows of; None while it cannot know.
    On PostgreSQL a thread listens on a connection of its own; it ends soon after the watcher is
    dropped or closed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._marker = _marker(engine)
        self.heard = 0
        self.listening = False
        self.stopped = threading.Event()
        if engine.dialect.name == "postgresql":
            threading.Thread(
                target=_listen, args=(weakref.ref(self), engine), name="muragat-auth-listener", daemon=True
            ).start()
            deadline = time.monotonic() + 2
            while not self.listening and time.monotonic() < deadline:
                time.sleep(0.01)

    def generation(self) -> tuple[int, ...] | None:
        if self.engine.dialect.name == "postgresql":
            return (_local_generation, self.heard) if self.listening else None
        if self._marker is None:
            return (_local_generation,)
        try:
            return (_local_generation, hash(self._marker.read_bytes()))
        except FileNotFoundError:
            return (_local_generation, 0)
        except OSError:
            return None

    def close(self) -> None:
        self.stopped.set()


def _alive(ref: weakref.ref[Watcher]) -> Watcher | None:
    found = ref()
    return None if found is None or found.stopped.is_set() else found


def _listen(ref: weakref.ref[Watcher], engine: Engine) -> None:
    """LISTEN on a connection of its own; count what is heard; after a lost connection, reconnect and
    count one more (whatever happened meanwhile)."""
    while _alive(ref) is not None:
        try:
            cargs, cparams = engine.dialect.create_connect_args(engine.url)
            dbapi: Any = engine.dialect.connect(*cargs, **cparams)
        except Exception:
            time.sleep(RECONNECT_SECONDS)
            continue
        try:
            dbapi.autocommit = True
            with dbapi.cursor() as cursor:
                cursor.execute(f"LISTEN {CHANNEL}")
            while (watcher_ := _alive(ref)) is not None:
                if not watcher_.listening:
                    watcher_.heard += 1
                    watcher_.listening = True
                del watcher_
                if select.select([dbapi], [], [], RECONNECT_SECONDS) != ([], [], []):
                    dbapi.poll()
                    if dbapi.notifies and (watcher_ := _alive(ref)) is not None:
                        dbapi.notifies.clear()
                        watcher_.heard += 1
                        del watcher_
        except Exception:
            pass
        finally:
            if (watcher_ := ref()) is not None:
                watcher_.listening = False
                del watcher_
            with contextlib.suppress(Exception):
                dbapi.close()
        time.sleep(RECONNECT_SECONDS)
