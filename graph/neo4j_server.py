"""A local Neo4j Community server that calcigraph installs, starts and stops by itself.

Why assemble it from Maven Central: the machines calcigraph runs on (developers', CI) have no Docker engine and
no route to neo4j.com, but they do reach Maven Central, where Neo4j publishes every jar of the server and the
Neo4j Browser. Maven resolves the exact dependency closure; we run the server's own entry point
(``org.neo4j.server.CommunityEntryPoint``) on that class path. Nothing here is a stand-in: it is the real
server, on loopback only, with a generated password.

Layout under the cache folder (``.cache/neo4j`` in the repository unless ``CALCIGRAPH_CACHE`` says otherwise)::

    dist/<version>/pom.xml, lib/*.jar        the installed server (shared by every instance)
    <instance>/conf/neo4j.conf               one configured server: ports, folders, memory
    <instance>/data, logs, run               its database and logs
    <instance>/password                      the generated password (mode 600)
    <instance>/ports.json                    the Bolt and HTTP ports it was last started on
    <instance>/neo4j.pid                     the running server's process id

The instance the command line manages is `instance`, or `$CALCIGRAPH_NEO4J_INSTANCE`. Its ports are recorded when
it starts, so every later command (`status`, `browse`, `load`, `serve --neo4j`) talks to the address the server
really listens on — never to whatever else listens on the default ports.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import string
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.paths import cache_dir

NEO4J_VERSION = "5.26.30"
"""Newest 5.26 LTS patch on Maven Central when calcigraph was written; runs on Java 17."""
BROWSER_VERSION = "5.24.0"
"""Newest Neo4j Browser jar on Maven Central (later Browsers are not published there)."""

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0

POM_TEMPLATE = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>calcigraph</groupId>
  <artifactId>neo4j-local</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>{neo4j}</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version></dependency>
  </dependencies>
</project>
"""


JVM_OPTIONS = (
    "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-XX:-OmitStackTraceInFastThrow", "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions", "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
)
"""The JVM options of Neo4j's own launcher (its default neo4j.conf). The `--add-opens` matter: without them the
page cache falls back to a slower path without direct buffers ("using fallback mode" in debug.log) and the
transaction log cannot advise the OS about its file access."""


class Neo4jServerError(RuntimeError):
    """The local server could not be installed, started or stopped; the message says why and what to do."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    version: str | None
    user: str
    password: str | None
    instance_dir: Path


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    """A loopback port nobody listens on now (for test instances that must not clash with a user's server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by us) is not alive for our purposes.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


INSTANCE_ENV = "CALCIGRAPH_NEO4J_INSTANCE"
DEFAULT_INSTANCE = "instance"


class LocalNeo4j:
    """One local server instance: its installation, configuration and process.

    Ports not given are the ones the instance last started on (`ports.json`), else 7687 and 7474."""

    def __init__(
        self,
        instance: str | None = None,
        *,
        bolt_port: int | None = None,
        http_port: int | None = None,
        root: Path | None = None,
        heap: str = "1g",
        pagecache: str = "512m",
    ) -> None:
        self.root = root or cache_dir() / "neo4j"
        self.dist_dir = self.root / "dist" / NEO4J_VERSION
        self.lib_dir = self.dist_dir / "lib"
        self.instance_dir = self.root / (instance or os.environ.get(INSTANCE_ENV) or DEFAULT_INSTANCE)
        recorded = self.recorded_ports()
        self.bolt_port = bolt_port or recorded.get("bolt") or DEFAULT_BOLT_PORT
        self.http_port = http_port or recorded.get("http") or DEFAULT_HTTP_PORT
        self.heap = heap
        self.pagecache = pagecache

    # ---- paths -------------------------------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.instance_dir / "conf"

    @property
    def logs_dir(self) -> Path:
        return self.instance_dir / "logs"

    @property
    def pid_file(self) -> Path:
        return self.instance_dir / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.instance_dir / "password"

    @property
    def ports_file(self) -> Path:
        return self.instance_dir / "ports.json"

    def recorded_ports(self) -> dict[str, int]:
        """The ports this instance was last started on ({} if never)."""
        try:
            found = json.loads(self.ports_file.read_text())
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {k: int(v) for k, v in found.items() if k in ("bolt", "http") and isinstance(v, int)}

    def _record_ports(self) -> None:
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        self.ports_file.write_text(json.dumps({"bolt": self.bolt_port, "http": self.http_port}) + "\n")

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    # ---- install -----------------------------------------------------------------------------------------
    def installed(self) -> bool:
        return (self.dist_dir / ".complete").exists()

    def install(self, log: Callable[[str], None] = print) -> None:
        """Resolve the server, its runtime dependencies and the Browser from Maven Central (idempotent)."""
        if self.installed():
            log(f"Neo4j {NEO4J_VERSION} already installed in {self.dist_dir}")
            return
        if not _which("java") or not _which("mvn"):
            raise Neo4jServerError(
                "Java 17+ and Maven are needed to install Neo4j. Install them (Debian/Ubuntu: "
                "`apt-get install openjdk-17-jre-headless maven`, or run `make neo4j-install`) and try again."
            )
        self.dist_dir.mkdir(parents=True, exist_ok=True)
        pom = self.dist_dir / "pom.xml"
        pom.write_text(POM_TEMPLATE.format(neo4j=NEO4J_VERSION, browser=BROWSER_VERSION))
        staging = self.dist_dir / "lib.partial"
        log(f"Resolving Neo4j {NEO4J_VERSION} and Neo4j Browser {BROWSER_VERSION} from Maven Central ...")
        cmd = [
            "mvn", "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise Neo4jServerError(f"Maven could not resolve Neo4j {NEO4J_VERSION}:\n{tail}")
        if self.lib_dir.exists():
            _rmtree(self.lib_dir)
        staging.rename(self.lib_dir)
        (self.dist_dir / ".complete").write_text(NEO4J_VERSION)
        log(f"Installed {len(list(self.lib_dir.glob('*.jar')))} jars into {self.lib_dir}")

    # ---- configuration -------------------------------------------------------------------------------------
    def _write_conf(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("data", "logs", "run", "import", "plugins"):
            (self.instance_dir / sub).mkdir(exist_ok=True)
        conf = f"""# written by calcigraph; edits are overwritten at the next start
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{self.bolt_port}
server.bolt.advertised_address=127.0.0.1:{self.bolt_port}
server.http.listen_address=127.0.0.1:{self.http_port}
server.http.advertised_address=127.0.0.1:{self.http_port}
server.https.enabled=false
server.memory.heap.initial_size={self.heap}
server.memory.heap.max_size={self.heap}
server.memory.pagecache.size={self.pagecache}
server.directories.data={self.instance_dir / 'data'}
server.directories.logs={self.logs_dir}
server.directories.run={self.instance_dir / 'run'}
server.directories.import={self.instance_dir / 'import'}
server.directories.plugins={self.instance_dir / 'plugins'}
dbms.usage_report.enabled=false
db.transaction.timeout=60s
# Neo4j Browser may fetch guides and style sheets (:guide, :play, :style) only from these hosts; Browser's default
# is "guides.neo4j.com, localhost", which rejects the 127.0.0.1 URLs calcigraph prints (docs/browser.md).
browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost,127.0.0.1
"""
        (self.conf_dir / "neo4j.conf").write_text(conf)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.instance_dir)
        env["NEO4J_CONF"] = str(self.conf_dir)
        return env

    def _classpath(self) -> str:
        return f"{self.lib_dir}/*"

    def password(self) -> str | None:
        return self.password_file.read_text().strip() if self.password_file.exists() else None

    def _ensure_password(self) -> str:
        """Generate a password and set it as the initial one before the very first start."""
        existing = self.password()
        if existing:
            return existing
        return self.set_initial_password(generate_password())

    def set_initial_password(self, password: str) -> str:
        """Set `password` for user neo4j in a database that has never been started, and remember it (mode 600).

        `--` ends the admin tool's options, so a password that looks like one (`-x...`) is still read as the
        password; `generate_password` never makes such passwords, but users may bring their own."""
        self._write_conf()
        proc = subprocess.run(
            ["java", "-cp", self._classpath(), "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", "--",
             password],
            capture_output=True, text=True, env=self._env(),
        )
        if proc.returncode != 0:
            output = (proc.stderr.strip() or proc.stdout.strip()).replace(password, "<password>")
            raise Neo4jServerError(f"Could not set the initial Neo4j password:\n{output[-2000:]}")
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
        return password

    # ---- process -------------------------------------------------------------------------------------------
    def pid(self) -> int | None:
        if not self.pid_file.exists():
            return None
        try:
            pid = int(self.pid_file.read_text().strip())
        except ValueError:
            return None
        return pid if _pid_alive(pid) else None

    def start(self, timeout: float = START_TIMEOUT_S, log: Callable[[str], None] = print) -> ServerStatus:
        """Start the server (installing it first if needed) and wait until Bolt answers."""
        if not self.installed():
            self.install(log=log)
        running = self.pid()
        if running:
            actual = LocalNeo4j(self.instance_dir.name, root=self.root)  # the ports it really runs on
            log(f"Neo4j already running (pid {running}) at {actual.bolt_uri}  Browser: {actual.browser_url}")
            if (actual.bolt_port, actual.http_port) != (self.bolt_port, self.http_port):
                log(f"(not on the requested ports {self.bolt_port}/{self.http_port}: stop it first to move it)")
            return actual.status()
        for port in (self.bolt_port, self.http_port):
            if not _port_free(port):
                raise Neo4jServerError(
                    f"Port {port} on 127.0.0.1 is taken by another process. Stop it, or choose other ports "
                    "(`calcigraph neo4j start --bolt-port ... --http-port ...`)."
                )
        self._write_conf()
        password = self._ensure_password()
        self._record_ports()
        console = (self.logs_dir / "console.log").open("ab")
        cmd = [
            "java", f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_OPTIONS,
            "-cp", self._classpath(), "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.instance_dir}", f"--config-dir={self.conf_dir}",
        ]
        proc = subprocess.Popen(
            cmd, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=self._env(), start_new_session=True,
        )
        console.close()
        self.pid_file.write_text(str(proc.pid))
        log(f"Starting Neo4j {NEO4J_VERSION} (pid {proc.pid}) ...")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise Neo4jServerError(f"Neo4j exited with code {proc.returncode} while starting.\n{self.log_tail()}")
            # Bolt first, then the HTTP connector (Browser, version discovery), which may open a moment later.
            if _bolt_answers(self.bolt_uri, password) and self.version():
                log(f"Neo4j {self.version() or NEO4J_VERSION} is up: {self.bolt_uri}  Browser: {self.browser_url}")
                return self.status()
            time.sleep(0.5)
        self.stop(log=lambda _m: None)
        raise Neo4jServerError(f"Neo4j did not answer on {self.bolt_uri} within {timeout:.0f} s.\n{self.log_tail()}")

    def stop(self, timeout: float = STOP_TIMEOUT_S, log: Callable[[str], None] = print) -> None:
        """Stop the server; SIGTERM first, SIGKILL if it does not exit in time. Never leaves a stray JVM."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            log("Neo4j is not running")
            return
        os.killpg(pid, signal.SIGTERM) if _is_group_leader(pid) else os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _pid_alive(pid):
            _reap(pid)
            time.sleep(0.3)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
            while _pid_alive(pid):
                _reap(pid)
                time.sleep(0.1)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        log(f"Neo4j stopped (pid {pid})")

    def version(self) -> str | None:
        """The version the running server reports on its HTTP discovery endpoint."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/", timeout=5) as resp:
                return str(json.load(resp).get("neo4j_version"))
        except (OSError, ValueError):
            return None

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            bolt_uri=self.bolt_uri,
            browser_url=self.browser_url,
            version=self.version() if pid else None,
            user="neo4j",
            password=self.password(),
            instance_dir=self.instance_dir,
        )

    def log_tail(self, lines: int = 25) -> str:
        parts = []
        for name in ("neo4j.log", "console.log"):
            path = self.logs_dir / name
            if path.exists():
                text = path.read_text(errors="replace").strip().splitlines()[-lines:]
                parts.append(f"--- last lines of {path} ---\n" + "\n".join(text))
        return "\n".join(parts) or f"(no log in {self.logs_dir})"

    def wipe(self) -> None:
        """Remove this instance's database, logs and password (the installation stays)."""
        if self.pid():
            raise Neo4jServerError("Stop the server before wiping its instance.")
        _rmtree(self.instance_dir)


PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 24) -> str:
    """A random password (~142 bits) of letters and digits that starts with a letter: nothing a command line,
    a shell or a URI could read as an option, a quote or a separator. (`secrets.token_urlsafe` may start with
    `-`, which neo4j-admin took for an option: about 1 first start in 64 failed.)"""
    first = secrets.choice(string.ascii_letters)
    return first + "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length - 1))


def _which(cmd: str) -> bool:
    from shutil import which

    return which(cmd) is not None


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _is_group_leader(pid: int) -> bool:
    try:
        return os.getpgid(pid) == pid
    except ProcessLookupError:
        return False


def _reap(pid: int) -> None:
    """Collect the exit status if the server is our child, so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _bolt_answers(uri: str, password: str) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password), connection_timeout=2) as driver:
            driver.verify_connectivity()
            return True
    except (ServiceUnavailable, Neo4jError, OSError):
        return False
    except Exception:  # the driver raises a few other transient kinds while the server boots
        return False
