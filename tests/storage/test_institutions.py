"""The scope of an account limited to one institution, on both databases: every ORM statement of a
scoped session (lists, counts, joins, lookups by id, bulk updates and deletes) sees only that institution's
documents, graduates, matches and pages; and whose archive a document is."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.db import session_scope
from storage.institutions import UNSCOPED, assign_institution, fold, scope_session, set_uploader_institution
from storage.models import Collection, Document, DocumentStatus, Graduate, Match, MatchDecision, Page
from storage.revisions import changes_by

A = "Әл-Фараби атындағы ҚазҰУ"
B = "Satbayev University"


def _graduate(session: Session, gid: str, institution: str) -> Graduate:
    graduate = Graduate(
        graduate_id=gid, iin=None, last_name="Ахметова", first_name="Айгерім", institution=institution,
        degree="bachelor", graduation_year=2020, diploma_number=gid, birth_date=date(1998, 1, 1),
    )  # fmt: skip
    session.add(graduate)
    session.flush()
    return graduate


def _document(session: Session, name: str, graduate: Graduate | None = None, **fields: str) -> Document:
    doc = Document(
        filename=name, sha256=uuid.uuid4().hex * 2, content_type="image/png", size_bytes=1,
        original_key=f"originals/{name}", fields=dict(fields), status=DocumentStatus.processed,
    )  # fmt: skip
    session.add(doc)
    session.flush()
    session.add(Page(document_id=doc.id, number=1, width=1, height=1, image_key=f"pages/{name}"))
    if graduate is not None:
        session.add(
            Match(document_id=doc.id, graduate_id=graduate.id, score=0.9, decision=MatchDecision.auto_matched)
        )
        session.flush()
    assign_institution(session, doc)
    return doc


def _archive(engine: Engine) -> dict[str, uuid.UUID]:
    with session_scope(engine) as session, changes_by(session, "test", "fixture"):
        ga, gb = _graduate(session, "GA1", A), _graduate(session, "GB1", "  satbayev   UNIVERSITY ")
        da, db = _document(session, "a.png", ga), _document(session, "b.png", gb)
        read_only = _document(session, "c.png", institution=B)  # no match: the scan's reading
        nobody = _document(session, "d.png")
        return {"ga": ga.id, "gb": gb.id, "da": da.id, "db": db.id, "dc": read_only.id, "dd": nobody.id}


def test_whose_document_it_is(any_engine: Engine) -> None:
    ids = _archive(any_engine)
    with session_scope(any_engine) as session:
        got = {k: session.get_one(Document, ids[k]) for k in ("da", "db", "dc", "dd")}
        assert (got["da"].institution, got["da"].institution_source) == (A, "registry")
        assert got["db"].institution_key == fold(B) and got["db"].institution_source == "registry"
        assert (got["dc"].institution, got["dc"].institution_source) == (B, "scan")
        assert got["dd"].institution is None and got["dd"].institution_key is None
        assert session.get_one(Graduate, ids["gb"]).institution_key == "satbayev university"


def test_a_scoped_session_sees_only_its_institution(any_engine: Engine) -> None:
    ids = _archive(any_engine)
    with session_scope(any_engine) as session:
        scope_session(session, B.upper())
        assert {d.filename for d in session.exec(select(Document))} == {"b.png", "c.png"}
        assert session.exec(select(func.count()).select_from(Document)).one() == 2
        assert session.get(Document, ids["da"]) is None and session.get(Graduate, ids["ga"]) is None
        assert [g.graduate_id for g in session.exec(select(Graduate))] == ["GB1"]
        joined = session.exec(
            select(Match, Graduate).join(Graduate, col(Graduate.id) == col(Match.graduate_id))
        )
        assert [g.graduate_id for _, g in joined] == ["GB1"]
        pages = session.exec(select(Page.image_key).order_by(col(Page.image_key))).all()
        assert pages == ["pages/b.png", "pages/c.png"]
        # a rule that must look past the scope says so
        everyone = session.exec(select(Graduate).execution_options(**{UNSCOPED: True})).all()
        assert len(everyone) == 2


def test_a_scoped_bulk_write_changes_only_its_institution(any_engine: Engine) -> None:
    ids = _archive(any_engine)
    with session_scope(any_engine) as session:
        scope_session(session, A)
        session.execute(update(Document).values(kind="archive"))
    with session_scope(any_engine) as session:
        kinds = {k: session.get_one(Document, ids[k]).kind for k in ("da", "db", "dc", "dd")}
    assert kinds == {"da": "archive", "db": None, "dc": None, "dd": None}


def test_the_uploaders_institution_wins_over_the_match(any_engine: Engine) -> None:
    with session_scope(any_engine) as session, changes_by(session, "test", "fixture"):
        gb = _graduate(session, "GB1", B)
        batch = Collection(name="box 7", institution=A)
        session.add(batch)
        session.flush()
        doc = Document(
            filename="x.png", sha256="f" * 64, content_type="image/png", size_bytes=1, original_key="o/x",
            collection_id=batch.id,
        )  # fmt: skip
        set_uploader_institution(session, doc, None)
        session.add(doc)
        session.flush()
        session.add(Match(document_id=doc.id, graduate_id=gb.id, score=0.9, decision=MatchDecision.confirmed))
        session.flush()
        assign_institution(session, doc)
        assert (doc.institution, doc.institution_source) == (A, "uploader")
