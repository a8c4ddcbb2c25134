"""The message code of an upload's refusal. The upload API answers each refused file with its error class
(`error_code`, e.g. file_too_large) and the English text of its message, not the message's code: the code
that names the limit is found by matching the text against the English wording of every catalog entry."""

from __future__ import annotations

import re
from functools import cache

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def _patterns() -> list[tuple[int, str, re.Pattern[str]]]:
    from muragat.messages.catalog import CATALOG

    found = []
    for code, text in CATALOG.items():
        parts = _PLACEHOLDER.split(text.en)
        # split alternates literal, name, literal, ...: literals escaped, names any text
        regex = "".join(re.escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(parts))
        literal = sum(len(p) for p in parts[::2])
        found.append((literal, str(code), re.compile(regex, re.DOTALL)))
    found.sort(reverse=True)  # the most specific wording first
    return found


def code_of_text(message: str) -> str:
    """The code whose English wording the message is; empty where none matches."""
    for _, code, pattern in _patterns():
        if pattern.fullmatch(message):
            return code
    return ""
