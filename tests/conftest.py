"""Fixtures for the real services: PostgreSQL (a fresh database per run), Redis (a dedicated db, flushed
per test), and the project's own settings pointed at them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
import redis
from moto.server import ThreadedMotoServer
from psycopg2 import sql
from sqlalchemy import text
from sqlalchemy.engine import Engine

from muragat.settings import Settings
from storage.db import make_engine, migrate

# the `any_engine` fixture (PostgreSQL and SQLite) of the concurrency tests
pytest_plugins = ["tests.concurrency"]

PG_ADMIN_DSN = os.environ.get("MURAGAT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_TEST_URL = os.environ.get("MURAGAT_TEST_REDIS", "redis://127.0.0.1:6379/13")
RESOURCES = Path(__file__).parent / "resources"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _admin() -> psycopg2.extensions.connection:
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    return conn


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A new PostgreSQL database for this test run, migrated to the newest schema, dropped afterwards."""
    name = f"muragat_test_{uuid.uuid4().hex[:10]}"
    conn = _admin()
    with conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    url = url.replace("postgresql://", "postgresql+psycopg2://", 1)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    conn = _admin()
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1 on a port the OS picks; yields "127.0.0.1:PORT"."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"{host}:{port}"
    server.stop()


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    """The run's database, emptied before each test (revisions included, which needs the trigger off)."""
    eng = make_engine(pg_url)
    with eng.begin() as conn:
        conn.execute(text("ALTER TABLE revision DISABLE TRIGGER revision_append_only"))
        conn.execute(text("ALTER TABLE revision DISABLE TRIGGER revision_no_truncate"))
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_truncate"))
        conn.execute(
            text(
                "TRUNCATE ocr_word, page, match, document, collection, graduate, app_user, revision, "
                "api_token, audit_entry, audit_anchor, line_correction, user_session, sign_in_throttle "
                "CASCADE"
            )
        )
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_truncate"))
        conn.execute(text("ALTER TABLE revision ENABLE TRIGGER revision_no_truncate"))
        conn.execute(text("ALTER TABLE revision ENABLE TRIGGER revision_append_only"))
    yield eng
    eng.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_TEST_URL)
    client.flushdb()
    yield REDIS_TEST_URL
    client.flushdb()
    client.close()


@pytest.fixture
def settings(tmp_path: Path, pg_url: str, redis_url: str, engine: Engine) -> Settings:
    """Settings for a test: the real PostgreSQL and Redis, objects in a temporary folder."""
    return Settings(
        home=tmp_path / "home",
        database_url=pg_url,
        redis_url=redis_url,
        queue_name=f"test-{uuid.uuid4().hex[:8]}",
        job_lease_seconds=5,
        language="en",  # the command line's errors are compared in English, whatever the locale
        _env_file=None,  # type: ignore[call-arg]
    )
