"""One field's reading: its value with the words it came from, a confidence, flags and the profile that
read it; a field's readings are gathered in `Readings` and voted on (`matching.fields.vote`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from muragat.messages import Message

# A flag says what is doubtful about a reading (a message), or marks it for the voting: the language of
# the column it was read in ("kk", "ru") or "label" (read after a label), never shown.
Flag = str | Message


@dataclass
class Found:
    """One field's value with where it came from."""

    value: Any
    confidence: float
    page: int | None = None
    words: list[dict[str, Any]] = field(default_factory=list)
    source: str = "ocr"
    flags: list[Flag] = field(default_factory=list)
    profile: str | None = None  # the template profile whose rule read it, "generic", or None (QR, default)
    alternatives: list[Any] = field(default_factory=list)  # the other values read for it, most likely first

    def evidence(self) -> dict[str, Any]:
        return {
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "words": self.words,
            "source": self.source,
            "flags": [f.to_json() if isinstance(f, Message) else f for f in self.flags],
            "profile": self.profile,
        }


Readings = dict[str, list[Found]]
