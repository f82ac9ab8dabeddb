"""The claim-pair model's training scripts: the cross-validation folds and how the sweep ranks settings.

The training itself needs torch (the ``train`` extra) and is not run here; these are the parts that
decide which pairs a model learns from and which setting wins, and they run on the standard library.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


sweep = _script("sweep_pairs")
train = sweep.train_pairs  # the very module the sweep uses


def _pairs(n: int, positives: int) -> list[tuple[str, str, str, int]]:
    return [(f"{i:04d}", f"sentence a{i}", f"sentence b{i}", int(i < positives)) for i in range(n)]


def test_folds_are_disjoint_stratified_and_fixed() -> None:
    pairs = _pairs(100, 70)
    folds = sweep.folds(pairs, 5)
    ids = [p[0] for fold in folds for p in fold]
    assert sorted(ids) == sorted(p[0] for p in pairs)  # every pair once, none twice
    assert [sum(p[3] for p in fold) for fold in folds] == [14] * 5  # each fold keeps the 70/30 mix
    assert [len(fold) for fold in folds] == [20] * 5
    assert sweep.folds(list(reversed(pairs)), 5) == folds  # the input's order does not matter


def test_the_sweep_never_reads_dev() -> None:
    pairs = _pairs(400, 270)
    parts = train.split(pairs)
    dev = {p[0] for p in parts["dev"]}
    pool = sorted(parts["train"] + parts["select"])
    assert dev and not dev & {p[0] for fold in sweep.folds(pool, 5) for p in fold}


def test_the_grid_starts_with_the_shipped_settings() -> None:
    settings = sweep.grid()
    assert settings[0] == train.Settings()
    assert len(set(settings)) == len(settings) == 25


def _result(setting: int, fold: int, accuracies: list[float]) -> dict:
    return {"setting": setting, "fold": fold,
            "epochs": [{"epoch": e + 1, "accuracy": a, "f1": a} for e, a in enumerate(accuracies)]}


def test_settings_are_compared_on_the_folds_all_of_them_finished() -> None:
    # Setting 1 looks better on fold 0, but setting 0 also finished fold 1, where it did poorly;
    # a budget cut left setting 1 without fold 1, so fold 1 must not count for anyone.
    results = [_result(0, 0, [0.70, 0.80]), _result(0, 1, [0.50, 0.50]), _result(1, 0, [0.75, 0.78])]
    ranked = sweep.summarise(results)
    assert ranked[0][2:] == (0, 2, 1)  # setting 0, epoch 2, one fold
    assert ranked[0][0] == 0.80
    assert {(r[2], r[3]) for r in ranked} == {(0, 1), (0, 2), (1, 1), (1, 2)}
    assert all(r[4] == 1 for r in ranked)
