# mockdialer: `make run` serves the seeded mock on 127.0.0.1:5000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench fuzz interop clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	$(BIN)/python -m compileall -q mockdialer  # as pip does for a normal install: faster starts
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/flask --app mockdialer run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/lint-imports --no-cache  # the layers and no-cycle contracts in setup.cfg
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/run.py

fuzz: install
	$(BIN)/python fuzz/run.py

# CallFire's own API 1.1 SDKs (PHP REST, PHP SOAP, Java) against a live seeded mock: interop/README.md
interop: install
	$(BIN)/python interop/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
