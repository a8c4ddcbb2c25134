"""The shapes of the review JSON routes (the OpenAPI schema and what the pages' scripts read); each
model lists every key its row function in review_ui.review_rows (or the route) gives."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from review_ui.i18n import Translator


class Out(BaseModel):
    # a key a row function gives that its model does not list is an error (a test sees the 500), not
    # a key silently dropped from the answer that a page's script then misses
    model_config = ConfigDict(extra="forbid")


class QueueItem(Out):
    id: str
    filename: str
    status: str
    confidence: float | None


class QueueOut(Out):
    ids: list[str]  # the order next and previous walk through
    items: list[QueueItem]


class CompareRow(Out):
    field: str
    label: str
    extracted: str
    registry: str
    same: bool | None  # None where either side has no value
    detail: str = ""  # for an IIN: where the two differ, by digit position (the digits are masked)


class RegistryOnlyRow(Out):
    field: str
    label: str
    registry: str


class CandidateOut(Out):
    match_id: str
    graduate_id: str
    name: str
    score: float
    score_text: str
    decision: str
    decision_text: str
    reasons: list[str]  # in the user's language
    record: dict[str, Any]  # the graduate's registry record
    compare: list[CompareRow]
    registry_only: list[RegistryOnlyRow]
    differences: int
    row: int | None = None  # the ledger row the graduate was found for


class RevisionOut(Out):
    id: str
    entity: str
    entity_id: str
    field: str
    what: str
    subject: str
    old: Any
    new: Any
    old_text: str
    new_text: str
    actor: str
    reason: str  # as stored: a person's words, or the system's reason in English
    reason_message: dict[str, Any] | None  # the system's reason as a muragat.messages code and params
    reason_text: str  # in the user's language, a restore's and a decision's in their shorter form
    reason_full: str  # in the user's language, whole
    created_at: str
    when: str
    restorable: bool


class FieldsChanged(Out):
    changed: list[str]
    fields: dict[str, Any]
    revisions: list[RevisionOut]
    document_status: str
    status_reason: str  # in the reader's language
    candidates_changed: bool  # matching, run again after the edit, found other graduates


class LineOut(Out):
    page: int
    block: int
    line: int
    left: int
    top: int
    width: int
    height: int
    text: str
    ocr_text: str  # what OCR read
    corrected_by: str


class Resolved(Out):
    document_id: uuid.UUID
    document_status: str
    status_reason: str


class SearchHit(Out):
    document_id: str
    filename: str
    status: str
    page: int | None
    snippet: str


class AuditEntryOut(Out):
    seq: int
    at: str
    actor: str
    client_address: str | None
    action: str
    entity: str | None
    entity_id: str | None
    route: str | None
    details: Any
    hash: str


class AuditPage(Out):
    total: int
    limit: int
    offset: int
    items: list[AuditEntryOut]


class CollectionStatus(Out):
    id: str
    name: str
    created_at: str
    counts: dict[str, int]  # documents per status
    total: int


class Health(Out):
    status: str
    version: str


class RegistryImportOut(Out):
    added: int
    updated: int
    unchanged: int
    rejected: int
    summary: str
    summary_localized: str
    errors: list[str]  # one a bad row, naming its line
    errors_localized: list[str]
    warnings: list[str]
    warnings_localized: list[str]


def in_english_and_localized(messages: Iterable[object], t: Translator) -> tuple[list[str], list[str]]:
    """Messages as an API answer gives them: in English (what integrations read and log), and in the
    caller's interface language (the `*_localized` keys)."""
    kept = list(messages)
    return [str(m) for m in kept], [t.message(m) for m in kept]
