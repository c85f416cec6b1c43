# gridcore: two commands on a fresh machine with only python3.
#   make demo   builds .venv, installs gridcore and every plugin, and runs the demo
#   make test   installs the dev tools and runs ruff, mypy and pytest (SQLite, then PostgreSQL if it answers)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGIN_DIRS := $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml))
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
DEMO_DIR ?= demo
APT_PACKAGES := fonts-wqy-microhei

.PHONY: demo test lint typecheck pytest pytest-pg system-deps clean bench

$(VENV)/.stamp: pyproject.toml $(addsuffix /pyproject.toml,$(PLUGIN_DIRS)) Makefile
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || $(MAKE) system-deps APT_PACKAGES="python3-venv $(APT_PACKAGES)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach dir,$(PLUGIN_DIRS),-e $(dir))
	touch $@

# System packages (fonts for Chinese charts, later Chromium for browser tests), installed with apt-get
# when missing. Needs root, as on the project's machines and CI; elsewhere install them yourself.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install:$$missing (apt-get install$$missing)"; fi; \
	fi

demo: $(VENV)/.stamp
	@$(BIN)/python -m gridcore.demo --dir $(DEMO_DIR)

lint: $(VENV)/.stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.stamp
	$(BIN)/mypy gridcore examples/plugin-template/gridcore_notebook $(foreach dir,$(PLUGIN_DIRS),$(dir)/$(subst -,_,$(notdir $(dir))))

pytest: $(VENV)/.stamp
	$(BIN)/pytest -q

# The database tests again on PostgreSQL, whenever a server answers at $(PG_URL).
pytest-pg: $(VENV)/.stamp
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(subst postgresql+psycopg,postgresql,$(PG_URL))', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "PostgreSQL answers: running the suite against it"; \
	  GRIDCORE_TEST_DATABASE_URL='$(PG_URL)' $(BIN)/pytest -q; \
	else echo "no PostgreSQL at $(PG_URL): skipped the PostgreSQL run"; fi

test: system-deps lint typecheck pytest pytest-pg

bench: $(VENV)/.stamp
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache
