"""The pages' scripts are native ES modules served from review_ui/static with no build step. On the upload
page, the queue and the document page every module of the page's graph loads with a JavaScript type and
runs (what it does shows on the page), and nothing is logged as an error; no module lies unused."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response, expect

import review_ui
from tests.browser.conftest import ARCHIVIST, OTHER_SCAN, REVIEWER, Browsing, LiveApp, diploma_png, sign_in

STATIC = Path(review_ui.__file__).parent / "static"
TEMPLATES = Path(review_ui.__file__).parent / "templates"
FILENAME = "diploma-modules.png"
COLLECTION = "Модульдер 2016"
IMPORT = re.compile(r"""^\s*import\s[^;]*?\sfrom\s+"\./([\w.-]+\.js)";""", re.MULTILINE | re.DOTALL)
ENTRY = re.compile(r'<script type="module" src="\{\{ static_url\(\'([\w.-]+\.js)\'\) \}\}"></script>')
VERSIONED = re.compile(r"^/static/v/[0-9a-f]+/")


def module_graph(*entries: str) -> set[str]:
    """The files of review_ui/static the entries import, directly or not, with the entries."""
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(IMPORT.findall((STATIC / name).read_text(encoding="utf-8")))
    return seen


class Scripts:
    """The scripts a page fetched from /static/: name -> (status, Content-Type)."""

    def __init__(self, page: Page) -> None:
        self.loaded: dict[str, tuple[int, str]] = {}
        page.on("response", self._seen)

    def _seen(self, response: Response) -> None:
        path = urlsplit(response.url).path
        if VERSIONED.match(path) and path.endswith(".js"):
            kind = response.headers.get("content-type", "")
            self.loaded[VERSIONED.sub("", path)] = (response.status, kind)

    def check(self, expected: set[str]) -> None:
        assert set(self.loaded) == expected
        for name, (status, kind) in self.loaded.items():
            assert status == 200, (name, status)
            assert kind.split(";")[0].strip() in ("text/javascript", "application/javascript"), (name, kind)


@pytest.fixture(scope="module")
def document_id(live_app: LiveApp) -> uuid.UUID:
    doc_id = live_app.upload(ARCHIVIST, FILENAME, diploma_png(OTHER_SCAN), COLLECTION)
    live_app.wait_done(doc_id)
    return doc_id


def test_every_module_is_a_page_entry_or_imported_by_one() -> None:
    entries = {name for html in TEMPLATES.glob("*.html") for name in ENTRY.findall(html.read_text("utf-8"))}
    assert entries == {"app.js", "workbench.js"}
    # the one classic script: Swagger UI's start-up on /docs, a page review_ui/apidocs.py writes itself
    api_docs = "api-docs.js"
    assert f'static_url("{api_docs}")' in (TEMPLATES.parent / "apidocs.py").read_text("utf-8")
    assert not IMPORT.findall((STATIC / api_docs).read_text("utf-8"))
    assert module_graph(*entries) | {api_docs} == {p.name for p in STATIC.glob("*.js")}
    for html in TEMPLATES.glob("*.html"):
        text = html.read_text("utf-8")
        assert "<script src=" not in text, f"{html.name}: a classic script"
        assert '"/static/' not in text, f"{html.name}: a static file linked without its version"


def test_upload_page_loads_its_modules(browsing: Browsing, document_id: uuid.UUID) -> None:
    page = browsing.page()
    scripts = Scripts(page)
    sign_in(page, ARCHIVIST, lands_on="/upload")
    # app.js asked /api/v1/collections through http.js and filled the table
    expect(page.locator("#collections tbody tr", has_text=COLLECTION)).to_contain_text("1 / 1")
    page.locator("#drop-zone").dispatch_event("dragover")
    expect(page.locator("#drop-zone")).to_have_class(re.compile(r"\bover\b"))
    scripts.check(module_graph("app.js"))
    assert not browsing.errors


def test_queue_and_document_pages_load_their_modules(browsing: Browsing, document_id: uuid.UUID) -> None:
    page = browsing.page()
    scripts = Scripts(page)
    sign_in(page, REVIEWER, lands_on="/queue")
    expect(page.locator("#queue .queue-item.selected")).to_be_focused()  # the queue's module ran
    scripts.check(module_graph("app.js", "workbench.js"))

    scripts.loaded.clear()
    page.goto(f"/documents/{document_id}")
    expect(page.locator("#word-layer rect.word").first).to_be_attached()  # the viewer drew the words
    expect(page.locator(".candidate.selected")).to_have_count(1)
    page.keyboard.press("?")
    expect(page.locator("#help-overlay")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help-overlay")).to_be_hidden()
    page.keyboard.press("t")
    expect(page.locator("#text-tab")).to_have_attribute("aria-selected", "true")
    zoom = page.locator("#zoom-level")
    before = zoom.text_content() or ""
    page.keyboard.press("+")
    expect(zoom).not_to_have_text(before)
    scripts.check(module_graph("app.js", "workbench.js"))
    assert not browsing.errors
