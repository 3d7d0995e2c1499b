#!/usr/bin/env bash
# CI steps of zorgcheck (helper "cli", issue 14): install chromium (.ci/services/chromium.sh,
# which .ci/run also runs) and run the report test in the real browser, keeping its
# screenshot as an artefact under $ARTIFACTS (default ./artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."
touch .ci/env
bash .ci/services/chromium.sh
set -a; . ./.ci/env; set +a

echo "== zorgcheck: the report in a real browser (screenshot kept as an artefact)"
artifacts="${ARTIFACTS:-$PWD/artifacts}"
mkdir -p "$artifacts"
CI=true go test -count=1 -run 'TestReportInBrowser' -v -artifacts -outputdir "$artifacts" ./examples/zorgcheck/
find "$artifacts" -name '*.png' -print
