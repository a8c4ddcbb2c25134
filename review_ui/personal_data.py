"""Personal data: IINs masked wherever they are listed or logged, shown in full only to the roles whose
work needs it (and each showing logged), and a person's data with its access log exported on request.

Who sees a full IIN: the ministry's verifier, who must tell whether the diploma in front of them belongs to
the person asking, and the admin, who imports and corrects the registry and answers a person's request for
their data. Archivists, reviewers and auditors do their work with the masked form: a reviewer compares an
IIN on the scan with the registry through the match's reasons, an auditor reads who looked at whom.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from sqlmodel import Session, col, or_, select

from muragat.errors import NotFound
from muragat.messages import Message, render
from muragat.messages.catalog.errors import Code
from review_ui.deps import CurrentUser, SessionDep
from storage import audit
from storage.models import Document, Graduate, GraduatePublic, Match, Revision, Role, User
from storage.revisions import jsonable

router = APIRouter(prefix="/api/v1", tags=["personal data"])

ROLES_SEEING_FULL_IIN = frozenset({Role.admin, Role.verifier})
_SHOWN_HEAD, _SHOWN_TAIL = 4, 2
ACCESS_LOG_LIMIT = 100_000


def mask_iin(iin: str | None) -> str:
    """`890126475215` -> `8901******15`: enough to tell two records apart, too little to identify anyone.
    Anything that is not twelve digits keeps only its last two characters."""
    if not iin:
        return ""
    if len(iin) == 12 and iin.isdigit():
        return iin[:_SHOWN_HEAD] + "*" * (12 - _SHOWN_HEAD - _SHOWN_TAIL) + iin[-_SHOWN_TAIL:]
    return "*" * max(len(iin) - _SHOWN_TAIL, 0) + iin[-_SHOWN_TAIL:]


def may_see_full_iin(user: User | None) -> bool:
    return user is not None and user.role in ROLES_SEEING_FULL_IIN


def shown_iin(iin: str | None, user: User | None) -> str:
    """The IIN as a list shows it to this user (in full only where the role needs it; log that showing
    with `log_access(..., "iin.shown", ...)`)."""
    return (iin or "") if may_see_full_iin(user) else mask_iin(iin)


def access_entry(
    user: User | None, action: str, graduate: Graduate | None, details: dict[str, Any]
) -> dict[str, Any]:
    """The audit entry of a look at a person's data (for `audit.append` or `audit.record_many`). Pass
    IINs through `mask_iin` before they reach `details`."""
    origin = audit.current_origin()
    return {
        "actor": user.username
        if user is not None
        else (origin.actor if origin and origin.actor else "anonymous"),
        "action": action,
        "entity": "graduate" if graduate is not None else None,
        "entity_id": str(graduate.id) if graduate is not None else None,
        "route": origin.route if origin else None,
        "client_address": origin.client_address if origin else None,
        "details": {"graduate_id": graduate.graduate_id, **details} if graduate is not None else details,
    }


def log_access(
    session: Session, user: User | None, action: str, graduate: Graduate | None, details: dict[str, Any]
) -> None:
    """Record a look at a person's data in the audit trail, in the caller's transaction (so a failed
    request that showed nothing leaves no entry)."""
    audit.append(session, **access_entry(user, action, graduate, details))


# --- a person's data, on request -------------------------------------------------------------------


def _revisions(session: Session, pairs: list[tuple[str, uuid.UUID]]) -> list[dict[str, Any]]:
    if not pairs:
        return []
    clauses = [(col(Revision.entity) == entity) & (col(Revision.entity_id) == id_) for entity, id_ in pairs]
    rows = session.exec(
        select(Revision).where(or_(*clauses)).order_by(col(Revision.created_at), col(Revision.id))
    ).all()
    return [jsonable(r.model_dump()) for r in rows]


def _document_entry(doc: Document, match: Match) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "document_id": str(doc.id),
        "filename": doc.filename,
        "kind": doc.kind,
        "status": str(doc.status),
        "created_at": doc.created_at.isoformat(),
        "match": {
            "id": str(match.id),
            "score": match.score,
            "decision": str(match.decision),
            "reasons": [render(r, "en") for r in match.reasons],
        },
    }
    # A ledger page lists other graduates too; only a document about this person gives its fields.
    if doc.kind == "diploma":
        entry["fields"] = jsonable(doc.fields)
    return entry


def _access_log(session: Session, subjects: list[tuple[str, uuid.UUID]]) -> list[dict[str, Any]]:
    """The audit entries about the person, oldest first: looks at their record and at the documents
    matched to them (a ledger page shows their row too), and changes to any of these."""
    entries = {
        e.seq: e
        for entity, id_ in subjects
        for e in audit.search(session, entity=entity, entity_id=str(id_), limit=ACCESS_LOG_LIMIT).entries
    }
    return [jsonable(entries[seq].model_dump(exclude={"prev_hash", "hash"})) for seq in sorted(entries)]


def person_data(session: Session, graduate: Graduate) -> dict[str, Any]:
    rows = session.exec(
        select(Match, Document)
        .join(Document, col(Document.id) == col(Match.document_id))
        .where(col(Match.graduate_id) == graduate.id)
        .order_by(col(Document.created_at))
    ).all()
    diplomas = [("document", doc.id) for _, doc in rows if doc.kind == "diploma"]
    tracked = [("graduate", graduate.id), *(("match", m.id) for m, _ in rows)]
    documents = [("document", doc.id) for _, doc in rows]
    return {
        "graduate": GraduatePublic.model_validate(graduate).model_dump(mode="json"),
        "documents": [_document_entry(doc, match) for match, doc in rows],
        "revisions": _revisions(session, tracked + diplomas),
        "access_log": _access_log(session, tracked + documents),
    }


@router.get("/graduates/{graduate_id}/export", response_class=Response)
def person_export(session: SessionDep, user: CurrentUser, graduate_id: str) -> Response:
    """Everything held about one graduate (by registry ID): the registry record, the documents matched to
    them with their fields and matches, the revisions of all of these, and who looked at the person's data.
    The export itself is logged."""
    graduate = session.exec(select(Graduate).where(Graduate.graduate_id == graduate_id)).first()
    if graduate is None:
        raise NotFound(Message(Code.GRADUATE_NOT_IN_REGISTRY, graduate=graduate_id))
    data = person_data(session, graduate)
    log_access(session, user, "person.export", graduate, {"graduate_id": graduate_id})
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Response(
        body.encode("utf-8"),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="graduate-{_safe_name(graduate_id)}.json"',
            "Cache-Control": "no-store",
        },
    )


def _safe_name(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in text)[:60]
