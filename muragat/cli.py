"""The command line (DESIGN.md contract). Errors become one line on stderr and an exit code, in `main`."""

from __future__ import annotations

import secrets
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rq import Queue
from sqlalchemy.engine import make_url
from sqlmodel import col, func, select

from ingest.retry import failed_document_ids, retry_document
from ingest.service import IngestOutcome, collection_id, ingest_bytes
from ingest.sources import read_uploads, walk_paths
from matching.registry import ImportReport, import_registry
from muragat.errors import Conflict, InvalidInput, MuragatError, NotFound
from muragat.export import export_records, pending_documents, to_line
from muragat.queue import document_queue, redis_connection
from muragat.services import Services, open_services
from muragat.settings import Settings, get_settings
from muragat.templates_cli import templates_app
from muragat.worker import WorkerPool, listening_workers, supervise
from storage.db import session_scope
from storage.models import FINISHED_STATUSES, Document, Role, User
from storage.revisions import changes_by

app = typer.Typer(help="Muragat: digitization workbench for university archives.", no_args_is_help=True)
graduates_app = typer.Typer(help="The graduate registry.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts (made by an admin; there is no sign-up).", no_args_is_help=True)
app.add_typer(graduates_app, name="graduates")
app.add_typer(users_app, name="users")
app.add_typer(templates_app, name="templates")
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)
CLI_ACTOR = "cli"


class ExportFormat(StrEnum):
    jsonl = "jsonl"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


# --- registry -------------------------------------------------------------------------------------


@graduates_app.command("import")
def graduates_import(
    file: Annotated[Path, typer.Argument(help="registry CSV (UTF-8, DESIGN.md columns)")],
) -> None:
    """Import or update graduates; prints rows added, updated, unchanged and rejected."""
    services = open_services(get_settings())
    report = _import_registry(services, file)
    for error in report.errors:
        err.print(f"{file}: {error}", markup=False, highlight=False)
    out.print(report.summary(), markup=False, highlight=False)
    if report.rejected:
        raise typer.Exit(2)


def _import_registry(services: Services, file: Path) -> ImportReport:
    try:
        data = file.read_bytes()
    except OSError as e:
        raise InvalidInput(f"{file}: cannot be read ({e.strerror})") from e
    with session_scope(services.engine) as session:
        return import_registry(session, data, file.name, actor=CLI_ACTOR)


# --- ingest ---------------------------------------------------------------------------------------


def _ingest_paths(
    services: Services, queue: Queue, paths: list[Path], collection: str | None
) -> list[IngestOutcome]:
    settings = services.settings
    coll = collection_id(services.engine, collection, CLI_ACTOR)
    outcomes = []
    with _progress() as progress:
        task = progress.add_task("uploading", total=sum(1 for _ in walk_paths(paths)))
        for upload in read_uploads(
            paths,
            max_bytes=settings.max_upload_bytes,
            max_members=settings.max_zip_members,
            max_zip_bytes=settings.max_zip_bytes,
        ):
            if upload.data is None:
                assert upload.error is not None
                outcome = IngestOutcome(
                    upload.name, "rejected", error_code=upload.error.code, message=upload.error.message
                )
            else:
                outcome = ingest_bytes(
                    engine=services.engine,
                    store=services.store,
                    queue=queue,
                    settings=settings,
                    filename=upload.name,
                    data=upload.data,
                    collection=coll,
                    actor=CLI_ACTOR,
                )
            if outcome.result == "rejected":
                progress.console.print(f"rejected: {outcome.message}", markup=False, highlight=False)
            elif outcome.result == "exists":
                progress.console.print(f"exists: {outcome.message}", markup=False, highlight=False)
            outcomes.append(outcome)
            if not upload.name.count(".zip/"):
                progress.advance(task)
    return outcomes


def _wait_for(
    services: Services, queue: Queue, ids: set[uuid.UUID], pool: WorkerPool | None = None
) -> dict[str, int]:
    """Block until the documents are processed, starting workers for the duration if none listens."""
    own_pool = pool is None and listening_workers(queue) == 0
    if own_pool:
        pool = WorkerPool(services.settings, services.settings.workers)
        pool.start()
    statuses: dict[str, int] = {}
    try:
        with _progress() as progress:
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

            supervise(services, queue, pool, until=finished, every=1.0)
    finally:
        if own_pool and pool:
            pool.stop()
    return statuses


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files, folders and ZIPs of scans")],
    collection: Annotated[str | None, typer.Option(help="name of the upload batch")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="block until every document is processed")] = False,
) -> None:
    """Upload scans: each file is stored once, recorded and queued; bad files are listed, the rest go on."""
    for path in paths:
        if not path.exists():
            raise InvalidInput(f"{path}: no such file or folder")
    settings = get_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        outcomes = _ingest_paths(services, queue, paths, collection)
        ids = {o.document_id for o in outcomes if o.document_id}
        created = sum(o.result == "created" for o in outcomes)
        existing = sum(o.result == "exists" for o in outcomes)
        rejected = [o for o in outcomes if o.result == "rejected"]
        out.print(f"{created} stored, {existing} already in the archive, {len(rejected)} rejected")
        if wait and ids:
            statuses = _wait_for(services, queue, ids)
            out.print(", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
        elif ids and settings.redis_url is None:
            out.print("queued; they are processed by `muragat worker` (or run ingest with --wait)")
    if rejected:
        names = ", ".join(o.filename for o in rejected[:10]) + (", ..." if len(rejected) > 10 else "")
        raise InvalidInput(
            f"{len(rejected)} of {len(outcomes)} files rejected ({names}); the reasons are above"
        )


@app.command()
def retry(
    document_ids: Annotated[list[str] | None, typer.Argument(help="documents to retry")] = None,
    all_failed: Annotated[bool, typer.Option("--all-failed", help="retry every failed document")] = False,
) -> None:
    """Put failed documents back on the queue."""
    settings = get_settings()
    services = open_services(settings)
    ids = failed_document_ids(services.engine) if all_failed else [_uuid(d) for d in document_ids or []]
    if not ids:
        raise InvalidInput("name the documents to retry, or use --all-failed")
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        for document_id in ids:
            doc = retry_document(services.engine, queue, document_id, actor=CLI_ACTOR)
            out.print(f"queued again: {doc.filename} ({doc.id})", markup=False, highlight=False)


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as e:
        raise InvalidInput(f"{value!r} is not a document id") from e


# --- export ---------------------------------------------------------------------------------------


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="export format")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="file to write; stdout if omitted")
    ] = None,
) -> None:
    """Write one JSON document a line (DESIGN.md), for every document that has finished processing."""
    services = open_services(get_settings())
    count = 0
    if output:
        tmp = output.with_name(output.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for record in export_records(services.engine):
                fh.write(to_line(record))
                count += 1
        tmp.replace(output)
    else:
        for record in export_records(services.engine):
            sys.stdout.write(to_line(record))
            count += 1
    pending = pending_documents(services.engine)
    err.print(
        f"exported {count} documents"
        + (f"; {pending} still queued or processing, not exported" if pending else "")
    )


# --- accounts -------------------------------------------------------------------------------------


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="user name")],
    role: Annotated[Role, typer.Option(help="role of the account")],
    full_name: Annotated[str | None, typer.Option(help="the person's full name")] = None,
    request_reference: Annotated[
        str | None, typer.Option("--request", help="reference of the written request")
    ] = None,
    institution: Annotated[
        str | None, typer.Option(help="limit the account to this institution's graduates and documents")
    ] = None,
) -> None:
    """Create an account; prints a one-time password to hand over."""
    from argon2 import PasswordHasher

    services = open_services(get_settings())
    password = secrets.token_urlsafe(12)
    with session_scope(services.engine) as session:
        if session.exec(select(User).where(User.username == name)).first():
            raise Conflict(f"user {name!r} already exists")
        with changes_by(
            session, CLI_ACTOR, f"account created on request {request_reference or '(none given)'}"
        ):
            session.add(
                User(
                    username=name,
                    role=role,
                    full_name=full_name,
                    request_reference=request_reference,
                    institution=institution.strip() if institution and institution.strip() else None,
                    password_hash=PasswordHasher().hash(password),
                )
            )
    out.print(f"created {name} ({role}); one-time password: {password}", markup=False, highlight=False)


# --- accounts: lockout and API tokens; the audit trail ----------------------------------------------

tokens_app = typer.Typer(
    help="API tokens for integrations (made by an admin, shown once).", no_args_is_help=True
)
audit_app = typer.Typer(help="The audit trail: check its hash chain, search it.", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens")
app.add_typer(audit_app, name="audit")
AUDIT_BROKEN_EXIT = 8


@users_app.command("unlock")
def users_unlock(name: Annotated[str, typer.Argument(help="user name")]) -> None:
    """Let a locked-out account sign in again now (the failures are forgotten)."""
    from storage import audit

    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        user = session.exec(select(User).where(User.username == name).with_for_update()).first()
        if user is None:
            raise NotFound(f"user {name!r} does not exist")
        user.failed_logins, user.locked_until = 0, None
        audit.append(session, actor=CLI_ACTOR, action="unlocked", entity="user", entity_id=name, route="cli")
    out.print(f"unlocked {name}", markup=False, highlight=False)


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Argument(help="the account the token acts as")],
    name: Annotated[str, typer.Option(help="what uses the token, e.g. the registry sync of a university")],
) -> None:
    """Create an API token; prints it once (only its hash is kept): send it as `Authorization: Bearer`."""
    from review_ui.tokens import create_token

    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        issued = create_token(session, user, name, CLI_ACTOR)
    err.print(
        f"created API token {issued.token.id} ({issued.token.prefix}...) for {user}; "
        "it is shown only now, keep it secret:",
        markup=False,
        highlight=False,
    )
    out.print(issued.secret, markup=False, highlight=False)


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[str, typer.Argument(help="the token's id (see `tokens list`)")],
) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    from review_ui.tokens import revoke_token

    try:
        ident = uuid.UUID(token_id)
    except ValueError as e:
        raise InvalidInput(f"{token_id!r} is not a token id (see `muragat tokens list`)") from e
    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        token = revoke_token(session, ident, CLI_ACTOR)
    out.print(
        f"revoked API token {token.id} ({token.prefix}..., {token.name})", markup=False, highlight=False
    )


@tokens_app.command("list")
def tokens_list() -> None:
    """Every API token: id, first characters, account, name, created, last used, revoked."""
    from review_ui.tokens import list_tokens

    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        rows = list_tokens(session)
    for token, username in rows:
        used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never used"
        state = f"revoked {token.revoked_at.isoformat(timespec='seconds')}" if token.revoked_at else "active"
        out.print(
            f"{token.id}  {token.prefix}...  {username}  {token.name}  "
            f"created {token.created_at.isoformat(timespec='seconds')}  {used}  {state}",
            markup=False,
            highlight=False,
        )


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain from its first entry; names the first edited or missing entry."""
    from storage import audit
    from storage.models import AuditEntry

    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        total = session.exec(select(func.count()).select_from(AuditEntry)).one()
        with _progress() as progress:
            task = progress.add_task("checking", total=total)
            result = audit.verify(session, progress=lambda n: progress.update(task, completed=n))
            progress.update(task, completed=result.checked)
    if not result.ok:
        intact = f"; the {result.head_seq} entries before it are intact" if result.head_seq > 1 else ""
        intact = "; the entry before it is intact" if result.head_seq == 1 else intact
        err.print(f"error: {result.message()}{intact}", markup=False, highlight=False)
        raise typer.Exit(AUDIT_BROKEN_EXIT)
    out.print(result.message(), markup=False, highlight=False)


@audit_app.command("search")
def audit_search(
    actor: Annotated[str | None, typer.Option(help="user name, or cli / system:worker")] = None,
    action: Annotated[
        str | None, typer.Option(help="view, change, sign_in, sign_in_failed, locked, ...")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="document, graduate, user, api_token, ...")] = None,
    since: Annotated[str | None, typer.Option(help="ISO 8601 date or time (UTC without a zone)")] = None,
    until: Annotated[str | None, typer.Option(help="ISO 8601 date or time, exclusive")] = None,
    text: Annotated[str | None, typer.Option(help="words in the ids, route, address or details")] = None,
    limit: Annotated[int, typer.Option(min=1, help="most entries to print")] = 100,
) -> None:
    """Audit entries, newest first, one a line (JSON details at the end)."""
    import json

    from storage import audit

    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        found = audit.search(
            session,
            actor=actor,
            action=action,
            entity=entity,
            since=audit.parse_moment(since, "--since"),
            until=audit.parse_moment(until, "--until"),
            text=text,
            limit=limit,
        )
    for e in found.entries:
        what = " ".join(p for p in (e.entity, e.entity_id) if p)
        out.print(
            f"{e.seq}  {e.at.isoformat(timespec='seconds')}  {e.actor}  {e.client_address or '-'}  "
            f"{e.action}  {what or '-'}  {e.route or '-'}  {json.dumps(e.details, ensure_ascii=False)}",
            markup=False,
            highlight=False,
        )
    err.print(f"{len(found.entries)} of {found.total} entries")


# --- services -------------------------------------------------------------------------------------


@app.command()
def worker(
    count: Annotated[
        int | None, typer.Option(help="worker processes; default MURAGAT_WORKERS (one per core)")
    ] = None,
) -> None:
    """Run RQ workers until interrupted; documents left by a dead worker are queued again."""
    settings = get_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        pool = WorkerPool(settings, count or settings.workers)
        pool.start()
        err.print(f"{pool.count} workers on queue {settings.queue_name}; Ctrl-C to stop")
        try:
            supervise(services, queue, pool, until=lambda: False)
        except KeyboardInterrupt:
            pass
        finally:
            pool.stop()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
) -> None:
    """Run the API and web UI."""
    settings = get_settings()
    with redis_connection(settings) as connection:
        _serve(settings, document_queue(connection, settings), host or settings.host, port or settings.port)


def _serve(settings: Settings, queue: Queue, host: str, port: int) -> None:
    import uvicorn

    from muragat.app import create_app

    uvicorn.run(create_app(settings, queue), host=host, port=port, log_level="warning")


@app.command()
def demo(
    samples: Annotated[Path | None, typer.Option(help="folder with registry.csv and scans/")] = None,
    exit_when_done: Annotated[bool, typer.Option(help="stop once the samples are processed")] = False,
    port: Annotated[int | None, typer.Option(help="port of the web UI")] = None,
) -> None:
    """Everything on the embedded default: sample registry and scans, workers, web UI on 127.0.0.1:8000."""
    import uvicorn

    from muragat.app import create_app

    settings = get_settings()
    folder = samples or settings.demo_samples
    if not (folder / "registry.csv").exists() or not (folder / "scans").is_dir():
        raise InvalidInput(f"{folder}: no registry.csv and scans/ folder here")
    services = open_services(settings)
    report = _import_registry(services, folder / "registry.csv")
    out.print(report.summary(), markup=False, highlight=False)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        outcomes = _ingest_paths(services, queue, [folder / "scans"], "demo samples")
        ids = {o.document_id for o in outcomes if o.document_id}
        server = None
        if not exit_when_done:
            config = uvicorn.Config(
                create_app(settings, queue),
                host=settings.host,
                port=port or settings.port,
                log_level="warning",
            )
            server = uvicorn.Server(config)
            threading.Thread(target=server.run, daemon=True).start()
            out.print(f"web UI: http://{settings.host}:{port or settings.port}/  (Ctrl-C to stop)")
        pool = WorkerPool(settings, settings.workers)
        pool.start()
        try:
            statuses = _wait_for(services, queue, ids, pool)
            out.print("samples: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
            out.print("export them with: muragat export --format jsonl -o export.jsonl")
            if server is not None:
                supervise(services, queue, pool, until=lambda: server.should_exit)
        except KeyboardInterrupt:
            if server is not None:
                server.should_exit = True
        finally:
            pool.stop()


@app.command()
def status() -> None:
    """How many documents are in each state."""
    services = open_services(get_settings())
    with session_scope(services.engine) as session:
        rows = session.exec(select(Document.status, func.count()).group_by(Document.status)).all()
    for state, n in sorted(rows):
        out.print(f"{state}: {n}")


# --- faults and backups: the reconciler, backup and restore ------------------------------------------


@app.command()
def reconcile() -> None:
    """One sweep: queue again every document left queued or processing that no job will finish."""
    from muragat.reconcile import reconcile as sweep

    settings = get_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        result = sweep(services, document_queue(connection, settings))
    for r in result.requeued:
        out.print(
            f"queued again: {r.filename} ({r.document_id}), attempt {r.attempt}: {r.why}",
            markup=False,
            highlight=False,
        )
    summary = (
        f"{len(result.requeued)} queued again, {result.waiting} queued with a job waiting, "
        f"{result.held} processing by a live worker"
    )
    if result.deferred:
        summary += (
            f", {result.deferred} processing without a lease left alone: Redis restarted "
            f"{result.redis_uptime:.0f} s ago, their workers may still take it again (run this again "
            f"in {settings.job_lease_seconds} s)"
        )
    out.print(summary, markup=False, highlight=False)


def _backup_progress(progress: Progress) -> Callable[[str, int, int], None]:
    tasks: dict[str, TaskID] = {}

    def update(what: str, done: int, total: int) -> None:
        if what not in tasks:
            tasks[what] = progress.add_task(what, total=total)
        progress.update(tasks[what], completed=done, total=total)

    return update


@app.command()
def backup(
    dest: Annotated[Path, typer.Argument(help="new folder to write the backup into (must not exist)")],
) -> None:
    """A consistent database dump, every object of the store, and a manifest with their sha256."""
    from muragat.backup import backup as make_backup

    settings = get_settings()
    with _progress() as progress:
        report = make_backup(settings, dest, _backup_progress(progress))
    out.print(report.summary("backed up to"), markup=False, highlight=False)


@app.command()
def restore(
    src: Annotated[Path, typer.Argument(help="a folder written by `muragat backup`")],
    yes: Annotated[
        bool, typer.Option("--yes", help="replace the configured database without asking")
    ] = False,
) -> None:
    """Replace the database with a backup's and write its objects back, each checked against the manifest.

    Stop `muragat serve` and the workers first: the database is replaced under them.
    """
    from muragat.backup import restore as restore_backup

    settings = get_settings()
    if not yes and not typer.confirm(
        f"replace the database {make_url(settings.sqlalchemy_url).render_as_string()} with {src}?"
    ):
        raise typer.Exit(1)
    with _progress() as progress:
        report = restore_backup(settings, src, _backup_progress(progress))
    out.print(
        report.summary("restored from") + "; every object checked against the manifest",
        markup=False,
        highlight=False,
    )


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C, so a private redis-server and workers are stopped


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        app()
    except MuragatError as e:
        err.print(f"error: {e.message}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
