# feltsafe: two commands for a newcomer.
#   make run   set up, create the demo account, serve on http://127.0.0.1:8000
#   make test  set up with test tools (and Debian's chromium), then lint, type-check and test
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export FELTSAFE_DATA_DIR ?= var
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run serve demo test lint typecheck pytest browser-deps migrations-check check-deploy bench train clean

help:
	@echo "make run     set up and serve feltsafe with a demo account on http://$(HOST):$(PORT)"
	@echo "make test    set up and run every check and test (browser tests included)"
	@echo "make bench   run the benchmarks in bench/ and write their results"

$(PY):
	@PYTHON=$${PYTHON:-$$(scripts/find-python)} && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==25.3"

$(VENV)/.installed-run: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@mkdir -p $(FELTSAFE_DATA_DIR)
	$(BIN)/feltsafe serve --demo --host $(HOST) --port $(PORT)

serve: run

demo: $(VENV)/.installed-run
	$(BIN)/feltsafe demo

# Debian's chromium for the browser tests (Playwright's own browser download cannot work here).
# Also Debian's pango, which WeasyPrint needs for the PDF reports; each only when missing.
browser-deps:
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; \
	for lib in libpango-1.0-0 libpangoft2-1.0-0; do \
	  dpkg -s $$lib >/dev/null 2>&1 || missing="$$missing $$lib"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's$$missing for the browser tests and PDF reports"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Note: missing Debian packages:$$missing (sudo apt-get install$$missing)."; \
	  fi; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy feltsafe

migrations-check: $(VENV)/.installed-dev
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite twice: on SQLite, then on a throwaway PostgreSQL that the script starts.
pytest: $(VENV)/.installed-dev browser-deps
	$(BIN)/pytest
	scripts/with-postgres $(BIN)/pytest

test: lint typecheck migrations-check pytest

bench: $(VENV)/.installed-dev
	@for script in bench/*/run.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# Rebuild the lens model artefacts in feltsafe/lens/model/ (see train/README.md): a separate
# Python 3.11 venv with a CPU torch (installed first and alone), offline, reproducible.
TRAIN_PY := .venv-train/bin/python
train:
	@test -x $(TRAIN_PY) || "$${PY311:-$$(command -v python3.11 || echo /root/.pyenv/versions/3.11.7/bin/python)}" -m venv .venv-train
	$(TRAIN_PY) -m pip install --quiet torch==2.13.0
	$(TRAIN_PY) -m pip install --quiet -r train/requirements.txt
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(TRAIN_PY) train/finetune_encoder.py
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(TRAIN_PY) train/export_onnx.py --weights "$${TMPDIR:-/tmp}/feltsafe-minilm-finetuned"
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(TRAIN_PY) train/train_heads.py --tune-on dev
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(TRAIN_PY) bench/crisis/train_head.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
