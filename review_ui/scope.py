"""The institution an account is limited to, for the web's routes: its request session is scoped
(storage.institutions filters every ORM statement of it), and an id in a route's path that belongs to
another institution is refused before the route runs, with the same answer as an id that does not exist
(so a limited account cannot tell another archive's ids from made-up ones)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request
from sqlmodel import Session, select

from muragat.errors import Forbidden, NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from review_ui.deps import get_engine
from storage.db import session_scope
from storage.institutions import UNSCOPED, fold, same_institution
from storage.models import Document, Graduate, Match, Revision, User

__all__ = ["check_path", "institution_scope", "same_institution"]


def institution_scope(user: User | None) -> str | None:
    """The one institution whose graduates and documents the account may see; None: all of them."""
    return (
        user.institution.strip()
        if user is not None and user.institution and user.institution.strip()
        else None
    )


# The audit log is the whole archive's: who looked at whom, what they searched for; accounts and tokens are
# every institution's too. An account limited to one institution would read or change other institutions'.
ALL_INSTITUTIONS_ONLY = frozenset(
    {"audit_page", "audit_api", "accounts_page", "accounts_create", "accounts_disable", "accounts_lock"}
    | {"accounts_unlock", "accounts_reset", "tokens_create", "tokens_revoke"}
)


def check_path(request: Request, user: User, route_name: str) -> None:
    """Refuse, as not found, a document, graduate, match or revision of another institution named in the
    path to an account limited to one; and the routes that are every institution's at once."""
    key = fold(institution_scope(user))
    if key is not None and route_name in ALL_INSTITUTIONS_ONLY:
        raise Forbidden(Message(Code.ALL_INSTITUTIONS_ONLY))
    params = request.path_params
    if key is None or not params.keys() & NOT_FOUND.keys():
        return
    with session_scope(get_engine(request)) as session:
        for name, owners in _owners(session, params):
            if not all(owner == key for owner in owners):
                code, param = NOT_FOUND[name]
                raise NotFound(Message(code, **{param: str(params[name])}))


# what a route answers for an id it cannot find, and the message's parameter for the id
NOT_FOUND = {
    "document_id": (Code.DOCUMENT_NOT_FOUND, "id"),
    "graduate_id": (Code.GRADUATE_NOT_IN_REGISTRY, "graduate"),
    "match_id": (Code.NO_CONFIRMED_DIPLOMA, "id"),
    "revision_id": (Code.REVISION_NOT_FOUND, "id"),
}


def _owners(session: Session, params: dict[str, Any]) -> list[tuple[str, list[str | None]]]:
    """The institution keys of what each id in the path names (one naming nothing: none; the route
    answers it)."""
    owners: list[tuple[str, list[str | None]]] = []
    if (document_id := _uuid(params.get("document_id"))) is not None:
        owners.append(("document_id", _document_owner(session, document_id)))
    if params.get("graduate_id"):
        keys = session.exec(
            select(Graduate.institution_key)
            .where(Graduate.graduate_id == str(params["graduate_id"]))
            .execution_options(**{UNSCOPED: True})
        ).all()
        owners.append(("graduate_id", list(keys)))
    if (match_id := _uuid(params.get("match_id"))) is not None and (match := _get(session, Match, match_id)):
        owners.append(("match_id", _entity_owner(session, "match", match.id)))
    if (revision_id := _uuid(params.get("revision_id"))) is not None and (
        revision := _get(session, Revision, revision_id)
    ):
        owners.append(("revision_id", _entity_owner(session, revision.entity, revision.entity_id)))
    return owners


def _entity_owner(session: Session, entity: str, entity_id: uuid.UUID) -> list[str | None]:
    if entity == "document":
        return _document_owner(session, entity_id)
    if entity == "graduate":
        graduate = _get(session, Graduate, entity_id)
        return [graduate.institution_key if graduate else None]
    if entity == "match" and (match := _get(session, Match, entity_id)):
        graduate = _get(session, Graduate, match.graduate_id)
        return [*_document_owner(session, match.document_id), graduate.institution_key if graduate else None]
    return [None]  # a revision of an account, a collection, a correction: not a limited account's to restore


def _document_owner(session: Session, document_id: uuid.UUID) -> list[str | None]:
    doc = _get(session, Document, document_id)
    return [doc.institution_key] if doc is not None else []


def _get(session: Session, model: Any, id_: uuid.UUID) -> Any:
    return session.get(model, id_, execution_options={UNSCOPED: True})


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) if value else None
    except ValueError:
        return None
