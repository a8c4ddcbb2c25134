"""Interface languages: Kazakh, Russian and English, from gettext catalogs under review_ui/locale.

The .po files are read with Babel when the app starts (no compile step); `scripts/i18n.sh` extracts the
strings from code and templates and updates the catalogs.
"""

from __future__ import annotations

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

    def gettext(self, message: str, **values: object) -> str:
        """An interface text marked in the code or a template (never a composed one: the system's
        reasons, steps and errors are messages, rendered by `message`)."""
        translated = self.messages.get(message, message)
        return translated % values if values else translated

    def message(self, stored: object) -> str:
        """A reason, step or error in this language: a message (muragat.messages) or its stored JSON
        from its catalog entry; a person's own words, or text stored before messages were codes, as
        they were stored."""
        if isinstance(stored, MuragatError):
            stored = stored.detail
        if isinstance(stored, str):
            return stored
        return render(stored, self.language)  # type: ignore[arg-type]

    def datetime(self, value: datetime | None) -> str:
        return format_datetime(value, format="medium", locale=self.language) if value else ""

    def number(self, value: float | int | None) -> str:
        return format_decimal(value, locale=self.language) if value is not None else ""
