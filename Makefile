# Two commands do all the set-up on a fresh machine:
#   make run    install the pinned environment in .venv/ and refresh the warehouse from raw/
#   make test   install the pinned test environment in .venv/ and run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RAW_DIR ?= raw
WAREHOUSE ?= warehouse/ofsted.duckdb

export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: run test install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/ofsted-etl refresh --raw-dir $(RAW_DIR) --warehouse $(WAREHOUSE)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)
