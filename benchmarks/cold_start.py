"""Cold start: a fresh `storydiff brief` process on the two seed articles.

Prints the wall time of the whole command and, as the in-run baseline, of a
fresh process that only loads the two models (spaCy and the ONNX embedder);
their ratio shows what the pipeline itself adds to start-up (target: at most
1.5). Runs alternate between the two so that a busy machine slows both alike;
the best of each is kept. The CPU seconds of each process (user + system) are
printed too: on a machine shared with other work they move much less than
wall time, so their ratio is the steadier estimate of a quiet run's.

It then reads ``python -X importtime`` of one more brief and lists the
packages the brief imports beyond those the models need, with the module that
pulled each in, and names any that a plain-text brief of two articles does
not use (``NOT_NEEDED``): those should be imported lazily.

    python benchmarks/cold_start.py [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LOAD_ONLY = (
    "from storydiff.nlp.parse import load_spacy; from storydiff.nlp.embed import embed; "
    "load_spacy(); embed(['x'])"
)
# Packages storydiff needs only for some inputs or sizes, never for two plain-text files.
NOT_NEEDED = {
    "datasketch": "near-duplicates among more than 500 articles",
    "faiss": "claim matching in large stories",
    "trafilatura": "HTML pages",
    "lxml": "HTML pages",
    "dateparser": "dates written in words",
    "feedparser": "feeds",
    "pyarrow": "Parquet datasets",
    "pandas": "datasets",
}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|( *)(\S+)")


def _wall(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The least wall time and, separately, the least CPU time of several runs."""
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def _imports(command: list[str]) -> list[tuple[int, str, int]]:
    """(depth, module, self microseconds) per import of a fresh process, in importtime's order."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command], check=True, capture_output=True,
                          text=True, cwd=ROOT)
    return [(len(m[2]), m[3], int(m[1])) for m in map(_LINE.match, done.stderr.splitlines()) if m]


def _by_package(imports: list[tuple[int, str, int]]) -> dict[str, tuple[float, str]]:
    """Top-level package -> (self ms of all its modules, the first other package's module that imported it)."""
    milliseconds: dict[str, float] = defaultdict(float)
    importer: dict[str, str] = {}
    for n, (_, module, micros) in enumerate(imports):
        package = module.split(".")[0]
        milliseconds[package] += micros / 1000
        if package not in importer:
            importer[package] = _importer(imports, n, package)
    return {p: (ms, importer[p]) for p, ms in milliseconds.items() if importlib.util.find_spec(p) is not None}


def _importer(imports: list[tuple[int, str, int]], n: int, package: str) -> str:
    """The nearest module outside ``package`` among the importers of import ``n``.

    importtime lists a module after what it imports: its importer is the next
    line with a smaller depth.
    """
    depth = imports[n][0]
    for d, module, _ in imports[n + 1 :]:
        if d < depth:
            if module.split(".")[0] != package:
                return module
            depth = d
    return "(a function, at run time)"


def _through_spacy_cli(packages: dict[str, tuple[float, str]]) -> list[str]:
    """Packages imported only because ``spacy/__init__`` imports spaCy's own command line."""
    found: set[str] = set()
    while True:
        more = {
            p for p, (_, importer) in packages.items()
            if p not in found and p not in sys.stdlib_module_names
            and (importer.startswith("spacy.cli") or importer.split(".")[0] in found)
        }
        if not more:
            return sorted(found, key=lambda p: -packages[p][0])
        found |= more


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each process (default: 3); the best counts")
    args = parser.parse_args()
    if not SEEDS.exists():
        sys.exit(f"data not found at {SEEDS}: this benchmark reads ../shared/seeds beside the repository")
    storydiff = shutil.which("storydiff") or sys.exit("the storydiff command is not installed")
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    _wall([sys.executable, "-c", LOAD_ONLY])  # warm the file cache once, as a second run would be
    briefs, loads = [], []
    for _ in range(args.runs):
        loads.append(_wall([sys.executable, "-c", LOAD_ONLY]))
        briefs.append(_wall([storydiff, "brief", *seeds]))
    (brief, brief_cpu), (load, load_cpu) = _best(briefs), _best(loads)

    model_imports = _by_package(_imports(["-c", LOAD_ONLY]))
    model_packages = set(model_imports)
    extra = {p: v for p, v in _by_package(_imports(["-m", "storydiff.cli", "brief", *seeds])).items()
             if p not in model_packages and p not in sys.stdlib_module_names and not p.startswith("_")}
    print("imported by the brief beyond the models (self time in one run, ms):")
    for package, (ms, importer) in sorted(extra.items(), key=lambda kv: -kv[1][0])[:12]:
        print(f"  {package:<16} {ms:7.1f}  from {importer}")
    unused = [f"{p} ({NOT_NEEDED[p]})" for p in extra if p in NOT_NEEDED]
    print(f"imported but not used by this brief: {', '.join(unused) or 'none'}")
    spacy_cli = _through_spacy_cli(model_imports)
    spacy_ms = sum(model_imports[p][0] for p in spacy_cli)
    print(f"imported by spaCy itself for its command line, in both runs ({spacy_ms:.0f} ms): {', '.join(spacy_cli)}")
    print(f"models only (fresh process, best of {args.runs}): {load:.2f} s, {load_cpu:.2f} s of CPU")
    print(f"storydiff brief on the seeds (fresh process, best of {args.runs}): {brief:.2f} s, {brief_cpu:.2f} s of CPU")
    print(f"CPU-time ratio: {brief_cpu / load_cpu:.2f}")
    print(f"cold_start_ratio: {brief / load:.2f}")


if __name__ == "__main__":
    main()
