# Everything a fresh clone needs: `make test`, `make serve`, `make lint`, `make bench`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install browser test lint dataset serve screenshots bench clean

# Serving needs only the Python packages; the browser is for the tests.
install: $(INSTALLED)

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# The browser tests drive Debian's Chromium (Playwright's own browser download needs the network);
# the CJK fonts make Chinese legible in its screenshots.
browser:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || \
	  (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# mypy strict over the whole dbay package, ruff's lints, and ruff's formatting.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint browser
	$(BIN)/pytest

# Retakes the README's screenshots (the browser tests take them).
screenshots: install browser
	DBAY_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/service/test_journalist_walkthrough.py

# Builds the release from sources/ (a no-op when it is up to date).
dataset: install
	$(BIN)/dbay build

serve: dataset
	$(BIN)/dbay serve --host $(HOST) --port $(PORT)

bench: dataset
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/search_speed.py

clean:
	rm -rf $(VENV) dist .setuptools-build
