"""The question workbench at `/`: a static page (api/web/) that asks the public GraphQL API, nothing else.

It is the reference frontend: every answer it shows, a frontend developer gets from `/graphql` the same way. Its
assets are files of this package, so it works with no internet (lab and hospital networks often have none).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).parent / "web"


def mount_workbench(app: FastAPI) -> None:
    """Serve the workbench page at `/` and its assets under `/workbench/`."""

    @app.get("/", include_in_schema=False)
    def workbench() -> FileResponse:
        """The question workbench (forms, sortable tables, CSV/JSON downloads, shareable links)."""
        return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/workbench", StaticFiles(directory=WEB), name="workbench")
