# The README's two commands are `make demo` and `make test`; both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
MAKEMESSAGES := $(PY) manage.py makemessages -l fr -l en --no-obsolete --no-location \
	--ignore=.venv --ignore=bench --ignore=tests --ignore=var --ignore=docs
PROD_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=france-services.example PUBLIC_BASE_URL=https://france-services.example \
	REDIS_URL=redis://127.0.0.1:6379/0

# pytest on CI and in `make test`: one xdist worker per core, tests dealt one by one in
# pytest-django's order, the 20 slowest tests. The browser tests run on SQLite only
# (docs/testing.md, "PostgreSQL"). Branch coverage, with its floor, is `make coverage`: the
# SQLite suite again under coverage, which costs it about half its time again, more than
# CI's 30 minutes hold (docs/testing.md, "Coverage").
PYTEST_CI := -n auto --dist load --durations=20
# Branch coverage measured (docs/testing.md), rounded down: it may not drop.
COVERAGE_FLOOR := 96
COVERAGE := --cov --cov-branch --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR)

.PHONY: install demo test checks lint translations-check messages pytest coverage pytest-postgres load-smoke system-deps bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## Every check CI runs: static checks, then the suite on SQLite and on PostgreSQL; the wall
## time of each stage is printed at the end.
test: install
	@bash .ci/stages.sh system-deps checks pytest pytest-postgres

checks: lint
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) --no-print-directory translations-check

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

## Fails when the gettext catalogs miss a string of the code or the compiled .mo files lag.
translations-check: install
	bash .ci/check-translations.sh "$(MAKEMESSAGES)"

## Refresh the catalogs after changing interface text (then translate and compile).
messages: install
	$(MAKEMESSAGES)
	$(PY) manage.py compilemessages --ignore=.venv

## Debian's chromium for the browser tests, installed when absent (never a downloaded build).
system-deps:
	bash .ci/system-deps.sh

pytest: install
	$(VENV)/bin/pytest $(PYTEST_CI) -m "not instances"

## The SQLite suite under branch coverage; fails below the floor (docs/testing.md).
coverage: install
	$(VENV)/bin/pytest $(PYTEST_CI) $(COVERAGE) -m "not instances"

## On PostgreSQL and Redis (the two-instance test's: tests/instances/, docs/testing.md).
pytest-postgres: install
	bash .ci/with-postgres.sh bash .ci/with-redis.sh $(VENV)/bin/pytest $(PYTEST_CI) -m "not e2e"

## The load scenario's short run alone: two instances on a throwaway PostgreSQL and Redis
## with the demo, locust for 20 s (bench/load.py); fails on any error. CI runs the same
## scenario in the PostgreSQL stage (tests/instances/test_load_smoke.py).
load-smoke: install
	$(PY) bench/load.py --smoke

## Every bench at full size, one after the other (about an hour on 2 cores; docs/benchmarks.md).
bench: install
	$(PY) bench/pages.py
	$(PY) bench/nearby.py
	$(PY) bench/import_france_services.py
	$(PY) bench/places.py
	$(PY) bench/search_relevance.py --set all
	$(PY) bench/training.py --official --progress-per-agent 38 --completed-share 0.8
	$(PY) bench/forums.py
	$(PY) bench/steering.py --scale 10
	$(PY) bench/members.py
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-shm db.sqlite3-wal .pytest_cache .ruff_cache
