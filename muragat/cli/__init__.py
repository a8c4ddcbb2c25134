"""The command line (DESIGN.md contract), one module per command group. Every failure becomes one line on
stderr, in MURAGAT_LANGUAGE (muragat.cli.context.cli_language), and an `ExitCode`, in `main`."""

from __future__ import annotations

import signal
import sys
from typing import NoReturn

import typer

from muragat.cli import backup, documents, processes
from muragat.cli.accounts import tokens_app, users_app
from muragat.cli.audit import audit_app
from muragat.cli.context import cli_language, err, os_error_reason
from muragat.cli.graduates import graduates_app
from muragat.cli.templates import templates_app
from muragat.errors import ExitCode, MuragatError

app = typer.Typer(help="Muragat: digitization workbench for university archives.", no_args_is_help=True)
# in the order `muragat --help` lists them
for command in (
    documents.ingest,
    documents.retry,
    documents.export,
    processes.worker,
    processes.serve,
    processes.demo,
    documents.status,
    documents.reconcile,
    backup.backup,
    backup.restore,
):
    app.command()(command)
app.add_typer(graduates_app, name="graduates")
app.add_typer(users_app, name="users")
app.add_typer(templates_app, name="templates")
app.add_typer(tokens_app, name="tokens")
app.add_typer(audit_app, name="audit")


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # unwinds like Ctrl-C, so a private redis-server and workers are stopped
    raise SystemExit(ExitCode.TERMINATED)


def _fail(message: str, code: ExitCode) -> NoReturn:
    one_line = " ".join(line.strip() for line in message.splitlines() if line.strip())
    err.print(f"error: {one_line}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(code)


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        app()
    except MuragatError as e:
        _fail(e.render(cli_language()), e.exit_code)
    except OSError as e:  # a file or folder the command could not use, named with what is wrong
        _fail(os_error_reason(e), ExitCode.FAILURE)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
