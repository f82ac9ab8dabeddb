"""The statements package reads top-down, and the old modules are gone.

The package docstring lists its modules in reading order; each module may
import only those listed before it, so a reader meets every name before it
is used and no two modules lean on each other.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import storydiff.nlp.statements as statements

PACKAGE = Path(statements.__file__).parent
PREFIX = "storydiff.nlp.statements."


def reading_order() -> list[str]:
    return re.findall(r"^- ``(\w+)``", statements.__doc__ or "", flags=re.MULTILINE)


def sibling_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PREFIX):
            found.add(node.module.removeprefix(PREFIX))
    return found


def test_the_docstring_lists_every_module_once() -> None:
    order = reading_order()
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    assert sorted(order) == modules and len(set(order)) == len(order)


def test_each_module_imports_only_those_before_it() -> None:
    order = reading_order()
    later = {
        name: sorted(sibling_imports(PACKAGE / f"{name}.py") - set(order[:k])) for k, name in enumerate(order)
    }
    assert all(not wrong for wrong in later.values()), later


def test_no_module_passes_about_500_lines() -> None:
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert max(lengths.values()) <= 500, lengths


def test_the_old_statement_modules_are_gone() -> None:
    nlp = PACKAGE.parent
    old = ["attributions", "statement_model", "reported", "speakers", "quotes", "cues", "polnear"]
    assert [name for name in old if (nlp / f"{name}.py").exists()] == []
