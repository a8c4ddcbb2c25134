"""The pages' scripts and styles, served under a path that names the version of their content.

A page links `/static/v/<version>/app.js` (`static_url`), where the version is a hash of every file in
review_ui/static: a browser may keep such a file for good (`immutable`), and a release that changes any
script or style changes the path, so nobody runs yesterday's app.js against today's pages. The modules'
relative imports (`./http.js`) resolve under the same versioned path. A path with another version (a page
cached from before a release) still gets today's file, but not for good; unversioned paths are revalidated.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).parent / "static"
FOREVER = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@cache
def static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def static_url(name: str) -> str:
    return f"/static/v/{static_version()}/{name}"


class VersionedStaticFiles(StaticFiles):
    def __init__(self) -> None:
        super().__init__(directory=STATIC_DIR)

    async def get_response(self, path: str, scope: Scope) -> Response:
        parts = Path(path).parts
        versioned = len(parts) > 2 and parts[0] == "v"
        response = await super().get_response(str(Path(*parts[2:])) if versioned else path, scope)
        if response.status_code == 200:
            current = versioned and parts[1] == static_version()
            response.headers["Cache-Control"] = FOREVER if current else REVALIDATE
        return response
