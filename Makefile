# warstats — the two commands a new machine needs: `make report` and `make test`.
VENV ?= .venv
PY ?= $(VENV)/bin/python
RAW ?= ../shared/sources
REPORT_DIR ?= build/report
PYTEST_ARGS ?=
# Test workers (pytest-xdist): one per core by default; JOBS=0 runs in one process.
JOBS ?= auto
QUICK ?= not slow and not browser

.PHONY: venv report test test-quick readme data bench bench-dates lint format screenshot clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[dev]"
	$(VENV)/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

# `make test PY=/path/to/python` uses an existing environment instead of creating .venv.
ifeq ($(PY),$(VENV)/bin/python)
venv: $(VENV)/.installed
else
venv:
	@true
endif

report: venv
	$(PY) -m warstats report --out $(REPORT_DIR)

# The whole suite (CI runs it), spread over the cores.
test: venv
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

# The quick loop: everything but the tests marked slow (report, rebuild, wheel, notebooks,
# corruption suite) or browser; about a minute on two cores.
test-quick: venv
	$(PY) -m pytest -n $(JOBS) -m "$(QUICK)" $(PYTEST_ARGS)

screenshot: report
	$(PY) -m warstats.report.browser $(REPORT_DIR)/report.html docs/report_first_screen.png

data: venv
	$(PY) -m warstats build-data --raw $(RAW) --out data

# The README's generated tables (datasets, data licences), after `make data` or a new source.
readme: venv
	$(PY) tools/update_readme.py

bench: venv
	$(PY) benchmarks/run.py

bench-dates: venv
	$(PY) benchmarks/report_dates.py

lint: venv
	$(PY) -m ruff check src tests benchmarks tools

format: venv
	$(PY) -m ruff format src tests benchmarks tools

clean:
	rm -rf build .pytest_cache
