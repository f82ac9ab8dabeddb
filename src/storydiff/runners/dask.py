"""Run the analysis of ``storydiff ingest`` on Dask workers (``--workers N`` or ``--scheduler ADDRESS``).

Each batch of articles is submitted as :func:`analyze_batch`, a pure
function of the batch; a worker plugin loads spaCy and the embedder once per
worker. At most ``2 × workers`` batches are in flight, so memory stays flat
however large the input, and results come back in submission order, so the
one store process assigns stories and writes exactly as the local path does.
A task lost with its worker is run again elsewhere (the scheduler's
``allowed-failures``); nothing is written twice because only the store
process writes. Needs the ``dask`` extra: ``pip install 'storydiff[dask]'``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storydiff.errors import ConfigError
from storydiff.models import Article
from storydiff.runners.local import BatchResult, analyze_batch, warm_models

IN_FLIGHT_PER_WORKER = 2
# How many times a task may lose its worker before the scheduler gives up on it (Dask's default is 3).
ALLOWED_FAILURES = 3

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ConfigError("--workers/--scheduler need Dask distributed, which is not installed; "
                      "install the extra: pip install 'storydiff[dask]'") from exc


class LoadModels(WorkerPlugin):
    """A worker plugin that loads spaCy and the embedder when a worker starts, so no batch pays for it."""

    name = "storydiff-models"

    def setup(self, worker: Any) -> None:
        """Load the models into the worker process (kept there for every later batch), one thread each.

        The worker's parallelism is its task threads; an embedder that also
        starts a thread per core would fight the other workers for the cores.
        """
        from storydiff.nlp.embed import use_threads

        use_threads(1)
        warm_models()


class DaskRunner:
    """Analyse batches on a Dask cluster: a new ``LocalCluster`` of ``workers`` processes, or ``scheduler``'s.

    Use as a context manager; the cluster it started is closed on exit (one
    given by address is left running).
    """

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None) -> None:
        if (workers is None) == (scheduler is None):
            raise ConfigError("give either a number of workers or a scheduler address, not both or neither")
        if workers is not None and workers < 1:
            raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
        self.workers = workers
        self.scheduler = scheduler
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> DaskRunner:
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            if self.scheduler is not None:
                try:
                    self.client = Client(self.scheduler, timeout="20s")
                except OSError as exc:
                    raise ConfigError(f"--scheduler {self.scheduler}: cannot connect ({exc}); "
                                      "check the address (tcp://HOST:8786) and that the scheduler runs") from exc
            else:
                self.cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        self.client.register_plugin(LoadModels())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def worker_count(self) -> int:
        """How many workers the cluster has now (at least 1, for sizing the window)."""
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[Sequence[Article]]) -> Iterator[BatchResult]:
        """Each batch's result in the order given, with at most ``2 × workers`` batches submitted and not taken."""
        if self.client is None:
            raise ConfigError("DaskRunner.map called outside its with-block")
        window = IN_FLIGHT_PER_WORKER * self.worker_count()
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self.client.submit(analyze_batch, list(batch), pure=False))
            if len(pending) >= window:
                yield _take(pending.popleft())
        while pending:
            yield _take(pending.popleft())


def _take(future: Any) -> BatchResult:
    result: BatchResult = future.result()
    future.release()
    return result
