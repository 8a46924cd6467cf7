# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Both create .venv with Python 3.12 when it is missing and install the pinned, hashed lock file.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# python3.12 from PATH, else from pyenv's versions, else the system's.
PYTHON312 ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12 /usr/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: demo test quick lint check lock bench train clean

# The demo's database is .storyline/demo.db; it ends by saying how to run storyline from .venv.
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

# The fictional held-out articles are in the repo, so this runs on a fresh clone; the dev corpus and the
# TempEval-3 data live in ../shared beside the repo and are measured when they are there.
SHARED := ../shared
bench: $(STAMP)
	$(PY) benchmarks/relations.py --corpus benchmarks/heldout
	$(PY) benchmarks/speed.py --corpus benchmarks/heldout
	@if [ -d $(SHARED)/corpus/dev ]; then $(PY) benchmarks/relations.py && $(PY) benchmarks/speed.py; \
	else echo "skipped the dev corpus: it is not at $(SHARED)/corpus/dev (the project's shared folder, beside the repo)"; fi
	@if [ -d $(SHARED)/data/te3/tbaq ]; then $(PY) benchmarks/timex.py; \
	else echo "skipped TempEval-3: put its TBAQ data at $(SHARED)/data/te3/tbaq (see README, Measuring)"; fi

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
