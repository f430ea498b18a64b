#!/usr/bin/env bash
# Debian's Chromium for the browser tests (npm's own browser downloads do not work here).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" chromium chromium chromium-driver
