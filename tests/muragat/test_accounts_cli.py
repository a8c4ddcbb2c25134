"""The command line of accounts and the audit trail: `audit verify` on an intact chain, an edited entry
and a deleted one; `audit search`; API tokens made, listed and revoked; an institution; unlocking."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import select

from muragat.settings import Settings
from storage import audit
from storage.db import session_scope
from storage.models import ApiToken, User
from storage.types import utcnow
from tests.muragat.test_end_to_end import env_for, muragat

pytestmark = pytest.mark.slow
BROKEN = 8


def _views(engine: Engine, count: int) -> None:
    for n in range(count):
        with session_scope(engine) as session:
            audit.append(session, actor="dana", action="view", entity="document", entity_id=f"d{n}")


def _tamper(engine: Engine, statement: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
        conn.execute(text(statement))
        conn.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only"))


def test_audit_verify_on_an_intact_chain(settings: Settings, engine: Engine) -> None:
    made = muragat(settings, "users", "create", "aigerim", "--role", "reviewer", "--request", "12/2026")
    assert made.returncode == 0, made.stderr
    _views(engine, 3)
    run = muragat(settings, "audit", "verify")
    assert run.returncode == 0, run.stderr
    with session_scope(engine) as session:
        last_seq, last_hash = audit.head(session)
    assert last_seq == 4  # the account's creation, then three views
    assert run.stdout.strip() == (  # the account was made by the CLI, which signs the anchor; views not
        "audit chain intact: 4 entries, the signed anchor's entry 1 among them; last entry 4 has hash "
        f"{last_hash}"
    )


def test_audit_verify_names_an_edited_entry(settings: Settings, engine: Engine) -> None:
    _views(engine, 5)
    _tamper(engine, "UPDATE audit_entry SET entity_id = 'someone else' WHERE seq = 3")
    run = muragat(settings, "audit", "verify")
    assert run.returncode == BROKEN
    assert run.stderr.strip().splitlines()[-1] == (
        "error: entry 3: edited (hash does not match its content); the 2 entries before it are intact"
    )
    russian = muragat(settings, "audit", "verify", env=env_for(settings) | {"MURAGAT_LANGUAGE": "ru"})
    assert russian.returncode == BROKEN
    assert russian.stderr.strip().splitlines()[-1] == (
        "error: запись 3: изменена (хеш не соответствует содержимому); записи перед ней (2) не нарушены"
    )


def test_audit_verify_names_a_deleted_entry(settings: Settings, engine: Engine) -> None:
    _views(engine, 5)
    _tamper(engine, "DELETE FROM audit_entry WHERE seq = 4")
    run = muragat(settings, "audit", "verify")
    assert run.returncode == BROKEN
    assert run.stderr.strip().splitlines()[-1] == (
        "error: entry 4: missing (entry 5 follows entry 3); the 3 entries before it are intact"
    )


def test_audit_verify_finds_entries_cut_off_the_end(settings: Settings, engine: Engine) -> None:
    for name in ("aigerim", "bolat", "dana"):
        made = muragat(settings, "users", "create", name, "--role", "reviewer", "--request", "12/2026")
        assert made.returncode == 0, made.stderr
    anchored = muragat(settings, "audit", "anchor")
    assert anchored.returncode == 0, anchored.stderr
    line = anchored.stdout.strip()
    assert line.startswith("3:") and f"muragat audit verify --anchor {line}" in anchored.stderr
    assert muragat(settings, "audit", "verify", "--anchor", line).returncode == 0
    _tamper(engine, "DELETE FROM audit_entry WHERE seq = 3")  # the last entry, so the chain stays whole
    run = muragat(settings, "audit", "verify")
    assert run.returncode == BROKEN
    assert run.stderr.strip().splitlines()[-1] == (
        "error: entry 3: 1 entries cut off the end: the anchor says the log reached entry 3, it ends at 2; "
        "the 2 entries before it are intact"
    )


def test_audit_search(settings: Settings, engine: Engine) -> None:
    _views(engine, 3)
    run = muragat(settings, "audit", "search", "--actor", "dana", "--text", "d1")
    assert run.returncode == 0, run.stderr
    [line] = run.stdout.splitlines()
    assert line.startswith("2  ") and "dana" in line and "view" in line and "document d1" in line
    assert "1 of 1 entries" in run.stderr
    bad = muragat(settings, "audit", "search", "--since", "yesterday")
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr


def test_tokens_create_list_revoke(settings: Settings, engine: Engine) -> None:
    assert muragat(settings, "users", "create", "sync", "--role", "admin").returncode == 0
    made = muragat(settings, "tokens", "create", "sync", "--name", "registry sync")
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("mrg_") and "shown only now" in made.stderr and secret not in made.stderr
    with session_scope(engine) as session:
        token = session.exec(select(ApiToken)).one()
        assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    listed = muragat(settings, "tokens", "list")
    assert str(token.id) in listed.stdout and secret[:8] in listed.stdout and secret not in listed.stdout
    assert "active" in listed.stdout
    revoked = muragat(settings, "tokens", "revoke", str(token.id))
    assert revoked.returncode == 0 and "revoked" in muragat(settings, "tokens", "list").stdout
    again = muragat(settings, "tokens", "revoke", str(token.id))
    assert again.returncode == 4
    nobody = muragat(settings, "tokens", "create", "nobody", "--name", "x")
    assert nobody.returncode == 3 and "does not exist" in nobody.stderr


def test_users_with_an_institution_and_unlock(settings: Settings, engine: Engine) -> None:
    made = muragat(
        settings, "users", "create", "aru", "--role", "archivist", "--institution", "Абай атындағы ҚазҰПУ"
    )
    assert made.returncode == 0, made.stderr
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == "aru")).one()
        assert user.institution == "Абай атындағы ҚазҰПУ"
        user.failed_logins, user.locked_until = 3, utcnow() + timedelta(minutes=10)
    assert muragat(settings, "users", "unlock", "aru").returncode == 0
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == "aru")).one()
        assert (user.failed_logins, user.locked_until) == (0, None)
        [entry] = audit.search(session, action="unlocked").entries
        assert (entry.actor, entry.entity_id) == ("cli", "aru")
    assert muragat(settings, "users", "unlock", "nobody").returncode == 3


def test_a_process_without_the_audit_key_does_not_make_one_for_an_anchored_log(settings: Settings) -> None:
    made = muragat(settings, "users", "create", "aigerim", "--role", "reviewer", "--request", "12/2026")
    assert made.returncode == 0, made.stderr
    assert (settings.home / "audit.key").exists()  # a new log: its key was made with its first anchor
    elsewhere = settings.model_copy(update={"home": settings.home.parent / "other-home"})
    run = muragat(elsewhere, "audit", "verify")
    assert run.returncode == 0, run.stderr  # the chain is checked; its end cannot be without the key
    assert "no audit key here" in run.stderr
    assert not (elsewhere.home / "audit.key").exists()
    refused = muragat(elsewhere, "audit", "anchor")
    assert refused.returncode == BROKEN and "no audit key here" in refused.stderr
