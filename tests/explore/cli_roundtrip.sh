#!/bin/sh
# `cmksim explore` end to end (issue 6 §4): on a bundled scenario with a weak expectation it exits 1
# and writes repro.yaml; `cmksim run repro.yaml` exits 1 failing the very expectation explore named.
set -u
cmksim=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$cmksim" explore "$scenario" --runs 200 --seed 3 --out "$work/repro.yaml" > "$work/explore.out" 2>&1
rc=$?
[ "$rc" = 1 ] || { cat "$work/explore.out"; echo "explore exited $rc, expected 1 (violation found)" >&2; exit 1; }
[ -s "$work/repro.yaml" ] || { echo "no repro.yaml written" >&2; exit 1; }
head -2 "$work/repro.yaml" | grep -q '^# violated: ' || { echo "repro.yaml does not name the violation at the top" >&2; exit 1; }
# The violation line explore printed: "...: VIOLATION in run N of M: <what>: expected X, saw Y".
what=$(sed -n 's/.*VIOLATION in run [0-9]* of [0-9]*: expect: //p' "$work/explore.out" | head -1)
[ -n "$what" ] || { cat "$work/explore.out"; echo "explore printed no violation line" >&2; exit 1; }
"$cmksim" run --quiet "$work/repro.yaml" > "$work/run.out" 2>&1
rc=$?
[ "$rc" = 1 ] || { cat "$work/run.out"; echo "cmksim run repro.yaml exited $rc, expected 1" >&2; exit 1; }
desc=${what%%: expected *}
grep -F "FAIL" "$work/run.out" | grep -qF "$desc" || { cat "$work/run.out"; echo "repro does not fail with: $desc" >&2; exit 1; }
echo "ok: $what"
