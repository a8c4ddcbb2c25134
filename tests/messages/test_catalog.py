"""The message catalog: every code has one entry, in every language, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from muragat.messages import CATALOG, LANGUAGES, Message, from_json, render
from muragat.messages.catalog import _families

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_every_code_has_one_entry_in_every_language() -> None:
    for codes, texts in _families():
        assert set(texts) == set(codes), f"{codes.__module__}: a code without an entry, or the reverse"
        family = codes.__module__.rsplit(".", 1)[-1]
        for code in codes:
            entry = texts[code]
            wordings = {lang: getattr(entry, lang) for lang in LANGUAGES}
            assert all(w.strip() for w in wordings.values()), f"{code}: a language has no wording"
            if re.search("[a-z]{3}", PLACEHOLDER.sub("", entry.en)):  # words, not only a placeholder
                assert entry.en not in (entry.kk, entry.ru), f"{code} ({family}): kk or ru is the English"
            names = {lang: sorted(set(PLACEHOLDER.findall(w))) for lang, w in wordings.items()}
            assert names["kk"] == names["en"] == names["ru"], f"{code}: placeholders differ: {names}"
            assert "%" not in PLACEHOLDER.sub("", entry.en).replace("%%", ""), f"{code}: a stray %"


def test_codes_are_unique_across_families() -> None:
    seen = [str(code) for codes, _ in _families() for code in codes]
    assert len(seen) == len(set(seen)) == len(CATALOG)


def test_a_message_renders_in_each_language_and_round_trips_through_json() -> None:
    inner = Message("registry.imported", file="grads.csv")
    outer = Message("job.unexpected_error", error=inner)
    stored = outer.to_json()
    assert stored == {
        "code": "job.unexpected_error",
        "params": {"error": {"code": "registry.imported", "params": {"file": "grads.csv"}}},
    }
    assert from_json(stored) == outer
    assert str(outer) == "unexpected error: registry import grads.csv"
    assert render(stored, "ru") == "непредвиденная ошибка: импорт реестра: grads.csv"
    assert render(stored, "kk") == "күтпеген қате: тізілімді импорттау: grads.csv"


def test_old_prose_and_unknown_codes() -> None:
    assert render("processing started", "kk") == "processing started"  # stored before codes: as it was
    assert render(None, "kk") == ""
    with pytest.raises(KeyError, match="no catalog entry"):
        Message("no.such.code")
