"""The long-running commands: `worker`, `serve` and `demo` (everything embedded, with the samples)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer
from rq import Queue

from muragat.cli.context import err, load_settings, out
from muragat.cli.documents import ingest_paths, wait_for
from muragat.cli.graduates import import_registry_file
from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.queue import EmbeddedRedis, document_queue, redis_connection
from muragat.services import open_services
from muragat.settings import Settings
from muragat.worker import WorkerPool, supervise


def worker(
    count: Annotated[
        int | None, typer.Option(help="worker processes; default MURAGAT_WORKERS (one per core)")
    ] = None,
) -> None:
    """Run RQ workers until interrupted; documents left by a dead worker are queued again."""
    settings = load_settings()
    services = open_services(settings)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        pool = WorkerPool(settings, count or settings.workers)
        try:
            # started inside the try: a SIGTERM (SystemExit) as soon as a forked worker listens, before
            # the supervisor got here, left that worker running and the exit joining it for ever
            pool.start()
            err.print(f"{pool.count} workers on queue {settings.queue_name}; Ctrl-C to stop")
            supervise(services, queue, pool, until=lambda: False)
        except KeyboardInterrupt:
            pass
        finally:
            pool.stop()


def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="server processes; default MURAGAT_API_WORKERS (one per core)", min=1),
    ] = None,
) -> None:
    """Run the API and web UI."""
    settings = load_settings()
    with redis_connection(settings) as connection:
        count = workers or settings.api_workers
        if count == 1:
            queue = document_queue(connection, settings)
            _serve(settings, queue, host or settings.host, port or settings.port)
        else:
            _serve_processes(settings, count, host or settings.host, port or settings.port)


def _serve(settings: Settings, queue: Queue, host: str, port: int) -> None:
    import uvicorn

    from muragat.app import create_app, server_options

    app = create_app(settings, queue)
    uvicorn.run(app, host=host, port=port, log_level="warning", **server_options(settings))


def _serve_processes(settings: Settings, count: int, host: str, port: int) -> None:
    """`count` uvicorn processes on one socket, each with the app of `muragat.app.served_app`. What they
    share is made here first: the schema, the keys kept in MURAGAT_HOME, and the Redis this command
    uses (an embedded one included), whose address they read from the environment."""
    import os

    import uvicorn

    from muragat.accounts import session_secret, verification_key
    from muragat.app import server_options

    open_services(settings)  # migrates, and makes the audit key where it is kept in MURAGAT_HOME
    session_secret(settings)
    verification_key(settings)
    if settings.redis_url is None:  # the embedded server `redis_connection` started
        os.environ["MURAGAT_REDIS_URL"] = EmbeddedRedis(settings.home).url
    uvicorn.run(
        "muragat.app:served_app",
        factory=True,
        workers=count,
        host=host,
        port=port,
        log_level="warning",
        **server_options(settings),
    )


def demo(
    samples: Annotated[Path | None, typer.Option(help="folder with registry.csv and scans/")] = None,
    exit_when_done: Annotated[bool, typer.Option(help="stop once the samples are processed")] = False,
    port: Annotated[int | None, typer.Option(help="port of the web UI")] = None,
) -> None:
    """Everything on the embedded default: sample registry and scans, workers, web UI on 127.0.0.1:8000."""
    import uvicorn

    from muragat.app import create_app, server_options

    settings = load_settings()
    folder = samples or settings.demo_samples
    if not (folder / "registry.csv").exists() or not (folder / "scans").is_dir():
        raise InvalidInput(Message(Code.NO_SAMPLES, folder=str(folder)))
    services = open_services(settings)
    report = import_registry_file(services, folder / "registry.csv")
    out.print(report.summary(), markup=False, highlight=False)
    with redis_connection(settings) as connection:
        queue = document_queue(connection, settings)
        outcomes = ingest_paths(services, queue, [folder / "scans"], "demo samples")
        ids = {o.document_id for o in outcomes if o.document_id}
        server = None
        if not exit_when_done:
            config = uvicorn.Config(
                create_app(settings, queue),
                host=settings.host,
                port=port or settings.port,
                log_level="warning",
                **server_options(settings),
            )
            server = uvicorn.Server(config)
            threading.Thread(target=server.run, daemon=True).start()
            out.print(f"web UI: http://{settings.host}:{port or settings.port}/  (Ctrl-C to stop)")
        pool = WorkerPool(settings, settings.workers)
        pool.start()
        try:
            statuses = wait_for(services, queue, ids, pool)
            out.print("samples: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
            out.print("export them with: muragat export --format jsonl -o export.jsonl")
            if server is not None:
                supervise(services, queue, pool, until=lambda: server.should_exit)
        except KeyboardInterrupt:
            if server is not None:
                server.should_exit = True
        finally:
            pool.stop()
