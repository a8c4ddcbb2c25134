"""Whose archive a document is, and the scope of an account limited to one institution, applied in one
place: every ORM statement of a scoped session (select, update, delete; lists, counts, joins, lookups by
id) sees only that institution's documents, graduates, matches, pages, corrections and collections.

A session is scoped with `scope_session(session, "Institution name")` (review_ui.deps does it for each
request of a limited account); jobs, the CLI and the sign-in checks use unscoped sessions. A rule that
must look past the scope (is this graduate ID taken by another institution?) runs its statement with
`.execution_options(unscoped=True)`. Text SQL is not ORM and is not filtered: the full-text search takes
the scope as a parameter (storage.search).

A document's institution is the uploader's (their account's, or the batch's), else the registry's for the
graduate it was matched to, else the one read from the scan; a document with none is seen only by accounts
that are not limited to one institution.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from storage.models import (
    Collection,
    Document,
    Graduate,
    LineCorrection,
    Match,
    MatchDecision,
    Page,
)

SCOPE_KEY = "institution_scope"
UNSCOPED = "unscoped"
SETTLED = (MatchDecision.confirmed, MatchDecision.auto_matched)


def fold(name: object) -> str | None:
    """An institution's name as compared: spaces collapsed, case folded; None for a blank one."""
    text = " ".join(str(name or "").split()).casefold()
    return text[:500] or None


def same_institution(scope: str, value: object) -> bool:
    return fold(value) == fold(scope)


def scope_session(session: OrmSession, institution: str | None) -> None:
    """Limit every later ORM statement of the session to one institution (None: no limit)."""
    key = fold(institution)
    if key is None:
        session.info.pop(SCOPE_KEY, None)
    else:
        session.info[SCOPE_KEY] = key


@contextmanager
def unscoped(session: OrmSession) -> Iterator[None]:
    """The whole archive for the statements inside, on a scoped session: for the machine's own work on a
    record already found in scope (matching a document against every institution's registry, as the
    worker does), never for what is shown to the account."""
    key = session.info.pop(SCOPE_KEY, None)
    try:
        yield
    finally:
        if key is not None:
            session.info[SCOPE_KEY] = key


def session_scope_key(session: OrmSession) -> str | None:
    key: str | None = session.info.get(SCOPE_KEY)
    return key


def _criteria(key: str) -> list[Any]:
    documents = select(col(Document.id)).where(col(Document.institution_key) == key)
    graduates = select(col(Graduate.id)).where(col(Graduate.institution_key) == key)
    return [
        with_loader_criteria(Document, col(Document.institution_key) == key, include_aliases=True),
        with_loader_criteria(Graduate, col(Graduate.institution_key) == key, include_aliases=True),
        with_loader_criteria(
            Match,
            col(Match.document_id).in_(documents) & col(Match.graduate_id).in_(graduates),
            include_aliases=True,
        ),
        with_loader_criteria(Page, col(Page.document_id).in_(documents), include_aliases=True),
        with_loader_criteria(
            LineCorrection, col(LineCorrection.document_id).in_(documents), include_aliases=True
        ),
        with_loader_criteria(
            Collection,
            col(Collection.id).in_(
                select(col(Document.collection_id)).where(col(Document.institution_key) == key)
            )
            | (col(Collection.institution_key) == key),
            include_aliases=True,
        ),
    ]


@event.listens_for(OrmSession, "do_orm_execute")
def _limit_to_scope(state: ORMExecuteState) -> None:
    key = session_scope_key(state.session)
    if key is None or state.execution_options.get(UNSCOPED):
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(*_criteria(key))


@event.listens_for(OrmSession, "before_flush")
def _fold_keys(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Graduate | Document | Collection):
            obj.institution_key = fold(obj.institution)


# --- whose document it is -----------------------------------------------------------------------


def _clean(name: object) -> str | None:
    text = " ".join(str(name).split())[:500] if isinstance(name, str) else ""
    return text or None


def set_uploader_institution(session: Session, doc: Document, account_institution: str | None) -> None:
    """At upload: the uploading account's institution, else the batch's; the document is theirs for good."""
    name = _clean(account_institution)
    if name is None and doc.collection_id is not None:
        batch = session.get(Collection, doc.collection_id, execution_options={UNSCOPED: True})
        name = _clean(batch.institution) if batch is not None else None
    if name is not None:
        doc.institution, doc.institution_source = name, "uploader"
        doc.institution_key = fold(name)


def assign_institution(session: Session, doc: Document) -> None:
    """After matching or a decision: unless the uploader's, the institution of the document's settled
    graduate (the best one, on a ledger), else the one read from the scan, else none."""
    if doc.institution_source == "uploader":
        return
    settled = session.exec(
        select(col(Graduate.institution))
        .join(Match, col(Match.graduate_id) == col(Graduate.id))
        .where(col(Match.document_id) == doc.id, col(Match.decision).in_(SETTLED))
        .order_by(col(Match.score).desc())
        .limit(1)
        .execution_options(**{UNSCOPED: True})
    ).first()
    name, source = (
        (_clean(settled), "registry") if settled else (_clean(doc.fields.get("institution")), "scan")
    )
    doc.institution, doc.institution_source = name, source if name else None
    doc.institution_key = fold(name)
