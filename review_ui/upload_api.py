"""Upload endpoints: one or many files (multipart), ZIPs expanded; retry of failed documents. The HTTP
edge of ingest/, here beside the other routes so that ingest/ knows nothing of the web UI."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile, status
from fastapi.responses import JSONResponse
from rq import Queue
from sqlmodel import col, func, select
from starlette.concurrency import run_in_threadpool

from ingest.retry import retry_document
from ingest.service import IngestOutcome, collection_id, ingest_upload, rejected
from ingest.sources import Upload, expand_zip, is_zip
from muragat.errors import FileTooLarge
from muragat.messages import Message
from muragat.messages.catalog.files import Code
from muragat.services import Services
from review_ui.deps import EngineDep, QueueDep, SessionDep, SettingsDep, StoreDep
from review_ui.i18n import translator
from review_ui.schemas import CollectionStatus
from storage.models import Collection, Document, DocumentPublic

router = APIRouter(prefix="/api/v1", tags=["upload"])
API_ACTOR = "api"


def _actor(request: Request) -> str:
    """Who uploads: the signed-in user (session or token); "api" only where nobody is named."""
    user = getattr(request.state, "user", None)
    return user.username if user is not None else API_ACTOR


def _institution(request: Request) -> str | None:
    """The uploader's institution, where their account is limited to one: the upload is that archive's."""
    user = getattr(request.state, "user", None)
    return user.institution if user is not None else None


async def _read_limited(upload: UploadFile, limit: int) -> bytes | None:
    data = await upload.read(limit + 1)
    return None if len(data) > limit else data


def _ingest_upload(
    services: Services,
    queue: Queue | None,
    name: str,
    data: bytes,
    collection: uuid.UUID | None,
    actor: str,
    institution: str | None = None,
) -> list[IngestOutcome]:
    """One uploaded file, or each member of an uploaded ZIP, taken into the archive."""
    settings = services.settings
    members = (
        expand_zip(
            name,
            data,
            max_members=settings.max_zip_members,
            max_bytes=settings.max_zip_bytes,
            max_member_bytes=settings.max_upload_bytes,
        )
        if is_zip(data)
        else iter([Upload(name, data)])
    )
    return [
        ingest_upload(
            member,
            engine=services.engine,
            store=services.store,
            queue=queue,
            settings=settings,
            collection=collection,
            actor=actor,
            institution=institution,
        )
        for member in members
    ]


@router.post("/documents", status_code=status.HTTP_207_MULTI_STATUS)
async def upload_documents(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    store: StoreDep,
    queue: QueueDep,
    files: Annotated[list[UploadFile], File(description="scans: JPEG, PNG, TIFF, PDF, or ZIPs of them")],
    collection: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    """Store each file once and queue it. Each file gets its own result; one bad file stops nothing."""
    services = Services(settings, engine, store)
    actor = _actor(request)
    institution = _institution(request)
    coll = await run_in_threadpool(collection_id, services.engine, collection, actor, institution)
    outcomes: list[IngestOutcome] = []
    for upload in files:
        name = upload.filename or "upload"
        limit = settings.max_zip_bytes if name.lower().endswith(".zip") else settings.max_upload_bytes
        data = await _read_limited(upload, limit)
        if data is None:
            outcomes.append(rejected(name, FileTooLarge(Message(Code.LARGER_THAN, file=name, limit=limit))))
            continue
        # checking and storing a scan takes CPU and disk time: off the event loop, so others are served
        outcomes.extend(
            await run_in_threadpool(_ingest_upload, services, queue, name, data, coll, actor, institution)
        )
    t = translator(request)
    body: dict[str, Any] = {
        "created": sum(o.result == "created" for o in outcomes),
        "existing": sum(o.result == "exists" for o in outcomes),
        "rejected": sum(o.result == "rejected" for o in outcomes),
        # message_localized: the message in the uploader's interface language, for the upload page
        "results": [o.to_dict() | {"message_localized": t.message(o.message)} for o in outcomes],
    }
    return JSONResponse(body, status_code=status.HTTP_207_MULTI_STATUS)


@router.post("/documents/{document_id}/retry", response_model=DocumentPublic)
def retry(request: Request, engine: EngineDep, queue: QueueDep, document_id: uuid.UUID) -> Any:
    return retry_document(engine, queue, document_id, actor=_actor(request))


@router.get("/collections", response_model=list[CollectionStatus])
def collections_status(session: SessionDep) -> list[dict[str, object]]:
    """Each upload batch with how many of its documents are in each state (for live progress)."""
    collections = session.exec(select(Collection).order_by(col(Collection.created_at).desc()).limit(50)).all()
    rows = session.exec(
        select(Document.collection_id, Document.status, func.count())
        .where(col(Document.collection_id).in_([c.id for c in collections]))
        .group_by(col(Document.collection_id), col(Document.status))
    ).all()
    counts: dict[object, dict[str, int]] = {}
    for batch, state, count in rows:
        counts.setdefault(batch, {})[str(state)] = count
    return [
        {
            "id": str(c.id),
            "name": c.name,
            "created_at": c.created_at.isoformat(),
            "counts": counts.get(c.id, {}),
            "total": sum(counts.get(c.id, {}).values()),
        }
        for c in collections
    ]
