"""The audit trail: who viewed personal data or changed anything, when, from where.

Entries are numbered 1, 2, 3... (`seq`) and chained: each entry's `hash` is the sha256 of its own fields
and of `prev_hash`, the hash of the entry before it. Editing, deleting or reordering an entry breaks the
chain, and `verify` names the first entry where it breaks. The database refuses to update or delete
entries (migration 0005); the chain is what shows tampering by someone who got past that.

Changes are logged without the caller doing anything: `storage.revisions` notes each revision here, and
the entries are appended just before the session commits, so a rolled-back change leaves no entry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, Text, case, cast, event, func, insert, or_, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from storage.locks import write_lock
from storage.models import AuditAnchor, AuditEntry
from storage.types import utcnow

GENESIS = "0" * 64  # the prev_hash of entry 1
ADVISORY_LOCK = 0x6D75726167  # pg_advisory_xact_lock key that serialises appends ("murag")
APPEND_RETRIES = 5
_ENTRY_COLUMNS = tuple(AuditEntry.__table__.columns.keys())  # type: ignore[attr-defined]
GROUP_LIMIT = 200  # requests whose entries one GroupAppender write takes at most
BATCH = 1000
_PENDING = "audit_pending_changes"
_PENDING_MESSAGES = "audit_pending_messages"
LIMITS = {"actor": 100, "client_address": 64, "action": 30, "entity": 50, "entity_id": 100, "route": 100}


@dataclass(frozen=True)
class Origin:
    """Who is acting and from where, for the duration of a web request (set by review_ui.auth)."""

    actor: str | None
    client_address: str | None
    route: str | None = None


_origin: ContextVar[Origin | None] = ContextVar("audit_origin", default=None)


def set_origin(origin: Origin | None) -> None:
    _origin.set(origin)


def current_origin() -> Origin | None:
    return _origin.get()


@contextmanager
def acting_as(origin: Origin) -> Iterator[None]:
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


# --- the chain -------------------------------------------------------------------------------------


def canonical(entry: AuditEntry) -> bytes:
    """The bytes an entry's hash covers: every field but the hash itself, in one fixed JSON form."""
    body = {
        "seq": entry.seq,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor,
        "client_address": entry.client_address,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "route": entry.route,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def _plain(details: dict[str, Any] | None) -> dict[str, Any]:
    """Details as they come back from a JSON column (ids and times as text), so the hash survives storage."""
    return dict(json.loads(json.dumps(details or {}, default=str, ensure_ascii=False)))


def _clip(name: str, value: str | None) -> str | None:
    return None if value is None else str(value)[: LIMITS[name]]


def _lock(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    else:
        write_lock(session)  # before reading the head, so two appends cannot read the same one


def head(session: OrmSession) -> tuple[int, str]:
    """The last entry's number and hash (0 and GENESIS for an empty log)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(col(AuditEntry.seq).desc()).limit(1)
    ).first()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def append(
    session: OrmSession,
    *,
    actor: str,
    action: str,
    entity: str | None = None,
    entity_id: str | None = None,
    route: str | None = None,
    client_address: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add the next entry of the chain in the session's transaction (committed with it).

    On PostgreSQL an advisory lock, held until the transaction ends, keeps two appends from taking the
    same number; on SQLite the database's write lock, taken before the head is read, does. `seq` is the
    primary key, so a race that slipped through would fail rather than fork the chain."""
    fields = {
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "route": route,
        "client_address": client_address,
        "details": details,
    }
    return append_many(session, [fields])[0]


def append_many(session: OrmSession, entries: Sequence[Mapping[str, Any]]) -> list[AuditEntry]:
    """The next len(entries) entries of the chain, under one lock, with one anchor for the last."""
    _lock(session)
    seq, prev_hash = head(session)
    made: list[AuditEntry] = []
    at = utcnow()
    for fields in entries:
        seq += 1
        entry = AuditEntry(
            seq=seq,
            at=at,
            actor=_clip("actor", fields["actor"]) or "",
            client_address=_clip("client_address", fields.get("client_address")),
            action=_clip("action", fields["action"]) or "",
            entity=_clip("entity", fields.get("entity")),
            entity_id=_clip(
                "entity_id", None if fields.get("entity_id") is None else str(fields["entity_id"])
            ),
            route=_clip("route", fields.get("route")),
            details=_plain(fields.get("details")),
            prev_hash=prev_hash,
            hash="",
        )
        entry.hash = prev_hash = entry_hash(entry)
        made.append(entry)
    if made:  # one INSERT of every row, past the unit of work (half of an append's time with it)
        session.execute(insert(AuditEntry), [{c: getattr(e, c) for c in _ENTRY_COLUMNS} for e in made])
        _write_anchor(session, made[-1])
    return made


@dataclass
class _Waiting:
    """Entries one request asked for, until a writer has committed them (or failed to)."""

    fields: list[dict[str, Any]]
    entries: list[AuditEntry] | None = None
    error: BaseException | None = None


class GroupAppender:
    """Appends of many threads of one process written together: one lock, one head read, one anchor
    and one commit (one WAL flush) for every entry waiting at the time. There is no writer thread: a
    caller that finds no write going on writes what is waiting, its own entries among them; the others
    wait for that write to end and find theirs written. Each caller returns once its entries are
    committed, so an answer that depends on its entry is never sent before the entry is durable; a
    crash loses only entries whose requests have not been answered. Between processes the database lock
    of `append_many` serialises as before."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._waiting: list[_Waiting] = []
        self._waiting_lock = threading.Lock()
        self._writing = threading.Lock()

    def record(self, fields: list[dict[str, Any]]) -> list[AuditEntry]:
        mine = _Waiting(fields)
        with self._waiting_lock:
            self._waiting.append(mine)
        while mine.entries is None and mine.error is None:
            with self._writing:
                if mine.entries is None and mine.error is None:
                    with self._waiting_lock:
                        batch, self._waiting = self._waiting[:GROUP_LIMIT], self._waiting[GROUP_LIMIT:]
                    self._write(batch)
        if mine.error is not None:
            raise mine.error
        assert mine.entries is not None
        return mine.entries

    def _write(self, batch: list[_Waiting]) -> None:
        flat = [fields for waiting in batch for fields in waiting.fields]
        for attempt in range(APPEND_RETRIES):
            try:
                with Session(self.engine, expire_on_commit=False) as session:
                    entries = append_many(session, flat)
                    session.commit()
                break
            except (IntegrityError, OperationalError) as e:
                if attempt == APPEND_RETRIES - 1:
                    for waiting in batch:
                        waiting.error = e
                    return
            except BaseException as e:
                for waiting in batch:
                    waiting.error = e
                raise
        at = 0
        for waiting in batch:
            waiting.entries = entries[at : at + len(waiting.fields)]
            at += len(waiting.fields)


_APPENDERS: weakref.WeakKeyDictionary[Engine, GroupAppender] = weakref.WeakKeyDictionary()
_APPENDERS_LOCK = threading.Lock()


def _appender(engine: Engine) -> GroupAppender:
    with _APPENDERS_LOCK:
        found = _APPENDERS.get(engine)
        if found is None:
            found = _APPENDERS[engine] = GroupAppender(engine)
        return found


def record(engine: Engine, **fields: Any) -> AuditEntry:
    """Append one entry in a transaction of its own (a view, a sign-in), written together with the
    entries other threads are appending at the time (GroupAppender); returns once it is committed."""
    return _appender(engine).record([fields])[0]


def record_many(engine: Engine, entries: list[dict[str, Any]]) -> list[AuditEntry]:
    """Several entries of one request, consecutive in the chain, committed before this returns."""
    return _appender(engine).record(entries) if entries else []


def record_for_origin(engine: Engine, action: str, **fields: Any) -> AuditEntry:
    """An entry whose actor, client address and route are those of the current request."""
    origin = current_origin() or Origin(actor=None, client_address=None)
    fields.setdefault("actor", origin.actor or "anonymous")
    fields.setdefault("client_address", origin.client_address)
    fields.setdefault("route", origin.route)
    return record(engine, action=action, **fields)


# --- the anchor: the signed end of the chain --------------------------------------------------------
# The chain shows an entry edited, removed or reordered, but not entries cut off the end: what is left
# is a whole chain. The anchor, rewritten with every entry in the same transaction, holds the last
# entry's number and hash signed with a key kept outside the database (MURAGAT_AUDIT_KEY, or
# MURAGAT_HOME/audit.key); an anchor pointing past the end shows the cut, and one cannot be forged for an
# earlier end without the key. An anchor copied elsewhere (`muragat audit anchor`) also shows an old
# anchor put back with the cut.

_ANCHOR_KEYS: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()


def use_anchor_key(engine: Engine, key: bytes) -> None:
    """Sign the anchor of the log in this database with `key` from now on (muragat.services)."""
    _ANCHOR_KEYS[engine] = key


def anchored(engine: Engine) -> bool:
    """Whether the log in this database has a signed anchor."""
    with Session(engine) as session:
        return session.get(AuditAnchor, 1) is not None


def _engine_key(session: OrmSession) -> bytes | None:
    bind = session.get_bind()
    return _ANCHOR_KEYS.get(getattr(bind, "engine", bind))  # type: ignore[arg-type]


def anchor_mac(key: bytes, seq: int, entry_hash_: str) -> str:
    return hmac.new(key, f"muragat-audit-anchor:{seq}:{entry_hash_}".encode(), hashlib.sha256).hexdigest()


def _write_anchor(session: OrmSession, entry: AuditEntry) -> None:
    key = _engine_key(session)
    if key is not None:
        sign_anchor(session, key, entry.seq, entry.hash)


def sign_anchor(session: OrmSession, key: bytes, seq: int, entry_hash_: str) -> AuditAnchor:
    """Set the anchor to entry `seq` with hash `entry_hash_` (the caller holds the append lock)."""
    values: dict[str, Any] = {"seq": seq, "hash": entry_hash_, "mac": anchor_mac(key, seq, entry_hash_)}
    moved = session.execute(update(AuditAnchor).where(col(AuditAnchor.id) == 1).values(**values))
    if not getattr(moved, "rowcount", 0):
        session.execute(insert(AuditAnchor).values(id=1, **values))
    return AuditAnchor(id=1, **values)


def anchor_now(session: OrmSession, key: bytes) -> AuditAnchor | None:
    """Sign the anchor at the log's present end (a log written before it had an anchor); None when empty."""
    _lock(session)
    seq, last = head(session)
    return sign_anchor(session, key, seq, last) if seq else None


def anchor_line(anchor: AuditAnchor) -> str:
    """The anchor as one line to keep elsewhere: `muragat audit verify --anchor LINE` checks it."""
    return f"{anchor.seq}:{anchor.hash}"


def parse_anchor_line(text: str) -> tuple[int, str]:
    seq, _, hash_ = text.strip().partition(":")
    if not seq.isdigit() or len(hash_) != 64 or any(c not in "0123456789abcdef" for c in hash_):
        raise InvalidInput(Message(Code.AUDIT_ANCHOR_LINE, value=text.strip()[:80]))
    return int(seq), hash_


def _anchor_problem(session: Session, key: bytes, head_seq: int) -> Message | None:
    """What is wrong with the stored anchor itself: missing from a log with entries, or not signed with
    `key`; where it points is checked against the chain by `verify`."""
    anchor = session.get(AuditAnchor, 1)
    if anchor is None:
        return Message(Code.AUDIT_NOT_ANCHORED, seq=head_seq) if head_seq else None
    if not hmac.compare_digest(anchor.mac, anchor_mac(key, anchor.seq, anchor.hash)):
        return Message(Code.AUDIT_ANCHOR_FORGED, seq=anchor.seq)
    return None


# --- changes, from the revision hook ----------------------------------------------------------------


def note_change(
    session: OrmSession,
    entity: str,
    entity_id: object,
    field: str,
    author: str,
    reason: str,
    reason_message: dict[str, Any] | None = None,
) -> None:
    """Remember a revision; one "change" entry per changed row is appended when the session commits,
    with the reason in English (for searching) and as its message (shown in the reader's language)."""
    pending: dict[tuple[str, str, str, str], list[str]] = session.info.setdefault(_PENDING, {})
    if reason_message is not None:
        session.info.setdefault(_PENDING_MESSAGES, {})[reason] = reason_message
    fields = pending.setdefault((entity, str(entity_id), author, reason), [])
    if field not in fields:
        fields.append(field)


@event.listens_for(OrmSession, "before_commit")
def _append_change_entries(session: OrmSession) -> None:
    if not session.info.get(_PENDING):
        return
    session.flush()  # revisions still waiting in the session note their changes now
    pending = session.info.pop(_PENDING, {})
    messages = session.info.pop(_PENDING_MESSAGES, {})
    origin = current_origin()
    entries: list[dict[str, Any]] = []
    for (entity, entity_id, author, reason), fields in pending.items():
        details: dict[str, Any] = {"fields": fields, "reason": reason[:300]}
        if reason in messages:
            details["reason_message"] = messages[reason]
        if origin is not None and origin.actor and origin.actor != author:
            details["author"] = author  # the name the code wrote the revision under, e.g. "api"
        entries.append(
            {
                "actor": origin.actor if origin is not None and origin.actor else author,
                "action": "change",
                "entity": entity,
                "entity_id": entity_id,
                "route": origin.route if origin else None,
                "client_address": origin.client_address if origin else None,
                "details": details,
            }
        )
    if entries:
        append_many(session, entries)


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_changes(session: OrmSession, previous_transaction: Any) -> None:
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
        session.info.pop(_PENDING_MESSAGES, None)


# --- checking the chain -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    problem: Message | None = None
    head_seq: int = 0
    head_hash: str = GENESIS
    anchored: int | None = None  # the signed anchor's entry, found intact in the chain

    def explained(self) -> Message:
        if self.ok and self.checked:
            if self.anchored:
                return Message(Code.AUDIT_INTACT_ANCHORED, count=self.checked, anchor=self.anchored,
                               seq=self.head_seq, hash=self.head_hash)  # fmt: skip
            return Message(
                Code.AUDIT_INTACT_UP_TO, count=self.checked, seq=self.head_seq, hash=self.head_hash
            )
        if self.ok:
            return Message(Code.AUDIT_INTACT, count=self.checked)
        return Message(Code.AUDIT_BROKEN, seq=self.first_broken_seq, problem=self.problem)

    def message(self) -> str:
        return str(self.explained())


def verify(
    session: Session,
    progress: Callable[[int], None] | None = None,
    key: bytes | None = None,
    kept: tuple[int, str] | None = None,
) -> VerifyResult:
    """Walk the chain from entry 1 and name the first entry that breaks it; `progress` is told how many
    entries were checked, every BATCH entries. With the anchor `key`, the end of the chain must also be
    the signed anchor's (nothing cut off the end); `kept` is an anchor copied elsewhere earlier
    (`anchor_line`), whose entry must still be in the chain with the same hash."""
    prev_seq, prev_hash, checked = 0, GENESIS, 0
    anchor = session.get(AuditAnchor, 1) if key is not None else None
    wanted = {n for n in (anchor.seq if anchor else None, kept[0] if kept else None) if n}
    seen: dict[int, str] = {}

    def broken(seq: int, problem: Message) -> VerifyResult:
        return VerifyResult(False, checked, seq, problem, prev_seq, prev_hash)

    entries = session.exec(
        select(AuditEntry).order_by(col(AuditEntry.seq)).execution_options(yield_per=BATCH)
    )
    for entry in entries:
        if entry.seq != prev_seq + 1:
            before = Message(Code.AUDIT_ENTRY, seq=prev_seq) if prev_seq else Message(Code.AUDIT_LOG_START)
            return broken(prev_seq + 1, Message(Code.AUDIT_MISSING, seq=entry.seq, before=before))
        if entry.hash != entry_hash(entry):
            return broken(entry.seq, Message(Code.AUDIT_EDITED))
        if entry.prev_hash != prev_hash:
            if not prev_seq:
                return broken(entry.seq, Message(Code.AUDIT_EDITED_FIRST))
            # the entry before matches its own hash, yet this one does not chain to it: the one before
            # was rewritten together with its hash
            return broken(prev_seq, Message(Code.AUDIT_REHASHED, next=entry.seq))
        if entry.seq in wanted:
            seen[entry.seq] = entry.hash
        prev_seq, prev_hash, checked = entry.seq, entry.hash, checked + 1
        if progress is not None and checked % BATCH == 0:
            progress(checked)
    ends: list[tuple[int, str]] = []  # the (number, hash) pairs the end of the chain must still hold
    if key is not None:
        if (problem := _anchor_problem(session, key, prev_seq)) is not None:
            return broken(prev_seq, problem)
        if anchor is not None:
            ends.append((anchor.seq, anchor.hash))
    if kept is not None:
        ends.append(kept)
    for seq, hash_ in ends:
        if seq > prev_seq:  # the anchor points past the end: entries were cut off
            cut = Message(Code.AUDIT_TAIL_CUT, anchor=seq, seq=prev_seq, missing=seq - prev_seq)
            return broken(prev_seq + 1, cut)
        if seen.get(seq) != hash_:
            return broken(seq, Message(Code.AUDIT_ANCHOR_DIFFERS, seq=seq))
    return VerifyResult(
        True, checked, head_seq=prev_seq, head_hash=prev_hash, anchored=anchor.seq if anchor else None
    )


# --- searching --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchPage:
    total: int
    entries: list[AuditEntry]


def _details_text(session: Session) -> Any:
    """The details as lower-case text with the letters JSON escapes spelled out. On PostgreSQL through
    jsonb, except for an entry holding a NUL (\\u0000, which jsonb refuses: one such entry would fail
    every search); on SQLite through the function storage.db registers, which reads a JSON that does
    not parse (a raw NUL an old version stored) as the text it is."""
    if session.get_bind().dialect.name == "postgresql":
        as_text = cast(AuditEntry.details, Text)
        readable = case(
            (as_text.like("%\\u0000%", escape="|"), as_text),
            else_=cast(cast(AuditEntry.details, JSONB), Text),
        )
        return func.lower(readable)
    return func.json_text_lower(cast(AuditEntry.details, String))


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(session: Session, term: str) -> Any:
    """`term` anywhere in actor, ids, route, address or details, ignoring case; LIKE's wildcards in it
    are its own letters. In the details it is looked for as JSON writes it (a backslash doubled, a control
    character as \\u001b), so it meets the stored text and not the escapes around it."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    lower = func.unicode_lower if sqlite else func.lower  # SQLite's own lower() knows ASCII only
    pattern = _like(term.lower())
    in_json = _like(json.dumps(term.lower(), ensure_ascii=False)[1:-1])
    columns = (AuditEntry.actor, AuditEntry.entity_id, AuditEntry.route, AuditEntry.client_address)
    return or_(
        *(lower(col(column)).like(pattern, escape="\\") for column in columns),
        _details_text(session).like(in_json, escape="\\"),
    )


def search(
    session: Session,
    *,
    actor: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> SearchPage:
    """Entries newest first, filtered; `text` is looked for in actor, ids, route, address and details."""
    conditions: list[Any] = []
    if actor:
        conditions.append(AuditEntry.actor == actor)
    if action:
        conditions.append(AuditEntry.action == action)
    if entity:
        conditions.append(AuditEntry.entity == entity)
    if entity_id:
        conditions.append(AuditEntry.entity_id == entity_id)
    if since:
        conditions.append(col(AuditEntry.at) >= since)
    if until:
        conditions.append(col(AuditEntry.at) < until)
    term = (text or "").replace("\x00", "").strip()  # PostgreSQL takes no NUL, and no entry holds one there
    if term:
        conditions.append(_text_condition(session, term))
    total = session.exec(select(func.count()).select_from(AuditEntry).where(*conditions)).one()
    entries = session.exec(
        select(AuditEntry).where(*conditions).order_by(col(AuditEntry.seq).desc()).offset(offset).limit(limit)
    ).all()
    return SearchPage(int(total), list(entries))


def latest(session: Session, *, action: str, entity: str, entity_id: str) -> AuditEntry | None:
    return session.exec(
        select(AuditEntry)
        .where(AuditEntry.action == action, AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(col(AuditEntry.seq).desc())
        .limit(1)
    ).first()


def count(session: Session, *, action: str, entity: str, entity_id: str, after_seq: int = 0) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.action == action,
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                col(AuditEntry.seq) > after_seq,
            )
        ).one()
    )


def parse_moment(value: str | None, name: str) -> datetime | None:
    """A search bound given as ISO 8601 text (a date or a date and time; UTC where no zone is given)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Message(Code.AUDIT_NOT_A_MOMENT, name=name, value=value)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
