#!/usr/bin/env bash
# CI check of zorgcheck in the browser (examples/web): the WebAssembly build, and the page
# tested in a real headless Chromium (from .ci/services/chromium.sh), driven over the
# DevTools protocol by the module examples/web/browsertest (chromedp, a module of its
# own so that the library does not gain the dependency). The built page and the
# screenshots are kept as artefacts under $ARTIFACTS (default ./artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a; . ./.ci/env; set +a

artifacts="${ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$artifacts/web"

echo "== the page's program vetted for GOOS=js GOARCH=wasm"
GOOS=js GOARCH=wasm go vet ./examples/web ./examples/internal/report

echo "== build the static files (the README's command)"
dist="$artifacts/web/dist"
go run ./examples/web/build -o "$dist"
ls -l "$dist"

echo "== the page in a real browser (screenshots kept as artefacts)"
(
  cd examples/web/browsertest
  test -z "$(gofmt -l .)" || { echo "not gofmt'ed:"; gofmt -l .; exit 1; }
  go vet ./...
  CI=true ZORGCHECK_WEB_DIST="$dist" go test -count=1 -v -run 'TestPageInBrowser' -shots "$artifacts/web" ./...
)
find "$artifacts/web" -name '*.png' -print
