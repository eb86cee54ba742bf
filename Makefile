# Two commands: `make site` builds the bundled example, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml package.json 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: site test serve clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

site: $(STAMP)
	scripts/system-deps.sh site
	$(BIN)/gongkai build --pdf

serve: $(STAMP)
	$(BIN)/gongkai serve

test: $(STAMP)
	scripts/system-deps.sh test
	test ! -f package.json || test -d node_modules || npm ci --no-audit --no-fund
	$(BIN)/python -m pytest -q

clean:
	rm -rf build
