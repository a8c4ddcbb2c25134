"""Object-store fixtures: an S3-compatible server on loopback (moto), and a store that refuses writes.

The `s3_server` fixture itself lives in tests/conftest.py, for every test folder.
Tests outside tests/storage can use `RefusingStore` with `from tests.storage.conftest import RefusingStore`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from muragat.errors import StorageUnavailable
from storage.objects import DEFAULT_CONTENT_TYPE, LocalObjectStore, ObjectStore, S3ObjectStore

S3_TEST_ACCESS_KEY = "muragat-test"
S3_TEST_SECRET_KEY = "muragat-test-secret"


def make_s3_store(
    endpoint: str, bucket: str | None = None, *, connect_timeout: float = 2.0, retries: int = 0
) -> S3ObjectStore:
    """A store on a new bucket of its own unless one is named (moto keeps its buckets all session)."""
    return S3ObjectStore(
        endpoint,
        S3_TEST_ACCESS_KEY,
        S3_TEST_SECRET_KEY,
        bucket or f"test-{uuid.uuid4().hex[:12]}",
        region="us-east-1",
        connect_timeout=connect_timeout,
        read_timeout=10.0,
        retries=retries,
    )


class RefusingStore:
    """An ObjectStore whose writes fail as on a full disk or with read-only credentials.

    Reads and `ping` go to `inner` (a real store, which a test can fill beforehand).
    """

    def __init__(
        self, inner: ObjectStore, message: str = "object store refuses writes (test double)"
    ) -> None:
        self.inner = inner
        self.message = message
        self.attempts: list[str] = []

    def _refuse(self, key: str) -> StorageUnavailable:
        self.attempts.append(key)
        return StorageUnavailable(f"{self.message}: {key!r}")

    def put(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> None:
        raise self._refuse(key)

    def put_once(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> bool:
        raise self._refuse(key)

    def get(self, key: str) -> bytes:
        return self.inner.get(key)

    def exists(self, key: str) -> bool:
        return self.inner.exists(key)

    def delete(self, key: str) -> None:
        raise self._refuse(key)

    def ping(self) -> None:
        self.inner.ping()

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        return self.inner.list_keys(prefix)


@pytest.fixture
def refusing_store(tmp_path: Path) -> RefusingStore:
    return RefusingStore(LocalObjectStore(tmp_path / "refusing-objects"))
