"""The workbench's reasons and errors as messages: stored as codes, shown in the reviewer's language,
with the English of the export and the API as before; reasons stored as text still shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from muragat.errors import MuragatError
from muragat.settings import Settings
from review_ui.auth import role_forbidden
from review_ui.field_edits import coerce
from review_ui.i18n import Translator
from review_ui.review_rows import reason_text
from storage.models import Document, DocumentStatus, Revision, Role
from tests.review_ui.test_workbench import _db, make_candidate, make_document


def test_a_decision_stores_its_reasons_as_messages(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    make_candidate(settings, doc, "G1", "Абилова", "Айгерим")
    answer = reviewer.post(f"/api/v1/documents/{doc}/matches/G1/confirm", json={"reason": "seen"})
    assert answer.status_code == 200, answer.text
    with _db(settings) as session:
        document = session.get_one(Document, doc)
        assert document.status == DocumentStatus.processed
        assert document.status_reason == "match to G1 confirmed by reviewer-user"  # the export's English
        assert document.status_message == {
            "code": "review.match_confirmed",
            "params": {"graduate": "G1", "actor": "reviewer-user"},
        }
        decided = session.exec(select(Revision).where(col(Revision.field) == "decision")).one()
        assert decided.reason == "review: confirmed: seen"
        assert decided.reason_message == {
            "code": "review.decided",
            "params": {"decision": {"code": "review.decision.confirmed", "params": {}}, "why": "seen"},
        }
    [row] = [h for h in reviewer.get(f"/api/v1/documents/{doc}/history").json() if h["field"] == "decision"]
    assert row["reason"] == "review: confirmed: seen"
    assert row["reason_text"] == "расталды: seen"  # the decision's word, in the reviewer's Kazakh
    assert row["reason_full"] == "тексеру: расталды: seen"
    status = [h for h in reviewer.get(f"/api/v1/documents/{doc}/history").json() if h["field"] == "status"]
    assert status and status[0]["reason_text"] == "расталды: seen"


def test_a_restore_without_a_reason_and_old_prose_still_show() -> None:
    kk = Translator("kk")
    restored = {"code": "revision.restored", "params": {"id": "0" * 8}}
    assert (
        reason_text("restored from revision 00000000", kk, restored) == "бұрынғы нұсқадан қалпына келтірілді"
    )
    old = "restored from revision 3f2b8a1e-0000-4000-8000-000000000000: typo"  # stored before codes
    assert reason_text(old, kk) == kk.gettext(old) and reason_text(old, Translator("en")) == old
    assert reason_text("review: rejected: not him", Translator("en")) == "review: rejected: not him"


def test_a_language_change_is_a_message(settings: Settings, client_as: Callable[..., TestClient]) -> None:
    reviewer = client_as(Role.reviewer)
    chosen = reviewer.post("/language", data={"language": "ru", "back": "/queue"}, follow_redirects=False)
    assert chosen.status_code == 303
    with _db(settings) as session:
        revision = session.exec(select(Revision).where(col(Revision.field) == "language")).one()
        assert (revision.reason, revision.reason_message) == (
            "language",
            {"code": "review.language", "params": {}},
        )


def test_errors_render_in_the_readers_language() -> None:
    with pytest.raises(MuragatError) as raised:
        coerce("graduation_year", "soon")
    assert raised.value.message == "graduation_year must be a year, not «soon»"
    assert raised.value.render("kk") == "бітірген жылы жыл болуы керек, «soon» емес"
    assert raised.value.to_dict()["message_code"] == "review.not_a_year.graduation_year"
    assert str(role_forbidden(Role.archivist)) == "the archivist role may not use this page"
    assert role_forbidden(Role.archivist).render("ru") == "Роли архивиста эта страница недоступна"
    assert role_forbidden("guest").render("kk") == "guest рөлі бұл бетті пайдалана алмайды"


def test_the_api_gives_an_errors_code_and_its_words(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    created = reviewer.get(f"/api/v1/documents/{doc}/history").json()[-1]
    error = reviewer.post(f"/api/v1/revisions/{created['id']}/restore", json={}).json()["error"]
    assert error["message_code"] == "revision.not_restorable"
    assert error["message"].startswith(f"revision {created['id']} changed document created;")
    assert "қалпына келтіруге болады" in error["message_localized"]
