"""Every page each role can reach, with the interface in Kazakh and then in Russian: no English interface
string shows, every page says its language, and no link leads a role to a page it may not open.

Each role signs in, chooses the language with the header's select, and follows the links of its pages
(one page per route), starting from where it lands and from a few pages that need a parameter (a search,
a document, error pages). The text is read from the DOM: text nodes (the tab panels and dialogs not open
yet included) and the placeholder, title, aria-label and alt attributes. Data values (file names, OCR
text, names) never equal an English msgid, so a text equal to one is an untranslated interface string."""

from __future__ import annotations

import re
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, urlsplit

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from review_ui.i18n import LOCALE_DIR, Translator
from storage.models import AuditEntry, User
from tests.browser.conftest import (
    ARCHIVIST,
    OTHER_SCAN,
    REVIEWER,
    USERS,
    Browsing,
    LiveApp,
    choose_language,
    diploma_png,
    screenshot,
    sign_in,
)

LANGUAGES = ("kk", "ru")
FILENAME = "diploma-seitkaliev.png"
SEARCH = "/search?q=Сейтқалиев"
MAX_PAGES_PER_ROLE = 30
# pages with a parameter, which no link of a fresh archive leads to; {doc} is a diploma waiting for review
SEEDS = [
    SEARCH,
    "/search?q=жоқсөз",
    "/documents/{doc}",
    f"/documents/{uuid.UUID(int=1)}",
    "/upload",
    "/queue",
]
# not pages of the interface: files, JSON, and Swagger's page for developers (English, from a CDN)
NOT_CRAWLED = re.compile(r"^/(static|api)/|^/docs\b|^/openapi\.json|^/v/")
# forms whose answer is a page of its own, filled with a graduate of the registry
FORMS = {
    "#verify-form": {"diploma_series": "ЖБ-Б", "diploma_number": "0533872", "last_name": "Сейтқалиев"},
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
SEPARATORS = re.compile(r"\s*[·:—→|()]\s*")
NUMBER_TOKEN = re.compile(r"(?<!\S)[^\w\s]*[\d.,%°]+[^\w\s]*(?!\S)")  # 0,9  100%  12°
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,})+")
# Latin words that may show on a Kazakh or Russian page: program names and Tesseract's language codes
NOT_INTERFACE = re.compile(r"\bTesseract\b|\bOCR\b|\bkaz\+rus\b")

COLLECT_TEXT = """() => {
  const out = [];
  const push = (text, where, shown) => {
    text = (text || "").replace(/\\s+/g, " ").trim();
    if (text) out.push({ text, where, shown });
  };
  const walk = (root, where) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // the language switchers name each language in itself: «English» there is no untranslated word
      if (parent && parent.closest("script, style, #language, .languages")) continue;
      push(node.textContent, where || (parent ? parent.tagName.toLowerCase() : "?"),
           !!parent && parent.checkVisibility());
    }
  };
  walk(document.body, "");
  document.querySelectorAll("template").forEach((t) => walk(t.content, "template"));
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], [alt]")) {
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
      if (el.hasAttribute(name)) push(el.getAttribute(name), `@${name}`, el.checkVisibility());
    }
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([data-field]), button")) {
    if (el.value) push(el.value, "value", el.checkVisibility());
  }
  push(document.title, "title", true);
  return out;
}"""


@dataclass(frozen=True)
class Shown:
    page: str
    text: str
    where: str
    shown: bool

    def __str__(self) -> str:
        return f"{self.page}: {self.text!r} ({self.where}{'' if self.shown else ', hidden until opened'})"


@dataclass
class Walk:
    language: str
    texts: list[Shown] = field(default_factory=list)
    pages: dict[str, set[str]] = field(default_factory=dict)  # role -> names of the pages it saw
    faults: list[str] = field(default_factory=list)  # pages without lang, not HTML, links to refusals
    screenshots: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@cache
def english_msgids(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The catalog's English source strings that must not show in `language`: all but those translated
    as themselves and those of fewer than three letters (OK)."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        po = read_po(fh, locale=language)
    found = []
    for message in po:
        msgid = message.id
        if not isinstance(msgid, str) or not msgid or message.string == msgid:
            continue
        if len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", msgid))) < 3:
            continue
        parts = PLACEHOLDER.split(msgid)  # literal, name, literal, name, ..., literal
        pattern = "".join(".+?" if i % 2 else re.escape(part) for i, part in enumerate(parts))
        found.append((msgid, re.compile(pattern)))
    return tuple(found)


def pieces(text: str) -> set[str]:
    """A text, its parts between separators (Source: Tesseract OCR · Language: Kazakh), and each of those
    without its numbers (Score 0,9)."""
    out = {text}
    for part in SEPARATORS.split(text):
        out.add(part.strip())
        out.add(" ".join(NUMBER_TOKEN.sub(" ", part).split()))
    return {p for p in out if p}


def untranslated_msgids(texts: list[Shown], language: str) -> list[str]:
    msgids = english_msgids(language)
    findings = []
    for item in texts:
        for piece in pieces(item.text):
            hits = [msgid for msgid, pattern in msgids if pattern.fullmatch(piece)]
            if hits:
                findings.append(f"{item}  <- msgid {hits[0]!r}")
                break
    return sorted(set(findings))


def english_runs(texts: list[Shown], data: set[str]) -> list[str]:
    findings = []
    for item in texts:
        text = NOT_INTERFACE.sub(" ", UUID.sub(" ", item.text))
        for value in data:
            text = text.replace(value, " ")
        if ENGLISH_RUN.search(text):
            findings.append(str(item))
    return sorted(set(findings))


def route_of(url: str) -> str:
    """One key per route: ids left out, only the names of the query's parameters kept."""
    parts = urlsplit(url)
    path = UUID.sub("{id}", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + (f"?{'&'.join(keys)}" if keys else "")


def page_name(route: str, status: int) -> str:
    if status == 403:
        return "error-forbidden"
    if status == 404:
        return "error-not-found"
    path = route.split("?")[0].strip("/")
    if path == "documents/{id}":
        return "document"
    return path.replace("/{id}", "").replace("/", "-") or "home"


@pytest.fixture(scope="module")
def waiting_diploma(live_app: LiveApp) -> uuid.UUID:
    doc_id = live_app.upload(ARCHIVIST, FILENAME, diploma_png(OTHER_SCAN), "Түлектер 2016")
    live_app.wait_done(doc_id)
    return doc_id


class Walker:
    """Reads pages into a Walk; files and JSON that pages link to are asked for only in the first language
    (their answer does not depend on it)."""

    def __init__(self, walk: Walk, base_url: str, check_files: bool) -> None:
        self.walk = walk
        self.base_url = base_url
        self.check_files = check_files

    def read(self, page: Page, role: str, name: str) -> None:
        walk = self.walk
        lang = page.get_attribute("html", "lang")
        if lang != walk.language:
            walk.faults.append(f"{role} {name} ({page.url}): <html lang={lang!r}>")
        walk.texts.extend(Shown(name, **item) for item in page.evaluate(COLLECT_TEXT))
        walk.pages.setdefault(role, set()).add(name)
        shot = f"{name}-{walk.language}.png"
        if shot not in walk.screenshots:
            screenshot(page, shot)
            walk.screenshots.append(shot)

    def crawl(self, page: Page, role: str, seeds: list[str]) -> None:
        """Breadth first from the page the role is on and from the seeds (each visited), following links
        to one page per route."""
        todo = deque([(page.url, True), *((self.base_url + seed, True) for seed in seeds)])
        visited: dict[str, int] = {}  # url -> status
        routes: dict[str, int] = {}  # route -> status of its first visit
        links: list[tuple[str, str]] = []
        while todo and len(visited) < MAX_PAGES_PER_ROLE:
            url, seed = todo.popleft()
            if url in visited or (not seed and route_of(url) in routes):
                continue
            response = page.goto(url)
            assert response is not None
            visited[url] = response.status
            routes.setdefault(route_of(url), response.status)
            landed = route_of(page.url)
            if page.url != url:  # redirected
                if landed in routes and not seed:
                    continue
                routes.setdefault(landed, response.status)
            if "text/html" not in response.headers.get("content-type", ""):
                self.walk.faults.append(f"{role}: {url} answers {response.status}, not an HTML page")
                continue
            self.read(page, role, page_name(landed, response.status))
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
            for selector, values in FORMS.items():
                if page.locator(selector).count():
                    self.submit(page, role, selector, values)
            for href in hrefs:
                if not href.startswith(self.base_url):
                    continue
                path = href.removeprefix(self.base_url)
                if not NOT_CRAWLED.search(path):
                    links.append((url, href))
                    todo.append((href, False))
                elif path.startswith("/api/") and self.check_files:
                    answer = page.request.get(href)
                    if answer.status >= 400:
                        self.walk.faults.append(
                            f"{role}: the link on {url} to {href} answers {answer.status}"
                        )
        for source, target in links:
            status = visited.get(target, routes.get(route_of(target)))
            if status is not None and status >= 400:
                self.walk.faults.append(f"{role}: the link on {source} to {target} answers {status}")

    def submit(self, page: Page, role: str, selector: str, values: dict[str, str]) -> None:
        form = page.locator(selector)
        for name, value in values.items():
            form.locator(f'[name="{name}"]').fill(value)
        with page.expect_navigation():
            form.locator(f'[name="{next(iter(values))}"]').press("Enter")
        self.read(page, role, f"{selector.strip('#')}-answer")


@pytest.fixture(scope="module")
def walks(browser: Browser, live_app: LiveApp, waiting_diploma: uuid.UUID) -> Iterator[dict[str, Walk]]:
    """The sign-in page (and its wrong-password answer), then each role signs in once and walks its pages
    in each language in turn, choosing it with the header's select."""
    walks = {language: Walk(language) for language in LANGUAGES}
    walkers = {
        language: Walker(walks[language], live_app.url, check_files=language == LANGUAGES[0])
        for language in LANGUAGES
    }
    seeds = [seed.format(doc=waiting_diploma) for seed in SEEDS]
    browsing = Browsing(browser, live_app.url)

    page = browsing.page()
    for language in LANGUAGES:
        page.goto(f"/login?lang={language}")
        walkers[language].read(page, "anonymous", "login")
        page.locator('input[name="username"]').fill(REVIEWER)
        page.locator('input[name="password"]').fill("not the password")
        page.keyboard.press("Enter")
        expect(page.locator("p.error")).to_have_text(
            Translator(language).gettext("Wrong user name or password.")
        )
        walkers[language].read(page, "anonymous", "login-refused")

    for username, role in USERS.items():
        page = browsing.page()
        sign_in(page, username)
        landing = page.url
        for language in LANGUAGES:
            page.goto(landing)
            choose_language(page, language)
            walkers[language].crawl(page, str(role), seeds)
    for walk in walks.values():
        walk.errors = browsing.errors
    try:
        yield walks
    finally:
        browsing.close()


@pytest.fixture(params=LANGUAGES)
def walk(request: pytest.FixtureRequest, walks: dict[str, Walk]) -> Walk:
    return walks[request.param]


def test_every_role_walked_its_pages(walk: Walk) -> None:
    assert {"login", "login-refused"} <= walk.pages["anonymous"]
    assert {"upload", "documents", "search", "error-forbidden"} <= walk.pages["archivist"]
    assert {"queue", "document", "documents", "search", "error-not-found"} <= walk.pages["reviewer"]
    assert {"upload", "queue", "document", "documents", "search"} <= walk.pages["admin"]
    assert set(walk.pages) == {"anonymous", *(str(role) for role in USERS.values())}
    assert any(s.text == FILENAME for s in walk.texts), "the diploma waiting for review was not listed"
    assert not walk.errors


def test_no_english_msgid_shows(walk: Walk) -> None:
    findings = untranslated_msgids(walk.texts, walk.language)
    assert not findings, f"English interface strings on {walk.language} pages:\n" + "\n".join(findings)


def test_no_english_sentence_shows(walk: Walk, live_app: LiveApp) -> None:
    """Text that is in no catalog: server messages and strings that were never marked for translation.
    Account names are data, whichever test made them: the audit page lists every actor the append-only
    log holds, also of accounts that tests before this one made and removed."""
    with live_app.db() as session:
        accounts = set(session.exec(select(User.username)).all())
        accounts |= {a for a in session.exec(select(AuditEntry.actor).distinct()).all() if a}
    findings = english_runs(walk.texts, {FILENAME, *USERS, *accounts})
    assert not findings, f"English text on {walk.language} pages:\n" + "\n".join(findings)


def test_pages_say_their_language_and_links_lead_somewhere(walk: Walk) -> None:
    faults = sorted(set(walk.faults))
    assert not faults, "\n".join(faults)
