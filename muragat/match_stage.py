"""The matching stage of the job: kind, fields and candidate graduates saved with the pages, in one
transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, delete, select

from matching.fields import extract_fields
from matching.kind import document_kind
from matching.matcher import find_candidates
from ocr import PageResult
from storage.keys import page_image_key
from storage.models import Document, DocumentStatus, Match, MatchDecision, OcrWord, Page
from storage.revisions import changes_by

WORKER = "system:worker"


def save_results(session: Session, document_id: uuid.UUID, pages: list[PageResult]) -> DocumentStatus:
    """Pages, words, fields and matches in one transaction, replacing pages of an unfinished earlier try."""
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
            )
            for w in result.words
        )
    texts = [p.text for p in pages]
    kind, kind_reason = document_kind(texts)
    fields: dict[str, Any] = extract_fields(texts) if kind == "diploma" else {}
    doc = session.get_one(Document, document_id)
    with changes_by(session, WORKER, f"OCR and matching finished; {kind_reason}"):
        doc.kind = kind
        doc.page_count = len(pages)
        doc.fields = fields
        decisions = save_matches(session, document_id, fields) if kind == "diploma" else []
        needs_review = kind == "diploma" and MatchDecision.auto_matched not in decisions
        doc.status = DocumentStatus.needs_review if needs_review else DocumentStatus.processed
        doc.status_reason = _status_reason(kind, decisions)
    return doc.status


def _status_reason(kind: str, decisions: list[MatchDecision]) -> str:
    if kind != "diploma":
        return f"{kind}: no graduate matching for this kind yet"
    if MatchDecision.auto_matched in decisions:
        return "matched to a graduate on two independent keys"
    if decisions:
        return "candidate graduates found; a reviewer must decide"
    return "no graduate in the registry matches the diploma's keys"


def save_matches(session: Session, document_id: uuid.UUID, fields: dict[str, Any]) -> list[MatchDecision]:
    existing = {m.graduate_id: m for m in session.exec(select(Match).where(Match.document_id == document_id))}
    decisions = []
    for candidate in find_candidates(session, fields)[:5]:
        match = existing.get(candidate.graduate.id)
        if match is None:
            match = Match(
                document_id=document_id,
                graduate_id=candidate.graduate.id,
                score=candidate.score,
                decision=candidate.decision,
                reasons=candidate.reasons,
            )
            session.add(match)
        elif match.decision not in (
            MatchDecision.confirmed,
            MatchDecision.rejected,
        ):  # a reviewer's word stays
            match.score, match.decision, match.reasons = (
                candidate.score,
                candidate.decision,
                candidate.reasons,
            )
        decisions.append(match.decision)
    return decisions
