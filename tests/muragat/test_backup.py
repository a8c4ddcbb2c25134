"""`muragat backup` and `muragat restore`: round trips on the embedded default (SQLite and a folder) and on
PostgreSQL with S3, a tampered backup refused, and the object stores' key listing the backup relies on."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest
from psycopg2 import sql
from pydantic import SecretStr
from sqlalchemy import inspect, text

from muragat.settings import Settings
from storage.db import make_engine
from storage.objects import LocalObjectStore, ObjectStore, open_store
from tests.conftest import PG_ADMIN_DSN
from tests.muragat.test_end_to_end import env_for
from tests.pages import encode, render_page
from tests.storage.conftest import S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY, make_s3_store

pytestmark = pytest.mark.slow


def run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "muragat", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def scans(folder: Path, tag: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in (1, 2):
        page = render_page([f"ХАТТАМА № {n} {tag}", "Мұрағат"])
        (folder / f"{tag}-{n}.png").write_bytes(encode([page], "PNG"))
    return folder


def snapshot_rows(url: str) -> dict[str, list[str]]:
    """Every row of every table, as sorted text (so two databases can be compared)."""
    engine = make_engine(url)
    rows: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            if "_fts" in table:
                continue  # SQLite's full-text index: derived from the rows compared here
            result = conn.execute(text(f'SELECT * FROM "{table}"'))
            rows[table] = sorted(repr(tuple(r)) for r in result)
    engine.dispose()
    return rows


def snapshot_objects(store: ObjectStore) -> dict[str, str]:
    return {key: hashlib.sha256(store.get(key)).hexdigest() for key in store.list_keys()}


def embedded_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MURAGAT_")}
    return env | {"MURAGAT_HOME": str(home), "MURAGAT_WORKERS": "1", "MURAGAT_LANGUAGE": "en"}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An embedded archive with two processed documents, and a backup of it."""
    root = tmp_path_factory.mktemp("embedded")
    home, env = root / "home", embedded_env(root / "home")
    ingested = run(env, root, "ingest", str(scans(root / "scans", "bk")), "--wait")
    assert ingested.returncode == 0 and "2 processed" in ingested.stdout, ingested.stderr + ingested.stdout
    settings = Settings(home=home, _env_file=None)
    rows = snapshot_rows(settings.sqlalchemy_url)
    objects = snapshot_objects(open_store(settings))
    assert len(rows["document"]) == 2 and len(rows["page"]) == 2
    assert sum(k.startswith("originals/") for k in objects) == 2
    done = run(env, root, "backup", str(root / "backup"))
    assert done.returncode == 0, done.stderr
    assert f"{len(objects)} objects" in done.stdout
    yield {
        "root": root,
        "home": home,
        "env": env,
        "rows": rows,
        "objects": objects,
        "backup": root / "backup",
    }


def test_round_trip_on_the_embedded_default(embedded: dict[str, Any]) -> None:
    root, home, backup = embedded["root"], embedded["home"], embedded["backup"]
    key_file = home / "verification.key"
    verification_key = key_file.read_bytes() if key_file.exists() else None
    again = run(embedded["env"], root, "backup", str(backup))
    assert again.returncode == 4 and "never overwrites" in again.stderr

    shutil.rmtree(home)  # the machine is lost: database, objects, keys
    restored = run(embedded["env"], root, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "every object checked" in restored.stdout

    settings = Settings(home=home, _env_file=None)
    assert snapshot_rows(settings.sqlalchemy_url) == embedded["rows"]  # revisions and audit entries included
    assert snapshot_objects(open_store(settings)) == embedded["objects"]
    if verification_key is not None:
        assert (home / "verification.key").read_bytes() == verification_key
    exported = run(embedded["env"], root, "export", "--format", "jsonl")
    assert exported.returncode == 0 and len(exported.stdout.splitlines()) == 2, exported.stderr


def test_a_tampered_backup_is_refused_naming_the_object(embedded: dict[str, Any], tmp_path: Path) -> None:
    tampered = tmp_path / "tampered"
    shutil.copytree(embedded["backup"], tampered)
    entries = [json.loads(line) for line in (tampered / "manifest.jsonl").read_text().splitlines()]
    victim = next(e["key"] for e in entries if e["key"].endswith(".txt"))
    path = tampered / "objects" / victim
    path.write_bytes(path.read_bytes().replace(b"1", b"7") + b" ")

    home = tmp_path / "home"
    refused = run(embedded_env(home), tmp_path, "restore", str(tampered), "--yes")
    assert refused.returncode == 2, refused.stderr
    assert victim in refused.stderr and "do not match the manifest" in refused.stderr
    assert not (home / "muragat.db").exists()  # refused before anything was touched

    extra = tmp_path / "extra"
    shutil.copytree(embedded["backup"], extra)
    (extra / "objects" / "pages" / "smuggled.txt").write_bytes(b"not from the archive")
    refused = run(embedded_env(home), tmp_path, "restore", str(extra), "--yes")
    assert refused.returncode == 2 and "'pages/smuggled.txt'" in refused.stderr, refused.stderr
    kazakh = run(embedded_env(home) | {"MURAGAT_LANGUAGE": "kk"}, tmp_path, "restore", str(extra), "--yes")
    assert (
        kazakh.stderr.strip()
        == f"error: 'pages/smuggled.txt' нысаны: {extra / 'objects'} ішінде бар, манифестте жоқ"
    )


@pytest.fixture
def throwaway_database() -> Iterator[tuple[str, str]]:
    """A database of its own on the shared server (it is dropped and made again by the test)."""
    name = f"muragat_bk_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(PG_ADMIN_DSN)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://", 1) + f"/{name}"
    try:
        yield name, url
    finally:
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def test_round_trip_on_postgresql_with_s3(
    throwaway_database: tuple[str, str], s3_server: str, redis_url: str, tmp_path: Path
) -> None:
    name, url = throwaway_database
    settings = Settings(
        home=tmp_path / "home",
        database_url=url,
        redis_url=redis_url,
        queue_name=f"test-{uuid.uuid4().hex[:8]}",
        s3_endpoint=s3_server,
        s3_access_key=SecretStr(S3_TEST_ACCESS_KEY),
        s3_secret_key=SecretStr(S3_TEST_SECRET_KEY),
        s3_bucket=f"bk-{uuid.uuid4().hex[:8]}",
        _env_file=None,
    )
    env = env_for(settings)
    ingested = run(env, tmp_path, "ingest", str(scans(tmp_path / "scans", "pg")), "--wait")
    assert ingested.returncode == 0 and "2 processed" in ingested.stdout, ingested.stderr + ingested.stdout
    rows = snapshot_rows(url)
    objects = snapshot_objects(open_store(settings))
    assert len(rows["document"]) == 2 and len(rows["revision"]) > 5

    done = run(env, tmp_path, "backup", str(tmp_path / "backup"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "backup" / "database.pgdump").stat().st_size > 0

    # Restored over the working database, in place: the same rows again, nothing doubled.
    in_place = run(env, tmp_path, "restore", str(tmp_path / "backup"), "--yes")
    assert in_place.returncode == 0, in_place.stderr
    assert snapshot_rows(url) == rows

    # The database and the bucket are lost: the database is made again empty, the objects go to a new bucket.
    admin = psycopg2.connect(PG_ADMIN_DSN)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    moved = settings.model_copy(update={"s3_bucket": f"bk-{uuid.uuid4().hex[:8]}"})
    restored = run(env_for(moved), tmp_path, "restore", str(tmp_path / "backup"), "--yes")
    assert restored.returncode == 0, restored.stderr

    assert snapshot_rows(url) == rows
    assert snapshot_objects(open_store(moved)) == objects
    exported = run(env_for(moved), tmp_path, "export", "--format", "jsonl")
    assert exported.returncode == 0 and len(exported.stdout.splitlines()) == 2, exported.stderr


@pytest.mark.parametrize("kind", ["folder", "s3"])
def test_list_keys(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    store: ObjectStore
    if kind == "folder":
        store = LocalObjectStore(tmp_path / "objects")
        (tmp_path / "objects" / "pages").mkdir(parents=True)
        (tmp_path / "objects" / "pages" / ".tmp-half-written").write_bytes(b"x")  # not an object
    else:
        store = make_s3_store(request.getfixturevalue("s3_server"))
        store.ensure_bucket()
    assert list(store.list_keys()) == []
    data = b"original bytes"
    original = f"originals/{hashlib.sha256(data).hexdigest()[:2]}/{hashlib.sha256(data).hexdigest()}"
    store.put_once(original, data)
    for key in ("pages/b/0001.png", "pages/a/0002.txt", "pages/a/0001.txt", "documents/a/searchable.pdf"):
        store.put(key, key.encode())
    assert list(store.list_keys()) == [
        "documents/a/searchable.pdf",
        original,
        "pages/a/0001.txt",
        "pages/a/0002.txt",
        "pages/b/0001.png",
    ]
    assert list(store.list_keys("pages/a/")) == ["pages/a/0001.txt", "pages/a/0002.txt"]
