"""The Neo4j store: every read of the GraphStore protocol as a parameterized statement from `cypher/`.

Each call is one round trip (one auto-commit read with a timeout). Rows come back as plain
`{type, source, target, props}` maps so this module only converts them; all ordering that matters to answers is
re-applied in `graph.questions`, so Neo4j and the embedded store cannot disagree on it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, Query, Session
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from graph import cypher_files, cypher_gen, neo4j_plan
from graph import questions as qs
from graph import schema as s
from graph.fetch_plan import Fetched, FetchPlan
from graph.store import Counts, Direction, Edge, Node, NodeFilter, Page, SortField, StoreTimeout, StoreUnavailable
from graph.verdicts import BoneClaim

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
SERVER_ONLY_PROPS = ("generation",)
"""Bookkeeping the loader writes (not knowledge): hidden so both stores expose identical properties."""


def _clean(props: Mapping[str, Any]) -> dict[str, Any]:
    """A node's or relationship's properties as the embedded store holds them: without the loader's bookkeeping,
    and without the nulls a map projection (`n {.a, .b}`) returns for properties the element does not have —
    `properties(n)` omits those (Neo4j stores no nulls), and readers count on absence (`props.get(k, default)`)."""
    if isinstance(props, dict):  # the driver decodes every map into a fresh dict: drop the bookkeeping in place
        for key in SERVER_ONLY_PROPS:  # (a copy per node and relationship was a sixth of a large planned read)
            props.pop(key, None)
        if None in props.values():
            for key in [k for k, v in props.items() if v is None]:
                del props[key]
        return props
    return {k: v for k, v in props.items() if k not in SERVER_ONLY_PROPS and v is not None}


def _node(row: Mapping[str, Any]) -> Node:
    return Node(row["id"], s.NodeKind(row["kind"]), _clean(row["props"]))


def _agent(row: Mapping[str, Any]) -> Node:
    return Node(row["agent"], s.NodeKind.AGENT, _clean(row["agent_props"]))


def _edge(m: Mapping[str, Any]) -> Edge:
    props = _clean(m["props"])
    return Edge(props["key"], s.RelKind(m["type"]), m["source"], m["target"], props)


def lean_inhibitor_row(row: Mapping[str, Any]) -> qs.InhibitorRow:
    """A lean twin's row (graph.cypher_gen.lean_question) as the full question's row reads, less the text: claim maps
    carry no type and no near end, which come from the list (LEAN_LISTS, LEAN_VIA) and the agent (or, for a
    mechanism claim, the mechanism its `via` link reaches)."""
    agent = row["agent"]

    def claim(m: Mapping[str, Any], kind: s.RelKind, source: str) -> Edge:
        props = _clean(m["props"])
        return Edge(props["key"], kind, source, m["target"], props)

    def facet(m: Mapping[str, Any]) -> s.BoneFacet | None:
        return s.BoneFacet(m["facet"]) if m.get("facet") else None

    lists, via_kinds = cypher_gen.LEAN_LISTS, cypher_gen.LEAN_VIA
    bone = [BoneClaim(claim(m, lists["bone_claims"], agent), facet(m), None) for m in row["bone_claims"]]
    for m in row["indirect"]:
        via = claim(m["via"], via_kinds["indirect"], agent)
        bone.append(BoneClaim(claim(m, lists["indirect"], via.target), facet(m), via))
    return qs.InhibitorRow(agent, [claim(m, lists["inhibitions"], agent) for m in row["inhibitions"]],
                           [claim(m, lists["efficacy"], agent) for m in row["efficacy"]], bone, _agent(row))


def _bone(m: Mapping[str, Any]) -> BoneClaim:
    facet = m.get("facet")
    return BoneClaim(_edge(m), s.BoneFacet(facet) if facet else None, _edge(m["via"]) if m.get("via") else None)


def _path(row: Mapping[str, Any]) -> qs.GraphPath:
    return qs.GraphPath(list(row["nodes"]), [_edge(e) for e in row["edges"]])


class Neo4jStore:
    """GraphStore over a Neo4j database loaded by `calcigraph load`."""

    backend = "neo4j"
    immutable = False  # `calcigraph load` may rewrite the graph under a running API

    def __init__(self, driver: Driver, database: str | None = None, timeout: float = 10.0) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.round_trips = 0
        """How many statements this store has sent (the API's N+1 test reads it)."""
        self._local = threading.local()
        self._overlap = ThreadPoolExecutor(max_workers=4, thread_name_prefix="neo4j-store")

    def _session(self) -> Session:
        """This thread's read session, kept between calls: opening one per statement costs ~1.5 ms here, as much
        as a small query. A session borrows a pooled connection only while a result is open, so idle threads
        hold no connection; sessions are not thread-safe, hence one per thread."""
        session: Session | None = getattr(self._local, "session", None)
        if session is None or session.closed():
            session = self.driver.session(database=self.database, default_access_mode=READ_ACCESS)
            self._local.session = session
        return session

    def _drop_session(self) -> None:
        session = getattr(self._local, "session", None)
        self._local.session = None
        if session is not None:
            with contextlib.suppress(DriverError, Neo4jError, OSError):  # the connection is already gone
                session.close()

    # ---- plumbing ----------------------------------------------------------------------------------------------
    def _run(self, file: str, name: str | None, convert: Callable[[list[Any]], T], **params: Any) -> T:
        text = cypher_files.named(file)[name] if name else cypher_files.text(file).rstrip(";")
        return self._query(text, convert, params)

    def _query(self, text: str, convert: Callable[[list[Any]], T], params: dict[str, Any]) -> T:
        self.round_trips += 1
        query = Query(text, timeout=self.timeout)
        try:
            # An auto-commit read: one network round trip (RUN+PULL). A managed transaction (execute_query) adds
            # BEGIN and COMMIT exchanges, ~2 ms each here, for nothing a single read statement needs.
            try:
                records = list(self._session().run(query, params))
            except (ServiceUnavailable, SessionExpired):
                # A pooled connection may have died with a Neo4j restart: reads are idempotent, so retry once
                # on a fresh session before reporting the store unavailable.
                self._drop_session()
                records = list(self._session().run(query, params))
        except (ServiceUnavailable, SessionExpired) as exc:
            self._drop_session()
            raise StoreUnavailable(
                "Neo4j is unreachable; check that it is running (`calcigraph neo4j status`) — requests recover "
                "by themselves once it is back"
            ) from exc
        except (ClientError, TransientError) as exc:
            code = exc.code or ""
            # Neo4j says TransactionTimedOut (or TransactionTimedOutClientConfiguration) for the client's timeout
            if "Timeout" in code or "TimedOut" in code or "timed out" in (exc.message or "").lower():
                raise StoreTimeout(f"the query took longer than {self.timeout:g} s and was stopped") from exc
            raise
        except DriverError as exc:
            self._drop_session()
            raise StoreUnavailable(f"Neo4j driver error: {exc.__class__.__name__}") from exc
        return convert(records)

    def ping(self) -> None:
        """Raise StoreUnavailable unless the server answers (readiness probes)."""
        try:
            self.driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as exc:
            raise StoreUnavailable("Neo4j is unreachable") from exc

    # ---- GraphStore: reads -------------------------------------------------------------------------------------
    def together(self, first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
        """Overlap two reads (each on its own thread's session): an argument check then costs no extra latency."""
        pending = self._overlap.submit(second)
        try:
            result = first()
        except BaseException:
            pending.cancel()  # if already running it finishes in the background; its result is dropped
            raise
        return result, pending.result()

    def generation(self) -> str | None:
        """The loaded graph's generation (cypher/store/generation.cypher); None for an empty graph. One small read:
        what the response cache checks before it may replay an answer."""
        return self._run("store/generation.cypher", None, lambda rs: rs[0]["generation"] if rs else None)

    def counts(self) -> Counts:
        nodes = self._run("load/counts.cypher", "nodes", lambda rs: {r["label"]: r["count"] for r in rs})
        rels = self._run("load/counts.cypher", "relationships", lambda rs: {r["type"]: r["count"] for r in rs})
        return Counts(dict(sorted(nodes.items())), dict(sorted(rels.items())))

    def get_many(self, ids: Sequence[str]) -> dict[str, Node]:
        if not ids:
            return {}
        return self._run("store/nodes.cypher", "get_many", lambda rs: {r["id"]: _node(r) for r in rs},
                         ids=list(dict.fromkeys(ids)))

    def list_nodes(self, kind: s.NodeKind, where: NodeFilter, sort: SortField, descending: bool, limit: int,
                   offset: int) -> Page:
        def convert(rs: list[Any]) -> Page:
            (row,) = rs
            return Page([_node(i) for i in row["items"]], row["total"])

        return self._run(
            "store/nodes.cypher", "list_desc" if descending else "list_asc", convert,
            label=kind.value, ids=list(where.ids) if where.ids is not None else None,
            name_contains=where.name_contains or None, agent_class=where.agent_class, agent_kind=where.agent_kind,
            identifier=where.identifier, sort=sort.value, offset=offset, limit=limit,
        )

    def neighbours(self, ids: Sequence[str], rel: s.RelKind, direction: Direction) -> dict[str, list[Edge]]:
        unique = list(dict.fromkeys(ids))
        out: dict[str, list[Edge]] = {i: [] for i in unique}
        if not unique:
            return out

        def convert(rs: list[Any]) -> dict[str, list[Edge]]:
            for r in rs:
                out[r["id"]].append(_edge(r["edge"]))
            return out

        return self._run("store/neighbours.cypher", direction.value, convert, ids=unique, type=rel.value)

    def fetch_tree(self, plan: FetchPlan) -> Fetched:
        """A whole request's nodes and relationship levels in one round trip (graph.neo4j_plan composes the
        statement from the plan); what `get_many`, `list_nodes` and `neighbours` would have answered, level by level.
        """
        text, params = neo4j_plan.statement(plan)
        return self._query(text, lambda rs: neo4j_plan.decode(plan, rs[0], _clean), params)

    def search(self, text: str, kinds: Sequence[s.NodeKind], limit: int) -> list[Node]:
        needle = text.strip().lower()
        if not needle:
            return []
        return self._run("store/nodes.cypher", "search", lambda rs: [_node(r) for r in rs], text=needle,
                         labels=[k.value for k in kinds], limit=limit)

    # ---- questions ---------------------------------------------------------------------------------------------
    def inhibitor_rows(self, q: qs.InhibitorsWithoutHarm, lean: bool = False) -> list[qs.InhibitorRow]:
        def convert(rs: list[Any]) -> list[qs.InhibitorRow]:
            if lean:
                return [lean_inhibitor_row(r) for r in rs]
            return [qs.InhibitorRow(r["agent"], [_edge(e) for e in r["inhibitions"]],
                                    [_edge(e) for e in r["efficacy"]],
                                    [*(_bone(e) for e in r["bone_claims"]), *(_bone(e) for e in r["indirect"])],
                                    _agent(r)) for r in rs]

        return self._run(
            f"questions/{'lean/' if lean else ''}inhibitors_without_harm.cypher", None, convert,
            process=q.process, spare=list(q.spare) if q.spare is not None else None, min_rank=q.min_rank,
            min_verified=q.min_verified, clinical=q.clinical, disease=q.disease, phase=q.phase, tissue=q.tissue,
            success=list(qs.SUCCESS_OUTCOMES),
        )

    def dual_action_rows(self, q: qs.DualAction) -> list[qs.DualRow]:
        return self._run(
            "questions/dual_action.cypher", None,
            lambda rs: [qs.DualRow(r["agent"], [_edge(e) for e in r["inhibitions"]],
                                   [_edge(e) for e in r["promotions"]], [_edge(e) for e in r["conflicts"]],
                                   _agent(r), [_edge(e) for e in r["efficacy"]]) for r in rs],
            process=q.process, promotes=list(q.promotes), min_rank=q.min_rank, min_verified=q.min_verified,
            clinical=q.clinical, success=list(qs.SUCCESS_OUTCOMES),
        )

    def phase_study_rows(self, q: qs.PhaseStudies) -> list[qs.PhaseStudy]:
        return self._run(
            "questions/phase_studies.cypher", None,
            lambda rs: [qs.PhaseStudy(r["agent"], r["phase"], r["disease"], r["order"], s.Outcome(r["outcome"]),
                                      _edge(r["claim"]), r["scheme"]) for r in rs],
            phase=q.phase, disease=q.disease, agent=q.agent,
        )

    def acting_on_rows(self, q: qs.AgentsActingOn) -> list[qs.GraphPath]:
        return self._run("questions/agents_acting_on.cypher", None, lambda rs: [_path(r) for r in rs],
                         node=q.node, min_rank=q.min_rank, min_verified=q.min_verified)

    def studied_in_rows(self, q: qs.AgentsStudiedIn) -> list[Edge]:
        return self._run("questions/agents_studied_in.cypher", None, lambda rs: [_edge(r["claim"]) for r in rs],
                         disease=q.disease)

    def gap_rows(self, process: str) -> tuple[list[qs.GapAgent], list[qs.GapDisease]]:
        def convert(rs: list[Any]) -> tuple[list[qs.GapAgent], list[qs.GapDisease]]:
            if not rs:  # no such process: nothing to classify
                return [], []
            (row,) = rs
            agents = [qs.GapAgent(a["agent"], sorted(a["classes"]),
                                  sorted((_edge(e) for e in a["claims"]), key=lambda e: e.key)) for a in row["agents"]]
            diseases = [qs.GapDisease(d["disease"], d["scope"], sorted(d["parents"])) for d in row["diseases"]]
            return agents, diseases

        return self._run("questions/evidence_gaps.cypher", None, convert, process=process)

    def mechanism_path_rows(self, q: qs.MechanismPaths) -> list[qs.GraphPath]:
        return self._run("questions/mechanism_paths.cypher", None, lambda rs: [_path(r) for r in rs],
                         agent=q.agent, to=q.to, max_hops=q.max_hops)

    def agent_claim_rows(self, agent: str) -> list[Edge]:
        return self._run("questions/evidence_profile.cypher", None, lambda rs: [_edge(r["claim"]) for r in rs],
                         agent=agent)

    def path_rows(self, q: qs.Paths) -> list[qs.GraphPath]:
        return self._run("questions/paths.cypher", None, lambda rs: [_path(r) for r in rs],
                         **{"from": q.source, "to": q.target, "types": q.rel_types, "exclude": list(q.exclude),
                            "max_hops": q.max_hops})

    def close(self) -> None:
        self._overlap.shutdown(wait=True)
        self.driver.close()
