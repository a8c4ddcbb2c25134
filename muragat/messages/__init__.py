"""Reasons, steps and errors as data: a code with parameters, rendered in the reader's language.

A producer (an OCR stage, the matcher, a job, an error) builds `Message(Code.X, name=value, ...)` and
stores `message.to_json()`: `{"code": "ocr.deskew.tilted", "params": {"angle": 1.5}}`. The interface,
the API and the CLI call `render(stored, language)` when they show it; the export and the logs use
`str(message)`, the English text. Each code has one entry in `muragat.messages.catalog` with its
English, Kazakh and Russian wording side by side, so rewording a message is one edit there.

A parameter is a plain value (shown as it is: a file name, a number, what OCR read), another message
(rendered in the same language: «degree differs: bachelor / master» names the degrees by their codes) or
a list of messages (joined with «; »). Text stored before messages were codes is a plain string and is
shown as it was stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from muragat.messages.catalog import CATALOG, LANGUAGES, Text

__all__ = ["CATALOG", "LANGUAGES", "Message", "Text", "code_of", "render", "from_json", "is_message"]

Param = Any  # str | int | float | Message | list[Message] | None


@dataclass(frozen=True)
class Message:
    code: str
    params: Mapping[str, Param]

    def __init__(self, code: str | StrEnum, /, **params: Param) -> None:
        if str(code) not in CATALOG:
            raise KeyError(f"message code {code!r} has no catalog entry (muragat.messages.catalog)")
        object.__setattr__(self, "code", str(code))
        object.__setattr__(self, "params", params)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _encode(v) for k, v in self.params.items()}}

    def render(self, language: str) -> str:
        return render(self, language)

    def __str__(self) -> str:
        return render(self, "en")


def _encode(value: Param) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, StrEnum):
        return str(value)
    return value


def is_message(value: object) -> bool:
    """Whether a stored value is a message's JSON (and not old prose or other data)."""
    return isinstance(value, dict) and isinstance(value.get("code"), str) and value["code"] in CATALOG


def code_of(stored: object) -> str | None:
    """The code of a stored message; None for text stored as it is."""
    return str(stored["code"]) if is_message(stored) else None  # type: ignore[index]


def from_json(value: Mapping[str, Any]) -> Message:
    params = {k: _decode(v) for k, v in (value.get("params") or {}).items()}
    return Message(str(value["code"]), **params)


def _decode(value: Any) -> Param:
    if is_message(value):
        return from_json(value)
    if isinstance(value, list) and value and all(is_message(v) for v in value):
        return [from_json(v) for v in value]
    return value


def render(stored: Message | Mapping[str, Any] | str | None, language: str) -> str:
    """A message, or its stored JSON, in one language (English where a language lacks the entry).
    A plain string (text stored before messages were codes, or a person's own words) is shown as it is."""
    if stored is None:
        return ""
    if isinstance(stored, str):
        return stored
    message = stored if isinstance(stored, Message) else from_json(stored) if is_message(stored) else None
    if message is None:
        return str(stored)
    text = CATALOG[message.code]
    template = getattr(text, language, None) or text.en
    values = {k: _param_text(v, language) for k, v in message.params.items()}
    return template % values if values or "%(" in template else template


def _param_text(value: Param, language: str) -> str:
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, list | tuple):
        return "; ".join(_param_text(v, language) for v in value)
    if value is None:
        return ""
    return str(value)
