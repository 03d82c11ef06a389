# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
DEMO_DB := $(CURDIR)/.demo/redline.db
DEMO_PORT ?= 8000
REDLINE_DEMO := $(BIN)/redline --db sqlite:///$(DEMO_DB)

.PHONY: demo test lint eval bench system-deps clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What redline needs to run (the demo), and on top of it the test tools and extras.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,pdf]'
	@touch $(STAMP) $(RUN_STAMP)

# System packages the tests drive for real: Debian's Chromium (the dashboard's browser
# tests; Playwright cannot download its own browser here) and a PostgreSQL server.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else SUDO="none"; fi; \
	  if [ "$$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing (Debian packages, for the browser and PostgreSQL tests)"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	      || echo "warning: could not install$$missing; those tests will be skipped"; \
	  else echo "warning:$$missing not installed (needs apt-get as root or sudo); those tests will be skipped"; fi; \
	fi

# A fresh demo database; the sample is replayed in publication order (a look-back verdict
# as of each day an article came out, then today's), so the history, the as-of picker and
# the timeline show how each verdict moved through 2024.
demo: $(RUN_STAMP)
	@mkdir -p .demo && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(REDLINE_DEMO) ingest sample/us-gov
	$(REDLINE_DEMO) lines add sample/redlines.yaml
	@echo "replaying the sample in publication order:"
	@for day in $$($(REDLINE_DEMO) articles --csv --limit 10000 | tail -n +2 | cut -d, -f2 | cut -c1-10 | sort -u); do \
	  echo "  as of $$day:"; $(REDLINE_DEMO) assess --as-of $$day || exit 1; \
	done
	$(REDLINE_DEMO) assess
	$(REDLINE_DEMO) explain rok-lethal-aid
	@echo
	$(REDLINE_DEMO) serve --host 127.0.0.1 --port $(DEMO_PORT) --any-port

# pytest's exit code 5 (no tests collected) is a failure: an empty suite is a defect.
test: $(STAMP) system-deps
	@$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/redline eval --check

bench: $(STAMP)
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/assess.py
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/backfill.py

clean:
	rm -rf $(VENV) .demo build src/*.egg-info
