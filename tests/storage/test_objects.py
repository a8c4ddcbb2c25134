"""The object store's contract, run against the folder store and the S3 store (moto on loopback)."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from muragat.errors import Conflict, NotFound, StorageUnavailable
from muragat.settings import Settings
from storage.keys import original_key, page_image_key, page_ocr_key, page_text_key, sha256_of_original_key
from storage.objects import LocalObjectStore, ObjectStore, S3ObjectStore, open_store
from tests.storage.conftest import S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY, RefusingStore, make_s3_store

DOC = uuid.UUID("12345678-1234-5678-1234-567812345678")
SCAN = b"%PDF-1.7 not really a scan\x00\xff"
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()
BAD_KEYS = [
    "",
    "../escape",
    "pages/../../escape",
    "/etc/passwd",
    "pages\\x\\y",
    "pages//x",
    "pages/x/",
    "./pages/x",
    ".hidden",
    "pages/.tmp-abc",
    "nul\x00byte",
    "k" * 1025,
]


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "local":
        return LocalObjectStore(tmp_path / "objects")
    s3 = make_s3_store(request.getfixturevalue("s3_server"))
    s3.ensure_bucket()
    return s3


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _DenyingHandler(BaseHTTPRequestHandler):
    """Answers every request the way S3 answers a key that may not write."""

    def _deny(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = (
            b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
            b"<Message>Access Denied</Message><Resource>/</Resource><RequestId>1</RequestId></Error>"
        )
        self.send_response(403)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = _deny

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def denying_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DenyingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


# --- keys ---------------------------------------------------------------------------------------------


def test_original_key_layout() -> None:
    key = original_key(SCAN_SHA)
    assert key == f"originals/{SCAN_SHA[:2]}/{SCAN_SHA}"
    assert sha256_of_original_key(key) == SCAN_SHA


@pytest.mark.parametrize(
    "sha", ["", "ab", SCAN_SHA.upper(), SCAN_SHA[:-1], SCAN_SHA + "0", "g" * 64, "../" * 21 + "a"]
)
def test_original_key_refuses_what_is_not_a_sha256(sha: str) -> None:
    with pytest.raises(ValueError):
        original_key(sha)


def test_page_keys_layout() -> None:
    assert page_image_key(DOC, 1) == f"pages/{DOC}/0001.png"
    assert page_text_key(DOC, 12) == f"pages/{DOC}/0012.txt"
    assert page_ocr_key(DOC, 500) == f"pages/{DOC}/0500.json"


@pytest.mark.parametrize("number", [0, -1, 10_000])
def test_page_keys_refuse_numbers_outside_four_digits(number: int) -> None:
    with pytest.raises(ValueError):
        page_image_key(DOC, number)


def test_page_keys_refuse_ids_that_are_not_uuids() -> None:
    with pytest.raises(ValueError):
        page_text_key("../../etc", 1)  # type: ignore[arg-type]


# --- the contract, on both stores ---------------------------------------------------------------------


def test_round_trip(store: ObjectStore) -> None:
    key = page_image_key(DOC, 1)
    assert not store.exists(key)
    store.put(key, b"\x89PNG first", "image/png")
    assert store.exists(key)
    assert store.get(key) == b"\x89PNG first"
    store.put(key, b"\x89PNG second", "image/png")
    assert store.get(key) == b"\x89PNG second"
    store.put(page_text_key(DOC, 1), b"")
    assert store.get(page_text_key(DOC, 1)) == b""


def test_put_once_keeps_the_first_bytes(store: ObjectStore) -> None:
    key = page_ocr_key(DOC, 3)
    assert store.put_once(key, b"first", "application/json") is True
    assert store.put_once(key, b"second", "application/json") is False
    assert store.get(key) == b"first"


def test_put_once_of_an_original(store: ObjectStore) -> None:
    key = original_key(SCAN_SHA)
    assert store.put_once(key, SCAN, "application/pdf") is True
    assert store.put_once(key, SCAN, "application/pdf") is False
    assert store.get(key) == SCAN


def test_original_must_hold_the_bytes_its_key_names(store: ObjectStore) -> None:
    key = original_key(SCAN_SHA)
    with pytest.raises(ValueError, match="sha256"):
        store.put_once(key, SCAN + b"tampered")
    assert not store.exists(key)


def test_original_is_never_replaced_or_deleted(store: ObjectStore) -> None:
    key = original_key(SCAN_SHA)
    store.put_once(key, SCAN)
    with pytest.raises(Conflict, match="put_once"):
        store.put(key, SCAN)
    with pytest.raises(Conflict, match="cannot be deleted"):
        store.delete(key)
    assert store.get(key) == SCAN


def test_get_of_a_missing_key_raises_not_found(store: ObjectStore) -> None:
    key = page_image_key(DOC, 9)
    with pytest.raises(NotFound, match=str(DOC)):
        store.get(key)


def test_delete(store: ObjectStore) -> None:
    key = page_text_key(DOC, 2)
    store.put(key, b"text")
    store.delete(key)
    assert not store.exists(key)
    with pytest.raises(NotFound):
        store.get(key)
    store.delete(key)  # deleting what is not there is not an error


@pytest.mark.parametrize("key", BAD_KEYS)
def test_malformed_keys_are_refused(store: ObjectStore, key: str) -> None:
    with pytest.raises(ValueError):
        store.put(key, b"x")
    with pytest.raises(ValueError):
        store.put_once(key, b"x")
    with pytest.raises(ValueError):
        store.get(key)
    with pytest.raises(ValueError):
        store.exists(key)
    with pytest.raises(ValueError):
        store.delete(key)


def test_ping(store: ObjectStore) -> None:
    store.ping()


def test_both_stores_are_object_stores(tmp_path: Path) -> None:
    assert isinstance(LocalObjectStore(tmp_path), ObjectStore)
    assert isinstance(make_s3_store("127.0.0.1:1"), ObjectStore)
    assert isinstance(RefusingStore(LocalObjectStore(tmp_path)), ObjectStore)


# --- the folder store ---------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["../escape", "a/../../escape", "/tmp/escape"])
def test_local_store_writes_nothing_outside_its_folder(tmp_path: Path, key: str) -> None:
    root = tmp_path / "deep" / "objects"
    store = LocalObjectStore(root)
    with pytest.raises(ValueError):
        store.put(key, b"x")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_local_store_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    store.put(page_image_key(DOC, 1), b"a")
    store.put(page_image_key(DOC, 1), b"b")
    store.put_once(page_ocr_key(DOC, 1), b"c")
    store.put_once(page_ocr_key(DOC, 1), b"d")
    store.ping()
    names = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert names == ["0001.json", "0001.png"]


def test_local_put_once_has_one_winner_under_a_race(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    key = page_ocr_key(DOC, 1)
    writers = 16
    barrier = threading.Barrier(writers)
    results: dict[int, bool] = {}

    def write(i: int) -> None:
        barrier.wait()
        results[i] = store.put_once(key, f"writer {i}".encode())

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [i for i, wrote in results.items() if wrote]
    assert len(results) == writers
    assert len(winners) == 1
    assert store.get(key) == f"writer {winners[0]}".encode()


def test_local_store_on_an_unusable_folder_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    store = LocalObjectStore(blocker)
    with pytest.raises(StorageUnavailable, match="MURAGAT_HOME") as info:
        store.put(page_image_key(DOC, 1), b"x")
    # a message with the action as its own code: each language names it in its words
    assert info.value.render("en").startswith("cannot write object")
    assert "(жазу)" in info.value.render("kk") and "«запись»" in info.value.render("ru")
    with pytest.raises(StorageUnavailable):
        store.ping()
    with pytest.raises(NotFound):
        store.get(page_image_key(DOC, 1))


# --- the S3 store -------------------------------------------------------------------------------------


def test_ensure_bucket_twice(s3_server: str) -> None:
    store = make_s3_store(s3_server)
    store.ensure_bucket()
    store.ensure_bucket()
    store.ping()


def test_s3_store_without_its_bucket_is_unavailable(s3_server: str) -> None:
    store = make_s3_store(s3_server, bucket="never-created")
    with pytest.raises(StorageUnavailable, match="never-created"):
        store.ping()
    with pytest.raises(StorageUnavailable, match="MURAGAT_S3_BUCKET"):
        store.put(page_image_key(DOC, 1), b"x")


def test_s3_store_on_a_closed_port_is_unavailable_quickly() -> None:
    store = make_s3_store(f"127.0.0.1:{_closed_port()}", bucket="muragat", retries=1)
    started = time.monotonic()
    for call in (
        store.ping,
        store.ensure_bucket,
        lambda: store.put(page_image_key(DOC, 1), b"x"),
        lambda: store.put_once(original_key(SCAN_SHA), SCAN),
        lambda: store.get(page_image_key(DOC, 1)),
        lambda: store.exists(page_image_key(DOC, 1)),
        lambda: store.delete(page_image_key(DOC, 1)),
    ):
        with pytest.raises(StorageUnavailable, match="MURAGAT_S3_ENDPOINT") as info:
            call()
        assert info.value.__cause__ is not None
    assert time.monotonic() - started < 5


def test_s3_store_refusing_writes_is_unavailable(denying_server: str) -> None:
    store = make_s3_store(denying_server, bucket="muragat")
    with pytest.raises(StorageUnavailable, match="MURAGAT_S3_ACCESS_KEY") as info:
        store.put(page_image_key(DOC, 1), b"x")
    assert "AccessDenied" in info.value.message
    key = repr(page_image_key(DOC, 1))
    assert f"refused to write {key} (AccessDenied)" in info.value.render("en")
    assert f"«запись: {key}» (AccessDenied)" in info.value.render("ru")
    with pytest.raises(StorageUnavailable, match="AccessDenied"):
        store.ping()


def test_s3_settings_that_cannot_work() -> None:
    with pytest.raises(StorageUnavailable, match="MURAGAT_S3_ENDPOINT"):
        S3ObjectStore("http://minio:9000", "a", "b", "muragat")
    with pytest.raises(StorageUnavailable, match="MURAGAT_S3_BUCKET"):
        S3ObjectStore("minio:9000", "a", "b", "No_Such!Bucket")


# --- open_store and the refusing double ---------------------------------------------------------------


def _settings(tmp_path: Path, **overrides: Any) -> Settings:
    options: dict[str, Any] = {"home": tmp_path / "home", "_env_file": None, **overrides}
    return Settings(**options)


def test_open_store_without_an_endpoint_is_a_folder_in_home(tmp_path: Path) -> None:
    store = open_store(_settings(tmp_path, s3_endpoint=None))
    assert isinstance(store, LocalObjectStore)
    store.put(page_image_key(DOC, 1), b"x")
    assert (tmp_path / "home" / "objects" / page_image_key(DOC, 1)).read_bytes() == b"x"


def test_open_store_with_an_endpoint_is_s3_with_its_bucket(tmp_path: Path, s3_server: str) -> None:
    bucket = f"open-{uuid.uuid4().hex[:8]}"
    settings = _settings(
        tmp_path,
        s3_endpoint=s3_server,
        s3_access_key=SecretStr(S3_TEST_ACCESS_KEY),
        s3_secret_key=SecretStr(S3_TEST_SECRET_KEY),
        s3_bucket=bucket,
        s3_region="us-east-1",
    )
    store = open_store(settings)
    assert isinstance(store, S3ObjectStore)
    assert store.bucket == bucket
    assert store.put_once(original_key(SCAN_SHA), SCAN) is True
    assert open_store(settings).get(original_key(SCAN_SHA)) == SCAN
    assert S3_TEST_SECRET_KEY not in repr(store)


def test_open_store_with_an_endpoint_but_no_keys(tmp_path: Path) -> None:
    settings = _settings(tmp_path, s3_endpoint="127.0.0.1:9000", s3_access_key=None, s3_secret_key=None)
    with pytest.raises(StorageUnavailable, match="MURAGAT_S3_ACCESS_KEY"):
        open_store(settings)


def test_refusing_store(refusing_store: RefusingStore) -> None:
    refusing_store.inner.put(page_text_key(DOC, 1), b"already there")
    with pytest.raises(StorageUnavailable):
        refusing_store.put(page_text_key(DOC, 2), b"x")
    with pytest.raises(StorageUnavailable):
        refusing_store.put_once(original_key(SCAN_SHA), SCAN)
    with pytest.raises(StorageUnavailable):
        refusing_store.delete(page_text_key(DOC, 1))
    assert refusing_store.get(page_text_key(DOC, 1)) == b"already there"
    assert not refusing_store.exists(page_text_key(DOC, 2))
    assert refusing_store.attempts == [page_text_key(DOC, 2), original_key(SCAN_SHA), page_text_key(DOC, 1)]
