"""A document's status reasons as messages: the export's English as before, the page's words in kk/ru."""

from __future__ import annotations

from matching.decisions import after_decision, document_status, ledger_status
from storage.models import Document, DocumentStatus, Match, MatchDecision


def test_status_reasons_are_messages_with_the_english_of_before() -> None:
    status, reason = document_status("diploma", [], {})
    assert status == DocumentStatus.needs_review and reason.code == "document.diploma_unread"
    assert str(reason).startswith("a diploma, but no key field")
    assert reason.render("kk").startswith("диплом, бірақ бірде-бір негізгі өріс")
    status, reason = ledger_status(3, [Match(score=1, decision=MatchDecision.confirmed, row=2)])
    assert (status, str(reason)) == (DocumentStatus.needs_review, "2 of 3 ledger rows need a reviewer")
    assert reason.to_json() == {"code": "document.ledger_open", "params": {"open": 2, "count": 3}}
    assert ledger_status(1, [Match(score=1, decision=MatchDecision.auto_matched, row=1)])[1].render("ru") == (
        "все 1 строк книги регистрации сопоставлены"
    )


def test_a_decision_names_the_graduate_and_the_reviewer() -> None:
    doc = Document(kind="diploma", status=DocumentStatus.needs_review, fields={})
    found = after_decision(doc, [], "G7", MatchDecision.confirmed, "dana")
    assert found is not None
    status, reason = found
    assert (status, str(reason)) == (DocumentStatus.processed, "match to G7 confirmed by dana")
    assert reason.render("kk") == "G7 түлегімен сәйкестікті dana растады"
    ledger = Document(kind="ledger", status=DocumentStatus.needs_review, fields={"ledger_rows": [{}]})
    ledger.explain(ledger_status(1, [])[1])
    assert after_decision(ledger, [], "G7", MatchDecision.rejected, "dana") is None  # nothing changed
