"""Where the per-article analysis of ``storydiff ingest`` runs: in this process, or on Dask workers.

A runner maps batches of articles to their :class:`BatchResult` (analysis and
story features) and yields the results in the order the batches were given,
so the one store process assigns stories and writes in the same order
whatever runs the analysis. ``runners.dask`` imports Dask; nothing else here
does, so the default path never loads it.
"""

from storydiff.runners.local import BatchResult, LocalRunner, Runner, analyze_batch

__all__ = ["BatchResult", "LocalRunner", "Runner", "analyze_batch"]
