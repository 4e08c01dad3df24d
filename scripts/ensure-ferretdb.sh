#!/usr/bin/env bash
# Makes sure a working FerretDB 1.24 binary exists for the mongo test suites and prints its path.
#
# Looks at FERRETDB_BIN, then `ferretdb` on PATH, then $(go env GOPATH)/bin/ferretdb. When none of them
# runs, it builds FerretDB v1.24.2 into $(go env GOPATH)/bin, where later runs find it.
#
# A plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` produces a binary that panics
# at start-up, because build/version/version.txt is not part of the published module. So the module
# source is copied to a temporary folder, version.txt is written, and the binary is built from there.
set -euo pipefail

version="v1.24.2"
module="github.com/FerretDB/FerretDB"

works() {
  [[ -n "$1" && -x "$1" ]] && "$1" --version >/dev/null 2>&1
}

gobin="$(go env GOPATH | cut -d: -f1)/bin"
for candidate in "${FERRETDB_BIN:-}" "$(command -v ferretdb || true)" "$gobin/ferretdb"; do
  if works "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

echo "FerretDB $version not found or not runnable; building it into $gobin (about a minute)." >&2
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

source_dir="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [[ -z "$source_dir" ]]; then
  echo "go mod download $module@$version did not report a source folder." >&2
  exit 1
fi

cp -R "$source_dir" "$workdir/src"
chmod -R u+w "$workdir/src"
echo "$version" > "$workdir/src/build/version/version.txt"

mkdir -p "$gobin"
(cd "$workdir/src" && GOFLAGS=-buildvcs=false go build -o "$gobin/ferretdb" ./cmd/ferretdb)

if ! works "$gobin/ferretdb"; then
  echo "Built $gobin/ferretdb, but it does not run; see its output with: $gobin/ferretdb --version" >&2
  exit 1
fi
echo "$gobin/ferretdb"
