"""Registry sync: graduates pushed as JSON batches are validated and revised exactly like a CSV import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import col, select

from muragat.settings import Settings
from storage.models import Graduate, Revision, Role
from tests.review_ui.archive import db, limit_account

GOOD: dict[str, Any] = {
    "graduate_id": "LMS-1",
    "iin": "890126405214",
    "last_name": "Қалиева",
    "first_name": "Шынар",
    "patronymic": None,
    "gender": "F",
    "birth_date": "1989-01-26",
    "institution": "КазНУ",
    "degree": "specialist",
    "study_form": "full_time",
    "study_language": "kk",
    "graduation_year": 2011,
    "diploma_series": "ЖБ",
    "diploma_number": "0012345",
    "issue_date": "2011-06-30",
    "honors": True,
}
SOVIET = {"graduate_id": "LMS-2", "last_name": "Иванов", "first_name": "Пётр", "institution": "КазГУ",
          "degree": "specialist", "graduation_year": "1979"}  # fmt: skip


def push(client: TestClient, graduates: list[Any], source: str = "lms") -> Any:
    return client.post("/api/v1/graduates/batch", json={"source": source, "graduates": graduates})


def test_good_rows_are_kept_and_bad_rows_answered_by_index(client: TestClient, settings: Settings) -> None:
    bad = [
        {**GOOD, "graduate_id": "LMS-3", "iin": "89012640521", "degree": "бакалавр"},  # lost digit, Cyrillic
        {**GOOD, "graduate_id": "LMS-4", "graduation_year": None},
        "not an object",
        {**GOOD, "graduate_id": "LMS-5", "last_name": {"kk": "Қалиева"}},
        GOOD,  # the same graduate_id twice in one batch
    ]
    answer = push(client, [GOOD, SOVIET, *bad, {**SOVIET, "graduate_id": "LMS-6", "unknown": 1}])
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["added"], report["updated"], report["unchanged"], report["rejected"]) == (3, 0, 0, 5)
    errors = {e["index"]: e for e in report["errors"]}
    assert sorted(errors) == [2, 3, 4, 5, 6]
    assert errors[2]["graduate_id"] == "LMS-3" and len(errors[2]["problems"]) == 2
    assert "leading zeros" in errors[2]["problems"][0] and "Cyrillic" in errors[2]["problems"][1]
    assert errors[3]["problems"] == ["graduation_year is required"]
    assert errors[4]["problems"] == ["must be an object of registry columns"]
    assert errors[5]["graduate_id"] == "LMS-5" and "last_name" in errors[5]["problems"][0]
    assert "repeats" in errors[6]["problems"][0]
    assert report["warnings"] == ["lms: unknown columns ignored: unknown"]
    # the signed-in admin reads Kazakh
    assert errors[3]["problems_localized"] == ["graduation_year толтырылуы міндетті"]
    assert errors[4]["problems_localized"] == ["тізілім бағандарының нысаны болуы керек"]
    assert report["warnings_localized"] == ["lms: белгісіз бағандар еленбеді: unknown"]
    with db(settings) as session:
        stored = session.exec(select(Graduate).where(Graduate.graduate_id == "LMS-1")).one()
        assert stored.honors is True and str(stored.birth_date) == "1989-01-26" and stored.patronymic is None


def test_a_repush_changes_nothing_and_a_change_is_a_revision(client: TestClient, settings: Settings) -> None:
    assert push(client, [GOOD, SOVIET]).json()["added"] == 2
    again = push(client, [GOOD, SOVIET]).json()
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    changed = push(client, [{**GOOD, "last_name": "Қалиева-Омарова"}, SOVIET], source="national").json()
    assert (changed["updated"], changed["unchanged"]) == (1, 1)
    with db(settings) as session:
        graduate = session.exec(select(Graduate).where(Graduate.graduate_id == "LMS-1")).one()
        revisions = session.exec(
            select(Revision)
            .where(Revision.entity_id == graduate.id, Revision.field == "last_name")
            .order_by(col(Revision.created_at))
        ).all()
    [revision] = revisions
    assert (revision.old_value, revision.new_value) == ("Қалиева", "Қалиева-Омарова")
    assert revision.actor == "admin-user" and revision.reason == "registry sync national"


def test_batch_limits_and_roles(client_as: Callable[[Role], TestClient], settings: Settings) -> None:
    settings.max_batch_rows = 2
    admin = client_as(Role.admin)
    too_many = push(admin, [GOOD, SOVIET, {**SOVIET, "graduate_id": "LMS-9"}])
    assert too_many.status_code == 413 and "at most 2" in too_many.json()["error"]["message"]
    assert too_many.json()["error"]["message_localized"] == (
        "топтамада 3 түлек бар; бір сұрауда ең көбі 2 жіберіңіз"
    )
    assert push(admin, []).status_code == 422
    assert admin.post("/api/v1/graduates/batch", json={"graduates": [GOOD]}).status_code == 422
    for role in (Role.reviewer, Role.verifier, Role.archivist):
        assert push(client_as(role), [GOOD]).status_code == 403


def test_an_account_limited_to_an_institution_pushes_only_its_graduates(
    client: TestClient, settings: Settings
) -> None:
    # the other institution's record, pushed first by an admin of all institutions
    assert push(client, [SOVIET]).json()["added"] == 1
    limit_account(settings, "admin-user", "КазНУ")
    answer = push(client, [GOOD, SOVIET]).json()
    assert (answer["added"], answer["rejected"]) == (1, 1)
    assert [(e["index"], e["graduate_id"]) for e in answer["errors"]] == [(1, "LMS-2")]
    assert "the row names КазГУ" in answer["errors"][0]["problems"][0]
    # an ID of the other institution's record, sent as one's own institution's, changes nothing
    takeover = push(client, [{**GOOD, "graduate_id": "LMS-2", "iin": "900101300015"}]).json()
    assert (takeover["updated"], takeover["rejected"]) == (0, 1)
    assert "LMS-2 is a record of another institution" in takeover["errors"][0]["problems"][0]
    with db(settings) as session:
        kept = session.exec(select(Graduate).where(Graduate.graduate_id == "LMS-2")).one()
        assert (kept.last_name, kept.iin, kept.institution) == ("Иванов", None, "КазГУ")
