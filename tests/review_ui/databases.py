"""Settings on either database: the run's PostgreSQL, or an embedded SQLite file of the test's own (the
setup a single archivist runs without a server), migrated like the server's."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from muragat.settings import Settings
from storage.db import get_engine, migrate


@pytest.fixture(params=["postgresql", "sqlite"])
def any_settings(request: pytest.FixtureRequest, tmp_path: Path, redis_url: str) -> Settings:
    if request.param == "postgresql":
        settings: Settings = request.getfixturevalue("settings")
        return settings
    settings = Settings(
        home=tmp_path / "home",
        database_url=None,
        redis_url=redis_url,
        queue_name=f"test-{uuid.uuid4().hex[:8]}",
        job_lease_seconds=5,
        language="en",
        _env_file=None,  # type: ignore[call-arg]
    )
    assert settings.sqlalchemy_url.startswith("sqlite")
    migrate(get_engine(settings.sqlalchemy_url))
    return settings
