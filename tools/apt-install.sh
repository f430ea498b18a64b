#!/usr/bin/env bash
# Installs Debian packages when a command is missing: tools/apt-install.sh <command> <package>...
# (as root, or through sudo). Used for tools that npm cannot provide here: Chromium, wrk.
set -euo pipefail
command="$1"
shift
if command -v "$command" >/dev/null 2>&1; then exit 0; fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "[apt] $command is missing: installing Debian's $*" >&2
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
