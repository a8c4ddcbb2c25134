"""IINs masked in every answer to the roles that work with the masked form, whatever put them there, and
the reviewer's comparison of two IINs by digit position."""

from __future__ import annotations

import random
from collections.abc import Callable

from fastapi.testclient import TestClient

from muragat.settings import Settings
from review_ui.iin_mask import _held_back, mask_bytes
from storage.models import Document, MatchDecision, Role
from storage.revisions import changes_by
from tests.review_ui.archive import IIN, db, make_diploma, make_graduate

MASKED = IIN[:4] + "******" + IIN[-2:]


def _streamed(data: bytes, cuts: list[int]) -> bytes:
    """What the middleware sends for `data` arriving in pieces cut at `cuts`."""
    pending = sent = b""
    out = []
    pieces = [data[i:j] for i, j in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    for n, piece in enumerate(pieces):
        chunk = pending + piece
        cut = _held_back(chunk) if n < len(pieces) - 1 else len(chunk)
        safe, pending = chunk[:cut], chunk[cut:]
        out.append(mask_bytes(safe, sent))
        sent = (sent + safe)[-1:]
    return b"".join(out)


def test_only_a_lone_run_of_twelve_digits_is_masked() -> None:
    text = f'{{"iin": "{IIN}", "id": "a-{IIN}", "n": {IIN}5, "t": "ИИН {IIN}."}}'.encode()
    assert (
        mask_bytes(text).decode()
        == f'{{"iin": "{MASKED}", "id": "a-{IIN}", "n": {IIN}5, "t": "ИИН {MASKED}."}}'
    )


def test_an_iin_cut_between_two_chunks_is_masked_as_a_whole() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        data = bytes(rng.choice(b"0123456789 a-x") for _ in range(rng.randint(0, 60))).replace(
            b"x", IIN.encode()
        )
        cuts = sorted(rng.sample(range(1, len(data)), min(len(data) - 1, 5))) if len(data) > 1 else []
        assert _streamed(data, cuts) == mask_bytes(data), (data, cuts)


def test_reviewers_see_iins_masked_and_compared_by_digit(
    settings: Settings, client_as: Callable[[Role], TestClient]
) -> None:
    make_graduate(settings)
    document_id, _ = make_diploma(settings, decision=MatchDecision.auto_matched)
    with db(settings) as session, changes_by(session, "test", "a misread digit"):
        doc = session.get_one(Document, document_id)
        doc.fields = {**doc.fields, "iin": IIN[:6] + "9" + IIN[7:], "note": f"ИИН {IIN}"}
    reviewer = client_as(Role.reviewer)
    shown = reviewer.get(f"/api/v1/documents/{document_id}").text + reviewer.get("/api/v1/documents").text
    candidates = reviewer.get(f"/api/v1/documents/{document_id}/candidates")
    page = reviewer.get(f"/documents/{document_id}").text
    for text in (shown, candidates.text, page):
        assert IIN not in text and IIN[:6] + "9" not in text
    assert MASKED in shown
    iin_row = next(r for r in candidates.json()[0]["compare"] if r["field"] == "iin")
    assert iin_row["same"] is False and iin_row["detail"] == "7-цифры өзгеше"
    # two digits typed wrong: no positions, or typing IINs in would read the registry's digit by digit
    with db(settings) as session, changes_by(session, "test", "two digits"):
        doc = session.get_one(Document, document_id)
        doc.fields = {**doc.fields, "iin": IIN[:6] + "99" + IIN[8:]}
    candidates = reviewer.get(f"/api/v1/documents/{document_id}/candidates")
    iin_row = next(r for r in candidates.json()[0]["compare"] if r["field"] == "iin")
    assert iin_row["detail"] == "бірнеше цифры өзгеше"


def test_an_admin_sees_iins_in_full(settings: Settings, client_as: Callable[[Role], TestClient]) -> None:
    make_graduate(settings)
    document_id, _ = make_diploma(settings)
    admin = client_as(Role.admin)
    assert IIN in admin.get(f"/api/v1/documents/{document_id}").text
