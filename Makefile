# Two commands on a fresh machine:  make run   |   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(BIN)/.installed  ## set up and open the app on the embedded demo network
	$(BIN)/ess-graph app data/demo --port $(PORT)

test: $(BIN)/.installed  ## set up and run the whole test suite (unit, slow, browser, benchmark)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(BIN)/.installed  ## run the benchmarks and rewrite docs/PERFORMANCE.md
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
