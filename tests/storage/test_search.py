"""Full-text search on PostgreSQL and on SQLite: Kazakh letters typed as Russian look-alikes still find
the page, fields and file names are searched too, and an edit is found at once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from muragat.text import fold_letters as fold
from storage.db import session_scope
from storage.models import Document, Page
from storage.revisions import changes_by
from storage.search import search

KAZAKH_PAGE = "Осы диплом Қалиева Шынар Нұрболатқызына 2011 жылы М. Әуезов атындағы университетіне түсіп"
RUSSIAN_PAGE = "Настоящий диплом выдан Калиевой Нургул Асхаткызы в том, что она в 2008 году поступила"


def _fill(engine: Engine) -> Document:
    with session_scope(engine) as session, changes_by(session, "tester", "fixture"):
        doc = Document(
            filename="doc0001.png",
            sha256="c" * 64,
            content_type="image/png",
            size_bytes=1,
            original_key="originals/cc/" + "c" * 64,
            fields={"diploma_number": "7857618"},
        )
        other = Document(
            filename="letter.jpg",
            sha256="d" * 64,
            content_type="image/jpeg",
            size_bytes=1,
            original_key="originals/dd/" + "d" * 64,
        )
        session.add_all([doc, other])
        session.flush()
        session.add(Page(document_id=doc.id, number=1, width=10, height=10, image_key="k1", text=KAZAKH_PAGE))
        session.add(
            Page(document_id=other.id, number=1, width=10, height=10, image_key="k2", text=RUSSIAN_PAGE)
        )
    return doc


def test_fold() -> None:
    assert fold("ҚАЛИЕВА Нұрболатқызы") == "калиева нурболаткызы"


def test_russian_look_alikes_find_kazakh_text(any_engine: Engine) -> None:
    doc = _fill(any_engine)
    with session_scope(any_engine) as session:
        [hit] = search(session, "Калиева Нурболат")  # typed without Қ and ұ, the second word a prefix
        assert hit.document_id == doc.id and hit.page_number == 1
        assert "«калиева»" in hit.snippet
        assert [h.filename for h in search(session, "Қалиева")] == ["doc0001.png"]
        assert [h.filename for h in search(session, "Калиевой")] == ["letter.jpg"]
        assert search(session, "Сатпаев") == []
        assert search(session, "  ") == []


def test_fields_and_file_names_are_searched_and_edits_found_at_once(any_engine: Engine) -> None:
    doc = _fill(any_engine)
    with session_scope(any_engine) as session:
        [hit] = search(session, "7857618")
        assert hit.document_id == doc.id and hit.page_number is None
    with session_scope(any_engine) as session, changes_by(session, "reviewer", "typo"):
        stored = session.get_one(Document, doc.id)
        stored.fields = {**stored.fields, "diploma_number": "7857619"}
    with session_scope(any_engine) as session:
        assert search(session, "7857618") == []
        assert [h.page_number for h in search(session, "7857619")] == [None]
        assert [h.filename for h in search(session, "letter")] == ["letter.jpg"]


def test_query_syntax_is_not_interpreted(any_engine: Engine) -> None:
    _fill(any_engine)
    with session_scope(any_engine) as session:
        for hostile in ['" OR 1=1 --', "диплом & !", "NEAR(а б)", "*", "'); DROP TABLE page; --"]:
            search(session, hostile)  # no syntax error reaches the caller
        assert len(search(session, "диплом")) == 2
