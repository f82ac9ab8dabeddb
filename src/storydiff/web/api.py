"""The JSON routes: ``/healthz`` and ``/api/...`` (documented in ``docs/web.md``).

Stories come a page at a time (``limit`` ≤ 100), a story as its
``storydiff.brief/1`` brief, an article with its stored statements, a
speaker with everything the store holds them saying, and search hits with
snippets whose matches are between U+E000 and U+E001.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from storydiff import __version__
from storydiff.store.queries import ReadOnlyStore
from storydiff.web.app import JSON, Caches, params, query_param, since_param

Handler = Callable[[Request, ReadOnlyStore, Caches], Response]


def healthz(request: Request) -> Response:
    """Liveness: the server answers (it does not touch the store)."""
    return JSON({"status": "ok", "version": __version__})


def stories(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    limit, offset = params(request)
    total, page = caches.lists.get(store, since_param(request), limit, offset)
    return JSON({"total": total, "limit": limit, "offset": offset, "stories": page})


def story(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    sid = request.path_params["story"]
    cached = caches.briefs.get(store, sid)
    if cached is None:
        raise HTTPException(404, f"no story {sid[:100]!r}; list them at /api/stories")
    return JSON(cached.json)


def article(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    aid = request.path_params["article"]
    found = store.article(aid)
    if found is None:
        raise HTTPException(404, f"no article {aid[:100]!r}; search for it at /api/search?q=WORDS")
    return JSON(found)


def speaker(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    key = request.path_params["speaker"]
    limit, offset = params(request)
    found = store.speaker(key, limit, offset)
    if found is None:
        raise HTTPException(404, f"no speaker {key[:100]!r}; a speaker id is a name's words in lower case "
                                 "joined by -, e.g. tomas-reyes")
    return JSON({**found, "limit": limit, "offset": offset})


def search(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    q = query_param(request)
    limit, offset = params(request)
    hits, more = store.search_page(q, limit, offset)
    return JSON({"q": q, "limit": limit, "offset": offset, "more": more, "hits": hits})


ROUTES: tuple[tuple[str, Handler, str], ...] = (
    ("/api/stories", stories, "api_stories"),
    ("/api/stories/{story}", story, "api_story"),
    ("/api/articles/{article:path}", article, "api_article"),
    ("/api/speakers/{speaker}", speaker, "api_speaker"),
    ("/api/search", search, "api_search"),
)
