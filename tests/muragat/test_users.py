"""Accounts are made by an admin from the command line: argon2 hash, a one-time password, a revision."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Revision, User
from tests.muragat.test_end_to_end import muragat

pytestmark = pytest.mark.slow


def test_users_create(settings: Settings) -> None:
    run = muragat(settings, "users", "create", "aigerim", "--role", "reviewer", "--request", "letter 12/2026")
    assert run.returncode == 0, run.stderr
    password = run.stdout.strip().rsplit(": ", 1)[1]
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        user = session.exec(select(User).where(User.username == "aigerim")).one()
        assert user.role == "reviewer" and user.request_reference == "letter 12/2026"
        assert user.password_hash and password not in user.password_hash
        assert PasswordHasher().verify(user.password_hash, password)
        [created] = session.exec(select(Revision).where(Revision.entity_id == user.id)).all()
        assert "password_hash" not in created.new_value
        assert created.reason == "account created on request letter 12/2026"

    again = muragat(settings, "users", "create", "aigerim", "--role", "admin")
    assert again.returncode == 4 and again.stderr.strip() == "error: user 'aigerim' already exists"
    bad_role = muragat(settings, "users", "create", "bolat", "--role", "superuser")
    assert bad_role.returncode == 2 and "superuser" in bad_role.stderr
