# `make site` builds the bundled example, `make test` runs every test, `make dist` builds the
# sdist and the wheel (into dist/) that offices install.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pytest-xdist workers for `make test`: whole test modules go to each, longest first
# (tests/conftest.py), so a module's built site is built once; the 15 slowest are listed.
TEST_WORKERS ?= 2
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml package.json 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: site test serve clean system-deps dist

# The venv's own pip installs the project (an editable install needs pip 21.3; Python 3.11's
# venv brings pip 23), without compiling every dependency up front: Python compiles a module
# when it is first imported, and most of the dependencies' modules never are (half a minute
# of CPU saved on a fresh clone).
$(STAMP): pyproject.toml
	PYTHON=$(PYTHON) scripts/system-deps.sh site
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --no-compile -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

site: $(STAMP)
	PYTHON=$(PYTHON) scripts/system-deps.sh site
	$(BIN)/gongkai build --pdf

serve: $(STAMP)
	$(BIN)/gongkai serve

test: $(STAMP)
	scripts/system-deps.sh test
	test ! -f package.json || test -d node_modules || npm ci --no-audit --no-fund
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15

# The wheel is built from the sdist, so a file the sdist leaves out fails here, not at an office.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf build dist
