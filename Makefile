# Two entry points for a fresh machine (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := gettext chromium fonts-noto-cjk

.PHONY: setup system-packages demo test lint clean

system-packages:  ## GNU gettext (compatibility tests), Chromium and CJK fonts (HTML editions)
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    { $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } \
	      || echo "warning: could not install$$missing; the tests that need them will skip"; \
	  else echo "warning: cannot install$$missing (no apt-get); dependent tests will skip"; fi; \
	fi

$(BIN)/editions: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

setup: system-packages $(BIN)/editions

demo: setup  ## the main job on the bundled press release
	$(BIN)/editions extract
	$(BIN)/editions update --lang zh_CN
	$(BIN)/editions check --release
	$(BIN)/editions stats
	$(BIN)/editions build --format md,html,bilingual-html
	@echo "editions written under build/ (open build/index.html)"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint  ## lint, type-check and run the whole test suite
	$(BIN)/pytest -q

clean:
	rm -rf build .editions .pytest_cache .mypy_cache .ruff_cache
