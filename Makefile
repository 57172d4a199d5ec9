# Two entry points on a fresh machine (Python 3.10+ and network access to the package index):
#   make demo   - set up .venv and run the bundled sample meeting end to end
#   make test   - set up .venv and run linters, type checks and the whole test suite

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.PHONY: demo test lint setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/highlights demo --out highlights-demo

lint: $(STAMP)
	$(BIN)/ruff check highlights tests fixtures
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) highlights-demo .pytest_cache .mypy_cache .ruff_cache
