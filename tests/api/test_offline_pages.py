"""Nothing the server serves loads from the internet (the brief: offline; many labs and hospitals have no internet).

FastAPI's own /docs and /redoc pages would load Swagger UI and ReDoc from a CDN: they are switched off. Every other
page the app answers with HTML is checked for external scripts, stylesheets and fonts.
"""

import re

from fastapi.testclient import TestClient
from starlette.routing import Route

from api.app import create_app

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//"""
                      r"""|@import\s+url\(\s*["']?(?:https?:)?//""", re.I)
"""An asset the browser would fetch from another host (a link to a paper in an <a> is not an asset)."""


def test_fastapis_cdn_pages_are_not_served() -> None:
    client = TestClient(create_app())
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(path).status_code == 404, path


def test_no_html_page_loads_an_external_asset() -> None:
    app = create_app()
    client = TestClient(app)
    pages = [r.path for r in app.routes if isinstance(r, Route) and "{" not in r.path and "GET" in (r.methods or ())]
    assert "/graphql" in pages and "/" in pages
    checked = 0
    for path in pages:
        response = client.get(path, headers={"accept": "text/html"})
        if response.headers.get("content-type", "").startswith("text/html"):
            assert not EXTERNAL.search(response.text), path
            checked += 1
    assert checked >= 2  # the workbench and GraphiQL at least
