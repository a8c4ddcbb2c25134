"""What a client writes in X-Forwarded-For and Host, against the real uvicorn server `muragat serve` runs
(its options from `muragat.app.server_options`): believed only from MURAGAT_TRUSTED_PROXIES, answered
and answered only for MURAGAT_ALLOWED_HOSTS."""

from __future__ import annotations

import httpx

from muragat.settings import Settings
from tests.served import served

# any path under /v/ is counted by the public page's rate limit before its signature is checked
PUBLIC_PAGE = "/v/not-a-link.not-a-signature"


def statuses_with_rotating_addresses(base: str, count: int) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.get(PUBLIC_PAGE, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
            for n in range(1, count + 1)
        ]


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(settings: Settings) -> None:
    limited = settings.model_copy(update={"public_rate_limit_per_minute": 3, "trusted_proxies": ""})
    with served(limited) as base:
        statuses = statuses_with_rotating_addresses(base, 5)
    # every request is counted against the one real peer, whatever address it claims
    assert statuses[:3] == [404, 404, 404]
    assert statuses[3:] == [429, 429]


def test_a_trusted_proxy_is_believed(settings: Settings) -> None:
    behind_proxy = settings.model_copy(
        update={"public_rate_limit_per_minute": 3, "trusted_proxies": "127.0.0.0/8"}
    )
    with served(behind_proxy) as base:
        statuses = statuses_with_rotating_addresses(base, 5)
    assert statuses == [404] * 5  # five clients behind the proxy, one request each


def test_a_host_outside_the_allowed_hosts_is_refused(settings: Settings) -> None:
    guarded = settings.model_copy(
        update={"allowed_hosts": "archive.example.kz", "public_base_url": "https://muragat.example.kz"}
    )
    with served(guarded) as base, httpx.Client(base_url=base) as client:
        assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/login", headers={"Host": "archive.example.kz"}).status_code == 200
        # the public address's host is answered too: its links come back there
        assert client.get("/login", headers={"Host": "muragat.example.kz"}).status_code == 200
        # the machine itself is always answered: compose's health check asks 127.0.0.1
        assert client.get("/login", headers={"Host": "127.0.0.1:8000"}).status_code == 200
