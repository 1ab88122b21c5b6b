# The two commands: `make serve` (run the API on the embedded store) and `make test` (everything, with a real Neo4j).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help install lock audit fuzz system-deps serve test lint neo4j-install clean

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' Makefile | sed 's/:.*## /\t/'

UV_VERSION ?= 0.13.9
# make audit AUDIT_SERVICE=osv asks api.osv.dev instead of PyPI
AUDIT_SERVICE ?= pypi
UV     := $(BIN)/uv
SYNC   := UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --extra dev --python $(BIN)/python

# uv.lock pins every package (with hashes) to exactly the set CI tested; uv itself comes from PyPI at a pinned
# version. `--frozen`: install the lock as it is, never re-resolve; `--inexact`: leave uv in the venv.
$(STAMP): pyproject.toml uv.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(SYNC) -q
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install exactly the locked dependency set (uv.lock) with the dev tools

lock: $(STAMP)  ## re-resolve uv.lock after changing dependencies in pyproject.toml (then run `make test`)
	$(UV) lock

audit: $(STAMP)  ## check the locked dependencies against the PyPI/OSV advisory databases (needs network)
	$(UV) export --frozen --extra dev --extra analytics --extra py2neo --no-emit-project --format requirements-txt \
	  -o $(VENV)/requirements.lock.txt -q
	@# --strict: a package the advisory service does not know fails the audit instead of being skipped quietly
	$(UV) tool run --from "pip-audit==2.10.1" pip-audit --disable-pip --require-hashes --progress-spinner off \
	  --strict --vulnerability-service $(AUDIT_SERVICE) -r $(VENV)/requirements.lock.txt

system-deps:  ## make sure Java 17+, Maven and Chromium (with its driver, for the browser tests) are present
	@command -v java >/dev/null && command -v mvn >/dev/null && command -v chromium >/dev/null \
	  && command -v chromedriver >/dev/null || { \
	  echo "installing Java 17, Maven, Chromium and chromium-driver with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven \
	    chromium chromium-driver; }

HOST ?= 127.0.0.1
PORT ?= 8000

serve: $(STAMP)  ## run the workbench and GraphQL API on the embedded store (http://HOST:PORT/; make serve PORT=8080)
	$(BIN)/calcigraph serve --host $(HOST) --port $(PORT)

neo4j-install: $(STAMP) system-deps  ## download Neo4j Community 5.26 from Maven Central into .cache/neo4j
	$(BIN)/calcigraph neo4j install

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check .

test: $(STAMP) system-deps  ## install everything, run lint, the whole suite (own Neo4j) and the schemathesis fuzz
	$(BIN)/calcigraph neo4j install
	$(BIN)/ruff check .
	@# the test session starts its own Neo4j (unless NEO4J_URI is set) and stops it at the end;
	@# pytest's exit code 5 (no tests collected) is a failure too.
	$(BIN)/pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc
	@# schemathesis against the real server on both backends: 0 server errors, 0 tracebacks in its log
	$(BIN)/python .ci/fuzz.py

fuzz: $(STAMP) system-deps  ## schemathesis against `calcigraph serve` on the embedded store and on Neo4j
	$(BIN)/calcigraph neo4j install
	$(BIN)/python .ci/fuzz.py

clean:  ## remove the virtualenv and the Neo4j cache
	rm -rf $(VENV) .cache
