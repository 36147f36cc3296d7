"""A local web site on 127.0.0.1 (random port) for the feed tests: fixture feeds and pages,
plus the hostile and broken answers real servers give (304, 500, a stall, redirect loops,
endless bodies, a gzip bomb)."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
from collections import Counter
from pathlib import Path

from aiohttp import web

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
ETAG = '"rss2-v1"'
LAST_MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT"
MEDIA = {".xml": "application/rss+xml", ".rdf": "application/rdf+xml", ".html": "text/html"}


class FeedServer:
    def __init__(self, root: Path = FIXTURES) -> None:
        self.root = root
        self.hits: Counter[str] = Counter()  # path → requests answered
        self.headers: dict[str, dict[str, str]] = {}  # path → last request's headers
        self.extra: dict[str, bytes] = {}  # path → body served as application/xml
        self.port = 0
        self._bomb: bytes | None = None
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.router.add_get("/status/{code}", self._status)
        app.router.add_get("/stall", self._stall)
        app.router.add_get("/loop/{name}", self._loop)
        app.router.add_get("/chain/{n}", self._chain)
        app.router.add_get("/redirect", self._redirect)
        app.router.add_get("/endless", self._endless)
        app.router.add_get("/gzip-bomb", self._gzip_bomb)
        app.router.add_get("/cond/{name}", self._conditional)
        app.router.add_get("/{path:.+}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        self._closing.set()
        await self._runner.cleanup()

    def _seen(self, request: web.Request) -> None:
        self.hits[request.path] += 1
        self.headers[request.path] = dict(request.headers)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        self._seen(request)
        path = request.match_info["path"]
        if path in self.extra:
            return web.Response(body=self.extra[path], content_type="application/xml")
        target = (self.root / path).resolve()
        if not target.is_file() or self.root.resolve() not in target.parents:
            raise web.HTTPNotFound()
        media = MEDIA.get(target.suffix, "application/octet-stream")
        return web.Response(body=target.read_bytes(), content_type=media)

    async def _status(self, request: web.Request) -> web.Response:
        self._seen(request)
        return web.Response(status=int(request.match_info["code"]), text="Внутренняя ошибка")

    async def _stall(self, request: web.Request) -> web.Response:
        self._seen(request)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), 60)  # released when the server stops
        return web.Response(text="слишком поздно")

    async def _loop(self, request: web.Request) -> web.Response:
        self._seen(request)
        other = "b" if request.match_info["name"] == "a" else "a"
        raise web.HTTPFound(f"/loop/{other}")

    async def _chain(self, request: web.Request) -> web.Response:
        self._seen(request)
        raise web.HTTPFound(f"/chain/{int(request.match_info['n']) + 1}")

    async def _redirect(self, request: web.Request) -> web.Response:
        """/redirect?to=URL — a 301 to anything (relative or absolute)."""
        self._seen(request)
        raise web.HTTPMovedPermanently(request.query["to"])

    async def _endless(self, request: web.Request) -> web.StreamResponse:
        """A body that never ends, without Content-Length (1 GB if the client kept reading)."""
        self._seen(request)
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
        try:
            for _ in range(16_000):
                await resp.write(chunk)
        except (ConnectionResetError, ConnectionError):
            pass
        return resp

    async def _gzip_bomb(self, request: web.Request) -> web.Response:
        """32 MB of spaces that travel as about 32 KB of gzip."""
        self._seen(request)
        if self._bomb is None:
            self._bomb = gzip.compress(b" " * (32 * 1024 * 1024), compresslevel=9)
        return web.Response(
            body=self._bomb,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"},
        )

    async def _conditional(self, request: web.Request) -> web.Response:
        """A fixture feed with validators; a request that presents them gets 304."""
        self._seen(request)
        if (request.headers.get("If-None-Match") == ETAG
                or request.headers.get("If-Modified-Since") == LAST_MODIFIED):
            return web.Response(status=304, headers={"ETag": ETAG})
        body = (self.root / request.match_info["name"]).read_bytes()
        return web.Response(
            body=body,
            content_type="application/rss+xml",
            headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED},
        )
