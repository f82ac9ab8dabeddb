"""Files shipped with storydiff: model weights, vocabularies, learned tables.

One place knows where they live; a missing file raises a ``ModelError`` that
says how to get it back.
"""

from __future__ import annotations

from importlib import resources

from storydiff.errors import ModelError


def shipped_bytes(name: str, what: str, rebuild: str) -> bytes:
    """The bytes of ``storydiff/data/NAME``; ``what`` names it in the error, ``rebuild`` says how to make it."""
    resource = resources.files(__name__).joinpath(name)
    if not resource.is_file():
        raise ModelError(f"the {what} storydiff/data/{name} is missing; reinstall storydiff or rebuild it with: "
                         f"{rebuild}")
    return resource.read_bytes()
