"""IINs masked in every answer to an account whose role works with the masked form (archivists,
reviewers, auditors; anyone not signed in), whatever route, template or field put them there: document
fields, candidates' registry records, page text, search snippets, history, error messages.

Routes and templates show the masked form already where they know an IIN; this is the one place that
holds for what they do not know (an IIN read into a page's text, typed into a free-text field). A twelve-
digit run standing alone (no letter, digit, `-` or `_` beside it, so ids, hashes and tokens are left
alone) becomes `8901******15`. Files (scans, PDFs, images) pass untouched; a reviewer reads the scan.
The answer is rewritten as it streams, holding back only a digit run that may go on in the next chunk.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from review_ui.personal_data import mask_iin, may_see_full_iin

TEXT_TYPES = (b"application/json", b"text/", b"application/x-ndjson", b"application/problem+json")
IIN_RUN = re.compile(rb"(?<![0-9A-Za-z_-])[0-9]{12}(?![0-9A-Za-z_-])")
WORDISH = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")
IIN_LENGTH = 12


def mask_bytes(data: bytes, before: bytes = b"") -> bytes:
    """`data` with its lone IINs masked; `before` is what was sent just ahead of it (one byte is enough
    to tell whether a run at its start stands alone)."""
    text = before[-1:] + data
    out, at = [], len(before[-1:])
    for hit in IIN_RUN.finditer(text, at):
        out += [text[at : hit.start()], mask_iin(hit.group().decode()).encode()]
        at = hit.end()
    out.append(text[at:])
    return b"".join(out)


def _held_back(data: bytes) -> int:
    """Where the safe part of a chunk ends: before a trailing run of word characters that the next chunk
    could still make a lone IIN (a run already longer than an IIN never becomes one)."""
    start = end = len(data)
    while start > 0 and data[start - 1] in WORDISH and end - start <= IIN_LENGTH:
        start -= 1
    return end if end - start > IIN_LENGTH else start


class MaskIins:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        masking = False
        pending = sent = b""

        async def masked_send(message: Message) -> None:
            nonlocal masking, pending, sent
            if message["type"] == "http.response.start":
                masking = _is_text(message) and not may_see_full_iin(_user(scope))
                if masking:
                    headers = MutableHeaders(scope=message)
                    del headers["content-length"]  # masked IINs keep their length, but say nothing
                await send(message)
                return
            if message["type"] != "http.response.body" or not masking:
                await send(message)
                return
            data = pending + message.get("body", b"")
            more = message.get("more_body", False)
            cut = _held_back(data) if more else len(data)
            safe, pending = data[:cut], data[cut:]
            await send({**message, "body": mask_bytes(safe, sent)})
            sent = (sent + safe)[-1:]

        await self.app(scope, receive, masked_send)


def _is_text(message: Message) -> bool:
    for name, value in message.get("headers", []):
        if name.lower() == b"content-type":
            return any(value.lower().startswith(t) for t in TEXT_TYPES)
    return False


def _user(scope: Scope) -> Any:
    state = scope.get("state") or {}
    return state.get("user") if isinstance(state, dict) else getattr(state, "user", None)
