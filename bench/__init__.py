"""Benchmarks (not tests): run them with `python -m bench.<name>`; results go to docs/benchmarks.md."""
