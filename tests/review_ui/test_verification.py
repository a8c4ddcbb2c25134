"""Ministry verification on the real PostgreSQL and Redis: the look-up's three answers, who may ask, the
signed public link (no IIN on it; an altered payload or signature, or another key, refused; a withdrawn
confirmation no longer valid), the QR code, and the rate limit of the public page."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import cv2
import numpy as np
import pytest
import redis
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlmodel import select
from starlette.requests import Request

from muragat.accounts import verification_key
from muragat.app import create_app
from muragat.queue import document_queue
from muragat.settings import Settings
from ocr.qr import decode_qr
from review_ui.rate_limit import FixedWindowLimiter
from review_ui.verification import public_url
from review_ui.verification_links import sign_claim
from storage.models import AuditEntry, Document, MatchDecision, Role
from storage.revisions import changes_by
from tests.review_ui.archive import (
    GRADUATE,
    IIN,
    change_graduate,
    db,
    limit_account,
    make_diploma,
    make_graduate,
    png,
    set_decision,
)

ASK = {"diploma_series": "ЖБ", "diploma_number": "0012345", "iin": IIN}
PUBLIC_BASE = "https://muragat.example.kz"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The links of these tests are issued under a configured public address."""
    return settings.model_copy(update={"public_base_url": PUBLIC_BASE})


@pytest.fixture
def archive(settings: Settings) -> dict[str, Any]:
    graduate_id = make_graduate(settings)
    document_id, match_id = make_diploma(settings)
    return {"graduate_id": graduate_id, "document_id": document_id, "match_id": match_id}


@pytest.fixture
def verifier(client_as: Callable[[Role], TestClient]) -> TestClient:
    return client_as(Role.verifier)


def ask(client: TestClient, **query: Any) -> Any:
    answer = client.post("/api/v1/verify", json={**ASK, **query})
    assert answer.status_code == 200, answer.text
    return answer.json()


def public_path(client: TestClient) -> str:
    [document] = ask(client)["documents"]
    return urlsplit(document["verification_url"]).path


def public(client: TestClient) -> TestClient:
    """A visitor with no account, on the same app."""
    return TestClient(client.app)


# --- the look-up ---------------------------------------------------------------------------------------


def test_found_by_iin_and_by_surname(verifier: TestClient, archive: dict[str, Any]) -> None:
    by_iin = ask(verifier)
    assert by_iin["result"] == "found" and by_iin["differences"] == []
    assert by_iin["graduate"]["graduate_id"] == "G000777"
    assert by_iin["graduate"]["iin"] == "8901******14" and by_iin["iin_shown"] == "masked"
    [document] = by_iin["documents"]
    assert document["document_id"] == str(archive["document_id"])
    assert document["verification_url"].startswith(PUBLIC_BASE + "/v/")
    assert document["qr_url"] == f"/api/v1/verify/{archive['match_id']}/qr.png"
    # the surname as a Russian keyboard types it, with a series typed in Latin look-alikes and spaces
    by_name = ask(verifier, iin=None, last_name="Калиева", diploma_series="  ЖБ ", diploma_number="001 2345")
    assert by_name["result"] == "found" and by_name["graduate"]["graduate_id"] == "G000777"


def test_not_found(verifier: TestClient, archive: dict[str, Any]) -> None:
    assert ask(verifier, diploma_number="9999999") == {
        "result": "not_found",
        "differences": [],
        "unconfirmed": [],
        "iin_shown": "masked",
        "graduate": None,
        "documents": [],
    }
    # the number alone agreeing is no answer: neither the series nor the person does
    stranger = ask(verifier, diploma_series="ТВ", iin="950305501234")
    assert stranger["result"] == "not_found" and stranger["graduate"] is None


def test_found_with_differences_names_the_fields(verifier: TestClient, archive: dict[str, Any]) -> None:
    series = ask(verifier, diploma_series="ЖВ")
    assert series["result"] == "found_with_differences" and series["differences"] == ["diploma_series"]
    both = ask(verifier, iin="950305501234", last_name="Қалиева")
    assert both["result"] == "found_with_differences" and both["differences"] == ["iin"]
    surname = ask(verifier, iin=None, last_name="Абилова")
    assert surname["result"] == "found_with_differences" and surname["differences"] == ["last_name"]


def test_scan_differences_are_named(verifier: TestClient, settings: Settings) -> None:
    make_graduate(settings)
    make_diploma(
        settings, fields={"last_name": "Калиева", "diploma_number": "0012346", "diploma_series": "ЖБ"}
    )
    [document] = ask(verifier)["documents"]
    assert document["scan_differences"] == ["diploma_number"]


def test_a_surname_or_iin_is_required(verifier: TestClient, archive: dict[str, Any]) -> None:
    answer = verifier.post("/api/v1/verify", json={"diploma_series": "ЖБ", "diploma_number": "0012345"})
    assert answer.status_code == 422


@pytest.mark.parametrize("role", [Role.archivist, Role.reviewer, Role.auditor])
def test_only_verifiers_and_admins_look_up(
    client_as: Callable[[Role], TestClient], archive: dict[str, Any], role: Role
) -> None:
    other = client_as(role)
    assert other.post("/api/v1/verify", json=ASK).status_code == 403
    assert other.get("/verify").status_code == 403
    assert other.get(f"/api/v1/verify/{archive['match_id']}/qr.png").status_code == 403


def test_admin_looks_up(client: TestClient, archive: dict[str, Any]) -> None:
    assert ask(client)["result"] == "found"


def test_lookups_and_full_iins_are_logged(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    assert ask(verifier)["graduate"]["iin"] == "8901******14"
    revealed = ask(verifier, reveal_iin=True)
    assert revealed["graduate"]["iin"] == IIN and revealed["iin_shown"] == "full"
    with db(settings) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.actor == "verifier-user")).all()
    actions = [e.action for e in entries]
    assert actions.count("verification.lookup") == 2 and actions.count("iin.shown") == 1
    lookup = next(e for e in entries if e.action == "verification.lookup")
    assert lookup.entity == "graduate" and lookup.details["iin"] == "8901******14"
    assert IIN not in json.dumps([e.details for e in entries if e.action == "verification.lookup"])


def test_the_page_answers_and_masks(verifier: TestClient, archive: dict[str, Any]) -> None:
    page = verifier.post("/verify", data={**ASK, "last_name": ""})
    assert page.status_code == 200
    assert 'id="verify-answer"' in page.text and "8901******14" in page.text
    assert IIN not in page.text.replace(f'value="{IIN}"', "")  # only the form echoes what was typed
    assert 'id="reveal-iin"' in page.text and "/v/" in page.text
    revealed = verifier.post("/verify", data={**ASK, "reveal_iin": "1"})
    assert f'<td data-field="iin">{IIN}</td>' in revealed.text
    differ = verifier.post("/verify", data={**ASK, "diploma_series": "ЖВ"})
    assert 'data-field="diploma_series"' in differ.text
    incomplete = verifier.post("/verify", data={**ASK, "iin": "", "diploma_series": "  "})
    assert incomplete.status_code == 422 and 'role="alert"' in incomplete.text


def test_the_scan_is_shown_for_a_confirmed_diploma_only(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    verifier.app.state.store.put(f"pages/{archive['document_id']}/0001.png", png(), "image/png")  # type: ignore[attr-defined]
    [document] = ask(verifier)["documents"]
    scan = verifier.get(document["scan_urls"][0])
    assert scan.status_code == 200 and scan.headers["content-type"] == "image/png"
    _, pending = make_diploma(settings, decision=MatchDecision.needs_review, name="other.png")
    assert verifier.get(f"/api/v1/verify/{pending}/pages/1/image").status_code == 404


# --- the public link ------------------------------------------------------------------------------------


def test_the_public_page_confirms_without_the_iin(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    path = public_path(verifier)
    page = public(verifier).get(path)
    assert page.status_code == 200, page.text
    assert 'data-state="valid"' in page.text
    for shown in ("Қалиева Ш. Н.", GRADUATE["institution"], "ЖБ 0012345", "2011", "30.06.2011"):
        assert shown in page.text
    digits = "".join(c for c in page.text if c.isdigit())
    assert IIN not in page.text and IIN not in digits
    assert "8901" not in page.text and "26.01.1989" not in page.text and "Шынар" not in page.text
    assert set(_claim(path)[2]) == {"v", "m", "f"}  # the link itself carries no personal data
    assert len(path) < 150  # short enough for a coarse QR code
    assert page.headers["cache-control"] == "no-store" and "noindex" in page.headers["x-robots-tag"]
    russian = public(verifier).get(path, params={"lang": "ru"})
    assert russian.status_code == 200 and 'lang="ru"' in russian.text
    with db(settings) as session:
        views = session.exec(select(AuditEntry).where(AuditEntry.action == "verification.public")).all()
    assert len(views) == 2 and views[0].entity_id == str(archive["graduate_id"])


def _refused(client: TestClient, path: str) -> None:
    page = public(client).get(path)
    assert page.status_code == 404, path
    assert 'data-state="invalid"' in page.text and "Қалиева" not in page.text


def _claim(path: str) -> tuple[str, str, dict[str, Any]]:
    payload, signature = path.removeprefix("/v/").split(".")
    return payload, signature, json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_altered_or_forged_links_are_refused(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    make_graduate(settings, graduate_id="G2", iin=None, last_name="Абилова", diploma_number="0099999")
    _, other_match = make_diploma(settings, "G2", name="other.png")
    payload, signature, claim = _claim(public_path(verifier))
    assert set(claim) == {"v", "m", "f"} and claim["m"] == archive["match_id"].hex
    ours = verification_key(settings)
    other_key = b"some other key"

    # the link of one real diploma turned to another, keeping its signature
    swapped = sign_claim({**claim, "m": other_match.hex}, other_key).split(".")[0]
    _refused(verifier, f"/v/{swapped}.{signature}")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    _refused(verifier, f"/v/{payload}.{flipped}")  # altered signature
    _refused(verifier, f"/v/{payload}.{signature[:-2]}")  # cut signature
    _refused(verifier, f"/v/{payload[:-4]}.{signature}")  # cut payload
    _refused(verifier, "/v/" + sign_claim(claim, other_key))  # the true claim, signed with another key
    _refused(verifier, "/v/" + sign_claim({**claim, "m": other_match.hex}, other_key))
    _refused(verifier, "/v/not-a-link.at-all")
    # only our key makes a link that opens: the check is the signature, not the shape
    assert public(verifier).get("/v/" + sign_claim(claim, ours)).status_code == 200
    # a claim signed with our key whose fingerprint is not the facts' is no longer valid, not shown
    stale = public(verifier).get("/v/" + sign_claim({**claim, "f": "A" * 22}, ours))
    assert stale.status_code == 410 and "Қалиева" not in stale.text


def test_a_withdrawn_confirmation_is_no_longer_valid(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    path = public_path(verifier)
    set_decision(settings, archive["match_id"], MatchDecision.rejected)
    page = public(verifier).get(path)
    assert page.status_code == 410 and 'data-state="revoked"' in page.text
    set_decision(settings, archive["match_id"], MatchDecision.confirmed)
    assert public(verifier).get(path).status_code == 200
    change_graduate(settings, "G000777", diploma_number="0012399")
    assert public(verifier).get(path).status_code == 410


def test_unsettled_matches_have_no_link(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    set_decision(settings, archive["match_id"], MatchDecision.needs_review)
    answer = ask(verifier)
    assert answer["result"] == "found" and answer["documents"] == []
    assert verifier.get(f"/api/v1/verify/{archive['match_id']}/qr.png").status_code == 404


def test_the_qr_code_carries_the_link(verifier: TestClient, archive: dict[str, Any]) -> None:
    [document] = ask(verifier)["documents"]
    image = verifier.get(document["qr_url"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    pixels = cv2.imdecode(np.frombuffer(image.content, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert decode_qr(pixels) == document["verification_url"]  # the reader the OCR stage uses too


def test_no_link_is_built_from_a_clients_host_header(
    client_as: Callable[[Role], TestClient], settings: Settings, archive: dict[str, Any]
) -> None:
    settings.public_base_url = None  # the app reads the very object, so the address is gone for it too
    verifier = client_as(Role.verifier)
    answer = verifier.post("/api/v1/verify", json=ASK, headers={"Host": "evil.example"})
    [document] = answer.json()["documents"]
    assert document["verification_url"] is None and document["qr_url"] is None
    assert document["link_problem"]["code"] == "verify.no_public_base_url"
    assert document["link_problem"]["params"] == {"host": "evil.example"}
    qr = verifier.get(f"/api/v1/verify/{archive['match_id']}/qr.png", headers={"Host": "evil.example"})
    assert qr.status_code == 409 and qr.json()["error"]["message_code"] == "verify.no_public_base_url"
    page = verifier.post("/verify", data=ASK, headers={"Host": "evil.example"})
    assert "evil.example/v/" not in page.text and "MURAGAT_PUBLIC_BASE_URL" in page.text


def test_on_localhost_a_link_is_built_from_the_request(settings: Settings) -> None:
    """Development: `muragat demo` on 127.0.0.1 issues links to itself without any setting."""
    settings.public_base_url = None
    app = create_app(settings)

    def request(host: str) -> Request:
        headers = [(b"host", host.encode())]
        scope = {
            "type": "http",
            "app": app,
            "scheme": "http",
            "server": ("127.0.0.1", 8000),
            "path": "/",
            "headers": headers,
            "query_string": b"",
        }
        return Request(scope)

    assert public_url(request("127.0.0.1:8000"), "/v/x") == "http://127.0.0.1:8000/v/x"
    assert public_url(request("localhost:8000"), "/v/x") == "http://localhost:8000/v/x"


def test_the_link_is_signed_with_the_configured_key(settings: Settings) -> None:
    configured = settings.model_copy(update={"verification_secret": SecretStr("k" * 40)})
    assert verification_key(configured) == b"k" * 40
    kept = verification_key(settings)
    assert kept == verification_key(settings) and len(kept) == 64  # made once, then kept
    assert (settings.home / "verification.key").stat().st_mode & 0o777 == 0o600


# --- rate limiting ------------------------------------------------------------------------------------


def _away_from_the_minute() -> None:
    if time.time() % 60 > 55:  # a fixed window: do not let the test straddle two
        time.sleep(61 - time.time() % 60)


@pytest.mark.parametrize("with_redis", [True, False])
def test_public_lookups_are_rate_limited(
    verifier: TestClient, settings: Settings, archive: dict[str, Any], with_redis: bool
) -> None:
    path = public_path(verifier)
    limited = settings.model_copy(update={"public_rate_limit_per_minute": 3})
    connection = redis.Redis.from_url(str(settings.redis_url))
    queue = document_queue(connection, settings) if with_redis else None
    _away_from_the_minute()
    with TestClient(create_app(limited, queue)) as visitor:
        assert [visitor.get(path).status_code for _ in range(3)] == [200, 200, 200]
        refused = visitor.get(path)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
        assert 'data-state="limited"' in refused.text
        assert visitor.get("/v/forged.link").status_code == 429  # forgers are counted too
    connection.close()


def test_the_limiter_counts_per_address_and_window(settings: Settings) -> None:
    connection = redis.Redis.from_url(str(settings.redis_url))
    for limiter in (FixedWindowLimiter(connection, 2), FixedWindowLimiter(None, 2)):
        assert [limiter.allow("10.0.0.1", now=120.0) for _ in range(3)] == [True, True, False]
        assert limiter.allow("10.0.0.2", now=120.0)  # another address
        assert limiter.allow("10.0.0.1", now=180.0)  # the next minute
    unreachable = FixedWindowLimiter(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2), 1)
    assert unreachable.allow("10.0.0.1", now=0.0) and not unreachable.allow("10.0.0.1", now=0.0)
    connection.close()


def test_an_account_limited_to_an_institution_finds_only_its_graduates(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    limit_account(settings, "verifier-user", "Satbayev University")
    assert ask(verifier)["result"] == "not_found"
    limit_account(settings, "verifier-user", GRADUATE["institution"].upper())
    assert ask(verifier)["result"] == "found"


def test_an_institutions_verifier_sees_only_its_own_scans_of_a_graduate(
    verifier: TestClient, settings: Settings, archive: dict[str, Any]
) -> None:
    """Another archive may hold a scan of the same graduate's diploma: it is theirs, not this account's."""
    elsewhere, _ = make_diploma(settings, name="held-elsewhere.png")
    with db(settings) as session, changes_by(session, "test", "held by another archive"):
        session.get_one(Document, elsewhere).institution = "Satbayev University"
    limit_account(settings, "verifier-user", GRADUATE["institution"])
    assert [d["filename"] for d in ask(verifier)["documents"]] == ["diploma.png"]
