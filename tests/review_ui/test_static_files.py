"""Pages link their scripts and styles under a versioned path that may be cached for good; any other
path to the same file is revalidated, so a release never leaves a browser on yesterday's script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from review_ui import static_files
from review_ui.static_files import FOREVER, REVALIDATE, STATIC_DIR, static_version


def test_the_sign_in_page_links_this_releases_files(app_client: TestClient) -> None:
    html = app_client.get("/login").text
    linked = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert f"/static/v/{static_version()}/app.js" in linked
    assert f"/static/v/{static_version()}/app.css" in linked
    for url in linked:
        response = app_client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == FOREVER


def test_a_module_imported_relatively_resolves_under_the_same_version(app_client: TestClient) -> None:
    imported = re.search(r'from "\./([\w.-]+\.js)"', (STATIC_DIR / "app.js").read_text("utf-8"))
    assert imported is not None
    response = app_client.get(f"/static/v/{static_version()}/{imported.group(1)}")
    assert response.status_code == 200
    assert response.text == (STATIC_DIR / imported.group(1)).read_text("utf-8")


def test_another_version_or_no_version_is_served_but_revalidated(app_client: TestClient) -> None:
    for url in ("/static/v/0123456789ab/app.js", "/static/app.js"):
        response = app_client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == REVALIDATE
    assert app_client.get(f"/static/v/{static_version()}/missing.js").status_code == 404
    assert app_client.get(f"/static/v/{static_version()}/../../app.py").status_code == 404


def test_the_version_changes_with_any_files_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.js").write_text("export const a = 1;\n", "utf-8")
    (tmp_path / "app.css").write_text("body {}\n", "utf-8")
    monkeypatch.setattr(static_files, "STATIC_DIR", tmp_path)
    versions = []
    for change in ("", "export const a = 2;\n"):
        if change:
            (tmp_path / "app.js").write_text(change, "utf-8")
        static_version.cache_clear()
        versions.append(static_version())
    static_version.cache_clear()
    assert versions[0] != versions[1]
    assert all(re.fullmatch(r"[0-9a-f]{12}", v) for v in versions)
