#!/usr/bin/env bash
# Runs the whole test suite with every service it needs: Debian's Chromium for the browser tests, a
# FerretDB server (built with Go when missing) for the `mongo` store suites, and schemathesis (from PyPI,
# in a cached virtualenv) for the OpenAPI conformance run. Set MONGO_URL to use a MongoDB of your own
# instead of FerretDB. With CI=true a missing browser, database server or schemathesis is an error;
# otherwise the affected suites are skipped with a line saying so.
#
# After vitest it runs schemathesis on both stores and a 60-second soak test.
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

schemathesis_version="4.32.5"
schemathesis_env="${XDG_CACHE_HOME:-$HOME/.cache}/tienda/schemathesis-$schemathesis_version"
if [ ! -x "$schemathesis_env/bin/st" ]; then
  echo "test-all: installing schemathesis $schemathesis_version into $schemathesis_env"
  { python3 -m venv "$schemathesis_env" && "$schemathesis_env/bin/pip" install -q "schemathesis==$schemathesis_version"; } \
    || fail_or_warn "could not install schemathesis from PyPI"
fi

npx vitest run "$@"

if [ "$#" -gt 0 ]; then
  exit 0
fi

stores="fs"
if [ -n "${MONGO_URL:-}" ] || [ -n "${FERRETDB_BIN:-}" ]; then
  stores="fs mongo"
fi
if [ -x "$schemathesis_env/bin/st" ]; then
  # shellcheck disable=SC2086 # one argument per store
  SCHEMATHESIS_BIN="$schemathesis_env/bin/st" npx tsx scripts/schemathesis.ts $stores
fi

SOAK_SECONDS="${SOAK_SECONDS:-60}" npm run test:soak
