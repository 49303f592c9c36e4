# Everything a fresh clone needs: `make test`, `make serve`, `make lint`, `make bench`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TOOLS := $(VENV)/.installed-tools
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install tools browser axe loadgen readers test lint dataset serve screenshots bench basemap clean

# What serving needs: the package (editable) and its dependencies, nothing else.
install: $(INSTALLED)

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(INSTALLED)

# What testing and linting add: the test extra (pytest, ruff, mypy, playwright …).
tools: $(TOOLS)

$(TOOLS): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TOOLS)

# The browser tests drive Debian's Chromium (Playwright's own browser download needs the network);
# the CJK fonts make Chinese legible in its screenshots.
browser:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || \
	  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# What the README's API examples are run with (tests/service/test_readme_api_examples.py): curl and jq.
readers:
	@command -v curl >/dev/null && command -v jq >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq curl jq >/dev/null)

# The accessibility checker the browser tests inject into each page (axe-core, MPL-2.0), from npm into a
# git-ignored folder; nothing is fetched by the pages themselves.
AXE_VERSION := 4.11.0
AXE := .cache/node/node_modules/axe-core/axe.min.js
axe: $(AXE)

$(AXE):
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	npm install --prefix .cache/node --no-save --no-audit --no-fund axe-core@$(AXE_VERSION)

# mypy strict over the whole dbay package, ruff's lints, and ruff's formatting.
lint: tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint browser axe readers
	$(BIN)/pytest

# Retakes the README's screenshots (the browser tests take them).
screenshots: tools browser axe
	DBAY_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/service/test_journalist_walkthrough.py

# Builds the release from sources/ (a no-op when it is up to date).
dataset: install
	$(BIN)/dbay build

serve: dataset
	$(BIN)/dbay serve --host $(HOST) --port $(PORT)

# The load generator the HTTP benchmark drives (Debian's wrk).
loadgen:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

# The API's fuzz test at length (500 examples per operation and mode: 8,000 requests), then the benchmarks;
# the server benchmarks start the README's production command, the soak drives it for SOAK_SECONDS (180).
bench: dataset loadgen tools
	DBAY_FUZZ_EXAMPLES=500 $(BIN)/pytest -q -s -p no:cacheprovider tests/service/test_fuzz.py
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/search_speed.py
	$(BIN)/python benchmarks/topic_pages.py
	$(BIN)/python benchmarks/relations_speed.py
	$(BIN)/python benchmarks/extraction_accuracy.py
	$(BIN)/python benchmarks/in_process.py dist
	$(BIN)/python benchmarks/http_vs_datasette.py dist
	$(BIN)/python benchmarks/workers.py dist
	$(BIN)/python benchmarks/soak.py dist

clean:
	rm -rf $(VENV) dist .setuptools-build

# Remakes dbay/basemap.geojson, the base map of every map, from the Digital Chart of the World
# (build/basemap.yml says which areas and why); a maintainer's tool: the file is committed.
basemap: tools
	@test -f /usr/share/gmt-dcw/dcw-gmt.nc || (apt-get update -qq && apt-get install -y -qq gmt-dcw >/dev/null)
	$(BIN)/python -m pip install --quiet h5py
	$(BIN)/python -m dbay.build.basemap
