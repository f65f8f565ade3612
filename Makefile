# Quick start:  make demo   (set up .venv, ingest examples/, demo/ and wikinews/, show storylines and a briefing)
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

# The situation picture of the bundled articles (the seeds, the project's own demo articles and
# 40 real English Wikinews reports, CC BY 2.5: wikinews/README.md): what is stored, the ten most
# recently continued storylines that have more than one event, the timeline and a cited briefing
# of the largest storyline (most articles), and how to open the web UI.
demo: $(STAMP)
	$(BIN)/lagebild ingest examples/ demo/ wikinews/ --db $(DB)
	$(BIN)/lagebild stats --db $(DB)
	$(BIN)/lagebild stories --min-events 2 --limit 10 --db $(DB)
	@st=$$($(BIN)/lagebild stories --json --limit 0 --db $(DB) \
	  | $(BIN)/python -c 'import json, sys; s = json.load(sys.stdin); print(max(s, key=lambda t: sum(len(e["articles"]) for e in t["events"]))["id"] if s else "")'); \
	if [ -n "$$st" ]; then \
	  echo ""; echo "$(BIN)/lagebild timeline $$st --db $(DB)"; $(BIN)/lagebild timeline $$st --db $(DB); \
	  echo ""; echo "$(BIN)/lagebild brief $$st --db $(DB)"; $(BIN)/lagebild brief $$st --db $(DB); \
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
