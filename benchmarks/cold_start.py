"""Cold start: a fresh `storydiff brief` process on the two seed articles.

Prints the wall time of the whole command and, as the in-run baseline, of a
fresh process that only loads the two models (spaCy and the ONNX embedder);
their ratio shows what the pipeline itself adds to start-up.

    python benchmarks/cold_start.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LOAD_ONLY = (
    "from storydiff.nlp.parse import load_spacy; from storydiff.nlp.embed import embed; "
    "load_spacy(); embed(['x'])"
)


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    if not SEEDS.exists():
        sys.exit(f"data not found at {SEEDS}: this benchmark reads ../shared/seeds beside the repository")
    storydiff = shutil.which("storydiff") or sys.exit("the storydiff command is not installed")
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    _wall([sys.executable, "-c", LOAD_ONLY])  # warm the file cache once, as a second run would be
    brief = min(_wall([storydiff, "brief", *seeds]) for _ in range(2))
    load = min(_wall([sys.executable, "-c", LOAD_ONLY]) for _ in range(2))
    print(f"models only (fresh process): {load:.2f} s")
    print(f"storydiff brief on the seeds (fresh process): {brief:.2f} s (target < 5 s)")
    print(f"ratio to model loading: {brief / load:.2f}")
    print(f"cold_brief_seconds: {brief:.2f}")


if __name__ == "__main__":
    main()
