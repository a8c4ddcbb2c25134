"""An account's life in a real browser: an admin makes it at /accounts and reads the one-time password off
the page, the new user signs in with it and is held on /account until it is changed, and a copy of the
session cookie taken before signing out is refused afterwards, by the pages and by the API."""

from __future__ import annotations

import re

from playwright.sync_api import ConsoleMessage, Page, expect
from sqlmodel import select

from storage.models import Role, User
from tests.browser.conftest import ADMIN, Browsing, LiveApp, screenshot, sign_in

NEW_USER = "saule.reviewer"
NEW_PASSWORD = "Қарағанды-архив-2026"
INSTITUTION = "Сәтбаев университеті"
REFERENCE = "хат № 14-02/318"


def _watch_csp(page: Page, seen: list[str]) -> None:
    """Every console message of the page that tells of a Content Security Policy violation."""

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.append(f"{page.url}: {message.text}")

    page.on("console", console)


def test_an_account_is_made_its_password_changed_and_a_copied_cookie_refused_after_sign_out(
    live_app: LiveApp, browsing: Browsing
) -> None:
    csp: list[str] = []

    # the admin makes the account; the one-time password is on the answering page, once
    admin = browsing.page()
    _watch_csp(admin, csp)
    sign_in(admin, ADMIN)
    admin.goto("/accounts")
    form = admin.locator("#create-account")
    form.locator('input[name="username"]').fill(NEW_USER)
    form.locator('select[name="role"]').select_option(Role.reviewer.value)
    form.locator('input[name="full_name"]').fill("Сәуле Жақсылықова")
    form.locator('input[name="institution"]').fill(INSTITUTION)
    form.locator('input[name="request_reference"]').fill(REFERENCE)
    with admin.expect_navigation():
        form.locator('button[type="submit"]').click()
    shown = admin.locator("#one-time-password")
    expect(shown).to_be_visible()
    one_time = shown.inner_text().strip()
    assert len(one_time) >= 12, one_time
    row = admin.locator(f'#accounts tr[data-user="{NEW_USER}"]')
    expect(row).to_contain_text(INSTITUTION)
    expect(row).to_contain_text(REFERENCE)
    screenshot(admin, "account-created.png")
    # shown once: the accounts page, opened again, no longer has it
    admin.goto("/accounts")
    expect(admin.locator("#one-time-password")).to_have_count(0)
    expect(admin.locator("main")).not_to_contain_text(one_time)

    with live_app.db() as session:
        made = session.exec(select(User).where(User.username == NEW_USER)).one()
        assert made.role == Role.reviewer and made.must_change_password
        assert made.institution == INSTITUTION and made.request_reference == REFERENCE

    # the new user signs in with it, in a browser of their own, and is held on /account
    user = browsing.page()
    _watch_csp(user, csp)
    sign_in(user, NEW_USER, lands_on="/account", password=one_time)
    expect(user.locator("#must-change")).to_be_visible()
    for elsewhere in ("/documents", "/queue", "/search?q=0421208"):
        user.goto(elsewhere)
        assert user.url.endswith("/account"), (elsewhere, user.url)
    held = user.context.request.get("/api/v1/documents", max_redirects=0)
    assert held.status == 403, held.text()
    assert held.json()["error"]["message_code"] == "auth.password_change_required", held.text()

    # the user name is no password: refused, still on the page
    user.locator('input[name="current"]').fill(one_time)
    user.locator('input[name="new"]').fill(NEW_USER)
    user.locator('input[name="repeated"]').fill(NEW_USER)
    with user.expect_navigation():
        user.locator('form[action="/account/password"] button[type="submit"]').click()
    expect(user.locator('p.error[role="alert"]')).to_be_visible()
    expect(user.locator("#must-change")).to_be_visible()

    # a password of their own: the queue opens, and so does every other page of a reviewer
    user.locator('input[name="current"]').fill(one_time)
    user.locator('input[name="new"]').fill(NEW_PASSWORD)
    user.locator('input[name="repeated"]').fill(NEW_PASSWORD)
    with user.expect_navigation():
        user.locator('form[action="/account/password"] button[type="submit"]').click()
    user.wait_for_url("**/queue")
    user.goto("/documents")
    assert re.search(r"/documents$", user.url), user.url
    listed = user.context.request.get("/api/v1/documents", max_redirects=0)
    assert listed.status == 200, listed.text()
    with live_app.db() as session:
        changed = session.exec(select(User).where(User.username == NEW_USER)).one()
        assert not changed.must_change_password

    # a copy of the session cookie, then sign out
    cookies = user.context.cookies()
    assert any(c["name"] == "muragat_session" for c in cookies), cookies
    with user.expect_navigation():
        user.locator('form[action="/logout"] button[type="submit"]').click()
    user.wait_for_url("**/login")

    # the copy, in a browser that never signed in, is refused
    thief = browsing.page()
    _watch_csp(thief, csp)
    thief.context.add_cookies(cookies)  # type: ignore[arg-type]
    thief.goto("/documents")
    assert "/login" in thief.url, thief.url
    expect(thief.locator('form[action="/login"]')).to_be_visible()
    refused = thief.context.request.get("/api/v1/documents", max_redirects=0)
    assert refused.status == 401, refused.text()

    # ... while the password of their own still signs them in
    again = browsing.page()
    _watch_csp(again, csp)
    sign_in(again, NEW_USER, lands_on="/queue", password=NEW_PASSWORD)

    assert not csp, csp
    assert not browsing.errors, browsing.errors
