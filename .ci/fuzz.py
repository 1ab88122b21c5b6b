"""CI step after the test suite: schemathesis fuzzes the real `calcigraph serve` over HTTP, once per backend.

Passes when schemathesis finds 0 server errors (check `not_a_server_error`) and the server's own log holds no
traceback, no "unexpected error" and no 500. The embedded store serves data/ directly; for Neo4j a scratch server
is started (named after $CALCIGRAPH_TEST_INSTANCE, like the test session's), loaded with data/, and stopped.

    .venv/bin/python .ci/fuzz.py [--max-examples N] [--seed S] [--backend embedded|neo4j]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.neo4j_server import LocalNeo4j, free_port  # noqa: E402

BAD_LOG_LINES = ("Traceback", "unexpected error", '" 500 ')


def wait_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"calcigraph serve exited with {server.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"calcigraph serve did not become ready at {url} within {timeout:.0f} s")


def fuzz(backend: str, args: argparse.Namespace, env: dict[str, str], log_dir: Path) -> bool:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"serve-{backend}.log"
    flags = ["--neo4j"] if backend == "neo4j" else ["--embedded"]
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port), *flags], cwd=ROOT,
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(url, server)
        schemathesis = Path(sys.executable).parent / "schemathesis"
        command = [str(schemathesis), "run", f"{url}/graphql", "--checks", "not_a_server_error",
                   "--max-examples", str(args.max_examples), "--seed", str(args.seed), "--workers", "1",
                   "--no-color", "--warnings", "off"]
        print(f"[fuzz] {backend}: {' '.join(command)}", flush=True)
        result = subprocess.run(command, cwd=ROOT, env=env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    bad = [line for line in log_path.read_text(errors="replace").splitlines()
           if any(marker in line for marker in BAD_LOG_LINES)]
    for line in bad[:20]:
        print(f"[fuzz] {backend} server log: {line}")
    ok = result.returncode == 0 and not bad
    print(f"[fuzz] {backend}: {'ok' if ok else 'FAILED'} (schemathesis exit {result.returncode}, "
          f"{len(bad)} bad server-log lines; log: {log_path})", flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-examples", type=int, default=20, help="generated queries per root field")
    parser.add_argument("--seed", type=int, default=15, help="schemathesis seed (runs are reproducible)")
    parser.add_argument("--backend", choices=["embedded", "neo4j"], action="append")
    args = parser.parse_args()
    backends = args.backend or ["embedded", "neo4j"]
    log_dir = Path(tempfile.mkdtemp(prefix="calcigraph-fuzz-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    results = []
    if "embedded" in backends:
        results.append(fuzz("embedded", args, env, log_dir))
    if "neo4j" in backends:
        configured = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
        server = None
        if configured.get("NEO4J_URI"):
            neo4j_env = {**env, **configured}
        else:
            name = f"{os.environ.get('CALCIGRAPH_TEST_INSTANCE', 'test-instance')}-fuzz"
            server = LocalNeo4j(name, bolt_port=free_port(), http_port=free_port(), heap="768m", pagecache="256m")
            if server.pid():
                server.stop(log=lambda _m: None)
            server.wipe()
            status = server.start(log=lambda m: print(f"[fuzz] {m}", flush=True))
            neo4j_env = {**env, "NEO4J_URI": status.bolt_uri, "NEO4J_USER": "neo4j",
                         "NEO4J_PASSWORD": status.password or ""}
        try:
            from graph.connect import open_driver
            from graph.paths import data_dir
            from graph.settings import Neo4jSettings
            from loaders.neo4j_loader import load
            from loaders.validate import load_knowledge_base

            cfg = Neo4jSettings(uri=neo4j_env["NEO4J_URI"], user=neo4j_env.get("NEO4J_USER", "neo4j"),
                                password=neo4j_env.get("NEO4J_PASSWORD", ""),
                                database=neo4j_env.get("NEO4J_DATABASE") or None)
            driver = open_driver(cfg)
            try:
                load(driver, load_knowledge_base(data_dir()).records(), database=cfg.database)
            finally:
                driver.close()
            results.append(fuzz("neo4j", args, neo4j_env, log_dir))
        finally:
            if server is not None:
                server.stop(log=lambda m: print(f"[fuzz] {m}", flush=True))
                server.wipe()
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
