"""Exceptions raised by storydiff.

Every error storydiff raises on purpose derives from one root::

    StorydiffError
    ├── InputError      an input could not be read: missing, unreadable, empty, binary, too
    │                   large, corrupt .gz, a URL refused, unreachable or timed out; one per
    │                   input, so the reader reports it and goes on with the others
    ├── ModelError      a model package is missing or broken (message says how to install it)
    ├── StoreError      the article database could not be opened or written
    └── ConfigError     options that contradict each other or name unknown things

Messages are written for the person at the terminal: they name the input or
the model and say how to fix the problem.
"""

from __future__ import annotations


class StorydiffError(Exception):
    """Root of every error storydiff raises on purpose."""


class InputError(StorydiffError):
    """An input could not be read; ``source`` names it and ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(StorydiffError):
    """A model could not be loaded; the message carries the install command."""


class StoreError(StorydiffError):
    """The article store could not be opened, read or written."""


class ConfigError(StorydiffError):
    """Options or settings that cannot work together."""
