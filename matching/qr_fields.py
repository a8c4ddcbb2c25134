"""Fields from a diploma's QR code: a verification link (EPVO, a university's check page), JSON or plain
text, read into series, number, registration number and IIN. A decoded QR code is error-corrected, so
its reading decides the fields in `QR_DECIDES`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from matching.found import Found, Readings
from matching.iin import check_iin
from matching.patterns import QR_SERIES_NUMBER, TWELVE_DIGITS, digits, normalize_series
from ocr.model import PageResult

QR_DECIDES = frozenset({"diploma_series", "diploma_number", "registration_number", "iin"})
_QR_KEYS = {
    "series": "diploma_series", "diploma_series": "diploma_series", "seria": "diploma_series",
    "seriya": "diploma_series", "ser": "diploma_series",
    "number": "diploma_number", "diploma_number": "diploma_number", "num": "diploma_number",
    "no": "diploma_number", "nomer": "diploma_number", "diploma": "diploma_number",
    "iin": "iin", "registration_number": "registration_number", "reg": "registration_number",
    "reg_no": "registration_number", "regnum": "registration_number",
}  # fmt: skip


def is_verification_link(payload: str) -> bool:
    """A QR payload that points at a diploma register (EPVO, a university's check page) or carries one."""
    return bool(parse_qr(payload).get("diploma_number"))


def parse_qr(payload: str) -> dict[str, str]:
    """Series, number, registration number and IIN from a QR payload: JSON, a URL with a query or with
    the series and number in its path (EPVO, a university's check page), or plain text."""
    pairs: list[tuple[str, Any]] = []
    text = payload.strip()
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            pairs = list(data.items())
    except ValueError:
        parts = urlsplit(text) if re.match(r"^[a-z]+://", text, re.IGNORECASE) else None
        query = parts.query if parts is not None else text.split("?", 1)[-1]
        pairs = parse_qsl(query)
        if parts is not None:
            text = unquote(parts.path) + " " + unquote(parts.query)
    found = {
        _QR_KEYS[k.lower()]: str(v).strip() for k, v in pairs if k.lower() in _QR_KEYS and str(v).strip()
    }
    if "diploma_number" in found and not digits(found["diploma_number"]):
        m = QR_SERIES_NUMBER.search(found["diploma_number"])  # "number=BD097356745"
        if m:
            found.setdefault("diploma_series", m.group("series"))
            found["diploma_number"] = m.group("number")
    if "diploma_number" not in found and (m := QR_SERIES_NUMBER.search(text.upper())):
        found["diploma_series"], found["diploma_number"] = m.group("series").strip("-/"), m.group("number")
    if "iin" not in found and (m := TWELVE_DIGITS.search(text)) and check_iin(m.group("iin")).valid:
        found["iin"] = m.group("iin")
    if "diploma_number" in found:
        found["diploma_number"] = digits(found["diploma_number"]) or found["diploma_number"]
        if "diploma_series" in found:
            length = len(found["diploma_number"])
            found["diploma_series"] = normalize_series(found["diploma_series"], length)[0]
    if "registration_number" in found:
        found["registration_number"] = found["registration_number"].lstrip("0") or "0"
    return found


def qr_readings(pages: Iterable[PageResult], out: Readings) -> None:
    for result in pages:
        for payload in result.qr_codes:
            for name, value in parse_qr(payload).items():
                out.setdefault(name, []).append(Found(value, 0.99, result.number, source="qr", profile="qr"))
