# mockdialer: `make run` serves the seeded mock on 127.0.0.1:5000 (dev server), `make serve PORT=8000`
# serves it for many clients (Granian, mockdialer/serve.py), `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run serve test lint bench bench-peers fuzz clean

HOST ?= 127.0.0.1
PORT ?= 8000

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	$(BIN)/python -m compileall -q mockdialer  # as pip does for a normal install: faster starts
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/flask --app mockdialer run --host 127.0.0.1 --port 5000

serve: install
	$(BIN)/python -m mockdialer.serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/run.py

bench-peers: install
	$(BIN)/python bench/peers.py

fuzz: install
	$(BIN)/python fuzz/run.py

clean:
	rm -rf $(VENV) .peers build dist *.egg-info .pytest_cache .ruff_cache
