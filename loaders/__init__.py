"""Loaders: read and validate data/, build the in-memory graph, load Neo4j."""
