#!/bin/bash
# Golden outputs: what cmksim prints and writes for every bundled scenario (timeline, --trace JSON
# Lines, --chrome, --state, --format json), for a few hundred explore runs, for the what-if sweeps,
# for the catalogues and for every state machine's DOT, compared byte for byte with the files
# recorded in tests/golden/data/ (gzip -n).
# A refactor must leave them unchanged; a deliberate change of output is recorded with
#   bash tests/golden/golden.sh update build/tools/cmksim/cmksim .
# in its own commit that says why.
#   bash golden.sh check|update CMKSIM SOURCE_DIR [WORKDIR]
set -u
MODE=$1 CMKSIM=$(realpath "$2") SRC=$(realpath "$3") WORK=${4:-$(mktemp -d)}
DATA=$SRC/tests/golden/data
rm -rf "$WORK" && mkdir -p "$WORK/out" || exit 2
cd "$SRC" || exit 2   # paths in outputs are relative to the source tree

# produce NAME ARGS...: runs cmksim, keeping stdout and the exit status as NAME.out.
produce() {
  name=$1; shift
  "$CMKSIM" "$@" >"$WORK/out/$name.out" 2>/dev/null
  echo "exit $?" >>"$WORK/out/$name.out"
}

for f in scenarios/*.yaml scenarios/*/*.yaml; do
  [ "$f" = scenarios/fleet-year.yaml ] && continue   # a year of 1,000 projects: tests/cli/fleet_check.sh (long)
  n=$(echo "${f#scenarios/}" | tr / _); n=${n%.yaml}
  produce "run_$n" run "$f" --trace "$WORK/out/run_$n.trace.jsonl" --chrome "$WORK/out/run_$n.chrome.json" \
    --state "$WORK/out/run_$n.state.json"
  produce "run_${n}_json" run "$f" --format json --seed 5
done
# Explore: about 420 perturbed runs of scenarios with their own expectations taken out, so the runs
# go on until a built-in invariant breaks (a violation writes a repro, which is kept too).
mkdir -p "$WORK/in"
for f in aws-kms-privatelink credentials-expire fleet-30-days remove-azure-connection-same-record disable-in-documented-order kms-outage-restart; do
  python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for k in ("expect", "invariants"): d.pop(k, None)
for st in d.get("timeline", []): st.pop("expect_error", None)
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False)' "scenarios/$f.yaml" "$WORK/in/$f.yaml" || exit 2
  produce "explore_$f" explore "$WORK/in/$f.yaml" --runs 100 --seed 3 --coverage --out "$WORK/out/explore_$f.repro.yaml"
done
for f in scenarios/what-if/*.yaml; do
  n=$(basename "$f" .yaml)
  produce "sweep_$n" sweep "$f" --runs 200 --threads 2 --format json --no-progress
done
# The catalogues and every state machine as DOT.
for what in actions settings errors; do produce "$what" "$what"; produce "${what}_json" "$what" --format json; done
for m in endpoint cluster project private_networking project_state key credentials key_access; do produce "graph_$m" graph "$m"; done
for c in aws azure; do produce "graph_endpoint_$c" graph endpoint --cloud "$c"; done
# Outputs name the work paths and explore prints its wall time: make them stable.
sed -i -E "s|$WORK/out/||g; s|$WORK/in/||g; s/ events, [0-9.]+ s\)/ events, N s)/" "$WORK"/out/*.repro.yaml "$WORK"/out/*.out 2>/dev/null

if [ "$MODE" = update ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  for x in "$WORK"/out/*; do gzip -n -9 -c "$x" >"$DATA/$(basename "$x").gz"; done
  echo "golden: recorded $(ls "$DATA" | wc -l) files in $DATA"
  exit 0
fi
status=0
for g in "$DATA"/*.gz; do
  n=$(basename "$g" .gz)
  if [ ! -e "$WORK/out/$n" ]; then echo "golden: $n was not produced" >&2; status=1; continue; fi
  if ! gzip -dc "$g" | cmp -s - "$WORK/out/$n"; then
    echo "golden: $n differs from the recorded output:" >&2
    gzip -dc "$g" | diff - "$WORK/out/$n" | head -20 >&2
    status=1
  fi
done
for x in "$WORK"/out/*; do
  [ -e "$DATA/$(basename "$x").gz" ] || { echo "golden: $(basename "$x") is new (not recorded)" >&2; status=1; }
done
[ $status = 0 ] && echo "golden: $(ls "$DATA" | wc -l) outputs identical"
exit $status
