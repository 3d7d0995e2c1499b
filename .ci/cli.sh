#!/usr/bin/env bash
# CI steps of zorgcheck (helper "cli", issue 14): the report test opens the HTML page in
# a real headless browser, Debian's chromium. With CI=true the test fails when no
# browser is found, so install it here. The screenshot is kept under $ARTIFACTS (default
# ./artifacts) by go test -artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium for the zorgcheck report test"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi
chromium --version || true

echo "== zorgcheck: the report in a real browser (screenshot kept as an artefact)"
artifacts="${ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$artifacts"
CI=true go test -count=1 -run 'TestReportInBrowser' -artifacts -outputdir "$artifacts" ./examples/zorgcheck/
find "$artifacts" -name '*.png' -print
