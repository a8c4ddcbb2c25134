"""Browser tests: the real app (uvicorn on a free loopback port, one RQ worker process, the test PostgreSQL
and Redis) driven by Debian's Chromium through Playwright, never a downloaded browser. Screenshots are
written to $MURAGAT_SCREENSHOTS, or tests/browser/screenshots/."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
import redis
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    expect,
    sync_playwright,
)
from sqlalchemy import text
from sqlmodel import Session

from matching.registry import import_registry
from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from muragat.worker import WorkerPool
from storage.db import get_engine, make_engine, session_scope
from storage.models import Document, DocumentStatus, Role
from tests.conftest import REDIS_TEST_URL
from tests.pages import encode, render_page
from tests.review_ui.conftest import PASSWORD, make_user

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers), and nothing that reaches for the network: the machines running these have none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}
SCREENSHOTS = Path(os.environ.get("MURAGAT_SCREENSHOTS") or HERE / "screenshots")
DONE = (DocumentStatus.processed, DocumentStatus.needs_review, DocumentStatus.verified, DocumentStatus.failed)

ARCHIVIST = "aigerim.archivist"
REVIEWER = "dana.reviewer"
ADMIN = "nurlan.admin"
VERIFIER = "asel.verifier"
AUDITOR = "marat.auditor"
USERS = {
    ARCHIVIST: Role.archivist,
    REVIEWER: Role.reviewer,
    ADMIN: Role.admin,
    VERIFIER: Role.verifier,
    AUDITOR: Role.auditor,
}

REGISTRY_CSV = (
    "graduate_id,iin,last_name,first_name,patronymic,gender,birth_date,institution,program_code,program_name,"
    "degree,study_form,study_language,enrollment_year,graduation_year,diploma_series,diploma_number,"
    "registration_number,issue_date,honors\n"
    # the graduate of FLOW_SCAN: same name, diploma number one digit off, no IIN in the registry, so a
    # single strong key (the name) and the document waits for a reviewer
    "G000001,,Оразбайева,Құралай,Нұрдәулетқызы,F,1992-01-26,Абай атындағы Қазақ ұлттық педагогикалық "
    "университеті,6B07201,Мұнай-газ ісі,bachelor,full_time,kk,2010,2014,ЖБ-Б,0421209,6782,2014-07-25,false\n"
    # her namesake of the same year, with another diploma: a weaker second candidate
    "G000002,,Оразбайева,Құралай,Нұрдәулетқызы,F,1991-05-14,Әл-Фараби атындағы Қазақ ұлттық университеті,"
    "6B04101,Экономика,bachelor,full_time,kk,2010,2014,ЖБ-Б,0388114,1204,2014-06-30,false\n"
    # the graduate of OTHER_SCAN, again one digit off
    "G000003,,Сейтқалиев,Ерлан,Бауыржанұлы,M,1994-05-12,Сәтбаев университеті,6B06102,Есептеу техникасы,"
    "bachelor,full_time,kk,2012,2016,ЖБ-Б,0533872,1187,2016-06-28,false\n"
)
# the scan misprints the surname without its «й»: the reviewer corrects the field to the true spelling
FLOW_SCAN = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "ДИПЛОМ",
    "ЖБ-Б № 0421208",
    "Осы диплом Оразбаева Құралай Нұрдәулетқызына",
    "2014 жылы 6B07201 - «Мұнай-газ ісі»",
    "бакалавр дәрежесі берілді.",
    "Тіркеу нөмірі 6782",
    "ЖСН 890126475215",
]
OTHER_SCAN = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "ДИПЛОМ",
    "ЖБ-Б № 0533871",
    "Осы диплом Сейтқалиев Ерлан Бауыржанұлына",
    "2016 жылы 6B06102 - «Есептеу техникасы»",
    "бакалавр дәрежесі берілді.",
    "Тіркеу нөмірі 1187",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium (/usr/bin/chromium) against the running app"
    )


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium"))


def diploma_png(lines: list[str]) -> bytes:
    return encode([render_page(lines)], "PNG")


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path


@dataclass(frozen=True)
class LiveApp:
    url: str
    settings: Settings

    def db(self) -> AbstractContextManager[Session]:
        return session_scope(get_engine(self.settings.sqlalchemy_url))

    def wait_done(self, document_id: uuid.UUID, timeout: float = 60) -> DocumentStatus:
        """The document's status once the worker has finished with it."""
        deadline = time.monotonic() + timeout
        while True:
            with self.db() as session:
                doc = session.get(Document, document_id)
                status = doc.status if doc else None
            if status in DONE:
                assert status is not None
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"document {document_id} still {status} after {timeout} s")
            time.sleep(0.2)

    def upload(self, username: str, filename: str, data: bytes, collection: str) -> uuid.UUID:
        """Upload through the HTTP API as a signed-in user (for a test whose subject is not the upload)."""
        with httpx.Client(base_url=self.url, follow_redirects=True, timeout=30) as client:
            client.post(
                "/login",
                data={
                    "username": username,
                    "password": PASSWORD,
                    "csrf_token": _csrf(client.get("/login").text),
                },
            )
            token = _csrf(client.get("/upload").text)
            answer = client.post(
                "/api/v1/documents",
                files={"files": (filename, data, "image/png")},
                data={"collection": collection},
                headers={"X-CSRF-Token": token},
            )
        assert answer.status_code == 207, answer.text
        [result] = answer.json()["results"]
        assert result["result"] in ("created", "exists"), result
        return uuid.UUID(result["document_id"])


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _redis_url() -> str:
    """Redis for the browser tests: database 14 beside the suite's 13, since a test elsewhere flushes 13
    while our worker holds jobs and leases there (set MURAGAT_TEST_REDIS_BROWSER to choose another)."""
    chosen = os.environ.get("MURAGAT_TEST_REDIS_BROWSER")
    if chosen:
        return chosen
    parts = urlsplit(REDIS_TEST_URL)
    return urlunsplit(parts._replace(path="/14"))


def _empty_database(url: str) -> None:
    """As tests/conftest.py's `engine` does per test: this module's data starts from nothing."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE revision DISABLE TRIGGER revision_append_only"))
        conn.execute(text("ALTER TABLE revision DISABLE TRIGGER revision_no_truncate"))
        conn.execute(
            text(
                "TRUNCATE ocr_word, page, match, document, collection, graduate, app_user, revision, "
                "audit_anchor CASCADE"
            )
        )
        conn.execute(text("ALTER TABLE revision ENABLE TRIGGER revision_no_truncate"))
        conn.execute(text("ALTER TABLE revision ENABLE TRIGGER revision_append_only"))
    engine.dispose()


def _serve(app: object) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the OS picks the port; uvicorn serves this very socket, so no race
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="uvicorn")
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Iterator[LiveApp]:
    """The app and one worker on the test database, emptied, with three accounts and a small registry."""
    _empty_database(pg_url)
    settings = Settings(
        home=tmp_path_factory.mktemp("browser") / "home",
        database_url=pg_url,
        redis_url=_redis_url(),
        queue_name=f"browser-{uuid.uuid4().hex[:8]}",
        job_lease_seconds=5,
        _env_file=None,
    )
    for username, role in USERS.items():
        make_user(settings, username, role)
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        report = import_registry(session, REGISTRY_CSV.encode(), "registry.csv", actor="test")
    assert report.added == 3 and not report.errors, report.summary()

    connection = redis.Redis.from_url(str(settings.redis_url))
    queue = document_queue(connection, settings)
    pool = WorkerPool(settings, 1)
    pool.start()
    server, thread, url = _serve(create_app(settings, queue))
    try:
        yield LiveApp(url=url, settings=settings)
    finally:
        server.should_exit = True
        thread.join(10)
        pool.stop(timeout=3)  # a warm shutdown takes a second; a worker that ignores SIGTERM is killed
        queue.delete(delete_jobs=True)
        connection.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Browsing:
    """Pages, each in its own browser context (its own cookies: one signed-in user each), at 1366x768.
    Uncaught script errors and console errors of every page are collected in `errors`, and so is every
    static file (a script, a module a script imports, a stylesheet) that failed to load."""

    browser: Browser
    base_url: str
    contexts: list[BrowserContext] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def page(self) -> Page:
        context = self.browser.new_context(viewport=VIEWPORT, base_url=self.base_url)  # type: ignore[arg-type]
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))
        page.on("response", lambda response: self._response(page, response))
        page.on("requestfailed", lambda request: self._request_failed(page, request))
        return page

    def _response(self, page: Page, response: Response) -> None:
        # the console's "Failed to load resource" is not kept (error pages), so a missing static file or
        # ES module (a module graph with one missing stops loading with no other error) is caught here
        if urlsplit(response.url).path.startswith("/static/") and response.status >= 400:
            self.errors.append(f"{page.url}: {response.url} answered {response.status}")

    def _request_failed(self, page: Page, request: Request) -> None:
        # a load cut short by leaving the page (net::ERR_ABORTED) is no fault of the file
        if urlsplit(request.url).path.startswith("/static/") and "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"{page.url}: {request.url} failed: {request.failure}")

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        # an error page's 403 or 404 is logged as a failed load: that is the page under test, not a fault
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"{page.url}: {message.text}")

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Browser, live_app: LiveApp) -> Iterator[Browsing]:
    session = Browsing(browser, live_app.url)
    yield session
    session.close()


def sign_in(
    page: Page,
    username: str,
    lands_on: str | None = None,
    language: str | None = None,
    password: str = PASSWORD,
) -> None:
    """Through the sign-in form, typed as a person would; `language` is chosen on the sign-in page first.
    Waits for the page the account lands on: `lands_on`, or any but the sign-in page."""
    page.goto(f"/login?lang={language}" if language else "/login")
    page.locator('input[name="username"]').press_sequentially(username)
    page.locator('input[name="password"]').press_sequentially(password)
    page.keyboard.press("Enter")
    if lands_on:
        page.wait_for_url(f"**{lands_on}")
    else:
        page.wait_for_url(lambda url: "/login" not in url)


def choose_language(page: Page, language: str) -> None:
    """With the language select in the header (it submits itself when changed)."""
    with page.expect_navigation():
        page.select_option("#language", language)
    expect(page.locator("html")).to_have_attribute("lang", language)
