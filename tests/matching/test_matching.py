"""Scoring and decisions: two strong keys or review; namesakes never automatic; the stage against the
real database keeps a reviewer's decision through a rerun."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from matching.candidates import GraduateRecord, MemoryIndex
from matching.fields import vote
from matching.found import Found
from matching.matcher import match_diploma, match_ledger, registry_spelling
from muragat.match_stage import save_results
from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from review_ui.field_edits import set_fields
from storage.db import session_scope
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Revision
from storage.revisions import changes_by
from tests.matching.pages import page_from_text

ALI = GraduateRecord(
    key="G1", graduate_id="G1", last_name="Жанұзақов", first_name="Әлихан", patronymic="Шыңғысұлы",
    iin="890228356435", institution="әл-Фараби атындағы Қазақ ұлттық университеті", degree="master",
    graduation_year=2010, enrollment_year=2008, diploma_series="ЖООК-М", diploma_number="3205220",
    registration_number="5796", issue_date=date(2010, 7, 4),
)  # fmt: skip
# same name, other year, institution, number, IIN
NAMESAKE = replace(
    ALI, key="G2", graduate_id="G2", iin="840811396246", graduation_year=2009, enrollment_year=2005,
    institution="Қ.И. Сәтбаев атындағы Қазақ ұлттық техникалық зерттеу университеті",
    diploma_series="ЖБ-Б", diploma_number="2481261", registration_number="5898",
)  # fmt: skip


def found(**values: object) -> dict[str, Found]:
    return {k: Found(v, 0.95) for k, v in values.items()}


NAME = {"last_name": "Жанузаков", "first_name": "Алихан", "patronymic": "Шынгысулы"}


def test_two_strong_keys_match_automatically() -> None:
    index = MemoryIndex([ALI, NAMESAKE])
    result = match_diploma(found(diploma_series="ЖООК-М", diploma_number="3205220", graduation_year=2010,
                                 **NAME), index)  # fmt: skip
    assert [(s.record.graduate_id, s.decision) for s in result] == [("G1", "auto_matched")]
    assert Message(Code.DIPLOMA_EQUAL) in result[0].reasons


def test_namesake_is_never_matched_automatically() -> None:
    index = MemoryIndex([ALI, NAMESAKE])
    # the document of the namesake's year whose own number was unreadable: only the name agrees
    result = match_diploma(found(graduation_year=2009, **NAME), index)
    assert all(s.decision == "needs_review" for s in result)
    assert result[0].record.graduate_id == "G2"
    # a diploma of a graduate missing from the registry, namesake of one who is there
    missing = found(diploma_number="1111111", graduation_year=2015, iin="880704474099", **NAME)
    result = match_diploma(missing, index)
    assert all(s.decision == "needs_review" for s in result)


def test_one_key_alone_goes_to_review() -> None:
    result = match_diploma(found(diploma_number="3205220"), MemoryIndex([ALI]))
    assert [(s.record.graduate_id, s.decision) for s in result] == [("G1", "needs_review")]


def test_contradiction_stops_an_automatic_match() -> None:
    result = match_diploma(found(diploma_number="3205220", graduation_year=2016, **NAME), MemoryIndex([ALI]))
    assert result[0].decision == "needs_review"
    assert any(r.code == Code.GRADUATION_YEAR_DIFFERS for r in result[0].reasons)
    assert "graduation year differs: 2016 / 2010" in [str(r) for r in result[0].reasons]


def test_invalid_iin_is_no_evidence() -> None:
    bad_iin = ALI.iin[:-1] + "0"  # control digit broken
    result = match_diploma(found(iin=bad_iin, **NAME), MemoryIndex([replace(ALI, iin=bad_iin)]))
    assert all("IIN" not in str(r) for s in result for r in s.reasons)
    assert all(s.decision == "needs_review" for s in result)


def test_kazakh_and_russian_spelling_and_ocr_slips_still_find_the_graduate() -> None:
    index = MemoryIndex([ALI, NAMESAKE])
    result = match_diploma(found(last_name="Жанузакоы", first_name="Алихан", patronymic="Шынгысулы",
                                 graduation_year=2010), index)  # fmt: skip
    assert result[0].record.graduate_id == "G1" and result[0].decision == "needs_review"


def test_ledger_gives_one_match_per_row() -> None:
    other = replace(NAMESAKE, last_name="Оспанова", first_name="Аяулым", patronymic="Жандосқызы")
    rows = [
        found(registration_number="5796", diploma_series="ЖООК-М", diploma_number="3205220",
              issue_date="2010-07-04", **NAME),
        found(diploma_series="ЖБ-Б", diploma_number="2481261", last_name="Оспанова", first_name="Аяулым",
              patronymic="Жандосқызы"),
        found(diploma_series="ЖБ-Б", diploma_number="9999999"),
    ]  # fmt: skip
    matches = match_ledger(rows, MemoryIndex([ALI, other]))
    assert [(m.row, [(s.record.graduate_id, s.decision) for s in m.candidates]) for m in matches] == [
        (1, [("G1", "auto_matched")]), (2, [("G2", "auto_matched")]), (3, [])]  # fmt: skip
    assert [m.settled for m in matches] == [True, True, False]


def test_a_ledger_row_read_by_name_alone_keeps_three_candidates_for_review() -> None:
    """Four namesakes of other years: the row names no year or number, so a reviewer picks among three,
    and a graduate that another row matched on two keys is never offered again."""
    namesakes = [
        replace(ALI, key=f"N{i}", graduate_id=f"N{i}", iin=None, diploma_number=f"100000{i}",
                registration_number=None, graduation_year=2011 + i)
        for i in range(4)
    ]  # fmt: skip
    rows = [found(**NAME), found(diploma_series="ЖООК-М", diploma_number="3205220", **NAME)]
    matches = match_ledger(rows, MemoryIndex([ALI, *namesakes]))
    first, second = matches
    assert [s.record.graduate_id for s in second.candidates] == ["G1"] and second.settled
    assert len(first.candidates) == 3 and not first.settled
    assert "G1" not in {s.record.graduate_id for s in first.candidates}
    assert all(
        s.decision == "needs_review" and s.reasons[0] == Message(Code.LEDGER_ROW, number=1)
        for s in first.candidates
    )


# --- the stage, against PostgreSQL ---------------------------------------------------------------

DIPLOMA = """ҚАЗАҚСТАН РЕСПУБЛИКАСЫ
ДИПЛОМ
ЖООК-М № 3205220
Осы диплом Жанұзақов Әлихан Шыңғысұлына
2008 жылы әл-Фараби атындағы Қазақ ұлттық университетіне түсіп,
2010 жылы 7M06102 - «Ақпараттық жүйелер»
магистр дәрежесі берілді.
Тіркеу нөмірі 5796
ЖСН 890228356435"""


def _setup(engine: Engine) -> uuid.UUID:
    with session_scope(engine) as session, changes_by(session, "test", "setup"):
        for r in (ALI, NAMESAKE):
            values = {k: getattr(r, k) for k in Graduate.model_fields if hasattr(r, k)}
            session.add(Graduate(**values))
        doc = Document(filename="d.jpg", sha256=uuid.uuid4().hex, content_type="image/jpeg", size_bytes=1,
                       original_key="k")  # fmt: skip
        session.add(doc)
        session.flush()
        return doc.id


def test_stage_saves_fields_evidence_and_keeps_a_reviewers_decision(engine: Engine) -> None:
    doc_id = _setup(engine)
    pages = [page_from_text(DIPLOMA)]
    with session_scope(engine) as session:
        assert save_results(session, doc_id, pages) == "processed"
    with session_scope(engine) as session:
        doc = session.get_one(Document, doc_id)
        assert doc.kind == "diploma" and doc.fields["diploma_number"] == "3205220"
        assert doc.field_evidence["iin"]["words"][0]["text"] == "890228356435"
        match = session.exec(select(Match)).one()
        assert match.decision == MatchDecision.auto_matched
        with changes_by(session, "reviewer1", "not the same person on the scan"):
            match.decision = MatchDecision.rejected
    with session_scope(engine) as session:
        save_results(session, doc_id, pages)  # a rerun
    with session_scope(engine) as session:
        assert session.exec(select(Match)).one().decision == MatchDecision.rejected
        rev = session.exec(select(Revision).where(Revision.actor == "reviewer1")).one()
        assert (rev.field, rev.new_value) == ("decision", "rejected")


def _machine_changes(engine: Engine, doc_id: uuid.UUID, names: list[str]) -> int:
    with session_scope(engine) as session:
        query = select(Revision).where(Revision.entity_id == doc_id, Revision.actor == "system:worker")
        return len(session.exec(query.where(col(Revision.field).in_([f"fields.{n}" for n in names]))).all())


def test_a_rerun_keeps_the_fields_a_person_set_and_the_machine_reading_beside_them(engine: Engine) -> None:
    doc_id = _setup(engine)
    pages = [page_from_text(DIPLOMA)]
    with session_scope(engine) as session:
        save_results(session, doc_id, pages)
    with session_scope(engine) as session:
        set_fields(session, doc_id, {"first_name": "Алихан", "patronymic": None}, {}, "dana", "as on scan")
    before = _machine_changes(engine, doc_id, ["first_name", "patronymic"])
    with session_scope(engine) as session:
        save_results(session, doc_id, pages)  # a retry, a re-OCR or a reconcile reads the pages again
    assert _machine_changes(engine, doc_id, ["first_name", "patronymic"]) == before
    with session_scope(engine) as session:
        doc = session.get_one(Document, doc_id)
    assert doc.fields["first_name"] == "Алихан" and "patronymic" not in doc.fields
    assert doc.field_evidence["first_name"]["set_by"] == "dana"
    assert doc.field_evidence["patronymic"]["read"] == "Шыңғысұлы"  # kept as evidence, not as the value
    assert doc.status == DocumentStatus.processed  # matching used what the person said


SUPPLEMENT = """ДИПЛОМҒА ҚОСЫМША
ЖООК-М № 3205220 дипломға қосымша
Тегі, аты, әкесінің аты: Жанұзақов Әлихан Шыңғысұлы
Ақпараттық жүйелер 5 A-
Деректер қоры 4 B+
Бағдарламалау 6 A
Желілер 3 B
Математика 5 A-"""


def _document(engine: Engine, name: str) -> uuid.UUID:
    with session_scope(engine) as session, changes_by(session, "test", "setup"):
        doc = Document(filename=name, sha256=uuid.uuid4().hex, content_type="image/jpeg", size_bytes=1,
                       original_key=name)  # fmt: skip
        session.add(doc)
        session.flush()
        return doc.id


def test_a_supplement_is_matched_and_linked_to_the_diploma_it_names(any_engine: Engine) -> None:
    engine = any_engine
    supplement_id = _setup(engine)  # read before its diploma: linked once the diploma is read
    with session_scope(engine) as session:
        save_results(session, supplement_id, [page_from_text(SUPPLEMENT)])
    diploma_id = _document(engine, "diploma.jpg")
    with session_scope(engine) as session:
        assert save_results(session, diploma_id, [page_from_text(DIPLOMA)]) == "processed"
    with session_scope(engine) as session:
        supplement = session.get_one(Document, supplement_id)
        assert supplement.kind == "supplement" and supplement.fields["diploma_number"] == "3205220"
        assert supplement.diploma_document_id == diploma_id
        matches = session.exec(select(Match).where(Match.document_id == supplement_id)).all()
        assert [m.decision for m in matches] == [MatchDecision.auto_matched]  # diploma number and name
    later = _document(engine, "supplement-again.jpg")  # read after its diploma: linked at once
    with session_scope(engine) as session:
        save_results(session, later, [page_from_text(SUPPLEMENT)])
    with session_scope(engine) as session:
        assert session.get_one(Document, later).diploma_document_id == diploma_id


def test_a_graduation_order_has_a_match_per_listed_graduate(engine: Engine) -> None:
    doc_id = _setup(engine)
    order = (
        "ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ\nБҰЙРЫҚ\n"
        "Оқу орнын бітіруіне байланысты төмендегі түлектер шығарылсын:\n"
        "1. Жанұзақов Әлихан Шыңғысұлы 7M06102 ЖООК-М № 3205220\n"
        "2. Сейтқалиев Ерлан Бауыржанұлы 7M06102 ЖООК-М № 3205221\n"
        "3. Оразбаева Құралай Нұрдәулетқызы 7M06102 ЖООК-М № 3205222\n"
    )
    with session_scope(engine) as session:
        save_results(session, doc_id, [page_from_text(order)])
    with session_scope(engine) as session:
        doc = session.get_one(Document, doc_id)
        assert doc.kind == "ledger"
        rows = doc.fields["ledger_rows"]
        assert [r["last_name"] for r in rows] == ["Жанұзақов", "Сейтқалиев", "Оразбаева"]
        assert [r["diploma_number"] for r in rows] == ["3205220", "3205221", "3205222"]
        assert rows[0]["program_code"] == "7M06102"
        matches = session.exec(select(Match).where(Match.document_id == doc_id)).all()
        assert {m.decision for m in matches} == {MatchDecision.auto_matched} and len(matches) == 1
        # two listed graduates are not in the registry: a person must see their rows
        assert doc.status == DocumentStatus.needs_review
        assert doc.status_reason == "2 of 3 ledger rows need a reviewer"


def test_another_reading_of_the_number_that_the_registry_holds_is_a_strong_key() -> None:
    """kaz+rus read 3205220 as 3205520; the eng re-read saw 3205220: the registry decides between them."""
    index = MemoryIndex([ALI, NAMESAKE])
    number = Found("3205520", 0.9, alternatives=["3205220"])
    fields = {"diploma_series": Found("ЖООК-М", 0.9), "diploma_number": number, **found(**NAME)}
    [result] = match_diploma(fields, index)
    assert (result.record.graduate_id, result.decision) == ("G1", "auto_matched")
    assert Message(Code.DIPLOMA_REREAD_EQUAL) in result.reasons
    assert registry_spelling(fields, result)[0] == "diploma_number"
    assert number.value == "3205220" and number.flags[-1] == Message(
        Code.REGISTRY_NUMBER_READING, value="3205520"
    )
    # without the other reading: one digit apart is only support, and the name alone is no match
    alone = {"diploma_series": Found("ЖООК-М", 0.9), "diploma_number": Found("3205520", 0.9), **found(**NAME)}
    assert all(s.decision == "needs_review" for s in match_diploma(alone, index))


def test_an_iin_whose_control_digit_holds_wins_the_vote() -> None:
    chosen = vote("iin", [Found("950425420114", 0.95), Found("930425420114", 0.4, source="reread")])
    assert chosen.value == "930425420114" and chosen.alternatives == ["950425420114"]
