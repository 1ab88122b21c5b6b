"""Issue #15, items 2 and 12: a cost limit computed before execution, execution off the event loop, a timeout that
stops any request, and one operation chosen explicitly when a document holds several.

Timing bounds are generous on purpose (a loaded 2-core CI machine must not flake them): a 1 s timeout must answer
within 8 s (before: ~10-12 s on the embedded store, never on Neo4j); /healthz within 1 s while the repro is refused
(typically ~30 ms), within 2.5 s while an uncapped heavy request runs (see that test)."""

from __future__ import annotations

import re
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from graphql import parse

from api.app import create_app
from api.graphql.context import Limits
from api.graphql.execution import wait_idle
from api.graphql.guards import DEFAULT_FAN_OUT, query_cost
from api.graphql.schema import create_schema
from graph.memory_store import MemoryStore
from graph.paths import PROJECT_ROOT
from graph.store import GraphStore
from tests.api.conftest import Api, make_api
from tests.api.live import live_server, timed_get

REPRO = ("{ agents(limit: 500) { items { affects { target { ... on Process { incomingAffects { source { ... on Agent "
         "{ affects { target { ... on Process { incomingAffects { source { id name } } } } } } } } } } } } } }")
SCHEMA = create_schema()._schema


def _hop(inner: str) -> str:
    return "affects { target { ... on Process { incomingAffects { source { ... on Agent { " + inner + " } } } } } }"


HEAVY = "{ agents(limit: 500) { items { " + _hop(_hop(_hop("id name"))) + " } } }"
"""A hop deeper than REPRO (needs max_depth 20): the compiled executor answers REPRO in ~2 s, within the timeouts
these tests stop it with; this one runs far longer than any of them."""


def cost(query: str, variables: dict | None = None) -> int:
    return query_cost(SCHEMA, parse(query), None, variables, Limits().max_page_size)


def test_the_issue_repro_is_refused_before_execution_naming_cost_and_limit(api: Api) -> None:
    started = time.monotonic()
    error = api.error(REPRO)
    assert time.monotonic() - started < 5  # ~0.1 s; before the fix 10-12 s
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > error["extensions"]["maxCost"] == 250_000
    assert re.search(r"query cost [\d,]+ exceeds the limit of 250,000", error["message"]), error["message"]
    assert "--max-cost" in error["message"]
    assert api.store.calls == []  # nothing ran


def test_cost_weights_list_fields_by_their_page_size() -> None:
    assert cost("{ agents(limit: 10) { items { id } } }") == 1 + 1 + 10
    assert cost("query($n: Int!) { agents(limit: $n) { items { id name } } }", {"n": 100}) == 1 + 1 + 100 * 2
    assert cost("query($n: Int = 7) { agents(limit: $n) { items { id } } }") == 1 + 1 + 7  # the variable's default
    assert cost("{ agents { items { id } } }") == 1 + 1 + 50  # the argument's default
    assert cost("{ agentsConnection(first: 5) { edges { node { id } } } }") == 1 + 1 + 5 * (1 + 1)
    # relationship lists have no page size: DEFAULT_FAN_OUT each, multiplied level by level
    assert cost('{ agent(id: "x") { affects { key } } }') == 1 + 1 + DEFAULT_FAN_OUT
    assert cost('{ agent(id: "x") { affects { target { id } } } }') == 1 + 1 + DEFAULT_FAN_OUT * 2
    # fragments count where they are spread; an oversized page is left to the page-size check (counted at 500)
    assert cost("{ agents(limit: 2) { items { ...F } } } fragment F on Agent { id name }") == 1 + 1 + 2 * 2
    assert cost("{ agents(limit: 100000) { items { id } } }") == 1 + 1 + 500


def test_the_limit_is_configurable(memory_store: MemoryStore) -> None:
    query = "{ agents(limit: 10) { items { id } } }"  # cost 12
    assert make_api(memory_store, Limits(max_cost=12)).data(query)
    error = make_api(memory_store, Limits(max_cost=11)).error(query)
    assert "query cost 12 exceeds the limit of 11" in error["message"]


def test_the_readme_flagship_and_every_documented_query_are_within_the_default_limit(api: Api) -> None:
    from tests.api.test_graphql_robustness import QUERIES

    readme = (PROJECT_ROOT / "README.md").read_text()
    flagship = re.search(r'"query":\s*"(\{ inhibitorsWithoutHarm.*?)"\}', readme, re.S)
    assert flagship, "the README's flagship curl example moved"
    documented = re.findall(r"```graphql\n(.*?)```", (PROJECT_ROOT / "docs" / "api.md").read_text(), re.S)
    for query in [flagship.group(1), *documented[:-1], *QUERIES]:  # the last documented one shows an error
        assert cost(query) <= Limits().max_cost, query
    assert api.data(flagship.group(1))["inhibitorsWithoutHarm"]


def test_several_operations_need_an_operation_name(api: Api) -> None:
    document = 'query Count { agents { totalCount } } query One { agent(id: "etidronate") { name } }'
    error = api.error(document)
    assert "2 operations (Count, One)" in error["message"] and "operationName" in error["message"]
    response = api.client.post("/graphql", json={"query": document, "operationName": "One"})
    assert response.json() == {"data": {"agent": {"name": "Etidronate"}}}
    assert api.post("{ agents { totalCount } }")["data"]["agents"]["totalCount"] > 0  # one operation: no name needed


def test_the_timeout_stops_a_long_request_on_both_backends(store: GraphStore) -> None:
    client = TestClient(create_app(store, Limits(max_cost=10**12, max_depth=20, timeout_seconds=1.0)))
    started = time.monotonic()
    body = client.post("/graphql", json={"query": HEAVY}).json()
    elapsed = time.monotonic() - started
    assert body["errors"][0]["extensions"]["code"] == "TIMEOUT", body
    assert elapsed < 8, f"{elapsed:.1f} s for a 1 s timeout"
    assert wait_idle(timeout=120), "a request stopped by its timeout kept running for 2 minutes"


class ThreadRecordingStore:
    """The real store; remembers which thread each call ran on."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.threads: set[str] = set()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.threads.add(threading.current_thread().name)
            return attr(*args, **kwargs)

        return recorded


def test_store_calls_never_run_on_the_event_loop_thread(memory_store: MemoryStore) -> None:
    recording = ThreadRecordingStore(memory_store)
    app = create_app(recording, Limits(response_cache_size=0))  # type: ignore[arg-type]
    with live_server(app) as url:
        response = httpx.post(f"{url}/graphql", json={"query": '{ agents(limit: 5) { items { id memberOf { target '
                                                                '{ id } } } } search(text: "vitamin") { id } }'})
        assert response.status_code == 200 and "errors" not in response.json()
        loop_thread = next(t.name for t in threading.enumerate() if t.name != threading.current_thread().name
                           and not t.name.startswith(("graphql", "asyncio", "AnyIO")))
    assert recording.threads and all(name.startswith("graphql") for name in recording.threads), recording.threads
    assert loop_thread not in recording.threads


@pytest.mark.parametrize(("max_cost", "bound"), [(250_000, 1.0), (10**12, 2.5)],
                         ids=["refused-by-cost", "stopped-by-timeout"])
def test_healthz_stays_responsive_while_the_repro_runs(memory_store: MemoryStore, max_cost: int, bound: float) -> None:
    """Refused by its cost (the default), the repro costs the server ~0.1 s. With the cost limit lifted it executes
    until its 3 s timeout: off the event loop, yet in the same process, so /healthz still shares the interpreter
    lock and waits for garbage collection of the growing answer (~0.2 s, more on a loaded machine), hence the looser
    bound. Before the fix /healthz waited for the whole execution (10-12 s)."""
    app = create_app(memory_store, Limits(max_cost=max_cost, max_depth=20, timeout_seconds=3.0))
    query = REPRO if max_cost == 250_000 else HEAVY
    with live_server(app) as url:
        answer: dict[str, object] = {}

        def heavy() -> None:
            answer["body"] = httpx.post(f"{url}/graphql", json={"query": query}, timeout=60).json()

        sender = threading.Thread(target=heavy)
        sender.start()
        slowest = 0.0
        while sender.is_alive():
            status, seconds = timed_get(f"{url}/healthz")
            assert status == 200
            slowest = max(slowest, seconds)
            time.sleep(0.02)
        sender.join()
        code = answer["body"]["errors"][0]["extensions"]["code"]  # type: ignore[index]
        assert code == ("QUERY_TOO_COSTLY" if max_cost == 250_000 else "TIMEOUT")
        assert slowest < bound, f"/healthz took {slowest:.2f} s while the repro ran"
    # the stopped execution winds down by itself, and must not keep the workers busy for the tests that follow
    assert wait_idle(timeout=120), "a request stopped by its timeout kept running for 2 minutes"
