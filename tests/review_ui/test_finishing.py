"""Every document can be finished: edits are checked by the rules extraction reads by, matching runs again
on what the reviewer wrote (new candidates with their reasons), a diploma whose graduate is missing from
the registry and an archive letter can be marked reviewed, and a rerun of the job keeps that."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from muragat.errors import InvalidInput
from muragat.match_stage import save_results
from muragat.settings import Settings
from review_ui.field_edits import coerce
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Role
from storage.revisions import changes_by
from tests.matching.pages import page_from_text
from tests.review_ui.test_workbench import _db, make_document

VALID_IIN = "890228356435"


@pytest.mark.parametrize(
    ("name", "typed", "kept"),
    [
        ("iin", "8902 2835 6435", VALID_IIN),
        ("issue_date", "04.07.2010", "2010-07-04"),
        ("issue_date", "2010-07-04", "2010-07-04"),
        ("diploma_series", "жб-б", "ЖБ-Б"),
        ("diploma_series", "BD", "BD"),
        ("diploma_number", "042 1208", "0421208"),
        ("last_name", "Жанұзақов-Әли", "Жанұзақов-Әли"),
        ("program_code", "6в07201", "6B07201"),
        ("program_code", "38.03.01", "38.03.01"),
        ("graduation_year", " 2010 ", 2010),
    ],
)
def test_a_well_formed_value_is_kept_as_the_registry_writes_it(name: str, typed: str, kept: object) -> None:
    assert coerce(name, typed) == kept


@pytest.mark.parametrize(
    ("name", "typed", "says"),
    [
        ("iin", "123", "IIN «123» cannot be right: must be 12 digits"),
        ("iin", "890228356436", "control digit is 6, expected 5"),
        ("issue_date", "31.02.2010", "«31.02.2010» is not a date"),
        ("issue_date", "04.07.2099", "is before 1900 or in the future"),
        ("diploma_series", "ЖБ Б 12", "is not a diploma series"),
        ("diploma_number", "04212O8", "is not a diploma number: 6 to 11 digits"),
        ("first_name", "Али3", "is not a name"),
        ("program_code", "программа", "is not a programme code"),
    ],
)
def test_a_malformed_value_is_refused_with_what_is_wrong(name: str, typed: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        coerce(name, typed)
    assert says in str(refused.value)


def test_years_in_the_wrong_order_are_refused(settings: Settings, client: TestClient) -> None:
    doc = make_document(settings, "years.png", fields={"last_name": "Абилова", "graduation_year": 2014})
    answer = client.patch(
        f"/api/v1/documents/{doc}/fields", json={"fields": {"enrollment_year": "2016"}, "reason": "scan"}
    )
    assert answer.status_code == 422
    assert "enrolled in 2016 but graduated in 2014" in answer.json()["error"]["message"]


def _registry(settings: Settings) -> None:
    with _db(settings) as session, changes_by(session, "tester", "registry"):
        session.add(
            Graduate(
                graduate_id="G1",
                iin=VALID_IIN,
                last_name="Жанұзақов",
                first_name="Әлихан",
                institution="ҚазҰУ",
                degree="master",
                graduation_year=2010,
                diploma_series="ЖООК-М",
                diploma_number="3205220",
            )  # fmt: skip
        )


def test_an_edit_runs_matching_again_and_the_new_candidate_comes_with_its_reasons(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    _registry(settings)
    doc = make_document(
        settings, "misread.png", fields={"last_name": "Жанузаков", "diploma_number": "3205770"}
    )
    answer = reviewer.patch(
        f"/api/v1/documents/{doc}/fields",
        json={"fields": {"diploma_number": "3205220", "iin": VALID_IIN}, "reason": "read from the scan"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["candidates_changed"] is True and body["document_status"] == "processed"
    candidates = reviewer.get(f"/api/v1/documents/{doc}/candidates").json()
    assert [c["graduate_id"] for c in candidates] == ["G1"]
    assert candidates[0]["decision"] == "auto_matched"
    assert any("diploma" in r.lower() or "диплом" in r.lower() for r in candidates[0]["reasons"]), candidates


def test_a_diploma_whose_graduate_is_missing_is_resolved_and_a_rerun_keeps_it(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "missing.png", fields={"last_name": "Абилова", "diploma_number": "0421208"})
    page = reviewer.get(f"/documents/{doc}").text
    assert 'data-resolution="not_in_registry"' in page
    answer = reviewer.post(
        f"/api/v1/documents/{doc}/resolve",
        json={"resolution": "not_in_registry", "reason": "not in 2014 lists"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["document_status"] == "processed"
    assert 'data-resolution="not_in_registry"' not in reviewer.get(f"/documents/{doc}").text
    text = "ДИПЛОМ\nЖБ-Б № 0421208\nОсы диплом Абилова Айгерімге"
    with _db(settings) as session:  # the job runs again (a retry, a re-OCR): the resolution stands
        save_results(session, doc, [page_from_text(text)])
    with _db(settings) as session:
        stored = session.get_one(Document, doc)
    assert stored.status == DocumentStatus.processed
    assert str(stored.status_reason).startswith(
        "reviewed by reviewer-user: the graduate is not in the registry"
    )


def test_an_archive_letter_is_marked_reviewed_and_a_diploma_cannot_be(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    letter = make_document(settings, "letter.png", fields={})
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        session.get_one(Document, letter).kind = "archive"
    assert 'data-resolution="reviewed"' in reviewer.get(f"/documents/{letter}").text
    answer = reviewer.post(
        f"/api/v1/documents/{letter}/resolve", json={"resolution": "reviewed", "reason": "read"}
    )
    assert answer.status_code == 200 and answer.json()["document_status"] == "processed"
    diploma = make_document(settings, "diploma.png")
    refused = reviewer.post(
        f"/api/v1/documents/{diploma}/resolve", json={"resolution": "reviewed", "reason": "x"}
    )
    assert refused.status_code == 409 and "not an archive document" in refused.json()["error"]["message"]


def test_a_diploma_with_a_matched_graduate_cannot_be_marked_missing(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    _registry(settings)
    doc = make_document(settings, "matched.png")
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        grad = session.exec(select(Graduate)).one()
        session.add(
            Match(document_id=doc, graduate_id=grad.id, score=0.9, decision=MatchDecision.auto_matched)
        )
    refused = reviewer.post(
        f"/api/v1/documents/{doc}/resolve", json={"resolution": "not_in_registry", "reason": "x"}
    )
    assert refused.status_code == 409 and "reject that match first" in refused.json()["error"]["message"]


def test_an_admin_adds_a_missing_graduate_to_the_registry_from_the_document(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    fields = {"last_name": "Тілеубердиева", "first_name": "Мөлдір", "institution": "ҚазҰПУ",
              "degree": "bachelor", "graduation_year": 2015, "diploma_series": "ЖБ-Б",
              "diploma_number": "0777123", "issue_date": "2015-06-30"}  # fmt: skip
    doc = make_document(settings, "register.png", fields=fields)
    reviewer = client_as(Role.reviewer)
    assert 'data-resolution="register"' not in reviewer.get(f"/documents/{doc}").text
    refused = reviewer.post(f"/api/v1/documents/{doc}/register", json={"reason": "genuine"})
    assert refused.status_code == 403
    admin = client_as(Role.admin)
    assert 'data-resolution="register"' in admin.get(f"/documents/{doc}").text
    answer = admin.post(
        f"/api/v1/documents/{doc}/register", json={"reason": "genuine", "graduate_id": "G-2015-7"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["document_status"] == "processed"
    with _db(settings) as session:
        grad = session.exec(select(Graduate).where(Graduate.graduate_id == "G-2015-7")).one()
        match = session.exec(select(Match).where(Match.document_id == doc)).one()
    assert (grad.last_name, grad.diploma_number, str(grad.issue_date)) == (
        "Тілеубердиева",
        "0777123",
        "2015-06-30",
    )
    assert match.graduate_id == grad.id and match.decision == MatchDecision.confirmed
    again = admin.post(f"/api/v1/documents/{doc}/register", json={"reason": "twice"})
    assert again.status_code == 409  # it has its graduate now

    incomplete = make_document(settings, "incomplete.png", fields={"last_name": "Абилова"})
    missing = admin.post(f"/api/v1/documents/{incomplete}/register", json={"reason": "x"})
    assert missing.status_code == 422
    assert "needs first_name, institution, degree, graduation_year" in missing.json()["error"]["message"]


def test_a_graduate_already_in_the_registry_is_not_added_twice(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    _registry(settings)  # G1 holds diploma ЖООК-М 3205220
    fields = {"last_name": "Жанұзақов", "first_name": "Әлихан", "institution": "ҚазҰУ", "degree": "master",
              "graduation_year": 2010, "diploma_series": "ЖООК-М", "diploma_number": "3205220"}  # fmt: skip
    doc = make_document(settings, "twice.png", fields=fields)
    admin = client_as(Role.admin)
    answer = admin.post(f"/api/v1/documents/{doc}/register", json={"reason": "genuine", "graduate_id": "  "})
    assert (
        answer.status_code == 409 and "already has this graduate as G1" in answer.json()["error"]["message"]
    )
