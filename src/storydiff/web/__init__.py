"""``storydiff serve``: browse a store's stories, briefs, articles and speakers in the browser.

:func:`create_app` builds the Starlette app over a store opened read-only;
routes, safety and caching are described in ``docs/web.md``.
"""

from storydiff.web.app import create_app

__all__ = ["create_app"]
