"""A fixed-window rate limit per client address, for the public verification page: counted in Redis so
that every API process shares the count, in this process alone when there is no Redis or it fails."""

from __future__ import annotations

import threading
import time

import redis

RATE_WINDOW_SECONDS = 60


class FixedWindowLimiter:
    """At most `limit` hits per client address in each window, counted in Redis so that every API
    process shares the count; in this process alone when there is no Redis or it fails."""

    def __init__(self, connection: redis.Redis | None, limit: int, window: int = RATE_WINDOW_SECONDS) -> None:
        self.connection = connection
        self.limit = limit
        self.window = window
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        slot = int((time.time() if now is None else now) // self.window)
        if self.connection is not None:
            try:
                return self._redis_count(client, slot) <= self.limit
            except redis.RedisError:
                pass  # fall back to counting here rather than refusing everyone or no one
        return self._local_count(client, slot) <= self.limit

    def _redis_count(self, client: str, slot: int) -> int:
        key = f"muragat:ratelimit:verify:{client}:{slot}"
        pipe = self.connection.pipeline()  # type: ignore[union-attr]
        pipe.incr(key)
        pipe.expire(key, self.window + 1)
        count, _ = pipe.execute()
        return int(count)

    def _local_count(self, client: str, slot: int) -> int:
        with self._lock:
            for old in [k for k in self._counts if k[1] < slot]:
                del self._counts[old]
            count = self._counts[(client, slot)] = self._counts.get((client, slot), 0) + 1
            return count
