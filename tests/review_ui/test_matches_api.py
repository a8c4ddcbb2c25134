"""A reviewer's decision on a ledger: each row needs its own settled match before the ledger is done."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from muragat.settings import Settings
from storage.models import Document, DocumentStatus, Match, MatchDecision, Role
from storage.revisions import changes_by
from tests.review_ui.test_workbench import _db, make_candidate, make_document


def test_confirming_one_row_of_a_ledger_leaves_the_other_rows_open(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "ledger.png", fields={"ledger_rows": [{"last_name": "Абилова"}, {}]})
    first = make_candidate(settings, doc, "G1", "Абилова", "Айгерим")
    second = make_candidate(settings, doc, "G2", "Абилова", "Әсел")  # another candidate of row 1
    third = make_candidate(settings, doc, "G3", "Сейтқали", "Ерлан")  # row 2's only candidate
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        session.get_one(Document, doc).kind = "ledger"
        for match_id, row in ((first, 1), (second, 1), (third, 2)):
            session.get_one(Match, match_id).row = row

    def confirm(graduate: str) -> dict:
        response = reviewer.post(
            f"/api/v1/documents/{doc}/matches/{graduate}/confirm", json={"reason": "seen"}
        )
        assert response.is_success, response.text
        return response.json()

    assert confirm("G1")["document_status"] == DocumentStatus.needs_review
    with _db(settings) as session:
        ledger = session.get_one(Document, doc)
        assert ledger.status_reason == "1 of 2 ledger rows need a reviewer"
        assert session.get_one(Match, second).decision == MatchDecision.needs_review
    assert confirm("G3")["document_status"] == DocumentStatus.processed
    with _db(settings) as session:
        assert session.get_one(Document, doc).status_reason == "every one of 2 ledger rows matched"
    rejected = reviewer.post(f"/api/v1/documents/{doc}/matches/G3/reject", json={"reason": "not him"})
    assert rejected.json()["document_status"] == DocumentStatus.needs_review


def test_a_ledger_is_reviewed_row_by_row_and_a_row_not_in_the_registry_is_resolved(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    rows = [
        {"last_name": "Абилова", "first_name": "Айгерим"},
        {"last_name": "Сейтқали", "first_name": "Ерлан"},
    ]
    doc = make_document(settings, "ledger2.png", fields={"ledger_rows": rows})
    first = make_candidate(settings, doc, "G1", "Абилова", "Айгерим")
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        session.get_one(Document, doc).kind = "ledger"
        session.get_one(Match, first).row = 1
    page = reviewer.get(f"/documents/{doc}").text
    assert 'id="ledger-rows"' in page and page.count('class="secondary resolve-row"') == 2
    candidates = reviewer.get(f"/api/v1/documents/{doc}/candidates").json()
    assert candidates[0]["row"] == 1  # compared with its row, not with the ledger's (absent) top fields
    assert {c["field"]: c["same"] for c in candidates[0]["compare"]}["last_name"] is True

    confirmed = reviewer.post(f"/api/v1/documents/{doc}/matches/G1/confirm", json={"reason": "seen"})
    assert confirmed.json()["document_status"] == DocumentStatus.needs_review  # row 2 still open
    refused = reviewer.post(f"/api/v1/documents/{doc}/rows/1/resolve", json={"reason": "x"})
    assert refused.status_code == 409  # row 1 has its graduate
    done = reviewer.post(f"/api/v1/documents/{doc}/rows/2/resolve", json={"reason": "not in 2014 lists"})
    assert done.status_code == 200, done.text
    assert done.json()["document_status"] == DocumentStatus.processed
    assert reviewer.post(f"/api/v1/documents/{doc}/rows/3/resolve", json={"reason": "x"}).status_code == 404
    with _db(settings) as session:
        stored = session.get_one(Document, doc)
        assert stored.row_resolutions == {"2": {"actor": "reviewer-user", "why": "not in 2014 lists"}}
        assert stored.status_reason == "every one of 2 ledger rows matched"
    page = reviewer.get(f"/documents/{doc}").text
    assert "resolve-row" not in page.split('id="ledger-rows"')[1].split("</table>")[0]
