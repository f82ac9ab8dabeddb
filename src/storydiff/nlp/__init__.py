"""Stage 2, analyze: spaCy parse, statements, claims, entities, embeddings."""
