"""Stage 4, cluster: grouping articles into stories (corpus mode); not built yet."""
