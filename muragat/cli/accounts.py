"""`muragat users` and `muragat tokens`: accounts made by an admin, unlocking them, API tokens."""

from __future__ import annotations

import uuid
from typing import Annotated

import typer

from muragat.accounts import create_account, create_token, list_tokens, revoke_token, unlock_account
from muragat.cli.context import CLI_ACTOR, err, load_settings, out
from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.admin import Code
from muragat.services import open_services
from storage.db import session_scope
from storage.models import Role

users_app = typer.Typer(help="Accounts (made by an admin; there is no sign-up).", no_args_is_help=True)
tokens_app = typer.Typer(
    help="API tokens for integrations (made by an admin, shown once).", no_args_is_help=True
)


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="user name")],
    role: Annotated[Role, typer.Option(help="role of the account")],
    full_name: Annotated[str | None, typer.Option(help="the person's full name")] = None,
    request_reference: Annotated[
        str | None, typer.Option("--request", help="reference of the written request")
    ] = None,
    institution: Annotated[
        str | None, typer.Option(help="limit the account to this institution's graduates and documents")
    ] = None,
) -> None:
    """Create an account; prints a one-time password to hand over."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        password = create_account(
            session,
            name,
            role,
            CLI_ACTOR,
            full_name=full_name,
            request_reference=request_reference,
            institution=institution,
        )
    out.print(f"created {name} ({role}); one-time password: {password}", markup=False, highlight=False)


@users_app.command("unlock")
def users_unlock(name: Annotated[str, typer.Argument(help="user name")]) -> None:
    """Let a locked-out account sign in again now (the failures are forgotten)."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        unlock_account(session, name, CLI_ACTOR, route="cli")
    out.print(f"unlocked {name}", markup=False, highlight=False)


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Argument(help="the account the token acts as")],
    name: Annotated[str, typer.Option(help="what uses the token, e.g. the registry sync of a university")],
) -> None:
    """Create an API token; prints it once (only its hash is kept): send it as `Authorization: Bearer`."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        issued = create_token(session, user, name, CLI_ACTOR)
    err.print(
        f"created API token {issued.token.id} ({issued.token.prefix}...) for {user}; "
        "it is shown only now, keep it secret:",
        markup=False,
        highlight=False,
    )
    out.print(issued.secret, markup=False, highlight=False)


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[str, typer.Argument(help="the token's id (see `tokens list`)")],
) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    try:
        ident = uuid.UUID(token_id)
    except ValueError as e:
        raise InvalidInput(Message(Code.NOT_A_TOKEN_ID, value=repr(token_id))) from e
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        token = revoke_token(session, ident, CLI_ACTOR)
    out.print(
        f"revoked API token {token.id} ({token.prefix}..., {token.name})", markup=False, highlight=False
    )


@tokens_app.command("list")
def tokens_list() -> None:
    """Every API token: id, first characters, account, name, created, last used, revoked."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        rows = list_tokens(session)
    for token, username in rows:
        used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never used"
        state = f"revoked {token.revoked_at.isoformat(timespec='seconds')}" if token.revoked_at else "active"
        out.print(
            f"{token.id}  {token.prefix}...  {username}  {token.name}  "
            f"created {token.created_at.isoformat(timespec='seconds')}  {used}  {state}",
            markup=False,
            highlight=False,
        )
