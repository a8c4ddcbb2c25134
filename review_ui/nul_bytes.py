"""Requests carrying a NUL or another control character are refused before any route sees them (422,
naming the field that holds it).

PostgreSQL cannot store a NUL in text: a name, reason or search with one would end in a 500, and a NUL
that SQLite stored would break every later search of the audit log. The other C0 control characters and
DEL have no use in a name, number or text of ours either (they would only hide in a stored value or a
log line); tab, line feed and carriage return are text and pass. The path, the query string and JSON or
form bodies are checked here, once, each string value by its name (a JSON value by its key path,
`fields.last_name`, `graduates[2].iin`); file uploads (multipart) are not, their bytes are a file's. The
body is read into memory for the check, as the route would read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from muragat.messages import Message as Text
from muragat.messages.catalog.errors import Code

CHECKED_BODIES = (b"application/json", b"application/x-www-form-urlencoded")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUL_FORMS = (b"\x00", b"%00", b"\\u0000")  # as sent, URL-encoded, JSON-escaped


def _found(field: str, value: str) -> tuple[str, str] | None:
    hit = CONTROL.search(value)
    return (field, hit.group()) if hit else None


def _pairs(data: str) -> Iterator[tuple[str, str]]:
    for name, value in parse_qsl(data, keep_blank_values=True, errors="replace"):
        yield name, name
        yield name, value


def in_form(data: bytes) -> tuple[str, str] | None:
    """The first field of a query string or form body holding a control character, with the character."""
    for field, text in _pairs(data.decode("latin-1")):
        if hit := _found(field, text):
            return hit
    return None


def _json_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            yield inner, str(key)
            yield from _json_strings(item, inner)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _json_strings(item, f"{path}[{n}]")


def in_json(data: bytes) -> tuple[str, str] | None:
    """The key path of the first JSON string (value or key) holding a control character, with it."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        # not JSON: the route answers 422 for that; a NUL in it is still refused here
        return ("body", "\x00") if any(form in data.lower() for form in NUL_FORMS) else None
    for field, text in _json_strings(document, ""):
        if hit := _found(field or "body", text):
            return hit
    return None


def in_path(scope: Scope) -> tuple[str, str] | None:
    raw = scope.get("raw_path")
    decoded = unquote(raw.decode("latin-1")) if raw else ""
    return _found("path", decoded) or _found("path", str(scope.get("path", "")))


class RefuseNulBytes:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hit = in_path(scope) or in_form(scope.get("query_string", b""))
        if hit:
            await _refuse(send, *hit)
            return
        kind = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip().lower()
        if kind not in CHECKED_BODIES:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        hit = in_json(body) if kind == b"application/json" else in_form(body)
        if hit:
            await _refuse(send, *hit)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send, field: str, character: str) -> None:
    if character == "\x00":
        message = Text(Code.NUL_CHARACTER, field=field)
    else:
        message = Text(Code.CONTROL_CHARACTER, field=field, character=f"U+{ord(character):04X}")
    error = {"code": "invalid_input", "message": str(message), "message_code": message.code, "field": field}
    body = json.dumps({"error": error}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
