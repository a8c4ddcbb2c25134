"""Messages of ... (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    pass


TEXTS: dict[Code, Text] = {}
