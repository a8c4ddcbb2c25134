"""The job that carries a document through the stages. It takes an id and is idempotent: a retry or
a rerun after a crash finds the document as the database has it and does the rest once."""

from __future__ import annotations

import io
import threading
import uuid
from typing import Any

from PIL import Image
from rq import get_current_job
from sqlmodel import Session, delete, select

from matching.fields import extract_fields
from matching.kind import document_kind
from matching.matcher import find_candidates
from muragat.errors import MuragatError
from muragat.queue import DocumentLease
from muragat.services import Services, open_services
from muragat.settings import Settings, get_settings
from ocr import PageResult, page_images, read_page
from storage.db import session_scope
from storage.keys import page_image_key, page_text_key
from storage.models import Document, DocumentStatus, Match, MatchDecision, OcrWord, Page
from storage.revisions import changes_by

WORKER = "system:worker"
DONE = {DocumentStatus.processed, DocumentStatus.needs_review, DocumentStatus.verified, DocumentStatus.failed}


def process_document(document_id: str, settings: Settings | None = None) -> str:
    """Process one document; returns what it did, for the job's result."""
    settings = settings or get_settings()
    services = open_services(settings)
    job = get_current_job()
    connection = job.connection if job else None
    lease = DocumentLease(connection, settings, document_id) if connection is not None else None
    if lease and not lease.acquire():
        return "skipped: another worker holds this document"
    stop_renewing = threading.Event()
    if lease:
        threading.Thread(target=_renew, args=(lease, stop_renewing), daemon=True).start()
    try:
        return _process(services, uuid.UUID(document_id))
    finally:
        stop_renewing.set()
        if lease:
            lease.release()


def _renew(lease: DocumentLease, stop: threading.Event) -> None:
    while not stop.wait(max(1.0, lease.seconds / 3)):
        lease.renew()


def _process(services: Services, document_id: uuid.UUID) -> str:
    with session_scope(services.engine) as session:
        doc = session.get(Document, document_id)
        if doc is None:
            return "skipped: no such document"
        if doc.status in DONE:
            return f"skipped: already {doc.status}"
        with changes_by(session, WORKER, "processing started"):
            doc.status = DocumentStatus.processing
            doc.status_reason = None
            doc.attempts += 1
    try:
        pages = read_pages(services, doc)
        with session_scope(services.engine) as session:
            status = save_results(session, doc.id, pages)
        return f"{status}: {len(pages)} page(s)"
    except MuragatError as e:
        mark_failed(services, document_id, e.message)
        return f"failed: {e.message}"
    except Exception as e:
        mark_failed(services, document_id, f"unexpected error: {type(e).__name__}: {e}")
        raise


def read_pages(services: Services, doc: Document) -> list[PageResult]:
    settings = services.settings
    original = services.store.get(doc.original_key)
    results = []
    for number, image in enumerate(
        page_images(original, doc.filename, dpi=settings.ocr_dpi, max_pixels=settings.max_image_pixels), 1
    ):
        result = read_page(image, number=number, languages=settings.ocr_languages)
        services.store.put(page_image_key(doc.id, number), _png(image), "image/png")
        services.store.put(page_text_key(doc.id, number), result.text.encode(), "text/plain; charset=utf-8")
        results.append(result)
    return results


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


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


def mark_failed(services: Services, document_id: uuid.UUID, reason: str) -> None:
    with session_scope(services.engine) as session, changes_by(session, WORKER, "processing failed"):
        doc = session.get_one(Document, document_id)
        doc.status = DocumentStatus.failed
        doc.status_reason = reason[:2000]
