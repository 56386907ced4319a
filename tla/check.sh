#!/usr/bin/env bash
# CI entry point for tla/: install the pinned npm tools (no install scripts run, nothing else is
# downloaded), show that the checks can fail (--selftest), then run the syntax gate and every model
# in manifest.json.  With TLA2TOOLS_JAR set, also run SANY and TLC on everything.
# Usage: bash tla/check.sh [check.mjs options, e.g. --only PingPongRuntime]
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error
node check.mjs --selftest
node check.mjs "$@"
if [[ -n "${TLA2TOOLS_JAR:-}" ]]; then
  node check.mjs --tlc "$@"
fi
