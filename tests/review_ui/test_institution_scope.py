"""Every route of the application, called by accounts of every role limited to institution A, against the
documents, graduates, matches and revisions of institution B: no answer may show B's data, and nothing of
B's may change.

The routes come from the application itself, so a new route is in this test as soon as it exists. Each is
called with B's ids in its path (a document, a graduate, a match, a revision), with a body that would
change B's data where the route changes data, and with a query that finds B's documents where it searches.
A leak is any of B's identifying values in an answer: the graduate's surname, IIN (in full or masked),
diploma number, or the scan's file name.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlmodel import col, select
from starlette.routing import Mount

from muragat.settings import Settings
from review_ui.personal_data import mask_iin
from storage.models import Document, Graduate, Match, MatchDecision, Revision, Role
from storage.revisions import changes_by
from tests.review_ui.archive import GRADUATE, db, limit_account, make_diploma, make_graduate, png
from tests.review_ui.conftest import make_user, sign_in

A, B = "Әл-Фараби атындағы Қазақ ұлттық университеті", "Сәтбаев университеті"
B_GRADUATE: dict[str, Any] = {
    **GRADUATE,
    "graduate_id": "SU-0042",
    "iin": "920304450076",
    "last_name": "Жексенбаева",
    "first_name": "Гүлнар",
    "institution": B,
    "diploma_series": "ЖБ-Б",
    "diploma_number": "7770001",
}
B_MARKERS = ("Жексенбаева", "920304450076", mask_iin("920304450076"), "7770001", "satbayev-secret")
SCOPED_ROLES = (Role.archivist, Role.reviewer, Role.admin, Role.auditor, Role.verifier)
# Signing out would end the test's own session; signing in is not about another institution's data.
SKIPPED = {("POST", "/logout"), ("POST", "/login"), ("GET", "/login")}


@dataclass(frozen=True)
class Archive:
    document_id: uuid.UUID
    pending_id: uuid.UUID
    match_id: uuid.UUID
    revision_id: uuid.UUID


def _b_archive(settings: Settings) -> Archive:
    make_graduate(settings)  # institution A's
    make_diploma(settings, name="kaznu.png")
    make_graduate(settings, **B_GRADUATE)
    document_id, match_id = make_diploma(settings, graduate_id="SU-0042", name="satbayev-secret.png")
    pending_id, _ = make_diploma(
        settings,
        graduate_id="SU-0042",
        name="satbayev-secret-2.png",
        decision=MatchDecision.auto_matched,
    )
    with db(settings) as session:
        with changes_by(session, "dana", "a reviewer's edit"):
            doc = session.get_one(Document, document_id)
            doc.fields = {**doc.fields, "patronymic": "Серікқызы"}
        session.flush()
        revision = session.exec(
            select(Revision)
            .where(Revision.entity_id == document_id)
            .order_by(col(Revision.created_at).desc())
        ).first()
        assert revision is not None
        return Archive(document_id, pending_id, match_id, revision.id)


def sign_in_limited(settings: Settings, client: TestClient, name: str, role: Role, institution: str) -> None:
    """An account of one institution, signed in on the client."""
    make_user(settings, name, role)
    limit_account(settings, name, institution)
    sign_in(client, name)


def _snapshot(settings: Settings) -> dict[str, Any]:
    """Everything of B's that a write could change."""
    with db(settings) as session:
        graduate = session.exec(select(Graduate).where(Graduate.graduate_id == "SU-0042")).one()
        documents = session.exec(select(Document).where(col(Document.filename).startswith("satbayev"))).all()
        matches = session.exec(select(Match).where(Match.graduate_id == graduate.id)).all()
        return {
            "graduate": graduate.model_dump(exclude={"updated_at"}),
            "documents": sorted(
                (d.filename, d.status, d.fields, d.row_resolutions, d.institution, d.kind) for d in documents
            ),
            "matches": sorted((str(m.document_id), m.decision) for m in matches),
            "graduates": session.exec(select(Graduate.graduate_id).order_by(col(Graduate.graduate_id))).all(),
        }


def _value(name: str, annotation: Any, archive: Archive) -> str:
    if name == "document_id":
        return str(archive.pending_id)
    if name == "graduate_id":
        return "SU-0042"
    if name == "match_id":
        return str(archive.match_id)
    if name == "revision_id":
        return str(archive.revision_id)
    if annotation is uuid.UUID:
        return str(uuid.uuid4())
    if annotation is int or name in ("number", "row", "block", "line"):
        return "1"
    if typing.get_origin(annotation) is typing.Literal:
        return str(typing.get_args(annotation)[0])
    if name == "fmt":
        return "csv"
    if name == "name":
        return "documents_by_institution"
    return "x"


def _paths(app: FastAPI, archive: Archive) -> Iterator[tuple[str, str]]:
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, Mount):
            continue
        for method in sorted(route.methods or ()):
            path = route.path_format
            for param in route.dependant.path_params:
                path = path.replace(
                    "{" + param.name + "}", _value(param.name, param.field_info.annotation, archive)
                )
            if (method, path) not in SKIPPED:
                yield method, path
                if "{document_id}" in route.path_format:  # the confirmed diploma too
                    yield method, path.replace(str(archive.pending_id), str(archive.document_id))


TAKEOVER = {
    **B_GRADUATE,
    "last_name": "Взломов",
    "iin": "900101300015",
    "institution": A,
    "diploma_number": "1",
}
TAKEOVER_CSV = (
    "graduate_id,iin,last_name,first_name,institution,degree,graduation_year\n"
    f"SU-0042,900101300015,Взломов,Иван,{A},bachelor,2011\n"
    f"SU-0042,900101300015,Взломов,Иван,{B},bachelor,2011\n"
)
# a body that would change B's data, for each route that changes data
WRITE = {
    "reason": "taking over",
    "fields": {"last_name": "Взломов", "institution": A},
    "graduate_id": "SU-0042",
    "replace": True,
    "resolution": "not_in_registry",
    "text": "Взломов",
    "expected": "x",
    "graduates": [{**TAKEOVER, "birth_date": "1989-01-26", "issue_date": "2011-06-30"}],
    "source": "lms",
}
QUERY = {"q": "Гүлнар", "last_name": "Жексенбаева", "iin": "920304450076", "document": "", "limit": "50"}


def _call(client: TestClient, method: str, path: str) -> Any:
    if path.endswith("/graduates/import"):
        return client.post(path, files={"file": ("registry.csv", TAKEOVER_CSV.encode(), "text/csv")})
    if path.endswith("/documents") and method == "POST":
        return client.post(path, files={"files": ("upload.png", b"not an image", "image/png")})
    if method in ("GET", "HEAD"):
        return client.request(method, path, params=QUERY, follow_redirects=False)
    return client.request(method, path, json=WRITE, params={}, follow_redirects=False)


def _leaks(text: str) -> list[str]:
    return [marker for marker in B_MARKERS if marker in text]


@pytest.fixture
def app(app_client: TestClient) -> FastAPI:
    return typing.cast(FastAPI, app_client.app)


@pytest.fixture
def make_client(app: FastAPI) -> Callable[[], TestClient]:
    """Another browser of the same app, with its own cookies."""
    return lambda: TestClient(app)


@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_an_account_of_one_institution_reaches_nothing_of_another(
    role: Role, settings: Settings, app: FastAPI, app_client: TestClient
) -> None:
    archive = _b_archive(settings)
    before = _snapshot(settings)
    sign_in_limited(settings, app_client, f"{role}-a", role, A)
    leaks: list[str] = []
    server_errors: list[str] = []
    calls = 0
    for method, path in _paths(app, archive):
        answer = _call(app_client, method, path)
        calls += 1
        if answer.status_code >= 500:
            server_errors.append(f"{method} {path}: {answer.status_code}")
        if found := _leaks(answer.text):
            leaks.append(f"{method} {path} ({answer.status_code}): {found}")
    print(
        f"\n{role}: {calls} routes called on institution B's data: "
        f"{len(leaks)} leaks, {len(server_errors)} 5xx"
    )
    assert calls > 40
    assert leaks == [], "\n".join(leaks)
    assert server_errors == []
    assert _snapshot(settings) == before


def test_the_same_routes_show_the_other_institution_to_an_account_of_all(
    settings: Settings, app_client: TestClient
) -> None:
    """The check above can fail: an admin of all institutions, on the same routes, sees B's data."""
    archive = _b_archive(settings)
    make_user(settings, "admin-all", Role.admin)
    sign_in(app_client, "admin-all")
    for path in (f"/api/v1/documents/{archive.document_id}", "/api/v1/documents", "/api/v1/queue"):
        assert _leaks(app_client.get(path, params=QUERY).text), path
    pushed = app_client.post(
        "/api/v1/graduates/batch", json={"source": "lms", "graduates": WRITE["graduates"]}
    )
    assert pushed.json()["updated"] == 1


def test_a_limited_uploader_keeps_its_upload_and_sees_only_its_own(
    settings: Settings, app_client: TestClient, make_client: Callable[[], TestClient]
) -> None:
    sign_in_limited(settings, app_client, "archivist-b", Role.archivist, B)
    sent = app_client.post("/api/v1/documents", files={"files": ("satbayev-box.png", png(), "image/png")})
    assert sent.json()["created"] == 1, sent.text
    document_id = sent.json()["results"][0]["document_id"]
    with db(settings) as session:
        doc = session.get_one(Document, uuid.UUID(document_id))
        assert (doc.institution, doc.institution_source) == (B, "uploader")
    other = make_client()
    sign_in_limited(settings, other, "archivist-a", Role.archivist, A)
    assert other.get(f"/api/v1/documents/{document_id}").status_code == 404
    assert "satbayev-box" not in other.get("/api/v1/documents").text
    again = other.post("/api/v1/documents", files={"files": ("copy.png", png(), "image/png")}).json()
    assert again["results"][0]["result"] == "rejected" and document_id not in str(again)


def test_the_reviewer_report_counts_only_the_institutions_own_work(
    settings: Settings, app_client: TestClient, make_client: Callable[[], TestClient]
) -> None:
    """Reviewers are people, not rows of a table the scope names: their work is counted by the
    documents and matches it was done on."""
    _b_archive(settings)  # "dana" edits a field of B's document
    make_user(settings, "dana", Role.reviewer)
    make_user(settings, "admin-a", Role.admin)
    limit_account(settings, "admin-a", A)
    make_user(settings, "admin-all", Role.admin)
    report = "/api/v1/reports/reviewer_throughput.csv"
    sign_in(app_client, "admin-a")
    assert "dana" not in app_client.get(report).text
    everyone = make_client()
    sign_in(everyone, "admin-all")
    assert ",dana,0,1" in everyone.get(report).text


def test_a_batch_is_its_institutions_own(
    settings: Settings, app_client: TestClient, make_client: Callable[[], TestClient]
) -> None:
    sign_in_limited(settings, app_client, "archivist-b", Role.archivist, B)
    refused = app_client.post(
        "/api/v1/documents",
        files={"files": ("empty.png", b"", "image/png")},
        data={"collection": "Сәтбаев 2011"},
    )
    assert refused.json()["rejected"] == 1, refused.text
    # a batch whose only upload was refused is still shown to its own institution, under any spelling
    limit_account(settings, "archivist-b", "  сӘтбаев   УНИВЕРСИТЕТІ ")
    names = [c["name"] for c in app_client.get("/api/v1/collections").json()]
    assert names == ["Сәтбаев 2011"]
    other = make_client()
    sign_in_limited(settings, other, "archivist-a", Role.archivist, A)
    assert other.get("/api/v1/collections").json() == []
    joined = other.post(
        "/api/v1/documents",
        files={"files": ("a.png", png(), "image/png")},
        data={"collection": "Сәтбаев 2011"},
    )
    assert joined.status_code == 409, joined.text
    assert joined.json()["error"]["message_code"] == "ingest.collection_name_taken"


def test_a_scoped_reviewers_edit_matches_against_the_whole_registry(
    settings: Settings, app_client: TestClient
) -> None:
    """A's own scan the worker matched to B's graduate: the reviewer of A corrects it to A's graduate.
    Matching again sees what the worker saw, so B's stale automatic match is taken away (not left
    settled beside the new one)."""
    make_graduate(settings)  # A's
    make_graduate(settings, **B_GRADUATE)
    document_id, stale = make_diploma(
        settings, graduate_id="SU-0042", decision=MatchDecision.auto_matched, name="held-by-a.png"
    )
    with db(settings) as session, changes_by(session, "test", "uploaded by institution A"):
        doc = session.get_one(Document, document_id)
        doc.institution, doc.institution_source = A, "uploader"
    sign_in_limited(settings, app_client, "reviewer-a", Role.reviewer, A)
    corrected = {name: str(GRADUATE[name]) for name in ("last_name", "first_name", "iin", "diploma_number")}
    corrected["diploma_series"] = str(GRADUATE["diploma_series"])
    answer = app_client.patch(
        f"/api/v1/documents/{document_id}/fields", json={"fields": corrected, "reason": "misread"}
    )
    assert answer.status_code == 200, answer.text
    with db(settings) as session:
        matches = session.exec(select(Match).where(Match.document_id == document_id)).all()
        settled = [m for m in matches if m.decision in (MatchDecision.auto_matched, MatchDecision.confirmed)]
        assert stale not in {m.id for m in settled}
        assert len(settled) <= 1
