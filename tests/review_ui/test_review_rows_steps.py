"""The Steps tab: a step's why, stored as a message's JSON by the OCR stage, in the reviewer's language."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import select

from muragat.messages import Message
from muragat.settings import Settings
from ocr.steps import Code, step
from review_ui.i18n import Translator
from review_ui.review_rows import step_view
from storage.db import get_engine, session_scope
from storage.models import Page, Role
from tests.review_ui.test_workbench import make_document

TILTED = step("deskew", Message(Code.DESKEW_TILTED, angle="1.50"), angle=1.5, applied=True)


def test_a_steps_why_is_shown_in_each_language() -> None:
    assert step_view(TILTED, Translator("en"))["why"] == (
        "text lines tilted by 1.50 degrees (sharpest projection profile): rotated level"
    )
    kk, ru = step_view(TILTED, Translator("kk"))["why"], step_view(TILTED, Translator("ru"))["why"]
    assert kk.startswith("мәтін жолдары 1.50 градусқа қисайған")
    assert ru.startswith("строки текста наклонены на 1.50 градусов")
    # a why stored as text, before whys were messages, is shown as it was stored (or its translation)
    assert step_view({"step": "deskew", "why": "skewed"}, Translator("kk"))["why"] == "skewed"


def test_the_document_page_shows_the_steps_why_in_the_reviewers_language(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    doc = make_document(settings, "steps.png")
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        page = session.exec(select(Page).where(Page.document_id == doc)).one()
        page.steps = [TILTED, step("layout", Message(Code.LAYOUT_TOO_SMALL), spread=False)]
        session.add(page)
    html = client_as(Role.reviewer, "ru").get(f"/documents/{doc}").text
    assert "строки текста наклонены на 1.50 градусов" in html
    assert "страница слишком мала для разделения" in html
    assert "page too small to split" not in html
