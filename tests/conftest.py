"""Shared fixtures: the repository's examples, the shared data folder, and one brief per story."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (present in CI, absent on a user's machine)")
    return path


@pytest.fixture(scope="session")
def seeds_brief():
    import storydiff

    return storydiff.brief([str(shared_path("seeds"))])


@pytest.fixture(scope="session")
def example_briefs():
    import storydiff

    return {d.name: storydiff.brief([str(d)]) for d in sorted(EXAMPLES.iterdir()) if d.is_dir()}
