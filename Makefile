# Circle Notebooks: the two commands a newcomer needs are `make app` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium

.PHONY: app test book browser pdf-libs bench clean-venv lock unlock lock-status hub hub-install \
	node test-hub bench-hub

$(STAMP): widgets/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e "widgets[test,book]"
	@touch $@

## app: install everything and serve the facilitator app (default http://127.0.0.1:8866)
app: $(STAMP) pdf-libs
	@# circlekit.serve refuses another address without a real token (CIRCLEKIT_TOKEN).
	$(PY) -m circlekit.serve --host=$(HOST) --port=$(PORT)

## lock: protect the data folder with a passphrase (also: make unlock, make lock-status)
lock: $(STAMP)
	$(PY) -m circlekit.lock lock
unlock: $(STAMP)
	$(PY) -m circlekit.lock unlock
lock-status: $(STAMP)
	$(PY) -m circlekit.lock status

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

## test: install everything and run every test
test: $(STAMP) browser pdf-libs test-hub
	$(PY) -m ruff check widgets tests benchmarks book deploy
	$(PY) -m pytest

## hub: an organisation's JupyterHub on this machine (as root; see deploy/README.md)
# The hub and every facilitator's server run from HUB_HOME, a copy every account can read
# (a checkout under /root, or a Python under /root/.pyenv, is out of other accounts' reach).
HUB_HOME ?= /opt/circle-notebooks
HUB_PYTHON ?= /usr/bin/python3
HUB_PY := $(HUB_HOME)/venv/bin/python
hub: hub-install
	$(HUB_PY) -m jupyterhub -f $(HUB_HOME)/deploy/jupyterhub/jupyterhub_config.py

## hub-install: (re)install the app, its pages and the hub into HUB_HOME
hub-install: node
	@test "$$(id -u)" = 0 || { echo "make hub-install needs root (it serves other accounts)"; exit 1; }
	@test -x $(HUB_PY) || $(HUB_PYTHON) -m venv $(HUB_HOME)/venv || { \
	  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && \
	  $(HUB_PYTHON) -m venv $(HUB_HOME)/venv; }
	@if ! cmp -s widgets/pyproject.toml $(HUB_HOME)/venv/.pyproject.toml; then \
	  $(HUB_PY) -m pip install --quiet --upgrade pip && \
	  $(HUB_PY) -m pip install --quiet "./widgets[hub]" && \
	  cp widgets/pyproject.toml $(HUB_HOME)/venv/.pyproject.toml; fi
	$(HUB_PY) -m pip install --quiet --no-deps --force-reinstall ./widgets
	rm -rf widgets/build
	mkdir -p $(HUB_HOME)/deploy
	rm -rf $(HUB_HOME)/notebooks $(HUB_HOME)/casestudies
	cp -r notebooks casestudies $(HUB_HOME)/
	cp -r deploy/jupyterhub $(HUB_HOME)/deploy/
	cd $(HUB_HOME)/deploy/jupyterhub && npm ci --silent --no-audit --no-fund
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
	$(PY) book/build.py

## bench: print the performance figures
bench: $(STAMP)
	$(PY) benchmarks/store.py
	$(PY) benchmarks/app.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/incidents.py
	$(PY) benchmarks/documents.py

## bench-hub: ten facilitators through JupyterHub against a direct app (as root)
bench-hub: $(STAMP) test-hub
	$(PY) benchmarks/hub.py

clean-venv:
	rm -rf $(VENV)
