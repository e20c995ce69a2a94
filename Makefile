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

.PHONY: serve site release test test-fast lint validate bench browser-deps clean lock audit

# The locked packages (requirements.txt: every package with its hashes, pip and setuptools included, so the venv
# gets up-to-date installers too), then the project itself in editable mode, built with the locked setuptools
# (no build isolation: nothing is downloaded outside the lock): `import ke_finder` works from the MkDocs hook,
# scripts/ and tests/ without sys.path edits.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*; touch $(STAMP)

# Re-lock after editing requirements.in (the direct pins): pip-tools resolves every indirect package and writes
# requirements.txt with hashes. Pins already in requirements.txt are kept; `make lock LOCK_ARGS=--upgrade` takes
# the newest versions the direct pins allow. Needs the package index (network).
lock:
	test -x $(VENV)/bin/pip-compile || $(MAKE) venv
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links $(LOCK_ARGS) --output-file requirements.txt requirements.in

# Published advisories for the locked Python packages (pip-audit, the package index's vulnerability data) and the
# npm tree (npm audit). An editor command that needs the network; it says which source could not be reached
# instead of reporting "no known vulnerabilities" (README, 'Supply chain').
audit: $(STAMP)
	$(PY) scripts/audit.py

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
