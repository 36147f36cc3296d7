"""Safe HTTP GET for feeds and article pages (aiohttp, never blocking the loop).

Every hop of a redirect chain is checked: http/https only, and no loopback, private,
link-local or otherwise non-public address — neither an IP literal in the URL nor any address
a host name resolves to (the check sits in the resolver, so the address connected to is the
address checked). `FETCH_ALLOW_PRIVATE=1` lifts the address rule (tests, intranet feeds).
Bodies are read in chunks and abandoned as soon as they pass the size cap, after gzip is
undone, so a compressed bomb costs no more than a plain one.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

USER_AGENT = (
    "newsdigest/0.1 (Telegram news digest bot; reads feeds its admins added; "
    "+https://github.com/newsdigest)"
)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = 4 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    connect_seconds: float = 10.0
    total_seconds: float = 30.0  # the whole chain of hops, body included


class FetchError(Exception):
    """A fetch that failed; the message is Russian and shown to admins as is."""


class BlockedAddress(OSError):
    """A host name resolved only to addresses the fetcher may not contact."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200 or 304 (not modified)
    body: bytes = b""
    content_type: str = ""  # lower-case media type without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def allow_private_from_env() -> bool:
    return os.environ.get("FETCH_ALLOW_PRIVATE", "").strip().lower() in {"1", "true", "yes"}


def is_public(address: str) -> bool:
    """A globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 part)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class GuardedResolver(AbstractResolver):
    """Resolves with the system resolver (in a thread) and drops non-public addresses."""

    def __init__(self) -> None:
        self._inner = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        allowed = [r for r in found if is_public(r["host"])]
        if not allowed:
            raise BlockedAddress(f"{host} resolves to a non-public address")
        return allowed

    async def close(self) -> None:
        await self._inner.close()


def check_url(url: URL, *, allow_private: bool) -> None:
    """Reject what must never be requested, before any connection is made."""
    if url.scheme not in {"http", "https"}:
        raise FetchError(f"Адрес должен начинаться с http:// или https:// (а не «{url.scheme}:»).")
    host = url.raw_host
    if not host:
        raise FetchError("В адресе нет имени сервера.")
    if allow_private:
        return
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host.rstrip(".").lower() == "localhost" or host.lower().endswith(".localhost"):
            raise FetchError("Адрес ведёт на внутренний сервер — такие адреса запрещены.") from None
        return  # a name: the resolver checks what it resolves to
    if not is_public(host):
        raise FetchError("Адрес ведёт на внутренний сервер — такие адреса запрещены.")


def make_session(*, allow_private: bool | None = None) -> aiohttp.ClientSession:
    """One client session for all fetches (connection reuse); close it on shutdown."""
    if allow_private is None:
        allow_private = allow_private_from_env()
    connector = aiohttp.TCPConnector(
        resolver=None if allow_private else GuardedResolver(),
        use_dns_cache=False,
        limit=20,
        limit_per_host=4,
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,  # no proxy from the environment: the address checks must hold
        auto_decompress=True,
    )


class Fetcher:
    """GETs with every safety rule applied; one instance per process, shared session."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        allow_private: bool | None = None,
        limits: FetchLimits = FetchLimits(),
    ) -> None:
        self.session = session
        self.allow_private = allow_private_from_env() if allow_private is None else allow_private
        self.limits = limits

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Fetched:
        """The body at `url` (or a 304 when the validators still hold). Raises FetchError."""
        try:
            async with asyncio.timeout(self.limits.total_seconds):
                return await self._follow(URL(url), etag, last_modified, accept)
        except TimeoutError:
            raise FetchError(
                f"Сервер не ответил за {self.limits.total_seconds:g} с (таймаут)."
            ) from None
        except ValueError as exc:  # yarl: a malformed URL
            raise FetchError(f"Неверный адрес: {exc}") from None

    async def _follow(
        self, url: URL, etag: str | None, last_modified: str | None, accept: str
    ) -> Fetched:
        seen: set[URL] = set()
        for _hop in range(self.limits.max_redirects + 1):
            check_url(url, allow_private=self.allow_private)
            seen.add(url)
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            try:
                async with self.session.get(
                    url,
                    headers=headers,
                    allow_redirects=False,
                    timeout=aiohttp.ClientTimeout(
                        total=None, connect=self.limits.connect_seconds
                    ),
                ) as resp:
                    if resp.status in REDIRECTS:
                        location = resp.headers.get("Location")
                        if not location:
                            raise FetchError(f"Перенаправление ({resp.status}) без адреса.")
                        url = url.join(URL(location))
                        if url in seen:
                            raise FetchError("Перенаправления по кругу — адрес недоступен.")
                        continue
                    return await self._read(resp)
            except aiohttp.ClientConnectorError as exc:
                if _blocked(exc):
                    raise FetchError(
                        "Адрес ведёт на внутренний сервер — такие адреса запрещены."
                    ) from None
                raise FetchError(f"Не удалось подключиться к {url.host}.") from None
            except aiohttp.ClientError:
                raise FetchError(f"Связь с {url.host} оборвалась, ответ не получен.") from None
        raise FetchError(f"Слишком много перенаправлений (больше {self.limits.max_redirects}).")

    async def _read(self, resp: aiohttp.ClientResponse) -> Fetched:
        final = str(resp.url)
        if resp.status == 304:
            return Fetched(final, 304, etag=resp.headers.get("ETag"),
                           last_modified=resp.headers.get("Last-Modified"))
        if resp.status != 200:
            # in words of our own: the reason phrase is whatever the server chose to send
            raise FetchError(f"Сервер ответил кодом {resp.status} ({_status_words(resp.status)}).")
        cap = self.limits.max_bytes
        too_big = FetchError(f"Ответ больше {cap // (1024 * 1024)} МБ — не загружен.")
        if resp.content_length is not None and resp.content_length > cap:
            raise too_big  # the announced size (compressed, if gzip) already exceeds the cap
        body = bytearray()
        async for chunk in resp.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > cap:
                raise too_big
        return Fetched(
            final,
            200,
            bytes(body),
            content_type=(resp.content_type or "").lower(),
            charset=resp.charset,
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
        )


def _blocked(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, BlockedAddress) or isinstance(
            getattr(seen, "os_error", None), BlockedAddress
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def backoff_seconds(interval: float, failures: int, *, cap: float = 6 * 3600) -> float:
    """Delay before the next try of a source: its interval after a success, then doubling
    with each consecutive failure (interval·2, ·4, …) up to `cap`."""
    if failures <= 0:
        return interval
    return min(cap, interval * 2 ** min(failures, 30))


def _status_words(status: int) -> str:
    if status in (404, 410):
        return "такой страницы нет"
    if status in (401, 403, 451):
        return "доступ закрыт"
    if status == 429:
        return "слишком много запросов"
    return "ошибка на сервере" if status >= 500 else "адрес недоступен"
