# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean translations package fuzz soak

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

QM     := resources/translations/outreach_desk_da.qm

$(QM): resources/translations/outreach_desk_da.ts $(STAMP)
	$(PY) resources/translations/update.py --release

demo: $(STAMP) $(QM)
	$(PY) -m outreach_desk demo

test: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# the stateful sync test (tests/sync/test_stateful_sync.py) for many more scenarios, with a
# higher fault rate; prints what ran. OD_SOAK_EXAMPLES=N to choose, OD_SOAK_SHRINK=1 to shrink.
soak: $(STAMP)
	OD_SOAK_EXAMPLES=$${OD_SOAK_EXAMPLES:-500} QT_QPA_PLATFORM=offscreen nice -n 10 \
		$(PY) -m pytest tests/sync/test_stateful_sync.py -q -s -p no:cacheprovider --timeout=0

# refresh the .ts from the sources (then translate new entries in Qt Linguist)
translations: $(STAMP)
	$(PY) resources/translations/update.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# the sync server's API fuzzed from its OpenAPI document, long (SQLite and PostgreSQL)
fuzz: $(STAMP)
	OUTREACH_FUZZ_EXAMPLES=300 $(PY) -m pytest tests/sync/test_fuzz_api.py

bench: $(STAMP)
	$(PY) -m bench.store_bench

# Linux installers: dist/outreach-desk/ (one-dir), .deb and .tar.gz (see docs/it-guide.md)
package: $(STAMP) $(QM)
	packaging/linux/build.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
