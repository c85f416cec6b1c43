# gridcore: two commands on a fresh machine with only python3.
#   make demo   builds .venv, installs gridcore and every plugin, and runs the demo
#   make test   installs the dev tools and runs ruff, mypy and pytest (SQLite, then PostgreSQL if it answers)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGIN_DIRS := $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml))
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
DEMO_DIR ?= demo
APT_PACKAGES := fonts-wqy-microhei chromium

.PHONY: demo test lint typecheck pytest pytest-pg system-deps clean bench

$(VENV)/.stamp: pyproject.toml $(addsuffix /pyproject.toml,$(PLUGIN_DIRS)) Makefile
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || $(MAKE) system-deps APT_PACKAGES="python3-venv $(APT_PACKAGES)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach dir,$(PLUGIN_DIRS),-e $(dir))
	@# the web's browser tests: Playwright (it drives the system's chromium; no browser is downloaded)
	@if [ -f plugins/gridcore-web/pyproject.toml ]; then $(BIN)/python -m pip install --quiet -e 'plugins/gridcore-web[test]'; fi
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

# make demo ends by serving the demo district in the browser (NO_SERVE=1 skips it; Ctrl+C stops it).
demo: $(VENV)/.stamp
	@$(BIN)/python -m gridcore.demo --dir $(DEMO_DIR)
	@if [ "$(NO_SERVE)" != "1" ] && [ -f plugins/gridcore-web/pyproject.toml ]; then \
	  password="$$(cat $(DEMO_DIR)/admin-password.txt)"; \
	  echo ""; echo "网页版: http://127.0.0.1:8000   操作员 admin   密码 $$password   (Ctrl+C 停止; NO_SERVE=1 不启动)"; \
	  GRIDCORE_USER=admin GRIDCORE_PASSWORD="$$password" $(BIN)/gridcore --db sqlite:///$(DEMO_DIR)/gridcore.db serve --host 127.0.0.1 --port 8000; \
	fi

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
