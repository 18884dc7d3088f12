# mockdialer: `make run` serves the seeded mock on 127.0.0.1:5000 (`make run PORT=8080`); `make serve`
# serves it for many clients (Granian, mockdialer/serve.py; `make serve PORT=8000`); `make test` runs
# the whole suite (docs snippets included), `make docs-test` only the runnable snippets of the docs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
STAMP := $(VENV)/.installed-stamp

.PHONY: install run serve test docs-test lint bench bench-peers fuzz interop interop-acefone e2e clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	$(BIN)/python -m compileall -q mockdialer  # as pip does for a normal install: faster starts
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/mockdialer run --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/python -m mockdialer.serve --host $(HOST) --port $(PORT) $(if $(WORKERS),--workers $(WORKERS))

test: install
	$(BIN)/lint-imports --no-cache  # the layers and no-cycle contracts in setup.cfg
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2  # two workers: each has its own app and live server

docs-test: install
	$(BIN)/python -m pytest -p no:cacheprovider tests/test_readme.py

lint: install
	$(BIN)/ruff check .

# P1-P5 and P7 (docs/benchmarks.md); P3 and P7's moto side use the peers `make bench-peers` installs
bench: install
	$(BIN)/python bench/run.py

# P6: `make serve` against json-server, Prism 5, WireMock 3, moto server and a bare Flask route
# (installed on first use into .peers/; wrk and a JDK with apt-get if missing)
bench-peers: install
	$(BIN)/python bench/peers.py

fuzz: install
	$(BIN)/python fuzz/run.py

# CallFire's own API 1.1 SDKs (PHP REST and SOAP, Java, Node) and generic SOAP stacks (JAX-WS, gSOAP, zeep)
# against a live seeded mock: interop/README.md;
# then the public Acefone integrations (interop/acefone/README.md). Both run; the worse status is make's.
interop: install
	$(BIN)/python interop/run.py; cf=$$?; $(MAKE) --no-print-directory interop-acefone; ace=$$?; \
		exit $$((cf > ace ? cf : ace))

interop-acefone: install
	$(BIN)/python -m pip install -q -e '.[interop]'
	$(BIN)/python interop/acefone/run.py

clean:
	rm -rf $(VENV) .peers build dist *.egg-info .pytest_cache .ruff_cache

# The console and /docs in headless Chromium (tests/e2e); installs chromium + chromium-driver if missing.
E2E_SCREENSHOTS ?= build/e2e-screenshots
e2e: install
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver)
	$(BIN)/python -m pip install -q 'selenium>=4.20'
	rm -rf $(E2E_SCREENSHOTS)
	E2E_SCREENSHOTS=$(E2E_SCREENSHOTS) $(BIN)/python -m pytest -m e2e tests/e2e -p no:cacheprovider; \
		status=$$?; echo "e2e screenshots: $(abspath $(E2E_SCREENSHOTS))/"; exit $$status
