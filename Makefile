# Quick start:  make demo   (set up .venv, ingest examples/, print an overview)
#               make test   (run the whole test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= lagebild.db

.PHONY: demo test bench clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/lagebild ingest examples/ --db $(DB)
	$(BIN)/lagebild stats --db $(DB)
	$(BIN)/lagebild list --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

clean-venv:
	rm -rf $(VENV)
