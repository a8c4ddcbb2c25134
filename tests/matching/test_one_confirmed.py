"""At most one settled graduate per document (per ledger row): a second confirm is refused with the name of
the first unless it replaces it, the database refuses two whatever writes them, reviewers confirming at
once never leave two, and confirm and reject of one candidate at once do not deadlock."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from matching.decisions import decide
from muragat.errors import Conflict
from storage.db import alembic_config, make_engine, migrate, session_scope
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Revision
from storage.revisions import changes_by
from tests.concurrency import at_once

ROUNDS = 10


def _graduate(session: Any, key: str) -> Graduate:
    grad = Graduate(graduate_id=key, last_name=key, first_name="A", institution="ҚазҰУ", degree="bachelor",
                    graduation_year=2014)  # fmt: skip
    session.add(grad)
    return grad


def _document_with(
    engine: Engine, n: int, decisions: dict[str, MatchDecision], kind: str = "diploma"
) -> uuid.UUID:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = Document(filename=f"d{n}.png", sha256=f"{n:064x}", content_type="image/png", size_bytes=1,
                       original_key=f"originals/{n}", kind=kind, status=DocumentStatus.needs_review,
                       fields={"last_name": "A"})  # fmt: skip
        session.add(doc)
        for key, decision in decisions.items():
            grad = _graduate(session, f"{key}-{n}")
            session.flush()
            session.add(Match(document_id=doc.id, graduate_id=grad.id, score=0.9, decision=decision))
    return doc.id


def _decisions(engine: Engine, document_id: uuid.UUID) -> dict[str, str]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(Graduate.graduate_id, Match.decision)
            .join(Graduate, Graduate.id == Match.graduate_id)  # type: ignore[arg-type]
            .where(Match.document_id == document_id)
        ).all()
    return {g.split("-")[0]: str(d) for g, d in rows}


def _decide(engine: Engine, doc: uuid.UUID, key: str, to: MatchDecision, replace: bool = False) -> None:
    with session_scope(engine) as session:
        decide(session, doc, key, to, f"reviewer-{key}", "seen on the scan", replace=replace)


def test_a_second_confirm_names_the_first_and_replaces_it_only_when_asked(any_engine: Engine) -> None:
    doc = _document_with(any_engine, 1, {"A": MatchDecision.confirmed, "B": MatchDecision.needs_review})
    with pytest.raises(Conflict) as refused:
        _decide(any_engine, doc, "B-1", MatchDecision.confirmed)
    assert refused.value.http_status == 409
    assert str(refused.value).startswith("A-1 is already confirmed for this document (by ")
    assert "confirm this graduate in its place" in str(refused.value)
    assert _decisions(any_engine, doc) == {"A": "confirmed", "B": "needs_review"}

    _decide(any_engine, doc, "B-1", MatchDecision.confirmed, replace=True)
    assert _decisions(any_engine, doc) == {"A": "rejected", "B": "confirmed"}
    with session_scope(any_engine) as session:
        reasons = session.exec(
            select(Revision.reason, Revision.new_value).where(Revision.field == "decision")
        ).all()
    assert ("rejected: B-1 was confirmed in its place: seen on the scan", "rejected") in reasons


def test_confirming_another_graduate_sets_the_automatic_match_back(any_engine: Engine) -> None:
    doc = _document_with(any_engine, 2, {"A": MatchDecision.auto_matched, "B": MatchDecision.needs_review})
    _decide(any_engine, doc, "B-2", MatchDecision.confirmed)
    assert _decisions(any_engine, doc) == {"A": "needs_review", "B": "confirmed"}


def test_the_database_refuses_a_second_settled_match(any_engine: Engine) -> None:
    _document_with(any_engine, 3, {"A": MatchDecision.confirmed, "B": MatchDecision.needs_review})
    with pytest.raises(IntegrityError, match="uq_match_one_settled"), any_engine.begin() as conn:
        conn.execute(text("UPDATE match SET decision = 'auto_matched' WHERE decision = 'needs_review'"))
    # ledger rows are places of their own: one confirmed graduate on each row is allowed
    ledger = _document_with(any_engine, 4, {"A": MatchDecision.needs_review, "B": MatchDecision.needs_review},
                            kind="ledger")  # fmt: skip
    with session_scope(any_engine) as session, changes_by(session, "tester", "fixture"):
        for number, match in enumerate(session.exec(select(Match).where(Match.document_id == ledger)), 1):
            match.row, match.decision = number, MatchDecision.confirmed
    assert _decisions(any_engine, ledger) == {"A": "confirmed", "B": "confirmed"}


def test_reviewers_confirming_different_graduates_at_once_never_leave_two(any_engine: Engine) -> None:
    two = 0
    for n in range(10, 10 + ROUNDS):
        doc = _document_with(
            any_engine, n, {"A": MatchDecision.needs_review, "B": MatchDecision.needs_review}
        )
        errors = at_once(
            lambda doc=doc, n=n: _decide(any_engine, doc, f"A-{n}", MatchDecision.confirmed),
            lambda doc=doc, n=n: _decide(any_engine, doc, f"B-{n}", MatchDecision.confirmed),
        )
        assert len(errors) == 1 and isinstance(errors[0], Conflict), errors
        two += list(_decisions(any_engine, doc).values()).count("confirmed") != 1
    assert two == 0


def test_confirm_and_reject_of_one_candidate_at_once_do_not_deadlock(any_engine: Engine) -> None:
    for n in range(30, 30 + ROUNDS):
        doc = _document_with(any_engine, n, {"A": MatchDecision.needs_review})
        errors = at_once(
            lambda doc=doc, n=n: _decide(any_engine, doc, f"A-{n}", MatchDecision.confirmed),
            lambda doc=doc, n=n: _decide(any_engine, doc, f"A-{n}", MatchDecision.rejected),
        )
        assert errors == []
        with session_scope(any_engine) as session:
            status = session.get_one(Document, doc).status
        decision = _decisions(any_engine, doc)["A"]
        # whichever came last stands, and the document's status follows it
        assert (decision, status) in (("confirmed", "processed"), ("rejected", "needs_review"))


def test_the_migration_keeps_a_persons_confirm_and_sets_back_documents_with_two(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0009")
    doc, a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO document (id, filename, sha256, content_type, size_bytes, status, "
                 "original_key, other_filenames, fields, field_evidence, attempts, search_text, created_at, "
                 "updated_at) "
                 "VALUES (:id, 'd.png', :sha, 'image/png', 1, 'processed', 'k', '[]', '{}', '{}', 1, '', "
                 "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            {"id": doc.hex, "sha": "f" * 64},
        )  # fmt: skip
        # A and B both confirmed (two reviewers at once), C matched automatically beside them
        for grad, key, decision in ((a, "A", "confirmed"), (b, "B", "confirmed"), (c, "C", "auto_matched")):
            conn.execute(
                text("INSERT INTO graduate (id, graduate_id, last_name, first_name, institution, degree, "
                     "graduation_year, honors, created_at, updated_at) VALUES (:id, :key, 'A', 'A', 'X', "
                     "'bachelor', 2014, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                {"id": grad.hex, "key": key},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO match (id, document_id, graduate_id, score, decision, reasons, created_at) "
                     "VALUES (:id, :doc, :grad, 0.9, :decision, '[]', CURRENT_TIMESTAMP)"),
                {"id": uuid.uuid4().hex, "doc": doc.hex, "grad": grad.hex, "decision": decision},
            )  # fmt: skip
    kept = _old_document_with(engine, {"D": "confirmed", "E": "auto_matched"})  # one person, one machine
    migrate(engine)
    assert _decisions(engine, doc) == {"A": "needs_review", "B": "needs_review", "C": "needs_review"}
    assert _decisions(engine, kept) == {"D": "confirmed", "E": "needs_review"}
    with session_scope(engine) as session:
        stored = session.get_one(Document, doc)
        reasons = session.exec(select(Revision.reason).where(Revision.actor == "system:migration")).all()
    assert stored.status == DocumentStatus.needs_review
    assert str(stored.status_message and stored.status_message["code"]) == "review.two_settled"
    assert len(reasons) == 5 and all("more than one matched graduate" in r for r in reasons)
    with session_scope(engine) as session:
        assert session.get_one(Document, kept).status == DocumentStatus.processed
    engine.dispose()


def _old_document_with(engine: Engine, decisions: dict[str, str]) -> uuid.UUID:
    """A document of a database before migration 0010, holding these matches."""
    doc = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO document (id, filename, sha256, content_type, size_bytes, status, "
                 "original_key, other_filenames, fields, field_evidence, attempts, search_text, created_at, "
                 "updated_at) VALUES (:id, 'k.png', :sha, 'image/png', 1, 'processed', 'k', '[]', '{}', "
                 "'{}', 1, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            {"id": doc.hex, "sha": doc.hex * 2},
        )  # fmt: skip
        for key, decision in decisions.items():
            grad = uuid.uuid4()
            conn.execute(
                text("INSERT INTO graduate (id, graduate_id, last_name, first_name, institution, degree, "
                     "graduation_year, honors, created_at, updated_at) VALUES (:id, :key, 'A', 'A', 'X', "
                     "'bachelor', 2014, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                {"id": grad.hex, "key": key},
            )  # fmt: skip
            conn.execute(
                text("INSERT INTO match (id, document_id, graduate_id, score, decision, reasons, created_at) "
                     "VALUES (:id, :doc, :grad, 0.9, :decision, '[]', CURRENT_TIMESTAMP)"),
                {"id": uuid.uuid4().hex, "doc": doc.hex, "grad": grad.hex, "decision": decision},
            )  # fmt: skip
    return doc
