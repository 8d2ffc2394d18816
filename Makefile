# Two commands on a fresh machine:  make run   |   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench wheel clean

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

wheel: $(BIN)/.installed  ## build dist/ess_graph-*.whl offline (the venv's setuptools)
	rm -rf build  # setuptools would pack a file left there by an older build
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
