"""The audit log: a hash chain that `verify` walks, naming the first edited, missing or reordered entry;
append-only in the database; a "change" entry for every committed change, none for a rolled-back one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from muragat.errors import InvalidInput
from storage import audit
from storage.db import make_engine, migrate, session_scope
from storage.models import AuditAnchor, AuditEntry, Document
from storage.revisions import changes_by


def _fill(engine: Engine, count: int = 5) -> list[AuditEntry]:
    entries = []
    for n in range(count):
        with session_scope(engine) as session:
            entries.append(
                audit.append(
                    session,
                    actor=f"user{n}",
                    action="view",
                    entity="document",
                    entity_id=f"doc-{n}",
                    route="get_document",
                    client_address="10.0.0.7",
                    details={"query": {"q": "Қалиева"}, "n": n},
                )
            )
    return entries


@contextmanager
def tampering(engine: Engine) -> Iterator[Connection]:
    """A database superuser who switches the append-only trigger off, as an attacker could."""
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
        yield conn
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))


def _verify(engine: Engine) -> audit.VerifyResult:
    with session_scope(engine) as session:
        return audit.verify(session)


def _document(name: str = "a.png") -> Document:
    return Document(
        filename=name,
        sha256=name.encode().hex().ljust(64, "0")[:64],
        content_type="image/png",
        size_bytes=1,
        original_key=f"originals/{name}",
    )


def test_entries_form_a_chain_that_verifies(engine: Engine) -> None:
    entries = _fill(engine)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == audit.GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:], strict=False))
    result = _verify(engine)
    assert result.ok and result.checked == 5 and result.head_seq == 5 and result.head_hash == entries[-1].hash
    assert result.message().startswith("audit chain intact: 5 entries")
    with session_scope(engine) as session:
        stored = session.get_one(AuditEntry, 1)
        assert stored.details == {"query": {"q": "Қалиева"}, "n": 0}  # the stored entry hashes the same
        assert audit.entry_hash(stored) == stored.hash


def test_an_empty_log_is_intact(engine: Engine) -> None:
    result = _verify(engine)
    assert result.ok and result.checked == 0 and result.message() == "audit chain intact: 0 entries"


def test_the_database_refuses_to_change_or_delete_entries(engine: Engine) -> None:
    _fill(engine, 2)
    for statement in (
        "UPDATE audit_entry SET actor = 'someone else' WHERE seq = 1",
        "DELETE FROM audit_entry WHERE seq = 2",
        "TRUNCATE audit_entry",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with session_scope(engine) as session:
        assert [e.actor for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))] == [
            "user0",
            "user1",
        ]


def test_an_edited_entry_is_named(engine: Engine) -> None:
    _fill(engine)
    with tampering(engine) as conn:
        conn.execute(text("UPDATE audit_entry SET actor = 'nobody' WHERE seq = 3"))
    result = _verify(engine)
    assert not result.ok and result.first_broken_seq == 3 and result.checked == 2
    assert result.message() == "entry 3: edited (hash does not match its content)"


def test_an_edited_detail_is_named(engine: Engine) -> None:
    _fill(engine)
    with tampering(engine) as conn:
        conn.execute(text("""UPDATE audit_entry SET details = '{"n": 4}' WHERE seq = 5"""))
    assert _verify(engine).message() == "entry 5: edited (hash does not match its content)"


def test_a_deleted_entry_is_named(engine: Engine) -> None:
    _fill(engine)
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq = 3"))
    result = _verify(engine)
    assert not result.ok and result.first_broken_seq == 3
    assert result.message() == "entry 3: missing (entry 4 follows entry 2)"


def test_a_deleted_first_entry_is_named(engine: Engine) -> None:
    _fill(engine, 3)
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq = 1"))
    assert _verify(engine).message() == "entry 1: missing (entry 2 follows the start of the log)"


def test_an_entry_rewritten_with_a_fresh_hash_is_named(engine: Engine) -> None:
    """Whoever recomputes the hash of an edited entry still breaks the link to the next one."""
    _fill(engine)
    with session_scope(engine) as session:
        forged = session.get_one(AuditEntry, 2)
        forged.actor = "nobody"
        forged_hash = audit.entry_hash(forged)
        session.expunge(forged)
    with tampering(engine) as conn:
        conn.execute(
            text("UPDATE audit_entry SET actor = 'nobody', hash = :h WHERE seq = 2"), {"h": forged_hash}
        )
    assert _verify(engine).message() == (
        "entry 2: edited (its hash was recomputed; entry 3 does not chain to it)"
    )


def test_reordered_entries_are_named(engine: Engine) -> None:
    _fill(engine)
    with tampering(engine) as conn:
        for old, new in ((2, -2), (3, 2), (-2, 3)):
            conn.execute(text("UPDATE audit_entry SET seq = :new WHERE seq = :old"), {"new": new, "old": old})
    assert _verify(engine).message() == "entry 2: edited (hash does not match its content)"


def test_a_committed_change_is_logged_with_its_fields(engine: Engine) -> None:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = _document()
        session.add(doc)
    with session_scope(engine) as session, changes_by(session, "tester", "typo"):
        stored = session.get_one(Document, doc.id)
        stored.fields = {"last_name": "Абилова", "iin": "890126475215"}
        stored.kind = "diploma"
    with session_scope(engine) as session:
        created, edited = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
    assert (created.action, created.entity, created.entity_id, created.actor) == (
        "change",
        "document",
        str(doc.id),
        "tester",
    )
    assert created.details == {"fields": ["created"], "reason": "fixture"}
    assert sorted(edited.details["fields"]) == ["fields.iin", "fields.last_name", "kind"]
    assert "890126475215" not in str(edited.details)  # the values stay in the revisions
    assert _verify(engine).ok


def test_a_rolled_back_change_leaves_no_entry(engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        with changes_by(session, "tester", "fixture"):
            session.add(_document())
        raise RuntimeError("the request failed after the flush")
    with session_scope(engine) as session:
        assert session.exec(select(AuditEntry)).all() == []
        with changes_by(session, "tester", "first try"):
            session.add(_document("b.png"))
        session.rollback()
        with changes_by(session, "tester", "second try"):
            kept = _document("c.png")
            session.add(kept)
    with session_scope(engine) as session:  # the session's commit found no note of the first try
        [entry] = session.exec(select(AuditEntry)).all()
        assert entry.entity_id == str(kept.id) and entry.details["reason"] == "second try"


def test_a_change_made_in_a_request_carries_its_origin(engine: Engine) -> None:
    origin = audit.Origin("dana", "10.1.2.3", "upload_documents")
    with audit.acting_as(origin), session_scope(engine) as session, changes_by(session, "api", "upload"):
        session.add(_document())
    with session_scope(engine) as session:
        [entry] = session.exec(select(AuditEntry)).all()
    assert (entry.actor, entry.client_address, entry.route) == ("dana", "10.1.2.3", "upload_documents")
    assert entry.details["author"] == "api"


def test_search_filters_and_pages(engine: Engine) -> None:
    _fill(engine)
    with session_scope(engine) as session:
        found = audit.search(session, actor="user3")
        assert found.total == 1 and found.entries[0].entity_id == "doc-3"
        assert audit.search(session, text="DOC-4").entries[0].seq == 5
        assert audit.search(session, text="Қалиева").total == 5  # inside the JSON details
        assert audit.search(session, text="100%").total == 0  # % is no wildcard
        page = audit.search(session, action="view", limit=2, offset=2)
        assert page.total == 5 and [e.seq for e in page.entries] == [3, 2]


def test_sqlite_keeps_the_chain_and_refuses_changes(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'muragat.db'}")
    migrate(engine)
    _fill(engine, 3)
    assert _verify(engine).ok  # timestamps and JSON come back as they were hashed
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
    with engine.begin() as conn:  # SQLite has no switch for a trigger: drop it, as an attacker would
        conn.execute(text("DROP TRIGGER audit_entry_no_delete"))
        conn.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
    assert _verify(engine).message() == "entry 2: missing (entry 3 follows entry 1)"


# --- the signed anchor: entries cut off the end -----------------------------------------------------

KEY = b"anchor key kept outside the database (test)"


def _verify_with(engine: Engine, key: bytes = KEY, kept: tuple[int, str] | None = None) -> audit.VerifyResult:
    with session_scope(engine) as session:
        return audit.verify(session, key=key, kept=kept)


def test_a_tail_cut_is_detected_by_the_anchor_and_not_by_the_chain(engine: Engine) -> None:
    audit.use_anchor_key(engine, KEY)
    entries = _fill(engine)
    result = _verify_with(engine)
    assert result.ok and result.anchored
    assert result.message().startswith(
        "audit chain intact: 5 entries, the signed anchor's entry 5 among them"
    )
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq > 3"))
    assert _verify(engine).ok  # what is left is a whole chain: the chain alone cannot tell
    result = _verify_with(engine)
    assert not result.ok and result.first_broken_seq == 4
    assert result.message() == (
        "entry 4: 2 entries cut off the end: the anchor says the log reached entry 5, it ends at 3"
    )
    # an anchor moved back to the new end needs the key to be signed
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_anchor SET seq = 3, hash = :h"), {"h": entries[2].hash})
    assert "is not signed with this key" in _verify_with(engine).message()
    # the anchor row removed altogether
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_anchor"))
    assert "no signed anchor" in _verify_with(engine).message()


def test_an_old_anchor_put_back_is_shown_by_an_anchor_kept_elsewhere(engine: Engine) -> None:
    audit.use_anchor_key(engine, KEY)
    _fill(engine, 3)
    with engine.connect() as conn:
        old = conn.execute(text("SELECT seq, hash, mac FROM audit_anchor")).one()  # copied by the attacker
    _fill(engine, 2)
    with session_scope(engine) as session:
        kept = audit.parse_anchor_line(audit.anchor_line(session.get_one(AuditAnchor, 1)))  # kept off-site
    assert kept[0] == 5
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM audit_entry WHERE seq > 3"))
        conn.execute(text("UPDATE audit_anchor SET seq = :seq, hash = :hash, mac = :mac"), dict(old._mapping))
    assert _verify_with(engine).ok  # the stored anchor is genuine, only old
    result = _verify_with(engine, kept=kept)
    assert not result.ok and "2 entries cut off the end" in result.message()


def test_a_log_rewritten_from_an_entry_on_differs_from_the_anchor(engine: Engine) -> None:
    audit.use_anchor_key(engine, KEY)
    _fill(engine, 4)
    with session_scope(engine) as session:
        entries = list(session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))
    prev = entries[1].hash
    with tampering(engine) as conn:  # entries 3 and 4 rewritten, each with a fresh, chained hash
        for entry in entries[2:]:
            entry.actor, entry.prev_hash = "nobody", prev
            entry.hash = prev = audit.entry_hash(entry)
            conn.execute(
                text("UPDATE audit_entry SET actor = :a, prev_hash = :p, hash = :h WHERE seq = :s"),
                {"a": entry.actor, "p": entry.prev_hash, "h": entry.hash, "s": entry.seq},
            )
    result = _verify_with(engine)
    assert not result.ok and result.message() == (
        "entry 4: entry 4 is not the one the anchor signed: the log was rewritten from there"
    )


def test_an_anchor_line_is_checked_before_use() -> None:
    with pytest.raises(InvalidInput, match="not an anchor line: 5:abc"):
        audit.parse_anchor_line("5:abc")
