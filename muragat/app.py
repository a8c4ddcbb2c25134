"""The FastAPI application factory, and the one handler that turns our errors into HTTP answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from rq import Queue

import ingest.api
import review_ui.api
import review_ui.pages
from muragat import __version__
from muragat.errors import MuragatError
from muragat.services import open_services
from muragat.settings import Settings, get_settings


def create_app(settings: Settings | None = None, queue: Queue | None = None) -> FastAPI:
    """The API and web UI. Uploads are queued on `queue`; without one they wait in the database
    (queued) until a worker's sweep picks them up."""
    settings = settings or get_settings()
    services = open_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        title="Muragat",
        version=__version__,
        lifespan=lifespan,
        description="Digitization workbench for university archives",
    )
    app.state.settings = settings
    app.state.engine = services.engine
    app.state.store = services.store
    app.state.queue = queue

    @app.exception_handler(MuragatError)
    async def muragat_error(request: Request, exc: MuragatError) -> JSONResponse:
        return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status)

    @app.get("/api/v1/health", tags=["health"])
    def health() -> dict[str, str]:
        services.store.ping()
        return {"status": "ok", "version": __version__}

    app.include_router(ingest.api.router)
    app.include_router(review_ui.api.router)
    app.include_router(review_ui.pages.router)
    return app
