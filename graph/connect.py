"""Open a Neo4j driver from settings, failing early with a message that says what to do.

The driver connects lazily; verifying at once turns "connection refused" deep inside a load or a request into
one clear sentence at start-up (credentials never appear in it).
"""

from __future__ import annotations

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graph.settings import Neo4jSettings, redact, redact_uri


class Neo4jUnreachable(RuntimeError):
    """Neo4j could not be reached or refused the credentials."""


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The URI schemes of the Bolt protocol (direct and routing); the driver's http(s) query API is not used."""


def open_driver(cfg: Neo4jSettings, verify: bool = True, retry_seconds: float = 30.0) -> Driver:
    """`retry_seconds` bounds the driver's retries of failed transactions: long for loads (ride out a leader
    election), short for the API (answer "store unavailable" quickly and let the client retry)."""
    scheme = cfg.uri.split("://", 1)[0].lower() if "://" in cfg.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jUnreachable(f"cannot use NEO4J_URI {redact_uri(cfg.uri)!r}: calcigraph talks Bolt, so the URI must "
                               f"start with {', '.join(s + '://' for s in BOLT_SCHEMES)} — e.g. bolt://127.0.0.1:7687 "
                               "(port 7474 is Neo4j Browser's HTTP port, not Bolt)")
    try:
        driver = GraphDatabase.driver(cfg.uri, auth=(cfg.user, cfg.password),
                                      max_transaction_retry_time=retry_seconds, connection_timeout=5.0)
    except (ValueError, DriverError) as exc:
        raise Neo4jUnreachable(f"cannot use NEO4J_URI {redact_uri(cfg.uri)!r}: {redact(str(exc), cfg.password)}; "
                               "give a URI like bolt://host:7687 and the credentials in NEO4J_USER / NEO4J_PASSWORD"
                               ) from None
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise Neo4jUnreachable(
                f"Neo4j at {cfg.redacted()} refused the credentials; set NEO4J_USER / NEO4J_PASSWORD "
                "(for the local server: `calcigraph neo4j status --show-password` prints them)"
            ) from exc
        except (ServiceUnavailable, Neo4jError, DriverError, OSError) as exc:
            driver.close()
            raise Neo4jUnreachable(
                f"Neo4j at {cfg.redacted()} is unreachable ({exc.__class__.__name__}); start it with "
                "`calcigraph neo4j start` or point NEO4J_URI at a running server"
            ) from exc
    return driver
