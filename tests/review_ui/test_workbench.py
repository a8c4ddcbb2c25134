"""The reviewers' workbench on the real PostgreSQL: the queue's order, field edits as revisions, history,
restore, candidates beside the fields, who may use it, and the page in Kazakh and Russian."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from muragat.messages import Message
from muragat.messages.catalog.matching import Code as MatchingCode
from muragat.settings import Settings
from review_ui.i18n import Translator
from review_ui.review_rows import reason_text
from storage.db import get_engine, session_scope
from storage.institutions import assign_institution
from storage.models import (
    Document,
    DocumentStatus,
    Graduate,
    Match,
    MatchDecision,
    OcrWord,
    Page,
    Revision,
    Role,
)
from storage.revisions import changes_by

FIELDS = {
    "last_name": "Абилова",
    "first_name": "Айгерим",
    "diploma_series": "ЖБ-Б",
    "diploma_number": "0421208",
    "graduation_year": 2023,
    "degree": "bachelor",
    "honors": False,
}
EVIDENCE = {
    "last_name": {
        "confidence": 0.93,
        "page": 1,
        "words": [{"text": "Абилова", "left": 100, "top": 200, "width": 150, "height": 30}],
        "source": "ocr",
        "flags": [],
    }
}
# labels of the document page that must never show in English to a Kazakh or Russian reviewer
ENGLISH_LABELS = [
    "Fields &amp; matches",
    ">History<",
    ">Steps<",
    "Candidate graduates",
    "Keyboard shortcuts",
    "Surname",
    "Diploma number",
    "On the scan",
    "In the registry",
    "Confirm the selected candidate",
    ">Restore<",
    "Zoom in",
    "Word boxes",
    "Skew correction",
    "Reason for field changes",
    "Corrected from the scan",
    "The registry record agrees with the scan.",
    "matched automatically",
    "needs review",
]


def _db(settings: Settings) -> Any:
    return session_scope(get_engine(settings.sqlalchemy_url))


def make_document(
    settings: Settings,
    name: str,
    status: DocumentStatus = DocumentStatus.needs_review,
    confidence: float | None = 0.8,
    fields: dict[str, Any] | None = None,
) -> uuid.UUID:
    """A processed diploma with one page of two words, as the OCR and matching stages leave it."""
    sha = hashlib.sha256(name.encode()).hexdigest()
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        doc = Document(
            filename=name,
            sha256=sha,
            content_type="image/png",
            size_bytes=1000,
            status=status,
            kind="diploma",
            page_count=1 if confidence is not None else 0,
            original_key=f"originals/{sha[:2]}/{sha}",
            fields=dict(FIELDS if fields is None else fields),
            field_evidence=EVIDENCE,
        )
        session.add(doc)
        session.flush()
        assign_institution(session, doc)  # as matching does: here, the one read from the scan
        if confidence is not None:
            page = Page(
                document_id=doc.id,
                number=1,
                width=1000,
                height=700,
                text="Абилова Айгерим",
                language="kk",
                confidence=confidence,
                image_key=f"pages/{doc.id}/0001.png",
                steps=[{"step": "deskew", "why": "skewed", "angle": -1.5, "applied": True}],
            )
            session.add(page)
            session.flush()
            session.add_all(
                OcrWord(
                    page_id=page.id,
                    block=1,
                    line=1,
                    position=i,
                    text=text,
                    left=100 + 160 * i,
                    top=200,
                    width=150,
                    height=30,
                    confidence=conf,
                )
                for i, (text, conf) in enumerate((("Абилова", 0.95), ("Айгерим", 0.5)))
            )
        return doc.id


def make_candidate(
    settings: Settings,
    document_id: uuid.UUID,
    graduate_id: str,
    last_name: str,
    first_name: str,
    decision: MatchDecision = MatchDecision.needs_review,
    score: float = 0.7,
) -> uuid.UUID:
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        graduate = Graduate(
            graduate_id=graduate_id,
            last_name=last_name,
            first_name=first_name,
            institution="Әл-Фараби атындағы ҚазҰУ",
            degree="bachelor",
            graduation_year=2023,
            diploma_series="ЖБ-Б",
            diploma_number="0421208",
        )
        session.add(graduate)
        session.flush()
        match = Match(
            document_id=document_id,
            graduate_id=graduate.id,
            score=score,
            decision=decision,
            reasons=["diploma number equal"],
        )
        session.add(match)
        session.flush()
        return match.id


def revisions_of(settings: Settings, entity_id: uuid.UUID, field: str) -> list[Revision]:
    with _db(settings) as session:
        return list(
            session.exec(
                select(Revision)
                .where(Revision.entity_id == entity_id, Revision.field == field)
                .order_by(col(Revision.created_at))
            ).all()
        )


def test_queue_puts_needs_review_first_then_lowest_confidence(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    sure = make_document(settings, "processed-sure.png", DocumentStatus.processed, 0.95)
    unsure = make_document(settings, "processed-unsure.png", DocumentStatus.processed, 0.5)
    review_high = make_document(settings, "review-high.png", DocumentStatus.needs_review, 0.9)
    review_low = make_document(settings, "review-low.png", DocumentStatus.needs_review, 0.4)
    make_document(settings, "verified.png", DocumentStatus.verified, 0.3)
    make_document(settings, "failed.png", DocumentStatus.failed, None)
    done = make_document(settings, "confirmed.png", DocumentStatus.processed, 0.2)
    make_candidate(settings, done, "G1", "Абилова", "Айгерим", MatchDecision.confirmed, 0.9)
    make_candidate(settings, review_low, "G2", "Әбілова", "Айгерім", MatchDecision.needs_review, 0.6)

    ids = reviewer.get("/api/v1/queue").json()["ids"]
    assert ids == [str(review_low), str(review_high), str(unsure), str(sure)]

    page = reviewer.get("/queue")
    assert page.status_code == 200 and 'id="queue"' in page.text
    order = [page.text.index(f'data-document-id="{i}"') for i in ids]
    assert order == sorted(order)
    assert "Әбілова Айгерім" in page.text  # the top candidate of the first document
    assert "verified.png" not in page.text and "confirmed.png" not in page.text


def test_field_edit_writes_one_revision_per_changed_field(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    answer = reviewer.patch(
        f"/api/v1/documents/{doc}/fields",
        json={
            "fields": {"last_name": "Әбілова", "first_name": "Айгерим", "graduation_year": "2024"},
            "reason": "read again from the scan",
        },
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["changed"] == ["graduation_year", "last_name"]
    assert body["fields"]["last_name"] == "Әбілова" and body["fields"]["graduation_year"] == 2024
    assert {r["field"] for r in body["revisions"]} == {"fields.last_name", "fields.graduation_year"}

    [last_name] = revisions_of(settings, doc, "fields.last_name")[-1:]
    assert (last_name.old_value, last_name.new_value) == ("Абилова", "Әбілова")
    assert (last_name.actor, last_name.reason) == ("reviewer-user", "read again from the scan")
    assert len(revisions_of(settings, doc, "fields.graduation_year")) == 1
    assert revisions_of(settings, doc, "fields.first_name") == []  # unchanged: no revision


def test_field_edit_refuses_unknown_fields_a_missing_reason_and_stale_values(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    url = f"/api/v1/documents/{doc}/fields"
    unknown = reviewer.patch(url, json={"fields": {"status": "verified"}, "reason": "x"})
    assert unknown.status_code == 422 and "unknown fields: status" in unknown.json()["error"]["message"]
    assert reviewer.patch(url, json={"fields": {"last_name": "X"}, "reason": " "}).status_code == 422
    assert reviewer.patch(url, json={"fields": {"graduation_year": "soon"}, "reason": "x"}).status_code == 422
    assert reviewer.patch(url, json={"fields": {"degree": "baccalaureate"}, "reason": "x"}).status_code == 422
    stale = reviewer.patch(
        url, json={"fields": {"last_name": "Әбілова"}, "expected": {"last_name": "Other"}, "reason": "x"}
    )
    assert stale.status_code == 409 and "someone else" in stale.json()["error"]["message"]
    with _db(settings) as session:
        assert session.get_one(Document, doc).fields == FIELDS
        assert session.exec(select(Revision).where(Revision.actor == "reviewer-user")).all() == []


def test_history_lists_the_edit_and_restore_writes_a_new_revision(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    reviewer.patch(
        f"/api/v1/documents/{doc}/fields",
        json={"fields": {"last_name": "Абиловa"}, "reason": "typo", "expected": {"last_name": "Абилова"}},
    )
    history = reviewer.get(f"/api/v1/documents/{doc}/history").json()
    newest = next(h for h in history if h["field"] == "fields.last_name")  # matching ran again after it
    assert newest["actor"] == "reviewer-user"
    assert (newest["old"], newest["new"], newest["reason"]) == ("Абилова", "Абиловa", "typo")
    assert newest["restorable"] and newest["when"]
    assert history[-1]["field"] == "created"  # the fixture's creation, oldest

    restored = reviewer.post(f"/api/v1/revisions/{newest['id']}/restore", json={"reason": "typo was mine"})
    assert restored.status_code == 200, restored.text
    row = restored.json()
    assert row["id"] != newest["id"] and (row["old"], row["new"]) == ("Абиловa", "Абилова")
    assert row["reason"] == f"restored from revision {newest['id']}: typo was mine"
    assert row["reason_text"] == "бұрынғы нұсқадан қалпына келтірілді: typo was mine"  # shown in Kazakh
    with _db(settings) as session:
        assert session.get_one(Document, doc).fields["last_name"] == "Абилова"
    first, second = revisions_of(settings, doc, "fields.last_name")
    assert (first.old_value, first.new_value, first.reason) == ("Абилова", "Абиловa", "typo")  # untouched
    assert second.actor == "reviewer-user" and second.reason.startswith("restored from revision")

    again = reviewer.post(f"/api/v1/revisions/{newest['id']}/restore", json={"reason": "twice"})
    assert again.status_code == 409
    created = reviewer.post(f"/api/v1/revisions/{history[-1]['id']}/restore", json={})
    assert created.status_code == 409 and "can be restored" in created.json()["error"]["message"]
    # a status row is not restorable: put back to processing, the document would be OCR'd again
    with _db(settings) as session, changes_by(session, "system:worker", "processing started"):
        session.get_one(Document, doc).status = DocumentStatus.processing
    with _db(settings) as session, changes_by(session, "system:worker", "OCR and matching finished"):
        session.get_one(Document, doc).status = DocumentStatus.needs_review
    [status_row] = [
        r for r in reviewer.get(f"/api/v1/documents/{doc}/history").json() if r["field"] == "status"
    ][:1]
    assert not status_row["restorable"]
    refused = reviewer.post(f"/api/v1/revisions/{status_row['id']}/restore", json={"reason": "back"})
    assert refused.status_code == 409 and "a status follows from them" in refused.json()["error"]["message"]
    with _db(settings) as session:
        assert session.get_one(Document, doc).status == DocumentStatus.needs_review


def test_restore_brings_back_a_match_decision(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    match_id = make_candidate(settings, doc, "G1", "Абилова", "Айгерим")
    with _db(settings) as session, changes_by(session, "dana", "wrong person"):
        session.get_one(Match, match_id).decision = MatchDecision.rejected

    history = reviewer.get(f"/api/v1/documents/{doc}/history").json()
    [decision] = [h for h in history if h["field"] == "decision"]
    assert decision["entity"] == "match" and decision["subject"].startswith("G1 Абилова")
    assert reviewer.post(
        f"/api/v1/revisions/{decision['id']}/restore", json={"reason": "my mistake"}
    ).is_success
    with _db(settings) as session:
        assert session.get_one(Match, match_id).decision == MatchDecision.needs_review
    assert len(revisions_of(settings, match_id, "decision")) == 2


def test_candidates_beside_the_fields_with_differences(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    reviewer = client_as(Role.reviewer)
    doc = make_document(settings, "d.png")
    make_candidate(settings, doc, "G1", "ӘБІЛОВА", "Айгерим", score=0.9)  # the same after folding
    make_candidate(settings, doc, "G2", "Абилова", "Асель", score=0.5)
    first, second = reviewer.get(f"/api/v1/documents/{doc}/candidates").json()
    assert first["graduate_id"] == "G1" and first["record"]["last_name"] == "ӘБІЛОВА"
    same = {row["field"]: row["same"] for row in first["compare"]}
    assert same["last_name"] is True and same["diploma_number"] is True and first["differences"] == 0
    assert {row["field"]: row["same"] for row in second["compare"]}["first_name"] is False
    assert second["differences"] == 1
    assert second["reasons"] == [Translator("kk").gettext("diploma number equal")]  # the reviewer chose kk
    assert second["match_id"] and second["decision"] == "needs_review"


@pytest.mark.parametrize("role", [Role.verifier, Role.archivist])
def test_other_roles_cannot_use_the_workbench(
    settings: Settings, client_as: Callable[..., TestClient], role: Role
) -> None:
    doc = make_document(settings, "d.png")
    [revision] = revisions_of(settings, doc, "created")
    other = client_as(role)
    for method, url, body in [
        ("GET", "/queue", None),
        ("GET", f"/documents/{doc}", None),
        ("GET", "/api/v1/queue", None),
        ("GET", f"/api/v1/documents/{doc}/history", None),
        ("GET", f"/api/v1/documents/{doc}/candidates", None),
        ("PATCH", f"/api/v1/documents/{doc}/fields", {"fields": {"last_name": "X"}, "reason": "x"}),
        ("POST", f"/api/v1/revisions/{revision.id}/restore", {"reason": "x"}),
    ]:
        assert other.request(method, url, json=body).status_code == 403, url


@pytest.mark.parametrize(("language", "expected"), [("kk", "Тарих"), ("ru", "История")])
def test_document_page_speaks_the_reviewers_language(
    settings: Settings, client_as: Callable[..., TestClient], language: str, expected: str
) -> None:
    reviewer = client_as(Role.reviewer, language)
    doc = make_document(settings, "d.png")
    make_candidate(settings, doc, "G1", "Абилова", "Асель", MatchDecision.auto_matched)
    page = reviewer.get(f"/documents/{doc}")
    assert page.status_code == 200 and f'lang="{language}"' in page.text
    assert expected in page.text
    for english in ENGLISH_LABELS:
        assert english not in page.text, english
    for target in (
        'id="field-last_name"',
        'class="candidate',
        'data-graduate-id="G1"',
        'id="history-tab"',
        'id="help-overlay"',
        'id="boxes"',
        "data-revision-id=",
    ):
        assert target in page.text, target
    assert reviewer.get("/queue").status_code == 200


def test_unknown_document_page_is_not_found(client_as: Callable[..., TestClient]) -> None:
    reviewer = client_as(Role.reviewer)
    assert reviewer.get(f"/documents/{uuid.uuid4()}").status_code == 404
    assert reviewer.get(f"/api/v1/documents/{uuid.uuid4()}/history").status_code == 404


def test_history_shows_the_systems_reasons_in_the_users_language() -> None:
    kk = Translator("kk")
    finished = Message(
        MatchingCode.MATCH_FINISHED, reason=Message(MatchingCode.KIND_DIPLOMA_TITLE, title="ДИПЛОМ")
    )
    shown = reason_text(str(finished), kk, finished.to_json())
    assert shown == "OCR және сәйкестендіру аяқталды; диплом атауы «ДИПЛОМ»"
    # a reason stored as English prose before reasons were messages is shown as it was stored
    assert reason_text("processing started", kk) == "processing started"
    assert reason_text("Скан бойынша түзетілді", kk) == "Скан бойынша түзетілді"  # a person's words stay


def test_a_ledger_document_page_opens(settings: Settings, client_as: Callable[..., TestClient]) -> None:
    """A ledger keeps its rows as a list, evidence too: its page opens, it does not answer 500."""
    doc = make_document(settings, "ledger.png")
    row = {"last_name": "Абилова", "diploma_number": "0012345"}
    with _db(settings) as session, changes_by(session, "system:worker", "test fixture"):
        ledger = session.get_one(Document, doc)
        ledger.kind = "ledger"
        ledger.fields = {"ledger_rows": [row]}
        ledger.field_evidence = {"ledger_rows": [{"last_name": {"confidence": 0.9, "flags": []}}]}
    page = client_as(Role.reviewer).get(f"/documents/{doc}")
    assert page.status_code == 200, page.text[:500]
    assert 'id="field-ledger_rows"' not in page.text
