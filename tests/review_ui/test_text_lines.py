"""A reviewer corrects the OCR text line by line: each correction is a revision, the page's words and text
carry it (boxes within the line), search and the searchable PDF read it, a re-OCR keeps it, and
`muragat export --format tesstrain` writes each corrected or confirmed line as an image and its .gt.txt."""

from __future__ import annotations

import html
import io
import re
import uuid
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import col, select

from ingest.service import ingest_bytes
from muragat.jobs import _process
from muragat.match_stage import save_results, stored_results
from muragat.services import Services, open_services
from muragat.settings import Settings
from muragat.training import export_tesstrain
from storage import search
from storage.db import session_scope
from storage.keys import document_pdf_key
from storage.models import LineCorrection, OcrWord, Page, Revision, Role
from tests.muragat.test_end_to_end import muragat
from tests.pages import DIPLOMA_LINES, encode, render_page


def _read(services: Services) -> uuid.UUID:
    data = encode([render_page(DIPLOMA_LINES)], "PNG")
    outcome = ingest_bytes(engine=services.engine, store=services.store, queue=None,
                           settings=services.settings, filename="diploma.png", data=data,
                           actor="tester")  # fmt: skip
    assert outcome.document_id is not None
    _process(services, outcome.document_id)
    return outcome.document_id


LINE = re.compile(
    r'class="text-line[^"]*" data-block="(\d+)" data-line="(\d+)".*?class="line-text" value="([^"]*)"', re.S
)


def _lines(reviewer: TestClient, doc: uuid.UUID) -> list[tuple[int, int, str]]:
    page = reviewer.get(f"/documents/{doc}").text
    return [(int(b), int(li), html.unescape(v)) for b, li, v in LINE.findall(page)]


def test_lines_corrected_by_a_reviewer_reach_search_the_pdf_a_rerun_and_tesstrain(
    settings: Settings, client_as: Callable[..., TestClient], tmp_path: Path
) -> None:
    services = open_services(settings)
    doc = _read(services)
    reviewer = client_as(Role.reviewer)
    lines = _lines(reviewer, doc)
    assert len(lines) >= 6, lines
    by_text = {text: (block, line) for block, line, text in lines}
    # one word changed (as many words: boxes kept), one line retyped as more words, one confirmed as read
    number_line = next(t for t in by_text if "0421208" in t)
    name_line = next(t for t in by_text if "диплом" in t.lower() and "Осы" in t)
    kept_line = next(t for t in by_text if "ЖСН" in t)
    fixes = {
        number_line: number_line.replace("0421208", "0421209"),
        name_line: "Осы диплом Оразбайева Құралай Нұрдәулет қызына",
        kept_line: kept_line,
    }
    with session_scope(services.engine) as session:
        page = session.exec(select(Page).where(Page.document_id == doc)).one()
        boxes_before = {
            (w.block, w.line, w.position): (w.left, w.top, w.width, w.height)
            for w in session.exec(select(OcrWord).where(OcrWord.page_id == page.id))
        }
    for old, new in fixes.items():
        block, line = by_text[old]
        answer = reviewer.put(
            f"/api/v1/documents/{doc}/pages/1/lines/{block}/{line}",
            json={"text": new, "reason": "from the scan"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["text"] == new and answer.json()["ocr_text"] == old

    with session_scope(services.engine) as session:
        page = session.exec(select(Page).where(Page.document_id == doc)).one()
        assert fixes[number_line] in page.text and fixes[name_line] in page.text
        words = list(session.exec(select(OcrWord).where(OcrWord.page_id == page.id)))
        block, line = by_text[number_line]
        for w in words:  # the one-word fix kept every box of its line
            if (w.block, w.line) == (block, line):
                assert boxes_before[(w.block, w.line, w.position)] == (w.left, w.top, w.width, w.height)
        block, line = by_text[name_line]
        name_words = [w for w in words if (w.block, w.line) == (block, line)]
        assert [w.text for w in sorted(name_words, key=lambda w: w.position)] == fixes[name_line].split()
        olds = [v for k, v in boxes_before.items() if k[:2] == (block, line)]
        left, right = min(b[0] for b in olds), max(b[0] + b[2] for b in olds)
        assert all(left <= w.left and w.left + w.width <= right for w in name_words)  # within the line
        assert search.search(session, "0421209")[0].document_id == doc
        revisions = session.exec(select(Revision).where(Revision.entity == "line_correction")).all()
        assert len(revisions) == 3 and {r.actor for r in revisions} == {"reviewer-user"}

    pdf = pypdfium2.PdfDocument(io.BytesIO(services.store.get(document_pdf_key(doc))))
    assert "0421209" in pdf[0].get_textpage().get_text_range()

    history = reviewer.get(f"/api/v1/documents/{doc}/history").json()
    assert any(h["what"] == "Мәтін жолы" and h["new_text"] == fixes[name_line] for h in history)

    with session_scope(services.engine) as session:  # the job reads the page again: the person's text stays
        pages = stored_results(session, doc)
    with session_scope(services.engine) as session:
        from tests.matching.pages import page_from_text

        ocr_again = [page_from_text("\n".join(DIPLOMA_LINES))]
        ocr_again[0].width, ocr_again[0].height = pages[0].width, pages[0].height
        for line_result, stored in zip(ocr_again[0].lines, pages[0].lines, strict=False):
            for w, s in zip(line_result.words, stored.words, strict=False):
                w.box = s.box  # as the same OCR would place them
        save_results(session, doc, ocr_again)
    with session_scope(services.engine) as session:
        page = session.exec(select(Page).where(Page.document_id == doc)).one()
        assert fixes[number_line] in page.text

    written = export_tesstrain(services.engine, services.store, tmp_path / "gt")
    assert written.lines == 3
    pairs = sorted((tmp_path / "gt").glob("*.gt.txt"))
    assert len(pairs) == 3 and len(list((tmp_path / "gt").glob("*.png"))) == 3
    assert {p.read_text(encoding="utf-8").strip() for p in pairs} == set(fixes.values())
    with Image.open(pairs[0].with_name(pairs[0].name.removesuffix(".gt.txt") + ".png")) as image:
        assert image.width > 3 * image.height  # a line, not a page

    run = muragat(settings, "export", "--format", "tesstrain", "-o", str(tmp_path / "cli-gt"))
    assert run.returncode == 0, run.stderr
    assert "wrote 3 line images" in run.stderr
    with session_scope(services.engine) as session:
        assert len(session.exec(select(LineCorrection).where(col(LineCorrection.block) >= 0)).all()) == 3


def test_an_emptied_line_or_one_read_again_meanwhile_is_refused(
    settings: Settings, client_as: Callable[..., TestClient]
) -> None:
    services = open_services(settings)
    doc = _read(services)
    reviewer = client_as(Role.reviewer)
    block, line, text = _lines(reviewer, doc)[0]
    url = f"/api/v1/documents/{doc}/pages/1/lines/{block}/{line}"
    empty = reviewer.put(url, json={"text": "   ", "reason": "scan"})
    assert empty.status_code == 422 and "cannot be emptied" in empty.json()["error"]["message"]
    stale = reviewer.put(url, json={"text": text + " x", "expected": "something else", "reason": "scan"})
    assert stale.status_code == 409 and f"now reads «{text}»" in stale.json()["error"]["message"]
    with session_scope(services.engine) as session:
        assert session.exec(select(LineCorrection)).first() is None  # nothing written by either
