"""Diploma verification for the ministry: a verifier looks a diploma up by series and number plus IIN or
surname; each confirmed diploma gets a signed public link (and its QR code) that shows only what confirms
the diploma's authenticity, never the IIN.

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
import io
import json
import re
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

import qrcode
import redis
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, col, select

from matching.names import LATIN_TO_CYRILLIC, fold
from muragat.accounts import verification_key
from muragat.errors import InvalidInput, NotFound
from muragat.settings import Settings
from review_ui.auth import client_address, institution_scope, same_institution
from review_ui.i18n import LANGUAGES, Translator
from review_ui.labels import DIPLOMA_FIELDS, N_
from review_ui.personal_data import ROLES_SEEING_FULL_IIN, log_access, mask_iin
from review_ui.reports import VALUE_LABELS
from review_ui.review_rows import same_value
from review_ui.web import render, translator
from storage.db import session_scope
from storage.models import Document, Graduate, GraduatePublic, Match, MatchDecision, Page, User

router = APIRouter()

SETTLED = (MatchDecision.confirmed, MatchDecision.auto_matched)  # a "confirmed diploma"
LINK_VERSION = 1
_MAC_CONTEXT = b"muragat/verification-link/v1\x00"  # keeps these MACs apart from any other use of a key
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_MAX_PAYLOAD_CHARS = 2000
_RATE_WINDOW_SECONDS = 60

Result = Literal["found", "not_found", "found_with_differences"]
QUERY_FIELDS: dict[str, str] = {
    "diploma_series": N_("Diploma series"),
    "diploma_number": N_("Diploma number"),
    "iin": N_("IIN"),
    "last_name": N_("Surname"),
}
INCOMPLETE_QUERY = N_("Give the diploma's series and number, and the holder's IIN or surname.")
RESULT_TEXT: dict[str, str] = {
    "found": N_("Found: the archive holds this diploma."),
    "not_found": N_("Not found: the archive holds no diploma with this series and number."),
    "found_with_differences": N_("Found, with differences: check the fields marked below."),
}


# --- the signing key and the link -------------------------------------------------------------------


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


def public_path(match: Match, document: Document, graduate: Graduate, key: bytes) -> str:
    return f"/v/{sign_claim(claim_of(match, document, graduate), key)}"


def public_url(request: Request, path: str) -> str:
    settings: Settings = request.app.state.settings
    base = settings.public_base_url or str(request.base_url)
    return base.rstrip("/") + path


# --- the lookup -------------------------------------------------------------------------------------


PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no control characters: a NUL can neither be stored nor searched


class VerifyQuery(BaseModel):
    diploma_series: str = Field(min_length=1, max_length=20, pattern=PRINTABLE)
    diploma_number: str = Field(min_length=1, max_length=30, pattern=PRINTABLE)
    iin: str | None = Field(
        default=None, max_length=20, pattern=PRINTABLE, description="the holder's IIN, or give last_name"
    )
    last_name: str | None = Field(default=None, max_length=200, pattern=PRINTABLE)
    reveal_iin: bool = Field(default=False, description="show the record's IIN in full (logged)")


class ScanOut(BaseModel):
    document_id: uuid.UUID
    match_id: uuid.UUID
    filename: str
    kind: str | None
    decision: str
    page_count: int
    scan_urls: list[str]
    scan_differences: list[str]
    verification_url: str
    qr_url: str


class VerifyAnswer(BaseModel):
    result: Result
    differences: list[str] = Field(default_factory=list, description="asked fields that differ")
    unconfirmed: list[str] = Field(default_factory=list, description="asked fields the registry lacks")
    iin_shown: Literal["masked", "full"] = "masked"
    graduate: dict[str, Any] | None = None
    documents: list[ScanOut] = Field(default_factory=list)


def normal_series(value: str | None) -> str:
    """Series compared without case, spaces or dashes, with Latin look-alikes read as Cyrillic."""
    text = unicodedata.normalize("NFC", value or "").casefold()
    return re.sub(r"[\s\-‐-―]", "", text).translate(LATIN_TO_CYRILLIC)


def normal_number(value: str | None) -> str:
    return re.sub(r"[\s№]", "", value or "")


@dataclass
class _Comparison:
    graduate: Graduate
    differences: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    person_agrees: bool = False


def _compare(query: VerifyQuery, graduate: Graduate) -> _Comparison:
    c = _Comparison(graduate)
    if normal_series(query.diploma_series) != normal_series(graduate.diploma_series):
        c.differences.append("diploma_series")
    if query.iin:
        if not graduate.iin:
            c.unconfirmed.append("iin")
        elif query.iin.strip() != graduate.iin:
            c.differences.append("iin")
        else:
            c.person_agrees = True
    if query.last_name:
        if fold(query.last_name) != fold(graduate.last_name):
            c.differences.append("last_name")
        else:
            c.person_agrees = True
    return c


def best_comparison(session: Session, query: VerifyQuery, scope: str | None = None) -> _Comparison | None:
    """The registry record with this diploma number that agrees best with the query. A record that agrees
    on the number alone (neither the series nor the person) is no answer: showing it would hand a
    stranger's record to whoever guesses a number. An account limited to one institution (`scope`)
    finds only that institution's graduates."""
    number = normal_number(query.diploma_number)
    found = session.exec(select(Graduate).where(col(Graduate.diploma_number) == number).limit(50)).all()
    graduates = [g for g in found if scope is None or same_institution(scope, g.institution)]
    comparisons = [_compare(query, g) for g in graduates]
    plausible = [c for c in comparisons if c.person_agrees or "diploma_series" not in c.differences]
    if not plausible:
        return None
    return min(plausible, key=lambda c: (len(c.differences), not c.person_agrees, len(c.unconfirmed)))


def _result(c: _Comparison | None) -> Result:
    if c is None:
        return "not_found"
    return "found" if not c.differences and c.person_agrees else "found_with_differences"


def _scan_differences(document: Document, graduate: Graduate) -> list[str]:
    record = graduate.model_dump(mode="json")
    return [
        name
        for name in DIPLOMA_FIELDS
        if same_value(name, document.fields.get(name), record.get(name)) is False
    ]


def _scans(request: Request, session: Session, graduate: Graduate) -> list[ScanOut]:
    key = verification_key(request.app.state.settings)
    rows = session.exec(
        select(Match, Document)
        .join(Document, col(Document.id) == col(Match.document_id))
        .where(col(Match.graduate_id) == graduate.id, col(Match.decision).in_(SETTLED))
        .order_by(col(Document.created_at))
    ).all()
    return [
        ScanOut(
            document_id=doc.id,
            match_id=match.id,
            filename=doc.filename,
            kind=doc.kind,
            decision=str(match.decision),
            page_count=doc.page_count or 0,
            scan_urls=[
                f"/api/v1/verify/{match.id}/pages/{n}/image" for n in range(1, (doc.page_count or 0) + 1)
            ],
            scan_differences=_scan_differences(doc, graduate),
            verification_url=public_url(request, public_path(match, doc, graduate, key)),
            qr_url=f"/api/v1/verify/{match.id}/qr.png",
        )
        for match, doc in rows
    ]


def _record(graduate: Graduate, full_iin: bool) -> dict[str, Any]:
    record = GraduatePublic.model_validate(graduate).model_dump(mode="json", exclude={"id"})
    if not full_iin:
        record["iin"] = mask_iin(graduate.iin)
    return record


def lookup(request: Request, query: VerifyQuery) -> VerifyAnswer:
    """Answer a verifier's question, and record who asked about whom."""
    if not (query.iin or "").strip() and not (query.last_name or "").strip():
        raise InvalidInput("give the holder's IIN or surname with the diploma's series and number")
    user: User = request.state.user
    full_iin = query.reveal_iin and user.role in ROLES_SEEING_FULL_IIN
    with session_scope(request.app.state.engine) as session:
        best = best_comparison(session, query, institution_scope(user))
        answer = VerifyAnswer(result=_result(best))
        if best is not None:
            answer.differences, answer.unconfirmed = best.differences, best.unconfirmed
            answer.graduate = _record(best.graduate, full_iin)
            answer.iin_shown = "full" if full_iin else "masked"
            answer.documents = _scans(request, session, best.graduate)
        _log_lookup(session, user, query, answer, best)
    return answer


def _log_lookup(
    session: Session, user: User, query: VerifyQuery, answer: VerifyAnswer, best: _Comparison | None
) -> None:
    asked = {
        "diploma_series": query.diploma_series,
        "diploma_number": query.diploma_number,
        "iin": mask_iin(query.iin) if query.iin else None,
        "last_name": query.last_name,
        "result": answer.result,
    }
    graduate = best.graduate if best is not None else None
    log_access(session, user, "verification.lookup", graduate, asked)
    if graduate is not None and answer.iin_shown == "full" and graduate.iin:
        log_access(session, user, "iin.shown", graduate, {"where": "verification"})


# --- rate limiting of the public page ---------------------------------------------------------------


class FixedWindowLimiter:
    """At most `limit` hits per client address in each window, counted in Redis so that every API
    process shares the count; in this process alone when there is no Redis or it fails."""

    def __init__(
        self, connection: redis.Redis | None, limit: int, window: int = _RATE_WINDOW_SECONDS
    ) -> None:
        self.connection = connection
        self.limit = limit
        self.window = window
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        slot = int((time.time() if now is None else now) // self.window)
        if self.connection is not None:
            try:
                return self._redis_count(client, slot) <= self.limit
            except redis.RedisError:
                pass  # fall back to counting here rather than refusing everyone or no one
        return self._local_count(client, slot) <= self.limit

    def _redis_count(self, client: str, slot: int) -> int:
        key = f"muragat:ratelimit:verify:{client}:{slot}"
        pipe = self.connection.pipeline()  # type: ignore[union-attr]
        pipe.incr(key)
        pipe.expire(key, self.window + 1)
        count, _ = pipe.execute()
        return int(count)

    def _local_count(self, client: str, slot: int) -> int:
        with self._lock:
            for old in [k for k in self._counts if k[1] < slot]:
                del self._counts[old]
            count = self._counts[(client, slot)] = self._counts.get((client, slot), 0) + 1
            return count


def limiter(request: Request) -> FixedWindowLimiter:
    found = getattr(request.app.state, "verification_limiter", None)
    if isinstance(found, FixedWindowLimiter):
        return found
    queue = request.app.state.queue
    connection = queue.connection if queue is not None else None
    made = FixedWindowLimiter(connection, request.app.state.settings.public_rate_limit_per_minute)
    request.app.state.verification_limiter = made
    return made


# --- routes -----------------------------------------------------------------------------------------


def _form_query(
    diploma_series: str, diploma_number: str, iin: str, last_name: str, reveal_iin: str
) -> VerifyQuery:
    return VerifyQuery(
        diploma_series=diploma_series.strip(),
        diploma_number=diploma_number.strip(),
        iin=iin.strip() or None,
        last_name=last_name.strip() or None,
        reveal_iin=reveal_iin == "1",
    )


@router.get("/verify", response_class=HTMLResponse, include_in_schema=False)
def verify_page(request: Request) -> Response:
    return render(request, "verify.html", {"query": None, "answer": None, **_page_labels()})


@router.post("/verify", response_class=HTMLResponse, include_in_schema=False)
def verify_submit(
    request: Request,
    diploma_series: Annotated[str, Form(max_length=20, pattern=PRINTABLE)],
    diploma_number: Annotated[str, Form(max_length=30, pattern=PRINTABLE)],
    iin: Annotated[str, Form(max_length=20, pattern=PRINTABLE)] = "",
    last_name: Annotated[str, Form(max_length=200, pattern=PRINTABLE)] = "",
    reveal_iin: Annotated[str, Form(max_length=1, pattern=PRINTABLE)] = "",
) -> Response:
    """The form's answer on the page; the IIN travels in the body, never in a URL (URLs end up in logs)."""
    try:
        query = _form_query(diploma_series, diploma_number, iin, last_name, reveal_iin)
        answer = lookup(request, query)
    except (InvalidInput, ValidationError):
        message = translator(request).gettext(INCOMPLETE_QUERY)
        typed = {"diploma_series": diploma_series, "diploma_number": diploma_number, "iin": iin,
                 "last_name": last_name}  # fmt: skip
        context = {"query": typed, "answer": None, "error": message, **_page_labels()}
        return render(request, "verify.html", context, status_code=422)
    rows = _record_rows(answer, translator(request))
    return render(
        request, "verify.html", {"query": query, "answer": answer, "record_rows": rows, **_page_labels()}
    )


def _record_rows(answer: VerifyAnswer, t: Translator) -> list[dict[str, str]]:
    """The graduate record as the page lists it, codes in words, the IIN as the answer carries it."""
    record = answer.graduate or {}
    rows = []
    for name, text in {**_RECORD_ONLY, **DIPLOMA_FIELDS}.items():
        value = record.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, bool):
            shown = t.gettext("yes") if value else t.gettext("no")
        else:
            shown = t.gettext(VALUE_LABELS[str(value)]) if str(value) in VALUE_LABELS else str(value)
        rows.append({"field": name, "label": t.gettext(text), "value": shown})
    return rows


def _page_labels() -> dict[str, Any]:
    return {
        "query_fields": QUERY_FIELDS,
        "record_fields": {**DIPLOMA_FIELDS, **_RECORD_ONLY},
        "result_text": RESULT_TEXT,
        "can_reveal": ROLES_SEEING_FULL_IIN,
    }


_RECORD_ONLY: dict[str, str] = {
    "graduate_id": N_("Registry ID"),
    "birth_date": N_("Birth date"),
    "study_form": N_("Study form"),
    "study_language": N_("Study language"),
}


@router.post("/api/v1/verify", response_model=VerifyAnswer, tags=["verification"])
def verify_lookup(request: Request, query: VerifyQuery) -> Any:
    """Is this diploma in the archive? Series and number plus the holder's IIN or surname; the answer is
    found, not_found or found_with_differences (naming the fields), with the registry record (IIN masked
    unless reveal_iin, which is logged) and each confirmed scan with its verification link."""
    return lookup(request, query)


def _settled_match(session: Session, match_id: uuid.UUID) -> tuple[Match, Document, Graduate]:
    row = settled_row(session, match_id)
    if row is None:
        raise NotFound(f"no confirmed diploma has match {match_id}")
    return row


@router.get("/api/v1/verify/{match_id}/qr.png", response_class=Response, tags=["verification"])
def verification_qr(request: Request, match_id: uuid.UUID) -> Response:
    """The QR code of a confirmed diploma's public verification link."""
    with session_scope(request.app.state.engine) as session:
        path = public_path(*_settled_match(session, match_id), verification_key(request.app.state.settings))
    image = qrcode.make(public_url(request, path), error_correction=qrcode.constants.ERROR_CORRECT_M)
    out = io.BytesIO()
    image.save(out)
    return Response(out.getvalue(), media_type="image/png", headers={"Cache-Control": "no-store"})


@router.get("/api/v1/verify/{match_id}/pages/{number}/image", response_class=Response, tags=["verification"])
def verification_scan(request: Request, match_id: uuid.UUID, number: int) -> Response:
    """A page of a confirmed diploma's scan, for the verifier; other scans stay with the archive staff."""
    with session_scope(request.app.state.engine) as session:
        _, document, graduate = _settled_match(session, match_id)
        page = session.exec(
            select(Page).where(Page.document_id == document.id, Page.number == number)
        ).first()
        if page is None:
            raise NotFound(f"the scan has no page {number}")
        log_access(session, request.state.user, "verification.scan", graduate, {"document": str(document.id)})
        key = page.image_key
    return Response(
        request.app.state.store.get(key),
        media_type="image/png",
        headers={"Cache-Control": "private, no-store"},
    )


_PUBLIC_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


@router.get("/v/{payload}.{signature}", response_class=HTMLResponse, include_in_schema=False)
def public_verification(request: Request, payload: str, signature: str, lang: str | None = None) -> Response:
    """The public page of a verification link: no sign-in, rate-limited per client address."""
    t = Translator(lang) if lang in LANGUAGES else translator(request)
    context: dict[str, Any] = {"_": t.gettext, "t": t, "lang": t.language, "path": request.url.path}
    if not limiter(request).allow(client_address(request) or "unknown"):
        return _public(
            request, {**context, "state": "limited"}, 429, {"Retry-After": str(_RATE_WINDOW_SECONDS)}
        )
    claim = open_link(payload, signature, verification_key(request.app.state.settings))
    if claim is None:
        return _public(request, {**context, "state": "invalid"}, 404)
    with session_scope(request.app.state.engine) as session:
        row = _claimed_row(session, claim)
        facts = facts_of(row[1], row[2]) if row is not None else None
        if row is None or facts is None or not hmac.compare_digest(fingerprint(facts), str(claim.get("f"))):
            return _public(request, {**context, "state": "revoked"}, 410)
        log_access(session, None, "verification.public", row[2], {"document": str(row[1].id)})
    valid = {"state": "valid", "facts": facts, "issue_date": _issue_date(facts.get("t"))}
    return _public(request, {**context, **valid}, 200)


def _claimed_row(session: Session, claim: dict[str, Any]) -> tuple[Match, Document, Graduate] | None:
    try:
        match_id = uuid.UUID(hex=str(claim.get("m")))
    except ValueError:
        return None
    return settled_row(session, match_id)


def _public(
    request: Request, context: dict[str, Any], status: int, headers: dict[str, str] | None = None
) -> Response:
    response = render(request, "verified_public.html", {**context, "degrees": _DEGREES}, status_code=status)
    response.headers.update({**_PUBLIC_HEADERS, **(headers or {})})
    return response


_DEGREES = {
    "bachelor": N_("bachelor"),
    "master": N_("master"),
    "specialist": N_("specialist"),
    "doctor": N_("doctor"),
}


def _issue_date(value: object) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d.%m.%Y") if value else ""
    except ValueError:
        return ""
