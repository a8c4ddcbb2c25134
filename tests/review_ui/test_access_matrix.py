"""Every route of the application against every role, and anonymous visitors, with real requests.

The routes come from the application itself, so a new route is tested as soon as it exists: one that has
no rule in review_ui.access fails here by name, and each rule is checked as enforced, not as written.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from pydantic import BaseModel
from starlette.routing import Mount

from muragat.settings import Settings
from review_ui.access import ACCESS, EVERY_ROLE, PERSONAL_DATA_ROUTES, PUBLIC
from storage.models import Role
from tests.review_ui.conftest import make_user, page_csrf, sign_in

SAFE = {"GET", "HEAD", "OPTIONS"}
# what any account needs, whatever its role: signing out, its language, its start page, its own password
OPEN_TO_EVERY_ROLE = {"logout", "choose_language", "home", "account_page", "change_password"}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # with sample values for its parameters

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


def _sample(annotation: Any) -> str:
    """A value of the parameter's type: a request that passes the access check then finds nothing."""
    if annotation is uuid.UUID:
        return str(uuid.uuid4())
    if annotation is int:
        return "1"
    if typing.get_origin(annotation) is typing.Literal:
        return str(typing.get_args(annotation)[0])
    return "x"


def endpoints(app: FastAPI) -> list[Endpoint]:
    found = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, Mount):
            continue
        path = route.path_format
        for param in route.dependant.path_params:
            path = path.replace("{" + param.name + "}", _sample(param.field_info.annotation))
        found.extend(Endpoint(route.name, method, path) for method in sorted(route.methods or ()))
    return found


def mounts(app: FastAPI) -> set[str]:
    return {r.name for r in iter_route_contexts(app.routes) if isinstance(r.original_route, Mount)}


@pytest.fixture
def app(app_client: TestClient) -> FastAPI:
    return typing.cast(FastAPI, app_client.app)


def test_every_route_has_a_rule(app: FastAPI) -> None:
    missing = sorted({e.name for e in endpoints(app)} - set(ACCESS) - PUBLIC)
    assert missing == [], f"routes with no rule in review_ui/access.py (refused to everyone): {missing}"


def test_every_rule_names_a_route(app: FastAPI) -> None:
    names = {e.name for e in endpoints(app)} | mounts(app)
    assert sorted((set(ACCESS) | PUBLIC | set(PERSONAL_DATA_ROUTES)) - names) == []


def test_route_names_are_unique(app: FastAPI) -> None:
    """The table is keyed by name: two routes of one name would share a rule without anyone noticing."""
    seen: dict[str, str] = {}
    for route in iter_route_contexts(app.routes):
        assert route.name not in seen or seen[route.name] == route.path_format, route.name
        seen[route.name] = route.path_format


def test_the_rules_keep_to_the_design() -> None:
    open_to_all = {name for name, roles in ACCESS.items() if roles == EVERY_ROLE}
    assert open_to_all == OPEN_TO_EVERY_ROLE
    assert not set(PERSONAL_DATA_ROUTES) & PUBLIC
    assert ACCESS["audit_page"] == ACCESS["audit_api"] == {Role.admin, Role.auditor}
    assert ACCESS["graduates_import"] == {Role.admin}
    for name in ("get_document", "page_image", "list_documents", "document_candidates"):
        assert Role.auditor not in ACCESS[name] and Role.verifier not in ACCESS[name], name


@pytest.fixture
def clients(settings: Settings, app: FastAPI) -> Iterator[dict[Role | None, TestClient]]:
    """A client signed in for each role (through the sign-in form), and one for anonymous visitors."""
    made: dict[Role | None, TestClient] = {}
    for role in Role:
        client = TestClient(app, raise_server_exceptions=False)
        make_user(settings, f"matrix-{role}", role)
        sign_in(client, f"matrix-{role}")
        made[role] = client
    anonymous = TestClient(app, raise_server_exceptions=False)
    anonymous.headers["X-CSRF-Token"] = page_csrf(anonymous.get("/login").text)
    made[None] = anonymous
    yield made
    for client in made.values():
        client.close()


def _outcome(endpoint: Endpoint, role: Role | None, status: int, location: str) -> str | None:
    """What is wrong with the answer, or None when it is as review_ui/access.py designs it."""
    if status >= 500:
        return f"server error {status}"
    if endpoint.name in PUBLIC:
        return f"refused ({status}) though public" if status in (401, 403) else None
    if role is None:
        sent_to_sign_in = status == 303 and location.startswith("/login")
        if (endpoint.is_api and status == 401) or (not endpoint.is_api and sent_to_sign_in):
            return None
        return f"anonymous got {status} {location}"
    if role in ACCESS.get(endpoint.name, frozenset()):
        return f"refused ({status}) though allowed" if status in (401, 403) else None
    return None if status == 403 else f"got {status} though forbidden"


def test_every_route_for_every_role(app: FastAPI, clients: dict[Role | None, TestClient]) -> None:
    # signing out ends the session the other requests need: it goes last
    ordered = sorted(endpoints(app), key=lambda e: e.name == "logout")
    wrong = []
    for endpoint in ordered:
        for role, client in clients.items():
            answer = client.request(endpoint.method, endpoint.path, follow_redirects=False)
            problem = _outcome(endpoint, role, answer.status_code, answer.headers.get("location", ""))
            if problem:
                who = role.value if role else "anonymous"
                wrong.append(f"{who}: {endpoint.method} {endpoint.path} ({endpoint.name}): {problem}")
    assert wrong == []
    assert len(ordered) * len(clients) >= 200  # the whole application was walked


def test_api_description_is_for_admins_only(app: FastAPI, clients: dict[Role | None, TestClient]) -> None:
    for path in ("/docs", "/openapi.json"):
        anonymous = clients[None].get(path, follow_redirects=False)
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
        assert clients[Role.reviewer].get(path).status_code == 403
        assert clients[Role.admin].get(path).status_code == 200
    schema = clients[Role.admin].get("/openapi.json").json()
    assert "/api/v1/documents" in schema["paths"] and "/login" not in schema["paths"]
    assert clients[None].get("/redoc").status_code == 404  # FastAPI's own pages are off


# JSON routes whose answer is not one model: the multi-status list of per-file results
UNMODELLED_JSON = {"upload_documents"}


def _is_model(shape: object) -> bool:
    """A pydantic model or a list of one (not a bare `dict[str, Any]`, which FastAPI takes from the
    route's return annotation too)."""
    if typing.get_origin(shape) is list:
        (shape,) = typing.get_args(shape)
    return isinstance(shape, type) and issubclass(shape, BaseModel)


def test_every_json_route_declares_its_answer(app: FastAPI) -> None:
    """A JSON route names its response model (the OpenAPI schema, and a key its rows add unlisted fails)."""
    bare = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or not route.include_in_schema or route.name in UNMODELLED_JSON:
            continue
        answer = getattr(route.response_class, "value", route.response_class)  # the default is a placeholder
        if issubclass(answer, JSONResponse) and not _is_model(route.response_model):
            bare.append(route.name)
    assert bare == [], f"JSON routes without a response model: {bare}"
