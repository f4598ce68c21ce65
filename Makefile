PYTHON ?= python3

.PHONY: run test lint install openapi screenshots

## make run: create or update the database `simantap` and serve http://localhost:8069
run:
	$(PYTHON) scripts/run.py

## make test: fresh database, every Simantap test plus hr_attendance's, then tests/
test:
	$(PYTHON) scripts/run_tests.py

## make screenshots: make test, writing the phone app's screens to docs/screenshots/
## and the first page of each PDF report to docs/reports/
screenshots:
	SIMANTAP_SCREENSHOTS=$(CURDIR)/docs/screenshots SIMANTAP_REPORT_PNGS=$(CURDIR)/docs/reports $(PYTHON) scripts/run_tests.py

## make lint: ruff and pylint-odoo through pre-commit
lint:
	pre-commit run --all-files --show-diff-on-failure

## make openapi: regenerate the mobile API's committed OpenAPI document
openapi:
	$(PYTHON) scripts/export_openapi.py

## make install: the project's Python requirements (Odoo 18 itself is installed apart)
install:
	$(PYTHON) -m pip install -r requirements.txt -r requirements-dev.txt
