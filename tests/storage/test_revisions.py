"""Every change to a tracked row writes a revision; no stored value changes without one."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from muragat.errors import MissingRevisionContext
from muragat.messages import Message
from muragat.messages.catalog.workflow import Code
from storage.db import session_scope
from storage.models import Document, Graduate, Match, MatchDecision, Revision
from storage.revisions import changes_by


def _document(engine: Engine) -> Document:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = Document(
            filename="a.jpg",
            sha256="a" * 64,
            content_type="image/jpeg",
            size_bytes=10,
            original_key="originals/aa/" + "a" * 64,
            fields={"last_name": "Оразбайева"},
        )
        session.add(doc)
    return doc


def _graduate(engine: Engine) -> Graduate:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        grad = Graduate(
            graduate_id="G1",
            last_name="Оразбайева",
            first_name="Құралай",
            institution="ҚазҰУ",
            degree="bachelor",
            graduation_year=2014,
        )
        session.add(grad)
    return grad


def _revisions(engine: Engine, entity_id: object) -> list[Revision]:
    with session_scope(engine) as session:
        return list(
            session.exec(
                select(Revision).where(Revision.entity_id == entity_id).order_by(Revision.created_at)
            )
        )  # type: ignore[arg-type]


def test_creation_is_a_revision(engine: Engine) -> None:
    doc = _document(engine)
    [created] = _revisions(engine, doc.id)
    assert created.field == "created"
    assert created.actor == "tester" and created.reason == "fixture"
    assert created.new_value["filename"] == "a.jpg"


def test_changing_a_document_field_writes_a_revision(engine: Engine) -> None:
    doc = _document(engine)
    with session_scope(engine) as session, changes_by(session, "reviewer1", "typo in the surname"):
        stored = session.get_one(Document, doc.id)
        stored.fields = {**stored.fields, "last_name": "Оразбаева", "first_name": "Құралай"}
    changes = [r for r in _revisions(engine, doc.id) if r.field != "created"]
    assert {(r.field, r.old_value, r.new_value) for r in changes} == {
        ("fields.last_name", "Оразбайева", "Оразбаева"),
        ("fields.first_name", None, "Құралай"),
    }
    assert all(r.actor == "reviewer1" and r.reason == "typo in the surname" for r in changes)
    assert all(r.created_at.tzinfo is not None for r in changes)


def test_changing_a_match_writes_a_revision(engine: Engine) -> None:
    doc, grad = _document(engine), _graduate(engine)
    with session_scope(engine) as session, changes_by(session, "system", "matched"):
        match = Match(
            document_id=doc.id,
            graduate_id=grad.id,
            score=0.6,
            decision=MatchDecision.needs_review,
            reasons=["diploma series and number equal"],
        )
        session.add(match)
    with session_scope(engine) as session, changes_by(session, "reviewer1", "same person on the scan"):
        stored = session.get_one(Match, match.id)
        stored.decision = MatchDecision.confirmed
    [change] = [r for r in _revisions(engine, match.id) if r.field != "created"]
    assert (change.field, change.old_value, change.new_value) == ("decision", "needs_review", "confirmed")
    assert change.actor == "reviewer1"


def test_no_change_without_an_author(engine: Engine) -> None:
    doc = _document(engine)
    with pytest.raises(MissingRevisionContext), session_scope(engine) as session:
        session.get_one(Document, doc.id).explain(Message(Code.JOB_FAILED))
    with session_scope(engine) as session:
        assert session.get_one(Document, doc.id).status_message is None
    assert [r.field for r in _revisions(engine, doc.id)] == ["created"]


def test_graduate_changes_are_revisions_too(engine: Engine) -> None:
    grad = _graduate(engine)
    with pytest.raises(MissingRevisionContext), session_scope(engine) as session:
        session.get_one(Graduate, grad.id).graduation_year = 2015
    with session_scope(engine) as session, changes_by(session, "admin", "registry correction"):
        session.get_one(Graduate, grad.id).graduation_year = 2015
    [change] = [r for r in _revisions(engine, grad.id) if r.field != "created"]
    assert (change.field, change.old_value, change.new_value) == ("graduation_year", 2014, 2015)


def test_revisions_cannot_be_rewritten_even_in_sql(engine: Engine) -> None:
    doc = _document(engine)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE revision SET actor = 'someone else'"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM revision"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE revision CASCADE"))
    assert len(_revisions(engine, doc.id)) == 1


def test_revisions_cannot_be_rewritten_through_the_orm(engine: Engine) -> None:
    doc = _document(engine)
    with pytest.raises(MissingRevisionContext), session_scope(engine) as session:
        session.exec(select(Revision).where(Revision.entity_id == doc.id)).one().reason = "rewritten"
