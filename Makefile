# Quick start: `make demo` (install + analyse the bundled sample), `make serve` (the web
# app over it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install demo serve test test-all lint bench clean

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

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .pytest_cache
