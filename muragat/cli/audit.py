"""`muragat audit`: check the audit log's hash chain, search it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from sqlmodel import func, select

from muragat.accounts import audit_anchor_key
from muragat.cli.context import err, load_settings, out, progress_bar
from muragat.errors import ExitCode, MuragatError
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.services import open_services
from storage import audit
from storage.db import session_scope
from storage.models import AuditEntry


class AuditChainBroken(MuragatError):
    code = "audit_broken"
    exit_code = ExitCode.AUDIT_BROKEN


audit_app = typer.Typer(help="The audit trail: check its hash chain, search it.", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[
        str | None,
        typer.Option(help="an anchor line kept elsewhere (`muragat audit anchor`): its entry must be intact"),
    ] = None,
) -> None:
    """Check the audit log's hash chain from its first entry, and its end against the signed anchor;
    names the first edited or missing entry, or the entries cut off the end."""
    settings = load_settings()
    services = open_services(settings)
    kept = audit.parse_anchor_line(anchor) if anchor else None
    key = audit_anchor_key(settings)
    if key is None:  # the chain is still checked; its end only against an anchor given with --anchor
        err.print(str(Message(Code.AUDIT_NO_KEY)), markup=False, highlight=False)
    with session_scope(services.engine) as session:
        total = session.exec(select(func.count()).select_from(AuditEntry)).one()
        with progress_bar() as progress:
            task = progress.add_task("checking", total=total)
            result = audit.verify(
                session,
                progress=lambda n: progress.update(task, completed=n),
                key=key,
                kept=kept,
            )
            progress.update(task, completed=result.checked)
    if not result.ok:
        broken = result.explained()
        if result.head_seq > 1:
            broken = Message(Code.AUDIT_BROKEN_AFTER_MANY, broken=broken, count=result.head_seq)
        elif result.head_seq == 1:
            broken = Message(Code.AUDIT_BROKEN_AFTER_ONE, broken=broken)
        raise AuditChainBroken(broken)
    out.print(result.message(), markup=False, highlight=False)


@audit_app.command("anchor")
def audit_anchor() -> None:
    """Sign the anchor at the log's present end and print it as a line to keep elsewhere (another
    machine, a printout): `muragat audit verify --anchor LINE` then shows a log cut back behind it, even
    by someone who put an old anchor back."""
    settings = load_settings()
    services = open_services(settings)
    key = audit_anchor_key(settings, create=not audit.anchored(services.engine))
    if key is None:
        raise AuditChainBroken(Message(Code.AUDIT_NO_KEY))
    with session_scope(services.engine) as session:
        anchor = audit.anchor_now(session, key)
    if anchor is None:
        out.print(str(Message(Code.AUDIT_INTACT, count=0)), markup=False, highlight=False)
        return
    line = audit.anchor_line(anchor)
    out.print(line, markup=False, highlight=False)
    err.print(str(Message(Code.AUDIT_ANCHORED_AT, seq=anchor.seq, line=line)), markup=False, highlight=False)


@audit_app.command("search")
def audit_search(
    actor: Annotated[str | None, typer.Option(help="user name, or cli / system:worker")] = None,
    action: Annotated[
        str | None, typer.Option(help="view, change, sign_in, sign_in_failed, locked, ...")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="document, graduate, user, api_token, ...")] = None,
    since: Annotated[str | None, typer.Option(help="ISO 8601 date or time (UTC without a zone)")] = None,
    until: Annotated[str | None, typer.Option(help="ISO 8601 date or time, exclusive")] = None,
    text: Annotated[str | None, typer.Option(help="words in the ids, route, address or details")] = None,
    limit: Annotated[int, typer.Option(min=1, help="most entries to print")] = 100,
) -> None:
    """Audit entries, newest first, one a line (JSON details at the end)."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        found = audit.search(
            session,
            actor=actor,
            action=action,
            entity=entity,
            since=audit.parse_moment(since, "--since"),
            until=audit.parse_moment(until, "--until"),
            text=text,
            limit=limit,
        )
    for e in found.entries:
        what = " ".join(p for p in (e.entity, e.entity_id) if p)
        out.print(
            f"{e.seq}  {e.at.isoformat(timespec='seconds')}  {e.actor}  {e.client_address or '-'}  "
            f"{e.action}  {what or '-'}  {e.route or '-'}  {json.dumps(e.details, ensure_ascii=False)}",
            markup=False,
            highlight=False,
        )
    err.print(f"{len(found.entries)} of {found.total} entries")
