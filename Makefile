# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := $(CURDIR)/.demo/redline.db

.PHONY: demo test lint eval bench system-deps clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

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

demo: $(STAMP)
	@mkdir -p .demo
	$(BIN)/redline --db sqlite:///$(DEMO_DB) ingest sample/us-gov
	$(BIN)/redline --db sqlite:///$(DEMO_DB) lines add sample/redlines.yaml
	$(BIN)/redline --db sqlite:///$(DEMO_DB) assess
	$(BIN)/redline --db sqlite:///$(DEMO_DB) explain rok-lethal-aid
	@echo
	@echo "Dashboard: http://127.0.0.1:8000  (Ctrl-C to stop)"
	$(BIN)/redline --db sqlite:///$(DEMO_DB) serve --host 127.0.0.1 --port 8000

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

clean:
	rm -rf $(VENV) .demo build src/*.egg-info
