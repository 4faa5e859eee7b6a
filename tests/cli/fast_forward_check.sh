#!/bin/sh
# Fast-forward (issue 14 item 2) changes no output: every bundled scenario run with and without
# --no-fast-forward gives byte-identical --trace, --chrome, --state and --format json files, a
# what-if sweep gives the same JSON result, and explore the same findings and repro.
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

# Explore both ways: the same findings, shrinking and repro (the built-in invariants are checked
# where the state can change, not at every tick). Expectations are taken out, as in the golden
# outputs, so the runs go on until something breaks; an Azure key that expires and two scenarios
# whose perturbed runs fail are among them.
explore_both() {
  python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for k in ("expect", "invariants"): d.pop(k, None)
for st in d.get("timeline", []): st.pop("expect_error", None)
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False)' "$SCENARIOS/$1.yaml" "x-$1.yaml" || fail "$1: cannot strip expectations"
  for mode in ff naive; do
    flag=; [ "$mode" = naive ] && flag=--no-fast-forward
    "$CMKSIM" explore $flag "x-$1.yaml" --runs 60 --seed 3 --coverage --out "x-$1.$mode.repro.yaml" >"x-$1.$mode.out" 2>/dev/null
    echo "exit $?" >>"x-$1.$mode.out"
    # the wall time and the repro's name are all that may differ
    sed -i -E "s/ events, [0-9.]+ s\)/ events, N s)/; s/\.$mode\.repro/.repro/" "x-$1.$mode.out"
  done
  cmp -s "x-$1.ff.out" "x-$1.naive.out" || { diff "x-$1.naive.out" "x-$1.ff.out" | head -20 >&2; fail "$1: explore differs with fast-forward"; }
  if [ -e "x-$1.naive.repro.yaml" ] || [ -e "x-$1.ff.repro.yaml" ]; then
    cmp -s "x-$1.ff.repro.yaml" "x-$1.naive.repro.yaml" || fail "$1: explore's repro differs with fast-forward"
  fi
}
for s in credentials-expire kms-outage-restart disable-in-documented-order fleet-regional-outage key-lifecycle-codes; do
  explore_both "$s"
done
[ -e x-kms-outage-restart.ff.repro.yaml ] || fail "kms-outage-restart: explore found nothing to compare"

# The flag is listed where it is accepted.
run 0 run --help
contains out.txt --no-fast-forward
run 0 sweep --help
contains out.txt --no-fast-forward
run 0 explore --help
contains out.txt --no-fast-forward
echo "fast-forward: $n scenarios, a sweep and 5 explores identical both ways"
