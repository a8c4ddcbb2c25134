"""API tokens checked once in a while rather than on every request: a program calling the API sends
the same token hundreds of times a second, and each check is a database read. A token's check is kept
for at most MURAGAT_TOKEN_CACHE_SECONDS, and forgotten at once when any account or token changes
(storage.auth_changes: a revoked token, a locked account, a changed role), in every process. A token
that was refused is not remembered, so a new one works at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from muragat.accounts import hash_token
from storage.auth_changes import Watcher
from storage.models import ApiToken, User
from storage.types import utcnow

MAX_ENTRIES = 10_000  # tokens remembered at most; past that, all are forgotten and checked again

Found = tuple[ApiToken, User]


@dataclass(frozen=True)
class _Entry:
    until: float
    generation: tuple[int, ...]
    found: Found


class TokenCache:
    def __init__(self, engine: Engine, seconds: float) -> None:
        self.seconds = seconds
        self.watcher = Watcher(engine) if seconds > 0 else None
        self._entries: dict[str, _Entry] = {}
        self._generation: tuple[int, ...] | None = None
        self._lock = threading.Lock()

    def lookup(self, secret: str, load: Callable[[], Found | None]) -> Found | None:
        """The token's (token, account), remembered or read with `load` (None: not a valid token)."""
        generation = self.watcher.generation() if self.watcher is not None else None
        if generation is None:
            return load()
        digest = hash_token(secret)
        with self._lock:
            if generation != self._generation:
                self._entries.clear()  # something changed: every token is checked again
                self._generation = generation
            entry = self._entries.get(digest)
        if entry is not None and entry.until > time.monotonic() and _unexpired(entry.found[0]):
            return entry.found
        found = load()
        if found is not None:
            with self._lock:
                if len(self._entries) >= MAX_ENTRIES:
                    self._entries.clear()
                # kept under the generation read before the load: a change committed meanwhile makes
                # the next lookup read it again
                self._entries[digest] = _Entry(time.monotonic() + self.seconds, generation, found)
        return found

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()


def _unexpired(token: ApiToken) -> bool:
    return token.expires_at is None or token.expires_at > utcnow()
