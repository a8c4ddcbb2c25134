"""Bad input through the command line: every bad file or row is named with what is wrong, the rest of
the batch goes on, nothing already stored is lost, and the command exits non-zero at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Document, Graduate
from tests.conftest import RESOURCES, SAMPLES
from tests.muragat.test_end_to_end import muragat
from tests.ocr.test_rasterize import encrypted_pdf, png_1bit
from tests.pages import DIPLOMA_LINES, encode, render_page

pytestmark = pytest.mark.slow


def test_a_batch_of_bad_files(settings: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    jpeg = (SAMPLES / "scans" / "doc0008.jpg").read_bytes()
    (batch / "good.png").write_bytes(encode([render_page(DIPLOMA_LINES[:3])], "PNG"))
    (batch / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (batch / "letter.pdf").write_text("Dear archivist, this is a text file.\n", encoding="utf-8")
    (batch / "locked.pdf").write_bytes(encrypted_pdf(b"secret", b"owner"))
    (batch / "empty.tif").write_bytes(b"")
    (batch / "huge.png").write_bytes(png_1bit(30_000, 30_000))

    run = muragat(settings, "ingest", str(batch), "--wait")
    assert run.returncode == 2, run.stdout + run.stderr
    said = run.stdout + run.stderr
    assert "1 stored, 0 already in the archive, 5 rejected" in said
    for name, what in [
        ("truncated.jpg", "truncated or damaged"),
        ("letter.pdf", "looks like plain text"),
        ("locked.pdf", "protected by a password"),
        ("empty.tif", "empty file"),
        ("huge.png", "30000x30000 pixels"),
    ]:
        line = next((x for x in said.splitlines() if x.startswith(f"rejected: {name}: ")), None)
        assert line is not None, f"{name} not reported in:\n{said}"
        assert what in line, line
    assert run.stderr.strip().splitlines()[-1] == (
        "error: 5 of 6 files rejected (empty.tif, huge.png, letter.pdf, locked.pdf, truncated.jpg); "
        "the reasons are above"
    )
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        [doc] = session.exec(select(Document)).all()
        assert doc.filename == "good.png" and doc.status == "needs_review"


def test_registry_with_bad_rows_keeps_the_good_ones(settings: Settings) -> None:
    run = muragat(settings, "graduates", "import", str(RESOURCES / "registry_bad_rows.csv"))
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert any("line 3" in x and "iin" in x for x in lines), run.stderr
    assert all(x.startswith(str(RESOURCES / "registry_bad_rows.csv")) for x in lines if "line " in x)
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        kept = {g.graduate_id for g in session.exec(select(Graduate))}
    assert "G100001" in kept and "G100002" not in kept
    assert f"{len(kept)} added" in run.stdout


def test_registry_in_windows_1251_is_refused_whole(settings: Settings) -> None:
    run = muragat(settings, "graduates", "import", str(RESOURCES / "registry_cp1251.csv"))
    assert run.returncode == 2
    [message] = run.stderr.strip().splitlines()
    assert message.startswith("error: ") and "registry_cp1251.csv" in message and "Windows-1251" in message
    with session_scope(get_engine(settings.sqlalchemy_url)) as session:
        assert session.exec(select(Graduate)).all() == []
