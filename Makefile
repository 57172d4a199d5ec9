# Two entry points on a fresh machine (Python 3.10+ and network access to the package index):
#   make demo   - set up .venv and run the bundled sample meeting end to end
#   make test   - set up .venv and run linters, type checks and the whole test suite
# The browser tests drive the system Chromium (/usr/bin/chromium, Debian's `chromium`) and
# check accessibility with axe-core, installed from npm into .venv/node.

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
AXE = $(VENV)/node/node_modules/axe-core/axe.min.js

.PHONY: demo test lint setup screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@4; \
	else \
		echo "npm not found: the accessibility checks will be skipped (apt-get install npm)"; \
	fi

setup: $(STAMP) $(AXE)

demo: $(STAMP)
	$(BIN)/highlights demo --out highlights-demo

lint: $(STAMP)
	$(BIN)/ruff check highlights tests fixtures
	$(BIN)/mypy

test: lint $(AXE)
	$(BIN)/python -m pytest

screenshots: setup
	$(BIN)/python tests/browser/make_screenshots.py

clean:
	rm -rf $(VENV) highlights-demo .pytest_cache .mypy_cache .ruff_cache
