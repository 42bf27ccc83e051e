# Entry points for a fresh machine (see README): `make demo` and `make test`.
# `make test` installs the exact versions in requirements/lock.txt (hash-checked);
# `make test-latest` installs the newest releases pyproject.toml allows and runs the same suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LATEST := .venv-latest
EXTRAS ?=
# `make test EXTRAS=dask` (what .ci/run does) installs requirements/lock-dask.txt, the same
# pins plus the dask extra, and runs the Dask tests too; plain `make test` stays lean.
LOCK := requirements/lock$(if $(EXTRAS),-$(EXTRAS)).txt
STAMP := $(VENV)/.installed$(if $(EXTRAS),-$(EXTRAS))
SYSTEM_PACKAGES := gettext chromium fonts-noto-cjk fonts-wqy-zenhei poppler-utils po4a

.PHONY: setup system-packages node-packages demo test test-latest lint lock clean

system-packages:  ## GNU gettext (compatibility tests), Chromium, CJK fonts (HTML/PDF editions), poppler (PDF tests), po4a (adopt tests)
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    { $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } \
	      || echo "warning: could not install$$missing; the tests that need them will skip (fail under EDITIONS_REQUIRE_SYSTEM=1)"; \
	  else echo "warning: cannot install$$missing (no apt-get); dependent tests will skip (fail under EDITIONS_REQUIRE_SYSTEM=1)"; fi; \
	fi

AXE := tests/axe/node_modules/axe-core/axe.min.js

node-packages: $(AXE)  ## axe-core (npm, locked) for the review page's accessibility test

$(AXE): tests/axe/package.json tests/axe/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/axe --no-audit --no-fund --silent && touch $@; \
	else echo "warning: npm not found; the accessibility test will skip (fail under EDITIONS_REQUIRE_SYSTEM=1)"; fi

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

setup: system-packages node-packages $(STAMP)

demo: setup  ## the main job on the bundled press release
	$(BIN)/editions extract
	$(BIN)/editions update --lang zh_CN
	$(BIN)/editions check --release
	$(BIN)/editions stats
	$(BIN)/editions build --format md,html,bilingual-html
	$(BIN)/editions release
	@echo "editions written under build/ (open build/index.html); the release is in dist/"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint  ## lint, type-check and run the whole test suite on the locked versions
	$(BIN)/pytest -q

test-latest: system-packages  ## the whole suite (dask extra included) on the newest releases
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install -q --upgrade pip
	$(LATEST)/bin/pip install -q --upgrade --upgrade-strategy eager -e '.[test,dask]'
	$(LATEST)/bin/pip list --format=freeze | grep -iE '^(babel|markdown-it-py|mdit-py-plugins|polib|rapidfuzz|argos-translate-lt|ctranslate2|jinja2|distributed|pypdf)=' || true
	$(LATEST)/bin/ruff check src tests benchmarks
	$(LATEST)/bin/mypy
	$(LATEST)/bin/pytest -q

lock:  ## refresh requirements/lock.txt from pyproject.toml (newest allowed versions, hashed)
	$(PYTHON) -m pip install -q uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --universal --generate-hashes \
	  --python-version 3.10 --upgrade --quiet -o requirements/lock.txt
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --extra dask --universal \
	  --generate-hashes --python-version 3.10 -c requirements/lock.txt --quiet \
	  -o requirements/lock-dask.txt

clean:
	rm -rf build .editions .pytest_cache .mypy_cache .ruff_cache
