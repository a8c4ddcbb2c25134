"""What a route takes from the app, typed: settings, the engine, a session, the object store, the queue
and the signed-in user. Routes declare these (`session: SessionDep`) instead of reading the untyped
`request.app.state`.

`SessionDep` is one transaction a request, the one of `storage.db.session_scope`: committed when the
route returns, before the response is sent (the dependency's scope is the function, so a failed commit
is the client's error too), rolled back when the route raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from rq import Queue
from sqlalchemy.engine import Engine
from sqlmodel import Session

from muragat.errors import NotSignedIn
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.settings import Settings
from review_ui.i18n import Translator, translator
from storage.db import session_scope
from storage.institutions import scope_session
from storage.models import User
from storage.objects import ObjectStore


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_store(request: Request) -> ObjectStore:
    store: ObjectStore = request.app.state.store
    return store


def get_queue(request: Request) -> Queue:
    queue: Queue = request.app.state.queue
    return queue


def get_session(request: Request) -> Iterator[Session]:
    """The request's transaction, limited to the signed-in account's institution where it has one
    (storage.institutions): what a route reads, counts or changes through it stays in that archive."""
    user: User | None = getattr(request.state, "user", None)
    with session_scope(get_engine(request)) as session:
        scope_session(session, user.institution if user is not None else None)
        yield session


def signed_in(request: Request) -> User:
    """The account `authorize` found for this request; routes that are not public always have one."""
    user: User | None = getattr(request.state, "user", None)
    if user is None:
        raise NotSignedIn(Message(Code.SIGN_IN))
    return user


def maybe_signed_in(request: Request) -> User | None:
    user: User | None = getattr(request.state, "user", None)
    return user


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[ObjectStore, Depends(get_store)]
QueueDep = Annotated[Queue, Depends(get_queue)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
CurrentUser = Annotated[User, Depends(signed_in)]
OptionalUser = Annotated[User | None, Depends(maybe_signed_in)]
Words = Annotated[Translator, Depends(translator)]  # the user's language, for messages a route renders
