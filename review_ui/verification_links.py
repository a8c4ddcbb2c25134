"""Signed public links to confirmed diplomas, and the facts their public page shows.

The link is `/v/{payload}.{signature}`. `payload` is unpadded base64url of the JSON claim
`{"v": 1, "m": match id, "f": fingerprint}`, the fingerprint being the first 16 bytes of the SHA-256 of
the facts the page shows (with the document and graduate they come from); `signature` is the HMAC-SHA256
of the payload under the verification key. Only the server verifies links, so a shared-key MAC is enough;
an altered payload or signature, or a link signed with another key, is refused. A link whose facts no
longer agree with the archive (the match was rejected, the registry record corrected) is answered "no
longer valid". The claim carries no personal data and keeps the link short, so that its QR code stays
coarse enough to scan from a printed page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from storage.models import Document, Graduate, Match, MatchDecision

SETTLED = (MatchDecision.confirmed, MatchDecision.auto_matched)  # a "confirmed diploma"
LINK_VERSION = 1
_MAC_CONTEXT = b"muragat/verification-link/v1\x00"  # keeps these MACs apart from any other use of a key
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_MAX_PAYLOAD_CHARS = 2000


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, _MAC_CONTEXT + payload.encode("ascii"), hashlib.sha256).digest())


def sign_claim(claim: dict[str, Any], key: bytes) -> str:
    """`payload.signature` for the link's path."""
    body = json.dumps(claim, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = _b64(body.encode("utf-8"))
    return f"{payload}.{_mac(key, payload)}"


def open_link(payload: str, signature: str, key: bytes) -> dict[str, Any] | None:
    """The claim of a link whose signature is ours, else None."""
    if len(payload) > _MAX_PAYLOAD_CHARS or not _B64URL.fullmatch(payload):
        return None
    if not hmac.compare_digest(_mac(key, payload).encode(), signature.encode("utf-8", "replace")):
        return None
    try:
        claim = json.loads(_unb64(payload).decode("utf-8"))
    except ValueError:  # binascii.Error, UnicodeDecodeError and JSONDecodeError are all ValueErrors
        return None
    if not isinstance(claim, dict) or claim.get("v") != LINK_VERSION:
        return None
    return claim


def holder_name(last_name: str, first_name: str | None, patronymic: str | None) -> str:
    """The surname with initials: «Қалиева Ш. Н.»."""
    initials = [f"{part.strip()[0].upper()}." for part in (first_name, patronymic) if part and part.strip()]
    return " ".join([last_name.strip(), *initials])


def facts_of(document: Document, graduate: Graduate) -> dict[str, Any]:
    """What the public page may show of a confirmed diploma: from the registry record it was confirmed
    against, the scan's fields where the registry lacks the series or number. Never the IIN."""
    values: dict[str, Any] = {
        "d": document.id.hex,
        "g": graduate.graduate_id,
        "i": graduate.institution,
        "y": graduate.graduation_year,
        "k": graduate.degree,
        "s": graduate.diploma_series or document.fields.get("diploma_series"),
        "n": graduate.diploma_number or document.fields.get("diploma_number"),
        "h": holder_name(graduate.last_name, graduate.first_name, graduate.patronymic),
        "t": graduate.issue_date.isoformat() if graduate.issue_date else None,
    }
    return {k: v for k, v in values.items() if v not in (None, "")}


def fingerprint(facts: dict[str, Any]) -> str:
    body = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _b64(hashlib.sha256(body.encode("utf-8")).digest()[:16])


def claim_of(match: Match, document: Document, graduate: Graduate) -> dict[str, Any]:
    return {"v": LINK_VERSION, "m": match.id.hex, "f": fingerprint(facts_of(document, graduate))}


def settled_row(session: Session, match_id: uuid.UUID) -> tuple[Match, Document, Graduate] | None:
    """A match that confirms a diploma (confirmed or matched automatically), with its two sides."""
    row = session.exec(
        select(Match, Document, Graduate)
        .join(Document, col(Document.id) == col(Match.document_id))
        .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
        .where(col(Match.id) == match_id, col(Match.decision).in_(SETTLED))
    ).first()
    return (row[0], row[1], row[2]) if row is not None else None


def settled_documents(session: Session, graduate: Graduate) -> Sequence[tuple[Match, Document]]:
    """The scans of a graduate's confirmed diplomas with their matches, oldest first."""
    return session.exec(
        select(Match, Document)
        .join(Document, col(Document.id) == col(Match.document_id))
        .where(col(Match.graduate_id) == graduate.id, col(Match.decision).in_(SETTLED))
        .order_by(col(Document.created_at))
    ).all()


def public_path(match: Match, document: Document, graduate: Graduate, key: bytes) -> str:
    return f"/v/{sign_claim(claim_of(match, document, graduate), key)}"


def claimed_row(session: Session, claim: dict[str, Any]) -> tuple[Match, Document, Graduate] | None:
    try:
        match_id = uuid.UUID(hex=str(claim.get("m")))
    except ValueError:
        return None
    return settled_row(session, match_id)
