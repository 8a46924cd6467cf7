# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Both create .venv with Python 3.12 when it is missing and install the pinned, hashed lock file.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# python3.12 from PATH, else from pyenv's versions, else the system's.
PYTHON312 ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12 /usr/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: demo test quick lint check lock bench train clean

demo: $(STAMP)
	$(VENV)/bin/storyline demo

# With PostgreSQL installed (Debian's package), a throwaway server runs the store contract on it too.
test: $(STAMP) lint
	PYTHON=$(PY) scripts/with-postgres --if-installed $(PY) -m pytest -q --slow

# The inner loop: model-free tests only, in seconds.
quick: $(STAMP)
	$(PY) -m pytest -q -x

lint: $(STAMP)
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy src
	$(VENV)/bin/lint-imports

# The claim scorer, from ../shared/corpus (never the blind fold): deterministic, minutes on 2 CPUs.
train: $(STAMP)
	$(PY) scripts/train.py
	$(PY) scripts/train.py --cv 5

bench: $(STAMP)
	$(PY) benchmarks/relations.py
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/timex.py

$(PY):
	@test -n "$(PYTHON312)" || { echo "error: Python 3.12 not found; install python3.12 (or pyenv install 3.12) and retry" >&2; exit 1; }
	$(PYTHON312) -m venv $(VENV)

$(STAMP): $(PY) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Regenerate the lock (needs pip-tools; run by a developer, never by CI).
lock:
	$(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras \
		--extra web --extra mcp --extra postgres --extra dask --extra dev --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build src/*.egg-info
