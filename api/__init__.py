"""The user-facing surfaces: the GraphQL API (FastAPI + strawberry) and the `calcigraph` command line."""
