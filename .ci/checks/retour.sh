#!/usr/bin/env bash
# CI check for return messages (called by .ci/run): zorgcheck answers the seed 002 example
# declarations as the insurer and the portal, and reads the answers back. (The golden
# tests of ei/retour hold the expected returns; this checks the command end to end.)
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== retour: zorgcheck retour / outcome"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/zorgcheck" ./examples/zorgcheck
decl=ei/retour/testdata/decl
# Example 1: the portal forwards a clean file, the insurer accepts it (8001).
"$tmp/zorgcheck" retour -role portal -date 2011-04-15 -o "$tmp/r1.txt" "$decl/MZ301-base.txt" | grep -q forwards
"$tmp/zorgcheck" retour -role insurer -date 2011-04-15 -o "$tmp/r1.txt" "$decl/MZ301-base.txt" | grep -q 8001
"$tmp/zorgcheck" outcome "$tmp/r1.txt" "$decl/MZ301-base.txt" | grep -q '^invoice ZB2011-0042: accepted'
# Example 4b: the portal returns the whole VE303 file with 8007 on prestatie 4 (exit 1).
status=0
"$tmp/zorgcheck" retour -role portal -date 2011-04-15 -o "$tmp/r4.txt" "$decl/VE303-date.txt" >/dev/null || status=$?
[ "$status" -eq 1 ]
# outcome exits 1 when the return rejects (as retour does).
status=0
out=$("$tmp/zorgcheck" outcome -json "$tmp/r4.txt" "$decl/VE303-date.txt") || status=$?
[ "$status" -eq 1 ]
grep -q '"code": "8007"' <<<"$out"
echo "ok"
