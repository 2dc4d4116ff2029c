# The two commands a newcomer needs:
#   make serve   build the course site and serve it at http://127.0.0.1:8000
#   make test    run every test: package, every code fence on every page,
#                the strict site build and the real-browser check
# Each one first sets up what it needs (a virtual environment with the pinned
# Python packages, and MathJax from npm), so a fresh clone needs nothing else.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test setup lock clean clean-cache exercise

# The teacher's loop (README, "Editing a page"): only the pages a change makes
# stale are rendered again, and code runs again only when it or what it reads
# changed (hooks/serve_cache.py, hooks/page_cache.py); the cache is in
# .cache/site/. `mkdocs build` never uses it.
SERVE_ADDR ?= 127.0.0.1:8000
serve: setup
	FCLESSON_SITE_CACHE=.cache/site $(PY) -m mkdocs serve --dirty --dev-addr $(SERVE_ADDR)

clean-cache:
	rm -rf .cache/site

# Every test, on every core (pytest-xdist): the site is built once, the fences
# of one page stay together in one worker (README, "How pages are tested").
JOBS ?= auto
test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadgroup $(PYTEST_ARGS)

# Check your solution of one exercise (docs/exercises/): the tests of exercise N
# run against exercises/exN_*.py only, and an exercise not attempted fails.
#   make exercise N=1                      checks exercises/ex1_derivative.py
#   make exercise N=1 FILE=path/to/mine.py checks another file instead
EXERCISE_TESTS = $(wildcard tests/exercises/test_ex$(N)_*.py)
ifneq ($(filter exercise,$(MAKECMDGOALS)),)
ifeq ($(strip $(N)),)
$(error usage: make exercise N=<1-8> [FILE=path/to/your_solution.py])
endif
ifneq ($(words $(EXERCISE_TESTS)),1)
$(error there is no exercise N=$(N); the exercises are numbered 1 to 8)
endif
endif

exercise: $(VENV)/.installed
	$(PY) -m pytest $(EXERCISE_TESTS) --exercise-mode $(if $(FILE),--exercise-file="$(FILE)") $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock
	$(PY) -m pip install --quiet --require-virtualenv --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lockvenv
	$(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet "setuptools>=80" wheel
	.lockvenv/bin/pip install --quiet --no-build-isolation ".[dev]"
	{ echo "# Exact versions of everything the site and the tests need (Python 3.11)."; \
	  echo "# Regenerate with: make lock"; \
	  .lockvenv/bin/pip freeze --all --exclude-editable | grep -v -e '^fclesson' -e '^pip=='; \
	} > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) node_modules site
