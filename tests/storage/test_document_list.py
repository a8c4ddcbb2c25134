"""The documents list read by key (storage.document_list): every document once, newest first, across
pages; summaries without the per-field evidence; a document added meanwhile neither repeats nor hides
a row; a cursor the list did not give is refused by name. On both databases."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from muragat.errors import InvalidInput
from storage.db import session_scope
from storage.document_list import list_documents
from storage.models import Document, DocumentStatus
from storage.revisions import changes_by
from storage.types import utcnow

COUNT = 23


def _add(engine: Engine, names: list[str], status: DocumentStatus = DocumentStatus.processed) -> None:
    start = utcnow()
    with session_scope(engine) as session, changes_by(session, "test", "fixture"):
        for n, name in enumerate(names):
            sha = hashlib.sha256(name.encode()).hexdigest()
            at = start - timedelta(seconds=n // 3)  # three at a time share a time: the id decides
            session.add(
                Document(
                    filename=name, sha256=sha, content_type="image/png", size_bytes=1, status=status,
                    original_key=f"originals/{sha}", field_evidence={"last_name": {"words": [1] * 50}},
                    created_at=at, updated_at=at,
                )
            )  # fmt: skip


def _walk(engine: Engine, limit: int, **filters: object) -> tuple[list[str], list[int | None]]:
    names: list[str] = []
    totals: list[int | None] = []
    after = None
    while True:
        with session_scope(engine) as session:
            page = list_documents(session, limit=limit, after=after, **filters)  # type: ignore[arg-type]
        names += [item["filename"] for item in page.items]
        totals.append(page.total)
        assert all("field_evidence" not in item for item in page.items)
        if page.next is None:
            return names, totals
        after = page.next


def test_pages_follow_each_other_without_repeats_or_gaps(any_engine: Engine) -> None:
    _add(any_engine, [f"d{n:02d}.png" for n in range(COUNT)])
    with session_scope(any_engine) as session:
        whole = [i["filename"] for i in list_documents(session, limit=100).items]
    assert sorted(whole) == sorted(f"d{n:02d}.png" for n in range(COUNT))
    names, totals = _walk(any_engine, 5)
    assert names == whole  # the same order, page by page
    assert totals == [COUNT, None, None, None, None]  # counted on the first page only


def test_a_document_added_while_paging_neither_repeats_nor_hides_a_row(any_engine: Engine) -> None:
    _add(any_engine, [f"d{n:02d}.png" for n in range(10)])
    with session_scope(any_engine) as session:
        first = list_documents(session, limit=4)
    _add(any_engine, ["new.png"])  # newest: before the first page, not inside the rest
    rest: list[str] = []
    after = first.next
    while after:
        with session_scope(any_engine) as session:
            page = list_documents(session, limit=4, after=after)
        rest += [i["filename"] for i in page.items]
        after = page.next
    seen = [i["filename"] for i in first.items] + rest
    assert sorted(seen) == sorted(f"d{n:02d}.png" for n in range(10))


def test_a_status_filter_pages_within_the_filter(any_engine: Engine) -> None:
    _add(any_engine, [f"p{n}.png" for n in range(7)])
    _add(any_engine, [f"r{n}.png" for n in range(6)], DocumentStatus.needs_review)
    names, totals = _walk(any_engine, 4, status=DocumentStatus.needs_review)
    assert sorted(names) == [f"r{n}.png" for n in range(6)] and totals[0] == 6


@pytest.mark.parametrize("cursor", ["not-a-cursor", "MjAyNi0xMi0wN3xub3QtYW4taWQ", "%%%"])
def test_a_cursor_the_list_did_not_give_is_refused(any_engine: Engine, cursor: str) -> None:
    with session_scope(any_engine) as session, pytest.raises(InvalidInput) as refused:
        list_documents(session, after=cursor)
    assert refused.value.code == "invalid_input"
    assert "'after'" in str(refused.value) and "first page" in refused.value.render("en")
