#!/bin/sh
# Fast-forward (issue 14 item 2) changes no output: every bundled scenario run with and without
# --no-fast-forward gives byte-identical --trace, --chrome, --state and --format json files, and a
# what-if sweep gives the same JSON result.
#   sh fast_forward_check.sh CMKSIM SCENARIOS_DIR WORKDIR
set -u
CASE=fast-forward CMKSIM=$1 SCENARIOS=$2 WORK=$3
HELPERS=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2
. "$HELPERS/lib.sh"  # fail, run

# run_both NAME FILE: the scenario both ways; its outputs must not differ.
run_both() {
  for mode in ff naive; do
    flag=; [ "$mode" = naive ] && flag=--no-fast-forward
    "$CMKSIM" run $flag --format json --trace "$1.$mode.jsonl" --chrome "$1.$mode.chrome.json" --state "$1.$mode.state.json" \
      "$2" >"$1.$mode.summary.json" 2>"$1.$mode.err"
    echo $? >"$1.$mode.status"
  done
  for part in status summary.json jsonl chrome.json state.json; do
    cmp -s "$1.ff.$part" "$1.naive.$part" || { diff "$1.naive.$part" "$1.ff.$part" | head -20 >&2; fail "$1: $part differs with fast-forward"; }
  done
}

n=0
for f in "$SCENARIOS"/*.yaml "$SCENARIOS"/what-if/*.yaml; do
  # a year of 1,000 projects: about a minute without fast-forward, and its trace is hundreds of MB;
  # fleet_check.sh year (labelled long) compares it both ways
  case $f in */fleet-year.yaml) continue ;; esac
  name=$(basename "$f" .yaml)
  run_both "$name" "$f"
  n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n scenarios found under $SCENARIOS"

# A sweep both ways (the summary JSON holds every metric of every run).
SWEEP=$SCENARIOS/what-if/detection-latency.yaml
run 0 sweep "$SWEEP" --runs 20 --threads 1 --format json --quiet
mv out.txt sweep.ff.json
run 0 sweep "$SWEEP" --runs 20 --threads 1 --format json --quiet --no-fast-forward
cmp -s sweep.ff.json out.txt || { diff sweep.ff.json out.txt | head -20 >&2; fail "sweep JSON differs with fast-forward"; }

# The flag is listed where it is accepted.
run 0 run --help
contains out.txt --no-fast-forward
run 0 sweep --help
contains out.txt --no-fast-forward
echo "fast-forward: $n scenarios and a sweep identical both ways"
