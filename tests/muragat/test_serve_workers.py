"""`muragat serve --workers 2`: two uvicorn processes on one port, both answering; a token revoked with
the CLI (a third process) is refused at once by both, though each keeps its token checks for an hour."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlmodel import select

from muragat.settings import Settings
from storage.db import get_engine, session_scope
from storage.models import User
from storage.revisions import changes_by
from tests.muragat.fault_services import free_port
from tests.muragat.test_end_to_end import env_for, muragat


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def test_two_server_processes_share_the_port_and_a_revocation(settings: Settings) -> None:
    assert muragat(settings, "users", "create", "sync", "--role", "admin").returncode == 0
    with session_scope(get_engine(settings.sqlalchemy_url)) as session, changes_by(session, "test", "set up"):
        session.exec(select(User).where(User.username == "sync")).one().must_change_password = False
    made = muragat(settings, "tokens", "create", "sync", "--name", "integration")
    secret = made.stdout.strip()
    port = free_port()
    env = env_for(settings) | {"MURAGAT_TOKEN_CACHE_SECONDS": "3600"}
    server = subprocess.Popen(
        [sys.executable, "-m", "muragat", "serve", "--workers", "2", "--port", str(port)],
        env=env,
        cwd=settings.home.parent,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "muragat serve exited"
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "muragat serve did not answer"
            time.sleep(0.2)
        workers = [p for p in _children(server.pid) if "spawn_main" in _command(p)]
        assert len(workers) == 2
        bearer = {"Authorization": f"Bearer {secret}"}
        # new connections: the kernel spreads them over both processes, each of which now keeps the check
        for _ in range(30):
            assert httpx.get(f"{base}/api/v1/documents", headers=bearer).status_code == 200
        listed = muragat(settings, "tokens", "list").stdout
        token_id = next(line.split()[0] for line in listed.splitlines() if secret[:8] in line)
        assert muragat(settings, "tokens", "revoke", token_id).returncode == 0
        answers = [httpx.get(f"{base}/api/v1/documents", headers=bearer).status_code for _ in range(30)]
        assert answers == [401] * 30
    finally:
        server.terminate()
        server.wait(timeout=30)


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""
