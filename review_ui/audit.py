"""The audit log for admins and auditors: search by actor, action, entity, dates and free text, newest
first, with IINs masked. Opening the log is itself logged (review_ui.access.PERSONAL_DATA_ROUTES)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import col, select

from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from review_ui.auth import mask_iins
from review_ui.bounds import Offset
from review_ui.deps import SessionDep, get_engine
from review_ui.labels import N_
from review_ui.schemas import AuditPage
from review_ui.web import render
from storage import audit
from storage.db import session_scope
from storage.models import AuditEntry

router = APIRouter()
PAGE_SIZE = 50
API_LIMIT = 500
TEXT_LIMIT = 200  # a longer search term or filter is refused (422), not cut
DATE_LIMIT = 40
Term = Annotated[str, Query(max_length=TEXT_LIMIT)]
OptionalTerm = Annotated[str | None, Query(max_length=TEXT_LIMIT)]

ACTION_LABELS: dict[str, str] = {
    "view": N_("viewed personal data"),
    "change": N_("changed"),
    "sign_in": N_("signed in"),
    "sign_in_failed": N_("failed sign-in"),
    "sign_in_locked": N_("sign-in refused: account locked"),
    "locked": N_("account locked"),
    "unlocked": N_("account unlocked"),
    "sign_out": N_("signed out"),
    "sessions_ended": N_("sessions and tokens ended"),
    "password_change_failed": N_("password change refused"),
}


@dataclass(frozen=True)
class Filters:
    actor: str = ""
    action: str = ""
    entity: str = ""
    q: str = ""
    since: date | None = None
    until: date | None = None  # inclusive: the whole day

    def query(self, offset: int = 0) -> str:
        values = {
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "q": self.q,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        kept = {k: v for k, v in values.items() if v}
        return urlencode({**kept, "offset": offset} if offset else kept)


def _day(value: str, not_a_date: Code) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(Message(not_a_date, value=value)) from None


def _start(day: date | None, days: int = 0) -> datetime | None:
    return datetime.combine(day + timedelta(days=days), datetime.min.time(), UTC) if day else None


def entry_row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "client_address": entry.client_address,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": mask_iins(entry.entity_id),
        "route": entry.route,
        "details": mask_iins(entry.details),
        "hash": entry.hash,
    }


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(
    request: Request,
    actor: Term = "",
    action: Term = "",
    entity: Term = "",
    q: Term = "",
    since: Annotated[str, Query(max_length=DATE_LIMIT)] = "",
    until: Annotated[str, Query(max_length=DATE_LIMIT)] = "",
    offset: Offset = 0,
) -> Response:
    filters = Filters(actor.strip(), action.strip(), entity.strip(), q.strip())
    error: Message | str | None = None
    try:
        since_day = _day(since, Code.AUDIT_FROM_NOT_A_DATE)
        filters = replace(filters, since=since_day, until=_day(until, Code.AUDIT_TO_NOT_A_DATE))
    except InvalidInput as e:
        error = e.detail
    with session_scope(get_engine(request)) as session:
        found = audit.search(
            session,
            actor=filters.actor or None,
            action=filters.action or None,
            entity=filters.entity or None,
            since=_start(filters.since),
            until=_start(filters.until, days=1),
            text=filters.q or None,
            limit=PAGE_SIZE,
            offset=offset,
        )
        actions = sorted(session.exec(select(AuditEntry.action).distinct()).all())
        entities = sorted(e for e in session.exec(select(col(AuditEntry.entity)).distinct()).all() if e)
    rows = [
        entry_row(e) | {"when": e.at, "details_text": json.dumps(mask_iins(e.details), ensure_ascii=False)}
        for e in found.entries
    ]
    return render(
        request,
        "audit.html",
        {
            "filters": filters,
            "error": error,
            "rows": rows,
            "total": found.total,
            "offset": offset,
            "page_size": PAGE_SIZE,
            "actions": sorted(set(actions) | set(ACTION_LABELS)),
            "entities": entities,
            "action_labels": ACTION_LABELS,
            "previous_query": filters.query(max(offset - PAGE_SIZE, 0)) if offset else None,
            "next_query": filters.query(offset + PAGE_SIZE) if offset + PAGE_SIZE < found.total else None,
        },
    )


@router.get("/api/v1/audit", tags=["audit"], response_model=AuditPage)
def audit_api(
    session: SessionDep,
    actor: OptionalTerm = None,
    action: OptionalTerm = None,
    entity: OptionalTerm = None,
    entity_id: OptionalTerm = None,
    since: Annotated[
        str | None, Query(max_length=DATE_LIMIT, description="ISO 8601; UTC when no zone is given")
    ] = None,
    until: Annotated[str | None, Query(max_length=DATE_LIMIT, description="ISO 8601, exclusive")] = None,
    q: OptionalTerm = None,
    limit: Annotated[int, Query(ge=1, le=API_LIMIT)] = PAGE_SIZE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Audit entries, newest first, with IINs masked: views of personal data, changes, sign-ins."""
    found = audit.search(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        since=audit.parse_moment(since, "since"),
        until=audit.parse_moment(until, "until"),
        text=q,
        limit=limit,
        offset=offset,
    )
    return {
        "total": found.total,
        "limit": limit,
        "offset": offset,
        "items": [entry_row(e) for e in found.entries],
    }
