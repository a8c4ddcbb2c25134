"""Ingest one upload: validate, store the original once per sha256, record the Document, enqueue it."""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from dataclasses import dataclass

from rq import Queue
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from ingest.queueing import enqueue_processing
from ingest.sources import Upload
from muragat.errors import Conflict, FileTooLarge, InvalidInput, MuragatError
from muragat.messages import Message
from muragat.messages.catalog.files import Code
from muragat.settings import Settings
from ocr import inspect_file
from storage.db import session_scope
from storage.institutions import fold, same_institution, set_uploader_institution
from storage.keys import original_key
from storage.models import Collection, Document, DocumentStatus
from storage.objects import ObjectStore
from storage.revisions import changes_by


@dataclass
class IngestOutcome:
    filename: str
    result: str  # created | exists | rejected
    document_id: uuid.UUID | None = None
    status: str | None = None
    error_code: str | None = None
    message: str | Message = ""  # English for the CLI and the API's "message"; rendered on the page

    def to_dict(self) -> dict[str, str | None]:
        return {
            "filename": self.filename,
            "result": self.result,
            "document_id": str(self.document_id) if self.document_id else None,
            "status": self.status,
            "error_code": self.error_code,
            "message": str(self.message),
        }


MAX_FILENAME = 1000  # the width of document.filename


def clean_filename(name: str) -> str:
    """The name as a label: NFC, without control characters; refused when longer than we can store."""
    cleaned = printable(name)
    if len(cleaned) > MAX_FILENAME:
        raise InvalidInput(
            Message(Code.FILENAME_TOO_LONG, name=cleaned[:60], length=len(cleaned), limit=MAX_FILENAME)
        )
    return cleaned or "unnamed"


def rejected(filename: str, error: MuragatError) -> IngestOutcome:
    return IngestOutcome(filename, "rejected", error_code=error.code, message=error.detail)


MAX_COLLECTION_NAME = 200  # the width of collection.name


def printable(text: str) -> str:
    """A name as a label: NFC, stripped, without control characters (a NUL cannot be stored)."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if ord(c) >= 32 and c != "\x7f").strip()


def collection_id(
    engine: Engine, name: str | None, actor: str, institution: str | None = None
) -> uuid.UUID | None:
    """The upload batch of that name, made on first use (by an account limited to one institution: that
    institution's batch); none for a blank name."""
    name = printable(name or "")
    if not name:
        return None
    if len(name) > MAX_COLLECTION_NAME:
        raise InvalidInput(
            Message(Code.COLLECTION_NAME_TOO_LONG, length=len(name), limit=MAX_COLLECTION_NAME)
        )
    with session_scope(engine) as session:
        found = session.exec(select(Collection).where(Collection.name == name)).first()
        if found and institution and found.institution_key not in (None, fold(institution)):
            # another institution's batch: its documents would be shown to them, under their name
            raise Conflict(Message(Code.COLLECTION_NAME_TAKEN, name=name))
        if found:
            return found.id
        with changes_by(session, actor, Message(Code.COLLECTION_CREATED)):
            created = Collection(name=name, created_by=actor, institution=(institution or "").strip() or None)
            session.add(created)
            try:
                session.flush()
            except IntegrityError:  # made by a parallel upload just now: that one, as it was found above
                session.rollback()
                return collection_id(engine, name, actor, institution)
        return created.id


def _existing(
    engine: Engine, sha256: str, filename: str, actor: str, institution: str | None = None
) -> IngestOutcome | None:
    with session_scope(engine) as session:
        doc = session.exec(select(Document).where(Document.sha256 == sha256)).first()
        if doc is None:
            return None
        if institution and not same_institution(institution, doc.institution or ""):
            # another archive's document: not named to an account limited to one institution
            return rejected(filename, InvalidInput(Message(Code.EXISTS_ELSEWHERE, file=filename)))
        if filename != doc.filename and filename not in doc.other_filenames:
            with changes_by(session, actor, Message(Code.UPLOADED_AGAIN)):
                doc.other_filenames = [*doc.other_filenames, filename]
        return IngestOutcome(
            filename,
            "exists",
            doc.id,
            doc.status,
            message=Message(Code.EXISTS, file=filename, existing=doc.filename, id=str(doc.id)),
        )


def ingest_bytes(
    *,
    engine: Engine,
    store: ObjectStore,
    queue: Queue | None,
    settings: Settings,
    filename: str,
    data: bytes,
    collection: uuid.UUID | None = None,
    actor: str,
    institution: str | None = None,
) -> IngestOutcome:
    """Take one file into the archive (for an uploader limited to one institution: into its archive).
    Rejections are returned, never raised: a batch goes on."""
    try:
        filename = clean_filename(filename)
        if len(data) > settings.max_upload_bytes:
            raise FileTooLarge(
                Message(Code.TOO_LARGE, file=filename, size=len(data), limit=settings.max_upload_bytes)
            )
        sha256 = hashlib.sha256(data).hexdigest()
        if (seen := _existing(engine, sha256, filename, actor, institution)) is not None:
            return seen
        info = inspect_file(
            data,
            filename,
            max_pixels=settings.max_image_pixels,
            max_pages=settings.max_pages,
            dpi=settings.ocr_dpi,
            max_seconds=settings.max_inspect_seconds,
        )
        key = original_key(sha256)
        store.put_once(key, data, info.content_type)
        with session_scope(engine) as session, changes_by(session, actor, Message(Code.UPLOADED)):
            doc = Document(
                filename=filename,
                sha256=sha256,
                content_type=info.content_type,
                size_bytes=len(data),
                page_count=info.page_count,
                original_key=key,
                collection_id=collection,
            )
            set_uploader_institution(session, doc, institution)
            session.add(doc)
            session.flush()
    except IntegrityError:  # the same bytes arrived in a parallel upload a moment ago
        return _existing(engine, hashlib.sha256(data).hexdigest(), filename, actor, institution) or rejected(
            filename, InvalidInput(Message(Code.NOT_RECORDED, file=filename))
        )
    except MuragatError as e:
        return rejected(filename, e)
    outcome = IngestOutcome(
        filename,
        "created",
        doc.id,
        DocumentStatus.queued,
        message=Message(Code.STORED, file=filename, pages=info.page_count),
    )
    if queue is not None:
        try:
            enqueue_processing(queue, doc.id, doc.attempts + 1)
        except Exception as e:  # the row is queued; a worker's recovery sweep enqueues it later
            outcome.message = Message(
                Code.STORED_QUEUE_UNREACHABLE, file=filename, pages=info.page_count, error=str(e)
            )
    return outcome


def ingest_upload(
    upload: Upload,
    *,
    engine: Engine,
    store: ObjectStore,
    queue: Queue | None,
    settings: Settings,
    collection: uuid.UUID | None = None,
    actor: str,
    institution: str | None = None,
) -> IngestOutcome:
    """One read upload (a file, or a ZIP's member) into the archive; one that could not be read is
    rejected with why."""
    if upload.data is None:
        error = upload.error or FileTooLarge(Message(Code.UNREADABLE, file=upload.name))
        return rejected(upload.name, error)
    return ingest_bytes(
        engine=engine,
        store=store,
        queue=queue,
        settings=settings,
        filename=upload.name,
        data=upload.data,
        collection=collection,
        actor=actor,
        institution=institution,
    )
