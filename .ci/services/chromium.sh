#!/usr/bin/env bash
# Chromium (Debian's package) for the zorgcheck report test, which opens the HTML page in
# a real headless browser; with CI=true that test fails when there is no browser.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi
chromium --version 2>/dev/null || true
echo "ZORGCHECK_CHROMIUM=$(command -v chromium)" >> .ci/env
