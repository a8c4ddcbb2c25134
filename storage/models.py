"""SQL tables: one family of classes per entity (Base, table, Public)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from muragat.messages import Message
from storage.types import UTCDateTime, utcnow


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class DocumentStatus(StrEnum):
    queued = "queued"
    processing = "processing"
    processed = "processed"
    needs_review = "needs_review"
    verified = "verified"
    failed = "failed"


FINISHED_STATUSES = (
    DocumentStatus.processed,
    DocumentStatus.needs_review,
    DocumentStatus.verified,
    DocumentStatus.failed,
)


class MatchDecision(StrEnum):
    auto_matched = "auto_matched"
    needs_review = "needs_review"
    confirmed = "confirmed"
    rejected = "rejected"


class Role(StrEnum):
    archivist = "archivist"
    reviewer = "reviewer"
    verifier = "verifier"
    admin = "admin"
    auditor = "auditor"


# --- collections (upload batches) -------------------------------------------------------------


class CollectionBase(SQLModel):
    name: str = Field(index=True, unique=True, max_length=200)


class Collection(CollectionBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # the institution of the account that made the batch, its documents belong to it; the key is its name
    # folded, kept by storage.institutions
    institution: str | None = Field(default=None, max_length=500)
    institution_key: str | None = Field(default=None, max_length=500, index=True)
    created_by: str = Field(default="system", max_length=100)
    created_at: datetime = _created()


class CollectionPublic(CollectionBase):
    id: uuid.UUID
    created_at: datetime


# --- documents ----------------------------------------------------------------------------------


class DocumentBase(SQLModel):
    filename: str = Field(max_length=1000)
    sha256: str = Field(max_length=64, unique=True, index=True)
    content_type: str = Field(max_length=100)
    size_bytes: int
    status: DocumentStatus = Field(default=DocumentStatus.queued, index=True, sa_type=String(20))
    status_reason: str | None = Field(default=None, max_length=2000)  # status_message in English
    kind: str | None = Field(default=None, max_length=20)
    page_count: int | None = None


class Document(DocumentBase, table=True):
    # the list's order, newest first, read by key (storage.document_list)
    __table_args__ = (
        Index("ix_document_created_at_id", "created_at", "id"),
        Index("ix_document_status_created_at_id", "status", "created_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    collection_id: uuid.UUID | None = Field(default=None, foreign_key="collection.id", index=True)
    original_key: str = Field(max_length=300)
    other_filenames: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # why the document has its status: a muragat.messages message as JSON (status_reason is its English)
    status_message: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # per field: where on the scan it was read (page, words with boxes), its confidence and source
    field_evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # ledger rows (from 1, as text) a reviewer resolved: {"3": {"actor": ..., "why": ...}}
    row_resolutions: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    attempts: int = 0
    # times in a row a worker stopped on it without a result (muragat.reconcile; the attempt cap reads it)
    crashes: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))  # see storage.search
    # a supplement: the diploma document it names
    diploma_document_id: uuid.UUID | None = Field(default=None, foreign_key="document.id")
    # whose archive it is (storage.institutions): an account limited to one institution sees only its own
    institution: str | None = Field(default=None, max_length=500)
    institution_key: str | None = Field(default=None, max_length=500, index=True)
    institution_source: str | None = Field(default=None, max_length=20)  # uploader, registry or scan
    created_at: datetime = _created()
    updated_at: datetime = _created()

    def explain(self, message: Message | str | None) -> None:
        """Say why the document has its status: a message as data, and in English for the export (a
        string is text that is not ours to translate, such as a library's error)."""
        self.status_message = message.to_json() if isinstance(message, Message) else None
        self.status_reason = str(message)[:2000] if message else None


class DocumentSummary(DocumentBase):
    """A document as a list shows it: what it is, its status and fields, without the per-field evidence
    (4-5 KB of word boxes a document; `GET /api/v1/documents/{id}` has it)."""

    id: uuid.UUID
    collection_id: uuid.UUID | None
    status_message: dict[str, Any] | None
    fields: dict[str, Any]
    attempts: int
    created_at: datetime
    updated_at: datetime


class DocumentPublic(DocumentBase):
    id: uuid.UUID
    collection_id: uuid.UUID | None
    other_filenames: list[str]
    status_message: dict[str, Any] | None
    fields: dict[str, Any]
    field_evidence: dict[str, Any]
    attempts: int
    created_at: datetime
    updated_at: datetime


# --- pages and OCR words ------------------------------------------------------------------------


class PageBase(SQLModel):
    number: int
    width: int
    height: int
    text: str = ""
    language: str | None = Field(default=None, max_length=10)
    confidence: float | None = None
    source: str = Field(default="tesseract", max_length=20)


class Page(PageBase, table=True):
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="document.id", index=True)
    image_key: str = Field(max_length=300)
    steps: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    qr_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))  # see storage.search
    created_at: datetime = _created()


class PagePublic(PageBase):
    id: uuid.UUID
    document_id: uuid.UUID
    steps: list[dict[str, Any]]
    qr_codes: list[str]


class OcrWordBase(SQLModel):
    block: int
    line: int
    position: int
    text: str = Field(max_length=500)
    left: int
    top: int
    width: int
    height: int
    confidence: float
    language: str | None = Field(default=None, max_length=8)  # kaz, rus or eng: the block's language


class OcrWord(OcrWordBase, table=True):
    __tablename__ = "ocr_word"
    __table_args__ = (Index("ix_ocr_word_page_order", "page_id", "block", "line", "position"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    page_id: uuid.UUID = Field(foreign_key="page.id")
    readings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # re-reads


class LineCorrection(SQLModel, table=True):
    """A person's reading of one OCR line (corrected, or confirmed as read): it replaces the line's words
    on the page and survives a re-OCR (storage.corrections), and is ground truth for training
    (`muragat export --format tesstrain`). The box is the line's, in pixels of the stored page image."""

    __tablename__ = "line_correction"
    __table_args__ = (UniqueConstraint("document_id", "page_number", "block", "line"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="document.id", index=True)
    page_number: int
    block: int
    line: int
    left: int
    top: int
    width: int
    height: int
    ocr_text: str = Field(sa_column=Column(Text, nullable=False))  # what OCR read, kept as evidence
    text: str = Field(sa_column=Column(Text, nullable=False))  # what the line says, by a person
    actor: str = Field(max_length=100)
    created_at: datetime = _created()
    updated_at: datetime = _created()


# --- graduate registry --------------------------------------------------------------------------


class GraduateBase(SQLModel):
    graduate_id: str = Field(max_length=50, unique=True, index=True)
    iin: str | None = Field(default=None, max_length=12, index=True)
    last_name: str = Field(max_length=200, index=True)
    first_name: str = Field(max_length=200)
    patronymic: str | None = Field(default=None, max_length=200)
    gender: str | None = Field(default=None, max_length=1)
    birth_date: date | None = None
    institution: str = Field(max_length=500)
    program_code: str | None = Field(default=None, max_length=50)
    program_name: str | None = Field(default=None, max_length=500)
    degree: str = Field(max_length=20)
    study_form: str | None = Field(default=None, max_length=20)
    study_language: str | None = Field(default=None, max_length=2)
    enrollment_year: int | None = None
    graduation_year: int
    diploma_series: str | None = Field(default=None, max_length=20)
    diploma_number: str | None = Field(default=None, max_length=30, index=True)
    registration_number: str | None = Field(default=None, max_length=30)
    issue_date: date | None = None
    honors: bool = False


_BLOCK_READ = ("graduate_id", "full_name_key")


class Graduate(GraduateBase, table=True):
    # the name blocks matching looks candidates up by (muragat.text.name_block_keys), each carrying what
    # matching reads of a block in the order it reads it (migration 0019), and a document's keys
    __table_args__ = (
        Index("ix_graduate_surname_year", "surname_key", "graduation_year", *_BLOCK_READ),
        Index("ix_graduate_surname_first", "surname_key", "first_key", *_BLOCK_READ),
        Index(
            "ix_graduate_first_patronymic_year",
            "first_key",
            "patronymic_key",
            "graduation_year",
            *_BLOCK_READ,
        ),
        Index("ix_graduate_registration_year", "registration_number", "graduation_year"),
    )
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # the institution folded (storage.institutions), what an account's scope is compared with
    institution_key: str | None = Field(default=None, max_length=500, index=True)
    # kept on every write by storage.derived_keys
    surname_key: str = Field(default="", max_length=200)
    first_key: str = Field(default="", max_length=200)
    patronymic_key: str = Field(default="", max_length=4)
    full_name_key: str = Field(default="", max_length=620)  # muragat.text.full_name_key
    created_at: datetime = _created()
    updated_at: datetime = _created()


class GraduatePublic(GraduateBase):
    id: uuid.UUID


# --- matches ------------------------------------------------------------------------------------


class MatchBase(SQLModel):
    score: float
    decision: MatchDecision = Field(sa_type=String(20))
    # why the graduate is a candidate: muragat.messages messages as JSON (plain strings in older rows)
    reasons: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    row: int | None = None  # the ledger row (from 1) the graduate was found for; None on a diploma


SETTLED_WHERE = "decision IN ('confirmed', 'auto_matched')"


class Match(MatchBase, table=True):
    __table_args__ = (
        UniqueConstraint("document_id", "graduate_id"),
        # one settled graduate (confirmed, or matched automatically) per document, or per ledger row
        Index(
            "uq_match_one_settled",
            "document_id",
            text('COALESCE("row", 0)'),
            unique=True,
            postgresql_where=text(SETTLED_WHERE),
            sqlite_where=text(SETTLED_WHERE),
        ),
    )
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="document.id", index=True)
    graduate_id: uuid.UUID = Field(foreign_key="graduate.id", index=True)
    created_at: datetime = _created()


class MatchPublic(MatchBase):
    id: uuid.UUID
    graduate_id: str


# --- users --------------------------------------------------------------------------------------


class UserBase(SQLModel):
    username: str = Field(max_length=100, unique=True, index=True)
    role: Role = Field(sa_type=String(20))
    full_name: str | None = Field(default=None, max_length=200)
    request_reference: str | None = Field(default=None, max_length=200)
    language: str = Field(default="kk", max_length=5)  # the interface language the user chose: kk, ru, en
    # an account limited to one institution sees only its graduates and documents (review_ui.auth)
    institution: str | None = Field(default=None, max_length=500)


class User(UserBase, table=True):
    __tablename__ = "app_user"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    password_hash: str | None = Field(default=None, max_length=300)
    active: bool = True
    created_at: datetime = _created()
    failed_logins: int = 0  # wrong current passwords in a row at /account (sign-ins: SignInThrottle)
    # until when an admin locked the account (`muragat users lock`): every sign-in from anywhere refused
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # a one-time password (a new account, an admin's reset): only the password change page until changed
    must_change_password: bool = False


class UserPublic(UserBase):
    id: uuid.UUID
    active: bool
    created_at: datetime


# --- revision history (append-only) -------------------------------------------------------------


class Revision(SQLModel, table=True):
    __table_args__ = (Index("ix_revision_entity", "entity", "entity_id"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    entity: str = Field(max_length=50)
    entity_id: uuid.UUID
    field: str = Field(max_length=100)
    old_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    actor: str = Field(max_length=100)
    reason: str = Field(max_length=1000)  # a person's own words, or reason_message in English
    # the system's reason as a muragat.messages message (JSON); None where a person wrote the reason
    reason_message: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _created()


# --- API tokens ---------------------------------------------------------------------------------


class ApiToken(SQLModel, table=True):
    """A bearer token for an integration, acting as its user; only the token's sha256 is kept."""

    __tablename__ = "api_token"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True)
    name: str = Field(max_length=200)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    prefix: str = Field(max_length=8)  # the token's first characters, to tell tokens apart in lists
    created_at: datetime = _created()
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # None: until revoked


# --- sign-in sessions and throttling ------------------------------------------------------------


class UserSession(SQLModel, table=True):
    """A signed-in browser: the cookie carries a random secret, the table only its sha256 (the id), so
    a session ends for good when it is ended here, whatever cookie a client kept."""

    __tablename__ = "user_session"
    id: str = Field(max_length=64, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = _created()
    last_seen_at: datetime = _created()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_reason: str | None = Field(default=None, max_length=30)
    client_address: str | None = Field(default=None, max_length=64)


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins in a row under one name from one client address, and until when that pair is
    locked out; kept for names with no account as well, so the answers do not tell them apart."""

    __tablename__ = "sign_in_throttle"
    __table_args__ = (UniqueConstraint("username", "client_address"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    username: str = Field(max_length=100, index=True)
    client_address: str = Field(max_length=64)  # "" where the address is unknown
    failures: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = _created()


# --- audit log (append-only, hash-chained) ------------------------------------------------------


class AuditEntry(SQLModel, table=True):
    """One event of the audit trail. `hash` covers the entry's fields and `prev_hash`, the hash of the
    entry before it (storage.audit), so an edited, deleted or reordered entry breaks the chain."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)
    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    actor: str = Field(max_length=100, index=True)
    client_address: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=30, index=True)
    entity: str | None = Field(default=None, max_length=50)
    entity_id: str | None = Field(default=None, max_length=100)
    route: str | None = Field(default=None, max_length=100)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditAnchor(SQLModel, table=True):
    """The audit log's end as last written: its last entry's number and hash, signed with a key kept
    outside the database (HMAC-SHA256). Written with every entry, so cutting entries off the end, which
    the chain alone cannot show, leaves an anchor that points past the end (storage.audit.verify)."""

    __tablename__ = "audit_anchor"
    id: int = Field(default=1, primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    hash: str = Field(max_length=64)
    mac: str = Field(max_length=64)
