"""The object store: originals and derived page files, in a folder or in MinIO/S3.

Keys come from `storage.keys`. Originals ("originals/...") are written once with `put_once`, named by
their sha256, and are never overwritten or deleted; every other object is derived and may be replaced
or deleted. Errors: a missing object raises `NotFound`; an unreachable, misconfigured or refusing store
raises `StorageUnavailable`; a malformed key raises `ValueError` (a bug in the caller, not bad input).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Protocol, runtime_checkable

import certifi
import urllib3
from minio import Minio
from minio.error import MinioException, S3Error
from minio.helpers import check_bucket_name

from muragat.errors import Conflict, NotFound, StorageUnavailable
from muragat.messages import Message
from muragat.messages.catalog.files_services import Code
from muragat.settings import Settings
from storage.keys import is_original_key, sha256_of_original_key

DEFAULT_CONTENT_TYPE = "application/octet-stream"
MAX_KEY_LENGTH = 1024  # the S3 limit, kept for the folder too so both stores accept the same keys
_TEMP_PREFIX = ".tmp-"


@runtime_checkable
class ObjectStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> None:
        """Write or replace a derived object. Originals must go through `put_once`."""
        ...

    def put_once(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> bool:
        """Write only if no object has this key; True if this call wrote it."""
        ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Delete a derived object; nothing happens if there is none. Originals are refused."""
        ...

    def ping(self) -> None:
        """Raise StorageUnavailable unless the store can be used."""
        ...

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        """Every key that starts with `prefix`, in sorted order (for backups and checks)."""
        ...


def check_key(key: str) -> None:
    """Refuse keys that could escape the store's folder or mean different things to the two stores."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"object key must be a non-empty string, got {key!r}")
    if len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"object key longer than {MAX_KEY_LENGTH} characters: {key[:60]!r}...")
    if "\\" in key or "\x00" in key or key.startswith("/"):
        raise ValueError(f"object key must be a relative path with '/' separators: {key!r}")
    # A leading dot also rules out "." and "..", and the store's own temporary files.
    if any(not part or part.startswith(".") for part in key.split("/")):
        raise ValueError(f"object key has an empty part or a part starting with '.': {key!r}")


def _check_write(key: str, data: bytes, *, once: bool) -> None:
    check_key(key)
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"object data must be bytes, got {type(data).__name__}")
    if not is_original_key(key):
        return
    if not once:
        raise Conflict(Message(Code.ORIGINAL_STORED_ONCE, key=repr(key)))
    # Verified here so that "same key means same bytes" holds by construction: it is what makes
    # put_once's check-then-write race harmless on S3.
    expected = sha256_of_original_key(key)
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise ValueError(f"data for original {key!r} has sha256 {actual}")


def _check_delete(key: str) -> None:
    check_key(key)
    if is_original_key(key):
        raise Conflict(Message(Code.ORIGINAL_KEPT, key=repr(key)))


class LocalObjectStore:
    """Objects as files under `root`; each key is a relative path.

    Writes go to a temporary file in the target folder and are moved into place with os.replace, so a
    reader sees the old bytes or the new ones, never half a file. put_once links the temporary file to
    the final name, which fails if the name exists: two racing writers cannot both win.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"LocalObjectStore({str(self.root)!r})"

    def _path(self, key: str) -> Path:
        check_key(key)
        return self.root / key

    @contextmanager
    def _errors(self, action: Code, key: str) -> Iterator[None]:
        try:
            yield
        except OSError as e:
            why = Message(
                Code.STORE_FOLDER_FAILED,
                action=Message(action),
                key=repr(key),
                folder=str(self.root),
                error=e.strerror or str(e),
            )
            raise StorageUnavailable(why) from e

    def _write_temp(self, folder: Path, data: bytes) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return tmp

    def put(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> None:
        _check_write(key, data, once=False)
        path = self._path(key)
        with self._errors(Code.OP_WRITE, key):
            tmp = self._write_temp(path.parent, data)
            try:
                tmp.replace(path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise

    def put_once(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> bool:
        _check_write(key, data, once=True)
        path = self._path(key)
        with self._errors(Code.OP_WRITE, key):
            if path.exists():
                return False
            tmp = self._write_temp(path.parent, data)
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            finally:
                tmp.unlink(missing_ok=True)
        return True

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as e:
            raise NotFound(Message(Code.OBJECT_NOT_IN_FOLDER, key=repr(key), folder=str(self.root))) from e
        except OSError as e:
            found = {"key": repr(key), "folder": str(self.root), "error": str(e.strerror or e)}
            raise StorageUnavailable(Message(Code.OBJECT_UNREADABLE, **found)) from e

    def exists(self, key: str) -> bool:
        path = self._path(key)
        with self._errors(Code.OP_LOOK_UP, key):
            return path.is_file()

    def delete(self, key: str) -> None:
        _check_delete(key)
        path = self._path(key)
        # A folder of other objects is not an object: there is nothing by this key.
        with self._errors(Code.OP_DELETE, key), suppress(IsADirectoryError):
            path.unlink(missing_ok=True)

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        # Sorted like S3's listing (by the key's bytes); the store's own temporary files are no objects.
        keys = []
        with self._errors(Code.OP_LIST, prefix or "(all)"):
            if self.root.is_dir():
                for folder, dirs, files in os.walk(self.root):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    base = Path(folder).relative_to(self.root)
                    for name in files:
                        if name.startswith("."):
                            continue
                        key = (base / name).as_posix()
                        if key.startswith(prefix):
                            keys.append(key)
        yield from sorted(keys, key=lambda k: k.encode())

    def ping(self) -> None:
        with self._errors(Code.OP_PROBE, "(ping)"):
            self.root.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.root, prefix=_TEMP_PREFIX + "ping-")
            os.close(fd)
            Path(name).unlink()


_CREDENTIAL_CODES = frozenset(
    {
        "AccessDenied",
        "AllAccessDisabled",
        "AccountProblem",
        "ExpiredToken",
        "InvalidAccessKeyId",
        "InvalidToken",
        "SignatureDoesNotMatch",
    }
)


class S3ObjectStore:
    """Objects in one bucket of MinIO or any S3-compatible server, through the `minio` client.

    The timeouts and retries bound how long a call can hang on a dead server: connect_timeout per
    connection attempt, read_timeout per read, `retries` further attempts on connection errors and
    on 500/502/503/504 answers.
    """

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        secure: bool = False,
        region: str | None = None,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 120.0,
        retries: int = 3,
    ) -> None:
        self.endpoint = endpoint
        self.bucket = bucket
        try:
            check_bucket_name(bucket)
            http = urllib3.PoolManager(
                timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
                maxsize=10,
                cert_reqs="CERT_REQUIRED",
                ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
                retries=urllib3.Retry(
                    total=retries, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]
                ),
            )
            self._client = Minio(
                endpoint,
                access_key=access_key,
                secret_key=secret_key,
                secure=secure,
                region=region,
                http_client=http,
            )
        except ValueError as e:
            raise StorageUnavailable(Message(Code.S3_SETTINGS_UNUSABLE, error=str(e))) from e

    def __repr__(self) -> str:
        return f"S3ObjectStore(endpoint={self.endpoint!r}, bucket={self.bucket!r})"

    def _missing_bucket(self) -> StorageUnavailable:
        return StorageUnavailable(
            Message(Code.S3_NO_BUCKET, bucket=repr(self.bucket), endpoint=self.endpoint)
        )

    @contextmanager
    def _errors(self, action: Code | Message, key: str | None = None) -> Iterator[None]:
        """S3's failures as our errors; `action` names what was asked (with `key`, of that object)."""
        op = action if isinstance(action, Message) else Message(action)
        what = Message(Code.OP_ON_OBJECT, action=op, key=repr(key)) if key is not None else op
        where = {"endpoint": self.endpoint, "bucket": repr(self.bucket)}
        try:
            yield
        except S3Error as e:
            if e.code == "NoSuchKey" and key is not None:
                raise NotFound(
                    Message(Code.OBJECT_NOT_IN_BUCKET, key=repr(key), bucket=repr(self.bucket))
                ) from e
            if e.code == "NoSuchBucket":
                raise self._missing_bucket() from e
            if e.code in _CREDENTIAL_CODES:
                raise StorageUnavailable(Message(Code.S3_REFUSED, action=what, code=e.code, **where)) from e
            why = Message(Code.S3_FAILED, action=what, code=e.code, error=e.message, **where)
            raise StorageUnavailable(why) from e
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as e:
            # MinioException here: an answer that is not S3 XML (a web server, a proxy's error page);
            # HTTPError/OSError: refused, reset, timed out, TLS mismatch.
            why = Message(Code.S3_UNREACHABLE, action=what, error=str(e), endpoint=self.endpoint)
            raise StorageUnavailable(why) from e

    def ensure_bucket(self) -> None:
        """Create the bucket unless it exists (several processes may race to do it; all succeed)."""
        with self._errors(Message(Code.OP_CREATE_BUCKET, bucket=repr(self.bucket))):
            if self._client.bucket_exists(self.bucket):
                return
            try:
                self._client.make_bucket(self.bucket)
            except S3Error as e:
                if e.code != "BucketAlreadyOwnedByYou":
                    raise

    def put(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> None:
        _check_write(key, data, once=False)
        self._write(key, data, content_type)

    def put_once(self, key: str, data: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> bool:
        # minio-py 7 offers no atomic create-if-absent (no If-None-Match on put_object), so this is a
        # check followed by a write: two writers may both see the key absent and both write, and both
        # return True. That is harmless because put_once is for originals, whose key is the sha256 of
        # their bytes (checked in _check_write): both writers store the same bytes, and no reader can
        # observe a difference. For any other key the later writer's bytes win, so callers must not use
        # put_once's result to decide who "owns" a key.
        _check_write(key, data, once=True)
        if self.exists(key):
            return False
        self._write(key, data, content_type)
        return True

    def _write(self, key: str, data: bytes, content_type: str) -> None:
        with self._errors(Code.OP_WRITE, key):
            self._client.put_object(self.bucket, key, io.BytesIO(data), len(data), content_type=content_type)

    def get(self, key: str) -> bytes:
        check_key(key)
        with self._errors(Code.OP_READ, key):
            response = self._client.get_object(self.bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def exists(self, key: str) -> bool:
        check_key(key)
        try:
            with self._errors(Code.OP_LOOK_UP, key):
                self._client.stat_object(self.bucket, key)
        except NotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        _check_delete(key)
        with self._errors(Code.OP_DELETE, key):
            self._client.remove_object(self.bucket, key)

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        with self._errors(Message(Code.OP_LIST_BUCKET, bucket=repr(self.bucket))):
            for obj in self._client.list_objects(self.bucket, prefix=prefix or None, recursive=True):
                if obj.object_name is not None and not obj.is_dir:
                    yield obj.object_name

    def ping(self) -> None:
        with self._errors(Message(Code.OP_LOOK_UP_BUCKET, bucket=repr(self.bucket))):
            found = self._client.bucket_exists(self.bucket)
        if not found:
            raise self._missing_bucket()


def open_store(settings: Settings) -> ObjectStore:
    """S3 when MURAGAT_S3_ENDPOINT is set (its bucket created if missing), else a folder in MURAGAT_HOME."""
    if not settings.s3_endpoint:
        return LocalObjectStore(settings.objects_dir)
    access = settings.s3_access_key.get_secret_value() if settings.s3_access_key else ""
    secret = settings.s3_secret_key.get_secret_value() if settings.s3_secret_key else ""
    if not access or not secret:
        raise StorageUnavailable(Message(Code.S3_KEYS_MISSING))
    store = S3ObjectStore(
        settings.s3_endpoint,
        access,
        secret,
        settings.s3_bucket,
        secure=settings.s3_secure,
        region=settings.s3_region,
    )
    store.ensure_bucket()
    return store
