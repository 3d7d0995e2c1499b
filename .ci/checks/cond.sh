#!/usr/bin/env bash
# CI check: the spec files and notes of the transcribed layouts are
# what gen/transcribe writes from ../shared (repairs and decisions included).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d ../shared/vektis/layouts ]; then
  go run ./gen transcribe -check
else
  echo "../shared not found: transcription check skipped"
fi
