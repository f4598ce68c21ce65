# PYTHON builds the project's environment (SIMANTAP_VENV, .venv by default); every other
# target runs in that environment, after `make install` (a second when nothing changed).
PYTHON ?= python3
SIMANTAP_VENV ?= $(CURDIR)/.venv
export SIMANTAP_VENV
VENV_PYTHON := $(SIMANTAP_VENV)/bin/python

.PHONY: run test lint install lock pot openapi screenshots bench bench-smoke stack stack-stop stack-test stack-purge

## make install: Debian packages, a running PostgreSQL, then the environment with Odoo 18
install:
	@bash scripts/install-debian.sh
	@$(PYTHON) scripts/install.py

## make run: create or update the database `simantap` and serve http://localhost:8069
run: install
	$(VENV_PYTHON) scripts/run.py

## make test: fresh database, every Simantap test plus hr_attendance's, then tests/
test: install
	$(VENV_PYTHON) scripts/run_tests.py

## make screenshots: make test, writing the phone app's screens to docs/screenshots/
## and the first page of each PDF report to docs/reports/
screenshots: install
	SIMANTAP_SCREENSHOTS=$(CURDIR)/docs/screenshots SIMANTAP_REPORT_PNGS=$(CURDIR)/docs/reports $(VENV_PYTHON) scripts/run_tests.py

## make lint: ruff and pylint-odoo through pre-commit
lint: install
	PATH="$(SIMANTAP_VENV)/bin:$$PATH" pre-commit run --all-files --show-diff-on-failure

## make lock: rewrite constraints.txt from the environment after a requirement changed
lock:
	$(VENV_PYTHON) -m pip install -c constraints.txt -r requirements.txt -r requirements-dev.txt
	$(PYTHON) scripts/install.py --lock

## make pot: add the id.po entries each addon's .pot lacks (else Odoo drops them)
pot: install
	$(VENV_PYTHON) scripts/sync_pot.py

## make openapi: regenerate the mobile API's committed OpenAPI document
openapi: install
	$(VENV_PYTHON) scripts/export_openapi.py

## make bench B=pings: one bench script (bench/$(B).py) in the environment
bench: install
	$(VENV_PYTHON) bench/$(B).py

## make bench-smoke: every bench once, small, each within a time budget (CI)
bench-smoke: install
	$(VENV_PYTHON) bench/smoke.py

## make stack: nginx, two Odoo servers (2 workers + cron each), PostgreSQL primary + replica
stack: install
	$(VENV_PYTHON) scripts/stack.py up

## make stack-stop: stop everything `make stack` started (the clusters keep their data)
stack-stop:
	$(VENV_PYTHON) scripts/stack.py down

## make stack-purge: stop, then drop the stack's two clusters and .stack/
stack-purge:
	$(VENV_PYTHON) scripts/stack.py purge

## make stack-test: the journeys that need the stack (tests_stack/), against a running stack
stack-test: install
	$(VENV_PYTHON) -m pytest -v tests_stack/
