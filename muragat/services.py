"""The shared services a command, the web app or a job needs: database (migrated) and object store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from muragat.accounts import audit_anchor_key
from muragat.settings import Settings
from storage import audit
from storage.db import get_engine, migrate
from storage.objects import ObjectStore, open_store

_migrated: set[str] = set()


@dataclass
class Services:
    settings: Settings
    engine: Engine
    store: ObjectStore


def open_services(settings: Settings) -> Services:
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = get_engine(settings.sqlalchemy_url)
    if settings.sqlalchemy_url not in _migrated:
        migrate(engine)
        _migrated.add(settings.sqlalchemy_url)
    # a key is made only for a log not yet anchored: a process whose home lacks the key of an anchored log
    # (another machine, a wrong MURAGAT_HOME) writes entries without re-signing the anchor, and
    # `audit verify` names the missing key, rather than every entry being signed with a key of its own
    key = audit_anchor_key(settings)
    if key is None and not audit.anchored(engine):
        key = audit_anchor_key(settings, create=True)
    if key is not None:
        audit.use_anchor_key(engine, key)
    return Services(settings, engine, open_store(settings))
