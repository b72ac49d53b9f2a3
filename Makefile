# The two commands of the README, each doing its own set-up on a fresh machine:
#   make run    start nearer on http://127.0.0.1:8765 with its own SQLite database
#   make test   lint, type-check and run every test (installs Chromium for the browser tests if missing)
#   make bench  measure against the performance budgets of design.md

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint typecheck pytest browser bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing nearer and its tools into $(VENV) (first time only)..."
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/nearer serve --host 127.0.0.1 --port 8765

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests training bench
	$(BIN)/ruff format --check src tests training bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) browser
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/web_pages.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
