"""Every operation of the OpenAPI description, fuzzed by schemathesis in-process (ASGI, no network) as an
admin with an API token, on PostgreSQL and on SQLite: no request, valid or not, may be answered with a
server error (5xx).

Every operation is run (failures are collected, not stopped at), and the failures are listed with a curl
command that reproduces each. MURAGAT_FUZZ_EXAMPLES sets the cases per operation (default 25).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import hypothesis
import pytest
import redis
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given
from schemathesis import APIOperation, Case
from schemathesis.core.result import Err

from muragat.accounts import create_token
from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Role
from tests.review_ui import databases
from tests.review_ui.archive import make_diploma, make_graduate
from tests.review_ui.conftest import make_user

pytestmark = pytest.mark.slow
any_settings = databases.any_settings  # the fixture: every test here runs on PostgreSQL and SQLite

EXAMPLES = int(os.environ.get("MURAGAT_FUZZ_EXAMPLES", "25"))
# Signing out or in would only end the fuzzer's own session; the token it uses needs neither.
SKIPPED = {("POST", "/logout"), ("POST", "/login")}


@dataclass
class Findings:
    cases: dict[str, int] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def app(any_settings: Settings) -> Iterator[FastAPI]:
    connection = redis.Redis.from_url(str(any_settings.redis_url))
    yield create_app(any_settings, document_queue(connection, any_settings))
    connection.close()


@pytest.fixture
def token(any_settings: Settings) -> str:
    make_user(any_settings, "fuzz-admin", Role.admin)
    make_graduate(any_settings)
    make_diploma(any_settings)  # something for the id routes to find, beside the ids the fuzzer makes up
    with session_scope(get_engine(any_settings.sqlalchemy_url)) as session:
        return create_token(session, "fuzz-admin", "schemathesis", actor="test").secret


def fuzz_operation(operation: APIOperation, auth: dict[str, str], found: Findings) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    found.cases[label] = 0

    @given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        found.cases[label] += 1
        try:
            response = case.call(headers=auth)
        except Exception as e:  # raised inside the app: what a client would get as a 500
            found.errors.append(f"{label}: {type(e).__name__}: {e}\n  {case.as_curl_command(auth)}")
            return
        found.statuses[response.status_code] += 1
        if response.status_code >= 500:
            found.errors.append(
                f"{label}: {response.status_code} {response.text[:300]}\n  {case.as_curl_command(auth)}"
            )

    run()


def fuzz(app: FastAPI, auth: dict[str, str]) -> Findings:
    schema = schemathesis.openapi.from_dict(app.openapi())
    schema.app = app
    found = Findings()
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the app's own description is invalid
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in SKIPPED:
            fuzz_operation(operation, auth, found)
    return found


def test_no_operation_answers_with_a_server_error(app: FastAPI, token: str, any_settings: Settings) -> None:
    found = fuzz(app, {"Authorization": f"Bearer {token}"})
    total = sum(found.cases.values())
    database = any_settings.sqlalchemy_url.split(":", 1)[0]
    print(
        f"\nschemathesis on {database}: {len(found.cases)} operations, {total} cases, "
        f"{len(found.errors)} server errors"
    )
    print(f"answers by status: {dict(sorted(found.statuses.items()))}")
    assert not found.statuses[401], "the fuzzer's token was not accepted"
    assert sum(n for status, n in found.statuses.items() if status < 300) > total // 10, found.statuses
    assert len(found.cases) >= 20, sorted(found.cases)
    assert all(found.cases.values()), [label for label, n in found.cases.items() if not n]
    assert not found.errors, "\n".join(found.errors)
