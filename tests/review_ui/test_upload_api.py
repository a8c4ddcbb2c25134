"""The upload API speaks the uploader's language: each result and each refusal in it, beside the English
the API and the CLI keep."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from storage.models import Role
from tests.pages import DIPLOMA_LINES, encode, render_page


def test_upload_results_are_shown_in_the_uploaders_language(client: TestClient) -> None:
    scan = encode([render_page(DIPLOMA_LINES)], "PNG")
    files = [
        ("files", ("diploma.png", scan, "image/png")),
        ("files", ("again.png", scan, "image/png")),
        ("files", ("notes.pdf", b"plain text, not a PDF", "application/pdf")),
    ]
    created, existing, bad = client.post("/api/v1/documents", files=files).json()["results"]
    assert created["message"] == "diploma.png: stored, 1 page(s), queued"  # the admin reads Kazakh
    assert created["message_localized"] == "diploma.png: сақталды, 1 бет, кезекке қойылды"
    assert existing["message_localized"].startswith("again.png: мұрағатта diploma.png деген атпен бар")
    assert bad["message"].startswith(
        "notes.pdf: unsupported file: the content looks like plain text although"
    )
    assert bad["message_localized"].startswith(
        "notes.pdf: қолдау көрсетілмейтін файл: атауы .pdf деп аяқталғанымен, мазмұны бойынша бұл — "
        "қарапайым мәтін."
    )


def test_a_refused_upload_is_explained_in_the_uploaders_language(
    client_as: Callable[..., TestClient],
) -> None:
    archivist = client_as(Role.archivist, language="ru")
    scan = encode([render_page(["ПРОТОКОЛ"])], "PNG")
    answer = archivist.post(
        "/api/v1/documents", files=[("files", ("p.png", scan, "image/png"))], data={"collection": "x" * 201}
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["message"] == "the collection name is 201 characters long; at most 200 are allowed"
    assert error["message_localized"] == "название коллекции длиной 201 символов; допускается не больше 200"
    assert error["message_code"] == "ingest.collection_name_too_long"
