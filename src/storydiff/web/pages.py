"""The HTML pages: home, story (the HTML report), article, speaker, search, and error pages.

Templates are Jinja2 with autoescape on: every value from the store is
escaped (and made terminal-safe: no bidi overrides or control characters).
The one stylesheet is inlined and allowed by its sha256 hash; the pages carry
no script. The story page is the report ``storydiff brief`` writes, with its
own CSP (its stylesheet and script by hash) sent as a header too.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from storydiff.render.escape import terminal_safe
from storydiff.store.queries import HIT_END, HIT_START, ReadOnlyStore
from storydiff.web.app import Caches, params, query_param, since_param


def _finalize(value: Any) -> Any:
    """Outside text loses control characters and bidi overrides before Jinja escapes it."""
    return terminal_safe(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


_ENV = Environment(loader=PackageLoader("storydiff.web"), autoescape=True, finalize=_finalize)
_ENV.filters["url"] = lambda value: quote(str(value), safe="")
CSS = "\n".join(resources.files(package).joinpath(name).read_text(encoding="utf-8")
                for package, name in (("storydiff.render", "report.css"), ("storydiff.web", "web.css")))
CSP = (f"default-src 'none'; style-src '{_sha256(CSS)}'; img-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
# The site's links, the first thing in the masthead, in full-size text; styled by the report's own classes
# (``.facts``), so the story page (the report, under the report's CSP) shows them as every other page does.
NAV = Markup('<nav class="site" aria-label="Site"><p class="facts"><a href="/">All stories</a> · '
             '<a href="/search">Search</a></p></nav>')
_MASTHEAD = '<header class="masthead">'
_ENV.globals["nav"] = NAV


def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A rendered template under the pages' CSP."""
    html = _ENV.get_template(template).render(css=Markup(CSS), **values)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


def error_page(status: int, detail: str) -> Response:
    return page("error.html", status, title=f"Error {status}", detail=detail)


def highlight(snippet: str) -> Markup:
    """A search snippet escaped, its matches in ``<mark>``."""
    return Markup(escape(terminal_safe(snippet)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


def _pager(request: Request, limit: int, offset: int, more: bool) -> dict[str, str | None]:
    """Links to the previous and next pages, keeping the other parameters."""
    def at(new: int) -> str:
        return "?" + urlencode({**request.query_params, "offset": str(new), "limit": str(limit)})

    return {"prev": at(max(0, offset - limit)) if offset else None, "next": at(offset + limit) if more else None}


def home(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    limit, offset = params(request)
    total, stories = caches.lists.get(store, since_param(request), limit, offset)
    return page("home.html", title="Stories", stories=stories, total=total, offset=offset,
                pager=_pager(request, limit, offset, offset + limit < total))


def story(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    sid = request.path_params["story"]
    cached = caches.briefs.get(store, sid)
    if cached is None:
        raise HTTPException(404, f"no story {sid[:100]!r}")
    html = (cached.html.replace(_MASTHEAD, _MASTHEAD + str(NAV), 1) if _MASTHEAD in cached.html
            else cached.html.replace("<body>\n", f"<body>\n{NAV}\n", 1))
    return HTMLResponse(html, headers={"Content-Security-Policy": cached.csp})


def article(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    from storydiff.render.html import mark_text  # the report's own marking of speakers, cues, contents

    aid = request.path_params["article"]
    found = store.article(aid)
    if found is None:
        raise HTTPException(404, f"no article {aid[:100]!r}")
    spans = [(part["start"], part["end"], css, f"stmt-{st['id']}") for st in found["statements"]
             for part, css in ((st["speaker"], "spk"), (st["cue"], "cue"), (st["content"], "said"))]
    spans += [(start, end, "residue", "") for start, end in found["article"].get("excluded") or ()]
    text = Markup(mark_text(found["article"]["text"], spans))
    return page("article.html", title=found["article"].get("title") or aid, found=found, text=text)


def speaker(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    key = request.path_params["speaker"]
    limit, offset = params(request)
    found = store.speaker(key, limit, offset)
    if found is None:
        raise HTTPException(404, f"no speaker {key[:100]!r}")
    from storydiff.models import Statement
    from storydiff.render.summary import negated_cue, quotation_pieces, said_text

    # The words as the brief shows them: "The pier, Dahl said, will ..." without ", Dahl said,", and the
    # pieces of one quotation on this page as one line ("“We will reopen,” … “but not before May.”").
    lines = found["statements"]
    statements = [Statement.from_dict(line["statement"]) for line in lines]
    pieces = {id(first): rest for first, rest in quotation_pieces(statements)}
    # The cue as the brief shows it: a negated statement reads "did not say", never "say" (the words unasserted).
    found["statements"] = [
        {**line, "said": " \u2026 ".join(said_text(p) for p in (st, *pieces[id(st)])),
         "cue": negated_cue(store.text_before(line["article"], st.cue.start), st.cue.text) if st.negated
         else st.cue.text}
        for line, st in zip(lines, statements, strict=True) if id(st) in pieces
    ]
    return page("speaker.html", title=found["name"], found=found, offset=offset,
                pager=_pager(request, limit, offset, offset + limit < found["total"]))


def search(request: Request, store: ReadOnlyStore, caches: Caches) -> Response:
    q = query_param(request, required=False)
    limit, offset = params(request)
    hits, more = store.search_page(q, limit, offset) if q else ([], False)
    cited = _cited({hit["article"] for hit in hits if hit["kind"] == "statement"}, store)
    for hit in hits:
        hit["marked"] = highlight(hit["snippet"])
        hit.update(cited.get(hit["article"], {}) if hit["kind"] == "statement" else {})
    return page("search.html", title=f"Search: {q}" if q else "Search", q=q, hits=hits, offset=offset,
                pager=_pager(request, limit, offset, more))


def _cited(article_ids: set[str], store: ReadOnlyStore) -> dict[str, dict[str, Any]]:
    """Outlet and title of each article a statement hit cites: "in Valley Herald: Fire destroys ...", not its id."""
    out = {}
    for aid in article_ids:
        found = store.article(aid)
        record = found["article"] if found else {}
        out[aid] = {"outlet": record.get("outlet"), "title": record.get("title")}
    return out


ROUTES = (
    ("/", home, "home"),
    ("/stories/{story}", story, "story"),
    ("/articles/{article:path}", article, "article"),
    ("/speakers/{speaker}", speaker, "speaker"),
    ("/search", search, "search"),
)
