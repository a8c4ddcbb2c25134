"""A reviewer confirms or rejects a candidate graduate of a document; each decision is a revision with
its actor and reason, and a rerun of the job never changes it. Also: a document's fields with the
evidence behind each (page, words with boxes, confidence, source, flags)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlmodel import col, select

from matching.decisions import after_decision
from muragat.errors import InvalidInput, NotFound
from storage.db import session_scope
from storage.models import Document, Graduate, Match, MatchDecision
from storage.revisions import changes_by

router = APIRouter(prefix="/api/v1", tags=["matches"])


class Decision(BaseModel):
    actor: str | None = Field(
        default=None, max_length=100, description="who decides, where no reviewer is signed in (tests, CLI)"
    )
    reason: str = Field(min_length=1, max_length=900, description="why, as it will stand in the history")


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


def _decide(
    request: Request, document_id: uuid.UUID, graduate_id: str, body: Decision, to: MatchDecision
) -> Any:
    with session_scope(request.app.state.engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"document {document_id} does not exist")
        row = session.exec(
            select(Match, Graduate)
            .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
            .where(Match.document_id == document_id, Graduate.graduate_id == graduate_id)
        ).first()
        if row is None:
            raise NotFound(f"graduate {graduate_id} is no candidate of document {document_id}")
        match, _ = row
        user = getattr(request.state, "user", None)
        actor = user.username if user is not None else body.actor
        if not actor:
            raise InvalidInput("a decision needs its author: sign in, or name the actor")
        with changes_by(session, actor, f"review: {to.value}: {body.reason}"):
            match.decision = to
            session.flush()
            matches = list(session.exec(select(Match).where(Match.document_id == document_id)))
            if (status := after_decision(doc, matches, graduate_id, to, actor)) is not None:
                doc.status, doc.status_reason = status
        return DecisionOut(
            document_id=document_id, graduate_id=graduate_id, decision=to.value, document_status=doc.status
        )


@router.post("/documents/{document_id}/matches/{graduate_id}/confirm", response_model=DecisionOut)
def confirm_match(request: Request, document_id: uuid.UUID, graduate_id: str, body: Decision) -> Any:
    """The reviewer says this graduate is the one on the document."""
    return _decide(request, document_id, graduate_id, body, MatchDecision.confirmed)


@router.post("/documents/{document_id}/matches/{graduate_id}/reject", response_model=DecisionOut)
def reject_match(request: Request, document_id: uuid.UUID, graduate_id: str, body: Decision) -> Any:
    """The reviewer says this graduate is not the one on the document."""
    return _decide(request, document_id, graduate_id, body, MatchDecision.rejected)


@router.get("/documents/{document_id}/fields", response_model=FieldsOut)
def document_fields(request: Request, document_id: uuid.UUID) -> Any:
    with session_scope(request.app.state.engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise NotFound(f"document {document_id} does not exist")
        return FieldsOut(document_id=doc.id, kind=doc.kind, fields=doc.fields, evidence=doc.field_evidence)
