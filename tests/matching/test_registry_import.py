"""Graduate registry import against the real PostgreSQL: upserts by graduate_id, a revision for every
change, bad rows rejected and good rows kept, the transaction left to the caller."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.registry import ImportReport, import_registry
from matching.registry_rows import RowError
from muragat.errors import RegistryFileError
from storage.db import session_scope
from storage.models import Graduate, Revision
from tests.matching.registry_csv import GOOD_ROW, RESOURCES, SAMPLE, csv_bytes

ACTOR = "admin"

# --- import ---------------------------------------------------------------------------------------


def count(session: Session, model: type[Graduate] | type[Revision]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def import_sample(engine: Engine, data: bytes | None = None) -> ImportReport:
    with session_scope(engine) as session:
        return import_registry(session, data or SAMPLE.read_bytes(), "registry.csv", actor=ACTOR)


def test_sample_import_adds_every_graduate_with_a_created_revision(engine: Engine) -> None:
    report = import_sample(engine)
    assert (report.added, report.updated, report.unchanged, report.rejected) == (1960, 0, 0, 0)
    assert report.summary() == "registry.csv: 1960 added, 0 updated, 0 unchanged, 0 rejected"
    with session_scope(engine) as session:
        assert count(session, Graduate) == 1960
        revisions = session.exec(select(Revision)).all()
        assert len(revisions) == 1960
        assert {(r.field, r.actor, r.reason) for r in revisions} == {
            ("created", ACTOR, "registry import registry.csv")
        }
        soviet = session.exec(select(Graduate).where(Graduate.graduate_id == "G000004")).one()
        assert (soviet.iin, soviet.birth_date, soviet.honors) == (None, date(1950, 7, 23), False)


def test_reimport_changes_nothing(engine: Engine) -> None:
    import_sample(engine)
    with session_scope(engine) as session:
        before = {g.graduate_id: g.updated_at for g in session.exec(select(Graduate))}
    report = import_sample(engine)
    assert (report.added, report.updated, report.unchanged, report.rejected) == (0, 0, 1960, 0)
    with session_scope(engine) as session:
        assert count(session, Revision) == 1960
        assert {g.graduate_id: g.updated_at for g in session.exec(select(Graduate))} == before


def test_changed_value_gives_one_update_and_one_revision(engine: Engine) -> None:
    data = SAMPLE.read_bytes()
    import_sample(engine, data)
    old_line = next(line for line in data.split(b"\n") if line.startswith(b"G000002,"))
    assert old_line.count(b",4558,") == 1
    changed = data.replace(old_line, old_line.replace(b",4558,", b",4559,"))

    report = import_sample(engine, changed)

    assert (report.added, report.updated, report.unchanged, report.rejected) == (0, 1, 1959, 0)
    with session_scope(engine) as session:
        graduate = session.exec(select(Graduate).where(Graduate.graduate_id == "G000002")).one()
        assert graduate.registration_number == "4559"
        new = session.exec(select(Revision).where(Revision.field != "created")).all()
        assert [(r.entity, r.entity_id, r.field, r.old_value, r.new_value) for r in new] == [
            ("graduate", graduate.id, "registration_number", "4558", "4559")
        ]
        assert (new[0].actor, new[0].reason) == (ACTOR, "registry import registry.csv")
        assert graduate.updated_at > graduate.created_at


def test_changed_typed_values_are_recorded_as_json(engine: Engine) -> None:
    row = {**GOOD_ROW, "iin": ""}
    with session_scope(engine) as session:
        import_registry(session, csv_bytes(row), "a.csv", actor=ACTOR)
    with session_scope(engine) as session:
        report = import_registry(
            session,
            csv_bytes({**row, "iin": "000817564902", "issue_date": "2022-06-21", "honors": "yes"}),
            "b.csv",
            actor="other",
        )
    assert report.updated == 1
    with session_scope(engine) as session:
        new = session.exec(select(Revision).where(Revision.field != "created").order_by(col(Revision.field)))
        assert [(r.field, r.old_value, r.new_value, r.actor, r.reason) for r in new] == [
            ("honors", False, True, "other", "registry import b.csv"),
            ("iin", None, "000817564902", "other", "registry import b.csv"),
            ("issue_date", "2022-06-20", "2022-06-21", "other", "registry import b.csv"),
        ]


def test_bad_rows_are_rejected_and_good_rows_kept(engine: Engine) -> None:
    data = (RESOURCES / "registry_bad_rows.csv").read_bytes()
    with session_scope(engine) as session:
        report = import_registry(session, data, "registry_bad_rows.csv", actor=ACTOR)
    assert (report.added, report.updated, report.unchanged, report.rejected) == (2, 0, 0, 6)
    assert all(isinstance(e, RowError) for e in report.errors)
    assert [e.line for e in report.errors] == [3, 4, 5, 6, 7, 8]
    assert report.summary() == "registry_bad_rows.csv: 2 added, 0 updated, 0 unchanged, 6 rejected"
    with session_scope(engine) as session:
        assert sorted(session.exec(select(Graduate.graduate_id))) == ["G100001", "G100008"]


def test_import_leaves_the_transaction_to_the_caller(engine: Engine) -> None:
    with Session(engine) as session:
        report = import_registry(session, SAMPLE.read_bytes(), "registry.csv", actor=ACTOR)
        assert report.added == 1960
        session.rollback()
    with session_scope(engine) as session:
        assert (count(session, Graduate), count(session, Revision)) == (0, 0)


def test_file_error_writes_nothing(engine: Engine) -> None:
    with pytest.raises(RegistryFileError), session_scope(engine) as session:
        import_registry(session, (RESOURCES / "registry_cp1251.csv").read_bytes(), "r.csv", actor=ACTOR)
    with session_scope(engine) as session:
        assert count(session, Graduate) == 0
