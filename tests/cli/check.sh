#!/bin/sh
# End-to-end checks of the cmksim binary, one CASE per CTest test:
#   sh check.sh CASE CMKSIM FIXTURES WORKDIR
# Each case runs cmksim on the fixtures in FIXTURES, writes only under WORKDIR (emptied first) and
# exits non-zero with a message saying what was wrong. JSON is checked with python3's json module.
set -u
HELPERS=$(cd "$(dirname "$0")" && pwd)
CASE=$1 CMKSIM=$2 FIX=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK" || exit 2
cd "$WORK" || exit 2

. "$HELPERS/lib.sh"  # fail, run, contains, lacks
lines() { n=$(wc -l <"$1"); [ "$n" -eq "$2" ] || { cat "$1" >&2; fail "$1 has $n lines, expected $2"; }; }
json() { python3 -m json.tool "$1" >/dev/null || fail "$1 is not JSON"; }
jsonl() {
  python3 -c 'import json,sys
n=0
for line in open(sys.argv[1]):
    d=json.loads(line); n+=1
    assert list(d)[:10]==["t_ms","t","kind","entity","from","to","cause","machine","row","fields"], d
assert n>0' "$1" || fail "$1 is not JSON Lines with the stable fields"
}
no_temporaries() { ! ls -a | grep -q '\.tmp\.' || { ls -a >&2; fail "a temporary file was left behind"; }; }

PASSING=$FIX/passing.yaml FAILING=$FIX/failing.yaml BAD=$FIX/bad.yaml SECRETS=$FIX/secrets.yaml

case $CASE in
deterministic-trace)
  run 0 run --quiet --seed 11 --trace a.jsonl "$PASSING"
  run 0 run --quiet --seed 11 --trace b.jsonl "$PASSING"
  cmp a.jsonl b.jsonl || fail "two runs with seed 11 wrote different traces"
  jsonl a.jsonl
  contains a.jsonl '"kind":"transition","entity":"cluster/prod/orders","from":"RUNNING","to":"DISABLED_EAR"'
  run 0 run "$PASSING" && cp out.txt timeline1.txt
  run 0 run "$PASSING"
  cmp out.txt timeline1.txt || fail "two runs printed different timelines"
  # Every bundled scenario: same seed, same bytes; and --seed reaches the random draws somewhere.
  differs=no
  for f in "$FIX"/../../../scenarios/*.yaml; do
    [ -e "$f" ] || continue
    case $f in */fleet-year.yaml) continue ;; esac   # a year of 1,000 projects: fleet_check.sh year (long)
    "$CMKSIM" run --quiet --seed 11 --trace s1.jsonl "$f" >out.txt 2>&1
    "$CMKSIM" run --quiet --seed 11 --trace s2.jsonl "$f" >out.txt 2>&1
    contains out.txt "(seed 11, "
    cmp s1.jsonl s2.jsonl || fail "$f: two runs with seed 11 wrote different traces"
    "$CMKSIM" run --quiet --seed 12 --trace s3.jsonl "$f" >out.txt 2>&1
    cmp -s s1.jsonl s3.jsonl || differs=yes
  done
  if ls "$FIX"/../../../scenarios/*.yaml >/dev/null 2>&1; then
    [ $differs = yes ] || fail "--seed 11 and --seed 12 gave the same trace for every scenario"
  fi
  no_temporaries ;;
outputs-parse)
  run 0 run --clock iso "$PASSING"   # the timeline's times as ISO 8601 instants from start: (default 2026-01-01)
  contains out.txt "2026-01-01T00:"
  run 2 run --clock wall "$PASSING"
  contains err.txt "for option '--clock' is invalid; valid: sim, iso"
  run 0 run --quiet --trace t.jsonl --chrome c.json --state s.json "$PASSING"
  json c.json
  json s.json
  jsonl t.jsonl
  python3 -c 'import json,sys
d=json.load(open("c.json"))
names=[e["args"]["name"] for e in d["traceEvents"] if e["ph"]=="M" and e["name"]=="thread_name"]
assert names.count("cluster/prod/orders")==1, names
assert any(e["ph"]=="X" and e["name"]=="DISABLED_EAR" for e in d["traceEvents"])
assert any(e["ph"]=="i" and e["name"]=="AWS_ENCRYPTION_KEY_INVALID" for e in d["traceEvents"])' || fail "chrome trace content"
  no_temporaries ;;
endpoint-names)  # an endpoint's scenario name is its name in every output (issue 15); its replacement is name~2
  scn="$FIX/../../../scenarios/reject-active-endpoint.yaml"
  run 0 run --trace t.jsonl --chrome c.json --state s.json "$scn"
  contains out.txt "endpoint/east           ACTIVE -> PENDING_RECREATION  (reject_endpoint)"
  contains out.txt "endpoint/east           reject_endpoint -> OK 200"
  contains out.txt "endpoint/east~2         none -> INITIATING  (atlas_recreates)"
  python3 -c 'import json
t=[json.loads(l) for l in open("t.jsonl")]
assert {"endpoint/east","endpoint/east~2"} <= {r["entity"] for r in t}, "trace"
assert not any(r["entity"].startswith("endpoint/65a0") for r in t), "an endpoint shown by id"
c=json.load(open("c.json"))
tracks={e["args"]["name"] for e in c["traceEvents"] if e["ph"]=="M" and e["name"]=="thread_name"}
assert {"endpoint/east","endpoint/east~2"} <= tracks, tracks
s=json.load(open("s.json"))
eps=[e for p in s["projects"] for l in p["privateEndpoints"].values() for e in l]
assert [e["cmksim"]["name"] for e in eps] == ["east~2"], eps
assert len(eps[0]["id"]) == 24' || fail "endpoint names in trace, chrome or state" ;;
failing-expectation)
  run 1 run --trace t.jsonl "$FAILING"
  contains out.txt "FAIL  $FAILING:23:5  "
  contains out.txt "at 0d 00:20:00 expected runState=RUNNING, saw runState=DISABLED_EAR"
  contains out.txt "3 of 4 expectations met, 1 FAILED"
  jsonl t.jsonl  # outputs are still written when an expectation fails
  run 1 run --quiet "$PASSING" "$FAILING"
  contains out.txt "$PASSING: 4 of 4 expectations met"
  lacks out.txt "ENABLED -> DISABLED" ;;
bad-input)
  run 2 run --trace t.jsonl --state s.json "$BAD"
  lines err.txt 1
  grep -q "^$BAD:9:10: " err.txt || { cat err.txt >&2; fail "message is not $BAD:9:10: ..."; }
  lines out.txt 0
  [ ! -e t.jsonl ] && [ ! -e s.json ] || fail "an output file was written for bad input"
  run 2 run "$PASSING" "$BAD"  # nothing runs when any file is bad
  lines err.txt 1
  lines out.txt 0
  run 2 run does-not-exist.yaml
  lines err.txt 1
  contains err.txt "does-not-exist.yaml: "
  no_temporaries ;;
help)
  for c in "" run validate graph actions settings errors; do
    run 0 $c --help
    contains out.txt "Usage: cmksim"
    contains out.txt "Examples:"
    lines err.txt 0
  done
  run 0 run -h && contains out.txt "--trace"
  run 0 help graph && contains out.txt "cmksim graph endpoint --cloud azure"
  run 0 --version && contains out.txt "cmksim " ;;
unknown-option)
  run 2 run --bogus "$PASSING"
  lines err.txt 1
  contains err.txt "'--bogus'"
  contains err.txt "see 'cmksim run --help'"
  run 2 --bogus
  lines err.txt 1
  contains err.txt "see 'cmksim --help'"
  run 2 run --seed -1 "$PASSING" && lines err.txt 1
  run 2 run --seed 12x "$PASSING" && lines err.txt 1
  run 2 run --format xml "$PASSING" && lines err.txt 1
  run 2 run && contains err.txt "no scenario FILE"
  run 2 run --trace a.jsonl "$PASSING" "$PASSING" && lines err.txt 1
  run 2 actions extra && lines err.txt 1
  # Counts are digits, at least 1: Boost alone would read -3 as 18446744073709551613.
  run 2 explore --runs -3 "$PASSING" && lines err.txt 1 && contains err.txt "'--runs'"
  run 2 explore --seed -1 "$PASSING" && lines err.txt 1
  run 2 sweep --threads -2 "$PASSING" && lines err.txt 1 && contains err.txt "'--threads'"
  run 2 sweep --runs 0 "$PASSING" && lines err.txt 1
  run 2 run "$FIX" && contains err.txt "is a directory" ;;
unknown-command)
  run 2 frobnicate
  lines err.txt 1
  contains err.txt "unknown command 'frobnicate'"
  contains err.txt "--help"
  run 2 && lines err.txt 1 ;;
missing-output-dir)
  run 2 run --trace no-such-dir/t.jsonl "$PASSING"
  lines err.txt 1
  contains err.txt "no-such-dir/t.jsonl: cannot create: No such file or directory"
  [ ! -e no-such-dir ] || fail "no-such-dir appeared"
  # one good and one bad path: neither file appears
  run 2 run --trace good.jsonl --chrome no-such-dir/c.json "$PASSING"
  [ ! -e good.jsonl ] || fail "good.jsonl was written although the run failed"
  # an older complete file survives a failed run
  echo old >kept.jsonl
  run 2 run --trace kept.jsonl --state no-such-dir/s.json "$PASSING"
  [ "$(cat kept.jsonl)" = old ] || fail "kept.jsonl was changed by a failed run"
  no_temporaries ;;
validate)
  run 0 validate "$PASSING" "$FAILING"
  contains out.txt "$PASSING: ok"
  contains out.txt "$FAILING: ok"
  run 0 validate -q "$PASSING" && lines out.txt 0
  run 2 validate "$PASSING" "$BAD"
  contains out.txt "$PASSING: ok"
  lines err.txt 1
  contains err.txt "$BAD:9:10: " ;;
graph)
  run 0 graph cluster && contains out.txt "digraph G {" && contains out.txt "DISABLED_EAR"
  run 0 graph project && contains out.txt "ON_INVALID"
  run 0 graph endpoint --cloud aws && cp out.txt aws.dot
  run 0 graph endpoint --cloud azure && cp out.txt azure.dot
  run 0 graph endpoint
  ! cmp -s aws.dot azure.dot || fail "per-cloud endpoint graphs are identical"
  lacks aws.dot "[azure]"
  run 2 graph cluster --cloud aws && lines err.txt 1
  run 2 graph endpoint --cloud gcp && lines err.txt 1
  run 2 graph nope && contains err.txt "unknown machine 'nope'"
  run 2 graph && lines err.txt 1 ;;
catalogs)
  run 0 actions && contains out.txt "disable_key  (cloud console)"
  run 0 actions --format json && json out.txt
  python3 -c 'import json; d=json.load(open("out.txt")); assert any(a["name"]=="create_endpoint" for a in d)' || fail "actions json"
  run 0 settings && contains out.txt "validation_interval  duration = 15m"
  run 0 settings --format json && json out.txt
  python3 -c 'import json; d=json.load(open("out.txt")); assert {"name","kind","default","allowed","description"} <= set(d[0])' || fail "settings json" ;;
errors)  # the error catalogue: text with links, JSON for jq / python
  run 0 errors
  contains out.txt "CANNOT_DISABLE_ENCRYPTION_AT_REST  409"
  contains out.txt "    Cannot disable Encryption at Rest on the group because it is still enabled on one or more clusters in the group."
  contains out.txt "    api-errors: https://www.mongodb.com/docs/atlas/reference/api-errors/"
  contains out.txt "    CIREP: https://github.com/EspenAlbert/schedule-test"
  contains out.txt "UNEXPECTED_ERROR  500  (transient"
  run 0 errors --format json && json out.txt
  python3 -c 'import json
d = json.load(open("out.txt"))
codes = [e["code"] for e in d]
assert codes == sorted(codes) and len(codes) == len(set(codes)) >= 50, codes
assert all({"code", "httpStatus", "message", "source", "transient", "links"} <= set(e) for e in d)
r = [e for e in d if e["code"] == "CANNOT_ASSUME_ROLE"][0]
assert r["httpStatus"] == 400 and r["links"][0]["url"] == "https://github.com/EspenAlbert/schedule-test", r
assert all(e["links"] for e in d if not e["code"].startswith("SIM_")), "a documented code without a link"
assert {e["code"] for e in d if e["transient"]} == {"UNEXPECTED_ERROR", "RATE_LIMITED", "SIM_SERVICE_UNAVAILABLE"}' || fail "errors json"
  if command -v jq >/dev/null; then
    "$CMKSIM" errors --format json | jq -r '.[] | select(.httpStatus == 404) | .code' >jq.txt || fail "jq on errors json"
    contains jq.txt "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND"
  fi
  run 2 errors --format yaml && contains err.txt "cmksim errors: " ;;
answer-expectations)  # expect_error's mapping form and expect_status: a failed answer is exit 1 with expected / seen
  run 1 run "$FIX/answers-failing.yaml"
  contains out.txt "2 FAILED"
  contains out.txt "expected any error, status=400, saw CANNOT_DISABLE_ENCRYPTION_AT_REST, status=409"
  contains out.txt "expected OK, status=202, saw OK, status=201"
  grep -q "FAIL  $FIX/answers-failing.yaml:28:19 " out.txt || { cat out.txt >&2; fail "no FAIL at the expect_error value 28:19"; }
  grep -q "FAIL  $FIX/answers-failing.yaml:32:20 " out.txt || { cat out.txt >&2; fail "no FAIL at the expect_status value 32:20"; }
  run 0 validate "$FIX/answers-failing.yaml"
  printf 'cmksim: 1\nname: t\nhorizon: 1h\nprojects: [{name: p, kms: [{provider: AWS}]}]\ntimeline:\n  - {at: 1m, do: disable_cmk, provider: AWS, expect_error: CANNOT_DISABLE_ENCRYPTION_AT_RST}\n' >typo.yaml
  run 2 validate typo.yaml
  contains err.txt "typo.yaml:6:60: unknown error code 'CANNOT_DISABLE_ENCRYPTION_AT_RST' in expect_error; did you mean 'CANNOT_DISABLE_ENCRYPTION_AT_REST'?"
  printf 'cmksim: 1\nname: t\nhorizon: 1h\nprojects: [{name: p, kms: [{provider: AWS}]}]\ntimeline:\n  - {at: 1m, do: disable_cmk, provider: AWS, expect_status: 299}\n' >status.yaml
  run 2 validate status.yaml
  contains err.txt "status.yaml:6:61: unknown expect_status" ;;
json-summary)
  run 0 run --format json "$PASSING"
  json out.txt
  python3 -c 'import json; d=json.load(open("out.txt")); assert d["passed"] is True and len(d["runs"][0]["expectations"])==4' || fail "summary json"
  lines err.txt 0
  run 1 run --format json "$FAILING"
  json out.txt
  python3 -c 'import json; d=json.load(open("out.txt")); assert d["passed"] is False; x=[e for e in d["runs"][0]["expectations"] if not e["passed"]][0]; assert x["line"]==23 and x["at_ms"]==1200000' || fail "summary json on failure"
  lines err.txt 1
  contains err.txt "FAIL  $FAILING:23:5" ;;
bad-corpus)  # every file of tests/scenario/bad: exit 2, one line FILE:LINE:COLUMN: ..., nothing on stdout
  BADDIR=$FIX/../../scenario/bad
  [ -d "$BADDIR" ] || fail "no $BADDIR"
  for f in "$BADDIR"/*.yaml; do
    run 2 run --trace t.jsonl "$f"
    lines err.txt 1
    lines out.txt 0
    grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: " err.txt || { cat err.txt >&2; fail "message for $f is not $f:LINE:COLUMN: ..."; }
    [ ! -e t.jsonl ] || fail "t.jsonl written for $f"
  done
  no_temporaries ;;
no-secrets)
  run 0 run --trace t.jsonl --chrome c.json --state s.json "$SECRETS"
  grep -q 'secret' "$SECRETS" || fail "fixture lost its secret"
  for f in out.txt err.txt t.jsonl c.json s.json; do lacks "$f" "hunter2"; done ;;
*) fail "unknown case" ;;
esac
exit 0
