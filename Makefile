# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install data run test lint clean axe fuzz soak bench mutate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

# Reinstall only when the pinned dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Migrate, then load every fixture. Safe to run twice: fixtures use natural keys.
data: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_fixtures

run: data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core (accessibility checks in the browser tests), pinned, from the npm registry; never a browser download.
AXE_VERSION := 4.10.3
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-save --no-audit --no-fund --prefix tests/browser axe-core@$(AXE_VERSION); \
	else echo "npm not found: the browser tests will skip their accessibility checks (and fail when CI is set)"; fi

axe: $(AXE)

# The import-layer contracts (pyproject.toml) first: a violation fails the run before the suite starts.
# The suite runs on every core (pytest-xdist; each worker has its own test database, and a test file stays on
# one worker so that its module-wide data is built once); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: data axe
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

# schemathesis against the live production server and its OpenAPI schema, FUZZ_SECONDS (default 120) in all.
fuzz: install
	bash bench/fuzz.sh

# SOAK_SECONDS (default 60) of wrk load at 32 connections on the production server: no errors, stable memory.
soak: install
	bash bench/soak.sh

# Throughput with wrk against gunicorn (cached, uncached; SQLite and PostgreSQL; seed and 200 synthetic countries),
# beside nginx and Datasette as yardsticks; BENCH_SECONDS (10) per URL, BENCH_WORKERS (2). Writes bench/results.md.
bench: install
	$(BIN)/python bench/run.py

# Mutation testing (mutmut's mutants, run by tests/mutation/) of the modules holding the rules, each with its fast
# test selection, one process: prints killed/survived and the score per module. MUTATE_MODULES picks modules.
mutate: install
	$(BIN)/python tests/mutation/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles tests/browser/node_modules mutants
