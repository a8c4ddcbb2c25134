"""One error hierarchy: a stable code, an HTTP status and a message that says what to do.

Translated to HTTP in `muragat.app` and to exit codes in `muragat.cli`.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from muragat.messages import Message, render


class ExitCode(IntEnum):
    """The exit status of every `muragat` command; the table in README.md ("Command line") lists them."""

    OK = 0
    FAILURE = 1  # nothing more specific: e.g. a backup a tool could not finish, a declined restore
    INVALID_INPUT = 2  # a file, row, argument or setting that cannot be used (click's usage errors too)
    NOT_FOUND = 3
    CONFLICT = 4
    SERVICE_UNAVAILABLE = 5  # the database, Redis or the object store cannot be reached
    OCR_FAILED = 6
    NOT_SIGNED_IN = 7  # raised by the web layer only, like FORBIDDEN
    AUDIT_BROKEN = 8
    FORBIDDEN = 9
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM: 128 + its number, as a shell reports it


class MuragatError(Exception):
    code = "error"
    http_status = 500
    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str | Message) -> None:
        """`message` says what went wrong and what to do: a catalog message, or (for text that is data
        rather than words of ours, such as a library's own error) a plain string."""
        super().__init__(str(message))
        self.detail = message
        self.message = str(message)  # in English: for logs, the export and the English CLI

    def render(self, language: str) -> str:
        return render(self.detail, language)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        found: dict[str, Any] = {"code": self.code, "message": self.render(language)}
        if isinstance(self.detail, Message):
            found["message_code"] = self.detail.code
            found["params"] = self.detail.to_json()["params"]
        return found


class InvalidInput(MuragatError):
    """A file, row or argument that cannot be used as it is."""

    code = "invalid_input"
    http_status = 422
    exit_code = ExitCode.INVALID_INPUT


class UnsupportedFile(InvalidInput):
    code = "unsupported_file"
    http_status = 415


class FileTooLarge(InvalidInput):
    code = "file_too_large"
    http_status = 413


class EncryptedPdf(InvalidInput):
    code = "encrypted_pdf"


class CorruptFile(InvalidInput):
    code = "corrupt_file"


class RegistryFileError(InvalidInput):
    code = "registry_file"


class NotFound(MuragatError):
    code = "not_found"
    http_status = 404
    exit_code = ExitCode.NOT_FOUND


class Conflict(MuragatError):
    code = "conflict"
    http_status = 409
    exit_code = ExitCode.CONFLICT


class StorageUnavailable(MuragatError):
    code = "storage_unavailable"
    http_status = 503
    exit_code = ExitCode.SERVICE_UNAVAILABLE


class QueueUnavailable(MuragatError):
    code = "queue_unavailable"
    http_status = 503
    exit_code = ExitCode.SERVICE_UNAVAILABLE


class ServiceStillDown(MuragatError):
    """A service fault (object store, disk, database) that outlasted a job's tries (muragat.jobs)."""

    code = "service_still_down"
    http_status = 503
    exit_code = ExitCode.SERVICE_UNAVAILABLE


class OcrFailed(MuragatError):
    code = "ocr_failed"
    http_status = 500
    exit_code = ExitCode.OCR_FAILED


class MissingRevisionContext(MuragatError):
    """A tracked value was about to change with nobody named as its author."""

    code = "missing_revision_context"
    http_status = 500


class NotSignedIn(MuragatError):
    code = "not_signed_in"
    http_status = 401
    exit_code = ExitCode.NOT_SIGNED_IN


class Forbidden(MuragatError):
    code = "forbidden"
    http_status = 403
    exit_code = ExitCode.FORBIDDEN
