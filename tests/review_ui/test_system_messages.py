"""What the system says (reasons, flags, steps, errors) reaches people as messages: a code with
parameters that the interface renders in Kazakh and Russian from muragat.messages.catalog.

Each test calls producers (matching, OCR stages, upload checks, the job, the workbench's checks, the
access check) and checks what they wrote: a plain string where a message belongs, or a message whose
Kazakh or Russian rendering is still the English, fails here, named, so that a new producer that composes
English prose, or a catalog entry left untranslated, is caught before it shows in English on a page."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import select

from ingest.retry import retry_document
from ingest.service import IngestOutcome, ingest_bytes
from ingest.sources import expand_zip
from matching.candidates import GraduateRecord, MemoryIndex
from matching.decisions import document_status, ledger_status
from matching.fields import extract_fields, vote
from matching.found import Found
from matching.iin import check_iin
from matching.kind import classify, document_kind
from matching.matcher import match_ledger, registry_spelling
from matching.patterns import normalize_series
from matching.scoring import Scored, evidence_for
from muragat.errors import MuragatError
from muragat.jobs import _process, mark_failed
from muragat.messages import Message, from_json, is_message
from muragat.messages.catalog.errors import Code as ErrorCode
from muragat.messages.catalog.matching import Code as MatchingCode
from muragat.messages.catalog.ocr_steps import Code as StepCode
from muragat.messages.catalog.workflow import Code as JobCode
from muragat.services import open_services
from muragat.settings import Settings
from ocr import inspect_file
from ocr.deskew import deskew, rotate
from ocr.ink import suppress_colour
from ocr.layout import find_gutter
from ocr.model import PageResult
from ocr.pipeline import process_page
from ocr.resolution import normalise
from ocr.text_layer import garbage_reason
from review_ui.auth import role_forbidden
from review_ui.field_edits import clean_reason, coerce
from review_ui.i18n import Translator
from review_ui.labels import STEP_LABELS
from storage.db import session_scope
from storage.models import Document, DocumentStatus, Match, MatchDecision, Page, Revision, Role
from storage.revisions import changes_by
from tests.ocr.test_rasterize import encrypted_pdf
from tests.pages import DIPLOMA_LINES, encode, render_page
from tests.review_ui.conftest import make_user, sign_in

LANGUAGES = ("kk", "ru")
# a program and its language codes («Tesseract kaz+rus»): shown as they are in every language
NOT_TRANSLATED = re.compile(r"Tesseract [a-z_+]+")


def _as_message(value: object) -> Message | None:
    if isinstance(value, Message):
        return value
    return from_json(value) if is_message(value) else None  # type: ignore[arg-type]


def _nested(message: Message) -> Iterable[Message]:
    yield message
    for value in message.params.values():
        for part in value if isinstance(value, list | tuple) else [value]:
            if isinstance(part, Message):
                yield from _nested(part)


def problems_of(messages: Iterable[object]) -> list[str]:
    """The values that are not messages (English prose), and the messages, or the messages inside
    them, that a language renders as the English."""
    found = []
    for value in messages:
        message = _as_message(value)
        if message is None:
            found.append(f"not a message (muragat.messages): {value!r}")
            continue
        for part in _nested(message):
            english = part.render("en")
            if NOT_TRANSLATED.fullmatch(english):
                continue
            found += [f"{part.code} untranslated in {lang}: {english!r}" for lang in LANGUAGES
                      if part.render(lang) == english]  # fmt: skip
    return list(dict.fromkeys(found))


def check(messages: Iterable[object]) -> None:
    messages = list(messages)
    assert messages, "the producers gave no message to check"
    problems = problems_of(messages)
    assert not problems, "\n".join(problems)


def error_of(call: Callable[[], object]) -> str | Message:
    with pytest.raises(MuragatError) as raised:
        call()
    return raised.value.detail


def test_the_check_catches_prose_and_untranslated_entries() -> None:
    assert problems_of(["diploma number equal"]) == [
        "not a message (muragat.messages): 'diploma number equal'"
    ]
    assert problems_of([Message(MatchingCode.DIPLOMA_NUMBER_EQUAL)]) == []
    assert problems_of([Message(MatchingCode.DIPLOMA_NUMBER_EQUAL).to_json()]) == []
    # a message is checked with the messages inside it
    invalid = Message(MatchingCode.INVALID_IIN, problems=[Message(MatchingCode.IIN_LENGTH)])
    assert problems_of([invalid]) == []
    assert problems_of([Message(StepCode.TEXT_LAYER_UNUSABLE, reason="ab")]) == []


# --- matching ------------------------------------------------------------------------------------------


def record(**values: Any) -> GraduateRecord:
    base: dict[str, Any] = {
        "key": values.get("graduate_id", "G000001"),
        "graduate_id": "G000001",
        "last_name": "Қалиева",
        "first_name": "Шынар",
        "patronymic": "Нұрланқызы",
        "iin": "890126405214",
        "institution": "Әл-Фараби атындағы Қазақ ұлттық университеті",
        "degree": "specialist",
        "graduation_year": 2011,
        "enrollment_year": 2006,
        "diploma_series": "ЖБ",
        "diploma_number": "0012345",
        "registration_number": "4521",
        "issue_date": date(2011, 6, 30),
    }
    return GraduateRecord(**{**base, **values})


SAME = {
    "diploma_series": "ЖБ",
    "diploma_number": "0012345",
    "iin": "890126405214",
    "graduation_year": 2011,
    "institution": "Әл-Фараби атындағы Қазақ ұлттық университеті",
    "registration_number": "4521",
    "issue_date": "2011-06-30",
    "degree": "specialist",
    "last_name": "Қалиева",
    "first_name": "Шынар",
    "patronymic": "Нұрланқызы",
}
OTHER = {
    "diploma_series": "ЖБ",
    "diploma_number": "9912399",
    "iin": "900101300016",
    "graduation_year": 2014,
    "enrollment_year": 2010,
    "degree": "bachelor",
    "registration_number": "4521",
    "last_name": "Сейтқалиев",
    "first_name": "Ерлан",
    "patronymic": "Бауыржанұлы",
}


def reasons(fields: dict[str, Any], r: GraduateRecord) -> list[Message]:
    return [e.reason for e in evidence_for(fields, r)]


def test_match_reasons() -> None:
    messages = reasons(SAME, record())
    messages += reasons(OTHER, record())
    messages += reasons({**SAME, "diploma_series": None}, record())
    messages += reasons({**SAME, "diploma_series": "ЖП"}, record())
    messages += reasons({**SAME, "diploma_number": "0012346"}, record())
    messages += reasons({**SAME, "last_name": "Калиева", "first_name": "Шинар"}, record())
    messages += reasons({"last_name": "Қалиева", "first_name": "Ерлан"}, record(patronymic=None))
    messages += reasons({**SAME, "institution": "Сәтбаев университеті", "registration_number": "4521"},
                        record())  # fmt: skip
    rows = [{"diploma_series": Found("ЖБ", 0.9), "diploma_number": Found("0012345", 0.9)}]
    ledger = match_ledger(rows, MemoryIndex([record()]))
    messages += [reason for m in ledger for s in m.candidates for reason in s.reasons]
    check(messages)


def test_field_flags() -> None:
    messages: list[object] = [*normalize_series("ЖБ-B", 7)[1], *normalize_series("K2", 9)[1]]
    messages += vote("last_name", [Found("Қалиева", 0.9), Found("Халиева", 0.4)]).flags
    for iin in ("12345", "890126905214", "891326405214", "890126405215", "000000000000", "891326705214"):
        flag = check_iin(iin).flag
        assert flag is not None, iin
        messages.append(flag)
    found = {"last_name": Found("Калиева", 0.9), "first_name": Found("Шынар", 0.9)}
    registry_spelling(found, Scored(record(), []))
    messages += found["last_name"].flags
    page = PageResult(number=1, width=10, height=10, lines=[])
    messages += extract_fields([page]).fields["honors"].flags
    check(messages)


def test_kinds_and_status_reasons() -> None:
    texts = (["ДИПЛОМ\nОсы диплом"], ["ДИПЛОМДАР ТІРКЕУ КІТАБЫ"], ["хат"],
             ["ЖБ 0012345 30.06.2011\nЖБ 0012346 30.06.2011"], ["Осы диплом", "Тіркеу нөмірі"],
             ["БҰЙРЫҚ\nбітіруіне байланысты\n1. Оразбаева Құралай\n2. Қалиев Ерлан\n3. Сейтов Нұр"],
             ["ДИПЛОМҒА ҚОСЫМША"], ["\n".join(f"Пән {i} 5 A-" for i in range(6))],
             ["ДИПЛОМ\nЖБ-Б № 0012345\nОсы диплом"],
             ["ЖБ № 0012345, ЖБ № 0012346, ЖБ № 0012347"])  # fmt: skip
    decisions = [classify(t) for t in texts]
    decisions.append(classify(["хат"], ["https://epvo.kz/verify?series=BD&number=097356745"]))
    kinds = [d.reason for d in decisions] + [s for d in decisions for s in d.signals]
    assert document_kind(texts[0]) == ("diploma", decisions[0].reason)
    # every signal of the kind is said by these texts
    unsaid = {c for c in MatchingCode if c.startswith("kind.")} - {k.code for k in kinds}
    assert not unsaid, unsaid
    messages: list[object] = [*kinds, *(Message(MatchingCode.MATCH_FINISHED, reason=k) for k in kinds)]
    read = {"diploma_number": "0012345"}
    for kind, found, fields in (
        ("archive", [], {}),
        ("diploma", [MatchDecision.auto_matched], read),
        ("diploma", [MatchDecision.needs_review], read),
        ("diploma", [], read),
        ("diploma", [], {}),
        ("supplement", [], {}),
    ):
        messages.append(document_status(kind, found, fields)[1])
    messages.append(document_status("archive", [], {}, classify(["ДИПЛОМ"]))[1])
    auto, review = (
        Match(score=1, decision=d, row=1) for d in (MatchDecision.auto_matched, MatchDecision.needs_review)
    )
    messages += [
        ledger_status(rows, matches)[1] for rows, matches in ((1, [auto]), (2, [auto, review]), (0, []))
    ]
    check(messages)


# --- OCR -----------------------------------------------------------------------------------------------


def whys(steps: Iterable[dict[str, Any]]) -> list[object]:
    return [s["why"] for s in steps if s.get("why")]


def test_ocr_step_explanations() -> None:
    page = process_page(render_page(DIPLOMA_LINES, font_size=22), number=1, languages="kaz+rus")
    messages = whys(page.result.steps)
    keys = {k for s in page.result.steps for k in s if k not in ("why",)}
    gray = np.asarray(render_page(DIPLOMA_LINES))
    colour = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
    colour[10:200, 10:200] = (200, 30, 30)
    messages += whys([suppress_colour(colour)[1], suppress_colour(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB))[1]])
    tilted = rotate(gray, 3.0)
    messages += whys([deskew(tilted, (tilted < 128).astype(np.uint8) * 255)[2]])
    messages += whys([normalise(gray, 30.0)[2], normalise(gray, 10.0)[2]])
    spread = np.full((800, 1600), 255, np.uint8)
    spread[100:700:40, 100:700] = 0
    spread[100:700:40, 900:1500] = 0
    messages += whys([find_gutter(spread)[1], find_gutter(np.full((800, 1600), 255, np.uint8))[1]])
    messages += whys([find_gutter(np.full((20, 40), 255, np.uint8))[1]])
    for text in ("ab", "(cid:12) " * 30, "☃" * 40, "бгд " * 40):
        reason = garbage_reason(text)
        assert reason
        messages.append(Message(StepCode.TEXT_LAYER_UNUSABLE, reason=reason))
    check(messages)
    # the step names and detail keys the Steps tab shows (through STEP_LABELS, or as they are)
    names = {k for k in keys if k != "step"} | {str(s["step"]) for s in page.result.steps}
    for language in LANGUAGES:
        t = Translator(language)
        shown_raw = [k for k in names if t.gettext(STEP_LABELS.get(k, k)) == STEP_LABELS.get(k, k)]
        assert not shown_raw, f"{language}: {shown_raw}"


# --- uploads -------------------------------------------------------------------------------------------

LIMITS = {"max_pixels": 2_000_000, "max_pages": 2}


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def refusal(name: str, data: bytes) -> str | Message:
    return error_of(lambda: inspect_file(data, name, **LIMITS))


def zip_errors(name: str, data: bytes, **limits: Any) -> list[str | Message]:
    return [u.error.detail for u in expand_zip(name, data, **limits) if u.error]


def test_upload_rejections() -> None:
    png = encode([render_page(["ДИПЛОМ"])], "PNG")
    big = encode([Image.new("L", (3000, 3000), 255)], "PNG")
    tiff = encode([render_page(["бет"])] * 3, "TIFF")
    files = {
        "empty.png": b"",
        "notes.png": b"just some words, nothing else " * 10,
        "page.html": b"<!doctype html><html></html>",
        "scan.jpg": b"\x00\x01\x02\x03\x04\x05\x06\x07\x08" * 20,
        "photo": b"GIF89a" + b"\x00" * 40,
        "big.png": big,
        "truncated.png": png[: len(png) // 2],
        "ledger.tif": tiff,
        "locked.pdf": encrypted_pdf(b"secret", b"owner"),
        "broken.pdf": b"%PDF-1.4\n garbage",
    }
    messages: list[object] = [refusal(name, data) for name, data in files.items()]
    nested = zip_of({"inner.zip": zip_of({"a.png": png}), "b.png": png * 50})
    messages += zip_errors(
        "batch.zip", nested, max_members=5, max_bytes=10**9, max_member_bytes=len(png) * 10
    )
    many = zip_of({f"{i}.png": png for i in range(30)})
    messages += zip_errors("many.zip", many, max_members=2, max_bytes=10**9)
    messages += zip_errors("few.zip", many, max_members=20, max_bytes=10**9)
    messages += zip_errors("huge.zip", zip_of({"a.png": png}), max_members=5, max_bytes=10)
    messages += zip_errors("bad.zip", b"PK\x03\x04broken", max_members=5, max_bytes=10**9)
    check(messages)


# --- the workbench's checks ----------------------------------------------------------------------------


def test_workbench_refusals() -> None:
    check([
        error_of(lambda: coerce("graduation_year", "soon")),
        error_of(lambda: coerce("enrollment_year", "1800")),
        error_of(lambda: coerce("honors", "maybe")),
        error_of(lambda: coerce("degree", "wizard")),
        error_of(lambda: clean_reason("  ")),
        error_of(lambda: clean_reason("x" * 901)),
    ])  # fmt: skip


# --- with the database: upload, the job, retry, the error pages ----------------------------------------


def test_job_and_upload_reasons(settings: Settings) -> None:
    services = open_services(settings)

    def upload(filename: str, data: bytes) -> IngestOutcome:
        return ingest_bytes(engine=services.engine, store=services.store, queue=None, settings=settings,
                            filename=filename, data=data, actor="test")  # fmt: skip

    scan = encode([render_page(DIPLOMA_LINES)], "PNG")
    created, exists, rejected = upload("diploma.png", scan), upload("again.png", scan), upload("e.png", b"")
    assert created.document_id is not None
    doc_id = created.document_id
    messages: list[object] = [created.message, exists.message, rejected.message]
    _process(services, doc_id)
    messages.append(error_of(lambda: retry_document(services.engine, None, uuid.UUID(int=7), actor="test")))
    messages.append(error_of(lambda: retry_document(services.engine, None, doc_id, actor="test")))
    with (
        session_scope(services.engine) as session,
        changes_by(session, "system:worker", Message(JobCode.JOB_STARTED)),
    ):
        taken = session.get_one(Document, doc_id)
        taken.status, taken.attempts = DocumentStatus.processing, taken.attempts + 1
        attempt = taken.attempts
    mark_failed(services, doc_id, error_of(lambda: inspect_file(b"", "diploma.png", **LIMITS)), attempt)
    retry_document(services.engine, None, doc_id, actor="test")
    with session_scope(services.engine) as session:
        doc = session.get_one(Document, doc_id)
        assert doc.status == DocumentStatus.queued
        revisions = list(session.exec(select(Revision).where(Revision.entity_id == doc_id)))
        messages += [r.reason_message or r.reason for r in revisions]
        messages += [
            d.status_message or d.status_reason for d in session.exec(select(Document)) if d.status_reason
        ]
        steps = [s for p in session.exec(select(Page).where(Page.document_id == doc_id)) for s in p.steps]
    assert steps
    messages += whys(steps)
    check(messages)


def test_error_pages(settings: Settings, app_client: TestClient) -> None:
    messages: list[object] = []
    for role, path in ((Role.archivist, "/queue"), (Role.reviewer, "/upload"), (Role.verifier, "/queue"),
                       (Role.auditor, "/queue"), (Role.admin, f"/documents/{uuid.UUID(int=1)}")):  # fmt: skip
        make_user(settings, f"{role}-msg", role, "kk")
        sign_in(app_client, f"{role}-msg")
        answer = app_client.get(path)
        assert answer.status_code in (403, 404), (role, path, answer.status_code)
        error = error_message(role, path)
        messages.append(error)
        assert str(error) not in answer.text, f"{path} as {role} shows {str(error)!r} in English"
        assert error.render("kk") in answer.text, f"{path} as {role} does not say {error.render('kk')!r}"
    check(messages)


def error_message(role: Role, path: str) -> Message:
    """The message the access check and the workbench give."""
    if path.startswith("/documents/"):
        return Message(ErrorCode.DOCUMENT_NOT_FOUND, id=path.removeprefix("/documents/"))
    return role_forbidden(str(role))
