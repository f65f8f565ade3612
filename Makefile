# Quick start:  make demo   (set up .venv, ingest examples/ and demo/, show storylines and a briefing)
#               make test   (run the whole test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= lagebild.db

.PHONY: demo test bench browser clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The situation picture of the bundled articles: what is stored, the storylines, a cited
# briefing of the most recently continued storyline, and how to open the web UI.
demo: $(STAMP)
	$(BIN)/lagebild ingest examples/ demo/ --db $(DB)
	$(BIN)/lagebild stats --db $(DB)
	$(BIN)/lagebild stories --limit 3 --db $(DB)
	@st=$$($(BIN)/lagebild stories --json --limit 1 --db $(DB) \
	  | $(BIN)/python -c 'import json, sys; s = json.load(sys.stdin); print(s[-1]["id"] if s else "")'); \
	if [ -n "$$st" ]; then \
	  echo "$(BIN)/lagebild brief $$st --db $(DB)"; $(BIN)/lagebild brief $$st --db $(DB); \
	fi
	@echo ""
	@echo "Next: $(BIN)/lagebild serve --db $(DB)   # web UI on http://127.0.0.1:8000/"

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The web UI tests drive Debian's Chromium headless; install it when missing (needs root + apt).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing chromium + chromedriver (apt-get) for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || { echo "cannot install chromium: run 'apt-get install chromium chromium-driver' as root"; exit 1; }; \
	fi

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_enrich.py

clean-venv:
	rm -rf $(VENV)
