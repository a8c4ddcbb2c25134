"""The whole path on the real services: registry import, ingest with --wait (workers started for the
duration), OCR with real Tesseract, a first match, and the export contract. Also retry of a failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlmodel import select

from muragat.settings import Settings
from storage.db import session_scope
from storage.models import Document, DocumentStatus, Revision
from storage.objects import open_store
from tests.pages import DIPLOMA_LINES, encode, render_page
from tests.storage.conftest import S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY

pytestmark = pytest.mark.slow

REGISTRY_HEADER = (
    "graduate_id,iin,last_name,first_name,patronymic,gender,birth_date,institution,program_code,program_name,"
    "degree,study_form,study_language,enrollment_year,graduation_year,diploma_series,diploma_number,"
    "registration_number,issue_date,honors\n"
)
REGISTRY_ROWS = (
    "G000001,890126475215,Оразбайева,Құралай,Нұрдәулетқызы,F,1989-01-26,Абай атындағы ҚазҰПУ,6B07201,"
    "Мұнай-газ ісі,bachelor,full_time,kk,2010,2014,ЖБ-Б,0421208,6782,2014-07-25,false\n"
    "G000002,,Оразбайева,Құралай,Нұрдәулетқызы,F,1990-03-02,Әл-Фараби атындағы ҚазҰУ,6B04101,"
    "Экономика,bachelor,full_time,kk,2013,2017,ЖБ-Б,7777777,12,2017-07-01,false\n"
)
EXPORT_KEYS = {"document_id", "filename", "sha256", "status", "kind", "pages", "fields", "matches"}


def env_for(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
    if settings.s3_endpoint:
        assert settings.s3_access_key and settings.s3_secret_key
        env.update(
            {
                "MURAGAT_S3_ENDPOINT": settings.s3_endpoint,
                "MURAGAT_S3_ACCESS_KEY": settings.s3_access_key.get_secret_value(),
                "MURAGAT_S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
                "MURAGAT_S3_BUCKET": settings.s3_bucket,
            }
        )
    env.update(
        {
            "MURAGAT_HOME": str(settings.home),
            "MURAGAT_DATABASE_URL": settings.sqlalchemy_url,
            "MURAGAT_REDIS_URL": str(settings.redis_url),
            "MURAGAT_QUEUE_NAME": settings.queue_name,
            "MURAGAT_JOB_LEASE_SECONDS": str(settings.job_lease_seconds),
            "MURAGAT_WORKERS": "1",
            "MURAGAT_LANGUAGE": settings.language,
        }
    )
    return env


def muragat(
    settings: Settings, *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "muragat", *args],
        env=env or env_for(settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=settings.home.parent,
    )


@pytest.fixture(params=["folder", "s3"])
def store_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """The same run with objects in a folder, and in S3 (moto's server on loopback)."""
    if request.param == "folder":
        return settings
    endpoint = request.getfixturevalue("s3_server")
    return settings.model_copy(
        update={
            "s3_endpoint": endpoint,
            "s3_access_key": SecretStr(S3_TEST_ACCESS_KEY),
            "s3_secret_key": SecretStr(S3_TEST_SECRET_KEY),
            "s3_bucket": f"e2e-{uuid.uuid4().hex[:8]}",
        }
    )


def test_upload_to_export(store_settings: Settings, tmp_path: Path) -> None:
    settings = store_settings
    registry = tmp_path / "registry.csv"
    registry.write_text(REGISTRY_HEADER + REGISTRY_ROWS, encoding="utf-8")
    scan = tmp_path / "diploma.png"
    scan.write_bytes(encode([render_page(DIPLOMA_LINES)], "PNG"))

    imported = muragat(settings, "graduates", "import", str(registry))
    assert imported.returncode == 0, imported.stderr
    assert "2 added" in imported.stdout

    ingested = muragat(settings, "ingest", str(scan), "--collection", "test batch", "--wait")
    assert ingested.returncode == 0, ingested.stderr + ingested.stdout
    assert "1 stored" in ingested.stdout and "1 processed" in ingested.stdout

    export = tmp_path / "export.jsonl"
    exported = muragat(settings, "export", "--format", "jsonl", "-o", str(export))
    assert exported.returncode == 0, exported.stderr
    [line] = export.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert set(record) == EXPORT_KEYS
    assert record["filename"] == "diploma.png" and record["status"] == "processed"
    assert record["kind"] == "diploma"
    [page] = record["pages"]
    assert page["number"] == 1 and page["language"] == "kk" and 0 < page["confidence"] <= 1
    assert "0421208" in page["text"]
    assert record["fields"]["diploma_series"] == "ЖБ-Б"
    assert record["fields"]["diploma_number"] == "0421208"
    assert record["fields"]["iin"] == "890126475215"
    [match] = record["matches"]  # the namesake G000002 shares no key and is not proposed
    assert match["graduate_id"] == "G000001" and match["decision"] == "auto_matched"
    assert "IIN equal" in match["reasons"]
    store = open_store(settings)  # the original and the page image are where the settings say
    assert store.exists(f"originals/{record['sha256'][:2]}/{record['sha256']}")
    assert store.get(f"pages/{record['document_id']}/0001.png").startswith(b"\x89PNG")


def test_a_failed_document_keeps_its_reason_and_can_be_retried(settings: Settings, tmp_path: Path) -> None:
    scan = tmp_path / "letter.png"
    scan.write_bytes(encode([render_page(["ПРОТОКОЛ", "№ 501"])], "PNG"))
    broken = env_for(settings) | {"MURAGAT_OCR_LANGUAGES": "kaz+xyz"}  # a language Tesseract lacks
    ingested = muragat(settings, "ingest", str(scan), "--wait", env=broken)
    assert ingested.returncode == 0, ingested.stderr
    assert "1 failed" in ingested.stdout
    with session_scope_for(settings) as session:
        doc = session.exec(select(Document)).one()
        assert doc.status == DocumentStatus.failed
        assert doc.status_reason and "xyz" in doc.status_reason

    retried = muragat(settings, "retry", "--all-failed")
    assert retried.returncode == 0, retried.stderr
    assert "queued again: letter.png" in retried.stdout
    again = muragat(settings, "ingest", str(scan), "--wait")
    assert again.returncode == 0, again.stderr
    with session_scope_for(settings) as session:
        doc = session.exec(select(Document)).one()
        assert doc.status == DocumentStatus.processed and doc.kind == "archive"
        assert doc.attempts == 2
        reasons = [r.reason for r in session.exec(select(Revision).where(Revision.entity_id == doc.id))]
        assert any(r.startswith("retry requested after:") for r in reasons)


def session_scope_for(settings: Settings):  # type: ignore[no-untyped-def]
    from storage.db import get_engine

    return session_scope(get_engine(settings.sqlalchemy_url))
