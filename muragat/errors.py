"""One error hierarchy: a stable code, an HTTP status and a message that says what to do.

Translated to HTTP in `muragat.app` and to exit codes in `muragat.cli`.
"""

from __future__ import annotations


class MuragatError(Exception):
    code = "error"
    http_status = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InvalidInput(MuragatError):
    """A file, row or argument that cannot be used as it is."""

    code = "invalid_input"
    http_status = 422
    exit_code = 2


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
    exit_code = 3


class Conflict(MuragatError):
    code = "conflict"
    http_status = 409
    exit_code = 4


class StorageUnavailable(MuragatError):
    code = "storage_unavailable"
    http_status = 503
    exit_code = 5


class QueueUnavailable(MuragatError):
    code = "queue_unavailable"
    http_status = 503
    exit_code = 5


class OcrFailed(MuragatError):
    code = "ocr_failed"
    http_status = 500
    exit_code = 6


class MissingRevisionContext(MuragatError):
    """A tracked value was about to change with nobody named as its author."""

    code = "missing_revision_context"
    http_status = 500


class NotSignedIn(MuragatError):
    code = "not_signed_in"
    http_status = 401
    exit_code = 7


class Forbidden(MuragatError):
    code = "forbidden"
    http_status = 403
    exit_code = 7
