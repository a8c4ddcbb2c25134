"""All configuration in one place: environment variables with the MURAGAT_ prefix, or a .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from muragat.messages import LANGUAGES


def locale_language() -> str:
    """The language of the process's locale (LC_ALL, else LC_MESSAGES, else LANG) where Muragat has it:
    kk or ru; anything else is en."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value[:2].lower() if value[:2].lower() in ("kk", "ru") else "en"
    return "en"


class LanguageSetting(BaseSettings):
    """MURAGAT_LANGUAGE alone: read even where another setting is wrong, so that the error is told in it."""

    model_config = SettingsConfigDict(env_prefix="MURAGAT_", env_file=".env", extra="ignore")

    language: str = Field(
        default_factory=locale_language,
        description="language of the command line's errors: kk, ru or en; empty: the locale's (LANG) or en",
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        language = value.strip().lower() or locale_language()
        if language not in LANGUAGES:
            raise ValueError(f"must be one of {', '.join(LANGUAGES)}")
        return language


# The machine's own names: always answered (health checks), and where links may be built without
# MURAGAT_PUBLIC_BASE_URL (development)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class Settings(LanguageSetting):
    home: Path = Field(Path(".muragat"), description="Folder for the embedded database, objects and Redis")
    database_url: str | None = Field(None, description="SQLAlchemy URL; empty means SQLite in MURAGAT_HOME")
    redis_url: str | None = Field(None, description="Redis URL; empty means a private redis-server")
    s3_endpoint: str | None = Field(None, description="host:port of MinIO/S3; empty means a folder")
    s3_access_key: SecretStr | None = None
    s3_secret_key: SecretStr | None = None
    s3_bucket: str = "muragat"
    s3_secure: bool = False
    s3_region: str | None = None
    ocr_languages: str = "kaz+rus"
    templates_dir: Path | None = Field(
        None,
        description="folder of an archive's own template profiles (YAML), read beside the shipped ones",
    )
    ocr_dpi: int = 300
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    api_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    queue_name: str = "muragat"
    job_timeout_seconds: int = 1800
    job_lease_seconds: int = 30
    max_attempts: int = Field(
        3,
        ge=1,
        description="times a worker may stop on one document (killed, out of memory, its machine lost) "
        "before the document ends failed with the reason; a person's retry starts the count again",
    )
    service_retry_seconds: float = Field(
        120,
        ge=0,
        description="how long a job tries again, with growing pauses, when the object store, the disk or "
        "the database fails it, before the document ends failed",
    )
    reconcile_seconds: float | None = Field(
        None,
        ge=0,
        description="seconds between the sweeps of `muragat worker` that re-enqueue, from the database, "
        "documents left queued or processing with no live job; empty: half the lease; 0: only at start",
    )
    max_upload_bytes: int = 200 * 1024 * 1024
    max_image_pixels: int = 120_000_000
    max_image_memory_mb: int = Field(
        384,
        ge=16,
        description="memory one page image may take once decoded (its pixels as held in memory, plus a "
        "TIFF's strip or tile); a larger image is refused before it is decoded, with this limit named",
    )
    max_pages: int = 500
    max_zip_members: int = 5000
    max_zip_bytes: int = 2 * 1024 * 1024 * 1024
    max_inspect_seconds: float = Field(
        60, gt=0, description="longest the pages of one upload may take to read when it is checked"
    )
    max_page_content_bytes: int = Field(
        2 * 1024 * 1024,
        ge=1,
        description="most bytes of drawing instructions (decoded, forms included) one PDF page may hold; "
        "measured before the page is loaded, which takes about 20 times as much memory",
    )
    max_render_memory_mb: int = Field(
        768,
        ge=64,
        description="memory (MB) the child process that reads and renders a PDF may take beyond its start "
        "(RLIMIT_AS), at upload and in the worker; a page that needs more fails with this limit named",
    )
    max_render_seconds: float = Field(
        60, gt=0, description="longest one PDF page may take to render in the worker before it fails"
    )
    session_secret: SecretStr | None = Field(
        None, description="key that signs session cookies; empty means one kept in MURAGAT_HOME/session.key"
    )
    cookie_secure: bool = Field(
        False, description="mark cookies Secure always (they are on every request that came over HTTPS)"
    )
    session_hours: int = 8
    token_cache_seconds: int = Field(
        30, ge=0, le=3600, description="how long an API token's check is kept (0: checked on every request)"
    )
    lockout_attempts: int = Field(
        5, ge=1, description="failed sign-ins in a row under one name from one address that lock that pair"
    )
    lockout_minutes: int = Field(15, ge=1, description="how long a locked name refuses that address")
    password_min_length: int = Field(10, ge=8, description="fewest characters of a password a user chooses")
    trusted_proxies: str = Field(
        "",
        description="comma-separated addresses or networks of reverse proxies whose X-Forwarded-For "
        "is believed; empty means the client address is the connection's peer",
    )
    verification_secret: SecretStr | None = Field(
        None,
        description="key that signs public verification links; empty means one kept in "
        "MURAGAT_HOME/verification.key",
    )
    audit_key: SecretStr | None = Field(
        None,
        description="key that signs the audit log's anchor (the end of its chain); empty means one kept in "
        "MURAGAT_HOME/audit.key. Every process that writes the log (API, workers, CLI) needs the same key",
    )
    public_base_url: str | None = Field(
        None,
        description="origin of the public verification links and QR codes, e.g. https://muragat.example.kz; "
        "empty: links are issued only to a request for localhost (development), never from another Host",
    )
    allowed_hosts: str = Field(
        "",
        description="comma-separated host names (Host header) the server answers, e.g. "
        "muragat.example.kz,10.0.0.5; a request for any other gets 400. Empty: every host (development)",
    )
    public_rate_limit_per_minute: int = Field(
        30, ge=1, description="public verification pages one client address may open per minute"
    )
    max_request_bytes: int = Field(
        16 * 1024 * 1024,
        ge=1024,
        description="longest body of a request other than an upload or a registry file (JSON, forms); "
        "a longer one is refused before it is read",
    )
    max_batch_rows: int = Field(5000, ge=1, description="most graduates in one registry sync request")
    host: str = "127.0.0.1"
    port: int = 8000
    demo_samples: Path = Field(
        Path(__file__).resolve().parent.parent / "samples",
        description="Folder with registry.csv and scans/ that `muragat demo` loads",
    )

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.home / 'muragat.db').resolve()}"

    @property
    def objects_dir(self) -> Path:
        return self.home / "objects"

    @property
    def embedded(self) -> bool:
        return self.redis_url is None


_configured: Settings | None = None


@lru_cache
def _from_environment() -> Settings:
    return Settings()


def get_settings() -> Settings:
    """The settings a process was started with: those handed to `configure`, else the environment."""
    return _configured or _from_environment()


def configure(settings: Settings) -> None:
    """Pin the settings of this process (a worker started with settings made in code)."""
    global _configured
    _configured = settings
