#!/bin/sh
# Fleets through the command line (FORMAT.md "Fleets"), one CASE per CTest test:
#   sh fleet_check.sh CASE CMKSIM SOURCE_DIR WORKDIR
#   small: scenarios/fleet-regional-outage.yaml through run (fleet report, --aggregate, JSON for
#          jq), sweep and explore;
#   year:  scenarios/fleet-year.yaml (a year of 1,000 projects) through run, sweep and explore
#          (labelled long: tens of seconds per run).
set -u
HELPERS=$(cd "$(dirname "$0")" && pwd)
CASE=$1 CMKSIM=$2 SRC=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2
. "$HELPERS/lib.sh"  # fail, run, contains, lacks

# json_query FILE EXPRESSION: a value of a JSON file, with python3 (jq need not be installed).
json_query() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$1" "$2"; }

case $CASE in
small)
  F=$SRC/scenarios/fleet-regional-outage.yaml
  run 0 run "$F"
  contains out.txt "fleet: 30 projects, 90 clusters; 3 shutdowns, 4320.0 disabled cluster-minutes"
  contains out.txt "AWS US_EAST_1                10        30          0           0.0  ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_DENIED 20"
  contains out.txt "us-east-1-kms-down     kms_outage             starts 2  ends 2"
  lacks out.txt "RUNNING -> DISABLED_EAR"   # no timeline past 20 projects
  run 0 run "$F" --aggregate never
  contains out.txt "cluster/team-02/db-0"
  contains out.txt "RUNNING -> DISABLED_EAR"
  lacks out.txt "worst projects"
  run 2 run "$F" --aggregate sometimes
  contains err.txt "the argument ('sometimes') for option '--aggregate' is invalid; valid: auto, always, never"
  run 0 run "$F" --format json
  [ "$(json_query out.txt 'd["runs"][0]["fleet"]["shutdowns"]')" = 3 ] || fail "JSON fleet shutdowns"
  [ "$(json_query out.txt 'len(d["runs"][0]["fleet"]["by_project"])')" = 30 ] || fail "JSON by_project"
  [ "$(json_query out.txt 'd["runs"][0]["fleet"]["worst_projects"][0]["project"]')" = team-02 ] || fail "JSON worst project"
  run 0 run "$SRC/scenarios/default.yaml" --format json
  [ "$(json_query out.txt '"fleet" in d["runs"][0]')" = False ] || fail "a small scenario has no fleet report"
  run 0 sweep "$F" --runs 4 --threads 2 --format json --no-progress
  run 0 explore "$F" --runs 3 --seed 2 --quiet --out repro.yaml
  ;;
year)
  F=$SRC/scenarios/fleet-year.yaml
  run 0 run "$F"
  contains out.txt "fleet: 1000 projects, 10000 clusters;"
  contains out.txt "5 of 5 expectations met"
  # fast-forward changes nothing here either: the summary and fleet report, both ways
  run 0 run "$F" --format json && cp out.txt ff.json
  run 0 run "$F" --format json --no-fast-forward
  cmp -s ff.json out.txt || { diff ff.json out.txt | head -20 >&2; fail "fleet-year: JSON differs with fast-forward"; }
  run 0 sweep "$F" --runs 2 --threads 2 --format json --no-progress
  run 0 explore "$F" --runs 1 --quiet --out repro.yaml
  ;;
*) fail "unknown case" ;;
esac
