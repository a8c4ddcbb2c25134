"""Every document can be finished, in a real browser: a diploma whose graduate is missing from the registry
is marked so, a text line is corrected beside its image and then found by search, a field edit is put back
from History, an archive letter is marked reviewed, and a ledger is reviewed row by row."""

from __future__ import annotations

import hashlib
import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from storage.models import Document, DocumentStatus, Graduate, LineCorrection, Match, MatchDecision
from storage.revisions import changes_by
from tests.browser.conftest import ARCHIVIST, REVIEWER, Browsing, LiveApp, diploma_png, screenshot, sign_in

MISSING_SCAN = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "ДИПЛОМ",
    "ЖБ-Б № 0777123",
    "Осы диплом Тілеубердиева Мөлдір Серікқызына",
    "2015 жылы 6B01101 - «Педагогика»",
    "бакалавр дәрежесі берілді.",
    "Тіркеу нөмірі 4410",
]


def _document(live_app: LiveApp, name: str, kind: str, fields: dict[str, object]) -> uuid.UUID:
    sha = hashlib.sha256(name.encode()).hexdigest()
    with live_app.db() as session, changes_by(session, "system:worker", "test fixture"):
        doc = Document(filename=name, sha256=sha, content_type="image/png", size_bytes=1, kind=kind,
                       status=DocumentStatus.needs_review, original_key=f"originals/{sha}",
                       fields=fields)  # fmt: skip
        session.add(doc)
    return doc.id


def _answer_dialog(page: Page) -> None:
    """The reason dialog accepted, with its preset reason, or one typed where it has none."""
    expect(page.locator("#reason-dialog")).to_be_visible()
    if not page.locator("#reason-input").input_value():
        page.locator("#reason-input").fill("сканнан тексерілді")
    page.locator("#reason-ok").click()


def test_documents_matching_cannot_settle_are_finished_by_a_reviewer(
    live_app: LiveApp, browsing: Browsing
) -> None:
    missing = live_app.upload(ARCHIVIST, "missing.png", diploma_png(MISSING_SCAN), "Түлектер 2015")
    assert live_app.wait_done(missing) == DocumentStatus.needs_review
    page = browsing.page()
    sign_in(page, REVIEWER, lands_on="/queue", language="kk")

    # a field edit, saved with Enter: focus leaves the field, so the next key is a shortcut again
    page.goto(f"/documents/{missing}")
    number = page.locator("#field-registration_number")
    read = number.input_value()
    number.fill("4411")
    number.press("Enter")
    expect(page.locator('.field-row[data-field="registration_number"]')).to_have_class(
        re.compile(r"\bsaved\b")
    )
    expect(number).not_to_be_focused()
    # ... and put back from History
    page.keyboard.press("h")
    restore = page.locator("#history-panel tr", has_text="4411").locator("button.restore").first
    expect(restore).to_be_visible()
    restore.click()
    _answer_dialog(page)
    expect(page.locator("#field-registration_number")).to_have_value(read)

    # a text line corrected beside its image on the scan, and found by search afterwards
    page.keyboard.press("t")
    line = page.locator(".text-line", has=page.locator('input[value*="0777123"]')).first
    expect(line.locator(".line-image")).to_have_css("background-image", re.compile(r"/pages/1/image"))
    text = line.locator(".line-text")
    text.fill(text.input_value().replace("0777123", "0777124"))
    text.press("Enter")
    expect(line).to_have_class(re.compile(r"\bcorrected\b"))
    expect(text).not_to_be_focused()
    screenshot(page, "text-lines.png")

    # the graduate is not in the registry: the reviewer says so, and the document is done
    page.keyboard.press("f")
    page.locator('button.resolve[data-resolution="not_in_registry"]').click()
    _answer_dialog(page)
    expect(page.locator("#document-status")).to_have_class(re.compile(r"status-processed"))

    page.goto("/search?q=0777124")
    expect(page.locator("main")).to_contain_text("missing.png")

    # an archive letter is marked reviewed
    letter = _document(live_app, "letter.png", "archive", {})
    page.goto(f"/documents/{letter}")
    page.locator('button.resolve[data-resolution="reviewed"]').click()
    _answer_dialog(page)
    expect(page.locator("#document-status")).to_have_class(re.compile(r"status-processed"))

    # a ledger reviewed row by row: row 1 confirmed, row 2 not in the registry
    rows = [{"last_name": "Сейтқалиев", "first_name": "Ерлан"}, {"last_name": "Мұратов", "first_name": "Бек"}]
    ledger = _document(live_app, "ledger.png", "ledger", {"ledger_rows": rows})
    with live_app.db() as session, changes_by(session, "system:worker", "test fixture"):
        grad = session.exec(select(Graduate).where(Graduate.graduate_id == "G000003")).one()
        session.add(
            Match(
                document_id=ledger, graduate_id=grad.id, score=0.8, decision=MatchDecision.needs_review, row=1
            )
        )
    page.goto(f"/documents/{ledger}")
    expect(page.locator("#ledger-rows tbody tr")).to_have_count(2)
    page.locator('.candidate[data-graduate-id="G000003"] button.confirm-match').click()
    _answer_dialog(page)
    expect(page.locator("#document-status")).to_have_class(re.compile(r"status-needs_review"))
    page.locator('#ledger-rows button.resolve-row[data-row="2"]').click()
    _answer_dialog(page)
    expect(page.locator("#document-status")).to_have_class(re.compile(r"status-processed"))
    screenshot(page, "ledger-rows.png")
    assert not browsing.errors

    with live_app.db() as session:
        statuses = {d.filename: d.status for d in session.exec(select(Document))}
        corrected = session.exec(select(LineCorrection).where(LineCorrection.document_id == missing)).one()
        doc = session.get_one(Document, missing)
    assert (
        statuses["missing.png"]
        == statuses["letter.png"]
        == statuses["ledger.png"]
        == DocumentStatus.processed
    )
    assert "0777124" in corrected.text and corrected.actor == REVIEWER
    assert doc.fields.get("registration_number") == read
