# Quick start: `make demo` (install + analyse the bundled sample), `make serve` (the web
# app over it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install demo serve test test-fast lint bench clean

$(BIN)/newsprism: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,web,scale,warc]'
	touch $@

install: $(BIN)/newsprism

demo: install
	$(BIN)/newsprism analyze examples/ukraine-2022-02 --out $(OUT)
	@echo "open $(OUT)/report.html, or run: make serve"

# The web app over the demo's store, on http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: install
	@test -f $(OUT)/newsprism.duckdb || $(MAKE) demo
	$(BIN)/newsprism serve --db $(OUT)/newsprism.duckdb

# Every test, the evaluation gates and browser tests included (what CI runs).
test: install
	$(BIN)/python -m pytest -q

# The fast part: no evaluation runs over ../shared/eval (marker slow), no headless browser
# (marker browser).
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# Style, formatting, types (mypy, configured in pyproject.toml), function length (at most
# 120 lines) and the import graph (no cycles, no private names across modules).
lint: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python tools/longest_functions.py --max 120
	$(BIN)/python tools/import_graph.py --check --allow-file tools/import_exceptions.txt

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .pytest_cache
