# Every target sets itself up: a fresh clone needs only Python 3.11+ (and, for browser tests, Chromium,
# which `make test` installs from Debian when it is missing and it may).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Material and ProperDocs print MkDocs-2 banners; these are their documented switches.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test lint validate schema render clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# The package itself, editable and without dependencies (the lock has them): its MkDocs plugin entry point.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

## serve: preview at http://127.0.0.1:8000; an edit rebuilds only the pages whose text it changed (--dirty)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## build: write the publishable site to site/ (offline: reads only the committed Hub snapshot)
build: $(STAMP)
	$(BIN)/python -m generator validate
	$(BIN)/mkdocs build --strict --site-dir site

## test: lint (which validates the catalog and checks the schema export), then every test, browser tests included
test: $(STAMP)
	$(BIN)/python tests/ensure_chromium.py
	$(BIN)/python tests/js/ensure_js.py
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

## lint: the pre-commit hooks on every file: ruff, ESLint, YAML hygiene, catalog validation, schema export check
lint: $(STAMP)
	$(BIN)/python tests/js/ensure_js.py
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

validate: $(STAMP)
	$(BIN)/python -m generator validate

## schema: re-export schema/model.schema.json after changing generator/catalog/schema.py
schema: $(STAMP)
	$(BIN)/python -m generator schema

## pull: refresh the Hub snapshot in catalog/hub/ (HF_ENDPOINT, HF_TOKEN; pass options as PULL_ARGS="...")
.PHONY: pull
pull: $(STAMP)
	$(BIN)/python -m generator pull $(PULL_ARGS)

## render: write the generated Markdown pages to out/ (no MkDocs involved)
render: $(STAMP)
	$(BIN)/python -m generator render --out out

clean:
	rm -rf site out .pytest_cache
