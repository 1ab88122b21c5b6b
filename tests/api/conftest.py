"""An HTTP client on the real app, once per backend: every API test runs on the embedded store and on Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.graphql.context import Limits
from graph.store import GraphStore


class CountingStore:
    """A real store, with every call counted (round trips to Neo4j, or calls into the embedded graph)."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return attr(*args, **kwargs)

        return counted


class Api:
    """POST GraphQL, get JSON; `data()` fails loudly on errors so tests read as specifications."""

    def __init__(self, client: TestClient, store: CountingStore) -> None:
        self.client = client
        self.store = store

    def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.client.post("/graphql", json={"query": query, "variables": variables or {}})
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.post(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.post(query, variables)
        assert body.get("errors"), body
        return body["errors"][0]


def make_api(store: GraphStore, limits: Limits | None = None, cors: list[str] | None = None) -> Api:
    counting = CountingStore(store)
    return Api(TestClient(create_app(counting, limits, cors_origins=cors)), counting)  # type: ignore[arg-type]


@pytest.fixture
def api(store: GraphStore) -> Iterator[Api]:
    """The API over the shipped data, on each backend in turn (see the `store` fixture)."""
    yield make_api(store)
