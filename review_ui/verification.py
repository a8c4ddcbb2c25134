"""Diploma verification for the ministry: a verifier looks a diploma up by series and number plus IIN or
surname; each confirmed diploma gets a signed public link (and its QR code) that shows only what confirms
the diploma's authenticity, never the IIN.

Signed links and what their public page shows are in `review_ui.verification_links`, the lookup and its
answer in `review_ui.verification_lookup`, the public page's rate limit in `review_ui.rate_limit`; this
module holds the routes.
"""

from __future__ import annotations

import hmac
import io
import uuid
from datetime import date
from typing import Annotated, Any

import qrcode
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, select

from muragat.accounts import verification_key
from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.settings import LOOPBACK_HOSTS, Settings
from review_ui.auth import client_address
from review_ui.bounds import PageNumber
from review_ui.deps import CurrentUser, SessionDep, SettingsDep, StoreDep, get_engine, get_queue, get_settings
from review_ui.i18n import LANGUAGES, Translator, translator
from review_ui.labels import DIPLOMA_FIELDS, N_
from review_ui.personal_data import ROLES_SEEING_FULL_IIN, log_access
from review_ui.rate_limit import RATE_WINDOW_SECONDS, FixedWindowLimiter
from review_ui.reports import value_text
from review_ui.review_rows import degree_names
from review_ui.scope import institution_scope
from review_ui.verification_links import (
    claimed_row,
    facts_of,
    fingerprint,
    open_link,
    public_path,
    settled_documents,
    settled_row,
)
from review_ui.verification_lookup import (
    PRINTABLE,
    ScanOut,
    VerifyAnswer,
    VerifyQuery,
    best_comparison,
    graduate_record,
    lookup_entries,
    result_of,
    scan_differences,
)
from review_ui.web import render
from storage import audit
from storage.db import session_scope
from storage.institutions import scope_session
from storage.models import Document, Graduate, Match, Page, User

router = APIRouter()

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


def public_url(request: Request, path: str) -> str:
    """The public address of a link: under MURAGAT_PUBLIC_BASE_URL. Without it, only a request for
    localhost (development) gets one, built from its own address; a Host header from anywhere else is
    whatever the client wrote, and a link or QR code printed from it could point anywhere."""
    settings: Settings = get_settings(request)
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/") + path
    host = request.url.hostname or ""
    if host.lower() not in LOOPBACK_HOSTS:
        raise Conflict(Message(Code.NO_PUBLIC_BASE_URL, host=host[:100]))
    return str(request.base_url).rstrip("/") + path


def _link(request: Request, path: str) -> tuple[str | None, dict[str, Any] | None]:
    """A scan's link and QR code, or why none is issued (shown in their place)."""
    try:
        return public_url(request, path), None
    except Conflict as refused:
        problem = refused.detail
        return None, problem.to_json() if isinstance(problem, Message) else {"code": str(problem)}


def _scans(request: Request, session: Session, graduate: Graduate) -> list[ScanOut]:
    key = verification_key(get_settings(request))
    rows = settled_documents(session, graduate)
    links = {match.id: _link(request, public_path(match, doc, graduate, key)) for match, doc in rows}
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
            scan_differences=scan_differences(doc, graduate),
            verification_url=links[match.id][0],
            qr_url=f"/api/v1/verify/{match.id}/qr.png" if links[match.id][0] else None,
            link_problem=links[match.id][1],
        )
        for match, doc in rows
    ]


def lookup(request: Request, query: VerifyQuery) -> VerifyAnswer:
    """Answer a verifier's question, and record who asked about whom."""
    if not (query.iin or "").strip() and not (query.last_name or "").strip():
        raise InvalidInput(Message(Code.LOOKUP_INCOMPLETE))
    user: User = request.state.user
    full_iin = query.reveal_iin and user.role in ROLES_SEEING_FULL_IIN
    with session_scope(get_engine(request)) as session:
        scope_session(session, institution_scope(user))  # its graduates, matches and scans alone
        best = best_comparison(session, query)
        answer = VerifyAnswer(result=result_of(best))
        if best is not None:
            answer.differences, answer.unconfirmed = best.differences, best.unconfirmed
            answer.graduate = graduate_record(best.graduate, full_iin)
            answer.iin_shown = "full" if full_iin else "masked"
            answer.documents = _scans(request, session, best.graduate)
        entries = lookup_entries(user, query, answer, best)
    # after the read, in a write of its own with other requests' entries; answered once it is committed
    audit.record_many(get_engine(request), entries)
    return answer


def limiter(request: Request) -> FixedWindowLimiter:
    found = getattr(request.app.state, "verification_limiter", None)
    if isinstance(found, FixedWindowLimiter):
        return found
    queue = get_queue(request)
    connection = queue.connection if queue is not None else None
    made = FixedWindowLimiter(connection, get_settings(request).public_rate_limit_per_minute)
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
            shown = value_text(str(value), t)
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
        raise NotFound(Message(Code.NO_CONFIRMED_DIPLOMA, id=str(match_id)))
    return row


@router.get("/api/v1/verify/{match_id}/qr.png", response_class=Response, tags=["verification"])
def verification_qr(
    request: Request, session: SessionDep, settings: SettingsDep, match_id: uuid.UUID
) -> Response:
    """The QR code of a confirmed diploma's public verification link."""
    path = public_path(*_settled_match(session, match_id), verification_key(settings))
    image = qrcode.make(public_url(request, path), error_correction=qrcode.constants.ERROR_CORRECT_M)
    out = io.BytesIO()
    image.save(out)
    return Response(out.getvalue(), media_type="image/png", headers={"Cache-Control": "no-store"})


@router.get("/api/v1/verify/{match_id}/pages/{number}/image", response_class=Response, tags=["verification"])
def verification_scan(
    session: SessionDep, store: StoreDep, user: CurrentUser, match_id: uuid.UUID, number: PageNumber
) -> Response:
    """A page of a confirmed diploma's scan, for the verifier; other scans stay with the archive staff."""
    _, document, graduate = _settled_match(session, match_id)
    page = session.exec(select(Page).where(Page.document_id == document.id, Page.number == number)).first()
    if page is None:
        raise NotFound(Message(Code.SCAN_PAGE_NOT_FOUND, page=number))
    log_access(session, user, "verification.scan", graduate, {"document": str(document.id)})
    return Response(
        store.get(page.image_key),
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
            request, {**context, "state": "limited"}, 429, {"Retry-After": str(RATE_WINDOW_SECONDS)}
        )
    claim = open_link(payload, signature, verification_key(get_settings(request)))
    if claim is None:
        return _public(request, {**context, "state": "invalid"}, 404)
    with session_scope(get_engine(request)) as session:
        row = claimed_row(session, claim)
        facts = facts_of(row[1], row[2]) if row is not None else None
        if row is None or facts is None or not hmac.compare_digest(fingerprint(facts), str(claim.get("f"))):
            return _public(request, {**context, "state": "revoked"}, 410)
        log_access(session, None, "verification.public", row[2], {"document": str(row[1].id)})
    valid = {"state": "valid", "facts": facts, "issue_date": _issue_date(facts.get("t"))}
    return _public(request, {**context, **valid}, 200)


def _public(
    request: Request, context: dict[str, Any], status: int, headers: dict[str, str] | None = None
) -> Response:
    degrees = degree_names(translator(request))
    response = render(request, "verified_public.html", {**context, "degrees": degrees}, status_code=status)
    response.headers.update({**_PUBLIC_HEADERS, **(headers or {})})
    return response


def _issue_date(value: object) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d.%m.%Y") if value else ""
    except ValueError:
        return ""
