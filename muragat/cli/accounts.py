"""`muragat users` and `muragat tokens`: accounts made by an admin, locked, disabled, unlocked and
reset by one, and API tokens (the web page /accounts does the same)."""

from __future__ import annotations

import uuid
from typing import Annotated

import typer

from muragat.accounts import (
    create_account,
    create_token,
    disable_account,
    list_accounts,
    list_tokens,
    lock_account,
    reset_password,
    revoke_token,
    unlock_account,
)
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


@users_app.command("lock")
def users_lock(
    name: Annotated[str, typer.Argument(help="user name")],
    minutes: Annotated[int, typer.Option(min=1, help="how long the account refuses every sign-in")] = 1440,
) -> None:
    """Lock an account: it refuses every sign-in for a while; its sessions end, its tokens are revoked."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        until = lock_account(session, name, CLI_ACTOR, "cli", minutes)
    out.print(f"locked {name} until {until.isoformat(timespec='seconds')}", markup=False, highlight=False)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="user name")]) -> None:
    """Disable an account for good: its sessions end and its tokens are revoked (its history is kept)."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        disable_account(session, name, CLI_ACTOR, route="cli")
    out.print(f"disabled {name}", markup=False, highlight=False)


@users_app.command("reset")
def users_reset(name: Annotated[str, typer.Argument(help="user name")]) -> None:
    """A new one-time password (printed once), to be changed at the next sign-in; sessions end, tokens
    are revoked."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        password = reset_password(session, name, CLI_ACTOR, route="cli")
    out.print(f"reset {name}; one-time password: {password}", markup=False, highlight=False)


@users_app.command("list")
def users_list() -> None:
    """Every account: name, role, state, live sessions and tokens."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        rows = list_accounts(session)
    for row in rows:
        user = row.user
        state = [
            "active" if user.active else "disabled",
            *(["must change password"] if user.must_change_password else []),
            *(
                [f"locked until {user.locked_until.isoformat(timespec='seconds')}"]
                if user.locked_until
                else []
            ),
            *([f"locked out from {row.locked_addresses} addresses"] if row.locked_addresses else []),
        ]
        out.print(
            f"{user.username}  {user.role}  {', '.join(state)}  sessions {row.sessions}  "
            f"tokens {row.tokens}  request {user.request_reference or '-'}",
            markup=False,
            highlight=False,
        )


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Argument(help="the account the token acts as")],
    name: Annotated[str, typer.Option(help="what uses the token, e.g. the registry sync of a university")],
    expires_days: Annotated[
        int | None, typer.Option(help="days until the token expires (1 to 3650); none: until revoked")
    ] = None,
) -> None:
    """Create an API token; prints it once (only its hash is kept): send it as `Authorization: Bearer`."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        issued = create_token(session, user, name, CLI_ACTOR, expires_days)
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
    """Every API token: id, first characters, account, name, created, last used, revoked, expiry."""
    services = open_services(load_settings())
    with session_scope(services.engine) as session:
        rows = list_tokens(session)
    for token, username in rows:
        used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "never used"
        state = f"revoked {token.revoked_at.isoformat(timespec='seconds')}" if token.revoked_at else "active"
        if token.expires_at:
            state += f", expires {token.expires_at.isoformat(timespec='seconds')}"
        out.print(
            f"{token.id}  {token.prefix}...  {username}  {token.name}  "
            f"created {token.created_at.isoformat(timespec='seconds')}  {used}  {state}",
            markup=False,
            highlight=False,
        )
