"""Full-text search over page text and document fields, tolerant of Kazakh letters typed as their
Russian look-alikes: both the indexed text and the query are folded (Қалиева and Калиева meet).

PostgreSQL: a GIN index on to_tsvector('simple', search_text). SQLite: an FTS5 table kept in step by
triggers. The folded text is set on each flush, so whatever writes pages or fields keeps it current.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from muragat.text import fold_letters
from storage.institutions import session_scope_key
from storage.models import Document, Page

WORD = re.compile(r"\w+", re.UNICODE)


def document_search_text(doc: Document) -> str:
    values = [
        doc.filename,
        *doc.other_filenames,
        *(str(v) for v in doc.fields.values() if v not in (None, "")),
    ]
    return fold_letters(" ".join(values))


@event.listens_for(Session, "before_flush")
def _fold_for_search(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Page):
            obj.search_text = fold_letters(obj.text or "")
        elif isinstance(obj, Document):
            obj.search_text = document_search_text(obj)


@dataclass(frozen=True)
class Hit:
    document_id: uuid.UUID
    filename: str
    status: str
    page_number: int | None  # None where the hit is in the fields or file name
    snippet: str


def _terms(query: str) -> list[str]:
    return WORD.findall(fold_letters(query))


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Documents and pages whose text has every term (as a prefix), best first; in a scoped session
    (storage.institutions) only that institution's."""
    terms = _terms(query)
    if not terms:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, terms, limit)
    return _search_sqlite(session, terms, limit)


def _search_postgres(session: Session, terms: list[str], limit: int) -> list[Hit]:
    tsquery = " & ".join(f"{t}:*" for t in terms)
    rows = session.execute(
        text(
            """
            SELECT d.id, d.filename, d.status, p.number,
                   ts_headline('simple', p.search_text, to_tsquery('simple', :q),
                               'MaxWords=18, MinWords=6, StartSel=«, StopSel=»') AS snippet,
                   ts_rank(to_tsvector('simple', p.search_text), to_tsquery('simple', :q)) AS rank
            FROM page p JOIN document d ON d.id = p.document_id
            WHERE to_tsvector('simple', p.search_text) @@ to_tsquery('simple', :q)
              AND (:scope IS NULL OR d.institution_key = :scope)
            UNION ALL
            SELECT d.id, d.filename, d.status, NULL,
                   ts_headline('simple', d.search_text, to_tsquery('simple', :q), 'StartSel=«, StopSel=»'),
                   ts_rank(to_tsvector('simple', d.search_text), to_tsquery('simple', :q)) * 2
            FROM document d
            WHERE to_tsvector('simple', d.search_text) @@ to_tsquery('simple', :q)
              AND (:scope IS NULL OR d.institution_key = :scope)
            ORDER BY rank DESC LIMIT :limit
            """
        ),
        {"q": tsquery, "limit": limit, "scope": session_scope_key(session)},
    ).all()
    return [Hit(uuid.UUID(str(r[0])), r[1], r[2], r[3], r[4]) for r in rows]


def _search_sqlite(session: Session, terms: list[str], limit: int) -> list[Hit]:
    match = " ".join(f'"{t}"*' for t in terms)
    rows = session.execute(
        text(
            """
            SELECT d.id, d.filename, d.status, p.number,
                   snippet(page_fts, 0, '«', '»', '…', 18) AS snippet, bm25(page_fts) AS rank
            FROM page_fts JOIN page p ON p.rowid = page_fts.rowid JOIN document d ON d.id = p.document_id
            WHERE page_fts MATCH :q AND (:scope IS NULL OR d.institution_key = :scope)
            UNION ALL
            SELECT d.id, d.filename, d.status, NULL,
                   snippet(document_fts, 0, '«', '»', '…', 18), bm25(document_fts) * 2
            FROM document_fts JOIN document d ON d.rowid = document_fts.rowid
            WHERE document_fts MATCH :q AND (:scope IS NULL OR d.institution_key = :scope)
            ORDER BY rank LIMIT :limit
            """
        ),
        {"q": match, "limit": limit, "scope": session_scope_key(session)},
    ).all()
    return [
        Hit(uuid.UUID(str(r[0])) if not isinstance(r[0], uuid.UUID) else r[0], r[1], r[2], r[3], r[4])
        for r in rows
    ]
