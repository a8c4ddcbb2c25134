"""`muragat graduates`: the graduate registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from matching.registry import ImportReport, import_registry
from muragat.cli.context import CLI_ACTOR, err, load_settings, out
from muragat.errors import ExitCode, InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.registry import Code
from muragat.services import Services, open_services
from storage.db import session_scope

graduates_app = typer.Typer(help="The graduate registry.", no_args_is_help=True)


@graduates_app.command("import")
def graduates_import(
    file: Annotated[Path, typer.Argument(help="registry CSV (UTF-8, DESIGN.md columns)")],
) -> None:
    """Import or update graduates; prints rows added, updated, unchanged and rejected."""
    services = open_services(load_settings())
    report = import_registry_file(services, file)
    for error in report.errors:
        err.print(f"{file}: {error}", markup=False, highlight=False)
    out.print(report.summary(), markup=False, highlight=False)
    if report.rejected:
        raise typer.Exit(ExitCode.INVALID_INPUT)


def import_registry_file(services: Services, file: Path) -> ImportReport:
    try:
        data = file.read_bytes()
    except OSError as e:
        raise InvalidInput(Message(Code.FILE_UNREADABLE, file=str(file), error=e.strerror)) from e
    with session_scope(services.engine) as session:
        return import_registry(session, data, file.name, actor=CLI_ACTOR)
