"""MURAGAT_LANGUAGE: the command line's errors in the language set, else the locale's, else English."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from muragat.cli import context
from muragat.errors import InvalidInput
from muragat.settings import Settings, locale_language

LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (*LOCALE, "MURAGAT_LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ({}, "en"),
        ({"LANG": "kk_KZ.UTF-8"}, "kk"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "kk_KZ.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_default_follows_the_locale(
    monkeypatch: pytest.MonkeyPatch, locale: dict[str, str], language: str
) -> None:
    for variable, value in locale.items():
        monkeypatch.setenv(variable, value)
    assert locale_language() == language
    assert Settings(_env_file=None).language == language  # type: ignore[call-arg]


def test_the_setting_wins_over_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    monkeypatch.setenv("MURAGAT_LANGUAGE", " RU ")
    assert Settings(_env_file=None).language == "ru"  # type: ignore[call-arg]
    monkeypatch.setenv("MURAGAT_LANGUAGE", "")
    assert Settings(_env_file=None).language == "kk"  # type: ignore[call-arg]


def test_an_unknown_language_is_a_setting_error_and_the_cli_falls_back_to_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.setenv("MURAGAT_LANGUAGE", "de")
    with pytest.raises(ValidationError, match="must be one of kk, ru, en"):
        Settings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.setattr(context, "get_settings", lambda: Settings(_env_file=None))  # type: ignore[call-arg]
    assert context.cli_language() == "ru"
    with pytest.raises(InvalidInput) as raised:
        context.load_settings()
    assert str(raised.value) == "MURAGAT_LANGUAGE: value error, must be one of kk, ru, en (it is 'de')"
    assert raised.value.render("ru") == (
        "MURAGAT_LANGUAGE: value error, must be one of kk, ru, en (значение 'de')"
    )


def test_the_cli_keeps_a_good_language_where_another_setting_is_wrong(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MURAGAT_LANGUAGE", "kk")
    monkeypatch.setenv("MURAGAT_OCR_DPI", "abc")
    monkeypatch.setattr(context, "get_settings", lambda: Settings(_env_file=None))  # type: ignore[call-arg]
    assert context.cli_language() == "kk"
