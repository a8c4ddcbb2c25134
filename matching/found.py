"""One field's reading: its value with the words it came from, a confidence, flags and the profile that
read it; a field's readings are gathered in `Readings` and voted on (`matching.fields.vote`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Found:
    """One field's value with where it came from."""

    value: Any
    confidence: float
    page: int | None = None
    words: list[dict[str, Any]] = field(default_factory=list)
    source: str = "ocr"
    flags: list[str] = field(default_factory=list)
    profile: str | None = None  # the template profile whose rule read it, "generic", or None (QR, default)
    alternatives: list[Any] = field(default_factory=list)  # the other values read for it, most likely first

    def evidence(self) -> dict[str, Any]:
        return {
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "words": self.words,
            "source": self.source,
            "flags": list(self.flags),
            "profile": self.profile,
        }


Readings = dict[str, list[Found]]
