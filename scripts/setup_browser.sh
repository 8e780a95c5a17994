#!/usr/bin/env bash
# Install headless Chromium for the browser tests (pytest -m browser). Idempotent: does nothing when it is there.
# Debian/Ubuntu only (apt-get); needs root. Without root it says what to run and exits 0, so setup goes on and the
# browser tests skip with that reason, unless SCENEGEN_REQUIRE_BROWSER=1, which makes this script (and the tests) fail.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core)

for bin in chromium chromium-browser; do
    if command -v "$bin" >/dev/null 2>&1; then
        echo "browser: $(command -v "$bin") is installed"
        exit 0
    fi
done

fail() {
    echo "browser: $1" >&2
    if [ "${SCENEGEN_REQUIRE_BROWSER:-0}" = "1" ]; then exit 1; fi
    echo "browser: the browser tests will be skipped" >&2
    exit 0
}

command -v apt-get >/dev/null 2>&1 || fail "no apt-get here; install Chromium by hand (any chromium on PATH works)"
[ "$(id -u)" -eq 0 ] || fail "not root; run: sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}"

export DEBIAN_FRONTEND=noninteractive
# A fresh image has no package lists: update only when the first install attempt fails.
apt-get install -y --no-install-recommends "${PACKAGES[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y --no-install-recommends "${PACKAGES[@]}" >/dev/null; } \
    || fail "apt-get could not install ${PACKAGES[*]}"
echo "browser: installed $(command -v chromium)"
