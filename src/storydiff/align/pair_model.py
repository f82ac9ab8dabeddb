"""The claim-pair model: the probability that two sentences state the same fact.

A MiniLM cross-encoder (fine-tuned from all-MiniLM-L6-v2 on MRPC by
``scripts/train_pairs.py``), int8 ONNX, shipped as ``storydiff/data/pair-model.onnx``
and run with onnxruntime: no torch at run time. A pair is read as one input,
``[CLS] a [SEP] b [SEP]`` with token types 0 for ``a`` and 1 for ``b``, so the
model sees both sentences at once rather than comparing two vectors. Each pair is
scored in both orders and the two probabilities averaged, as it was trained on both.

The file carries its own contract in ONNX metadata (format, input names, output
name, token limit, decision threshold); :class:`PairModel` checks it on load so a
file from another training run or another format fails loudly, not quietly wrong.

This module needs only numpy, onnxruntime and tokenizers, so the training script
can score its exported file through the same code the tool uses.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from storydiff.errors import ModelError

FORMAT = "storydiff-pair-model/1"
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "logit"
MODEL_FILE = "pair-model.onnx"
_BATCH = 32
_FIX = "reinstall storydiff, or rebuild the file with: python scripts/train_pairs.py (needs the [train] extra)"


class PairModel:
    """One loaded pair model: an onnxruntime session, its tokenizer and its threshold."""

    def __init__(self, path: Path) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import BertWordPieceTokenizer
        except ImportError as exc:  # pragma: no cover - exercised only on broken installs
            raise ModelError(f"the pair model needs {exc.name}; run: pip install onnxruntime tokenizers") from exc
        if not path.is_file():
            raise ModelError(f"the claim-pair model {path} is missing; {_FIX}")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors for corrupt files
            raise ModelError(f"the claim-pair model {path} cannot be loaded ({exc}); {_FIX}") from exc
        meta = self._session.get_modelmeta().custom_metadata_map
        self.metadata: dict[str, str] = dict(meta)
        inputs = tuple(i.name for i in self._session.get_inputs())
        outputs = tuple(o.name for o in self._session.get_outputs())
        problems = [
            f"{what} is {got!r}, expected {want!r}"
            for what, got, want in (
                ("format", meta.get("format"), FORMAT),
                ("inputs", inputs, INPUT_NAMES),
                ("outputs", outputs, (OUTPUT_NAME,)),
                ("metadata 'inputs'", meta.get("inputs"), ",".join(INPUT_NAMES)),
            )
            if got != want
        ]
        try:
            self.threshold = float(meta["threshold"])
            self.max_tokens = int(meta["max_tokens"])
        except (KeyError, ValueError):
            problems.append("threshold or max_tokens missing from its metadata")
        if problems:
            mismatch = "; ".join(problems)
            raise ModelError(f"the claim-pair model {path} does not match this storydiff: {mismatch}; {_FIX}")
        vocab = resources.files("storydiff.data").joinpath("minilm-vocab.txt")
        with resources.as_file(vocab) as vocab_path:
            self._tokenizer = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
        self._tokenizer.enable_truncation(self.max_tokens, strategy="longest_first")
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()  # a tokenizer's truncation/padding state is not thread-safe
        self.seconds = 0.0  # time spent scoring, all calls together (benchmarks/pair_cost.py reads it)
        self.pairs = 0  # pairs scored, all calls together

    def probabilities(self, pairs: Sequence[tuple[str, str]], both_orders: bool = True) -> np.ndarray:
        """P(same fact) for each (a, b), averaged over both orders; float32, shape ``(n,)``.

        ``both_orders=False`` scores (a, b) only, at half the cost (the brief's setting).
        """
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        started = time.perf_counter()
        both = [*pairs, *((b, a) for a, b in pairs)] if both_orders else list(pairs)
        probabilities = 1.0 / (1.0 + np.exp(-self._logits(both)))
        self.seconds += time.perf_counter() - started
        self.pairs += len(pairs)
        if not both_orders:
            return probabilities.astype(np.float32)
        return ((probabilities[: len(pairs)] + probabilities[len(pairs) :]) / 2).astype(np.float32)

    def _logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out = np.zeros(len(pairs), dtype=np.float32)
        for begin in range(0, len(order), _BATCH):
            idx = order[begin : begin + _BATCH]
            with self._lock:
                encodings = self._tokenizer.encode_batch([pairs[i] for i in idx])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            (logits,) = self._session.run([OUTPUT_NAME], feed)
            out[idx] = logits.reshape(-1)
        return out


@lru_cache(maxsize=1)
def shipped() -> PairModel:
    """The model shipped in ``storydiff/data``, loaded once, on first use."""
    resource = resources.files("storydiff.data").joinpath(MODEL_FILE)
    return PairModel(Path(str(resource)))
