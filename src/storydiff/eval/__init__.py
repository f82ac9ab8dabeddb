"""Evaluation corpora: readers and scorers for the benchmarks and training scripts.

Not a pipeline stage: nothing in ``ingest`` → ``nlp`` → ``align`` → ``render``
imports from here. One module per corpus (``polnear``: PolNeAR attributions,
statement scoring).
"""
