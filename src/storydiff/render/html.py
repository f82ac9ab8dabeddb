"""Render a brief as one self-contained HTML page: read offline, print, share.

The page takes the brief in its JSON form (``Brief.to_dict()``, schema ``storydiff.brief/1``), so a saved
brief renders as well as a fresh one; unknown fields are ignored. Everything is inlined: the stylesheet and
script ship beside this module (``report.css``, ``report.js``) and a strict Content-Security-Policy allows
exactly them by their sha256 hashes, never ``'unsafe-inline'``.

Article text is untrusted. Every piece of it goes through ``html.escape`` into a text node or a quoted
attribute, so markup inside an article shows as text. Citation chips are plain ``#claim-…`` links: they
work without the script; with it, every piece of the cited sentence is highlighted.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape
from importlib import resources
from itertools import pairwise
from string import Template
from typing import Any

__all__ = ["render_html"]

Record = Mapping[str, Any]
_Span = tuple[int, int, str, str]  # start, end, css class, reference ("claim-A3", "stmt-S1", or "")

_PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="storydiff">
<title>$title</title>
<style>$css</style>
</head>
<body>
<a class="skip" href="#main">Skip to the brief</a>
$body
<script>$js</script>
</body>
</html>
""")

_LAYER = {"claim": 0, "said": 1, "spk": 2, "cue": 2, "residue": 3}  # nesting order, outermost first
_DOT = " \u00b7 "
_SECTIONS = (("sources", "Sources"), ("agreed", "Agreed"), ("disputed", "Disputed"), ("changed", "Changed"),
             ("only", "Only in one"), ("timeline", "Timeline"), ("articles", "Articles"))


def render_html(brief: Record) -> str:
    """The brief as a complete HTML document that makes no external requests."""
    view = _View(brief)
    counts = {"agreed": len(view.agreed), "disputed": len(view.pairs("conflicts")),
              "changed": len(view.pairs("updates")), "only": sum(len(u["claims"]) for u in view.unique),
              "timeline": len(view.timeline)}
    body = "\n".join([
        _masthead(view, counts), '<main id="main">', _sources(view), _agreed(view), _pairs(view, "conflicts"),
        _pairs(view, "updates"), _only(view), _timeline(view), _articles(view), "</main>",
        '<footer class="colophon"><p>Made with storydiff. Every point links to the sentence it comes from; '
        "the full articles are at the end of the page.</p></footer>",
    ])
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return _PAGE.substitute(csp=csp, title=_e(f"{view.headline} \u2014 storydiff brief"), css=css, js=js, body=body)


@dataclass
class _Point:
    """An agreed point: corroborating claims, earliest first."""

    claims: list[str]
    reasons: list[str]
    articles: int
    outlets: int
    independent: int | None


class _View:
    """The brief indexed for rendering; tolerant of missing optional fields."""

    def __init__(self, brief: Record) -> None:
        self.articles: list[Record] = list(brief.get("articles") or [])
        self.article = {a["id"]: a for a in self.articles}
        self.order = {a["id"]: i for i, a in enumerate(self.articles)}
        self.claims: list[Record] = list(brief.get("claims") or [])
        self.claim = {c["id"]: c for c in self.claims}
        self.statements: list[Record] = list(brief.get("statements") or [])
        self.statement = {s["id"]: s for s in self.statements}
        # The timeline shows speech ("said", "told"), not thoughts and plans ("wants"); the text keeps all.
        self.timeline: list[Record] = [s for s in self.statements if s.get("speech", True)]
        self.relations: list[Record] = [r for r in brief.get("relations") or [] if len(r.get("claims") or ()) == 2
                                        and all(c in self.claim for c in r["claims"])]
        self.unique: list[Record] = [u for u in brief.get("unique") or [] if u.get("claims")]
        self.errors: list[Record] = list(brief.get("errors") or [])
        outlets = [a.get("outlet") for a in self.articles]
        self.label = {a["id"]: (a.get("outlet") or f"Article {a['id']}")
                      + (f" ({a['id']})" if a.get("outlet") and outlets.count(a["outlet"]) > 1 else "")
                      for a in self.articles}
        titled = sorted((a for a in self.articles if a.get("title")), key=self.article_key)
        self.headline: str = titled[0]["title"] if titled else "Story brief"
        groups = brief.get("agreed")  # the aligner's groups, with independent_sources; else our own
        if isinstance(groups, list):
            found = [([c for c in g.get("claims") or () if c in self.claim], g.get("independent_sources"))
                     for g in groups]
        else:
            found = [(ids, None) for ids in self._components()]
        self.agreed = [self._point(ids, n) for ids, n in found if len(ids) > 1]
        self.agreed.sort(key=lambda p: (-p.articles, -len(p.claims), self.claim_key(p.claims[0])))

    def article_key(self, article: Record) -> tuple[str, int]:
        return (article.get("published") or "9999", self.order.get(article["id"], 0))

    def claim_key(self, claim_id: str) -> tuple[str, int, int]:
        c = self.claim[claim_id]
        return (*self.article_key(self.article.get(c["article"], {"id": c["article"]})), c.get("start", 0))

    def pairs(self, kind: str) -> list[Record]:
        return [r for r in self.relations if r.get("type") == kind]

    def _components(self) -> list[list[str]]:
        """Connected components of the corroborates graph."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for rel in self.pairs("corroborates"):
            parent[root(rel["claims"][0])] = root(rel["claims"][1])
        members: dict[str, list[str]] = {}
        for cid in parent:
            members.setdefault(root(cid), []).append(cid)
        return list(members.values())

    def _point(self, ids: list[str], independent: Any) -> _Point:
        ids = sorted(ids, key=self.claim_key)
        reasons = [r["reason"] for r in self.pairs("corroborates") if set(r["claims"]) <= set(ids) and r.get("reason")]
        arts = {self.claim[c]["article"] for c in ids}
        outlets = {self.article.get(a, {}).get("outlet") or a for a in arts}
        return _Point(ids, reasons, len(arts), len(outlets), independent if isinstance(independent, int) else None)


# -- small pieces -------------------------------------------------------------

def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return _e(iso)
    return f'<time datetime="{_e(iso)}">{day.day} {day:%b %Y}</time>'


def _chip(view: _View, claim_id: str) -> str:
    where = view.label.get(view.claim[claim_id]["article"], "")
    return (f'<a class="chip" href="#claim-{_e(claim_id)}" title="Show in {_e(where)}">'
            f'<span class="vh">{_e(where)}, claim </span>{_e(claim_id)}</a>')


def _speaker(st: Record) -> str:
    sp = st.get("speaker") or {}
    name, role, rec = sp.get("name") or sp.get("text") or "Unnamed", sp.get("role"), st.get("recipient")
    out = f'<span class="who">{_e(name)}</span>'
    out += f", {_e(role)}" if role and role.lower() not in name.lower() else ""
    out += ' <span class="tag">unnamed source</span>' if sp.get("anonymous") else ""
    return out + (f", to {_e(rec['text'])}" if rec and rec.get("text") else "")


def _when(st: Record) -> str:
    when = st.get("when") or {}
    text, iso = _e(when.get("text")), when.get("date")
    return f"{text} ({_date(iso)})" if text and iso else text or _date(iso)


def _section(key: str, title: str, intro: str, content: str) -> str:
    return (f'<section id="{key}" aria-labelledby="h-{key}"><h2 id="h-{key}">{title}</h2>'
            f'<p class="intro">{intro}</p>{content}</section>')


def _list(items: list[str], css: str, empty: str) -> str:
    return f'<ol class="{css}">{"".join(items)}</ol>' if items else f'<p class="empty">{empty}</p>'


# -- sections -----------------------------------------------------------------

def _masthead(view: _View, counts: dict[str, int]) -> str:
    dates = sorted(a["published"] for a in view.articles if a.get("published"))
    outlets = {a.get("outlet") or a["id"] for a in view.articles}
    facts = [_plural(len(view.articles), "article"), _plural(len(outlets), "outlet")]
    if dates:
        facts.append(_date(dates[0]) + (f" \u2013 {_date(dates[-1])}" if dates[-1] != dates[0] else ""))
    nav = "".join(f'<li><a href="#{key}">{label}'
                  + (f' <span class="count">{counts[key]}</span>' if key in counts else "") + "</a></li>"
                  for key, label in _SECTIONS)
    return (f'<header class="masthead"><p class="kicker">storydiff brief</p><h1>{_e(view.headline)}</h1>'
            f'<p class="facts">{_DOT.join(facts)}</p></header>'
            f'<nav class="toc" aria-label="Sections of the brief"><ul>{nav}</ul></nav>')


def _independence(view: _View, article: Record) -> str:
    """From ``source_group``: the first article of a near-duplicate group stands for it."""
    group = article.get("source_group")
    if not group:
        return ""
    if group != article["id"]:
        return f"Near-copy of {_e(view.label.get(group, group))}; counts once"
    copies = [view.label[b["id"]] for b in view.articles if b.get("source_group") == group and b is not article]
    return f"Copied by {_e(', '.join(copies))}" if copies else "Independent report"


def _sources(view: _View) -> str:
    items = []
    for a in view.articles:
        link = str(a.get("url") or a.get("source") or "")
        where = (f'<a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a>'
                 if re.match(r"https?://", link, re.IGNORECASE) else _e(link))
        found = (f"{sum(c['article'] == a['id'] for c in view.claims)} claims, "
                 f"{sum(s['article'] == a['id'] for s in view.statements)} statements")
        rows = [("Published", _date(a.get("published")) or "date unknown"), ("Dateline", _e(a.get("dateline"))),
                ("Independence", _independence(view, a)), ("Found", found), ("Source", where)]
        headline = (f'<p class="headline">{_e(a["title"])}</p>' if a.get("title")
                    else '<p class="headline none">No headline in the source</p>')
        items.append(f'<li class="source"><p class="art-id" aria-hidden="true">{_e(a["id"])}</p>'
                     f'<h3><a href="#article-{_e(a["id"])}">{_e(view.label[a["id"]])}</a></h3>{headline}'
                     f'<dl>{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)}</dl></li>')
    errors = "".join(f"<li><code>{_e(e.get('source'))}</code>: {_e(e.get('reason'))}</li>" for e in view.errors)
    errors = f'<h3>Could not be read</h3><ul class="errors">{errors}</ul>' if errors else ""
    return _section("sources", "Sources", "The articles compared.",
                    f'<ol class="sources">{"".join(items)}</ol>{errors}')


def _agreed(view: _View) -> str:
    items = []
    for point in view.agreed:
        meta = [_plural(point.outlets, "outlet"), _plural(point.articles, "article")]
        if point.independent is not None:
            meta.append(_plural(point.independent, "independent source"))
        why = "".join(f"<li>{_e(r)}</li>" for r in point.reasons)
        items.append(
            '<li class="point agreed"><p class="label">Agreed</p>'
            f'<blockquote class="claim-text">{_e(view.claim[point.claims[0]]["text"])}</blockquote>'
            f'<p class="meta">{_DOT.join(meta)}</p><p class="cites"><span class="cites-label">Cited in</span> '
            f'{" ".join(_chip(view, c) for c in point.claims)}</p>'
            + (f"<details><summary>Why these match</summary><ul>{why}</ul></details>" if why else "") + "</li>")
    return _section("agreed", "Agreed", "Points more than one article reports. Each chip opens the sentence it cites.",
                    _list(items, "points", "No point is reported by more than one article."))


def _side(view: _View, claim_id: str, heading: str) -> str:
    c = view.claim[claim_id]
    published = view.article.get(c["article"], {}).get("published")
    st = view.statement.get(c.get("statement") or "")
    who = f'<p class="said-by">{_speaker(st)}{", " + _when(st) if _when(st) else ""}</p>' if st else ""
    return (f'<div class="side"><p class="side-head">{heading}: <strong>{_e(view.label.get(c["article"]))}</strong>'
            f'{", " + _date(published) if published else ""}</p>'
            f'<blockquote class="claim-text">{_e(c["text"])}</blockquote>{who}'
            f'<p class="cites">{_chip(view, claim_id)}</p></div>')


def _pairs(view: _View, kind: str) -> str:
    update = kind == "updates"
    key, title = ("changed", "Changed") if update else ("disputed", "Disputed")
    heads, sep = (("Earlier", "Later"), "then") if update else (("One account", "Other account"), "versus")
    items = []
    for rel in sorted(view.pairs(kind), key=lambda r: min(map(view.claim_key, r["claims"]))):
        first, second = sorted(rel["claims"], key=view.claim_key)
        conf = rel.get("confidence")
        meta = _e(rel.get("reason")) + (f' <span class="conf">(confidence {conf:.2f})</span>'
                                         if isinstance(conf, int | float) else "")
        items.append(f'<li class="point {key}"><p class="label">{title}</p><div class="pair">'
                     f'{_side(view, first, heads[0])}<p class="sep" aria-hidden="true">{sep}</p>'
                     f'{_side(view, second, heads[1])}</div><p class="meta">{meta}</p></li>')
    intro = ("How the story moved: a later report revises an earlier one." if update
             else "Where the articles contradict each other, side by side.")
    return _section(key, title, intro, _list(items, "points", "No account was revised." if update
                                             else "No contradiction was found."))


def _only(view: _View) -> str:
    blocks = []
    for u in sorted(view.unique, key=lambda u: view.order.get(u["article"], 0)):
        ids = sorted((c for c in u["claims"] if c in view.claim), key=view.claim_key)
        items = "".join(f'<li><span class="claim-text">{_e(view.claim[c]["text"])}</span> {_chip(view, c)}</li>'
                        for c in ids)
        blocks.append(f'<div class="only-block"><h3><span class="label">Only in</span> '
                      f'{_e(view.label.get(u["article"], u["article"]))}</h3><ul class="only-list">{items}</ul></div>')
    content = "".join(blocks) or '<p class="empty">Every claim appears in more than one article.</p>'
    return _section("only", "Only in one outlet", "Claims no other article supports.", content)


def _timeline(view: _View) -> str:
    def key(st: Record) -> tuple[str, str, int, int]:
        published = view.article.get(st["article"], {}).get("published") or "9999"
        said = (st.get("when") or {}).get("date") or published
        return (said, published, view.order.get(st["article"], 0), (st.get("content") or {}).get("start", 0))

    items: list[str] = []
    speakers: dict[str, int] = {}
    for st in sorted(view.timeline, key=key):
        sp = st.get("speaker") or {}
        who = sp.get("name") or sp.get("text") or ""
        speakers[who] = speakers.get(who, 0) + 1
        published = view.article.get(st["article"], {}).get("published")
        when = _when(st) or (f'{_date(published)} <span class="tag">date of report</span>' if published
                             else '<span class="tag">undated</span>')
        said = _e((st.get("content") or {}).get("text"))
        quote, kind = (f"\u201c{said}\u201d", "direct quote") if st.get("direct") else (said, "reported speech")
        items.append(
            f'<li data-speaker="{_e(who)}"><p class="t-when">{when}</p><div class="t-body"><p class="t-who">'
            f'{_speaker(st)} <span class="tag">{kind}</span></p><p class="t-said">{quote}</p><p class="cites">in '
            f'{_e(view.label.get(st["article"], st["article"]))} <a class="chip" href="#stmt-{_e(st["id"])}">'
            f'<span class="vh">statement </span>{_e(st["id"])}</a></p></div></li>')
    options = "".join(f'<option value="{_e(w)}">{_e(w)} ({n})</option>'
                      for w, n in sorted(speakers.items(), key=lambda x: (-x[1], x[0])))
    choose = ('<p class="speaker-filter" hidden><label for="speaker">Show statements by</label> <select id="speaker">'
              f'<option value="">everyone ({len(items)})</option>{options}</select></p>' if items else "")
    return _section("timeline", "Timeline", "Who said what, in order of when it was said (or, failing that, when it "
                    "was reported).", choose + _list(items, "timeline", "No statements were found."))


def _articles(view: _View) -> str:
    legend = ('<p class="legend"><span class="legend-title">Key:</span> <span class="spk">Speaker</span> '
              '<span class="cue">cue (verb of saying)</span> <span class="said">what was said</span> '
              '<span class="claim hl">cited sentence</span> <span class="residue">page residue</span></p>')
    emitted: set[str] = set()
    blocks = []
    for a in view.articles:
        aid = _e(a["id"])
        blocks.append(
            f'<article class="full" id="article-{aid}" aria-labelledby="h-art-{aid}"><header>'
            f'<p class="art-id">{aid}</p><h3 id="h-art-{aid}">{_e(view.label[a["id"]])}</h3>'
            + (f'<p class="headline">{_e(a["title"])}</p>' if a.get("title") else "")
            + f'<p class="meta">{_date(a.get("published"))}</p></header>'
            f'<div class="text">{_article_text(a.get("text") or "", _spans(view, a), emitted)}</div></article>')
    return _section("articles", "Articles", "The full text of each article, with statements and cited sentences "
                    "marked.", f'{legend}<div class="columns">{"".join(blocks)}</div>')


def _spans(view: _View, article: Record) -> list[_Span]:
    """Everything marked in one article: claims, statement parts, page residue."""
    spans = [(c["start"], c["end"], "claim", f"claim-{c['id']}") for c in view.claims if c["article"] == article["id"]]
    for st in (s for s in view.statements if s["article"] == article["id"]):
        for part, css in (("speaker", "spk"), ("cue", "cue"), ("content", "said")):
            if span := st.get(part):
                spans.append((span["start"], span["end"], css, f"stmt-{st['id']}"))
    return spans + [(start, end, "residue", "") for start, end in article.get("excluded") or ()]


def _article_text(text: str, spans: list[_Span], emitted: set[str]) -> str:
    """The text as paragraphs, spans nested; a span crossing another is closed and reopened."""
    out = []
    for para in re.finditer(r"[^\n]*\S[^\n]*", text):
        ps, pe = para.span()
        inside = [(max(s, ps), min(e, pe), css, ref) for s, e, css, ref in spans if s < pe and e > ps]
        points = sorted({ps, pe, *(s[0] for s in inside), *(s[1] for s in inside)})
        stack: list[_Span] = []
        parts = ["<p>"]
        for a, b in pairwise(points):
            want = sorted((s for s in inside if s[0] <= a and s[1] >= b), key=lambda s: (s[0], -s[1], _LAYER[s[2]]))
            keep = 0
            while keep < min(len(stack), len(want)) and stack[keep] == want[keep]:
                keep += 1
            parts.append("</span>" * (len(stack) - keep))
            parts.extend(_open(s, emitted) for s in want[keep:])
            parts.append(_e(text[a:b]))
            stack = want
        out.append("".join(parts) + "</span>" * len(stack) + "</p>")
    return "".join(out)


def _open(span: _Span, emitted: set[str]) -> str:
    """The opening tag; the first piece of each claim or statement carries its id, as the link target."""
    css, ref = span[2], span[3]
    if not ref:
        return f'<span class="{css}" title="Page residue, ignored by the analysis">'
    anchor = "" if ref in emitted else f' id="{_e(ref)}" tabindex="-1"'
    emitted.add(ref)
    return f'<span class="{css}" data-ref="{_e(ref)}"{anchor}>'
