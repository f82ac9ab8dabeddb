"""storydiff: diff for news.

Give it the articles several outlets published about one story and it shows
who said what and when, what the outlets agree on, where they conflict or the
story changed, and what only one outlet reports, every point cited to its
sentence.

    >>> import storydiff
    >>> brief = storydiff.brief(["examples/ferry/wire.txt", "examples/ferry/courier.txt"])
    >>> print(storydiff.render(brief, "markdown"))

``brief`` takes paths (``str`` or ``Path``), folders, http(s) URLs and
:class:`Article` records, alone or in a list; ``storydiff.brief("examples/ferry")``
compares every article in the folder.
"""

__version__ = "0.1.0"

from storydiff.errors import (
    ConfigError,
    InputError,
    ModelError,
    StoreError,
    StorydiffError,
)
from storydiff.models import (
    Article,
    Brief,
    Claim,
    Entity,
    Relation,
    Statement,
)

_LAZY = {
    "analyze": "storydiff.pipeline",
    "brief": "storydiff.pipeline",
    "read": "storydiff.pipeline",
    "relate": "storydiff.align.pairs",
}


def __getattr__(name: str) -> object:
    """Import the pipeline on first use, so ``import storydiff`` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    if name == "render":  # the render package is itself callable: storydiff.render(brief, "json")
        import importlib

        return importlib.import_module("storydiff.render")
    raise AttributeError(f"module 'storydiff' has no attribute {name!r}")


__all__ = [
    "Article",
    "Brief",
    "Claim",
    "ConfigError",
    "Entity",
    "InputError",
    "ModelError",
    "Relation",
    "Statement",
    "StoreError",
    "StorydiffError",
    "__version__",
    "analyze",
    "brief",
    "read",
    "relate",
    "render",
]
