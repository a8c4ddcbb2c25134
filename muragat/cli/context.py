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
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.settings import LanguageSetting, Settings, get_settings, locale_language

CLI_ACTOR = "cli"
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def load_settings() -> Settings:
    """The process's settings, or InvalidInput naming each MURAGAT_ variable that is wrong and how."""
    try:
        settings = get_settings()
    except ValidationError as e:
        problems = [_setting_problem(error) for error in e.errors()]
        raise InvalidInput(Message(Code.SETTINGS_PROBLEMS, problems=problems)) from e
    if settings.database_url:
        try:
            make_url(settings.database_url).get_dialect()
        except ArgumentError as e:
            # the URL itself is not repeated: it may hold a password
            raise InvalidInput(
                Message(Code.DATABASE_URL_UNKNOWN, variable=_variable("database_url"), error=str(e))
            ) from e
    return settings


def cli_language() -> str:
    """The language the command line's errors are written in: MURAGAT_LANGUAGE, else the locale's (also
    where settings do not load: the error to be written may be about them, MURAGAT_LANGUAGE included)."""
    try:
        return get_settings().language
    except ValidationError:
        pass
    try:
        return LanguageSetting().language
    except ValidationError:
        return locale_language()


def _variable(field: str) -> str:
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


def _setting_problem(error: ErrorDetails) -> Message:
    field = str(error["loc"][0]) if error["loc"] else ""
    message = error["msg"]  # pydantic's own words, in English
    problem = {"variable": _variable(field), "problem": f"{message[:1].lower()}{message[1:]}"}
    if _is_secret(field):
        return Message(Code.SECRET_SETTING_WRONG, **problem)
    return Message(Code.SETTING_WRONG, **problem, value=repr(error["input"]))


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
