"""The REST API on the real PostgreSQL and Redis: upload, list, get, page image and text, matches,
retry, registry import, and errors as JSON with a fitting status."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import select

from muragat.jobs import process_document
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Revision, Role
from tests.muragat.test_end_to_end import REGISTRY_HEADER, REGISTRY_ROWS
from tests.pages import DIPLOMA_LINES, encode, render_page


def test_upload_many_files_with_a_duplicate_and_a_bad_one(client: TestClient, settings: Settings) -> None:
    scan = encode([render_page(DIPLOMA_LINES)], "PNG")
    files = [
        ("files", ("diploma.png", scan, "image/png")),
        ("files", ("diploma_again.png", scan, "image/png")),
        ("files", ("notes.pdf", b"plain text, not a PDF", "application/pdf")),
    ]
    answer = client.post("/api/v1/documents", files=files, data={"collection": "batch 1"})
    assert answer.status_code == 207
    body = answer.json()
    assert (body["created"], body["existing"], body["rejected"]) == (1, 1, 1)
    created, existing, bad = body["results"]
    assert existing["document_id"] == created["document_id"]
    assert "already in the archive as diploma.png" in existing["message"]
    assert bad["error_code"] == "unsupported_file" and "notes.pdf" in bad["message"]

    listed = client.get("/api/v1/documents", params={"status": "queued"}).json()
    assert listed["total"] == 1 and listed["items"][0]["filename"] == "diploma.png"
    doc = client.get(f"/api/v1/documents/{created['document_id']}").json()
    assert doc["status"] == "queued" and doc["other_filenames"] == ["diploma_again.png"]
    assert doc["collection_id"] is not None


def test_processed_document_pages_and_matches(client: TestClient, settings: Settings) -> None:
    imported = client.post(
        "/api/v1/graduates/import",
        files={"file": ("registry.csv", (REGISTRY_HEADER + REGISTRY_ROWS).encode(), "text/csv")},
    )
    assert imported.status_code == 200 and imported.json()["added"] == 2
    scan = encode([render_page(DIPLOMA_LINES)], "PNG")
    [result] = client.post("/api/v1/documents", files=[("files", ("d.png", scan, "image/png"))]).json()[
        "results"
    ]
    document_id = result["document_id"]
    process_document(document_id, settings)  # what a worker does with the queued job

    doc = client.get(f"/api/v1/documents/{document_id}").json()
    assert doc["status"] == "processed" and doc["kind"] == "diploma"
    assert doc["fields"]["diploma_number"] == "0421208"
    image = client.get(f"/api/v1/documents/{document_id}/pages/1/image")
    assert image.headers["content-type"] == "image/png"
    text = client.get(f"/api/v1/documents/{document_id}/pages/1/text").json()
    # the stored image is the processed page the words were read on (here: scaled up), boxes in its pixels
    assert Image.open(io.BytesIO(image.content)).size == (text["width"], text["height"])
    assert "0421208" in text["text"] and text["language"] == "kk"
    word = next(w for w in text["words"] if w["text"] == "0421208")
    assert 0 < word["confidence"] <= 1 and word["left"] > 0 and word["top"] > 0
    [match] = client.get(f"/api/v1/documents/{document_id}/matches").json()
    assert match["graduate_id"] == "G000001" and match["decision"] == "auto_matched"
    assert client.get(f"/api/v1/documents/{document_id}/pages/2/text").status_code == 404


def test_errors_are_json_with_a_code(client: TestClient) -> None:
    missing = client.get(f"/api/v1/documents/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    [result] = client.post("/api/v1/documents", files=[("files", ("p.png", scan, "image/png"))]).json()[
        "results"
    ]
    conflict = client.post(f"/api/v1/documents/{result['document_id']}/retry")
    assert conflict.status_code == 409 and "only failed documents" in conflict.json()["error"]["message"]


def test_registry_import_keeps_good_rows_and_lists_bad_ones(client: TestClient) -> None:
    bad = REGISTRY_ROWS.splitlines()[0].replace("890126475215", "12345").replace("G000001", "G000009")
    csv = REGISTRY_HEADER + REGISTRY_ROWS + bad + "\n"
    body = client.post("/api/v1/graduates/import", files={"file": ("r.csv", csv.encode(), "text/csv")}).json()
    assert (body["added"], body["rejected"]) == (2, 1)
    assert "line 4" in body["errors"][0] and "iin" in body["errors"][0]
    # the signed-in admin reads Kazakh; the English keys stay as they were
    assert body["errors_localized"] == ["4-жол: iin «12345»: 12 цифр болуы керек (онда 5 цифр; электрондық "
                                        "кесте алдыңғы нөлдерді түсіріп тастамады ма?)"]  # fmt: skip
    assert body["summary"] == "r.csv: 2 added, 0 updated, 0 unchanged, 1 rejected"
    assert body["summary_localized"] == "r.csv: 2 қосылды, 0 жаңартылды, 0 өзгеріссіз, 1 қабылданбады"


def test_html_page_lists_documents(client: TestClient) -> None:
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    client.post("/api/v1/documents", files=[("files", ("protocol.png", scan, "image/png"))])
    page = client.get("/documents")
    assert page.status_code == 200 and "protocol.png" in page.text
    assert "кезекте" in page.text  # "queued", in the Kazakh the admin chose


def test_uploads_are_recorded_under_the_signed_in_user(client: TestClient, settings: Settings) -> None:
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    [result] = client.post("/api/v1/documents", files=[("files", ("p.png", scan, "image/png"))]).json()[
        "results"
    ]
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        [created] = session.exec(
            select(Revision).where(Revision.entity_id == uuid.UUID(result["document_id"]))
        ).all()
    assert created.actor == "admin-user" and created.reason == "uploaded"


def test_archivists_see_no_links_to_pages_they_may_not_open(client_as: Callable[..., TestClient]) -> None:
    archivist = client_as(Role.archivist)
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    archivist.post("/api/v1/documents", files=[("files", ("p.png", scan, "image/png"))])
    page = archivist.get("/documents").text
    assert "p.png" in page and 'href="/documents/' not in page


def test_a_collection_name_too_long_to_store_is_refused(client: TestClient) -> None:
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    answer = client.post(
        "/api/v1/documents", files=[("files", ("p.png", scan, "image/png"))], data={"collection": "x" * 201}
    )
    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert message == "the collection name is 201 characters long; at most 200 are allowed"
    assert client.get("/api/v1/documents").json()["total"] == 0
