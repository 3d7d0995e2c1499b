#!/usr/bin/env bash
# CI check of zorgcheck: the report test in the real browser (Chromium from
# .ci/services/chromium.sh), keeping its screenshot as an artefact under $ARTIFACTS
# (default ./artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a; . ./.ci/env; set +a

echo "== zorgcheck: the report in a real browser (screenshot kept as an artefact)"
artifacts="${ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$artifacts"
CI=true go test -tags integration -count=1 -run 'TestReportInBrowser' -v -artifacts -outputdir "$artifacts" ./examples/zorgcheck/
find "$artifacts" -name '*.png' -print
