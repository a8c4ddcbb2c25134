"""A reviewer confirms or rejects a candidate graduate of a document; each decision is a revision with
its actor and reason, and a rerun of the job never changes it. Also: a document's fields with the
evidence behind each (page, words with boxes, confidence, source, flags)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import Session

from matching.decisions import decide
from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from review_ui.deps import OptionalUser, SessionDep
from storage import queries
from storage.models import MatchDecision, User

router = APIRouter(prefix="/api/v1", tags=["matches"])


class Decision(BaseModel):
    actor: str | None = Field(
        default=None, max_length=100, description="who decides, where no reviewer is signed in (tests, CLI)"
    )
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")
    replace: bool = Field(
        default=False,
        description=(
            "confirm only: where another graduate is confirmed for the document (or ledger row), reject "
            "that one with this reason; without it such a confirm answers 409 naming the other"
        ),
    )


class DecisionOut(BaseModel):
    document_id: uuid.UUID
    graduate_id: str
    decision: str
    document_status: str


class FieldsOut(BaseModel):
    document_id: uuid.UUID
    kind: str | None
    fields: dict[str, Any]
    evidence: dict[str, Any]


def _decided(session: Session, document_id: uuid.UUID, graduate_id: str, body: Decision,
             user: User | None, to: MatchDecision) -> DecisionOut:  # fmt: skip
    actor = user.username if user is not None else body.actor
    if not actor:
        raise InvalidInput(Message(Code.NEEDS_AUTHOR))
    status = decide(session, document_id, graduate_id, to, actor, body.reason, replace=body.replace)
    return DecisionOut(
        document_id=document_id, graduate_id=graduate_id, decision=to.value, document_status=status
    )


@router.post("/documents/{document_id}/matches/{graduate_id}/confirm", response_model=DecisionOut)
def confirm_match(
    session: SessionDep, user: OptionalUser, document_id: uuid.UUID, graduate_id: str, body: Decision
) -> Any:
    """The reviewer says this graduate is the one on the document."""
    return _decided(session, document_id, graduate_id, body, user, MatchDecision.confirmed)


@router.post("/documents/{document_id}/matches/{graduate_id}/reject", response_model=DecisionOut)
def reject_match(
    session: SessionDep, user: OptionalUser, document_id: uuid.UUID, graduate_id: str, body: Decision
) -> Any:
    """The reviewer says this graduate is not the one on the document."""
    return _decided(session, document_id, graduate_id, body, user, MatchDecision.rejected)


@router.get("/documents/{document_id}/fields", response_model=FieldsOut)
def document_fields(session: SessionDep, document_id: uuid.UUID) -> Any:
    doc = queries.document(session, document_id)
    return FieldsOut(document_id=doc.id, kind=doc.kind, fields=doc.fields, evidence=doc.field_evidence)
