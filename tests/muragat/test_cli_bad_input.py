"""Bad input through the command line: every bad file or row is named with what is wrong, the rest of
the batch goes on, nothing already stored is lost, and the command exits non-zero at the end. Every other
failure (a bad setting, a path that cannot be written or read) is one line with its exit code, never a
traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlmodel import select

from muragat.errors import ExitCode
from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import Document, Graduate
from tests.conftest import RESOURCES, SAMPLES
from tests.muragat.test_end_to_end import env_for, muragat
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


def _one_line(run: subprocess.CompletedProcess[str]) -> str:
    [line] = run.stderr.strip().splitlines()  # a traceback would be many
    return line


def test_a_bad_setting_is_one_line_naming_the_variable(settings: Settings) -> None:
    env = {**env_for(settings), "MURAGAT_OCR_DPI": "abc"}
    run = muragat(settings, "status", env=env)
    assert run.returncode == ExitCode.INVALID_INPUT, run.stderr
    assert _one_line(run) == (
        "error: MURAGAT_OCR_DPI: input should be a valid integer, unable to parse string as an integer "
        "(it is 'abc')"
    )

    env = {**env_for(settings), "MURAGAT_LOCKOUT_ATTEMPTS": "0", "MURAGAT_S3_SECURE": "maybe"}
    run = muragat(settings, "status", env=env)
    assert run.returncode == ExitCode.INVALID_INPUT, run.stderr
    line = _one_line(run)
    assert "MURAGAT_S3_SECURE: input should be a valid boolean" in line and "'maybe'" in line
    assert "MURAGAT_LOCKOUT_ATTEMPTS: input should be greater than or equal to 1 (it is '0')" in line


def test_a_bad_database_url_is_named_without_its_password(settings: Settings) -> None:
    env = {**env_for(settings), "MURAGAT_DATABASE_URL": "postgres://archive:hunter2@db/muragat"}
    run = muragat(settings, "status", env=env)
    assert run.returncode == ExitCode.INVALID_INPUT, run.stderr
    line = _one_line(run)
    assert line.startswith("error: MURAGAT_DATABASE_URL: not a database URL SQLAlchemy knows") and (
        "hunter2" not in line
    )


def test_export_to_a_missing_folder_names_the_path(settings: Settings, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "export.jsonl"
    run = muragat(settings, "export", "-o", str(target))
    assert run.returncode == ExitCode.INVALID_INPUT, run.stderr
    assert _one_line(run) == f"error: {target}: cannot be written (No such file or directory)"
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("audit", "search", "--since", "last week"), ExitCode.INVALID_INPUT, "--since must be an ISO 8601"),
        (("graduates", "import", "{tmp}/none.csv"), ExitCode.INVALID_INPUT, "{tmp}/none.csv: cannot be read"),
        (("restore", "{tmp}/none", "--yes"), ExitCode.INVALID_INPUT, "{tmp}/none: no such backup folder"),
        (("backup", "{tmp}/none/backup"), ExitCode.INVALID_INPUT, "{tmp}/none: no such folder"),
        (("backup", "{tmp}/" + "b" * 300), ExitCode.FAILURE, "backup into {tmp}/bbb"),
        (("retry", "not-an-id"), ExitCode.INVALID_INPUT, "'not-an-id' is not a document id"),
    ],
)
def test_a_failed_command_says_why_in_one_line(
    settings: Settings, tmp_path: Path, args: tuple[str, ...], code: ExitCode, message: str
) -> None:
    run = muragat(settings, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert run.returncode == code, run.stderr
    assert _one_line(run).startswith("error: " + message.replace("{tmp}", str(tmp_path)))


def test_errors_are_written_in_muragat_language_or_the_locales(settings: Settings) -> None:
    kazakh = muragat(settings, "retry", "not-an-id", env={**env_for(settings), "MURAGAT_LANGUAGE": "kk"})
    assert kazakh.returncode == ExitCode.INVALID_INPUT, kazakh.stderr
    assert _one_line(kazakh) == "error: 'not-an-id' құжат идентификаторы емес"

    env = {**env_for(settings), "MURAGAT_OCR_DPI": "abc", "MURAGAT_LANGUAGE": "ru"}
    assert _one_line(muragat(settings, "status", env=env)) == (
        "error: MURAGAT_OCR_DPI: input should be a valid integer, unable to parse string as an integer "
        "(значение 'abc')"
    )
    # a language Muragat lacks is itself the error, written in the locale's language
    env = {
        **env_for(settings),
        "MURAGAT_LANGUAGE": "de",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": "ru_RU.UTF-8",
    }
    wrong = muragat(settings, "status", env=env)
    assert wrong.returncode == ExitCode.INVALID_INPUT
    assert (
        _one_line(wrong) == "error: MURAGAT_LANGUAGE: value error, must be one of kk, ru, en (значение 'de')"
    )


def test_a_home_that_cannot_be_made_is_named(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    home = tmp_path / "a file" / "home"
    run = muragat(settings, "status", env={**env_for(settings), "MURAGAT_HOME": str(home)})
    assert run.returncode == ExitCode.FAILURE, run.stderr
    assert _one_line(run) == f"error: {home}: Not a directory"
