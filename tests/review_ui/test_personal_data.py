"""Personal data: IIN masking, who sees an IIN in full, and a person's export (record, documents, revisions,
access log) for the admin only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from muragat.settings import Settings
from review_ui.personal_data import ROLES_SEEING_FULL_IIN, mask_iin, may_see_full_iin, shown_iin
from storage.models import Role, User
from tests.review_ui.archive import IIN, change_graduate, make_diploma, make_graduate


@pytest.mark.parametrize(
    ("iin", "masked"),
    [("890126475215", "8901******15"), (IIN, "8901******14"), (None, ""), ("", ""), ("12345", "***45")],
)
def test_mask_iin(iin: str | None, masked: str) -> None:
    assert mask_iin(iin) == masked


def test_only_verifiers_and_admins_see_full_iins() -> None:
    assert {Role.admin, Role.verifier} == ROLES_SEEING_FULL_IIN
    for role in Role:
        user = User(username="u", role=role)
        assert shown_iin(IIN, user) == (IIN if role in (Role.admin, Role.verifier) else "8901******14")
        assert may_see_full_iin(user) == (role in ROLES_SEEING_FULL_IIN)
    assert shown_iin(IIN, None) == "8901******14"


def test_person_export(client_as: Callable[[Role], TestClient], settings: Settings) -> None:
    graduate_uuid = make_graduate(settings)
    document_id, match_id = make_diploma(settings)
    ledger_id, _ = make_diploma(settings, kind="ledger", name="ledger.png", fields={"rows": ["someone else"]})
    change_graduate(settings, "G000777", last_name="Қалиева-Омарова")
    verifier = client_as(Role.verifier)
    verifier.post("/api/v1/verify", json={"diploma_series": "ЖБ", "diploma_number": "0012345", "iin": IIN})
    assert verifier.get("/api/v1/graduates/G000777/export").status_code == 403

    admin = client_as(Role.admin)
    assert admin.get(f"/api/v1/documents/{document_id}").status_code == 200
    answer = admin.get("/api/v1/graduates/G000777/export")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="graduate-G000777.json"'
    data = answer.json()
    assert data["graduate"]["iin"] == IIN and data["graduate"]["last_name"] == "Қалиева-Омарова"
    documents = {d["document_id"]: d for d in data["documents"]}
    assert documents[str(document_id)]["fields"]["diploma_number"] == "0012345"
    assert documents[str(document_id)]["match"]["decision"] == "confirmed"
    assert "fields" not in documents[str(ledger_id)]  # a ledger lists other people too
    changes = {(r["entity"], r["entity_id"], r["field"]) for r in data["revisions"]}
    assert ("graduate", str(graduate_uuid), "created") in changes
    assert ("graduate", str(graduate_uuid), "last_name") in changes
    assert ("match", str(match_id), "created") in changes
    assert ("document", str(document_id), "created") in changes
    assert not any(r["entity_id"] == str(ledger_id) for r in data["revisions"])
    looked = [e for e in data["access_log"] if e["action"] == "verification.lookup"]
    assert [e["actor"] for e in looked] == ["verifier-user"]
    opened = [e for e in data["access_log"] if e["action"] == "view" and e["entity_id"] == str(document_id)]
    assert [e["actor"] for e in opened] == ["admin-user"]  # the admin opened the diploma above

    again = admin.get("/api/v1/graduates/G000777/export").json()
    assert [e["actor"] for e in again["access_log"] if e["action"] == "person.export"] == ["admin-user"]
    assert admin.get("/api/v1/graduates/G404/export").status_code == 404
