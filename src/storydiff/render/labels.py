"""Short article labels for a stored story's report: its articles shown as A, B, C, like ``storydiff brief``.

A stored article keeps the id it was ingested under (a file path, a
dataset's id, a URL), and its claims and statements are named after it
(``examples/corpus/valley-herald.txt12``). The report shows those ids in
its source badges and citation chips, which are made for ``A`` and
``B12``: a path overflows the badge and the chips read as noise. The web
story page and ``storydiff brief --db PATH --story ID`` (text, Markdown,
HTML) therefore render a copy of the brief in which the articles, in the
brief's order, are named with the letters ``storydiff brief`` gives files
(``ingest.reader.article_id``), their claims and statements with them.
This module is the one owner of that renaming. The JSON output and the JSON
API keep the store's ids.
"""

from __future__ import annotations

import copy
from typing import Any

from storydiff.ingest.reader import article_id
from storydiff.models import Brief

__all__ = ["display_brief", "short_ids"]


def short_ids(brief: dict[str, Any]) -> dict[str, Any]:
    """A copy of a brief dict with article ids A, B, C... in its order, claim and statement ids to match."""
    out = copy.deepcopy(brief)
    names: dict[str, dict[str, str]] = {"article": {a["id"]: article_id(n)
                                                    for n, a in enumerate(out.get("articles", ()))}}
    for kind in ("claims", "statements"):
        names[kind] = {}
        for item in out.get(kind, ()):
            old = item["article"]
            if old in names["article"] and item["id"].startswith(old):
                suffix = item["id"][len(old):]
                if kind == "claims" and old[-1:].isdigit() and suffix.startswith("-"):
                    suffix = suffix[1:]  # "a4-11" was kept apart from "a41-1"; "A11" needs no dash
                names[kind][item["id"]] = names["article"][old] + suffix
    for section, fields in _FIELDS.items():
        for item in out.get(section, ()):
            for key, kind in fields:
                if isinstance(item.get(key), list):
                    item[key] = [names[kind].get(v, v) for v in item[key]]
                elif isinstance(item.get(key), str):
                    item[key] = names[kind].get(item[key], item[key])
    return out


def display_brief(brief: Brief) -> Brief:
    """The brief as a report shows it: articles A, B, C..., claims and statements named to match."""
    return Brief.from_dict(short_ids(brief.to_dict()))


_FIELDS = {  # where a brief names an article, a claim or a statement
    "articles": (("id", "article"), ("source_group", "article")),
    "entities": (("articles", "article"),),
    "statements": (("id", "statements"), ("article", "article")),
    "claims": (("id", "claims"), ("article", "article"), ("statement", "statements")),
    "relations": (("claims", "claims"),),
    "unique": (("article", "article"), ("claims", "claims")),
    "agreed": (("claims", "claims"), ("articles", "article")),
}
