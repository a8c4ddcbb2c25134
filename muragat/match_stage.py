"""The matching stage of the job: kind, fields with their evidence, and candidate graduates saved with the
pages, in one transaction. A reviewer's confirmed or rejected match is never changed by a rerun."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, delete, select

from matching.candidates import SqlIndex
from matching.decisions import RESOLUTION_KINDS, document_status, ledger_status, resolution_in_force
from matching.fields import extract_fields
from matching.found import Found
from matching.kind import classify
from matching.ledger import extract_ledger_rows
from matching.matcher import RowMatch, match_diploma, match_ledger, registry_spelling
from matching.scoring import Scored
from matching.templates import LoadedProfile
from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from ocr import Box, Line, PageResult, Word
from storage.corrections import reapply
from storage.institutions import assign_institution, unscoped
from storage.keys import page_image_key
from storage.models import Document, DocumentStatus, Match, MatchDecision, OcrWord, Page
from storage.revisions import changes_by, set_by_people

WORKER = "system:worker"
MATCHER = "system:matching"  # matching run again after a person's edit
REVIEWED = (MatchDecision.confirmed, MatchDecision.rejected)


def _save_pages(session: Session, document_id: uuid.UUID, pages: list[PageResult]) -> None:
    old_pages = select(Page.id).where(Page.document_id == document_id)
    session.exec(delete(OcrWord).where(OcrWord.page_id.in_(old_pages)))  # type: ignore[attr-defined]
    session.exec(delete(Page).where(Page.document_id == document_id))  # type: ignore[arg-type]
    for result in pages:
        page = Page(
            document_id=document_id,
            number=result.number,
            width=result.width,
            height=result.height,
            text=result.text,
            language=result.language,
            confidence=result.confidence,
            source=result.source,
            image_key=page_image_key(document_id, result.number),
            steps=result.steps,
            qr_codes=list(result.qr_codes),
        )
        session.add(page)
        session.flush()
        session.add_all(
            OcrWord(
                page_id=page.id,
                block=w.block,
                line=w.line,
                position=w.position,
                text=w.text,
                left=w.box.left,
                top=w.box.top,
                width=w.box.width,
                height=w.box.height,
                confidence=w.confidence,
                language=w.language,
                readings=list(w.readings),
            )
            for w in result.words
        )


def stored_results(session: Session, document_id: uuid.UUID) -> list[PageResult]:
    """The document's pages as the database holds them: the words after a person's corrections."""
    results = []
    for page in session.exec(select(Page).where(Page.document_id == document_id).order_by(col(Page.number))):
        words = session.exec(
            select(OcrWord)
            .where(OcrWord.page_id == page.id)
            .order_by(col(OcrWord.block), col(OcrWord.line), col(OcrWord.position))
        )
        lines: dict[tuple[int, int], list[Word]] = {}
        for w in words:
            box = Box(left=w.left, top=w.top, width=w.width, height=w.height)
            lines.setdefault((w.block, w.line), []).append(
                Word(
                    text=w.text,
                    box=box,
                    confidence=w.confidence,
                    block=w.block,
                    line=w.line,
                    position=w.position,
                    language=w.language,
                    readings=w.readings,
                )  # fmt: skip
            )
        results.append(
            PageResult(
                number=page.number,
                width=page.width,
                height=page.height,
                lines=[Line(words=ws) for ws in lines.values()],
                language=page.language,
                source=page.source,
                steps=page.steps,
                qr_codes=page.qr_codes,
            )  # fmt: skip
        )
    return results


def _evidence(found: dict[str, Found]) -> dict[str, Any]:
    return {name: f.evidence() for name, f in found.items()}


def _plain(found: Found | None) -> Any:
    return None if found is None else found.value


def with_people_values(
    found: dict[str, Found], stored: dict[str, Any], held: dict[str, str]
) -> dict[str, Found]:
    """The readings with each field a person set (`held`: name to who) replaced by the value they set
    (a field they removed stays removed); matching then works from what the person said."""
    out = {name: f for name, f in found.items() if name not in held}
    for name in held:
        if stored.get(name) is not None:
            out[name] = Found(stored[name], 1.0, source="reviewer")
    return out


def save_results(
    session: Session,
    document_id: uuid.UUID,
    pages: list[PageResult],
    profiles: Sequence[LoadedProfile] | None = None,
) -> DocumentStatus:
    """Pages, words, fields and matches in one transaction, replacing pages of an unfinished earlier try;
    fields are read with the template `profiles` (default: the shipped ones). Lines a person corrected
    keep the person's text, and fields are read from it."""
    _save_pages(session, document_id, pages)
    if reapply(session, document_id):
        pages = stored_results(session, document_id)
    decision = classify([p.text for p in pages], [q for p in pages for q in p.qr_codes])
    kind = decision.kind
    source = SqlIndex(session)
    scored: list[Scored] = []
    fields: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    ledger: list[RowMatch] = []
    doc = session.get_one(Document, document_id)
    held = set_by_people(session, document_id)
    if kind in ("diploma", "supplement"):
        extraction = extract_fields(pages, profiles, kind=kind)
        read = dict(extraction.fields)
        found = with_people_values(read, doc.fields, held)
        scored = match_diploma(found, source)
        if scored and scored[0].decision == MatchDecision.auto_matched:
            registry_spelling(found, scored[0])
        found = with_people_values(found, doc.fields, held)
        fields, evidence = {n: f.value for n, f in found.items()}, _evidence(found)
        for name, actor in held.items():  # the machine's reading is kept beside the person's value
            evidence[name] = {
                **(_evidence(read).get(name) or {}),
                "read": _plain(read.get(name)),
                "set_by": actor,
            }
    elif kind == "ledger":
        rows = extract_ledger_rows(pages, profiles)
        ledger = match_ledger(rows, source)
        scored = [s for m in ledger for s in m.candidates]
        fields = {"ledger_rows": [{n: f.value for n, f in row.items()} for row in rows]}
        evidence = {"ledger_rows": [_evidence(row) for row in rows]}
    with changes_by(session, WORKER, Message(Code.MATCH_FINISHED, reason=decision.reason)):
        doc.kind = kind
        doc.page_count = len(pages)
        doc.fields = fields
        doc.field_evidence = evidence
        rows_of = {s.record.key: m.row for m in ledger for s in m.candidates}
        decisions = save_matches(session, document_id, scored, keep_others=kind == "archive", rows=rows_of)
        if kind == "ledger":
            session.flush()
            stored = session.exec(select(Match).where(Match.document_id == document_id))
            status, reason = ledger_status(len(rows), stored, doc.row_resolutions)
        else:
            status, reason = document_status(kind, decisions, fields, decision)
        doc.status, message = kept_resolution(session, doc.id, status, reason, kind)
        doc.explain(message)
        if kind == "supplement":
            doc.diploma_document_id = diploma_document(session, document_id, fields, scored)
        elif kind == "diploma" and fields.get("diploma_number"):
            _link_waiting_supplements(session, doc)
        assign_institution(session, doc)
    return doc.status


def rematch(session: Session, document_id: uuid.UUID, edited_by: str) -> bool:
    """Match a diploma or supplement again from its fields as they now stand, after `edited_by` changed
    some: candidates with new reasons, a reviewer's decisions kept, the status following (a person's
    resolution kept). Returns whether the candidates changed. Against the whole registry, as the worker
    matched it, also on a session scoped to the editor's institution: there, another institution's
    match of the document would be unseen, and left settled beside a new one."""
    with unscoped(session):
        return _rematch(session, document_id, edited_by)


def _rematch(session: Session, document_id: uuid.UUID, edited_by: str) -> bool:
    doc = session.get_one(Document, document_id)
    if doc.kind not in ("diploma", "supplement"):
        return False
    held = set_by_people(session, doc.id)
    found = {}
    for name, value in doc.fields.items():
        evidence = doc.field_evidence.get(name) or {}
        if name in held:
            found[name] = Found(value, 1.0, source="reviewer")
        else:
            found[name] = Found(
                value, float(evidence.get("confidence") or 0.9), source=evidence.get("source", "ocr")
            )
    before = set(session.exec(select(Match.graduate_id).where(Match.document_id == doc.id)))
    scored = match_diploma(found, SqlIndex(session))
    with changes_by(session, MATCHER, Message(Code.REMATCHED, actor=edited_by)):
        decisions = save_matches(session, doc.id, scored)
        if doc.status in (DocumentStatus.needs_review, DocumentStatus.processed):
            found_status, found_reason = document_status(doc.kind, decisions, doc.fields)
            status, reason = kept_resolution(session, doc.id, found_status, found_reason, doc.kind)
            if (status, reason.to_json()) != (doc.status, doc.status_message):
                doc.status = status
                doc.explain(reason)
        session.flush()
        assign_institution(session, doc)
    return before != set(session.exec(select(Match.graduate_id).where(Match.document_id == doc.id)))


def kept_resolution(
    session: Session, document_id: uuid.UUID, status: DocumentStatus, reason: Message, kind: str | None
) -> tuple[DocumentStatus, Message]:
    """The status machine work arrives at, unless a person resolved the document ("reviewed: not in the
    registry", "reviewed") and the machine would send it back for review: the person's word stands, as
    long as it fits what the document is now read as (a letter read again as a diploma is reviewed anew)."""
    if status != DocumentStatus.needs_review:
        return status, reason
    resolution = resolution_in_force(session, document_id)
    if resolution is None or kind not in RESOLUTION_KINDS.get(resolution.code, ()):
        return status, reason
    return DocumentStatus.processed, resolution


def _link_waiting_supplements(session: Session, diploma: Document) -> None:
    """Supplements read before the diploma they name are linked to it now."""
    query = select(Document).where(
        Document.kind == "supplement",
        col(Document.diploma_document_id).is_(None),
        _diploma_number_is(str(diploma.fields["diploma_number"])),
    )
    for supplement in session.exec(query):
        supplement.diploma_document_id = diploma.id


def _diploma_number_is(number: str) -> Any:
    """The documents whose fields hold this diploma number, compared in SQL (json_extract on SQLite,
    ->> on PostgreSQL) rather than by loading every document's fields."""
    return col(Document.fields)["diploma_number"].as_string() == number


def diploma_document(
    session: Session, supplement_id: uuid.UUID, fields: dict[str, Any], scored: list[Scored]
) -> uuid.UUID | None:
    """The diploma document a supplement names: one of the archive's diplomas with the same number, the
    one matched to the supplement's graduate first."""
    number = fields.get("diploma_number")
    if not number:
        return None
    query = select(Document.id).where(
        Document.kind == "diploma", Document.id != supplement_id, _diploma_number_is(str(number))
    )
    same = list(session.exec(query))
    if len(same) <= 1 or not scored:
        return same[0] if same else None
    graduate = scored[0].record.key
    matched = set(session.exec(select(Match.document_id).where(Match.graduate_id == graduate)))
    return next((d for d in same if d in matched), same[0])


def save_matches(
    session: Session,
    document_id: uuid.UUID,
    scored: list[Scored],
    keep_others: bool = False,
    rows: dict[Any, int] | None = None,
) -> list[MatchDecision]:
    """Write the candidates, each with its ledger row from `rows`; a reviewer's decision stays, and where
    a person confirmed a graduate for the document (or ledger row) nothing else is matched automatically
    there. Earlier automatic candidates that are no longer found are removed. The automatic matches are
    written last, after the rest is flushed, so the database never sees two settled ones at once."""
    rows = rows or {}
    existing = {m.graduate_id: m for m in session.exec(select(Match).where(Match.document_id == document_id))}
    held = {m.row or 0 for m in existing.values() if m.decision == MatchDecision.confirmed}
    decisions = [m.decision for m in existing.values() if m.decision in REVIEWED]
    wanted = {candidate.record.key for candidate in scored}
    for key, match in existing.items():
        if key not in wanted and match.decision not in REVIEWED and not keep_others:
            session.delete(match)
    settled_last: list[tuple[Scored, MatchDecision]] = []
    for candidate in scored:
        key = candidate.record.key
        decision = MatchDecision(candidate.decision)
        if decision == MatchDecision.auto_matched and (rows.get(key) or 0) in held:
            decision = MatchDecision.needs_review
        stored = existing.get(key)
        if stored is not None and stored.decision in REVIEWED:
            continue
        decisions.append(decision)
        if decision == MatchDecision.auto_matched:
            settled_last.append((candidate, decision))
            if (
                stored is not None
                and stored.decision == MatchDecision.auto_matched
                and (stored.row or 0) != (rows.get(key) or 0)
            ):  # moving to another row: off its old one first, so that it never meets another settled
                stored.decision = MatchDecision.needs_review
            continue
        _write_match(session, document_id, existing.get(key), candidate, decision, rows.get(key))
    session.flush()
    for candidate, decision in settled_last:
        key = candidate.record.key
        _write_match(session, document_id, existing.get(key), candidate, decision, rows.get(key))
    return decisions


def _write_match(
    session: Session,
    document_id: uuid.UUID,
    match: Match | None,
    candidate: Scored,
    decision: MatchDecision,
    row: int | None,
) -> None:
    reasons = [r.to_json() for r in candidate.reasons]
    if match is None:
        new = Match(document_id=document_id, graduate_id=candidate.record.key, score=candidate.score,
                    decision=decision, row=row)  # fmt: skip
        new.reasons = reasons
        session.add(new)
        return
    match.score, match.decision, match.reasons, match.row = candidate.score, decision, reasons, row
