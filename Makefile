# Everything a fresh clone needs: `make test`, `make serve`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install test lint dataset serve clean

install: $(INSTALLED)

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

lint: install
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest

# Builds the release from sources/ (a no-op when it is up to date).
dataset: install
	$(BIN)/dbay build

serve: dataset
	$(BIN)/dbay serve --host $(HOST) --port $(PORT)

clean:
	rm -rf $(VENV) dist
