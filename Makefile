# Circle Notebooks: the two commands a newcomer needs are `make app` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium

.PHONY: app test book browser pdf-libs bench clean-venv lock unlock lock-status

$(STAMP): widgets/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e "widgets[test,book]"
	@touch $@

## app: install everything and serve the facilitator app (it prints the start page's address)
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
test: $(STAMP) browser pdf-libs
	$(PY) -m ruff check widgets tests benchmarks book
	$(PY) -m pytest

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

clean-venv:
	rm -rf $(VENV)
