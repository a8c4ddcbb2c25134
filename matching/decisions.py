"""A document's status from its matches: the one rule the matching stage and a reviewer's decision share.

A diploma or supplement is done when one graduate is matched automatically or confirmed. A ledger or
order is done only when every row read is: each row needs its own settled match, and a row with no
candidate at all (its graduate is not in the registry, or the row could not be read) waits for a person.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matching.kind import KindDecision
from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message, from_json
from muragat.messages.catalog.errors import Code as Error
from muragat.messages.catalog.review import Code
from storage import queries
from storage.institutions import assign_institution
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Revision
from storage.revisions import SYSTEM_ACTOR_PREFIX, changes_by

SETTLED = (MatchDecision.auto_matched, MatchDecision.confirmed)
KEY_FIELDS = ("diploma_number", "iin", "last_name")  # without one of these a diploma cannot be matched
DECISION_WORDS = {MatchDecision.confirmed: Code.CONFIRMED, MatchDecision.rejected: Code.REJECTED}


def document_status(
    kind: str, decisions: list[MatchDecision], fields: dict[str, Any], decision: KindDecision | None = None
) -> tuple[DocumentStatus, Message]:
    """Status of a diploma, supplement or archive document after matching, with its reason."""
    if kind == "archive":
        if decision is not None and max(decision.scores.values(), default=0) >= 1:
            return DocumentStatus.needs_review, Message(Code.LOOKS_EDUCATIONAL)
        return DocumentStatus.processed, Message(Code.ARCHIVE)
    if not any(fields.get(k) for k in KEY_FIELDS):
        if kind == "supplement":
            return DocumentStatus.needs_review, Message(Code.SUPPLEMENT_UNREAD)
        return DocumentStatus.needs_review, Message(Code.DIPLOMA_UNREAD)
    if any(d in SETTLED for d in decisions):
        return DocumentStatus.processed, Message(Code.MATCHED)
    if decisions:
        return DocumentStatus.needs_review, Message(Code.CANDIDATES_FOUND)
    return DocumentStatus.needs_review, Message(Code.NO_GRADUATE)


def ledger_status(
    row_count: int, matches: Iterable[Match], resolved: Iterable[int | str] = ()
) -> tuple[DocumentStatus, Message]:
    """Status of a ledger of `row_count` rows; a settled match stored before rows were recorded (row
    None) settles one row, and so does a row a reviewer resolved as not in the registry (`resolved`)."""
    if not row_count:
        return DocumentStatus.needs_review, Message(Code.LEDGER_UNREAD)
    settled = [m for m in matches if m.decision in SETTLED]
    rows = {m.row for m in settled if m.row is not None} | {
        int(r) for r in resolved if 0 < int(r) <= row_count
    }
    rows_settled = len(rows) + sum(m.row is None for m in settled)
    open_rows = max(0, row_count - rows_settled)
    if not open_rows:
        return DocumentStatus.processed, Message(Code.LEDGER_MATCHED, count=row_count)
    return DocumentStatus.needs_review, Message(Code.LEDGER_OPEN, open=open_rows, count=row_count)


def ledger_rows(fields: dict[str, Any] | None) -> int:
    rows = (fields or {}).get("ledger_rows")
    return len(rows) if isinstance(rows, list) else 0


def decide(
    session: Session,
    document_id: uuid.UUID,
    graduate_id: str,
    to: MatchDecision,
    actor: str,
    reason: str,
    replace: bool = False,
) -> DocumentStatus:
    """A reviewer's decision on one candidate, as a revision by `actor`, and the document's status after
    it; returns that status. The document is locked first, by confirm and reject alike, so decisions on
    one document are taken one after the other and never deadlock. A confirm where another graduate is
    confirmed for the same document (or ledger row) is refused unless `replace`, which rejects that one."""
    doc = queries.document(session, document_id, lock=True)
    found = session.exec(
        select(Match, Graduate)
        .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
        .where(Match.document_id == document_id, Graduate.graduate_id == graduate_id)
    ).first()
    if found is None:
        raise NotFound(Message(Error.NOT_A_CANDIDATE, graduate=graduate_id, document=str(document_id)))
    match, _ = found
    if to == MatchDecision.confirmed:
        make_room(session, match, graduate_id, actor, reason, replace)
    word = Message(DECISION_WORDS[to]) if to in DECISION_WORDS else to.value
    with changes_by(session, actor, Message(Code.DECIDED, decision=word, why=reason)):
        match.decision = to
        flush_settled(session)
        matches = list(session.exec(select(Match).where(Match.document_id == document_id)))
        if (status := after_decision(doc, matches, graduate_id, to, actor)) is not None:
            doc.status = status[0]
            doc.explain(status[1])
        assign_institution(session, doc)
    return doc.status


def make_room(
    session: Session, match: Match, graduate_id: str, actor: str, reason: str, replace: bool = False
) -> None:
    """Before `match` is settled: the other graduate matched automatically for its document (or ledger
    row) is set back for review; one a person confirmed stays, and the confirm is refused, unless
    `replace`, which rejects it with `reason`."""
    others = session.exec(
        select(Match, Graduate.graduate_id)
        .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
        .where(
            Match.document_id == match.document_id,
            col(Match.id) != match.id,
            col(Match.decision).in_(SETTLED),
        )
    ).all()
    for other, other_graduate in others:
        if (other.row or 0) != (match.row or 0):
            continue
        if other.decision == MatchDecision.confirmed and not replace:
            place = Message(Error.PLACE_ROW, row=match.row) if match.row else Message(Error.PLACE_DOCUMENT)
            raise Conflict(
                Message(
                    Error.ANOTHER_CONFIRMED,
                    other=other_graduate,
                    actor=_decided_by(session, other),
                    place=place,
                )
            )
        why = (
            Message(Code.REPLACED, graduate=graduate_id, why=reason)
            if other.decision == MatchDecision.confirmed
            else Message(Code.SET_BACK, actor=actor, graduate=graduate_id)
        )
        with changes_by(session, actor, why):
            other.decision = (
                MatchDecision.rejected
                if other.decision == MatchDecision.confirmed
                else MatchDecision.needs_review
            )
    flush_settled(session)


def _decided_by(session: Session, match: Match) -> str:
    last = session.exec(
        select(Revision.actor)
        .where(Revision.entity_id == match.id, Revision.field == "decision")
        .order_by(col(Revision.created_at).desc())
        .limit(1)
    ).first()
    return last or "-"


def flush_settled(session: Session) -> None:
    """Flush, turning the database's refusal of a second settled match (a race no lock caught) into
    the same Conflict a reviewer gets."""
    try:
        session.flush()
    except IntegrityError as e:
        if "uq_match_one_settled" not in str(e.orig):
            raise
        raise Conflict(Message(Error.ANOTHER_CONFIRMED_RACE)) from e


def after_decision(
    doc: Document, matches: list[Match], graduate_id: str, decision: MatchDecision, actor: str
) -> tuple[DocumentStatus, Message] | None:
    """The document's status after a reviewer's decision on one candidate, with its reason, or None
    where it stays."""
    if doc.kind == "ledger":
        status, reason = ledger_status(ledger_rows(doc.fields), matches, doc.row_resolutions)
        return None if (status, reason.to_json()) == (doc.status, doc.status_message) else (status, reason)
    if decision == MatchDecision.confirmed:
        return DocumentStatus.processed, Message(Code.MATCH_CONFIRMED, graduate=graduate_id, actor=actor)
    if doc.status == DocumentStatus.processed and not any(m.decision in SETTLED for m in matches):
        return DocumentStatus.needs_review, Message(Code.MATCH_REJECTED, graduate=graduate_id, actor=actor)
    return None


# --- a person's resolution of a document that matching cannot settle ---------------------------------

RESOLUTION_CODES = {"not_in_registry": Code.RESOLVED_NOT_IN_REGISTRY, "reviewed": Code.RESOLVED_REVIEWED}
RESOLUTIONS = tuple(RESOLUTION_CODES.values())
# the kinds of document each resolution is for (a rerun keeps it only while the document is one)
RESOLUTION_KINDS: dict[str, tuple[str | None, ...]] = {
    Code.RESOLVED_NOT_IN_REGISTRY: ("diploma", "supplement"),
    Code.RESOLVED_REVIEWED: ("archive", None),
}


def _refuse_if_settled(session: Session, document_id: uuid.UUID) -> None:
    """A document whose graduate is matched or confirmed is not resolved without one: reject it first."""
    settled = session.exec(
        select(Match.id).where(Match.document_id == document_id, col(Match.decision).in_(SETTLED))
    ).first()
    if settled is not None:
        raise Conflict(Message(Error.RESOLVE_HAS_MATCH))


def resolve(session: Session, document_id: uuid.UUID, resolution: Code, actor: str, reason: str) -> Document:
    """A reviewer finishes a document that matching cannot: a diploma whose graduate is not in the
    registry ("reviewed: not in the registry"), or an archive document ("reviewed"). Later machine work
    (a rerun, matching again after an edit) keeps it (muragat.match_stage.kept_resolution)."""
    doc = queries.document(session, document_id, lock=True)
    if resolution == Code.RESOLVED_REVIEWED and doc.kind not in ("archive", None):
        raise Conflict(Message(Error.RESOLVE_NOT_ARCHIVE, kind=doc.kind))
    if resolution == Code.RESOLVED_NOT_IN_REGISTRY:
        if doc.kind not in ("diploma", "supplement"):
            raise Conflict(Message(Error.RESOLVE_NOT_DIPLOMA, kind=str(doc.kind)))
        _refuse_if_settled(session, document_id)
    if doc.status not in (DocumentStatus.needs_review, DocumentStatus.processed):
        raise Conflict(Message(Error.RESOLVE_NOT_FINISHED, status=str(doc.status)))
    message = Message(resolution, actor=actor, why=reason)
    with changes_by(session, actor, message):
        doc.status = DocumentStatus.processed
        doc.explain(message)
    return doc


def resolution_in_force(session: Session, document_id: uuid.UUID) -> Message | None:
    """The resolution a person gave the document, unless a person's later action replaced it."""
    rows = session.exec(
        select(Revision.new_value, Revision.actor)
        .where(Revision.entity_id == document_id, Revision.field == "status_message")
        .order_by(col(Revision.created_at).desc())
    )
    for new_value, actor in rows:
        if actor.startswith(SYSTEM_ACTOR_PREFIX):
            continue
        if isinstance(new_value, dict) and new_value.get("code") in {str(c) for c in RESOLUTIONS}:
            return from_json(new_value)
        return None
    return None


def resolve_row(session: Session, document_id: uuid.UUID, row: int, actor: str, reason: str) -> Document:
    """A reviewer says ledger row `row` names a graduate the registry lacks: the row counts as done."""
    doc = queries.document(session, document_id, lock=True)
    count = ledger_rows(doc.fields)
    if doc.kind != "ledger" or not 1 <= row <= count:
        raise NotFound(Message(Error.NO_LEDGER_ROW, row=row, id=str(document_id), count=count))
    matches = list(session.exec(select(Match).where(Match.document_id == document_id)))
    if any(m.row == row and m.decision in SETTLED for m in matches):
        raise Conflict(Message(Error.RESOLVE_HAS_MATCH))
    message = Message(Code.ROW_NOT_IN_REGISTRY, row=row, actor=actor, why=reason)
    with changes_by(session, actor, message):
        doc.row_resolutions = {**doc.row_resolutions, str(row): {"actor": actor, "why": reason}}
        status, why = ledger_status(count, matches, doc.row_resolutions)
        if (status, why.to_json()) != (doc.status, doc.status_message):
            doc.status = status
            doc.explain(why)
    return doc


# --- an admin adds the document's graduate to the registry ------------------------------------------

REGISTRY_REQUIRED = ("last_name", "first_name", "institution", "degree", "graduation_year")
REGISTRY_COPIED = (
    "iin", "patronymic", "program_code", "program_name", "enrollment_year", "diploma_series",
    "diploma_number", "registration_number", "honors",
)  # fmt: skip


REGISTRY_LIMITS = {"last_name": 200, "first_name": 200, "patronymic": 200, "iin": 12, "diploma_series": 20,
                   "diploma_number": 30, "registration_number": 30, "program_code": 50}  # fmt: skip


def _registered_already(session: Session, values: dict[str, Any]) -> str | None:
    """A graduate of the registry with the document's IIN, or its diploma series and number."""
    if values.get("iin"):
        found = session.exec(select(Graduate.graduate_id).where(Graduate.iin == values["iin"])).first()
        if found:
            return found
    if values.get("diploma_number"):
        query = select(Graduate.graduate_id).where(Graduate.diploma_number == values["diploma_number"])
        if values.get("diploma_series"):
            query = query.where(Graduate.diploma_series == values["diploma_series"])
        return session.exec(query).first()
    return None


def register_from_document(
    session: Session, document_id: uuid.UUID, graduate_id: str | None, actor: str, reason: str
) -> tuple[Document, Graduate]:
    """A graduate the registry lacks, made from the document's fields (as a reviewer checked them), and
    confirmed as the document's graduate; both are revisions by `actor`."""
    doc = queries.document(session, document_id, lock=True)
    if doc.kind not in ("diploma", "supplement"):
        raise Conflict(Message(Error.RESOLVE_NOT_DIPLOMA, kind=str(doc.kind)))
    _refuse_if_settled(session, document_id)
    missing = [n for n in REGISTRY_REQUIRED if doc.fields.get(n) in (None, "")]
    if missing:
        raise InvalidInput(Message(Error.REGISTER_FIELDS_MISSING, fields=", ".join(missing)))
    key = (graduate_id or "").strip() or f"DOC-{doc.id.hex[:10]}"
    if session.exec(select(Graduate.id).where(Graduate.graduate_id == key)).first() is not None:
        raise Conflict(Message(Error.REGISTER_ID_TAKEN, graduate=key))
    values = {
        n: doc.fields[n]
        for n in (*REGISTRY_REQUIRED, *REGISTRY_COPIED)
        if doc.fields.get(n) not in (None, "")
    }
    too_long = [n for n, v in values.items() if isinstance(v, str) and len(v) > REGISTRY_LIMITS.get(n, 500)]
    if too_long:
        raise InvalidInput(Message(Error.REGISTER_TOO_LONG, fields=", ".join(too_long)))
    same = _registered_already(session, values)
    if same is not None:  # the graduate is there after all: confirm that one instead
        raise Conflict(Message(Error.REGISTER_DUPLICATE, graduate=same))
    if issued := doc.fields.get("issue_date"):
        values["issue_date"] = date.fromisoformat(str(issued))
    why = Message(Code.REGISTERED_FROM_DOCUMENT, graduate=key, actor=actor, why=reason)
    with changes_by(session, actor, why):
        graduate = Graduate(graduate_id=key, **values)
        session.add(graduate)
        session.flush()
        confirmed = Match(document_id=doc.id, graduate_id=graduate.id, score=1.0,
                          decision=MatchDecision.confirmed, reasons=[why.to_json()])  # fmt: skip
        session.add(confirmed)
        doc.status = DocumentStatus.processed
        doc.explain(Message(Code.MATCH_CONFIRMED, graduate=key, actor=actor))
        session.flush()
        assign_institution(session, doc)
    return doc, graduate
