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
    audit.use_anchor_key(engine, audit_anchor_key(settings))
    return Services(settings, engine, open_store(settings))
