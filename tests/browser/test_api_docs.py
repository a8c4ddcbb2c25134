"""The API description at /docs in a real browser with no network: Swagger UI comes from the
swagger-ui-bundle package's files served by the app, starts under the site's Content-Security-Policy,
and lists the API's operations."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, expect

from tests.browser.conftest import ADMIN, Browsing, LiveApp, screenshot, sign_in


def test_the_api_description_renders_offline(live_app: LiveApp, browsing: Browsing) -> None:
    page = browsing.page()
    blocked: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", console)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_app.url) else None)
    sign_in(page, ADMIN)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Muragat")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() > 20  # the operations of the whole API
    screenshot(page, "api-docs.png")
    assert not outside, outside  # nothing fetched from anywhere but the app
    assert not blocked, blocked
