# Circle Notebooks: the two commands a newcomer needs are `make app` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The pinned versions of every dependency (with hashes), compiled from widgets/pyproject.toml.
LOCKFILE := requirements.lock
CLI := $(VENV)/bin/circle-notebooks
CHROMIUM ?= /usr/bin/chromium
# HOST, PORT: where the app listens (defaults in circlekit/settings.py: 127.0.0.1:8866).
APP_ARGS := $(if $(HOST),--host=$(HOST)) $(if $(PORT),--port=$(PORT))

.PHONY: app test typecheck book browser pdf-libs bench clean-venv lock unlock lock-status \
	relock hub hub-install node test-hub bench-hub

# The pinned dependencies first, then the package itself (editable, adding nothing unpinned).
$(STAMP): widgets/pyproject.toml $(LOCKFILE)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCKFILE)
	$(PY) -m pip install --quiet --no-deps -e widgets
	@touch $@

## app: install everything and serve the facilitator app (it prints the start page's address)
app: $(STAMP) pdf-libs
	@# It refuses another address than this computer's without a real token (CIRCLEKIT_TOKEN).
	$(CLI) app $(APP_ARGS)

## lock: protect the data folder with a passphrase (also: make unlock, make lock-status)
lock: $(STAMP)
	$(CLI) lock
unlock: $(STAMP)
	$(CLI) unlock
lock-status: $(STAMP)
	$(CLI) status

## relock: recompile requirements.lock after changing the dependencies in widgets/pyproject.toml
relock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile widgets/pyproject.toml --extra test --extra book --extra lab --extra hub \
	  --universal --python-version 3.11 --generate-hashes --custom-compile-command "make relock" \
	  -o $(LOCKFILE)

## browser: the system Chromium the browser tests drive (installed with apt-get as root)
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium'"; exit 1; fi; fi
	@$(CHROMIUM) --version

## pdf-libs: the Debian libraries WeasyPrint draws PDFs with (Pango) and a Cyrillic font
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || ! fc-list 2>/dev/null | grep -qi dejavu; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else echo "PDF documents need: sudo apt-get install $(PDF_DEBS) (HTML and Word work without)"; fi; fi

## test: install everything, then lint, type-check and run every test
# Two lanes: most tests on TEST_WORKERS processes (they mostly wait for kernels and the
# browser), then the few that need the machine to themselves. Each lane lists its slowest.
TEST_WORKERS ?= 3
# When make started (set once, as the Makefile is read): the figure below includes the setup.
STARTED := $(shell date +%s)
test: $(STAMP) browser pdf-libs typecheck test-hub
	$(PY) -m ruff check widgets tests benchmarks book deploy
	$(PY) -m pytest -m "not serial" -n $(TEST_WORKERS) --dist loadfile
	$(PY) -m pytest -m serial
	@t=$$(( $$(date +%s) - $(STARTED) )); \
	  echo "make test: everything passed in $$((t / 60)) min $$((t % 60)) s, setup included"

## typecheck: mypy on circlekit (settings in widgets/pyproject.toml)
typecheck: $(STAMP)
	cd widgets && ../$(PY) -m mypy

## hub: an organisation's JupyterHub on this machine (as root; see deploy/README.md)
# The hub and every facilitator's server run from HUB_HOME, a copy every account can read
# (a checkout under /root, or a Python under /root/.pyenv, is out of other accounts' reach).
HUB_HOME ?= /opt/circle-notebooks
HUB_PYTHON ?= /usr/bin/python3
HUB_PY := $(HUB_HOME)/venv/bin/python
# What the installed package is built from (the pages and case studies go in as package data).
PACKAGE_HASH := find widgets/circlekit widgets/pyproject.toml widgets/setup.py notebooks casestudies \
	-type f -not -name '*.pyc' | LC_ALL=C sort | xargs md5sum | md5sum
hub: hub-install
	$(HUB_PY) -m jupyterhub -f $(HUB_HOME)/deploy/jupyterhub/jupyterhub_config.py

## hub-install: (re)install the app, its pages and the hub into HUB_HOME
hub-install: node
	@test "$$(id -u)" = 0 || { echo "make hub-install needs root (it serves other accounts)"; exit 1; }
	@test -x $(HUB_PY) || $(HUB_PYTHON) -m venv $(HUB_HOME)/venv || { \
	  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && \
	  $(HUB_PYTHON) -m venv $(HUB_HOME)/venv; }
	@# The versions of requirements.lock (the app's and the hub's part of it, with hashes),
	@# then the package itself with nothing unpinned; both only when they changed.
	@# (a current pip first: Debian's resolves "fonttools[woff]" apart from its pinned line)
	@if ! cmp -s $(LOCKFILE) $(HUB_HOME)/venv/.requirements.lock; then \
	  $(HUB_PY) -m pip install --quiet --upgrade pip && \
	  $(HUB_PY) widgets/tools/lock_subset.py hub > $(HUB_HOME)/venv/hub-requirements.txt && \
	  $(HUB_PY) -m pip install --quiet --require-hashes -r $(HUB_HOME)/venv/hub-requirements.txt && \
	  cp $(LOCKFILE) $(HUB_HOME)/venv/.requirements.lock; fi
	@built=$$($(PACKAGE_HASH)); \
	if [ "$$built" != "$$(cat $(HUB_HOME)/venv/.package-hash 2>/dev/null)" ]; then \
	  $(HUB_PY) -m pip install --quiet --no-deps --force-reinstall ./widgets && rm -rf widgets/build && \
	  echo "$$built" > $(HUB_HOME)/venv/.package-hash; fi
	mkdir -p $(HUB_HOME)/deploy
	rm -rf $(HUB_HOME)/notebooks $(HUB_HOME)/casestudies
	cp -r notebooks casestudies $(HUB_HOME)/
	cp -r deploy/jupyterhub $(HUB_HOME)/deploy/
	@cd $(HUB_HOME)/deploy/jupyterhub && if ! cmp -s package-lock.json node_modules/.installed-lock; then \
	  npm ci --silent --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock; fi
	chmod -R a+rX $(HUB_HOME)

## node: Node.js and npm for the hub's proxy (configurable-http-proxy)
node:
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "Node.js is missing: run 'sudo apt-get install nodejs npm'"; exit 1; fi; fi

# The hub test's own copy, so that it never touches an organisation's HUB_HOME.
test-hub:
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory hub-install \
	  HUB_HOME=/opt/circle-notebooks-test; fi

## book: build the Jupyter Book offline and strictly into book/_build/html
book: $(STAMP)
	$(CLI) book

## bench: print the performance figures
bench: $(STAMP)
	$(PY) benchmarks/store.py
	$(PY) benchmarks/app.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/incidents.py
	$(PY) benchmarks/ledger.py
	$(PY) benchmarks/documents.py
	$(PY) benchmarks/backup.py

## bench-hub: ten facilitators through JupyterHub against a direct app (as root)
bench-hub: $(STAMP) test-hub
	$(PY) benchmarks/hub.py

clean-venv:
	rm -rf $(VENV)
