"""Every message code with its wording in English, Kazakh and Russian, side by side.

One module per family of messages, each with a `StrEnum` of its codes (the value is the stored code,
prefixed with the family) and a dict `TEXTS` from code to `Text`. A placeholder `%(name)s` stands where
the producer puts a parameter; every language of an entry has the same placeholders
(tests/messages/test_catalog.py checks that, and that no code lacks an entry or is defined twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Text:
    en: str
    kk: str
    ru: str


def _families() -> tuple[tuple[type[StrEnum], dict[StrEnum, Text]], ...]:
    from muragat.messages.catalog import (
        admin,
        errors,
        files,
        files_read,
        files_services,
        matching,
        ocr_steps,
        registry,
        review,
        workflow,
    )

    modules = (admin, errors, files, files_read, files_services, matching, ocr_steps, registry, review)
    return tuple((module.Code, module.TEXTS) for module in (*modules, workflow))


def _catalog() -> dict[str, Text]:
    catalog: dict[str, Text] = {}
    for codes, texts in _families():
        for code in codes:
            if str(code) in catalog:
                raise ValueError(f"message code {code} is defined twice")
            catalog[str(code)] = texts[code]
    return catalog


CATALOG: dict[str, Text] = _catalog()
