"""The kk, ru and en catalogs are complete: every interface string is translated, nothing is fuzzy,
and msgfmt accepts them (placeholders included)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "review_ui" / "locale"
LANGUAGES = ("kk", "ru", "en")


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_reports_everything_translated(language: str) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (Debian's gettext) is not installed; scripts/setup.sh --test installs it")
    po = LOCALE / language / "LC_MESSAGES" / "messages.po"
    run = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "untranslated" not in run.stderr and "fuzzy" not in run.stderr, run.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_extracted_string_is_in_the_catalog(language: str) -> None:
    with (LOCALE / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    translated = {m.id for m in _catalog(language) if m.id and m.string and not m.fuzzy}
    assert template - translated == set()


def test_kazakh_and_russian_differ_from_english() -> None:
    kk = {m.id: m.string for m in _catalog("kk") if m.id}
    ru = {m.id: m.string for m in _catalog("ru") if m.id}
    same_in_kk = [k for k, v in kk.items() if v == k and any(c.isalpha() and c.isascii() for c in k)]
    same_in_ru = [k for k, v in ru.items() if v == k and any(c.isalpha() and c.isascii() for c in k)]
    allowed = {
        "PDF",
        "ZIP",
        "IIN",
        "QR",
        "OK",
        "CSV",
        "XLSX",
        "ID",
        "API",
        "Tesseract OCR",
    }  # names kept as they are
    assert [k for k in same_in_kk if k not in allowed] == []
    assert [k for k in same_in_ru if k not in allowed] == []
