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
