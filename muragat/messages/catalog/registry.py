"""Messages of the graduate registry and the template profiles: import row errors and warnings, sync
sources, profile checks (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    pass


TEXTS: dict[Code, Text] = {}
