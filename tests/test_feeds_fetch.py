"""Safe fetching against a local server: validators, errors, stalls, loops, oversized bodies."""

from __future__ import annotations

import socket

import pytest
from aiohttp.abc import AbstractResolver
from feeds_server import ETAG, LAST_MODIFIED, FeedServer
from yarl import URL

from core.feeds.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchLimits,
    GuardedResolver,
    backoff_seconds,
    check_url,
    is_public,
    make_session,
)

SMALL = FetchLimits(max_bytes=1024 * 1024, max_redirects=5, connect_seconds=2, total_seconds=2)


@pytest.fixture
async def server():
    async with FeedServer() as srv:
        yield srv


@pytest.fixture
async def fetcher():
    async with make_session(allow_private=True) as session:
        yield Fetcher(session, allow_private=True, limits=SMALL)


async def test_fetch_sends_user_agent_and_gzip_and_reads_the_body(server, fetcher):
    got = await fetcher.get(server.url("rss2.xml"))
    assert got.status == 200 and b"<rss" in got.body
    assert got.content_type == "application/rss+xml"
    sent = server.headers["/rss2.xml"]
    assert sent["User-Agent"] == USER_AGENT and "newsdigest" in USER_AGENT
    assert "gzip" in sent["Accept-Encoding"]


async def test_conditional_get_gets_304_with_the_validators_it_was_given(server, fetcher):
    first = await fetcher.get(server.url("cond/rss2.xml"))
    assert first.status == 200 and first.etag == ETAG and first.last_modified == LAST_MODIFIED
    again = await fetcher.get(server.url("cond/rss2.xml"), etag=first.etag,
                              last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert server.headers["/cond/rss2.xml"]["If-None-Match"] == ETAG
    only_date = await fetcher.get(server.url("cond/rss2.xml"), last_modified=LAST_MODIFIED)
    assert only_date.not_modified


async def test_server_error_is_a_clear_message(server, fetcher):
    with pytest.raises(FetchError, match="кодом 500"):
        await fetcher.get(server.url("status/500"))
    with pytest.raises(FetchError, match="кодом 404"):
        await fetcher.get(server.url("no/such/feed.xml"))


async def test_a_stalled_server_times_out(server, fetcher):
    impatient = Fetcher(fetcher.session, allow_private=True, limits=FetchLimits(total_seconds=0.5))
    with pytest.raises(FetchError, match="таймаут"):
        await impatient.get(server.url("stall"))


async def test_redirect_loop_and_endless_chain_stop(server, fetcher):
    with pytest.raises(FetchError, match="по кругу"):
        await fetcher.get(server.url("loop/a"))
    with pytest.raises(FetchError, match="Слишком много перенаправлений"):
        await fetcher.get(server.url("chain/0"))
    assert server.hits["/chain/5"] == 1 and server.hits["/chain/6"] == 0


async def test_relative_redirect_is_followed(server, fetcher):
    got = await fetcher.get(server.url("redirect?to=/atom.xml"))
    assert got.url == server.url("atom.xml") and b"<feed" in got.body


async def test_every_redirect_hop_is_checked(server, fetcher):
    with pytest.raises(FetchError, match="http:// или https://"):
        await fetcher.get(server.url("redirect?to=file:///etc/passwd"))
    with pytest.raises(FetchError, match="http:// или https://"):
        await fetcher.get(server.url("redirect?to=ftp://127.0.0.1/feed.xml"))


async def test_oversized_and_compressed_bombs_stop_at_the_cap(server, fetcher):
    with pytest.raises(FetchError, match="больше 1 МБ"):
        await fetcher.get(server.url("endless"))
    with pytest.raises(FetchError, match="больше 1 МБ"):
        await fetcher.get(server.url("gzip-bomb"))


async def test_private_addresses_are_refused_unless_allowed(server):
    async with make_session(allow_private=False) as session:
        strict = Fetcher(session, allow_private=False, limits=SMALL)
        for url in (server.url("rss2.xml"), f"http://localhost:{server.port}/rss2.xml",
                    f"http://[::1]:{server.port}/rss2.xml"):
            with pytest.raises(FetchError, match="внутренний сервер"):
                await strict.get(url)
    assert server.hits["/rss2.xml"] == 0


def test_only_public_unicast_addresses_pass():
    for address in ("127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254",
                    "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
                    "224.0.0.1", "not-an-ip"):
        assert not is_public(address), address
    for address in ("8.8.8.8", "93.184.216.34", "2a00:1450:4010:c05::64"):
        assert is_public(address), address


def test_schemes_and_literal_hosts_are_checked_before_connecting():
    with pytest.raises(FetchError, match="http:// или https://"):
        check_url(URL("javascript:alert(1)"), allow_private=True)
    with pytest.raises(FetchError, match="внутренний сервер"):
        check_url(URL("http://169.254.169.254/latest/meta-data/"), allow_private=False)
    check_url(URL("https://news.example/feed"), allow_private=False)  # names: the resolver


class _FixedDns(AbstractResolver):
    """DNS answers chosen by the test (the guard is what is under test, not the network)."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers

    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{"hostname": host, "host": a, "port": port, "family": family, "proto": 0,
                 "flags": 0} for a in self.answers[host]]

    async def close(self) -> None:
        pass


async def test_resolver_drops_private_answers_and_refuses_names_with_only_those():
    guard = GuardedResolver()
    guard._inner = _FixedDns({"rebind.example": ["127.0.0.1", "10.0.0.7"],
                              "mixed.example": ["192.168.0.2", "93.184.216.34"]})
    mixed = await guard.resolve("mixed.example", 80)
    assert [r["host"] for r in mixed] == ["93.184.216.34"]
    with pytest.raises(OSError):
        await guard.resolve("rebind.example", 80)


def test_backoff_doubles_per_failure_up_to_a_cap():
    assert backoff_seconds(600, 0) == 600
    assert [backoff_seconds(600, n) for n in (1, 2, 3)] == [1200, 2400, 4800]
    assert backoff_seconds(600, 50) == 6 * 3600
