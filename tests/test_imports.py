"""The import graph of storydiff, read from the source with ``ast`` (nothing is imported).

Two rules keep the packages separable:

- no import cycle among module-level imports (a function-level import is the
  one allowed way to break a cycle, so those are left out of the graph);
- no module takes a private name (leading underscore) from a module of
  another subpackage: ``from storydiff.ingest.metadata import _DATELINE``
  inside ``storydiff.nlp`` is forbidden; the name should be made public in
  the one module that owns it.

The checks run on a {module: source} table, so the last two tests can feed
them hand-written sources and show that each rule catches what it claims to.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT_PACKAGE = "storydiff"


@dataclass(frozen=True, slots=True)
class Import:
    """One storydiff module imported by another, and the names taken from it."""

    importer: str
    target: str
    names: tuple[str, ...]  # names taken with ``from target import ...``; () for ``import target``
    line: int
    is_top_level: bool  # runs when the importer is imported (not in a function, not TYPE_CHECKING)


def read_sources(src: Path = SRC) -> dict[str, str]:
    """Source text of every module under ``src/storydiff``, by dotted module name."""
    sources = {}
    for path in sorted((src / ROOT_PACKAGE).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        sources[".".join(parts)] = path.read_text(encoding="utf-8")
    return sources


def subpackage(module: str) -> str:
    """``storydiff.nlp.statements.cues`` -> ``nlp``; a top-level module is its own: ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, is_top_level: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement under ``node``, and whether it runs at import time."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, is_top_level
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _walk(child, False)
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), False)
            for statement in child.orelse:
                yield from _walk(ast.Module(body=[statement], type_ignores=[]), is_top_level)
        else:
            yield from _walk(child, is_top_level)


def _absolute(importer: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def iter_imports(sources: Mapping[str, str], packages: frozenset[str] = frozenset()) -> Iterator[Import]:
    """Every import of one storydiff module by another.

    ``from pkg import name`` counts as an import of ``pkg.name`` when that is a
    module, else of ``pkg``. ``packages`` names the modules that are packages
    (an ``__init__``), for relative imports; by default, those with submodules.
    """
    packages = packages or frozenset(m.rpartition(".")[0] for m in sources)
    for importer, source in sources.items():
        for node, is_top_level in _walk(ast.parse(source), True):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == ROOT_PACKAGE:
                        yield Import(importer, alias.name, (), node.lineno, is_top_level)
                continue
            module = _absolute(importer, node, importer in packages)
            if module.split(".")[0] != ROOT_PACKAGE:
                continue
            taken = tuple(a.name for a in node.names if f"{module}.{a.name}" not in sources)
            if taken or module not in packages:
                yield Import(importer, module, taken, node.lineno, is_top_level)
            for alias in node.names:
                if f"{module}.{alias.name}" in sources:
                    yield Import(importer, f"{module}.{alias.name}", (), node.lineno, is_top_level)


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def module_graph(sources: Mapping[str, str]) -> dict[str, set[str]]:
    """Module-level import edges between storydiff modules.

    Importing ``a.b.c`` also runs the packages ``a`` and ``a.b``; those edges
    are added too, except to a package that contains the importer (it is
    already being imported by then).
    """
    graph: dict[str, set[str]] = {m: set() for m in sources}
    for imp in iter_imports(sources):
        if not imp.is_top_level or imp.target not in sources:
            continue
        inside = set(_ancestors(imp.importer))
        for target in [*_ancestors(imp.target), imp.target]:
            if target in sources and target not in inside and target != imp.importer:
                graph[imp.importer].add(target)
    return graph


def find_cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of ``graph`` with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def _module_aliases(tree: ast.Module, sources: Mapping[str, str]) -> dict[str, str]:
    """Local names bound to storydiff modules: ``import storydiff.nlp.embed as embed`` -> embed."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in sources:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in sources:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(sources: Mapping[str, str]) -> list[str]:
    """``importer:line: name from module`` for each private name taken across subpackages.

    Caught: ``from other.module import _name``, a private module in the path
    (``other._impl``) and ``module._name`` on a module imported by name.
    """
    found = []
    for imp in iter_imports(sources):
        if subpackage(imp.importer) == subpackage(imp.target):
            continue
        private = [n for n in imp.names if _is_private(n)]
        if any(_is_private(part) for part in imp.target.split(".")):
            private.append(f"(module {imp.target})")
        found += [f"{imp.importer}:{imp.line}: {name} from {imp.target}" for name in private]
    for importer, source in sources.items():
        tree = ast.parse(source)
        aliases = _module_aliases(tree, sources)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and _is_private(node.attr)
                and subpackage(aliases[node.value.id]) != subpackage(importer)
            ):
                found.append(f"{importer}:{node.lineno}: {node.attr} from {aliases[node.value.id]}")
    return sorted(set(found))


def test_the_graph_sees_storydiff_modules_and_their_imports() -> None:
    sources = read_sources()
    assert {"storydiff", "storydiff.cli", "storydiff.errors", "storydiff.stance.model"} <= set(sources)
    graph = module_graph(sources)
    assert "storydiff.errors" in graph["storydiff.stance.model"]
    assert "storydiff.stance" in graph["storydiff.eval.fnc"]  # the stance package's labels


def test_no_import_cycle_among_module_level_imports() -> None:
    cycles = find_cycles(module_graph(read_sources()))
    assert not cycles, "module-level import cycles (break one edge, e.g. by importing inside a function):\n" + (
        "\n".join(" <-> ".join(c) for c in cycles)
    )


def test_no_private_name_is_imported_from_another_subpackage() -> None:
    found = private_imports(read_sources())
    assert not found, "private names used across subpackages (make them public where they live):\n" + "\n".join(
        found
    )


SYNTHETIC = {
    "storydiff": "",
    "storydiff.ingest": "from storydiff.ingest.reader import read\n",
    "storydiff.ingest.reader": "from storydiff.nlp.parse import parse\n_DATELINE = 1\ndef read(): ...\n",
    "storydiff.nlp": "",
    "storydiff.nlp.parse": (
        "from storydiff.ingest.reader import _DATELINE\n"
        "import storydiff.ingest.reader as reader\n"
        "def parse():\n    from storydiff.render import text\n    return reader._DATELINE\n"
    ),
    "storydiff.render": "",
    "storydiff.render.text": "from . import _helpers\nfrom storydiff.nlp.parse import parse\n",
    "storydiff.render._helpers": "",
}


def test_a_module_level_cycle_is_found_and_a_function_level_import_is_not() -> None:
    graph = module_graph(SYNTHETIC)
    assert graph["storydiff.nlp.parse"] == {"storydiff.ingest", "storydiff.ingest.reader"}
    assert find_cycles(graph) == [["storydiff.ingest", "storydiff.ingest.reader", "storydiff.nlp.parse"]]
    assert "storydiff.render._helpers" in graph["storydiff.render.text"]  # relative import resolved


def test_a_private_name_from_another_subpackage_is_found() -> None:
    assert private_imports(SYNTHETIC) == [
        "storydiff.nlp.parse:1: _DATELINE from storydiff.ingest.reader",
        "storydiff.nlp.parse:5: _DATELINE from storydiff.ingest.reader",
    ]
