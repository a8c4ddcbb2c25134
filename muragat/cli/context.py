"""What every command runs with: the settings (a bad one is a one-line error), the consoles it writes
to (results on stdout; progress, notes and errors on stderr), the progress bar, and the actor its changes
are recorded under."""

from __future__ import annotations

from typing import get_args

from pydantic import SecretStr, ValidationError
from pydantic_core import ErrorDetails
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from muragat.errors import InvalidInput
from muragat.settings import Settings, get_settings

CLI_ACTOR = "cli"
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def load_settings() -> Settings:
    """The process's settings, or InvalidInput naming each MURAGAT_ variable that is wrong and how."""
    try:
        settings = get_settings()
    except ValidationError as e:
        raise InvalidInput("; ".join(_setting_problem(error) for error in e.errors())) from e
    if settings.database_url:
        try:
            make_url(settings.database_url).get_dialect()
        except ArgumentError as e:
            # the URL itself is not repeated: it may hold a password
            raise InvalidInput(
                f"{_variable('database_url')}: not a database URL SQLAlchemy knows ({e}); "
                "e.g. postgresql+psycopg2://user:pw@host/db"
            ) from e
    return settings


def _variable(field: str) -> str:
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


def _setting_problem(error: ErrorDetails) -> str:
    field = str(error["loc"][0]) if error["loc"] else ""
    message = error["msg"]
    problem = f"{_variable(field)}: {message[:1].lower()}{message[1:]}"
    return problem if _is_secret(field) else f"{problem} (it is {error['input']!r})"


def _is_secret(field: str) -> bool:
    info = Settings.model_fields.get(field)
    return info is None or info.annotation is SecretStr or SecretStr in get_args(info.annotation)


def os_error_reason(e: OSError) -> str:
    """`path: what is wrong` for an error of the file system, on one line."""
    if not e.filename:
        return str(e)
    paths = f"{e.filename} -> {e.filename2}" if e.filename2 else str(e.filename)
    return f"{paths}: {e.strerror or e}"


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )
