# Two commands set everything up on a fresh machine:
#   make map    virtual environment + package, then caspian-map.html from the embedded catalog
#   make test   test dependencies (Debian's chromium included) + the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MAP ?= caspian-map.html

.PHONY: all map map-offline install test bench chromium assets update-assets lint clean

all: map

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install whenever pyproject.toml changes; the stamps keep repeated runs fast.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

map: $(VENV)/.installed
	$(BIN)/caspian map -o $(MAP)
	@echo "wrote $(MAP)"

map-offline: $(VENV)/.installed
	$(BIN)/caspian map --offline -o caspian-map-offline.html
	@echo "wrote caspian-map-offline.html"

# Leaflet and its plugins, pinned by maps/assets/package-lock.json: inlined by
# `caspian map --offline` and used by the browser tests. npm ci installs exactly the lockfile.
ASSETS_STAMP := maps/assets/node_modules/.package-lock.json

$(ASSETS_STAMP): maps/assets/package.json maps/assets/package-lock.json
	@command -v npm >/dev/null || { echo "installing Debian's npm for the map assets"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	npm ci --prefix maps/assets --ignore-scripts --no-audit --no-fund
	touch $@

assets: $(ASSETS_STAMP)

# After changing a version in maps/assets/package.json: `npm install --prefix maps/assets
# --ignore-scripts` to update the lockfile, then this target rewrites the committed copy that
# every install carries (maps/assets/vendor and its manifest of sha256 hashes); commit both.
update-assets: $(VENV)/.installed assets
	$(BIN)/python -m caspian.maps.asset_files maps/assets/node_modules maps/assets/vendor

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

test: $(VENV)/.installed-test chromium assets
	$(BIN)/python -m pytest --ignore=tests/benchmarks

bench: $(VENV)/.installed-test chromium assets
	$(BIN)/python -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,mean,max,rounds -p no:randomly

# mypy checks the package as it is imported (caspian.geo, ...): the folders are mapped to it by
# setuptools' package-dir, which mypy cannot read, so it walks a tree of links to them.
MYPY_TREE := build/mypy-tree

lint: $(VENV)/.installed-test
	$(BIN)/ruff check geo layers maps tests
	rm -rf $(MYPY_TREE) && mkdir -p $(MYPY_TREE)/caspian
	for folder in geo layers maps; do ln -s ../../../$$folder $(MYPY_TREE)/caspian/$$folder; done
	cd $(MYPY_TREE) && ../../$(BIN)/mypy --config-file ../../pyproject.toml \
		--cache-dir ../mypy-cache -p caspian

clean:
	rm -rf $(VENV) build *.egg-info caspian-map*.html .pytest_cache .benchmarks
