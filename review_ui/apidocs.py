"""The OpenAPI description and its Swagger page, for admins only.

FastAPI's own `/docs`, `/redoc` and `/openapi.json` are switched off in `muragat.app`: they are added
without the routers' dependencies, so they would bypass the access table of review_ui.access.

The page works offline and under the site's Content-Security-Policy: Swagger UI's files come from the
fastapi-swagger package, served here, and its start-up is a static script (static/api-docs.js), where
FastAPI's own page would load them from a CDN and start them with an inline script.
"""

from __future__ import annotations

from enum import StrEnum
from html import escape
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from review_ui.static_files import static_url

router = APIRouter(include_in_schema=False)

ASSETS_CACHE = "private, max-age=86400"
# Swagger UI 5 (it reads the OpenAPI 3.1 FastAPI writes; the swagger-ui-bundle package's 4.x cannot)
SWAGGER_UI = files("fastapi_swagger") / "resources"


class Asset(StrEnum):
    """The files of Swagger UI the page uses (no other file of the package is served)."""

    bundle = "swagger-ui-bundle.js"
    css = "swagger-ui.css"
    icon = "favicon-32x32.png"


@router.get("/openapi.json")
def openapi_schema(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    title = escape(f"{request.app.title} API")
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <link rel="stylesheet" href="/docs/assets/{Asset.css}">
  <link rel="icon" href="/docs/assets/{Asset.icon}">
</head>
<body>
  <div id="swagger-ui" data-openapi-url="/openapi.json"></div>
  <script src="/docs/assets/{Asset.bundle}"></script>
  <script src="{static_url("api-docs.js")}"></script>
</body>
</html>
"""
    )


@router.get("/docs/assets/{name}")
def api_docs_asset(name: Asset) -> FileResponse:
    return FileResponse(str(SWAGGER_UI / name.value), headers={"Cache-Control": ASSETS_CACHE})
