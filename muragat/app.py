"""The FastAPI application factory, and the one handler that turns our errors into HTTP answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from rq import Queue
from starlette.middleware.trustedhost import TrustedHostMiddleware

import review_ui.accounts_ui
import review_ui.api
import review_ui.apidocs
import review_ui.audit
import review_ui.matches_api
import review_ui.pages
import review_ui.personal_data
import review_ui.registry_sync
import review_ui.reports
import review_ui.search
import review_ui.upload_api
import review_ui.verification
import review_ui.workbench
from muragat import __version__
from muragat.accounts import session_secret
from muragat.errors import MuragatError, NotSignedIn
from muragat.services import open_services
from muragat.settings import LOOPBACK_HOSTS, Settings, get_settings
from review_ui.auth import authorize
from review_ui.body_limits import BoundBodies
from review_ui.headers import SecurityHeaders
from review_ui.i18n import translator
from review_ui.iin_mask import MaskIins
from review_ui.nul_bytes import RefuseNulBytes
from review_ui.schemas import Health
from review_ui.session_cookie import SessionCookies
from review_ui.static_files import VersionedStaticFiles
from review_ui.token_cache import TokenCache
from review_ui.web import render


def allowed_hosts(settings: Settings) -> list[str]:
    """MURAGAT_ALLOWED_HOSTS, with the host of MURAGAT_PUBLIC_BASE_URL (its links come back there) and
    the loopback names; empty: every Host is answered."""
    hosts = [h.strip().lower() for h in settings.allowed_hosts.split(",") if h.strip()]
    if not hosts:
        return []
    public = urlsplit(settings.public_base_url or "").hostname
    return list(dict.fromkeys([*hosts, *([public] if public else []), *LOOPBACK_HOSTS]))


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn believes X-Forwarded-For and -Proto only from MURAGAT_TRUSTED_PROXIES. Left to itself it
    believes them from loopback, so any local client, or a proxy that passes the header on, could choose
    the address the rate limit counts and the audit log records."""
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    if not proxies:
        return {"proxy_headers": False, "server_header": False}
    return {"proxy_headers": True, "forwarded_allow_ips": proxies, "server_header": False}


def create_app(settings: Settings | None = None, queue: Queue | None = None) -> FastAPI:
    """The API and web UI. Uploads are queued on `queue`; without one they wait in the database
    (queued) until a worker's sweep picks them up."""
    settings = settings or get_settings()
    services = open_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.token_cache.close()

    app = FastAPI(
        title="Muragat",
        version=__version__,
        lifespan=lifespan,
        description="Digitization workbench for university archives",
        # served by review_ui.apidocs behind the access table instead (these would be open to anyone)
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.engine = services.engine
    app.state.store = services.store
    app.state.queue = queue
    app.state.token_cache = TokenCache(services.engine, settings.token_cache_seconds)

    # innermost first: the session is read before the body's sender is checked (BoundBodies), and both
    # before any middleware reads the body (RefuseNulBytes)
    app.add_middleware(MaskIins)  # it reads the user `authorize` found, from the request's state
    app.add_middleware(RefuseNulBytes)
    app.add_middleware(BoundBodies)
    app.add_middleware(
        SessionCookies,
        secret_key=session_secret(settings),
        session_cookie="muragat_session",
        max_age=settings.session_hours * 3600,
        same_site="strict",
        https_only=settings.cookie_secure,
    )
    if hosts := allowed_hosts(settings):
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", VersionedStaticFiles(), name="static")

    @app.exception_handler(MuragatError)
    async def muragat_error(request: Request, exc: MuragatError) -> Response:
        if request.url.path.startswith("/api/"):
            body = {**exc.to_dict(), "message_localized": translator(request).message(exc)}
            return JSONResponse({"error": body}, status_code=exc.http_status)
        if isinstance(exc, NotSignedIn):
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return render(request, "error.html", {"error": exc}, status_code=exc.http_status)

    guarded = [Depends(authorize)]

    @app.get("/api/v1/health", tags=["health"], dependencies=guarded, response_model=Health)
    def health() -> Health:
        services.store.ping()
        return Health(status="ok", version=__version__)

    routers = (
        review_ui.upload_api.router,
        review_ui.api.router,
        review_ui.matches_api.router,
        review_ui.pages.router,
        review_ui.search.router,
        review_ui.workbench.router,
        review_ui.audit.router,
        review_ui.apidocs.router,
        review_ui.verification.router,
        review_ui.reports.router,
        review_ui.personal_data.router,
        review_ui.registry_sync.router,
        review_ui.accounts_ui.router,
    )
    for router in routers:
        app.include_router(router, dependencies=guarded)
    return app


def served_app() -> FastAPI:
    """The app of one `muragat serve --workers N` process (uvicorn's factory, called in each process):
    settings from the environment the command left, the queue on its Redis (the command started an
    embedded one first and put its address in MURAGAT_REDIS_URL)."""
    import redis

    from muragat.queue import document_queue

    settings = get_settings()
    if settings.redis_url is None:
        return create_app(settings)
    return create_app(settings, document_queue(redis.Redis.from_url(str(settings.redis_url)), settings))
