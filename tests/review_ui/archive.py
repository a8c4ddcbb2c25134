"""Rows for the verification, reports and personal-data tests: graduates, diplomas matched to them, a scan."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import date
from typing import Any

from PIL import Image
from sqlmodel import select

from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.institutions import assign_institution
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Page, User
from storage.revisions import changes_by

IIN = "890126405214"  # a valid IIN (control digit 4)
GRADUATE: dict[str, Any] = {
    "graduate_id": "G000777",
    "iin": IIN,
    "last_name": "Қалиева",
    "first_name": "Шынар",
    "patronymic": "Нұрланқызы",
    "gender": "F",
    "birth_date": date(1989, 1, 26),
    "institution": "Әл-Фараби атындағы Қазақ ұлттық университеті",
    "degree": "specialist",
    "study_form": "full_time",
    "study_language": "kk",
    "graduation_year": 2011,
    "diploma_series": "ЖБ",
    "diploma_number": "0012345",
    "registration_number": "4521",
    "issue_date": date(2011, 6, 30),
}


def db(settings: Settings) -> Any:
    return session_scope(get_engine(settings.sqlalchemy_url))


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def make_graduate(settings: Settings, **overrides: Any) -> uuid.UUID:
    with db(settings) as session, changes_by(session, "test", "fixture"):
        graduate = Graduate(**{**GRADUATE, **overrides})
        session.add(graduate)
        session.flush()
        return graduate.id


def make_diploma(
    settings: Settings,
    graduate_id: str = GRADUATE["graduate_id"],
    decision: MatchDecision = MatchDecision.confirmed,
    fields: dict[str, Any] | None = None,
    name: str = "diploma.png",
    kind: str = "diploma",
    status: DocumentStatus = DocumentStatus.processed,
    confidence: float = 0.9,
) -> tuple[uuid.UUID, uuid.UUID]:
    """A one-page document matched to the graduate with `decision`; returns (document id, match id)."""
    sha = hashlib.sha256(f"{name}{uuid.uuid4()}".encode()).hexdigest()
    with db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        graduate = session.exec(select(Graduate).where(Graduate.graduate_id == graduate_id)).one()
        doc = Document(
            filename=name,
            sha256=sha,
            content_type="image/png",
            size_bytes=1000,
            status=status,
            kind=kind,
            page_count=1,
            original_key=f"originals/{sha[:2]}/{sha}",
            fields=dict(fields if fields is not None else _fields_of(graduate)),
        )
        session.add(doc)
        session.flush()
        session.add(
            Page(
                document_id=doc.id,
                number=1,
                width=40,
                height=30,
                confidence=confidence,
                image_key=f"pages/{doc.id}/0001.png",
            )
        )
        match = Match(document_id=doc.id, graduate_id=graduate.id, score=0.97, decision=decision)
        session.add(match)
        session.flush()
        assign_institution(session, doc)  # as matching does: whose archive it is
        return doc.id, match.id


def _fields_of(graduate: Graduate) -> dict[str, Any]:
    return {
        "last_name": graduate.last_name,
        "first_name": graduate.first_name,
        "iin": graduate.iin,
        "diploma_series": graduate.diploma_series,
        "diploma_number": graduate.diploma_number,
        "graduation_year": graduate.graduation_year,
        "degree": graduate.degree,
    }


def set_decision(settings: Settings, match_id: uuid.UUID, decision: MatchDecision) -> None:
    with db(settings) as session, changes_by(session, "test", "fixture"):
        session.get_one(Match, match_id).decision = decision


def change_graduate(settings: Settings, graduate_id: str, **values: Any) -> None:
    with db(settings) as session, changes_by(session, "test", "fixture"):
        graduate = session.exec(select(Graduate).where(Graduate.graduate_id == graduate_id)).one()
        for name, value in values.items():
            setattr(graduate, name, value)


def limit_account(settings: Settings, username: str, institution: str) -> None:
    """Limit an account to one institution, as `muragat users create --institution` does."""
    with db(settings) as session, changes_by(session, "test", "fixture"):
        user = session.exec(select(User).where(User.username == username)).one()
        user.institution = institution
