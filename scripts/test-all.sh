#!/usr/bin/env bash
# Runs the whole test suite with every service it needs: Debian's Chromium for the browser tests and a
# FerretDB server (built with `go install` when missing) for the `mongo` store suites. Set MONGO_URL to
# use a MongoDB of your own instead of FerretDB. With CI=true a missing browser or database server is an
# error; otherwise the affected suites are skipped with a line saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=${CI:-false}

fail_or_warn() {
  if [ "$ci" = "true" ]; then
    echo "test-all: $1" >&2
    exit 1
  fi
  echo "test-all: $1 (continuing: the suites that need it are skipped)" >&2
}

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "test-all: installing Debian's chromium for the browser tests"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
      || fail_or_warn "could not install chromium with apt-get"
  else
    fail_or_warn "/usr/bin/chromium is missing; install Debian's chromium package"
  fi
fi

if [ -z "${MONGO_URL:-}" ]; then
  if bin=$(bash scripts/ensure-ferretdb.sh); then
    export FERRETDB_BIN="$bin"
  else
    fail_or_warn "no FerretDB binary and it could not be built; set MONGO_URL or install Go"
  fi
fi

npx vitest run "$@"
