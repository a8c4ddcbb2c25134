"""The documents' commands: `ingest`, `retry`, `export`, `status` and `reconcile`."""

from __future__ import annotations

import sys
import uuid
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rq import Queue
from sqlmodel import col, func, select

from ingest.retry import failed_document_ids, retry_document
from ingest.service import IngestOutcome, collection_id, ingest_upload
from ingest.sources import largest_first, read_uploads, walk_paths
from muragat.cli.context import CLI_ACTOR, err, load_settings, out, progress_bar
from muragat.errors import InvalidInput
from muragat.export import export_records, pending_documents, to_line
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.queue import FinishedEvents, document_queue, redis_connection
from muragat.services import Services, open_services
from muragat.training import export_tesstrain
from muragat.worker import WorkerPool, listening_workers, supervise
from storage.db import session_scope
from storage.models import FINISHED_STATUSES, Document


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    tesstrain = "tesstrain"  # a folder of line images with the text a person gave them (.gt.txt)


def ingest_paths(
    services: Services, queue: Queue, paths: list[Path], collection: str | None
) -> list[IngestOutcome]:
    """Every file under `paths` ingested, the largest first (`largest_first`); the outcomes in the order
    of the files as named and walked."""
    settings = services.settings
    coll = collection_id(services.engine, collection, CLI_ACTOR)
    files = list(walk_paths(paths))
    place = {path: index for index, path in reversed(list(enumerate(files)))}
    outcomes: list[tuple[int, IngestOutcome]] = []
    with progress_bar() as progress:
        task = progress.add_task("uploading", total=len(files))
        for path in largest_first(files):
            for upload in read_uploads(
                [path],
                max_bytes=settings.max_upload_bytes,
                max_members=settings.max_zip_members,
                max_zip_bytes=settings.max_zip_bytes,
            ):
                outcome = ingest_upload(
                    upload,
                    engine=services.engine,
                    store=services.store,
                    queue=queue,
                    settings=settings,
                    collection=coll,
                    actor=CLI_ACTOR,
                )
                if outcome.result == "rejected":
                    progress.console.print(f"rejected: {outcome.message}", markup=False, highlight=False)
                elif outcome.result == "exists":
                    progress.console.print(f"exists: {outcome.message}", markup=False, highlight=False)
                outcomes.append((place[path], outcome))
            progress.advance(task)
    return [outcome for _, outcome in sorted(outcomes, key=lambda pair: pair[0])]


def wait_for(
    services: Services, queue: Queue, ids: set[uuid.UUID], pool: WorkerPool | None = None
) -> dict[str, int]:
    """Block until the documents are processed, starting workers for the duration if none listens."""
    own_pool = pool is None and listening_workers(queue) == 0
    if own_pool:
        pool = WorkerPool(services.settings, services.settings.workers)
    statuses: dict[str, int] = {}
    events = FinishedEvents(queue.connection, services.settings)
    try:
        if own_pool and pool:
            pool.start()  # inside the try, so that it is stopped whatever interrupts what follows
        with progress_bar() as progress:
            task = progress.add_task("processing", total=len(ids))

            def finished() -> bool:
                nonlocal statuses
                with session_scope(services.engine) as session:
                    rows = session.exec(
                        select(Document.status, func.count())
                        .where(col(Document.id).in_(ids))
                        .group_by(Document.status)
                    ).all()
                statuses = {str(s): n for s, n in rows}
                done = sum(n for s, n in statuses.items() if s in FINISHED_STATUSES)
                progress.update(task, completed=done)
                return done >= len(ids)

            supervise(services, queue, pool, until=finished, every=1.0, pause=events.wait)
    finally:
        events.close()
        if own_pool and pool:
            pool.stop()
    return statuses


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files, folders and ZIPs of scans")],
    collection: Annotated[str | None, typer.Option(help="name of the upload batch")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="block until every document is processed")] = False,
) -> None:
    """Upload scans: each file is stored once, recorded and queued; bad files are listed, the rest go on."""
    for path in paths:
        if not path.exists():
            raise InvalidInput(Message(Code.NO_SUCH_PATH, path=str(path)))
    settings = load_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        # started first, so the first document is read while the rest are stored
        pool = (
            WorkerPool(settings, settings.workers, fork=True)
            if wait and listening_workers(queue) == 0
            else None
        )
        try:
            if pool:
                pool.start()
            outcomes = ingest_paths(services, queue, paths, collection)
            ids = {o.document_id for o in outcomes if o.document_id}
            created = sum(o.result == "created" for o in outcomes)
            existing = sum(o.result == "exists" for o in outcomes)
            rejected = [o for o in outcomes if o.result == "rejected"]
            out.print(f"{created} stored, {existing} already in the archive, {len(rejected)} rejected")
            if wait and ids:
                statuses = wait_for(services, queue, ids, pool)
                out.print(", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
            elif ids and settings.redis_url is None:
                out.print("queued; they are processed by `muragat worker` (or run ingest with --wait)")
        finally:
            if pool:
                pool.stop()
    if rejected:
        names = ", ".join(o.filename for o in rejected[:10]) + (", ..." if len(rejected) > 10 else "")
        raise InvalidInput(
            Message(Code.FILES_REJECTED, rejected=len(rejected), total=len(outcomes), names=names)
        )


def retry(
    document_ids: Annotated[list[str] | None, typer.Argument(help="documents to retry")] = None,
    all_failed: Annotated[bool, typer.Option("--all-failed", help="retry every failed document")] = False,
) -> None:
    """Put failed documents back on the queue."""
    settings = load_settings()
    services = open_services(settings)
    ids = failed_document_ids(services.engine) if all_failed else [_uuid(d) for d in document_ids or []]
    if not ids:
        raise InvalidInput(Message(Code.NOTHING_TO_RETRY))
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        for document_id in ids:
            doc = retry_document(services.engine, queue, document_id, actor=CLI_ACTOR)
            out.print(f"queued again: {doc.filename} ({doc.id})", markup=False, highlight=False)


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as e:
        raise InvalidInput(Message(Code.NOT_A_DOCUMENT_ID, value=repr(value))) from e


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="export format")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="file to write; stdout if omitted")
    ] = None,
) -> None:
    """Write one JSON document a line (DESIGN.md), for every document that has finished processing; or,
    with --format tesstrain -o DIR, the lines people corrected or confirmed as tesstrain ground truth."""
    services = open_services(load_settings())
    if format == ExportFormat.tesstrain:
        if output is None:
            raise InvalidInput(Message(Code.TESSTRAIN_NEEDS_FOLDER))
        written = export_tesstrain(services.engine, services.store, output)
        err.print(
            f"wrote {written.lines} line images with their .gt.txt to {output}"
            + (
                f"; {written.skipped} corrections not found again after a re-OCR, left out"
                if written.skipped
                else ""
            )
        )
        return
    count = 0
    if output:
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                for record in export_records(services.engine):
                    fh.write(to_line(record))
                    count += 1
            tmp.replace(output)
        except OSError as e:
            with suppress(OSError):
                tmp.unlink()
            raise InvalidInput(
                Message(Code.CANNOT_BE_WRITTEN, file=str(output), error=e.strerror or str(e))
            ) from e
    else:
        for record in export_records(services.engine):
            sys.stdout.write(to_line(record))
            count += 1
    pending = pending_documents(services.engine)
    err.print(
        f"exported {count} documents"
        + (f"; {pending} still queued or processing, not exported" if pending else "")
    )


def status() -> None:
    """How many documents are in each state."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        rows = session.exec(select(Document.status, func.count()).group_by(Document.status)).all()
    for state, n in sorted(rows):
        out.print(f"{state}: {n}")


def reconcile() -> None:
    """One sweep: queue again every document left queued or processing that no job will finish."""
    from muragat.reconcile import reconcile as sweep

    settings = load_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        result = sweep(services, document_queue(connection, settings))
    for r in result.requeued:
        out.print(
            f"queued again: {r.filename} ({r.document_id}), attempt {r.attempt}: {r.why}",
            markup=False,
            highlight=False,
        )
    for r in result.failed:
        out.print(f"failed: {r.filename} ({r.document_id}): {r.why}", markup=False, highlight=False)
    summary = (
        f"{len(result.requeued)} queued again, {len(result.failed)} failed after {settings.max_attempts} "
        f"stopped workers, {result.waiting} queued with a job waiting, {result.held} processing by a live "
        "worker"
    )
    if result.deferred:
        summary += (
            f", {result.deferred} processing without a lease left alone: Redis restarted "
            f"{result.redis_uptime:.0f} s ago, their workers may still take it again (run this again "
            f"in {settings.job_lease_seconds} s)"
        )
    out.print(summary, markup=False, highlight=False)
