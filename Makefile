# The two commands of the README, each doing its own set-up on a fresh machine:
#   make run    start nearer on http://127.0.0.1:8765 with its own SQLite database
#   make test   lint, type-check and run every test (installs Chromium for the browser tests if missing)
#   make bench  measure against the performance budgets of design.md (bench-lens, bench-web, bench-import)
#   make eval   the lens's quality (both tiers) on the corpus's held-out test split
#   make train  rebuild the lens's model artifacts from the corpus

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint typecheck pytest browser bench bench-lens bench-web bench-import eval train clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing nearer and its tools into $(VENV) (first time only)..."
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@# torch first, pinned: on these machines that version is a CPU build on local disk.
	@$(BIN)/python -m pip install --quiet torch==2.13.0
	@$(BIN)/python -m pip install --quiet -e '.[dev,accurate]'
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

bench: bench-lens bench-web bench-import

bench-lens: $(STAMP)
	$(BIN)/python bench/lens_speed.py
	$(BIN)/python bench/coach_latency.py

bench-web: $(STAMP)
	$(BIN)/python bench/web_pages.py

# whatstk, the yardstick for reading WhatsApp exports, lives only in the benchmark's own environment.
BENCH_VENV := .venv-bench
bench-import: $(STAMP)
	@test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -m pip install --quiet whatstk
	$(BIN)/python bench/import_speed.py --whatstk-python $(BENCH_VENV)/bin/python

eval: $(STAMP)
	$(BIN)/python training/evaluate.py --tier fast
	$(BIN)/python training/evaluate.py --tier accurate

# Rebuild every model artifact from the corpus: heavy (torch; about an hour and three quarters on two idle
# cores, most of it fine-tuning the pair reader five times), so in its own environment.
TRAIN_VENV := .venv-train
train:
	@test -x $(TRAIN_VENV)/bin/python || $(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install --quiet torch==2.13.0
	$(TRAIN_VENV)/bin/python -m pip install --quiet -e '.[train,accurate]'
	$(TRAIN_VENV)/bin/python training/build_static_embeddings.py
	$(TRAIN_VENV)/bin/python training/train_fast.py
	$(TRAIN_VENV)/bin/python training/train_pair_reader.py
	$(TRAIN_VENV)/bin/python training/train_accurate.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .mypy_cache .ruff_cache
