#!/usr/bin/env bash
# Create the virtual environment and install scenegen with its test tools. Idempotent.
# System packages: headless Chromium for the browser tests (scripts/setup_browser.sh; apt-get, as root).
set -euo pipefail
PY=${PY:-python3.11}
VENV=${VENV:-.venv}
command -v "$PY" >/dev/null 2>&1 || PY=python3
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), f"scenegen needs Python 3.11, found {sys.version.split()[0]}"'
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[dev,ray,t2i]"
"$(dirname "$0")/setup_browser.sh"
echo "scenegen installed in $VENV"
