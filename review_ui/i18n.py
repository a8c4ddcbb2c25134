"""Interface languages: Kazakh, Russian and English, from gettext catalogs under review_ui/locale.

The .po files are read with Babel when the app starts (no compile step); `scripts/i18n.sh` extracts the
strings from code and templates and updates the catalogs.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path

from babel.dates import format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from starlette.requests import Request

from muragat.errors import MuragatError
from muragat.messages import render

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "kk"


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> translation for one language; untranslated and fuzzy entries are left out."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        po = read_po(fh, locale=language)
    return {
        m.id: m.string
        for m in po
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    return compile_patterns(catalog(language))


def compile_patterns(messages: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Catalog entries with placeholders as patterns, most specific first, so that a message the
    system composed at run time ("graduation year differs: 2014 / 2015") is translated as a whole."""
    found = []
    for msgid, translation in messages.items():
        if "%(" not in msgid:
            continue
        regex, last = "", 0
        for match in PLACEHOLDER.finditer(msgid):
            regex += re.escape(msgid[last : match.start()]) + f"(?P<{match.group(1)}>.+?)"
            last = match.end()
        regex += re.escape(msgid[last:])
        found.append((re.compile(f"^{regex}$", re.DOTALL), translation))
    return sorted(found, key=lambda item: -len(PLACEHOLDER.sub("", item[0].pattern)))


LANGUAGE_COOKIE = "muragat_lang"


def translator(request: Request) -> Translator:
    """The language of the signed-in user, or of the language cookie for a visitor."""
    user = getattr(request.state, "user", None)
    language = user.language if user is not None else request.cookies.get(LANGUAGE_COOKIE)
    return Translator(pick_language(language))


def pick_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    """What a template or a route needs to speak one language."""

    def __init__(self, language: str, messages: dict[str, str] | None = None) -> None:
        self.language = pick_language(language)
        self.messages = catalog(self.language) if messages is None else messages
        self.patterns = patterns(self.language) if messages is None else compile_patterns(messages)

    def gettext(self, message: str, **values: object) -> str:
        if values:
            return self.messages.get(message, message) % values
        if message in self.messages:
            return self.messages[message]
        return self._composed(message)

    def _composed(self, message: str) -> str:
        """A message made of a catalog pattern and values; the values are translated where they can be."""
        for regex, translation in self.patterns:
            found = regex.match(message)
            if found:
                parts = {k: self.messages.get(v, v) for k, v in found.groupdict().items()}
                return translation % parts
        return message

    def message(self, stored: object) -> str:
        """A reason, step or error in this language: a message (muragat.messages) or its stored JSON
        from its catalog entry; a person's own words, or text stored before messages were codes, as
        they were stored."""
        if isinstance(stored, MuragatError):
            stored = stored.detail
        if isinstance(stored, str):
            return self.gettext(stored)
        return render(stored, self.language)  # type: ignore[arg-type]

    def datetime(self, value: datetime | None) -> str:
        return format_datetime(value, format="medium", locale=self.language) if value else ""

    def number(self, value: float | int | None) -> str:
        return format_decimal(value, locale=self.language) if value is not None else ""
