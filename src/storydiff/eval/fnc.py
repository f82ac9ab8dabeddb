"""The Fake News Challenge (FNC-1) format: its score, its hold-out split, its CSV files.

``score_fnc`` is the official weighted metric: +0.25 for telling related from
unrelated correctly, +0.75 more for the right agree/disagree/discuss label of a
related pair; reported as a percentage of the best possible score.

``split_by_body`` makes the hold-out split used by the training script and
the benchmark: a seeded 10% of body ids, so no body is seen on both sides.

``read_fnc`` / ``run_fnc_batch`` / ``write_fnc`` handle the competition's
CSV pair (stances: ``Headline``, ``Body ID``, ``Stance``; bodies:
``Body ID``, ``articleBody``); they are the only functions here that touch
files.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storydiff.errors import InputError
from storydiff.render.escape import terminal_safe
from storydiff.stance import STANCES, predict_stance

RELATED = frozenset(("agree", "disagree", "discuss"))
HOLD_OUT_FRACTION = 0.1
HOLD_OUT_SEED = 20171
_STANCE_FIELDS = ("Headline", "Body ID")
_BODY_FIELDS = ("Body ID", "articleBody")


@dataclass(frozen=True, slots=True)
class FncScore:
    """FNC-1 evaluation of predicted stances against gold ones.

    ``confusion[i][j]`` counts pairs whose gold stance is ``STANCES[i]`` and
    predicted stance ``STANCES[j]``.
    """

    score: float  # percent of the best possible weighted score
    raw: float
    best: float
    confusion: tuple[tuple[int, ...], ...]
    f1: dict[str, float]
    macro_f1: float
    accuracy: float
    n: int

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "raw": self.raw,
            "best": self.best,
            "confusion": [list(row) for row in self.confusion],
            "labels": list(STANCES),
            "f1": dict(self.f1),
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "n": self.n,
        }


def _weighted(gold: str, pred: str) -> float:
    points = 0.0
    if gold == pred:
        points += 0.25
        if gold != "unrelated":
            points += 0.5
    if gold in RELATED and pred in RELATED:
        points += 0.25
    return points


def score_fnc(gold: Sequence[str], pred: Sequence[str]) -> FncScore:
    """Score predicted stances the way the FNC-1 scorer does, plus F1 per class."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    index = {s: i for i, s in enumerate(STANCES)}
    for label in (*gold, *pred):
        if label not in index:
            raise ValueError(f"unknown stance {label!r}; expected one of {', '.join(STANCES)}")
    matrix = [[0] * len(STANCES) for _ in STANCES]
    raw = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        matrix[index[g]][index[p]] += 1
        raw += _weighted(g, p)
        best += _weighted(g, g)
    f1: dict[str, float] = {}
    for i, label in enumerate(STANCES):
        tp = matrix[i][i]
        predicted = sum(row[i] for row in matrix)
        actual = sum(matrix[i])
        f1[label] = 2.0 * tp / (predicted + actual) if predicted + actual else 0.0
    n = len(gold)
    correct = sum(matrix[i][i] for i in range(len(STANCES)))
    return FncScore(
        score=100.0 * raw / best if best else 0.0,
        raw=raw,
        best=best,
        confusion=tuple(tuple(row) for row in matrix),
        f1=f1,
        macro_f1=sum(f1.values()) / len(f1),
        accuracy=correct / n if n else 0.0,
        n=n,
    )


def format_fnc(score: FncScore) -> str:
    """A plain-text report: score, confusion matrix, F1 per class."""
    width = max(len(s) for s in STANCES) + 2
    lines = [
        f"FNC-1 score: {score.score:.2f}% of max ({score.raw:.2f} / {score.best:.2f}), "
        f"{score.n} pairs",
        "confusion (rows gold, columns predicted):",
        " " * width + "".join(f"{s:>{width}}" for s in STANCES),
    ]
    for label, row in zip(STANCES, score.confusion, strict=True):
        lines.append(f"{label:<{width}}" + "".join(f"{c:>{width}}" for c in row))
    lines.append("F1: " + "  ".join(f"{s} {score.f1[s]:.3f}" for s in STANCES))
    lines.append(f"macro-F1: {score.macro_f1:.4f}  accuracy: {score.accuracy:.4f}")
    return "\n".join(lines)


def split_by_body(
    body_ids: Iterable[str], fraction: float = HOLD_OUT_FRACTION, seed: int = HOLD_OUT_SEED
) -> tuple[frozenset[str], frozenset[str]]:
    """Split body ids into (train, hold-out); the same ids always give the same split."""
    ids = sorted(set(body_ids), key=lambda b: (len(b), b))
    random.Random(seed).shuffle(ids)
    cut = round(len(ids) * fraction)
    return frozenset(ids[cut:]), frozenset(ids[:cut])


def _read_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(str(path), f"missing column(s): {', '.join(missing)}")
            return list(reader)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason})") from exc


def read_fnc(
    stances_path: str | Path, bodies_path: str | Path
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Read an FNC-1 stances CSV and its bodies CSV: (stance rows, body text by id)."""
    stances = _read_csv(Path(stances_path), _STANCE_FIELDS)
    bodies = {r["Body ID"]: r["articleBody"] for r in _read_csv(Path(bodies_path), _BODY_FIELDS)}
    for number, row in enumerate(stances, start=2):
        if row["Body ID"] not in bodies:
            raise InputError(
                str(stances_path), f"line {number}: Body ID {row['Body ID']} is not in {bodies_path}"
            )
    return stances, bodies


def run_fnc_batch(
    stances_path: str | Path, bodies_path: str | Path
) -> tuple[list[dict[str, str]], FncScore | None]:
    """Predict the stance of every row of an FNC-1 stances CSV.

    Returns the rows with ``Stance`` set to the prediction (other columns kept),
    and the FNC-1 score when every input row carried a gold ``Stance``.
    """
    stances, bodies = read_fnc(stances_path, bodies_path)
    results = predict_stance([(r["Headline"], bodies[r["Body ID"]]) for r in stances])
    gold = [(r.get("Stance") or "").strip() for r in stances]
    rows = [{**r, "Stance": res.stance} for r, res in zip(stances, results, strict=True)]
    if gold and all(g in STANCES for g in gold):
        return rows, score_fnc(gold, [r.stance for r in results])
    return rows, None


def write_fnc(rows: Sequence[dict[str, str]], path: str | Path) -> None:
    """Write stance rows as an FNC-1 CSV (``Headline``, ``Body ID``, ``Stance`` first)."""
    fields = ["Headline", "Body ID", "Stance"]
    for row in rows:
        fields += [k for k in row if k not in fields]
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        # Control characters never reach a terminal or a spreadsheet; the cells stay otherwise as read,
        # so the official scorer still matches them.
        writer.writerows({k: terminal_safe(v) for k, v in row.items()} for row in rows)
