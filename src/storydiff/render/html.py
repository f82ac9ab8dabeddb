"""Render a brief as one self-contained HTML page: read offline, print, share.

The page draws the sections of ``summary`` (the same ones the text and Markdown briefs draw) from a
``Brief``, or from its saved JSON form (``storydiff.brief/1``, read with ``Brief.from_dict``). Everything
is inlined: the stylesheet and script ship beside this module (``report.css``, ``report.js``) and a strict
Content-Security-Policy allows exactly them by their sha256 hashes, never ``'unsafe-inline'``.

Article text is untrusted. Every piece of it goes through ``terminal_safe`` (no control characters, in
case the page is printed to a terminal) and ``html.escape`` into a text node or a quoted attribute, so
markup inside an article shows as text. Citation chips are plain ``#claim-…`` links: they work without
the script; with it, every piece of the cited sentence is highlighted.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from datetime import date
from html import escape
from importlib import resources
from itertools import pairwise
from string import Template
from typing import Any

from storydiff.models import Article, Brief, Statement
from storydiff.render.escape import terminal_safe
from storydiff.render.summary import (
    MAX_UNIQUE,
    Dispute,
    Sections,
    Side,
    Voice,
    addressee,
    counted,
    sections,
    speaker_name,
)

__all__ = ["mark_text", "render_html"]

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
             ("only", "Only in one"), ("who", "Who said what"), ("timeline", "Timeline"), ("articles", "Articles"))


def render_html(brief: Brief | Mapping[str, Any]) -> str:
    """The brief (or its saved JSON form) as a complete HTML document that makes no external requests."""
    parts = sections(brief if isinstance(brief, Brief) else Brief.from_dict(brief))
    disputed = [d for d in parts.disputes if not d.is_update]
    changed = [d for d in parts.disputes if d.is_update]
    counts = {"agreed": len(parts.agreed), "disputed": len(disputed), "changed": len(changed),
              "only": sum(len(u.points) for u in parts.unique),
              "who": sum(len(g.statements) for g in parts.speakers), "timeline": len(parts.timeline)}
    headline = parts.headline or "Story brief"
    body = "\n".join([
        _masthead(parts, headline, counts), '<main id="main">', _sources(parts), _agreed(parts),
        _pairs(parts, disputed, update=False), _pairs(parts, changed, update=True), _only(parts), _who(parts),
        _timeline(parts), _articles(parts), "</main>",
        '<footer class="colophon"><p>Made with storydiff. Every point links to the sentence it comes from; '
        "the full articles are at the end of the page.</p></footer>",
    ])
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; img-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return _PAGE.substitute(csp=csp, title=_e(f"{headline} \u2014 storydiff brief"), css=css, js=js, body=body)


# -- small pieces -------------------------------------------------------------

def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _e(value: Any) -> str:
    return escape(terminal_safe("" if value is None else str(value)), quote=True)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return _e(iso)
    return f'<time datetime="{_e(iso)}">{day.day} {day:%b %Y}</time>'


def _chip(parts: Sections, claim_id: str, article_id: str) -> str:
    where = parts.label(article_id)
    return (f'<a class="chip" href="#claim-{_e(claim_id)}" title="Show in {_e(where)}">'
            f'<span class="vh">{_e(where)}, claim </span>{_e(claim_id)}</a>')


def _speaker(st: Statement, to: bool = True) -> str:
    name, role, rec = speaker_name(st), st.speaker.role, st.recipient
    out = f'<span class="who">{_e(name)}</span>'
    out += f", {_e(role)}" if role and role.lower() not in name.lower() else ""
    out += ' <span class="tag">unnamed source</span>' if st.speaker.anonymous else ""
    return out + (f", to {_e(rec.text)}" if to and rec and rec.text else "")


def _when(st: Statement) -> str:
    if st.when is None:
        return ""
    text, iso = _e(st.when.text), st.when.date
    return f"{text} ({_date(iso)})" if text and iso else text or _date(iso)


def _section(key: str, title: str, intro: str, content: str) -> str:
    return (f'<section id="{key}" aria-labelledby="h-{key}"><h2 id="h-{key}">{title}</h2>'
            f'<p class="intro">{intro}</p>{content}</section>')


def _list(items: list[str], css: str, empty: str) -> str:
    return f'<ol class="{css}">{"".join(items)}</ol>' if items else f'<p class="empty">{empty}</p>'


# -- sections -----------------------------------------------------------------

def _masthead(parts: Sections, headline: str, counts: dict[str, int]) -> str:
    articles = parts.brief.articles
    dates = sorted(a.published for a in articles if a.published)
    outlets = {a.outlet or a.id for a in articles}
    facts = [counted(len(articles), "article"), counted(len(outlets), "outlet")]
    if dates:
        facts.append(_date(dates[0]) + (f" \u2013 {_date(dates[-1])}" if dates[-1] != dates[0] else ""))
    nav = "".join(f'<li><a href="#{key}">{label}'
                  + (f' <span class="count">{counts[key]}</span>' if key in counts else "") + "</a></li>"
                  for key, label in _SECTIONS)
    return (f'<header class="masthead"><p class="kicker">storydiff brief</p><h1>{_e(headline)}</h1>'
            f'<p class="facts">{_DOT.join(facts)}</p></header>'
            f'<nav class="toc" aria-label="Sections of the brief"><ul>{nav}</ul></nav>')


def _independence(parts: Sections, article: Article, copy_of: str | None, copies: tuple[str, ...]) -> str:
    """From ``source_group``: the first article of a near-duplicate group stands for it."""
    if not article.source_group:
        return ""
    if copy_of:
        return f"Near-copy of {_e(parts.label(copy_of))}; counts once"
    return f"Copied by {_e(', '.join(parts.label(c) for c in copies))}" if copies else "Independent report"


def _sources(parts: Sections) -> str:
    items = []
    for source in parts.sources:
        a = source.article
        link = a.url or a.source or ""
        where = (f'<a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a>'
                 if re.match(r"https?://", link, re.IGNORECASE) else _e(link))
        found = f"{source.claims} claims, {source.statements} statements"
        rows = [("Published", _date(a.published) or "date unknown"), ("Dateline", _e(a.dateline)),
                ("Independence", _independence(parts, a, source.copy_of, source.copies)), ("Found", found),
                ("Source", where)]
        headline = (f'<p class="headline">{_e(a.title)}</p>' if a.title
                    else '<p class="headline none">No headline in the source</p>')
        items.append(f'<li class="source"><p class="art-id" aria-hidden="true">{_e(a.id)}</p>'
                     f'<h3><a href="#article-{_e(a.id)}">{_e(source.label)}</a></h3>{headline}'
                     f'<dl>{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)}</dl></li>')
    errors = "".join(f"<li><code>{_e(e.source)}</code>: {_e(e.reason)}</li>" for e in parts.errors)
    errors = f'<h3>Could not be read</h3><ul class="errors">{errors}</ul>' if errors else ""
    return _section("sources", "Sources", "The articles compared.",
                    f'<ol class="sources">{"".join(items)}</ol>{errors}')


def _agreed(parts: Sections) -> str:
    items = []
    for point in parts.agreed:
        meta = [counted(len(point.outlets), "outlet"), counted(len(point.articles), "article"),
                counted(point.independent_sources, "independent source")
                + _e(point.why_fewer)]
        why = "".join(f"<li>{_e(r)}</li>" for r in point.reasons)
        items.append(
            '<li class="point agreed"><p class="label">Agreed</p>'
            f'<blockquote class="claim-text">{_e(point.text)}</blockquote>'
            f'<p class="meta">{_DOT.join(meta)}</p><p class="cites"><span class="cites-label">Cited in</span> '
            f'{" ".join(_chip(parts, c.id, c.article) for c in point.claims)}</p>'
            + (f"<details><summary>Why these match</summary><ul>{why}</ul></details>" if why else "") + "</li>")
    return _section("agreed", "Agreed", "Points more than one article reports. Each chip opens the sentence it cites.",
                    _list(items, "points", "No point is reported by more than one article."))


def _side(parts: Sections, side: Side, heading: str) -> str:
    st, published = side.statement, side.article.published
    who = f'<p class="said-by">{_speaker(st)}{", " + _when(st) if _when(st) else ""}</p>' if st else ""
    return (f'<div class="side"><p class="side-head">{heading}: <strong>{_e(parts.label(side.article.id))}</strong>'
            f'{", " + _date(published) if published else ""}</p>'
            f'<blockquote class="claim-text">{_e(side.claim.text)}</blockquote>{who}'
            f'<p class="cites">{_chip(parts, side.claim.id, side.article.id)}</p></div>')


def _pairs(parts: Sections, disputes: list[Dispute], *, update: bool) -> str:
    key, title = ("changed", "Changed") if update else ("disputed", "Disputed")
    heads, sep = (("Earlier", "Later"), "then") if update else (("One account", "Other account"), "versus")
    items = []
    for dispute in disputes:
        first, second = ("".join(_side(parts, side, head) for side in sides)
                         for sides, head in zip(dispute.accounts, heads, strict=True))
        conf = round(dispute.relation.confidence, 3)  # as the JSON has it, so a saved brief renders the same
        meta = f'{_e(dispute.relation.reason)} <span class="conf">(confidence {conf:.2f})</span>'
        items.append(f'<li class="point {key}"><p class="label">{title}</p><div class="pair">'
                     f'<div class="account">{first}</div><p class="sep" aria-hidden="true">{sep}</p>'
                     f'<div class="account">{second}</div></div><p class="meta">{meta}</p></li>')
    intro = ("How the story moved: a later report revises an earlier one." if update
             else "Where the articles contradict each other, side by side.")
    return _section(key, title, intro, _list(items, "points", "No account was revised." if update
                                             else "No contradiction was found."))


def _only(parts: Sections) -> str:
    """Each article's own points, most important first; past the first few, folded under "N more"."""
    blocks = []
    for only in parts.unique:
        items = ["<li>" + f'<span class="claim-text">{_e(p.text)}</span> '
                 + (f'<span class="said-by">— {_e(p.said_by)}</span> ' if p.said_by else "")
                 + " ".join(_chip(parts, c.id, c.article) for c in p.claims) + "</li>" for p in only.points]
        more = (f'<details class="more"><summary>{len(items) - MAX_UNIQUE} more</summary><ul class="only-list">'
                + "".join(items[MAX_UNIQUE:]) + "</ul></details>") if len(items) > MAX_UNIQUE else ""
        blocks.append(f'<div class="only-block"><h3><span class="label">Only in</span> '
                      f'{_e(only.label)}</h3><ul class="only-list">{"".join(items[:MAX_UNIQUE])}</ul>{more}</div>')
    content = "".join(blocks) or '<p class="empty">Every claim appears in more than one article.</p>'
    if parts.left_out:
        rows = "".join(f"<li>{_e(c.role)}: <span class=\"claim-text\">{_e(c.text)}</span> "
                       f"{_chip(parts, c.id, c.article)}</li>" for c in parts.left_out)
        content += (f'<details class="left-out"><summary>{counted(len(parts.left_out), "sentence")} left out: '
                    f"headlines, captions, bylines, pleasantries and fragments</summary><ul>{rows}</ul></details>")
    return _section("only", "Only in one outlet", "Claims no other article supports, the most important first.",
                    content)


def _said(parts: Sections, voice: Voice, when: str) -> str:
    """One statement: when, who, what, and a chip to it in its article."""
    st = voice.statement
    said = _e(voice.said)
    quoted = st.direct and st.content.text[:1] not in "\"\u201c'"  # some quotes keep their own marks
    quote = f"\u201c{said}\u201d" if quoted else said
    kind = "direct quote" if st.direct else "reported speech"
    # The cue as the brief shows it ("did not say", "called the report", "told reporters"): without it a
    # negated statement would read as the speaker asserting its content.
    to = addressee(parts.brief, st)
    cue = f' <span class="said-verb">{_e(st.cue.text + (" " + to if to else ""))}:</span>'
    return (f'<li data-speaker="{_e(voice.speaker)}"><p class="t-when">{when}</p><div class="t-body"><p class="t-who">'
            f'{_speaker(st, to=False)}{cue} <span class="tag">{kind}</span></p><p class="t-said">{quote}</p>'
            f'<p class="cites">in '
            f'{_e(parts.label(st.article))} <a class="chip" href="#stmt-{_e(st.id)}">'
            f'<span class="vh">statement </span>{_e(st.id)}</a></p></div></li>')


def _who(parts: Sections) -> str:
    groups = "".join(f'<li><h3>{_e(g.speaker)}</h3><ol class="said-list">'
                     + "".join(_said(parts, v, _when(v.statement)) for v in g.statements) + "</ol></li>"
                     for g in parts.speakers)
    content = f'<ol class="speakers">{groups}</ol>' if groups else '<p class="empty">No statements were found.</p>'
    return _section("who", "Who said what", "Every statement, grouped by speaker, the most widely quoted first.",
                    content)


def _timeline(parts: Sections) -> str:
    items: list[str] = []
    speakers: dict[str, int] = {}
    for voice in parts.timeline:
        speakers[voice.speaker] = speakers.get(voice.speaker, 0) + 1
        when = _when(voice.statement) if not voice.is_report_day else (
            f'{_date(voice.day)} <span class="tag">date of report</span>')
        items.append(_said(parts, voice, when))
    options = "".join(f'<option value="{_e(w)}">{_e(w)} ({n})</option>'
                      for w, n in sorted(speakers.items(), key=lambda x: (-x[1], x[0])))
    choose = ('<p class="speaker-filter" hidden><label for="speaker">Show statements by</label> <select id="speaker">'
              f'<option value="">everyone ({len(items)})</option>{options}</select></p>' if items else "")
    return _section("timeline", "Timeline", "Who said what, in order of when it was said (or, failing that, when it "
                    "was reported); statements with no date are under Who said what.",
                    choose + _list(items, "timeline", "No statement could be dated."))


def _articles(parts: Sections) -> str:
    legend = ('<p class="legend"><span class="legend-title">Key:</span> <span class="spk">Speaker</span> '
              '<span class="cue">cue (verb of saying)</span> <span class="said">what was said</span> '
              '<span class="claim hl">cited sentence</span> <span class="residue">page residue</span></p>')
    emitted: set[str] = set()
    blocks = []
    for source in parts.sources:
        a = source.article
        aid = _e(a.id)
        blocks.append(
            f'<article class="full" id="article-{aid}" aria-labelledby="h-art-{aid}"><header>'
            f'<p class="art-id">{aid}</p><h3 id="h-art-{aid}">{_e(source.label)}</h3>'
            + (f'<p class="headline">{_e(a.title)}</p>' if a.title else "")
            + f'<p class="meta">{_date(a.published)}</p></header>'
            f'<div class="text">{_article_text(a.text, _spans(parts.brief, a), emitted)}</div></article>')
    return _section("articles", "Articles", "The full text of each article, with statements and cited sentences "
                    "marked.", f'{legend}<div class="columns">{"".join(blocks)}</div>')


def _spans(brief: Brief, article: Article) -> list[_Span]:
    """Everything marked in one article: claims, statement parts, page residue."""
    spans = [(c.start, c.end, "claim", f"claim-{c.id}") for c in brief.claims if c.article == article.id]
    for st in (s for s in brief.statements if s.article == article.id):
        for span, css in ((st.speaker, "spk"), (st.cue, "cue"), (st.content, "said")):
            spans.append((span.start, span.end, css, f"stmt-{st.id}"))
    return spans + [(start, end, "residue", "") for start, end in article.excluded]


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


def mark_text(text: str, spans: list[_Span]) -> str:
    """An article's text as HTML paragraphs with its spans marked as the report marks them (``storydiff serve``)."""
    return _article_text(text, spans, set())


def _open(span: _Span, emitted: set[str]) -> str:
    """The opening tag; the first piece of each claim or statement carries its id, as the link target."""
    css, ref = span[2], span[3]
    if not ref:
        return f'<span class="{css}" title="Page residue, ignored by the analysis">'
    anchor = "" if ref in emitted else f' id="{_e(ref)}" tabindex="-1"'
    emitted.add(ref)
    return f'<span class="{css}" data-ref="{_e(ref)}"{anchor}>'
