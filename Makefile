# The project's commands. A fresh Debian machine needs Python 3.11, make and Node.js/npm (as the README says);
# everything else (the venv, axe-core, Debian's chromium) is installed by these targets:
#   make serve   set up, build and serve the site on http://127.0.0.1:8000
#   make test    set up and run every gate (ruff, mypy, import-linter) and every test
#   make test-fast  the edit loop: lint and the unit tier only (no site build, no browser), under a minute
SHELL := /bin/bash
# Material's end-of-life notice (May 2027) is tracked in ARCHITECTURE.md; keep build logs readable.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)

.PHONY: serve site release test test-fast lint validate bench browser-deps clean

# The pinned tools, then the project itself in editable mode: `import ke_finder` works from the MkDocs hook,
# scripts/ and tests/ without sys.path edits.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*; touch $(STAMP)

venv: $(STAMP)

# Headless Chromium and axe-core for the browser tests (Debian packages and npm; no browser download).
browser-deps:
	bash scripts/install_browser_deps.sh

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# Build into a fresh folder and swap it in only when the whole build succeeded:
# a failed build leaves the previous site/ exactly as it was.
site: $(STAMP)
	rm -rf .build/site-new
	$(PY) -m mkdocs build --quiet --site-dir .build/site-new
	rm -rf .build/site-old; if [ -d site ]; then mv site .build/site-old; fi
	mv .build/site-new site
	rm -rf .build/site-old

# The public build: refuses to build unless KE_EDITOR_EMAIL and SITE_URL are set (README, 'Build settings').
release: $(STAMP)
	KE_RELEASE=1 $(MAKE) site

validate: $(STAMP)
	$(PY) scripts/validate.py

# The gates: lint (ruff), types of the core (mypy), the import layering (import-linter contracts in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check ke_finder hooks scripts tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

test: $(STAMP) browser-deps lint
	$(PY) -m pytest -q

# The unit tier (pytest -m unit): the core on fixture data, no MkDocs build, no browser.
test-fast: $(STAMP) lint
	$(PY) -m pytest -q -m unit

bench: $(STAMP) browser-deps
	$(PY) scripts/bench.py

clean:
	rm -rf site .build $(VENV)
