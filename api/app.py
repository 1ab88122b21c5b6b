"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI(title="calcigraph", version="0.1.0")

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up (says nothing about the store; see /readyz)."""
        return {"status": "ok"}

    return app
