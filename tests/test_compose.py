"""compose.yaml: the production-like deployment has every service, each with a health check, and the
app services wait for what they need."""

from __future__ import annotations

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "compose.yaml"


def test_compose_services_and_health_checks() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert set(services) == {"postgres", "redis", "minio", "api", "worker"}
    assert all("healthcheck" in svc for svc in services.values())
    for app_service in ("api", "worker"):
        needs = services[app_service]["depends_on"]
        assert {"postgres", "redis", "minio"} <= set(needs)
        assert all(cond["condition"] == "service_healthy" for cond in needs.values())
        env = services[app_service]["environment"]
        assert env["MURAGAT_DATABASE_URL"].startswith("postgresql")
        assert env["MURAGAT_REDIS_URL"].startswith("redis://redis")
        assert env["MURAGAT_S3_ENDPOINT"] == "minio:9000"
    assert services["worker"]["command"] == ["muragat", "worker"]
