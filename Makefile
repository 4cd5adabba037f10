# Astana–Ashgabat: the pipeline in three verbs.
#   make report   set up (virtual environment, Chromium for the PDF) and build the HTML book and the PDF
#   make test     set up, lint (ruff) and run every test (unit, data, notebooks, book, browser, PDF)
#   make data     re-derive data/ from the raw sources (../shared/sources or $KZTM_RAW_DIR)
# Other parameters for one chapter: .venv/bin/python -m kztm run CHAPTER -p NAME VALUE (see README).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
JOBS   ?=

.PHONY: report html test lint data setup system-deps benchmark clean

report: setup system-deps
	$(PY) -m kztm build $(if $(JOBS),--jobs $(JOBS))

html: setup
	$(PY) -m kztm build --no-pdf

test: setup system-deps lint
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check .

data: setup
	$(PY) -m kztm data

benchmark: setup
	$(PY) benchmarks/build_times.py

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Chromium prints the PDF and drives the browser tests; poppler-utils checks the PDF.
# Installed with apt when missing and we are root; otherwise one sentence says how.
system-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing chromium and poppler-utils with apt-get …"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	else \
	  echo "Chromium or poppler-utils is missing and this is not root: the HTML book builds, the PDF and browser tests are skipped; run 'sudo apt-get install chromium poppler-utils' to get them."; \
	fi

# axe-core (npm registry) for the accessibility test of the web book, into a project folder (.cache/npm).
AXE_VERSION := 4.11.1
.PHONY: axe
test: axe
axe: .cache/npm/axe-core-$(AXE_VERSION).installed
.cache/npm/axe-core-$(AXE_VERSION).installed:
	npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@$(AXE_VERSION)
	touch $@

clean:
	rm -rf _build book/chapters book/_static/vega-bundle.js
