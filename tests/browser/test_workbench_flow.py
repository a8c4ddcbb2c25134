"""From upload to a confirmed match in a real browser: an archivist signs in, switches the language and
uploads a scan; the worker reads it and it waits for review; a reviewer then takes it from the queue to
confirmed with the keyboard alone, and finds the field edit and the decision in History."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import FilePayload, Page, expect
from sqlmodel import col, select

from review_ui.i18n import Translator
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Revision
from tests.browser.conftest import (
    ARCHIVIST,
    FLOW_SCAN,
    REVIEWER,
    Browsing,
    LiveApp,
    choose_language,
    diploma_png,
    screenshot,
    sign_in,
)
from tests.review_ui.conftest import PASSWORD

FILENAME = "diploma-orazbaeva.png"
COLLECTION = "Түлектер 2014"
GRADUATE = "G000001"
NAMESAKE = "G000002"
GRADUATE_NAME = "Оразбайева Құралай Нұрдәулетқызы"
READ_SURNAME, TRUE_SURNAME = "Оразбаева", "Оразбайева"
KK, RU = Translator("kk"), Translator("ru")


def translated(t: Translator, message: str, **values: object) -> str:
    """The translation, which must not be the English source (else the test would prove nothing)."""
    text = t.gettext(message, **values)
    assert text != (message % values if values else message), f"{message!r} is not translated to {t.language}"
    return text


def test_reviewer_confirms_a_needs_review_diploma_with_the_keyboard_alone(
    live_app: LiveApp, browsing: Browsing
) -> None:
    doc_id = upload_as_archivist(browsing.page(), live_app)
    review_with_keyboard(browsing.page(), doc_id)
    assert not browsing.errors

    with live_app.db() as session:
        doc = session.get_one(Document, doc_id)
        assert doc.status == DocumentStatus.processed
        assert doc.fields["last_name"] == TRUE_SURNAME
        decisions = {
            g.graduate_id: m
            for m, g in session.exec(
                select(Match, Graduate)
                .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
                .where(Match.document_id == doc_id)
            ).all()
        }
        assert decisions[GRADUATE].decision == MatchDecision.confirmed
        assert decisions[NAMESAKE].decision == MatchDecision.needs_review
        [decided] = session.exec(
            select(Revision).where(
                Revision.entity == "match",
                Revision.entity_id == decisions[GRADUATE].id,
                Revision.field == "decision",
            )
        ).all()
        assert (decided.actor, decided.old_value, decided.new_value) == (
            REVIEWER,
            "needs_review",
            "confirmed",
        )
        assert (
            decided.reason == f"review: confirmed: {KK.gettext('The registry record agrees with the scan.')}"
        )
        [edited] = session.exec(
            select(Revision).where(
                Revision.entity_id == doc_id, Revision.field == "fields.last_name", Revision.actor == REVIEWER
            )
        ).all()
        assert (edited.actor, edited.old_value, edited.new_value) == (REVIEWER, READ_SURNAME, TRUE_SURNAME)
        assert edited.reason == KK.gettext("Corrected from the scan")


def upload_as_archivist(page: Page, live_app: LiveApp) -> uuid.UUID:
    """Sign in, switch Kazakh -> Russian -> Kazakh with the header's select, upload, wait until processed."""
    sign_in(page, ARCHIVIST, lands_on="/upload", language="kk")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("h1")).to_have_text(translated(KK, "Upload scans"))

    choose_language(page, "ru")
    assert page.url.endswith("/upload")
    expect(page.locator("h1")).to_have_text(translated(RU, "Upload scans"))
    expect(page.locator("header nav")).to_contain_text(translated(RU, "Documents"))
    expect(page.locator("#upload-button")).to_have_text(translated(RU, "Upload"))

    page.locator("#collection").fill(COLLECTION)
    scan = FilePayload(name=FILENAME, mimeType="image/png", buffer=diploma_png(FLOW_SCAN))
    page.set_input_files("#files", files=[scan])
    page.click("#upload-button")
    result = page.locator("#upload-results tbody tr")
    expect(result).to_have_count(1)
    expect(result.locator("td").nth(0)).to_have_text(FILENAME)
    expect(result.locator("td.created")).to_have_text(translated(RU, "stored and queued"))

    # the page polls /api/v1/collections every 3 s: wait for the progress bar of this batch to fill
    page.wait_for_function(
        """name => [...document.querySelectorAll("#collections tbody tr")].some((row) => {
             const bar = row.querySelector("progress");
             return row.cells[0].textContent === name && bar && bar.max > 0 && bar.value === bar.max;
           })""",
        arg=COLLECTION,
        timeout=60_000,
    )
    row = page.locator("#collections tbody tr", has_text=COLLECTION)
    expect(row).to_contain_text("1 / 1")
    expect(row).to_contain_text(f"{translated(RU, 'needs review')}: 1")

    choose_language(page, "kk")
    expect(page.locator("h1")).to_have_text(KK.gettext("Upload scans"))
    expect(page.locator("#collections tbody tr", has_text=COLLECTION)).to_contain_text(
        f"{KK.gettext('needs review')}: 1"
    )
    screenshot(page, "upload.png")

    with live_app.db() as session:
        doc = session.exec(select(Document).where(Document.filename == FILENAME)).one()
        assert doc.status == DocumentStatus.needs_review, doc.status_reason
        assert doc.fields["last_name"] == READ_SURNAME, "the OCR did not read the surname as printed"
        return doc.id


def review_with_keyboard(page: Page, doc_id: uuid.UUID) -> None:
    """Every step after opening the sign-in page is a key press: no click, no navigation by URL."""
    page.goto("/login")
    expect(page.locator('input[name="username"]')).to_be_focused()
    page.keyboard.type(REVIEWER)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/queue")
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    # the queue: j moves down to our document (another test's document may wait too), Enter opens it
    rows = page.locator("#queue .queue-item")
    expect(rows.first).to_be_focused()
    mine = page.locator(f'#queue .queue-item[data-document-id="{doc_id}"]')
    expect(mine).to_contain_text(FILENAME)
    expect(mine).to_contain_text(KK.gettext("needs review"))
    for _ in range(rows.count()):
        if "selected" in (mine.get_attribute("class") or ""):
            break
        page.keyboard.press("j")
    expect(mine).to_have_class(re.compile(r"\bselected\b"))
    expect(mine).to_be_focused()
    screenshot(page, "queue.png")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/documents/{doc_id}")

    # the document page: scan with word boxes, fields, two candidates, the right one first
    expect(page.locator("#document-status")).to_have_text(KK.gettext("needs review"))
    expect(page.locator("#word-layer rect.word").first).to_be_attached()
    cards = page.locator(".candidate[data-match-id]")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_have_attribute("data-graduate-id", GRADUATE)
    expect(cards.nth(1)).to_have_attribute("data-graduate-id", NAMESAKE)
    surname_compare = cards.nth(0).locator('.compare tr[data-field="last_name"]')
    expect(surname_compare).to_have_class("differs")
    screenshot(page, "document.png")

    page.keyboard.press("?")
    expect(page.locator("#help-overlay")).to_be_visible()
    expect(page.locator("#help-title")).to_have_text(translated(KK, "Keyboard shortcuts"))
    screenshot(page, "help.png")
    page.keyboard.press("Escape")
    expect(page.locator("#help-overlay")).to_be_hidden()

    # e: edit the first field (the surname), its text selected so that typing replaces it; Enter saves
    # with the reason preset above the fields; Esc leaves the field so that shortcuts work again
    surname = page.locator("#field-last_name")
    page.keyboard.press("e")
    expect(surname).to_be_focused()
    expect(surname).to_have_value(READ_SURNAME)
    page.keyboard.type(TRUE_SURNAME)
    expect(surname).to_have_value(TRUE_SURNAME)
    page.keyboard.press("Enter")
    expect(page.locator("#wb-message")).to_have_text(translated(KK, "Saved."))
    expect(page.locator('.field-row[data-field="last_name"]')).to_have_class(re.compile(r"\bsaved\b"))
    expect(surname_compare).to_have_class("same")  # the candidates were compared again with the new value
    page.keyboard.press("Escape")
    expect(surname).not_to_be_focused()
    expect(surname).to_have_value(TRUE_SURNAME)

    # arrows and digits select a candidate; c asks for a reason in a dialog, Enter accepts the preset one
    selected = page.locator(".candidate.selected")
    expect(selected).to_have_attribute("data-graduate-id", GRADUATE)
    page.keyboard.press("ArrowDown")
    expect(selected).to_have_attribute("data-graduate-id", NAMESAKE)
    page.keyboard.press("1")
    expect(selected).to_have_attribute("data-graduate-id", GRADUATE)
    page.keyboard.press("c")
    dialog = page.locator("#reason-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#reason-title")).to_have_text(
        translated(KK, "Confirm the match to %(name)s", name=GRADUATE_NAME)
    )
    expect(page.locator("#reason-input")).to_be_focused()
    expect(page.locator("#reason-input")).to_have_value(
        translated(KK, "The registry record agrees with the scan.")
    )
    screenshot(page, "confirm.png")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#confirmed-banner")).to_be_visible()
    expect(page.locator("#banner-text")).to_have_text(
        translated(KK, "Confirmed: %(name)s.", name=GRADUATE_NAME)
    )
    expect(cards.nth(0).locator(".decision")).to_have_text(translated(KK, "confirmed"))
    expect(page.locator("#document-status")).to_have_text(translated(KK, "processed"))

    # h: History, newest first, both changes by the reviewer
    page.keyboard.press("h")
    expect(page.locator("#history-panel")).to_be_visible()
    expect(page.locator("#history-tab")).to_have_attribute("aria-selected", "true")
    decision = page.locator('#history tr[data-field="decision"]')
    expect(decision).to_have_count(1)
    expect(decision.locator("td").nth(1)).to_have_text(REVIEWER)
    expect(decision.locator("td").nth(2)).to_contain_text(translated(KK, "Decision"))
    expect(decision.locator("td").nth(2)).to_contain_text(GRADUATE)
    expect(decision.locator(".old")).to_have_text(KK.gettext("needs review"))
    expect(decision.locator(".new")).to_have_text(KK.gettext("confirmed"))
    # the surname's rows: the reviewer's edit, then (older) the worker's reading
    surname_rows = page.locator('#history tr[data-field="fields.last_name"]')
    expect(surname_rows).to_have_count(2)
    expect(surname_rows.nth(1).locator("td").nth(1)).to_have_text("system:worker")
    edit = surname_rows.first
    expect(edit.locator("td").nth(1)).to_have_text(REVIEWER)
    expect(edit.locator("td").nth(2)).to_have_text(translated(KK, "Surname"))
    expect(edit.locator(".old")).to_have_text(READ_SURNAME)
    expect(edit.locator(".new")).to_have_text(TRUE_SURNAME)
    expect(edit.locator("td").nth(4)).to_have_text(translated(KK, "Corrected from the scan"))
    history_rows = page.locator("#history tbody tr")
    fields_in_order = [row.get_attribute("data-field") for row in history_rows.all()]
    assert fields_in_order.index("decision") < fields_in_order.index("fields.last_name"), fields_in_order
    screenshot(page, "history.png")

    # a confirmed document has left the queue
    queue = page.request.get("/api/v1/queue").json()
    assert str(doc_id) not in queue["ids"]
