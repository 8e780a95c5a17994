#!/usr/bin/env bash
# Create the virtual environment and install scenegen with its test tools. Idempotent.
# System libraries: none are needed yet; open3d (a later backend) will need libusb-1.0, installed here when it lands.
set -euo pipefail
PY=${PY:-python3.11}
VENV=${VENV:-.venv}
command -v "$PY" >/dev/null 2>&1 || PY=python3
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), f"scenegen needs Python 3.11, found {sys.version.split()[0]}"'
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[dev]"
echo "scenegen installed in $VENV"
