# The two commands of the README. Both set up everything they need on a fresh machine.
PY ?= python3.11
VENV ?= .venv
PROMPT ?= a bedroom with a bed, two nightstands with a lamp on each, a wardrobe and a rug
SEED ?= 1

.PHONY: setup demo test clean

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	PY=$(PY) VENV=$(VENV) ./scripts/setup.sh
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(VENV)/bin/scenegen make "$(PROMPT)" --seed $(SEED) --out outputs/demo

test: setup
	$(VENV)/bin/python -m pytest -q

clean:
	rm -rf $(VENV) outputs/demo .pytest_cache
