"""`muragat backup` and `muragat restore`: database dump, objects and a manifest with their sha256."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from sqlalchemy.engine import make_url

from muragat.cli.context import load_settings, os_error_reason, out, progress_bar
from muragat.errors import ExitCode
from muragat.messages import Message
from muragat.messages.catalog.admin import Code


def _backup_progress(progress: Progress) -> Callable[[str, int, int], None]:
    tasks: dict[str, TaskID] = {}

    def update(what: str, done: int, total: int) -> None:
        if what not in tasks:
            tasks[what] = progress.add_task(what, total=total)
        progress.update(tasks[what], completed=done, total=total)

    return update


def backup(
    dest: Annotated[Path, typer.Argument(help="new folder to write the backup into (must not exist)")],
) -> None:
    """A consistent database dump, every object of the store, and a manifest with their sha256."""
    from muragat.backup import BackupFailed
    from muragat.backup import backup as make_backup

    settings = load_settings()
    with progress_bar() as progress:
        try:
            report = make_backup(settings, dest, _backup_progress(progress))
        except OSError as e:
            raise BackupFailed(
                Message(Code.BACKUP_INTO_FAILED, dest=str(dest), error=os_error_reason(e))
            ) from e
    out.print(report.summary("backed up to"), markup=False, highlight=False)


def restore(
    src: Annotated[Path, typer.Argument(help="a folder written by `muragat backup`")],
    yes: Annotated[
        bool, typer.Option("--yes", help="replace the configured database without asking")
    ] = False,
) -> None:
    """Replace the database with a backup's and write its objects back, each checked against the manifest.

    Stop `muragat serve` and the workers first: the database is replaced under them.
    """
    from muragat.backup import BackupFailed
    from muragat.restore import restore as restore_backup

    settings = load_settings()
    if not yes and not typer.confirm(
        f"replace the database {make_url(settings.sqlalchemy_url).render_as_string()} with {src}?"
    ):
        raise typer.Exit(ExitCode.FAILURE)
    with progress_bar() as progress:
        try:
            report = restore_backup(settings, src, _backup_progress(progress))
        except OSError as e:
            raise BackupFailed(
                Message(Code.RESTORE_FROM_FAILED, src=str(src), error=os_error_reason(e))
            ) from e
    out.print(
        report.summary("restored from") + "; every object checked against the manifest",
        markup=False,
        highlight=False,
    )
