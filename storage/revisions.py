"""Append-only history: every change to a tracked row becomes a Revision, written in the same flush.

A session must name who changes things and why (`changes_by`) before it flushes a change to a tracked
table; a flush without that raises, so no stored value changes without a revision.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session
from sqlmodel import col

from muragat.errors import MissingRevisionContext
from muragat.messages import Message
from storage import audit
from storage.models import (
    ApiToken,
    AuditEntry,
    Collection,
    Document,
    Graduate,
    LineCorrection,
    Match,
    Revision,
    User,
)
from storage.types import utcnow

TRACKED: dict[type, str] = {
    Collection: "collection",
    Document: "document",
    Graduate: "graduate",
    Match: "match",
    User: "user",
    ApiToken: "api_token",
    LineCorrection: "line_correction",
}
# search_text: derived; status_reason: status_message in English, whose revision says the same
UNTRACKED_FIELDS = {"id", "created_at", "updated_at", "search_text", "status_reason"}
# sign-in counters and token use change on every request: the audit log has those events, not revisions
UNTRACKED_FIELDS |= {"failed_logins", "locked_until", "last_used_at"}
# a counter of the attempt cap: the status revision that a stopped worker causes says why
UNTRACKED_FIELDS |= {"crashes"}
# the folded institution name, kept in step with `institution` (storage.institutions)
UNTRACKED_FIELDS |= {"institution_key"}
# where a corrected line lies on its page: moved after a re-OCR; the correction's text has the history
UNTRACKED_FIELDS |= {"block", "line", "left", "top", "width", "height"}
SECRET_FIELDS = {"password_hash", "token_hash"}  # a revision says that they changed, never what to
DICT_FIELDS = {"fields"}  # compared key by key, so a revision names the one field that changed

SYSTEM_ACTOR_PREFIX = "system:"  # the worker, the recovery sweep, a migration: never a person

_ACTOR = "revision_actor"
_REASON = "revision_reason"


@contextmanager
def changes_by(session: Session, actor: str, reason: str | Message) -> Iterator[Session]:
    """Name the author and the reason of the changes made inside the block (flushed as it ends): a
    person's own words as a string, the system's reason as a message."""
    previous = session.info.get(_ACTOR), session.info.get(_REASON)
    session.info[_ACTOR], session.info[_REASON] = actor, reason
    try:
        yield session
        session.flush()
    finally:
        session.info[_ACTOR], session.info[_REASON] = previous


def jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.key: jsonable(attr.value)
        for attr in state.attrs
        if attr.key not in UNTRACKED_FIELDS and attr.key not in SECRET_FIELDS
    }


def _changes(obj: Any) -> Iterator[tuple[str, Any, Any]]:
    for attr in inspect(obj).attrs:
        if attr.key in UNTRACKED_FIELDS:
            continue
        hist = attr.load_history()
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if attr.key in SECRET_FIELDS:
            yield attr.key, "***" if old else None, "***" if new else None
        elif attr.key in DICT_FIELDS and isinstance(old, dict | None) and isinstance(new, dict | None):
            old, new = old or {}, new or {}
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    yield f"{attr.key}.{key}", jsonable(old.get(key)), jsonable(new.get(key))
        elif jsonable(old) != jsonable(new):
            yield attr.key, jsonable(old), jsonable(new)


def _author(session: Session, obj: Any) -> tuple[str, str | Message]:
    actor, reason = session.info.get(_ACTOR), session.info.get(_REASON)
    if not actor or not reason:
        raise MissingRevisionContext(
            f"{type(obj).__name__} {getattr(obj, 'id', '')} changed without an author and reason; "
            "wrap the change in storage.revisions.changes_by()"
        )
    return actor, reason


def _record(session: Session, entity: str, entity_id: Any, field: str, old: Any, new: Any) -> None:
    actor, reason = session.info[_ACTOR], session.info[_REASON]
    text = str(reason)[:1000]
    session.add(
        Revision(
            entity=entity,
            entity_id=entity_id,
            field=field,
            old_value=old,
            new_value=new,
            actor=actor,
            reason=text,
            reason_message=reason.to_json() if isinstance(reason, Message) else None,
        )
    )
    audit.note_change(
        session,
        entity,
        entity_id,
        field,
        actor,
        text,
        reason.to_json() if isinstance(reason, Message) else None,
    )


@event.listens_for(Session, "before_flush")
def _write_revisions(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Revision):
            raise MissingRevisionContext("revisions are append-only: an existing revision cannot change")
        if isinstance(obj, AuditEntry):
            raise MissingRevisionContext("the audit log is append-only: an entry cannot change")
    for obj in list(session.new):
        entity = TRACKED.get(type(obj))
        if entity is None:
            continue
        _author(session, obj)
        if obj.id is None:
            obj.id = uuid.uuid4()
        _record(session, entity, obj.id, "created", None, _snapshot(obj))
    for obj in list(session.dirty):
        entity = TRACKED.get(type(obj))
        if entity is None or not session.is_modified(obj, include_collections=False):
            continue
        changes = list(_changes(obj))
        if not changes:
            continue
        _author(session, obj)
        for field, old, new in changes:
            _record(session, entity, obj.id, field, old, new)
        if hasattr(obj, "updated_at"):
            obj.updated_at = utcnow()
    for obj in list(session.deleted):
        entity = TRACKED.get(type(obj))
        if entity is None:
            continue
        _author(session, obj)
        _record(session, entity, obj.id, "deleted", _snapshot(obj), None)


def set_by_people(session: Session, entity_id: uuid.UUID, prefix: str = "fields.") -> dict[str, str]:
    """The fields (named without `prefix`) whose latest change a person made, with who: what a machine
    must not change again (human work wins over a retry, a re-OCR or a reconcile)."""
    rows = session.execute(
        select(col(Revision.field), col(Revision.actor))
        .where(col(Revision.entity_id) == entity_id, col(Revision.field).startswith(prefix))
        .order_by(col(Revision.created_at))
    ).all()
    latest = {field.removeprefix(prefix): actor for field, actor in rows}
    return {name: actor for name, actor in latest.items() if not actor.startswith(SYSTEM_ACTOR_PREFIX)}
