"""The Starlette application of ``storydiff serve``: JSON routes and HTML pages over a read-only store.

Every request opens nothing new: each worker thread keeps one read-only
connection (:class:`~storydiff.store.queries.ReadOnlyStore`), and every query
runs under a deadline. A story's brief is built once from its stored analysis
and kept in memory under (story id, article count), so a new article joining
the story rebuilds it on the next request. Only GET (and HEAD) routes exist.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from storydiff.errors import StoreError
from storydiff.render.escape import dumps
from storydiff.store.queries import ReadOnlyStore

__all__ = ["JSON", "MAX_LIMIT", "MAX_QUERY", "Briefs", "Caches", "StoryLists", "create_app", "json_bytes", "params"]

MAX_LIMIT = 100  # rows a page may ask for
MAX_QUERY = 200  # characters of a search query
MAX_OFFSET = 10_000
_CACHED = 64  # briefs kept in memory
_LISTS = 256  # pages of the story list kept in memory
_BRIEF_ROUTES = {"story", "api_story"}  # routes that serve a cached brief
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cross-Origin-Resource-Policy": "same-origin"}
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def json_bytes(content: Any) -> bytes:
    """A JSON body written with ``render.escape.dumps`` (bidi and C1 controls escaped)."""
    return (dumps(content) + "\n").encode("utf-8")


class JSON(Response):
    """A JSON response written with :func:`json_bytes`; a ``bytes`` content is sent as it is (already written)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else json_bytes(content)


@dataclass(frozen=True, slots=True)
class CachedBrief:
    """One story's brief as written JSON (the store's ids) and as the HTML report (articles A, B, C), with its CSP.

    The JSON is kept written: writing a 20-article brief takes tens of milliseconds, more than serving it.
    """

    json: bytes
    html: str
    csp: str


class NotBuilt(Exception):
    """A brief asked for without building is not in the cache (internal: the request goes to a worker thread)."""


class Briefs:
    """Story briefs kept in memory under (story, article count), the least recently used dropped first."""

    def __init__(self, size: int = _CACHED) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], CachedBrief] = OrderedDict()
        self._lock = threading.Lock()  # guards _items, held only for a lookup or an insert
        self._build = threading.Lock()  # one brief built at a time: the models are shared, and a crowd asking
        self.built = 0  # for the same new story builds it once; cached briefs are served meanwhile

    def _cached(self, key: tuple[str, int]) -> CachedBrief | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get(self, store: ReadOnlyStore, story: str, *, build: bool = True) -> CachedBrief | None:
        """The brief of a story (None for an unknown one), built from the store on the first request.

        With ``build=False`` a brief not yet built raises :class:`NotBuilt` instead of being built.
        """
        count = store.article_count(story)
        if count is None:
            return None
        key = (story, count)
        cached = self._cached(key)
        if cached is not None:
            return cached
        if not build:
            raise NotBuilt(story)
        with self._build:
            cached = self._cached(key)
            if cached is not None:
                return cached
            from storydiff.pipeline import brief_from_analysis
            from storydiff.render.html import render_html
            from storydiff.store import story_analysis
            from storydiff.render.labels import short_ids

            brief = brief_from_analysis(story_analysis(store, story)).to_dict()
            html = render_html(short_ids(brief))  # the page names articles A, B, C like the report
            match = _META_CSP.search(html)
            csp = (match.group(1) if match else "default-src 'none'") + "; frame-ancestors 'none'"
            cached = CachedBrief(json_bytes(brief), html, csp)
            with self._lock:
                self._items[key] = cached
                self.built += 1
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return cached


class StoryLists:
    """Pages of the story list kept under (since, limit, offset, latest article), the least recently used dropped.

    Listing stories counts and groups every story's articles, the costliest query a page makes; the list
    changes only when an ingest adds articles (a story's merge comes with them), which moves the latest
    article's ``seq``. The pages are shared between requests and must not be changed.
    """

    def __init__(self, size: int = _LISTS) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str | None, int, int, int], tuple[int, list[dict[str, Any]]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: ReadOnlyStore, since: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """(number of stories, one page of them), as ``ReadOnlyStore.story_page`` gives it."""
        latest = store.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        key = (since, limit, offset, int(latest))
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        found = store.story_page(since, limit, offset)
        with self._lock:
            self._items[key] = found
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found


class _BuiltOnly:
    """The briefs, read without building: a brief not built yet raises NotBuilt."""

    def __init__(self, briefs: Briefs) -> None:
        self.briefs = briefs

    def get(self, store: ReadOnlyStore, story: str) -> CachedBrief | None:
        return self.briefs.get(store, story, build=False)


@dataclass(frozen=True, slots=True)
class Caches:
    """What the app keeps in memory between requests: story briefs and pages of the story list."""

    briefs: Briefs | _BuiltOnly
    lists: StoryLists


def params(request: Request) -> tuple[int, int]:
    """``limit`` (1..MAX_LIMIT, default 20) and ``offset`` (0..MAX_OFFSET, default 0); 400 when out of range."""
    return (_integer(request, "limit", 20, 1, MAX_LIMIT), _integer(request, "offset", 0, 0, MAX_OFFSET))


def _integer(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"\d{1,6}", raw) or not low <= int(raw) <= high:
        raise HTTPException(400, f"{name} must be a whole number from {low} to {high}, got {raw[:20]!r}")
    return int(raw)


def since_param(request: Request) -> str | None:
    """``since``, a YYYY-MM-DD date, or None; 400 when it is not one."""
    raw = request.query_params.get("since") or None
    if raw is not None:
        try:
            date.fromisoformat(raw)
        except ValueError:
            raise HTTPException(400, f"since must be a YYYY-MM-DD date, got {raw[:20]!r}") from None
        if len(raw) != 10:
            raise HTTPException(400, f"since must be a YYYY-MM-DD date, got {raw[:20]!r}")
    return raw


def query_param(request: Request, *, required: bool = True) -> str:
    """``q``, at most MAX_QUERY characters; 400 when missing (if required) or too long."""
    q = request.query_params.get("q", "").strip()
    if len(q) > MAX_QUERY:
        raise HTTPException(400, f"q is at most {MAX_QUERY} characters, got {len(q)}")
    if required and not q:
        raise HTTPException(400, "q is required: the words to search for, e.g. ?q=electrical+fault")
    return q


class Stores:
    """One read-only connection per worker thread, all on the same file."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path, self.timeout = path, timeout
        ReadOnlyStore(path).close()  # refuse a missing or foreign file at start, not on the first request
        self._local = threading.local()

    def get(self) -> ReadOnlyStore:
        store: ReadOnlyStore | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = ReadOnlyStore(self.path)
        return store


def create_app(db: str, *, timeout: float = 10.0) -> Starlette:
    """The app over the store at ``db``, opened read-only; ``timeout``: seconds any one query may run."""
    from storydiff.web import api, pages

    stores, briefs, lists = Stores(db, timeout), Briefs(), StoryLists()
    caches, built_only = Caches(briefs, lists), Caches(_BuiltOnly(briefs), lists)

    def route(path: str, handler: Callable[..., Response], name: str) -> Route:
        def endpoint(request: Request) -> Response:
            store = stores.get()
            with store.deadline(stores.timeout):
                return handler(request, store, caches)

        async def brief_endpoint(request: Request) -> Response:
            # A brief already built is served on the event loop (one indexed count, a dict lookup): no wait
            # for a worker thread behind slower requests. Building one takes seconds: that goes to a thread.
            store = stores.get()
            try:
                with store.deadline(stores.timeout):
                    return handler(request, store, built_only)
            except NotBuilt:
                return await run_in_threadpool(endpoint, request)

        return Route(path, brief_endpoint if name in _BRIEF_ROUTES else endpoint, methods=["GET"], name=name)

    routes = [Route("/healthz", api.healthz, methods=["GET"], name="healthz")]
    routes += [route(path, handler, name) for path, handler, name in (*api.ROUTES, *pages.ROUTES)]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _error, StoreError: _error})
    app.state.briefs, app.state.lists = briefs, lists
    app.add_middleware(_SecurityHeaders)
    return app


async def _error(request: Request, exc: Exception) -> Response:
    """400/404/405 (and 503 for a query past its deadline): JSON under /api, else a small page."""
    status = exc.status_code if isinstance(exc, HTTPException) else 503
    detail = exc.detail if isinstance(exc, HTTPException) else str(exc)
    if request.url.path.startswith("/api/") or request.url.path == "/healthz":
        return JSON({"error": detail, "status": status}, status_code=status)
    from storydiff.web.pages import error_page

    return error_page(status, detail)


class _SecurityHeaders:
    """Adds the security headers, and a CSP to any response that has none (a JSON body, a 404)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = {**HEADERS, "Content-Security-Policy": API_CSP}
                headers += [(k.lower().encode(), v.encode()) for k, v in extra.items()
                            if k.lower().encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
